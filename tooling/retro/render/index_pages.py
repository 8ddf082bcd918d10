"""The pages that lead to the reviews: /reviews/ by year, one listing per kind, severity and
area, and the tags page (filled by Material's tags plugin)."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import groupby

from ..model import Review
from .context import FACETS, SiteContext
from .escape import front_matter, html_line, html_link, md_text
from .formatting import day, plural, status_badge
from .links import REVIEWS, TAGS, link, rel

FACET_TITLES = {"kind": "Kind", "severity": "Severity", "area": "Area"}


def review_line(review: Review, ctx: SiteContext, uri: str) -> str:
    """One review in a list, as an HTML ``<li>``: date, linked title, kind, severity and
    areas at a glance."""
    facts = [html_line(review.kind), html_line(review.severity)]
    if review.areas:
        facts.append(", ".join(html_line(a) for a in review.areas))
    badge = status_badge(review.status)
    return (
        f"<li>{day(review.date)} · {html_link(review.title, ctx.href(uri, ctx.uri(review)))}"
        f"{' ' + badge if badge else ''} · " + " · ".join(facts) + "</li>\n"
    )


def review_list(reviews: Iterable[Review], ctx: SiteContext, uri: str) -> str:
    """A raw HTML list of reviews (one block: Markdown does no inline work on it)."""
    return "<ul>\n" + "".join(review_line(r, ctx, uri) for r in reviews) + "</ul>\n"


def by_year(reviews: Iterable[Review], ctx: SiteContext, uri: str, level: str = "##") -> str:
    """A Markdown heading per year (for the table of contents), each followed by its list."""
    out: list[str] = []
    for year, group in groupby(reviews, key=lambda r: r.date.year if r.date else None):
        out.append(f"\n{level} {year or 'Undated'}\n\n")
        out.append(review_list(group, ctx, uri))
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
