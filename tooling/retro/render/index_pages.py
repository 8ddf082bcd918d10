"""The pages that lead to the reviews: /reviews/ by year, one listing per kind, severity and
area, and the tags page (filled by Material's tags plugin)."""

from __future__ import annotations

from collections.abc import Iterable

from ..model import Review
from .context import FACETS, SiteContext
from .escape import front_matter, md_text
from .formatting import day, plural, status_badge
from .links import REVIEWS, TAGS, link, rel

FACET_TITLES = {"kind": "Kind", "severity": "Severity", "area": "Area"}


def review_line(review: Review, ctx: SiteContext, uri: str) -> str:
    """One review in a list: date, linked title, kind, severity and areas at a glance."""
    facts = [md_text(review.kind), md_text(review.severity)]
    if review.areas:
        facts.append(", ".join(md_text(a) for a in review.areas))
    badge = status_badge(review.status)
    return (
        f"- {day(review.date)} · {link(review.title, uri, ctx.uri(review))}"
        f"{' ' + badge if badge else ''} · " + " · ".join(facts) + "\n"
    )


def by_year(reviews: Iterable[Review], ctx: SiteContext, uri: str, level: str = "##") -> str:
    out: list[str] = []
    year = None
    for review in reviews:
        this = review.date.year if review.date else None
        if this != year or not out:
            year = this
            out.append(f"\n{level} {year or 'Undated'}\n\n")
        out.append(review_line(review, ctx, uri))
    return "".join(out)


def facet_filters(ctx: SiteContext, uri: str) -> str:
    """``**Kind:** [incident](…) (3) · …`` for each facet: the filters at a glance."""
    lines = []
    for facet in FACETS:
        values = ctx.facets[facet]
        if not values:
            continue
        links = " · ".join(
            f"{link(value, uri, ctx.facet_page(facet, value) or REVIEWS)} ({len(reviews)})"
            for value, reviews in values.items()
        )
        lines.append(f"**{FACET_TITLES[facet]}:** {links}")
    return "\n\n".join(lines)


def render_reviews_index(ctx: SiteContext) -> str:
    uri = REVIEWS
    head = (
        "# Reviews\n\n"
        f"{plural(len(ctx.reviews), 'review')}, newest first. Narrow the list by kind, "
        f"severity or area, or browse by [tag]({rel(uri, TAGS)}).\n\n"
    )
    filters = facet_filters(ctx, uri)
    if not ctx.reviews:
        return head + "No reviews are published yet.\n"
    return head + filters + "\n" + by_year(ctx.reviews, ctx, uri)


def render_facet_pages(ctx: SiteContext) -> dict[str, str]:
    pages = {}
    for facet in FACETS:
        for value, reviews in ctx.facets[facet].items():
            uri = ctx.facet_page(facet, value)
            if uri is None:
                continue
            title = f"{FACET_TITLES[facet]}: {value}"
            pages[uri] = (
                front_matter({"title": title}) + f"# {md_text(title)}\n\n"
                f"{plural(len(reviews), 'review')}, newest first. "
                f"Back to {link('all reviews', uri, REVIEWS)}.\n"
                + by_year(reviews, ctx, uri)
            )
    return pages


def render_tags_page() -> str:
    return (
        "# Tags\n\n"
        "Each tag lists the reviews that carry it. A tag on a review page leads here.\n\n"
        "<!-- material/tags -->\n"
    )
