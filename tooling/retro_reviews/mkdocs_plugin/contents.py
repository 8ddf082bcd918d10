"""A generated page's table of contents: MkDocs' own, with the generated headings in place.

MkDocs builds a page's table of contents from the headings Python-Markdown's ``toc``
extension finds in the Markdown: on a generated page, those of a review's body. The
generated headings (raw HTML, with their ids: :attr:`retro_reviews.render.page.Page.headings`)
are put among them in the order the page shows them, found by their ids in the page's HTML,
and the whole is nested by level as ``toc`` nests its own. Where ``toc`` is asked for
permalinks, the generated headings get theirs too (:func:`with_permalinks`).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from markdown.extensions.toc import nest_toc_tokens
from markdown.util import parseBoolValue
from mkdocs.structure.toc import AnchorLink, TableOfContents, get_toc

from ..render.page import Page, generated_heading_lines, plain_text


def page_contents(toc: TableOfContents, page: Page, content: str) -> TableOfContents:
    """``toc`` (MkDocs' table of contents of ``page``'s converted ``content``) with the
    page's generated headings put in their places."""
    generated = [
        (h.level, h.anchor, html.escape(h.title, quote=False))
        for h in page.generated_headings
        if h.anchor is not None
    ]
    if not generated:
        return toc
    listed = [(link.level, link.id, link.title) for link in _flat(toc)]
    # Where each heading starts, by its id (one pass over the page); a heading another
    # extension took out stays listed, last.
    starts: dict[str, int] = {}
    for match in _HEADING_ID.finditer(content):
        starts.setdefault(plain_text(match[1]), match.start())
    end = len(content)
    found = sorted(
        (starts.get(ident, end), order, {"level": level, "id": ident, "name": name})
        for order, (level, ident, name) in enumerate([*listed, *generated])
    )
    return get_toc(nest_toc_tokens([token for _, _, token in found]))


_HEADING_ID = re.compile(r'<h[1-6]\b[^>]*?\sid="([^"]*)"')


def _flat(links: Iterable[AnchorLink]) -> Iterator[AnchorLink]:
    for link in links:
        yield link
        yield from _flat(link.children)


def with_permalinks(content: str, page: Page, toc_options: Mapping[str, Any]) -> str:
    """``content`` with a permalink in each of ``page``'s generated headings, made as the
    ``toc`` extension makes one in a Markdown heading with ``toc_options`` (MkDocs'
    ``mdx_configs["toc"]``): its ``permalink`` (``true``: a pilcrow; a text: that text),
    ``permalink_class``, ``permalink_title`` and ``permalink_leading``."""
    symbol = toc_options.get("permalink", False)
    wanted = parseBoolValue(symbol, fail_on_errors=False)
    if wanted is False:
        return content
    text = "\u00b6" if wanted is True else html.escape(str(symbol), quote=False)
    css = html.escape(str(toc_options.get("permalink_class", "headerlink")))
    title = str(toc_options.get("permalink_title", "Permanent link"))
    titled = f' title="{html.escape(title)}"' if title else ""
    leading = parseBoolValue(toc_options.get("permalink_leading", False), fail_on_errors=False)
    for line, ident in generated_heading_lines(page.generated_html):
        link = f'<a class="{css}" href="#{html.escape(ident)}"{titled}>{text}</a>'
        opening, rest = line.split(">", 1)
        inner, closing = rest.rsplit("<", 1)
        inner = link + inner if leading else inner + link
        content = content.replace(line, f"{opening}>{inner}<{closing}", 1)
    return content
