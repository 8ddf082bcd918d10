"""One search in the header: Pagefind's, in place of Material's.

The box is written into each page's header (:func:`with_search_box`), so that it is there
from the first paint; its results are a small script and stylesheet shipped with the plugin
(``assets/retro-search.js`` and ``.css``), which load Pagefind's own script from the site,
so a search makes no request outside it. Material's ``search`` plugin would add a second
box and a second index (the whole library's text, sent to every reader's browser): if a
team's ``mkdocs.yml`` lists it, it is turned off for the build
(see :func:`turn_off_material_search`).
"""

from __future__ import annotations

from importlib.resources import files
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

SEARCH_SCRIPT = "assets/retro-search.js"
SEARCH_STYLESHEET = "assets/retro-search.css"

_ASSETS = files(__package__) / "assets"
SEARCH_ASSETS: dict[str, str] = {
    uri: (_ASSETS / uri.rsplit("/", 1)[1]).read_text(encoding="utf-8")
    for uri in (SEARCH_SCRIPT, SEARCH_STYLESHEET)
}
"""``uri -> text`` of the files the plugin adds to the site for the search box."""


SEARCH_INPUT_ID = "retro-search-input"

SEARCH_BOX = (
    # A form, so that Enter pressed before the script runs opens the page again with the
    # words in its address (?q=...), which the script then searches for.
    '<form class="retro-search" role="search">'
    # Without scripts the box could not search: it is not shown.
    "<noscript><style>.retro-search{display:none}</style></noscript>"
    f'<input type="search" name="q" id="{SEARCH_INPUT_ID}" class="retro-search__input"'
    ' role="combobox" aria-autocomplete="list" aria-expanded="false"'
    ' placeholder="Search reviews" aria-label="Search reviews" autocomplete="off"'
    ' spellcheck="false"></form>'
)
"""The box as a page holds it; the script adds its results panel and makes it work."""

_HEADER = '<nav class="md-header__inner'
_SOURCE = '<div class="md-header__source"'


def with_search_box(page: str) -> str:
    """``page`` (a whole HTML page) with :data:`SEARCH_BOX` in Material's header, before
    the link to the repository, else at the header's end; ``page`` as it is when it has no
    such header, or has the box already."""
    header = page.find(_HEADER)
    end = page.find("</nav>", header) if header >= 0 else -1
    if end < 0 or page.find(f'id="{SEARCH_INPUT_ID}"', header, end) >= 0:
        return page
    source = page.find(_SOURCE, header, end)
    at = source if source >= 0 else end
    return page[:at] + SEARCH_BOX + page[at:]


def lacks_search_box(page: str) -> bool:
    """Whether ``page`` has a header of Material's, but no search box in it: a theme
    override whose header :func:`with_search_box` cannot place the box in."""
    return "md-header__inner" in page and f'id="{SEARCH_INPUT_ID}"' not in page


def turn_off_material_search(config: MkDocsConfig) -> bool:
    """Turn Material's (or MkDocs') search plugin off if the configuration lists it: its
    ``enabled`` option, which Material's header and every one of its events read. True if
    there was one to turn off."""
    found = False
    for name in ("material/search", "search"):
        plugin = config.plugins.get(name)
        options = getattr(plugin, "config", None)
        if options is not None and "enabled" in options and options["enabled"]:
            options["enabled"] = False
            found = True
    return found
