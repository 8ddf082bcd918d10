"""One search in the header: Pagefind's, in place of Material's.

The box and its results are a small script and stylesheet shipped with the plugin
(``assets/retro-search.js`` and ``.css``); they load Pagefind's own script from the site,
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
