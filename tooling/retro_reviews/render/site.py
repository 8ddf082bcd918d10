"""The whole site as data: every generated page, named once in :data:`SECTIONS`."""

from __future__ import annotations

import html
import importlib
import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from ..config import RetroConfig
from ..gitrepo import LastChange
from ..model import Review
from ..parallel import both, will_share
from .actions import render_actions_page
from .checklists import render_checklist_pages
from .context import DEFAULT_SITE_NAME, SiteContext
from .escape import read_front_matter
from .guide import render_guide
from .home import render_home
from .index_pages import render_facet_pages, render_reviews_index, render_tags_page
from .links import ACTIONS, CHECKLISTS, GUIDE, HOME, PATTERNS, REVIEWS, TAGS
from .page import Block, Page, SearchFacts, generated_blocks, review_search_facts
from .review_page import review_page_blocks
from .style import ASSETS

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Section:
    """Listing pages of the site: where the first lives, its title in the navigation (``None``:
    not in it) and what makes them (``uri -> Markdown``, the first at ``uri``)."""

    uri: str | None
    nav: str | None
    make: Callable[[SiteContext], Mapping[str, str]]


@lru_cache(maxsize=1)
def _patterns_available() -> bool:
    """Whether the patterns page can be made (its module imports): decided once."""
    try:
        importlib.import_module(f"{__package__}.patterns")
    except ImportError:
        log.debug("retro_reviews.render.patterns is not available; no /patterns/ page")
        return False
    return True


def _home(ctx: SiteContext) -> dict[str, str]:
    return {HOME: render_home(ctx, with_patterns=_patterns_available())}


def _patterns(ctx: SiteContext) -> dict[str, str]:
    if not _patterns_available():  # optional: a site without it has no /patterns/ page
        return {}
    from .patterns import render_patterns_page

    return {PATTERNS: render_patterns_page(ctx.reviews, ctx.config, ctx.today, ctx)}


# Every listing page, in navigation order: the one list the plugin, the plan and the tests read.
SECTIONS: tuple[Section, ...] = (
    Section(HOME, "Home", _home),
    Section(REVIEWS, "Reviews", lambda ctx: {REVIEWS: render_reviews_index(ctx)}),
    Section(CHECKLISTS, "Checklists", render_checklist_pages),
    Section(ACTIONS, "Actions", lambda ctx: {ACTIONS: render_actions_page(ctx)}),
    Section(PATTERNS, "Patterns", _patterns),
    Section(TAGS, "Tags", lambda ctx: {TAGS: render_tags_page(ctx)}),
    Section(GUIDE, "Guide", lambda ctx: {GUIDE: render_guide(ctx.config)}),
    Section(None, None, render_facet_pages),  # a page per kind, severity and area
)

NAV_PAGES: tuple[tuple[str, str], ...] = tuple(
    (s.nav, s.uri) for s in SECTIONS if s.nav is not None and s.uri is not None
)
"""``(title, uri)`` of the pages a short navigation lists."""


def site_pages(
    reviews: Sequence[Review],
    config: RetroConfig,
    today: date,
    git_facts: Mapping[str, LastChange] | None = None,
    *,
    directory_urls: bool = True,
    site_name: str = DEFAULT_SITE_NAME,
) -> list[Page]:
    """Every generated page for the reviews to show: review pages (newest first), then the
    listing pages in :data:`SECTIONS` order.

    ``reviews`` must already be the site's choice (see :func:`retro.site.select_reviews`):
    whatever is given here appears in pages and counts. ``directory_urls`` is MkDocs'
    ``use_directory_urls``: links in the pages' raw HTML are final URLs; ``site_name``
    (MkDocs' ``site_name``) heads the home page.
    """
    ctx = SiteContext(
        reviews=reviews,
        config=config,
        today=today,
        git_facts=git_facts or {},
        directory_urls=directory_urls,
        site_name=site_name or DEFAULT_SITE_NAME,
    )
    ctx.prepare()  # the library-wide views, made once (before a helper shares the work)
    shown = ctx.reviews
    # Review pages are the bulk of the work: a helper makes most of them (on a second core,
    # see retro.parallel) while this process makes the rest and the listing pages, which
    # take about three quarters as long as all the review pages (measured at 1,000 and
    # 5,000 reviews: a ninth of the review pages here makes both sides end together).
    # A small library is made here alone: forking for nothing costs more than it saves.
    shared = will_share(len(shown))
    cut = len(shown) // 9 if shared else len(shown)

    def made(reviews: Sequence[Review]) -> list[_ReviewParts]:
        return [_review_parts(review, ctx) for review in reviews]

    def here() -> tuple[list[_ReviewParts], list[Page]]:
        listed = (item for section in SECTIONS for item in section.make(ctx).items())
        listings = [_page(uri, text) for uri, text in listed]
        return made(shown[:cut]), listings

    (mine, listings), theirs = both(here, lambda: made(shown[cut:])) if shared else (here(), [])
    pages = [
        _review_page(review, parts, ctx) for review, parts in zip(shown, mine + theirs, strict=True)
    ]
    taken = {p.uri for p in pages}
    for listing in listings:
        if listing.uri not in taken:
            taken.add(listing.uri)
            pages.append(listing)
    return pages


# A review page's parts as plain tuples: a helper sends them back pickled, and plain
# tuples and strings pickle and unpickle about five times as fast as dataclasses (0.1 s
# against 0.5 s for 4,400 review pages).
_ReviewParts = tuple[
    dict[str, object],  # front matter
    list[tuple[str, bool]],  # blocks: text, whether generated HTML
    tuple[dict[str, str], dict[str, list[str]], dict[str, str]],  # search facts
]


def _review_parts(review: Review, ctx: SiteContext) -> _ReviewParts:
    """A review page's front matter, blocks and search facts, as plain tuples."""
    meta, blocks = review_page_blocks(review, ctx)
    areas = list(ctx.shown_names("area", review.areas))
    facts = review_search_facts(review, areas, list(ctx.shown_names("tag", review.tags)))
    return meta, [(b.text, b.html) for b in blocks], (facts.meta, facts.filters, facts.sort)


def _review_page(review: Review, parts: _ReviewParts, ctx: SiteContext) -> Page:
    meta, blocks, facts = parts
    made = tuple(Block(text, html) for text, html in blocks)
    return Page(ctx.uri(review), review.title, meta, made, review, SearchFacts(*facts))


def _page(uri: str, text: str) -> Page:
    meta, markdown = read_front_matter(text)
    meta = meta or {}
    if isinstance(meta.get("title"), str):  # escaped when written; Page.text escapes it again
        meta["title"] = html.unescape(meta["title"])
    title = str(meta.get("title", ""))
    return Page(uri, title, meta, generated_blocks(markdown.lstrip("\n")))


def render_site(
    reviews: Sequence[Review],
    config: RetroConfig,
    today: date,
    git_facts: Mapping[str, LastChange] | None = None,
    *,
    directory_urls: bool = True,
    site_name: str = DEFAULT_SITE_NAME,
) -> dict[str, str]:
    """Every generated file as text, ``docs-relative URI -> content`` (pages as Markdown
    with their front matter, then :data:`ASSETS`): what a generator without a plugin reads."""
    pages = site_pages(
        reviews, config, today, git_facts, directory_urls=directory_urls, site_name=site_name
    )
    return {**{p.uri: p.text for p in pages}, **ASSETS}
