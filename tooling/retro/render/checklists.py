"""/checklists/: each checklist as it stands now, why each step is there, and its history."""

from __future__ import annotations

from ..library import ChecklistEvent, ChecklistState
from ..model import Review
from .context import SiteContext
from .escape import front_matter, md_text
from .formatting import day, plural
from .links import CHECKLISTS, link

VERBS = {"add": "added", "remove": "removed", "reword": "reworded"}


def render_checklist_pages(ctx: SiteContext) -> dict[str, str]:
    pages = {CHECKLISTS: _index(ctx)}
    for state in ctx.replay.checklists.values():
        uri = ctx.checklist_page(state.name)
        if uri is not None:
            pages[uri] = _checklist(state, ctx, uri)
    return pages


def _index(ctx: SiteContext) -> str:
    lines = [
        "# Checklists\n",
        "The checklists and procedures the reviews changed, as they stand now: every `add`, "
        "`remove` and `reword` applied in date order. Each step links to the review that "
        "added or last changed it, so a team can see why it does that step.\n",
    ]
    states = sorted(ctx.replay.checklists.values(), key=lambda s: s.name.casefold())
    if not states:
        lines.append("No review has changed a checklist yet.\n")
    for state in states:
        uri = ctx.checklist_page(state.name)
        last = max((e.date for e in state.history if e.date), default=None)
        name = link(state.name, CHECKLISTS, uri) if uri else md_text(state.name)
        lines.append(
            f"- {name}: {plural(len(state.items), 'step')}, "
            f"{plural(len(state.history), 'change')}, last changed {day(last)}"
        )
    return "\n".join(lines) + "\n"


def _checklist(state: ChecklistState, ctx: SiteContext, uri: str) -> str:
    out = [front_matter({"title": state.name}) + f"# {md_text(state.name)}\n"]
    out.append(
        f"The checklist as it stands now, after {plural(len(state.history), 'change')} "
        f"from the reviews. Each step says which review added or last changed it, and why. "
        f"Back to {link('all checklists', uri, CHECKLISTS)}.\n"
    )
    out.append("## Steps\n")
    if not state.items:
        out.append("Every step was removed.\n")
    reviews = {r.id: r for r in ctx.reviews}
    for number, item in enumerate(state.items, start=1):
        review = reviews.get(item.changed_by)
        if review is None:
            why = ""
        else:
            verb = "added" if item.added_by == item.changed_by else "changed"
            why = (
                f" <br>*Why this step is here:* {verb} on {day(item.changed_on)} by "
                f"{link(review.title, uri, ctx.uri(review))}"
            )
        out.append(f"{number}. {md_text(item.text)}{why}")
    out.append("\n## History\n")
    out.append("Every change, oldest first.\n")
    out.append("| Date | Change | Step | Review |\n|---|---|---|---|")
    for event in state.history:
        out.append(_event_row(event, ctx, uri, reviews))
    return "\n".join(out) + "\n"


def _event_row(
    event: ChecklistEvent, ctx: SiteContext, uri: str, reviews: dict[str, Review]
) -> str:
    change = event.change
    text = md_text(change.item)
    if change.change == "reword" and change.was:
        text = f"“{md_text(change.was)}” → “{text}”"
    verb = VERBS.get(change.change, md_text(change.change))
    if not event.applied:
        verb += " (the step was not on the checklist then)"
    review = reviews[event.review_id]
    return f"| {day(event.date)} | {verb} | {text} | {link(review.title, uri, ctx.uri(review))} |"
