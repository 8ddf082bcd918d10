"""The one place where text from a review is made safe for a generated page.

Every front-matter value shown on a page goes through :func:`md_text` (inline Markdown) or
:func:`html_text` (raw HTML); a title ``<script>alert(1)</script>`` shows as text.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

import yaml

# Characters Python-Markdown (and attr_list) would read as markup; each gets a backslash.
_MARKDOWN_CHARS = "\\`*_[]{}()#+-.!"


def html_text(text: str) -> str:
    """``text`` escaped for HTML element content or a quoted attribute."""
    return html.escape(text, quote=True)


def md_text(text: object) -> str:
    """``text`` as inline Markdown that renders exactly as written: one line, no markup,
    no HTML, safe in a table cell, a list item, a heading or link text."""
    flat = " ".join(str(text).split())
    out = []
    for char in flat:
        if char in _MARKDOWN_CHARS:
            out.append("\\" + char)
        elif char == "|":
            out.append("&#124;")
        elif char == "<":
            out.append("&lt;")
        elif char == ">":
            out.append("&gt;")
        elif char == "&":
            out.append("&amp;")
        elif char == '"':
            out.append("&quot;")
        else:
            out.append(char)
    return "".join(out)


def front_matter(meta: Mapping[str, Any]) -> str:
    """A YAML front-matter block for a generated page (empty when there is nothing to say).

    A ``title`` is HTML-escaped here: themes print ``page.meta.title`` unescaped (in
    ``<title>``, the header, tag listings), and a title taken from the heading instead would
    be unescaped by Jinja's ``striptags``.
    """
    if not meta:
        return ""
    meta = {k: (html_text(v) if k == "title" else v) for k, v in meta.items()}
    return "---\n" + yaml.safe_dump(dict(meta), allow_unicode=True, sort_keys=False) + "---\n\n"
