"""A generated page as data, and the helpers renderers write its Markdown with.

A page is Markdown that any engine converts the ordinary way. What the core generates (a
review's header card and story, the listing pages' lists and tables, and their headings) is
escaped raw HTML blocks (see :mod:`retro.render.escape`); a review's body, as written, is
Markdown between them, for the engine to convert. An adapter takes a :class:`Page` and hands
:attr:`Page.text` to its generator.

A generated heading carries its id (``<h2 id="root-cause">``): :attr:`Page.headings` lists
every heading of the page in order, the generated ones with their ids, so that an adapter can
put them in the engine's table of contents beside the body's headings (see
:mod:`retro_reviews.mkdocs_plugin.contents`). The ids are unique on a page.

:attr:`Page.blocks` cuts the same Markdown into its parts, each marked as generated HTML or
not. An engine that parses raw HTML to find where it ends (Python-Markdown does, at a cost
that grows with every tag of the large listing pages) may instead pass the generated HTML
blocks through as they are: the result is the same page (see
:mod:`retro_reviews.mkdocs_plugin.blocks`).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property, lru_cache
from typing import Any

from ..model import Review
from ..scaffold import slugify
from .escape import front_matter, html_line, inline_plain


@dataclass(frozen=True)
class Heading:
    """A heading of a page: its level, its text (plain, unescaped) and, for a generated
    heading, its id (``None``: a heading of the Markdown, whose id the engine gives)."""

    level: int
    title: str
    anchor: str | None = None


@dataclass(frozen=True)
class SearchFacts:
    """What a search index keeps of a review besides its words: shown with a result
    (``meta``), offered as filters (``filters``, each a list of values) and the keys a
    list of results can be sorted by (``sort``: values that sort as text)."""

    meta: dict[str, str]
    filters: dict[str, list[str]]
    sort: dict[str, str]


@dataclass(frozen=True)
class Block:
    """A slice of a page's Markdown. ``html``: generated, escaped HTML that is one whole raw
    HTML block as Markdown reads it (see :func:`generated_blocks`), which an engine may pass
    through without parsing it."""

    text: str
    html: bool = False


@dataclass
class Page:
    """One generated page: where it lives, its title, its front matter and its Markdown,
    cut into :class:`Block` s (joined, they are :attr:`markdown`)."""

    uri: str  # docs-relative source address, e.g. ``reviews/2025/2025-01-02-x.md``
    title: str
    meta: dict[str, Any]  # front matter (``title`` among it)
    blocks: tuple[Block, ...]  # the Markdown to convert, without front matter, in parts
    review: Review | None = None  # the review shown, on a review page
    search: SearchFacts | None = field(default=None, repr=False)  # None: not indexed

    def __post_init__(self) -> None:
        self.blocks = _unique_anchors(self.blocks)

    @cached_property
    def markdown(self) -> str:
        """The Markdown to convert, without front matter."""
        return "".join(block.text for block in self.blocks)

    @cached_property
    def generated_html(self) -> tuple[str, ...]:
        """The generated HTML blocks, in order, each as it stands on its lines (the blank
        lines around it left out): what an engine passes through, and a sanitiser keeps."""
        return tuple(block.text.strip("\n") for block in self.blocks if block.html)

    @cached_property
    def generated_headings(self) -> list[Heading]:
        """The generated headings (:func:`heading`), in order, with their ids."""
        return [h for block in self.blocks if block.html for h in generated_headings_in(block.text)]

    @property
    def text(self) -> str:
        """The page as a Markdown file: front matter, then the Markdown."""
        return front_matter(self.meta) + self.markdown

    @cached_property
    def headings(self) -> list[Heading]:
        """The page's headings in order: the generated ones (with their ids) and the
        Markdown's ATX headings (fenced code left out)."""
        found: list[Heading] = []
        fence = ""
        for block in self.blocks:
            if block.html:
                found += generated_headings_in(block.text)
                continue
            for line in block.text.splitlines():
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
# A heading as heading() writes it (its text escaped, without tags). Nothing else in
# generated HTML reads so: a review's words in it are escaped.
_GENERATED_HEADING = re.compile(
    r'<h(?P<level>[1-6]) id="(?P<id>[^"<>]*)">(?P<text>[^<>]*)</h(?P=level)>'
)


