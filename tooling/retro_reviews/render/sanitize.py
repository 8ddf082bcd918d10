"""Make a review page's HTML unable to run script, whatever its body holds.

``retro check`` reports unsafe HTML in a review body, but a finding can be allowed through,
and a site must never run a review's script. This filter (standard library only) drops
``<script>``, ``<iframe>``, ``<object>``, ``<embed>`` and their kin with their content, every
``on*=`` event handler, and ``javascript:`` / ``vbscript:`` / ``data:`` URLs (``data:image/``
stays allowed for ``<img src>``). Everything else is passed through as written.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

DROP_WITH_CONTENT = {
    "script",
    "iframe",
    "object",
    "embed",
    "applet",
    "frame",
    "frameset",
    "noscript",
    "template",
    "style",
}
DROP_TAG = {"base", "meta", "link", "param", "portal"}
URL_ATTRIBUTES = {
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "data",
    "poster",
    "background",
    "codebase",
    "cite",
    "ping",
    "srcset",
    "lowsrc",
    "dynsrc",
}
DROP_ATTRIBUTES = {"srcdoc", "style"}
VOID = {
    "area",
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
    "param",
    "base",
}
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")
_TAG_NAME = re.compile(r"^[a-z][a-z0-9-]*$")


def safe_url(value: str, *, tag: str, attribute: str) -> bool:
    """False for a URL a browser would run as script (or load as a document)."""
    plain = _CONTROL.sub("", html.unescape(value)).lower()
    if plain.startswith(("javascript:", "vbscript:")):
        return False
    if plain.startswith("data:"):
        return (
            tag == "img"
            and attribute == "src"
            and plain.startswith("data:image/")
            and (not plain.startswith("data:image/svg"))
        )
    return True


class _Sanitizer(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.out: list[str] = []
        self.skipping: list[str] = []  # open elements dropped with their content

    def _attrs(self, tag: str, attrs: list[tuple[str, str | None]]) -> str:
        kept = []
        for name, value in attrs:
            name = name.lower()
            if (
                name.startswith("on")
                or name in DROP_ATTRIBUTES
                or not re.match(r"^[a-z_:][a-z0-9_:.-]*$", name)
            ):
                continue
            if value is None:
                kept.append(f" {name}")
                continue
            if name in URL_ATTRIBUTES and not all(
                safe_url(
                    part.strip().split(" ")[0] if name == "srcset" else part,
                    tag=tag,
                    attribute=name,
                )
                for part in (value.split(",") if name == "srcset" else [value])
            ):
                continue
            kept.append(f' {name}="{html.escape(html.unescape(value), quote=True)}"')
        return "".join(kept)

    def _odd_tag(self, tag: str) -> bool:
        """A tag name no browser would read as an element: shown as text."""
        if _TAG_NAME.match(tag):
            return False
        if not self.skipping:
            self.out.append(html.escape(self.get_starttag_text() or "", quote=False))
        return True

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._odd_tag(tag):
            return
        if self.skipping:
            if tag in DROP_WITH_CONTENT:
                self.skipping.append(tag)
            return
        if tag in DROP_WITH_CONTENT:
            if tag not in VOID:
                self.skipping.append(tag)
            return
        if tag in DROP_TAG:
            return
        self.out.append(f"<{tag}{self._attrs(tag, attrs)}>")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._odd_tag(tag):
            return
        if self.skipping or tag in DROP_WITH_CONTENT or tag in DROP_TAG:
            return
        self.out.append(f"<{tag}{self._attrs(tag, attrs)} />")

    def handle_endtag(self, tag: str) -> None:
        if not _TAG_NAME.match(tag):
            if not self.skipping:
                self.out.append(html.escape(f"</{tag}>", quote=False))
            return
        if self.skipping:
            if tag in self.skipping:
                while self.skipping and self.skipping.pop() != tag:
                    pass
            return
        if tag in DROP_WITH_CONTENT or tag in DROP_TAG:
            return
        self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.out.append(data.replace("<", "&lt;").replace(">", "&gt;"))

    def handle_entityref(self, name: str) -> None:
        if not self.skipping:
            self.out.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        if not self.skipping:
            self.out.append(f"&#{name};")

    def handle_comment(self, data: str) -> None:
        pass  # comments are dropped: they can hide conditional markup

    def handle_decl(self, decl: str) -> None:
        pass

    def handle_pi(self, data: str) -> None:
        pass

    def unknown_decl(self, data: str) -> None:
        pass


# A page matching none of these has nothing the filter would remove, and is returned as is
# (most pages): a dangerous tag name, an event handler or style attribute, a comment or
# declaration, or a scheme in a URL attribute. The patterns look at the lowercased raw text,
# inside tags or not, so they can only match more than the parser would, never less. Each
# starts with a literal (or runs only when its word is in the page), which keeps them fast.
_DANGEROUS_TAG = re.compile(
    r"<\s*/?\s*(?:" + "|".join(sorted(DROP_WITH_CONTENT | DROP_TAG)) + r")\b"
)
_HANDLER = re.compile(r"on[a-z]+\s*=")
_DROPPED_ATTRIBUTE = {name: re.compile(name + r"\s*=") for name in sorted(DROP_ATTRIBUTES)}
_URL_VALUE = {
    name: re.compile(re.escape(name) + r"\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]*)")
    for name in sorted(URL_ATTRIBUTES)
}
_PLAIN_URL = re.compile(r"^(?:https?://|mailto:|#|\.{0,2}/|[\w.~%-]+(?:[/#?]|$))", re.I)


def _clean_already(text: str) -> bool:
    lower = text.lower()
    if "<!" in lower or "<?" in lower or _DANGEROUS_TAG.search(lower) or _HANDLER.search(lower):
        return False
    for name, pattern in _DROPPED_ATTRIBUTE.items():
        if name in lower and pattern.search(lower):
            return False
    for name, pattern in _URL_VALUE.items():
        if name not in lower:
            continue
        for match in pattern.finditer(lower):
            value = match.group(1).strip("\"'")
            if value and not _PLAIN_URL.match(value):
                return False
    return True


def sanitize_html(text: str) -> str:
    """``text`` (an HTML fragment) without anything that can run script."""
    if _clean_already(text):
        return text
    parser = _Sanitizer()
    parser.feed(text)
    parser.close()
    return "".join(parser.out)
