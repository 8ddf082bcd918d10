"""The whole site as Markdown: a function from the reviews shown to pages."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from datetime import date

from ..config import RetroConfig
from ..gitrepo import LastChange
from ..model import Review
from ..parallel import MIN_ITEMS, both
from .actions import render_actions_page
from .checklists import render_checklist_pages
from .context import SiteContext
from .guide import render_guide
from .home import render_home
from .index_pages import render_facet_pages, render_reviews_index, render_tags_page
from .links import ACTIONS, GUIDE, HOME, PATTERNS, REVIEWS, STYLESHEET, TAGS
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
    ``use_directory_urls``: links in the pages' raw HTML blocks are final URLs.
    """
    ctx = SiteContext(
        reviews=reviews,
        config=config,
        today=today,
        git_facts=git_facts or {},
        directory_urls=directory_urls,
    )
    ctx.checklist_slugs  # noqa: B018 - both kinds of page link to checklists: computed once

    def review_pages() -> dict[str, str]:
        return {ctx.uri(review): render_review_page(review, ctx) for review in reviews}

    def listing_pages() -> dict[str, str]:
        patterns = _patterns_page(reviews, config, today)
        pages = {
            HOME: render_home(ctx, with_patterns=patterns is not None),
            REVIEWS: render_reviews_index(ctx),
            TAGS: render_tags_page(),
            ACTIONS: render_actions_page(ctx),
            GUIDE: render_guide(config),
        }
        if patterns is not None:
            pages[PATTERNS] = patterns
        pages.update(render_checklist_pages(ctx))
        pages.update(render_facet_pages(ctx))
        return pages

    # The two take about as long; a large library has them made at once on two cores.
    if len(reviews) >= MIN_ITEMS:
        reviewed, listed = both(review_pages, listing_pages)
    else:
        reviewed, listed = review_pages(), listing_pages()
    pages = {**listed, **reviewed}
    pages[STYLESHEET] = STYLESHEET_TEXT
    return pages


def _patterns_page(reviews: Sequence[Review], config: RetroConfig, today: date) -> str | None:
    try:
        from .patterns import render_patterns_page
    except ImportError:  # the patterns page is optional until its module exists
        log.debug("retro.render.patterns is not available; no /patterns/ page")
        return None
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
