"""A light copy of generated HTML for a search indexer: the same words in few elements.

A search indexer that parses HTML (Material's does, element by element) spends most of its
time on the markup of a review's summary table, lists and action table, not on their words.
:func:`search_html` keeps every heading (so each section is still its own search result,
with its anchor) and turns what lies between headings into one paragraph of text. Entities
stay as written, so the indexer decodes them as it would have.
"""

from __future__ import annotations

import re

_HEADING = re.compile(r'(<h[1-6] id="[^"<>]*">.*?</h[1-6]>)', re.DOTALL)
_INLINE_TAG = re.compile(
    r"</?(?:a|abbr|b|code|em|i|kbd|mark|small|span|strong|sub|sup|time)\b[^>]*>"
)
_TAG = re.compile(r"<[^>]*>")


def search_html(html: str) -> str:
    """``html`` (generated HTML whose headings are written by
    :func:`retro.render.raw_blocks.heading`) as headings and paragraphs of plain text."""
    out = []
    for index, part in enumerate(_HEADING.split(html)):
        if index % 2:
            out.append(part)
            continue
        text = " ".join(_TAG.sub(" ", _INLINE_TAG.sub("", part)).split())
        if text:
            out.append(f"<p>{text}</p>")
    return "\n".join(out)


def text_paragraph(html: str) -> str:
    """Every word of ``html`` but its headings' as one ``<p>`` (empty when there are none).

    After a page's title heading, this is its generated part as a single search entry: the
    same as :func:`search_html` of the title and ``html`` without its headings, in one pass.
    """
    parts = _HEADING.split(html)
    text = " ".join(_TAG.sub(" ", _INLINE_TAG.sub("", "".join(parts[::2]))).split())
    return f"<p>{text}</p>" if text else ""