def plain_text(text: str) -> str:
    """``text`` (escaped, without tags) as plain text."""
    return html.unescape(text) if "&" in text else text


def generated_headings_in(text: str) -> list[Heading]:
    """The headings :func:`heading` wrote in ``text`` (generated HTML), in order."""
    return [
        Heading(int(m["level"]), plain_text(m["text"]), plain_text(m["id"]))
        for m in _GENERATED_HEADING.finditer(text)
    ]


def generated_anchors(text: str) -> list[str]:
    """The ids of the headings :func:`heading` wrote in ``text`` (generated HTML), in order."""
    return [h.anchor for h in generated_headings_in(text) if h.anchor is not None]


def generated_heading_lines(blocks: Iterable[str]) -> list[tuple[str, str]]:
    """Each heading :func:`heading` wrote in ``blocks`` (generated HTML), as it stands on
    its line, with its id."""
    return [
        (m[0], plain_text(m["id"])) for text in blocks for m in _GENERATED_HEADING.finditer(text)
    ]


def _unique_anchors(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """``blocks`` with each generated heading's id unique on the page: a later heading whose
    id was taken (a review titled "Lessons" above its "Lessons" section) gets ``-2``, ``-3``
    and so on, as a table of contents would number it."""
    taken: set[str] = set()
    clash = False
    for block in blocks:
        if block.html:
            for ident in generated_anchors(block.text):
                clash = clash or ident in taken
                taken.add(ident)
    if not clash:
        return blocks
    seen: set[str] = set()

    def renumbered(match: re.Match[str]) -> str:
        ident = plain_text(match["id"])
        if ident in seen:
            number = 2
            while f"{ident}-{number}" in taken:
                number += 1
            ident = f"{ident}-{number}"
            taken.add(ident)
        seen.add(ident)
        level = match["level"]
        return f'<h{level} id="{html.escape(ident)}">{match["text"]}</h{level}>'

    return tuple(
        Block(_GENERATED_HEADING.sub(renumbered, b.text), html=True) if b.html else b
        for b in blocks
    )


SUMMARY_WORDS = 30
SUMMARY_CHARACTERS = 200
"""How much of what went wrong a result shows when no word was searched for: so many words,
and no more than so many characters (a language written without spaces has no words to
count)."""

UNDATED_SORTS_AS = "0000-00-00"
"""The date a review without one sorts by: an index leaves a page without a sort key out of
a sorted list, so it is listed as the oldest instead."""


def review_search_facts(review: Review, areas: Sequence[str], tags: Sequence[str]) -> SearchFacts:
    """A review's date, kind and severity to show, what went wrong in short (shown when a
    list is filtered with no word, where an excerpt would start at the top of the page, with
    the title again), and its filters: its ``areas`` and ``tags`` as the site shows them (see
    :meth:`SiteContext.shown_names`)."""
    when: date | None = review.date
    day = when.isoformat() if when else ""
    meta = {"date": day, "kind": review.kind or ""}
    meta["severity"] = review.severity or ""
    meta["summary"] = _start(inline_plain(review.what_went_wrong or ""))
    filters = {
        "kind": [review.kind] if review.kind else [],
        "severity": [review.severity] if review.severity else [],
        "area": list(areas),
        "tag": list(tags),
        "status": [review.status] if review.status else [],
        "year": [str(when.year)] if when else [],
    }
    sort = {"date": day or UNDATED_SORTS_AS}
    return SearchFacts(
        {k: v for k, v in meta.items() if v}, {k: v for k, v in filters.items() if v}, sort
    )


def _start(text: str) -> str:
    """The start of ``text``: its first SUMMARY_WORDS words, cut at a space (or, with none,
    anywhere) to keep within SUMMARY_CHARACTERS, with " …" where it is cut."""
    whole = " ".join(text.split())
    start = " ".join(whole.split(" ")[:SUMMARY_WORDS])
    if len(start) > SUMMARY_CHARACTERS:
        start = start[:SUMMARY_CHARACTERS]
        space = start.rfind(" ")
        start = start[:space] if space > 0 else start
    return whole if start == whole else start.rstrip() + " …"


# Tags that open a raw HTML block in Markdown (Python-Markdown's list, less the rare ones).
_BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "details",
        "div",
        "dl",
        "fieldset",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "ul",
    ]
)


