"""``retro import``: documents in, reviews out, and a report of every step.

Every review is written through :func:`~retro_reviews.atomic.write_new_file` (never over a
file, never half-written); its path is the one ``retro new`` would choose for its date and
title (:func:`~retro_reviews.scaffold.review_path`). A document already imported (the same
bytes, by ``source.sha256``) is recognised and left alone.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from ..atomic import write_new_file
from ..config import RetroConfig
from ..errors import RetroError, WriteRefused
from ..load import discover_review_files
from ..scaffold import NewReview, review_path
from .build import Options, build_review
from .reading import Unreadable, find_documents, outside_project, passed_over, read_document
from .report import (
    ALREADY,
    IMPORTED,
    REFUSED,
    SKIPPED,
    WOULD_IMPORT,
    DocumentReport,
    ImportReport,
)
from .synonyms import SectionTable

STATUSES = ("imported", "draft")
_SHA = re.compile(r"^\s+sha256:\s*[\"']?([0-9a-f]{64})", re.M)


@dataclass(frozen=True)
class ImportRequest:
    paths: tuple[Path, ...]
    kind: str | None = None
    status: str = "imported"
    dry_run: bool = False
    today: date | None = None


def import_documents(config: RetroConfig, request: ImportRequest) -> ImportReport:
    """Import every document of ``request``; raises ``RetroError`` only when nothing can run
    (a path that does not exist, an unknown kind or status)."""
    kind = request.kind or config.kinds[0]
    if kind not in config.kinds:
        raise RetroError(f"unknown kind '{kind}'; configured kinds: {', '.join(config.kinds)}")
    if request.status not in STATUSES:
        raise RetroError(f"--status must be one of {', '.join(STATUSES)}")
    for path in request.paths:
        if not path.exists() and not path.is_symlink():
            raise RetroError(f"{path}: no such file or folder")
    table = SectionTable(config.import_sections)
    known = imported_hashes(config)
    report = ImportReport(dry_run=request.dry_run)
    today = request.today or date.today()
    for path in find_documents(list(request.paths), config.root, config.reviews_path):
        report.documents.append(
            _import_one(path, config, table, known, kind, request.status, today, request.dry_run)
        )
    for path in passed_over(list(request.paths), config.reviews_path):
        why = (
            f"a {path.suffix.lower()} file: retro imports Markdown and text; convert it to "
            "Markdown first (pandoc -t gfm, say), then import that"
        )
        report.documents.append(DocumentReport(config.relpath(path), SKIPPED, reason=why))
    return report


def imported_hashes(config: RetroConfig) -> dict[str, str]:
    """``sha256 -> review path`` of every review that records its source."""
    found: dict[str, str] = {}
    for path in discover_review_files(config):
        try:
            head = path.read_text(encoding="utf-8", errors="replace")[:20_000]
        except OSError:
            continue
        for digest in _SHA.findall(head.split("\n---", 1)[0]):
            found.setdefault(digest, config.relpath(path))
    return found


def _import_one(
    path: Path,
    config: RetroConfig,
    table: SectionTable,
    known: dict[str, str],
    kind: str,
    status: str,
    today: date,
    dry_run: bool,
) -> DocumentReport:
    shown = config.relpath(path)
    refused = outside_project(path, config.root)
    if refused is not None:
        return DocumentReport(shown, REFUSED, reason=refused)
    if _within(path, config.reviews_path):
        return DocumentReport(shown, SKIPPED, reason="it is in the reviews folder already")
    source = read_document(path, config.max_file_bytes)
    if isinstance(source, Unreadable):
        return DocumentReport(shown, SKIPPED, reason=source.reason)
    if source.sha256 in known:
        return DocumentReport(shown, ALREADY, target=known[source.sha256])
    options = Options(kind=kind, status=status, imported=today, source_path=shown)
    built = build_review(source, options, config, table)
    target = _free_path(config, built.title, built.day, kind)
    document = DocumentReport(
        shown,
        WOULD_IMPORT if dry_run else IMPORTED,
        target=config.relpath(target),
        mapped=built.mapped,
        missing=built.missing,
        placeholders=built.placeholders,
        body_only=built.body_only,
        unrecognised=built.unrecognised,
        notes=built.notes,
    )
    if not dry_run:
        try:
            write_new_file(target, review_text(built.meta, built.body))
        except RetroError as exc:
            return DocumentReport(shown, SKIPPED, reason=str(exc))
    known[source.sha256] = config.relpath(target)
    return document


def _within(path: Path, folder: Path) -> bool:
    inner, outer = os.path.abspath(path), os.path.abspath(folder)
    return inner.startswith(outer.rstrip(os.sep) + os.sep)


def _free_path(config: RetroConfig, title: str, day: date, kind: str) -> Path:
    """The path ``retro new`` would give; ``-2``, ``-3``... when another review has it."""
    path = review_path(config, NewReview(title=title, day=day, kind=kind))
    number = 2
    while path.exists() or path.is_symlink():
        path = review_path(config, NewReview(title=f"{title} {number}", day=day, kind=kind))
        number += 1
        if number > 1000:
            raise WriteRefused(f"{path}: too many reviews with this date and title")
    return path


class _Dumper(yaml.SafeDumper):
    pass


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def review_text(meta: dict[str, Any], body: str) -> str:
    """The review file: the front matter as YAML, then the body."""
    front = yaml.dump(
        meta,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=100,
        default_flow_style=False,
    )
    return f"---\n{front}---\n{body}"
