"""What a search indexer reads on a review page: the article only, with its facts marked.

The library's search is Pagefind (see :mod:`retro.search_index`). It indexes only HTML inside
an element marked ``data-pagefind-body``: the converted review, never a theme's navigation,
header or footer, nor a listing page. The facts a result shows (title, date, kind, severity),
the filters (kind, severity, area, tag, status, year) and the date a list of results is
sorted by are written as hidden elements at the start of that body, so that their words are
not part of the excerpt.
"""

from __future__ import annotations

from .escape import html_text
from .page import Page


def mark_for_search(html: str, page: Page) -> str:
    """``html`` (the converted page) inside a search body with the page's facts, or ``html``
    as it is when the page is not to be indexed."""
    facts = page.search
    if facts is None:
        return html
    marks = [
        f'<span data-pagefind-meta="{html_text(name)}">{html_text(value)}</span>'
        for name, value in facts.meta.items()
    ]
    marks += [
        f'<span data-pagefind-filter="{html_text(name)}">{html_text(value)}</span>'
        for name, values in facts.filters.items()
        for value in values
    ]
    marks += [
        f'<span data-pagefind-sort="{html_text(name)}">{html_text(value)}</span>'
        for name, value in facts.sort.items()
    ]
    return search_body(html, page.title, marks)


def search_body(html: str, title: str, marks: list[str] | None = None) -> str:
    """``html`` inside a search body, with ``title`` (the result's title) and the other
    ``marks`` (hidden elements: meta, filters, sort keys) ahead of it, not part of its words."""
    hidden = f'<span data-pagefind-meta="title">{html_text(title)}</span>' + "".join(marks or [])
    return (
        '<div data-pagefind-body>\n<div hidden data-pagefind-ignore="index">'
        + hidden
        + "</div>\n"
        + html
        + "\n</div>"
    )
