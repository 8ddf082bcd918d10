"""A small library for site tests: reviews written from the conftest template, edited."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from conftest import review_text

MKDOCS_YML = """\
site_name: Test library
docs_dir: docs
repo_url: https://git.example.invalid/team/library
edit_uri: -/edit/main/docs/
theme:
  name: material
  font: false
  features: [content.action.edit]
plugins:
  - search
  - retro:
{options}
"""


def review(review_id: str, body: str | None = None, **fields: Any) -> str:
    """The conftest review for ``review_id`` with front-matter ``fields`` replaced."""
    text = review_text(date=review_id[:10])
    _, front, rest = text.split("---\n", 2)
    meta = yaml.safe_load(front)
    meta.update(fields)
    return (
        "---\n"
        + yaml.safe_dump(meta, sort_keys=False, allow_unicode=True)
        + "---\n"
        + (body if body is not None else rest)
    )


def write_library(root: Path, reviews: dict[str, str], options: str = "      {}") -> Path:
    (root / "docs").mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(MKDOCS_YML.format(options=options))
    for review_id, text in reviews.items():
        path = root / "reviews" / review_id[:4] / f"{review_id}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def build(root: Path, *, strict: bool = True, **env: str) -> subprocess.CompletedProcess[str]:
    """``mkdocs build --strict`` in ``root`` (site in ``root/site``), with a fixed clock."""
    environ = {
        k: v for k, v in os.environ.items() if k not in ("RETRO_PUBLIC", "RETRO_SHOW_STATUS")
    }
    environ.update(
        {"RETRO_TODAY": "2026-06-01", "NO_MKDOCS_2_WARNING": "1", "HOME": str(root), **env}
    )
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", *(["--strict"] if strict else []), "-d", "site"],
        cwd=root,
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
    )


def page(root: Path, uri: str) -> str:
    return (root / "site" / uri).read_text(encoding="utf-8")


def all_output(site: Path) -> dict[str, str]:
    """Every output file as text (gzip files decompressed: ``.gz`` and Pagefind's index)."""
    import gzip

    out = {}
    for path in sorted(site.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            if data[:2] == b"\x1f\x8b":
                data = gzip.decompress(data)
            out[path.relative_to(site).as_posix()] = data.decode("utf-8", "replace")
    return out
