"""Scaffolding: a new review file from its kind's template."""

from __future__ import annotations

import difflib
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .atomic import write_new_file
from .config import RetroConfig
from .errors import RetroError, TemplateError
from .load import real_path, split_front_matter
from .templates import render_template
from .yamlload import YamlProblem, parse_front_matter_yaml

MAX_SLUG = 60


def slugify(title: str, fallback: str = "review") -> str:
    """Lowercase ASCII letters, digits and ``-`` made from ``title`` (``fallback`` if it has
    no ASCII letter or digit)."""
    ascii_title = (
        unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii").lower()
    )
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title).strip("-")
    if len(slug) > MAX_SLUG:
        slug = slug[:MAX_SLUG].rsplit("-", 1)[0] or slug[:MAX_SLUG]
    return slug.strip("-") or fallback


@dataclass(frozen=True)
class NewReview:
    title: str
    day: date
    kind: str = "incident"
    severity: str = "medium"
    authors: tuple[str, ...] = ()
    areas: tuple[str, ...] = ()
    tags: tuple[str, ...] = field(default_factory=tuple)

    @property
    def id(self) -> str:
        return f"{self.day.isoformat()}-{title_slug(self.title)}"


def title_slug(title: str) -> str:
    """:func:`slugify` of a review's title, made distinct when the title has no ASCII letter
    or digit to make it from (a title in Cyrillic, Greek, Japanese…): ``review-`` and eight
    hexadecimal digits of the title's hash, so that two such titles on one day are two
    files, and the same title is always the same file."""
    return (
        slugify(title, "")
        or "review-" + hashlib.sha256(title.strip().encode("utf-8")).hexdigest()[:8]
    )


def review_path(config: RetroConfig, request: NewReview) -> Path:
    """``reviews/<YYYY>/<date>-<slug>.md``; always inside the reviews folder."""
    folder = config.reviews_path / f"{request.day.year:04d}"
    path = folder / f"{request.id}.md"
    root = real_path(config.reviews_path)
    resolved = real_path(path)
    if root not in resolved.parents:
        raise RetroError(f"refusing to write outside {config.reviews_dir}/: {resolved}")
    return path


def render_review(config: RetroConfig, request: NewReview) -> str:
    """The new review's text, checked to parse before anything is written."""
    _validate_request(config, request)
    text = render_template(
        config,
        request.kind,
        {
            "title": request.title,
            "date": request.day.isoformat(),
            "kind": request.kind,
            "severity": request.severity,
            "authors": list(request.authors),
            "areas": list(request.areas),
            "tags": list(request.tags),
            "id": request.id,
        },
    )
    split = split_front_matter(text)
    if split is None:
        raise TemplateError(f"the {request.kind} template does not start with front matter")
    try:
        document = parse_front_matter_yaml(split[0], first_line=2)
    except YamlProblem as exc:
        raise TemplateError(
            f"the {request.kind} template renders invalid YAML at line {exc.line}: {exc.message}"
        ) from None
    if not isinstance(document.data, dict):
        raise TemplateError(f"the {request.kind} template's front matter is not a mapping")
    return text


def create_review(config: RetroConfig, request: NewReview) -> Path:
    """Write the new review and return its path; never overwrites (``WriteRefused``)."""
    text = render_review(config, request)
    path = review_path(config, request)
    write_new_file(path, text)
    return path


def _validate_request(config: RetroConfig, request: NewReview) -> None:
    if not request.title.strip():
        raise RetroError("the title is empty; describe what happened in a few words")
    if "\n" in request.title or "\r" in request.title:
        raise RetroError("the title must be a single line")
    if request.kind not in config.kinds:
        raise RetroError(
            f"unknown kind '{request.kind}'; configured kinds: {', '.join(config.kinds)}"
        )
    if config.severity_level(request.severity) is None:
        choices = config.severities
        folded = [c for c in choices if c.casefold() == request.severity.casefold()]
        near = folded or difflib.get_close_matches(request.severity, choices, n=1)
        hint = f"; did you mean '{near[0]}'?" if near else ""
        raise RetroError(
            f"unknown severity '{request.severity}'; configured levels: {', '.join(choices)}{hint}"
        )
    if config.allowed_tags is not None:
        for tag in request.tags:
            if tag not in config.allowed_tags:
                raise RetroError(
                    f"tag '{tag}' is not allowed; configured tags: {', '.join(config.allowed_tags)}"
                )
