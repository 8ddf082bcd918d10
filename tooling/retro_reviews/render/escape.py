"""The one place where text from a review is made safe for a generated page.

Every front-matter value shown on a page goes through :func:`md_text` (inline Markdown),
:func:`html_text` (raw HTML) or, for a field that is a sentence, :func:`html_inline` (raw
HTML with the value's own inline Markdown); a title ``<script>alert(1)</script>`` shows as
text.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from ..markdown import URL_SCHEME, url_as_read

# Characters Python-Markdown (and attr_list) would read as markup anywhere in a line; each
# gets a backslash. Others (``.``, ``-``, ``+``, ``!``, ``(``) only matter at the start of a
# line or after ``[``/``]``, which are escaped; escaping them all would slow every page down.
_MARKDOWN_CHARS = "\\`*_[]{}#"
_ORDERED_ITEM = re.compile(r"^(\d+)([.)])")


def html_text(text: str) -> str:
    """``text`` escaped for HTML element content or a quoted attribute."""
    return html.escape(text, quote=True)


def html_line(text: object) -> str:
    """``text`` on one line (whitespace runs become a space), escaped by :func:`html_text`:
    safe inside a raw HTML block, which a blank line would end."""
    if type(text) is str:
        return _html_line(text)
    return html_text(" ".join(str(text).split()))


@lru_cache(maxsize=8192)  # names, tags, owners and factors recur on page after page
def _html_line(text: str) -> str:
    return html_text(" ".join(text.split()))


# Inline Markdown in a front-matter value (imported postmortems are full of it): code
# spans, links with a web or mail address (or one within the site), autolinks, strong and
# emphasis, backslash escapes. Nothing else is markup: HTML shows as written.
_INLINE = re.compile(
    r"\\(?P<escaped>[!-/:-@\[-`{-~])"
    r"|(?P<ticks>`+)(?P<code>.+?)(?P=ticks)"
    r"|\[(?P<label>(?:[^\[\]\\]|\\.)+)\]\((?P<url>[^\s()<>]+)\)"
    r"|<(?P<auto>(?:https?://|mailto:)[^\s<>]+)>"
)
# The content stops at the next marker of its kind, so that text with many markers that
# never close is read in linear time.
_STRONG = re.compile(
    r"\*\*(?=[^\s*])(?P<a>(?:[^*]|\*(?!\*))+?)(?<=[^\s*])\*\*"
    r"|(?<!\w)__(?=[^\s_])(?P<b>(?:[^_]|_(?!_))+?)(?<=[^\s_])__(?!\w)"
)
_EMPHASIS = re.compile(
    r"\*(?=[^\s*])(?P<a>[^*]+?)(?<=[^\s*])\*|(?<!\w)_(?=[^\s_])(?P<b>[^_]+?)(?<=[^\s_])_(?!\w)"
)
_HELD = re.compile("\ue000(\\d+)\ue001")  # a piece of finished HTML, held out of the text
_SAFE_SCHEMES = ("http:", "https:", "mailto:")


def html_inline(text: object) -> str:
    """``text`` on one line as HTML, with its inline Markdown: `code`, [a link](https://…)
    (a web or mail address, or one without a scheme: within the site), <https://…>,
    **strong** and *emphasis* (``_`` not inside a word), a backslash before a character
    that would be markup. Anything else, HTML included, is text (escaped as
    :func:`html_line` does); a link to another scheme (``javascript:``) shows as written."""
    flat = " ".join(str(text).split())
    if not any(c in flat for c in "`[<*_\\"):
        return _html_line(flat)
    return _inline(flat.replace("\ue000", "\ufffd").replace("\ue001", "\ufffd"), links=True)


_TAG = re.compile(r"<[^>]*>")


def inline_plain(text: object) -> str:
    """``text`` as a reader sees it where :func:`html_inline` shows it, as plain text: its
    inline Markdown read (`code` gives code, [a label](…) its label), without the markup."""
    # html_inline escapes every "<" of the text: what is left of that shape is its own tags.
    return html.unescape(_TAG.sub("", html_inline(text)))


def _inline(text: str, *, links: bool) -> str:
    held: list[str] = []

    def hold(match: re.Match[str]) -> str:
        if match.group("escaped") is not None:
            piece = html_text(match.group("escaped"))
        elif match.group("code") is not None:
            code = match.group("code")
            piece = f"<code>{html_text(code.strip() or code)}</code>"
        elif not links:
            return match.group(0)
        elif match.group("auto") is not None:
            url = html_text(match.group("auto"))
            piece = f'<a href="{url}">{url}</a>'
        elif _safe_url(match.group("url")):
            label = _inline(match.group("label"), links=False)
            piece = f'<a href="{html_text(match.group("url"))}">{label}</a>'
        else:
            return match.group(0)
        held.append(piece)
        return f"\ue000{len(held) - 1}\ue001"

    def strong(match: re.Match[str]) -> str:  # held whole: emphasis cannot cross its edges
        held.append(f"<strong>{_emphasis(match.group('a') or match.group('b'))}</strong>")
        return f"\ue000{len(held) - 1}\ue001"

    marked = _emphasis(_STRONG.sub(strong, html_text(_INLINE.sub(hold, text))))
    while _HELD.search(marked):  # a strong piece holds pieces of its own
        marked = _HELD.sub(lambda m: held[int(m.group(1))], marked)
    return marked


def _emphasis(text: str) -> str:
    return _EMPHASIS.sub(lambda m: f"<em>{m.group('a') or m.group('b')}</em>", text)


def _safe_url(url: str) -> bool:
    """A web or mail address, or one with no scheme (a path, a fragment, ``//host/…``):
    nothing a browser would run. One a browser would read differently from the way it is
    written (a control character, a character reference) is not a link at all."""
    read = url_as_read(url)
    scheme = URL_SCHEME.match(read)
    return read == url and (scheme is None or scheme.group(0).lower() in _SAFE_SCHEMES)


def html_link(text: object, href: str) -> str:
    """``<a href="href">text</a>``; ``href`` must be a URL the site made (see
    :func:`retro.render.links.page_url`) or one checked as http(s)."""
    return f'<a href="{html_text(href)}">{html_line(text)}</a>'


_MD_TABLE = str.maketrans(
    {
        **{c: "\\" + c for c in _MARKDOWN_CHARS},
        "|": "&#124;",
        "<": "&lt;",
        ">": "&gt;",
        "&": "&amp;",
        '"': "&quot;",
    }
)


def md_text(text: object) -> str:
    """``text`` as inline Markdown that renders exactly as written: one line, no markup,
    no HTML, safe in a table cell, a list item, a heading or link text."""
    flat = " ".join(str(text).split()).translate(_MD_TABLE)
    # A value that looks like a list item must not become one (``>`` is already ``&gt;``).
    if flat[:1] in ("-", "+"):
        return "\\" + flat
    return _ORDERED_ITEM.sub(r"\1\\\2", flat)


_CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.DOTALL)


def md_trusted(text: str) -> str:
    """The project's own Markdown (rule and field texts, with `code` and *emphasis*) made
    safe to insert: HTML outside code spans is escaped (a ``<script>`` or ``<kind>`` in a
    rule's text shows as written), and ``|`` cannot end a table cell."""
    out, at = [], 0
    for match in _CODE_SPAN.finditer(text):
        out.append(html.escape(text[at : match.start()], quote=False))
        out.append(match.group(0))
        at = match.end()
    out.append(html.escape(text[at:], quote=False))
    return "".join(out).replace("|", "&#124;")


def front_matter(meta: Mapping[str, Any]) -> str:
    """A front-matter block for a generated page (empty when there is nothing to say).

    Written as JSON, which is YAML too (so any engine reads it) and which
    :func:`read_front_matter` parses in C. A ``title`` is HTML-escaped here: themes print
    ``page.meta.title`` unescaped (in ``<title>``, the header, tag listings), and a title
    taken from the heading instead would be unescaped by Jinja's ``striptags``.
    """
    if not meta:
        return ""
    return "---\n" + json.dumps(page_meta(meta), ensure_ascii=True) + "\n---\n\n"


def page_meta(meta: Mapping[str, Any]) -> dict[str, Any]:
    """A generated page's front matter as a generator reads it from :func:`front_matter`:
    its ``title`` HTML-escaped (see there), for an adapter that hands it over directly."""
    return {k: (html_text(v) if k == "title" else v) for k, v in meta.items()}


def read_front_matter(text: str) -> tuple[dict[str, Any] | None, str]:
    """``(meta, markdown)`` of a page written with :func:`front_matter` (``None`` and the
    text when it has none, or front matter not written by it: MkDocs reads that itself)."""
    if not text.startswith("---\n"):
        return None, text
    end = text.find("\n---\n", 3)
    if end < 0:
        return None, text
    source = text[4 : end + 1]
    try:
        meta = json.loads(source)
    except ValueError:
        return None, text
    if not isinstance(meta, dict):
        return None, text
    return meta, text[end + len("\n---\n") :]
