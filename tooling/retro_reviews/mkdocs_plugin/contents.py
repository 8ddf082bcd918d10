"""Permalinks in a generated page's headings, as ``toc`` makes them in Markdown headings.

The generated headings are raw HTML with their ids
(:attr:`retro_reviews.render.page.Page.headings`), which ``toc`` lists in the page's table of
contents (see :mod:`.blocks`) but does not write into: where ``toc`` is asked for
permalinks, :func:`with_permalinks` adds theirs.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

from markdown.util import parseBoolValue

from ..render.page import Page, generated_heading_lines


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
