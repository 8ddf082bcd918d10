"""Unsafe HTML in a review's body: anything that could run script on the published site.

Code is documentation, not markup: fenced code blocks, inline code spans and HTML comments
are blanked out (keeping offsets) before the body is searched, so a review can show the
``<script>`` tag that caused an incident.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..findings import Finding, Level
from ..markdown import COMMENT, FENCE, url_as_read
from ..model import Review
from .base import CheckContext, Rule, finding

_DANGEROUS_TAG = re.compile(
    r"<\s*(script|iframe|frame|frameset|object|embed|applet|base|portal)(?![\w-])",
    re.IGNORECASE,
)
# A start tag, quoted attribute values kept whole so that a '>' inside one does not end it.
_TAG = re.compile(r"<[A-Za-z][\w:-]*(?:\"[^\"]*\"|'[^']*'|[^'\"<>])*>?")
_EVENT_HANDLER = re.compile(r"(?<=[\s\"'/])on[a-z]+\s*=", re.IGNORECASE)
_ATTRIBUTE_VALUE = re.compile(
    r"(?<![\w:-])[\w:-]+\s*=\s*(?:\"(?P<dq>[^\"]*)\"|'(?P<sq>[^']*)'|(?P<bare>[^\s\"'>]+))"
)
_QUOTED = re.compile(r"\"[^\"]*\"|'[^']*'")
_REFRESH = re.compile(r"<\s*meta\b[^<>]{0,1000}http-equiv\s*=\s*[\"']?\s*refresh", re.IGNORECASE)
# Markdown links and images [x](javascript:…), reference definitions [x]: javascript:…,
# and autolinks <javascript:…>.
_MARKDOWN_URL = re.compile(
    r"\]\(\s*<?(?P<inline>[^)\s>]*)"
    r"|^[ ]{0,3}\[[^\]\n]+\]:\s*<?(?P<reference>\S+)"
    r"|<(?P<auto>[A-Za-z][A-Za-z0-9+.-]{0,31}:[^<>\s]*)>",
    re.MULTILINE,
)
_SCRIPT_SCHEME = re.compile(r"^(?:javascript|vbscript|livescript):|^data:text/html", re.I)
# A code span stays within its paragraph (it cannot cross a blank line).
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)((?:[^\n]|\n(?![ \t]*\n))+?)(?<!`)\1(?!`)")


def _blank(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


def visible_markup(body: str) -> str:
    """``body`` with code blocks, code spans and HTML comments replaced by spaces."""
    lines = body.split("\n")
    fence: str | None = None
    for index, line in enumerate(lines):
        opened = FENCE.match(line)
        if fence is not None:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = None
            lines[index] = " " * len(line)
        elif opened:
            fence = opened.group(1)
            lines[index] = " " * len(line)
    text = "\n".join(lines)
    return _CODE_SPAN.sub(_blank, COMMENT.sub(_blank, text))


def _is_script_url(value: str) -> bool:
    return bool(_SCRIPT_SCHEME.match(url_as_read(value)))


def unsafe_spans(body: str) -> Iterator[tuple[int, str]]:
    """``(offset, message)`` for each unsafe construct in ``body``."""
    text = visible_markup(body)
    for match in _DANGEROUS_TAG.finditer(text):
        tag = match.group(1).lower()
        yield (
            match.start(),
            (
                f"a <{tag}> tag can run or embed code on the published site; remove it (put it in "
                "a code block, ``` fences, if the review documents it)"
            ),
        )
    for match in _REFRESH.finditer(text):
        yield (
            match.start(),
            ("a <meta http-equiv=refresh> tag redirects readers of the published site; remove it"),
        )
    for tag in _TAG.finditer(text):
        source = tag.group(0)
        if "=" not in source:
            continue
        # Attribute names only: "onerror = 0" inside a quoted value is text, not a handler.
        names = _QUOTED.sub(_blank, source)
        for handler in _EVENT_HANDLER.finditer(names):
            name = handler.group(0).rstrip("= \t\n").lower()
            yield (
                tag.start() + handler.start(),
                (
                    f"the inline event handler '{name}' runs script on the published site; "
                    "remove the attribute"
                ),
            )
        for value in _ATTRIBUTE_VALUE.finditer(source):
            url = value.group("dq") or value.group("sq") or value.group("bare") or ""
            if _is_script_url(url):
                yield (
                    tag.start() + value.start(),
                    (
                        "a javascript: URL in an HTML attribute runs script when clicked; "
                        "link to a real page instead"
                    ),
                )
    for link in _MARKDOWN_URL.finditer(text):
        group = next(g for g in ("inline", "reference", "auto") if link.group(g) is not None)
        if _is_script_url(link.group(group)):
            yield (
                link.start(group),
                ("a javascript: link runs script when clicked; link to a real page instead"),
            )


def _may_hold_markup(body: str) -> bool:
    """A cheap test: without '<' or '&', only a script URL in a Markdown link can be unsafe."""
    if "<" in body or "&" in body:
        return True
    lowered = body.lower()
    return "script" in lowered or "data:" in lowered


def check_unsafe_html(review: Review, ctx: CheckContext) -> Iterator[Finding]:
    body = review.body
    if not body or not _may_hold_markup(body):
        return
    first_line = review.body_line or 1
    for offset, message in sorted(unsafe_spans(body)):
        line = first_line + body.count("\n", 0, offset)
        column = offset - body.rfind("\n", 0, offset)
        yield finding(review, "unsafe-html", message, line, column)


RULES = (
    Rule(
        "unsafe-html",
        Level.ERROR,
        "Script-running HTML in the body: <script>, <iframe>, on…= handlers, javascript:.",
        "The published site must not run code from a review. <script>, <iframe>, <frame>, "
        "<object>, <embed>, <applet>, <base>, <meta http-equiv=refresh>, inline event "
        "handlers (onclick=, onerror=, …) and javascript: links (in HTML attributes or "
        "Markdown links) are errors. To show such code in a review, put it in a fenced code "
        "block or an inline code span: code is not checked. Front-matter values are always "
        "escaped by the site, so they are not checked by this rule.",
        check=check_unsafe_html,
        reads_text_only=True,
    ),
)
