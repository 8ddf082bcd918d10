"""One review's page: a summary drawn from the front matter, then the body as written."""

from __future__ import annotations

from collections.abc import Iterable

from ..model import ChecklistChange, Review
from .context import SiteContext
from .escape import front_matter, html_text, md_text
from .formatting import badge, day, duration, status_badge
from .links import link

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
    parts = [front_matter(meta) + f"# {md_text(review.title)}\n"]
    parts.append(_summary(review, ctx, uri))
    parts.extend(_sections(review, ctx, uri))
    body = review.body.strip("\n")
    if body.strip():
        parts.append('<hr class="retro-body-start">\n\n' + body + "\n")
    return "\n".join(parts)


def _facet_links(review: Review, ctx: SiteContext, uri: str, facet: str) -> str:
    links = []
    for value in ctx.facet_values(review, facet):
        target = ctx.facet_page(facet, value)
        links.append(link(value, uri, target) if target else md_text(value))
    return ", ".join(links) or "–"


def _summary(review: Review, ctx: SiteContext, uri: str) -> str:
    badge_html = status_badge(review.status)
    rows = [
        ("Status", md_text(review.status) + (f" {badge_html}" if badge_html else "")),
        ("Kind", _facet_links(review, ctx, uri, "kind")),
        ("Severity", _facet_links(review, ctx, uri, "severity")),
        ("Date", day(review.date)),
        ("Areas", _facet_links(review, ctx, uri, "area")),
        ("Tags", ", ".join(md_text(t) for t in review.tags) or "–"),
        ("Customers affected", _count(review.customers_affected)),
        ("Time to detect", duration(review.timeline.time_to_detect)),
        ("Time to resolve", duration(review.timeline.time_to_resolve)),
    ]
    if review.authors:
        rows.append(("Written by", ", ".join(md_text(a) for a in review.authors)))
    fact = ctx.git_facts.get(review.relpath)
    if fact is not None:
        rows.append(
            ("Last changed", f"{fact.when.date().isoformat()} by {md_text(fact.author or '?')}")
        )
    table = "| | |\n|---|---|\n" + "".join(f"| **{k}** | {v} |\n" for k, v in rows)
    return table


def _count(value: int | None) -> str:
    return f"{value:,}" if value is not None else "–"


def _sections(review: Review, ctx: SiteContext, uri: str) -> list[str]:
    out: list[str] = []

    def section(title: str, text: str) -> None:
        if text.strip():
            out.append(f"## {title}\n\n{text.rstrip()}\n")

    section("What went wrong", md_text(review.what_went_wrong))
    impact = [md_text(review.impact_summary)] if review.impact_summary else []
    if review.customers_affected is not None:
        impact.append(f"**Customers affected:** {_count(review.customers_affected)}")
    if review.cost:
        impact.append(f"**Cost:** {md_text(review.cost)}")
    section("Impact", "\n\n".join(impact))
    section("Root cause", md_text(review.root_cause))
    section("Contributing factors", _bullets(md_text(f) for f in review.contributing_factors))
    response = review.customer_response
    section(
        "Customer response at a glance",
        _bullets(f"**{label}:** {md_text(response[key])}"
                 for key, label in CUSTOMER_RESPONSE if key in response),
    )
    section("Checklist changes", _bullets(_change(c, ctx, uri) for c in review.checklist_changes))
    section("Action items", _actions(review, ctx))
    section("Lessons", _bullets(md_text(lesson) for lesson in review.lessons))
    section("Related reviews", _bullets(
        link(other.title, uri, ctx.uri(other)) + f" ({day(other.date)})"
        for other in ctx.related.get(review.id, [])
    ))
    return out


def _bullets(lines: Iterable[str]) -> str:
    return "".join(f"- {line}\n" for line in lines)


def _change(change: ChecklistChange, ctx: SiteContext, uri: str) -> str:
    target = ctx.checklist_page(change.checklist)
    name = link(change.checklist, uri, target) if target else md_text(change.checklist)
    verb = {"add": "Added to", "remove": "Removed from", "reword": "Reworded in"}.get(
        change.change, md_text(change.change) + ":"
    )
    text = f"{verb} {name}: “{md_text(change.item)}”"
    if change.change == "reword" and change.was:
        text += f" (was “{md_text(change.was)}”)"
    return text


def _actions(review: Review, ctx: SiteContext) -> str:
    if not review.action_items:
        return ""
    rows = ["| Action | Owner | Due | Status |", "|---|---|---|---|"]
    for item in review.action_items:
        action = md_text(item.action)
        if item.link:
            action += f" ([tracker]({_safe_url(item.link)}))" if _safe_url(item.link) else ""
        status = md_text(item.status)
        if item.is_overdue(ctx.today):
            status += " " + badge("Overdue", "overdue")
        rows.append(f"| {action} | {md_text(item.owner)} | {day(item.due)} | {status} |")
    return "\n".join(rows) + "\n"


def _safe_url(url: str) -> str:
    """An http(s) URL fit for a Markdown link target, or empty."""
    url = url.strip()
    if not url.lower().startswith(("http://", "https://")) or any(c in url for c in " <>()\"'"):
        return ""
    return url

