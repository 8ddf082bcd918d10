"""The pages that lead to the reviews: /reviews/ by year, one listing per kind, severity and
area, and the tags page (each tag with its reviews)."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import groupby

from ..model import Review
from .context import FACETS, SiteContext
from .escape import html_line, html_link
from .formatting import day, plural, status_badge
from .links import REVIEWS, TAGS, tag_anchor
from .page import anchor, heading, page

FACET_TITLES = {"kind": "Kind", "severity": "Severity", "area": "Area"}


def review_line(review: Review, ctx: SiteContext, uri: str) -> str:
    """One review in a list, as an HTML ``<li>``: date, linked title, kind, severity and
    areas at a glance."""
    parts = ctx.list_lines.get(review.id)  # the same on every page that lists the review
    if parts is None:
        facts = [html_line(review.kind), html_line(review.severity)]
        if review.areas:
            facts.append(", ".join(html_line(a) for a in review.areas))
        facts = [fact for fact in facts if fact]  # an imported review may have no severity
        badge = status_badge(review.status)
        parts = (
            f"<li>{day(review.date)} · ",
            f"{' ' + badge if badge else ''}" + "".join(f" · {fact}" for fact in facts) + "</li>\n",
        )
        ctx.list_lines[review.id] = parts
    return parts[0] + html_link(review.title, ctx.href(uri, ctx.uri(review))) + parts[1]


def review_list(reviews: Iterable[Review], ctx: SiteContext, uri: str) -> str:
    """A raw HTML list of reviews (one block: Markdown does no inline work on it)."""
    return "<ul>\n" + "".join(review_line(r, ctx, uri) for r in reviews) + "</ul>\n"


def by_year(reviews: Iterable[Review], ctx: SiteContext, uri: str, level: int = 2) -> str:
    """A heading per year (for the table of contents), each followed by its list."""
    out: list[str] = []
    for year, group in groupby(reviews, key=lambda r: r.date.year if r.date else None):
        title = str(year or "Undated")
        out.append(heading(level, anchor(title, "undated"), title) + "\n")
        out.append(review_list(group, ctx, uri))
    return "".join(out)


def facet_filters(ctx: SiteContext, uri: str) -> str:
    """``Kind: incident (3) · …`` for each facet, each value linked: the filters at a
    glance, one HTML paragraph per facet."""
    lines = []
    for facet in FACETS:
        values = ctx.facets[facet]
        if not values:
            continue
        links = " · ".join(
            f"{html_link(value, ctx.href(uri, ctx.facet_page(facet, value) or REVIEWS))} "
            f"({len(reviews)})"
            for value, reviews in values.items()
        )
        lines.append(f"<p><strong>{FACET_TITLES[facet]}:</strong> {links}</p>\n")
    return "".join(lines)


def render_reviews_index(ctx: SiteContext) -> str:
    uri = REVIEWS
    intro = (
        f"<p>{plural(len(ctx.reviews), 'review')}, newest first. Narrow the list by kind, "
        f"severity or area, or browse by {html_link('tag', ctx.href(uri, TAGS))}.</p>\n"
    )
    if not ctx.reviews:
        return page("Reviews", intro + "<p>No reviews are published yet.</p>")
    listing = facet_filters(ctx, uri) + by_year(ctx.reviews, ctx, uri)
    return page("Reviews", intro + listing)


def render_facet_pages(ctx: SiteContext) -> dict[str, str]:
    pages = {}
    for facet in FACETS:
        for value, reviews in ctx.facets[facet].items():
            uri = ctx.facet_page(facet, value)
            if uri is None:
                continue
            title = f"{FACET_TITLES[facet]}: {value}"
            intro = (
                f"<p>{plural(len(reviews), 'review')}, newest first. "
                f"Back to {html_link('all reviews', ctx.href(uri, REVIEWS))}.</p>\n"
            )
            pages[uri] = page(title, intro + by_year(reviews, ctx, uri))
    return pages


def render_tags_page(ctx: SiteContext) -> str:
    """Each tag (as the site shows it, in alphabetical order) with the reviews that carry
    it, newest first, under a heading whose id is the tag's anchor: a tag on a review page
    (and on the patterns page) links there (see :meth:`SiteContext.tag_href`)."""
    out = ["<p>Each tag lists the reviews that carry it. A tag on a review page leads here.</p>"]
    for tag, reviews in ctx.tagged.items():
        out.append(heading(2, tag_anchor(tag), html_line(tag)))
        out.append(review_list(reviews, ctx, TAGS))
    if not ctx.tagged:
        out.append("<p>No review has tags yet.</p>")
    return page("Tags", "\n".join(out))
