"""Make a review page's HTML unable to run script, whatever its body holds.

``retro check`` reports unsafe HTML in a review body (the ``unsafe-html`` rule, with its
messages), but a finding can be allowed through, and a site must never run a review's
script. Every review page's HTML goes through an allow-list kept by a maintained library:
nh3, the Python bindings to the Ammonia crate, which parses as a browser does (HTML5) and
keeps only the elements, attributes and URL schemes named here. The list is what Markdown
and the usual Material extensions write (tables, code, admonitions, task lists, footnotes,
simple SVG icons); animation elements (``<set>``, ``<animate>``), scripts, frames, forms,
event handlers, ``style`` (but ``text-align`` on table cells) and ``javascript:`` URLs are
not in it.

:func:`sanitize_around` cleans a page but for the blocks the renderers generated (escaped
when written, so there is nothing in them to clean), which it keeps word for word.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from functools import lru_cache

import nh3

log = logging.getLogger(__name__)

_SVG_SHAPES = {"svg", "g", "path", "circle", "ellipse", "line", "polyline", "polygon", "rect"}
_SVG_TEXT = {"text", "tspan"}
# A plain button (type="button" only, no form to submit, no handler) is what a sortable
# table's column headings are (the action table of a review page; see retro.render.actions).
TAGS = frozenset(
    nh3.ALLOWED_TAGS | {"input", "label", "title", "desc", "button"} | _SVG_SHAPES | _SVG_TEXT
)

# Attributes any allowed element may carry: Markdown's ids (headings, footnotes) and the
# classes code highlighting, admonitions and the retro pages use.
GENERIC_ATTRIBUTES = frozenset({"class", "id", "title", "lang", "dir", "role", "aria-hidden"})

_SVG_PAINT = {"fill", "stroke", "stroke-width", "fill-rule", "clip-rule", "transform"}
ATTRIBUTES: dict[str, set[str]] = {
    **{tag: set(names) for tag, names in nh3.ALLOWED_ATTRIBUTES.items()},
    "table": {*nh3.ALLOWED_ATTRIBUTES.get("table", ()), "data-retro-sort"},
    "th": {*nh3.ALLOWED_ATTRIBUTES["th"], "style"},
    "td": {*nh3.ALLOWED_ATTRIBUTES["td"], "style", "data-sort"},
    "img": {*nh3.ALLOWED_ATTRIBUTES["img"], "title", "loading"},
    "ol": {"start", "type"},
    "li": {"value"},
    "details": {"open"},
    "input": {"checked", "disabled"},  # and type="checkbox" only (below)
    "label": {"for"},
    "svg": {"viewBox", "viewbox", "width", "height", "xmlns", "focusable", *_SVG_PAINT},
    "path": {"d", *_SVG_PAINT},
    "g": set(_SVG_PAINT),
    "circle": {"cx", "cy", "r", *_SVG_PAINT},
    "ellipse": {"cx", "cy", "rx", "ry", *_SVG_PAINT},
    "line": {"x1", "y1", "x2", "y2", *_SVG_PAINT},
    "polyline": {"points", *_SVG_PAINT},
    "polygon": {"points", *_SVG_PAINT},
    "rect": {"x", "y", "width", "height", "rx", "ry", *_SVG_PAINT},
    "text": {"x", "y", "dx", "dy", "text-anchor", "font-size", *_SVG_PAINT},
    "tspan": {"x", "y", "dx", "dy", "font-size", *_SVG_PAINT},
}


@lru_cache(maxsize=1)
def _cleaner() -> nh3.Cleaner:
    return nh3.Cleaner(
        tags=set(TAGS),
        clean_content_tags={"script", "style"},
        attributes={"*": set(GENERIC_ATTRIBUTES), **ATTRIBUTES},
        tag_attribute_values={"input": {"type": {"checkbox"}}, "button": {"type": {"button"}}},
        url_schemes=set(nh3.ALLOWED_URL_SCHEMES),
        strip_comments=True,
        link_rel=None,  # the site's own links stay as written; none opens a new window
        filter_style_properties={"text-align"},
    )


@lru_cache(maxsize=1)
def _text_only() -> nh3.Cleaner:
    """What is left of a fragment that never settles: its text, without a tag."""
    return nh3.Cleaner(tags=set(), clean_content_tags={"script", "style"}, strip_comments=True)


# Each pass settles one more level of misnested elements: usual bodies settle at the first
# or second, a list of misnested items 30 levels deep at the twentieth. A fragment still
# changing after this many is shown as its text.
MAX_PASSES = 64


def sanitize_html(text: str) -> str:
    """``text`` (an HTML fragment) with only what the allow-list keeps, in a form a browser
    reads as it is written.

    Ammonia parses as a browser does, but what it writes can be nested so that a browser
    parsing it again builds another tree: ``<dl><dt><select><div><dd>x`` comes out as
    ``<dl><dt><div><dd>x</dd></div></dt></dl>``, where the ``<dd>`` closes the ``<dt>`` and
    the ``</div>`` then closes an element of the page around the review (its article), so
    that what follows is laid out outside it. Cleaned again, the fragment is written as it is
    read; it is cleaned until cleaning changes nothing.
    """
    cleaner = _cleaner()
    cleaned = text
    for _ in range(MAX_PASSES):
        again = cleaner.clean(cleaned)
        if again == cleaned:
            return again
        cleaned = again
    log.warning(
        "a review's HTML still changed after %d cleanings; shown as text: %.60r",
        MAX_PASSES,
        text,
    )
    return _text_only().clean(cleaned)


def sanitize_around(text: str, generated: Iterable[str]) -> str:
    """``text`` (a converted page) through the allow-list, except the ``generated`` blocks
    (escaped HTML the renderers wrote, each balanced: see
    :func:`retro_reviews.render.page.generated_blocks`), kept as they are where they are
    found word for word, in order.

    The rest (what came from a review's body, footnotes included, wherever the converter put
    it) is cleaned piece by piece. A cleaned piece is a balanced fragment, so a generated block
    after it is read as it was written; a block not found is cleaned with the rest.
    """
    pieces: list[str] = []
    at = 0
    for block in generated:
        found = text.find(block, at)
        if found < 0:
            continue
        if found > at:
            pieces.append(sanitize_html(text[at:found]))
        pieces.append(block)
        at = found + len(block)
    if at < len(text):
        pieces.append(sanitize_html(text[at:]))
    return "".join(pieces)
