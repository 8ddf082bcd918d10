"""The headings of the core's HTML regions, written and listed as MkDocs' toc extension would.

Regions (see :mod:`retro.render.raw_blocks`) skip Markdown, so their headings get no
permalink from Python-Markdown's ``toc`` extension and are missing from ``page.toc``. This
module writes each such heading the way the extension is configured to (permalink text,
class, title and side, anchor links, base level, depth), gives it an id no Markdown heading
of the page already uses, and puts it in the page's table of contents.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping, MutableSet
from dataclasses import dataclass
from typing import Any

from markdown.extensions.toc import unique
from mkdocs.structure.toc import AnchorLink, TableOfContents

from ..render.raw_blocks import Heading


@dataclass(frozen=True)
class TocStyle:
    """The ``toc`` extension's options that shape a heading."""

    permalink: str = ""  # the permalink's HTML; empty: no permalink
    permalink_class: str = "headerlink"
    permalink_title: str = "Permanent link"
    permalink_leading: bool = False
    anchorlink: bool = False
    anchorlink_class: str = "toclink"
    shift: int = 0  # baselevel - 1
    top: int = 1
    bottom: int = 6

    @classmethod
    def from_options(cls, options: Mapping[str, Any] | None) -> TocStyle:
        """From MkDocs' ``mdx_configs['toc']``; unreadable values fall back to the defaults."""
        options = options or {}
        permalink = options.get("permalink", False)
        if permalink is True or str(permalink).lower() in ("true", "yes", "1"):
            text = "&para;"
        elif permalink in (False, None, "") or str(permalink).lower() in ("false", "no", "0"):
            text = ""
        else:
            text = html.escape(str(permalink), quote=False)
        top, bottom = 1, 6
        depth = options.get("toc_depth", 6)
        try:
            if isinstance(depth, str) and "-" in depth:
                top, bottom = (int(x) for x in depth.split("-", 1))
            else:
                bottom = int(depth)
        except ValueError:
            pass
        try:
            shift = int(options.get("baselevel", 1)) - 1
        except (TypeError, ValueError):
            shift = 0
        return cls(
            permalink=text,
            permalink_class=str(options.get("permalink_class", "headerlink")),
            permalink_title=str(options.get("permalink_title", "Permanent link")),
            permalink_leading=_true(options.get("permalink_leading", False)),
            anchorlink=_true(options.get("anchorlink", False)),
            anchorlink_class=str(options.get("anchorlink_class", "toclink")),
            shift=shift,
            top=top,
            bottom=bottom,
        )

    def level(self, heading: Heading) -> int:
        return min(6, heading.level + self.shift)

    def listed(self, level: int) -> bool:
        return self.top <= level <= self.bottom


def _true(value: object) -> bool:
    return value is True or str(value).lower() in ("true", "yes", "1")


def taken_ids(toc: Iterable[AnchorLink]) -> set[str]:
    """Every id in a table of contents (the Markdown headings of the page)."""
    ids: set[str] = set()
    stack = list(toc)
    while stack:
        item = stack.pop()
        ids.add(item.id)
        stack.extend(item.children)
    return ids


class RegionHeadings:
    """Writes a page's region headings and remembers them for its table of contents."""

    def __init__(self, style: TocStyle, taken: MutableSet[str]) -> None:
        self.style = style
        self.taken = taken
        self.listed: list[AnchorLink] = []
        self.anchors: list[str] = []  # the id on the page of each heading written, in order
        self.first: Heading | None = None  # the first heading written
        self._replayed = 0

    def write(self, heading: Heading) -> str:
        """The heading's HTML on the page (and note it for the table of contents). Its id is
        as generated unless a Markdown heading or an earlier region heading has it."""
        level, anchor = self.style.level(heading), unique(heading.id, self.taken)
        self.anchors.append(anchor)
        if self.first is None:
            self.first = heading
        inner = heading.html
        if self.style.listed(level):
            self.listed.append(AnchorLink(heading.title, anchor, level))
        style = self.style
        if style.anchorlink:
            inner = f'<a class="{style.anchorlink_class}" href="#{anchor}">{inner}</a>'
        if style.permalink:
            title = style.permalink_title and f' title="{html.escape(style.permalink_title)}"'
            link = (
                f'<a class="{html.escape(style.permalink_class)}" href="#{anchor}"{title}>'
                f"{style.permalink}</a>"
            )
            inner = link + inner if style.permalink_leading else inner + link
        return f'<h{level} id="{anchor}">{inner}</h{level}>'

    def plain(self, heading: Heading) -> str:
        """The heading with the id :meth:`write` gave it, nothing added (for the search
        copy): called for the same headings in the same order, after :meth:`write`."""
        level = self.style.level(heading)
        index, self._replayed = self._replayed, self._replayed + 1
        anchor = self.anchors[index] if index < len(self.anchors) else heading.id
        return f'<h{level} id="{anchor}">{heading.html}</h{level}>'

    def first_plain(self) -> str:
        """:meth:`plain` of the first heading written (empty if none was)."""
        if self.first is None:
            return ""
        level = self.style.level(self.first)
        return f'<h{level} id="{self.anchors[0]}">{self.first.html}</h{level}>'

    def add_to(self, toc: TableOfContents, page_html: str) -> None:
        """Put the headings written so far into ``toc`` among the Markdown headings, in
        their order on the page (``page_html``), each nested under the closest earlier
        heading of a higher level, as the toc extension would have."""
        if not self.listed:
            return
        flat = self.listed + _flatten(toc.items)
        order: dict[str, int] = {}
        for match in _ID.finditer(page_html):
            order.setdefault(match.group(1), match.start())
        end = len(page_html)
        flat.sort(key=lambda item: order.get(item.id, end))
        for item in flat:
            item.children = []
        toc.items[:] = _nest(flat)
        toc.items[0].active = True  # type: ignore[attr-defined] # as MkDocs' get_toc does


# The id of an element on the page (headings carry theirs as ``id="…"``).
_ID = re.compile(r' id="([^"]*)"')


def _flatten(items: Iterable[AnchorLink]) -> list[AnchorLink]:
    out: list[AnchorLink] = []
    for item in items:
        out.append(item)
        out.extend(_flatten(item.children))
    return out


def _nest(flat: list[AnchorLink]) -> list[AnchorLink]:
    """Each heading under the closest earlier one of a higher level."""
    roots: list[AnchorLink] = []
    stack: list[AnchorLink] = []
    for item in flat:
        while stack and stack[-1].level >= item.level:
            stack.pop()
        (stack[-1].children if stack else roots).append(item)
        stack.append(item)
    return roots