def generated_blocks(markdown: str) -> tuple[Block, ...]:
    """``markdown`` (written by a renderer: generated HTML regions and Markdown) cut into
    blocks, the generated HTML ones marked.

    A paragraph (lines up to a run of blank lines) is marked when Markdown would read it as
    one whole raw HTML block, which :func:`_is_html_block` decides without an HTML parser.
    Generated regions keep to that (see :func:`region`); anything else, a review's body
    among it, stays Markdown for the engine to read as it always does.
    """
    blocks: list[Block] = []
    pending: list[str] = []  # Markdown paragraphs not yet in a block
    for paragraph in _paragraphs(markdown):
        if _is_html_block(paragraph):
            if pending:
                blocks.append(Block("".join(pending)))
                pending = []
            blocks.append(Block(paragraph, html=True))
        else:
            pending.append(paragraph)
    if pending:
        blocks.append(Block("".join(pending)))
    return tuple(blocks)


def _paragraphs(markdown: str) -> list[str]:
    """``markdown`` cut after each run of blank lines (joined, the parts are ``markdown``).
    Lines end at ``\\n`` only, as Markdown's do."""
    parts: list[str] = []
    start = at = 0
    blank = False
    for line in markdown.split("\n"):
        if blank and line.strip():
            parts.append(markdown[start:at])
            start = at
        blank = not line.strip()
        at += len(line) + 1
    if start < len(markdown):
        parts.append(markdown[start:])
    return parts


_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^<>]*?(/?)>")
_VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    ]
)


def _is_html_block(paragraph: str) -> bool:
    """Whether ``paragraph`` is raw HTML to Markdown from its first character to its last:
    outside any element there is only whitespace and, at the start of a line, the opening
    tag of a block-level element; every element is closed by the end. Anything else (text
    or an inline element outside an element, an unclosed element) leaves the paragraph to
    the engine. One pass over the tags (a listing page's table has hundreds of thousands)."""
    if not paragraph.startswith("<"):
        return False
    depth = 0  # elements open
    end = -1  # where the last element outside any other ended
    for tag in _TAG.finditer(paragraph):
        closing, name, self_closing = tag.groups()
        if depth == 0:
            # Outside any element: only the opening tag of a block-level element, on a line
            # of its own (after whitespace only).
            if closing or name not in _BLOCK_TAGS:
                return False
            start = tag.start()
            between = paragraph[max(end, 0) : start]
            if between.strip() or (start and not between.endswith("\n")):
                return False
        if closing:
            depth -= 1
        elif not self_closing and name not in _VOID:
            depth += 1
        if depth == 0:
            end = tag.end()
    return depth == 0 and end >= 0 and not paragraph[end:].strip()


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
    """A generated heading, a line of raw HTML: ``<h2 id="anchor">text</h2>``.

    ``text_html`` is escaped text without tags (as :func:`~retro.render.escape.html_line`
    makes it); ``anchor`` is its id (made unique on the page by :class:`Page`). Generated,
    it costs the engine nothing to convert (a Markdown heading costs its inline patterns
    and its table-of-contents work, about a tenth of a build at 1,000 reviews); the adapter
    lists it in the page's table of contents (:attr:`Page.headings`).
    """
    return f'<h{level} id="{html.escape(anchor)}">{text_html}</h{level}>'


@lru_cache(maxsize=4096)
def anchor(text: str, fallback: str = "section") -> str:
    """A slug made from ``text`` (``fallback`` when it has no ASCII letter or digit)."""
    return slugify(text, fallback)
