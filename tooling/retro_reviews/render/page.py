"""A generated page as data, and the helpers renderers write its Markdown with.

A page is Markdown that any engine converts the ordinary way: headings are Markdown headings
(so the engine's table of contents, ids and permalinks apply to them), and the generated,
escaped parts are raw HTML blocks between them (see :mod:`retro.render.escape`). An adapter
takes a :class:`Page` and hands :attr:`Page.text` to its generator; nothing else passes
between the core and the adapter.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property, lru_cache
from typing import Any

from ..model import Review
from ..scaffold import slugify
from .escape import front_matter, html_line, md_text


@dataclass(frozen=True)
class Heading:
    """A heading of a page's Markdown: its level and its text (plain, unescaped)."""

    level: int
    title: str


@dataclass(frozen=True)
class SearchFacts:
    """What a search index keeps of a review besides its words: shown with a result
    (``meta``) and offered as filters (``filters``, each a list of values)."""

    meta: dict[str, str]
    filters: dict[str, list[str]]


@dataclass
class Page:
    """One generated page: where it lives, its title, its front matter and its Markdown."""

    uri: str  # docs-relative source address, e.g. ``reviews/2025/2025-01-02-x.md``
    title: str
    meta: dict[str, Any]  # front matter (``title`` among it)
    markdown: str  # the Markdown to convert, without front matter
    review: Review | None = None  # the review shown, on a review page
    search: SearchFacts | None = field(default=None, repr=False)  # None: not indexed

    @property
    def text(self) -> str:
        """The page as a Markdown file: front matter, then the Markdown."""
        return front_matter(self.meta) + self.markdown

    @cached_property
    def headings(self) -> list[Heading]:
        """The page's Markdown headings in order (fenced code left out)."""
        found: list[Heading] = []
        fence = ""
        for line in self.markdown.splitlines():
            stripped = line.lstrip()
            if fence:
                if stripped.startswith(fence):
                    fence = ""
                continue
            if stripped.startswith(("```", "~~~")):
                fence = stripped[:3]
                continue
            match = _ATX.match(line)
            if match:
                text = _MD_ESCAPE.sub(r"\1", match.group(2).strip())
                found.append(Heading(len(match.group(1)), html.unescape(text)))
        return found


_ATX = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$")
_MD_ESCAPE = re.compile(r"\\(.)")


def review_search_facts(review: Review) -> SearchFacts:
    """A review's date, kind and severity to show, and its filters."""
    when: date | None = review.date
    meta = {"date": when.isoformat() if when else "", "kind": review.kind or ""}
    meta["severity"] = review.severity or ""
    filters = {
        "kind": [review.kind] if review.kind else [],
        "severity": [review.severity] if review.severity else [],
        "area": list(review.areas),
        "tag": list(review.tags),
        "status": [review.status] if review.status else [],
        "year": [str(when.year)] if when else [],
    }
    return SearchFacts(
        {k: v for k, v in meta.items() if v}, {k: v for k, v in filters.items() if v}
    )


# ---------------------------------------------------------------- writing a page's Markdown


def region(text: str) -> str:
    """``text`` (generated, escaped HTML; every top-level line starts with a tag, no blank
    line inside an element) as raw HTML blocks, followed by a blank line."""
    return text.strip("\n") + "\n"


def page(title: str, text: str) -> str:
    """A generated page: ``title`` in its front matter and as its heading, then ``text``
    (generated, escaped HTML with headings written by :func:`heading`)."""
    return front_matter({"title": title}) + region(
        heading(1, anchor(title, "page"), html_line(title)) + "\n" + text
    )


def heading(level: int, anchor: str, text_html: str) -> str:
    """A Markdown heading between raw HTML blocks (blank lines around it).

    ``text_html`` is escaped text without tags (as :func:`~retro.render.escape.html_line`
    makes it). ``anchor`` is kept for the callers' sake: the engine gives the heading its
    id from its text, as it does for every Markdown heading, and makes clashes distinct.
    """
    del anchor
    return f"\n{'#' * level} {_heading_text(text_html)}\n"


@lru_cache(maxsize=4096)  # section titles repeat on every page of a kind
def _heading_text(text_html: str) -> str:
    return md_text(html.unescape(text_html))


@lru_cache(maxsize=4096)
def anchor(text: str, fallback: str = "section") -> str:
    """A slug made from ``text`` (``fallback`` when it has no ASCII letter or digit)."""
    slug = slugify(text)
    return fallback if slug == "review" and "review" not in text.lower() else slug
