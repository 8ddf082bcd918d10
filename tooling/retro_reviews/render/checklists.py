"""/checklists/: each checklist as it stands now, why each step is there, and its history."""

from __future__ import annotations

from ..library import ChecklistEvent, ChecklistState, change_words
from ..model import Review
from .context import SiteContext
from .escape import html_line, html_link
from .formatting import day, plural
from .links import CHECKLISTS
from .page import heading, page


def render_checklist_pages(ctx: SiteContext) -> dict[str, str]:
    pages = {CHECKLISTS: _index(ctx)}
    for state in ctx.replay.checklists.values():
        uri = ctx.checklist_page(state.name)
        if uri is not None:
            pages[uri] = _checklist(state, ctx, uri)
    return pages


def _index(ctx: SiteContext) -> str:
    out = [
        "<p>The checklists and procedures the reviews changed, as they stand now: every "
        "<code>add</code>, <code>remove</code> and <code>reword</code> applied in date order. "
        "Each step links to the review that added or last changed it, so a team can see why "
        "it does that step.</p>"
    ]
    states = sorted(ctx.replay.checklists.values(), key=lambda s: s.name.casefold())
    if not states:
        out.append("<p>No review has changed a checklist yet.</p>")
    else:
        items = []
        for state in states:
            uri = ctx.checklist_page(state.name)
            last = max((e.date for e in state.history if e.date), default=None)
            name = (
                html_link(state.name, ctx.href(CHECKLISTS, uri)) if uri else html_line(state.name)
            )
            items.append(
                f"<li>{name}: {plural(len(state.items), 'step')}, "
                f"{plural(len(state.history), 'change')}, last changed {day(last)}</li>"
            )
        out.append("<ul>\n" + "\n".join(items) + "\n</ul>")
    return page("Checklists", "\n".join(out))


def _checklist(state: ChecklistState, ctx: SiteContext, uri: str) -> str:
    out = [
        f"<p>The checklist as it stands now, after {plural(len(state.history), 'change')} "
        "from the reviews. Each step says which review added or last changed it, and why. "
        f"Back to {html_link('all checklists', ctx.href(uri, CHECKLISTS))}.</p>",
        heading(2, "steps", "Steps"),
    ]
    if not state.items:
        out.append("<p>Every step was removed.</p>")
    reviews = {r.id: r for r in ctx.reviews}
    steps = []
    for item in state.items:
        review = reviews.get(item.changed_by)
        why = ""
        if review is not None:
            verb = "added" if item.added_by == item.changed_by else "changed"
            why = (
                f"<br><em>Why this step is here:</em> {verb} on {day(item.changed_on)} by "
                f"{html_link(review.title, ctx.href(uri, ctx.uri(review)))}"
            )
        steps.append(f"<li>{html_line(item.text)}{why}</li>")
    if steps:
        out.append("<ol>\n" + "\n".join(steps) + "\n</ol>")
    out.append(heading(2, "history", "History"))
    out.append("<p>Every change, oldest first.</p>")
    out.append(
        "<table>\n<thead><tr><th>Date</th><th>Change</th><th>Step</th><th>Review</th></tr>"
        "</thead>\n<tbody>"
    )
    out.extend(_event_row(event, ctx, uri, reviews) for event in state.history)
    out.append("</tbody>\n</table>")
    return page(state.name, "\n".join(out))


def _event_row(
    event: ChecklistEvent, ctx: SiteContext, uri: str, reviews: dict[str, Review]
) -> str:
    change = event.change
    text = html_line(change.item)
    if change.change == "reword" and change.was:
        text = f"“{html_line(change.was)}” → “{text}”"
    verb = html_line(change_words(event))
    review = reviews[event.review_id]
    link = html_link(review.title, ctx.href(uri, ctx.uri(review)))
    return f"<tr><td>{day(event.date)}</td><td>{verb}</td><td>{text}</td><td>{link}</td></tr>"
