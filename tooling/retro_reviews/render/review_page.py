"""One review's page: a summary drawn from the front matter, then the body as written."""

from __future__ import annotations

from collections.abc import Iterable

from ..model import ChecklistChange, Review
from .context import SiteContext
from .escape import front_matter, html_line, html_link, html_text
from .formatting import badge, day, duration, status_badge
from .page import anchor, heading, region

# The last line of a review page's generated part: everything before it is generated and
# escaped; what follows is the body as written.
BODY_START = '<hr class="retro-body-start">'

# The facts at a glance: a search index leaves them out (they are its filters and the facts
# shown with a result, see retro.search_index), so that an excerpt shows what was written.
SUMMARY_CLASS = "retro-summary"

CUSTOMER_RESPONSE = (
    ("acknowledged", "Customers told"),
    ("apology", "Apology"),
    ("remedy", "Remedy"),
    ("goodwill", "Goodwill"),
)


def render_review_page(review: Review, ctx: SiteContext) -> str:
    """The Markdown of ``review``'s page (see :data:`retro.render.links.review_uri`)."""
    uri = ctx.uri(review)
    meta: dict[str, object] = {"title": review.title}
    if review.tags:
        meta["tags"] = [html_text(t) for t in review.tags]
    parts = [
        heading(1, anchor(review.title, "review"), html_line(review.title)),
        _summary(review, ctx, uri),
        *_sections(review, ctx, uri),
    ]
    body = review.body.strip("\n")
    if not body.strip():
        return front_matter(meta) + region("\n".join(parts))
    parts.append(BODY_START)
    return front_matter(meta) + region("\n".join(parts)) + "\n" + body + "\n"


def _facet_links(review: Review, ctx: SiteContext, uri: str, facet: str) -> str:
    links = []
    for value in ctx.facet_values(review, facet):
        target = ctx.facet_page(facet, value)
        links.append(html_link(value, ctx.href(uri, target)) if target else html_line(value))
    return ", ".join(links) or "–"


def _summary(review: Review, ctx: SiteContext, uri: str) -> str:
    """The facts at a glance, as a raw HTML table (Markdown leaves it alone: no inline
    processing, which is most of the cost of a page)."""
    badge_html = status_badge(review.status)
    rows = [
        ("Status", html_line(review.status) + (f" {badge_html}" if badge_html else "")),
        ("Kind", _facet_links(review, ctx, uri, "kind")),
        ("Severity", _facet_links(review, ctx, uri, "severity")),
        ("Date", day(review.date)),
        ("Areas", _facet_links(review, ctx, uri, "area")),
        ("Tags", ", ".join(html_line(t) for t in review.tags) or "–"),
        ("Customers affected", _count(review.customers_affected)),
        ("Time to detect", duration(review.timeline.time_to_detect)),
        ("Time to resolve", duration(review.timeline.time_to_resolve)),
    ]
    if review.authors:
        rows.append(("Written by", ", ".join(html_line(a) for a in review.authors)))
    fact = ctx.git_facts.get(review.relpath)
    if fact is not None:
        rows.append(
            ("Last changed", f"{fact.when.date().isoformat()} by {html_line(fact.author or '?')}")
        )
    body = "".join(f"<tr><th>{k}</th><td>{v}</td></tr>\n" for k, v in rows)
    return f'<table class="{SUMMARY_CLASS}">\n<tbody>\n{body}</tbody>\n</table>\n'


def _count(value: int | None) -> str:
    return f"{value:,}" if value is not None else "–"


def _sections(review: Review, ctx: SiteContext, uri: str) -> list[str]:
    """Each front-matter section: a Markdown heading (see :func:`retro.render.page.heading`),
    then its HTML."""
    out: list[str] = []

    def section(title: str, block: str) -> None:
        if block:
            out.append(f"{heading(2, anchor(title), title)}\n{block}\n")

    section("What went wrong", _paragraph(review.what_went_wrong))
    impact = [html_line(review.impact_summary)] if review.impact_summary else []
    if review.customers_affected is not None:
        impact.append(f"<strong>Customers affected:</strong> {_count(review.customers_affected)}")
    if review.cost:
        impact.append(f"<strong>Cost:</strong> {html_line(review.cost)}")
    section("Impact", "\n".join(f"<p>{line}</p>" for line in impact))
    section("Root cause", _paragraph(review.root_cause))
    section("Contributing factors", _bullets(html_line(f) for f in review.contributing_factors))
    response = review.customer_response
    section(
        "Customer response at a glance",
        _bullets(
            f"<strong>{label}:</strong> {html_line(response[key])}"
            for key, label in CUSTOMER_RESPONSE
            if key in response
        ),
    )
    section("Checklist changes", _bullets(_change(c, ctx, uri) for c in review.checklist_changes))
    section("Action items", _actions(review, ctx))
    section("Lessons", _bullets(html_line(lesson) for lesson in review.lessons))
    section(
        "Related reviews",
        _bullets(
            html_link(other.title, ctx.href(uri, ctx.uri(other))) + f" ({day(other.date)})"
            for other in ctx.related.get(review.id, [])
        ),
    )
    return out


def _paragraph(text: object) -> str:
    line = html_line(text) if text is not None else ""
    return f"<p>{line}</p>" if line else ""


def _bullets(lines: Iterable[str]) -> str:
    items = "".join(f"<li>{line}</li>\n" for line in lines)
    return f"<ul>\n{items}</ul>" if items else ""


def _change(change: ChecklistChange, ctx: SiteContext, uri: str) -> str:
    target = ctx.checklist_page(change.checklist)
    name = (
        html_link(change.checklist, ctx.href(uri, target))
        if target
        else html_line(change.checklist)
    )
    verb = {"add": "Added to", "remove": "Removed from", "reword": "Reworded in"}.get(
        change.change, html_line(change.change) + ":"
    )
    text = f"{verb} {name}: “{html_line(change.item)}”"
    if change.change == "reword" and change.was:
        text += f" (was “{html_line(change.was)}”)"
    return text


def _actions(review: Review, ctx: SiteContext) -> str:
    if not review.action_items:
        return ""
    rows = [
        "<table>",
        "<thead><tr><th>Action</th><th>Owner</th><th>Due</th><th>Status</th></tr></thead>",
        "<tbody>",
    ]
    for item in review.action_items:
        action = html_line(item.action)
        url = _safe_url(item.link) if item.link else ""
        if url:
            action += f" ({html_link('tracker', url)})"
        status = html_line(item.status)
        if item.is_overdue(ctx.today):
            status += " " + badge("Overdue", "overdue")
        rows.append(
            f"<tr><td>{action}</td><td>{html_line(item.owner)}</td><td>{day(item.due)}</td>"
            f"<td>{status}</td></tr>"
        )
    return "\n".join([*rows, "</tbody>", "</table>"])


def _safe_url(url: str) -> str:
    """An http(s) URL fit for a link target, or empty."""
    url = url.strip()
    if not url.lower().startswith(("http://", "https://")) or any(c in url for c in " <>()\"'"):
        return ""
    return url
