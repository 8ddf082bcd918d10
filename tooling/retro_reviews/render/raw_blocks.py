"""Generated HTML inside a page's Markdown: regions an adapter may set aside, and their headings.

A generated page is Markdown that any engine renders, but most of it is raw HTML the core
wrote and escaped (see :mod:`retro.render.escape`). Python-Markdown would parse that HTML tag
by tag only to copy it, which was most of the cost of a review page. So the core wraps it in
a *region*::

    <!-- retro:html -->
    <h2 id="impact">Impact</h2>
    <p>…</p>
    <!-- /retro:html -->

and writes each heading in it with :func:`heading`. An adapter may then swap each region for
a one-token placeholder before conversion (:func:`lift_blocks`), put it back after
(:func:`restore_blocks`, which hands every heading to a callback so that the adapter can add
permalinks and list it in the table of contents), and index a lighter copy for search
(:mod:`retro.render.search_text`). Engines that do none of this still render the page
correctly: the markers are HTML comments and every line of a region is raw HTML.

Only generated text may be in a region: a review's body must be converted (and sanitised)
as written.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from functools import lru_cache
from typing import NamedTuple

from ..scaffold import slugify
from .escape import front_matter, html_line

OPEN = "<!-- retro:html -->"
CLOSE = "<!-- /retro:html -->"

_END = "\n" + CLOSE
PLACEHOLDER_START = "<!--retro-block:"
_PLACEHOLDER = re.compile(r"<!--retro-block:(\d+)-->")
_HEADING = re.compile(r'<h([1-6]) id="([^"<>]*)">(.*?)</h\1>')
_TAG = re.compile(r"<[^>]*>")


def region(text: str) -> str:
    """``text`` (generated, escaped HTML; every top-level line starts with a tag) as a region,
    followed by a blank line."""
    return f"{OPEN}\n{text.strip(chr(10))}\n{CLOSE}\n"


def page(title: str, text: str) -> str:
    """A generated page: ``title`` in its front matter and as its heading, then ``text``
    (generated, escaped HTML), all in one region."""
    return front_matter({"title": title}) + region(
        heading(1, anchor(title, "page"), html_line(title)) + "\n" + text
    )


def heading(level: int, anchor: str, text_html: str) -> str:
    """A heading in a region, in the one form :func:`restore_blocks` recognises.

    ``anchor`` must be a slug (``[a-z0-9-]``) and ``text_html`` escaped text without tags.
    """
    return f'<h{level} id="{anchor}">{text_html}</h{level}>'


@lru_cache(maxsize=4096)  # section titles repeat on every page of a kind
def anchor(text: str, fallback: str = "section") -> str:
    """A heading id made from ``text`` (``fallback`` when it has no ASCII letter or digit);
    ids that clash on a page are made distinct by the adapter, as Markdown's would be."""
    slug = slugify(text)
    return fallback if slug == "review" and "review" not in text.lower() else slug


class Heading(NamedTuple):
    """A heading found in a region while it is put back."""

    level: int
    id: str
    html: str  # its content, as written (escaped text)

    @property
    def title(self) -> str:
        """The heading as escaped text without tags (what a table of contents shows)."""
        return html.escape(html.unescape(_TAG.sub("", self.html)), quote=False)


HeadingWriter = Callable[[Heading], str]


def lift_blocks(markdown: str, *, first_only: bool = False) -> tuple[str, list[str]]:
    """``markdown`` with each region (or the first only) replaced by a placeholder, and the
    regions' HTML."""
    blocks: list[str] = []
    out: list[str] = []
    start, at = OPEN + "\n", 0
    while not (first_only and blocks):
        opening = markdown.find(start, at)
        if opening < 0:
            break
        inside = opening + len(start)
        closing = markdown.find(_END, inside)
        if closing < 0:
            break
        out.append(markdown[at:opening])
        out.append(f"{PLACEHOLDER_START}{len(blocks)}-->")
        blocks.append(markdown[inside:closing])
        at = closing + len(_END)
    out.append(markdown[at:])
    return "".join(out), blocks


def restore_blocks(text: str, blocks: list[str], write_heading: HeadingWriter | None = None) -> str:
    """``text`` (converted HTML) with each placeholder replaced by its region's HTML.

    Each heading of a region goes through ``write_heading`` when given (in document order),
    which returns the heading's final HTML. Unknown placeholders are dropped.
    """
    if not blocks:
        return text

    def put_back(match: re.Match[str]) -> str:
        index = int(match.group(1))
        if index >= len(blocks):
            return ""
        block = blocks[index]
        if write_heading is None:
            return block
        return _HEADING.sub(
            lambda m: write_heading(Heading(int(m.group(1)), m.group(2), m.group(3))), block
        )

    return _PLACEHOLDER.sub(put_back, text)
