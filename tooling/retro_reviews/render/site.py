"""The whole site as Markdown: a function from the reviews shown to pages."""

from __future__ import annotations

import importlib
import logging
from collections.abc import Collection, Iterator, Mapping, Sequence
from datetime import date
from functools import lru_cache

from ..config import RetroConfig
from ..gitrepo import LastChange
from ..model import Review
from ..parallel import MIN_ITEMS, both
from .actions import render_actions_page
from .checklists import render_checklist_pages
from .context import FACETS, SiteContext
from .guide import render_guide
from .home import render_home
from .index_pages import render_facet_pages, render_reviews_index, render_tags_page
from .links import ACTIONS, CHECKLISTS, GUIDE, HOME, PATTERNS, REVIEWS, STYLESHEET, TAGS
from .review_page import render_review_page
from .style import STYLESHEET_TEXT

log = logging.getLogger(__name__)


def render_site(
    reviews: Sequence[Review],
    config: RetroConfig,
    today: date,
    git_facts: Mapping[str, LastChange] | None = None,
    *,
    directory_urls: bool = True,
) -> dict[str, str]:
    """Every generated page, ``docs-relative URI -> Markdown``, for the reviews to show.

    ``reviews`` must already be the site's choice (see :func:`retro.site.select_reviews`):
    whatever is given here appears in pages and counts. ``directory_urls`` is MkDocs'
    ``use_directory_urls``: links in the pages' raw HTML blocks are final URLs. The pages
    come in :attr:`SitePages.uris` order.
    """
    return plan_site(reviews, config, today, git_facts, directory_urls=directory_urls).render()


def plan_site(
    reviews: Sequence[Review],
    config: RetroConfig,
    today: date,
    git_facts: Mapping[str, LastChange] | None = None,
    *,
    directory_urls: bool = True,
) -> SitePages:
    """The site's pages known by address, before any is written (see :func:`render_site`)."""
    ctx = SiteContext(
        reviews=reviews,
        config=config,
        today=today,
        git_facts=git_facts or {},
        directory_urls=directory_urls,
    )
    ctx.checklist_slugs  # noqa: B018 - both kinds of page link to checklists: computed once
    return SitePages(ctx)


class SitePages:
    """Every generated page of a site: their addresses at once, their text on demand.

    The review pages come first, then the listing pages (home, reviews, tags, actions,
    guide, patterns, checklists, facets), then the stylesheet: the order of :attr:`uris`,
    of :meth:`render` and of :meth:`stream`.
    """

    def __init__(self, ctx: SiteContext) -> None:
        self.ctx = ctx
        review_uris = {ctx.uri(review): review for review in ctx.reviews}
        self.reviews = review_uris
        listing = [uri for uri in self._listing_uris() if uri not in review_uris]
        self.listing_uris = listing
        self.uris = [*review_uris, *listing, STYLESHEET]
        self._listed: dict[str, str] | None = None

    def _listing_uris(self) -> list[str]:
        ctx = self.ctx
        uris = [HOME, REVIEWS, TAGS, ACTIONS, GUIDE]
        if _patterns_available():
            uris.append(PATTERNS)
        uris.append(CHECKLISTS)
        uris += [ctx.checklist_page(state.name) or "" for state in ctx.replay.checklists.values()]
        for facet in FACETS:
            uris += [ctx.facet_page(facet, value) or "" for value in ctx.facets[facet]]
        return list(dict.fromkeys(uri for uri in uris if uri))

    def page(self, uri: str) -> str | None:
        """The text of page ``uri`` (``None`` if the site has no such page)."""
        review = self.reviews.get(uri)
        if review is not None:
            return render_review_page(review, self.ctx)
        if uri == STYLESHEET:
            return STYLESHEET_TEXT
        if self._listed is None:
            self._listed = self.listing_pages()
        return self._listed.get(uri)

    def review_pages(self) -> dict[str, str]:
        return {uri: render_review_page(review, self.ctx) for uri, review in self.reviews.items()}

    def listing_pages(self) -> dict[str, str]:
        ctx = self.ctx
        patterns = _patterns_page(ctx.reviews, ctx.config, ctx.today)
        pages = {
            HOME: render_home(ctx, with_patterns=patterns is not None),
            REVIEWS: render_reviews_index(ctx),
            TAGS: render_tags_page(),
            ACTIONS: render_actions_page(ctx),
            GUIDE: render_guide(ctx.config),
        }
        if patterns is not None:
            pages[PATTERNS] = patterns
        pages.update(render_checklist_pages(ctx))
        pages.update(render_facet_pages(ctx))
        return {uri: pages[uri] for uri in self.listing_uris}

    def render(self) -> dict[str, str]:
        """Every page, in :attr:`uris` order. A large library has its review pages and its
        listing pages made at once on two cores (they take about as long)."""
        if len(self.reviews) >= MIN_ITEMS:
            reviewed, listed = both(self.review_pages, self.listing_pages)
        else:
            reviewed, listed = self.review_pages(), self.listing_pages()
        return {**reviewed, **listed, STYLESHEET: STYLESHEET_TEXT}

    def stream(self, only: Collection[str] | None = None) -> Iterator[tuple[str, str]]:
        """``(uri, text)`` for every page (or those in ``only``), one by one, in :attr:`uris`
        order."""
        for uri, review in self.reviews.items():
            if only is None or uri in only:
                yield uri, render_review_page(review, self.ctx)
        if only is None or any(uri in only for uri in self.listing_uris):
            for uri, text in self.listing_pages().items():
                if only is None or uri in only:
                    yield uri, text
        if only is None or STYLESHEET in only:
            yield STYLESHEET, STYLESHEET_TEXT


@lru_cache(maxsize=1)
def _patterns_available() -> bool:
    """Whether the patterns page can be made (its module imports): decided once, for both
    the plan and the page."""
    try:
        importlib.import_module(f"{__package__}.patterns")
    except ImportError:
        log.debug("retro_reviews.render.patterns is not available; no /patterns/ page")
        return False
    return True


def _patterns_page(reviews: Sequence[Review], config: RetroConfig, today: date) -> str | None:
    if not _patterns_available():  # optional: a site without it has no /patterns/ page
        return None
    from .patterns import render_patterns_page

    return render_patterns_page(reviews, config, today)


NAV_PAGES = (
    ("Home", HOME),
    ("Reviews", REVIEWS),
    ("Checklists", "checklists/index.md"),
    ("Actions", ACTIONS),
    ("Patterns", PATTERNS),
    ("Tags", TAGS),
    ("Guide", GUIDE),
)
