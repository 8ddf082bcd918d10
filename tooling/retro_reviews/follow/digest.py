"""`retro digest`: one Markdown page for the weekly review meeting.

Over a window of days (``since`` to ``until``, both included): the reviews published (status
``published``, dated in the window), the checklist changes those reviews' dates fall in, the
action items marked done that were due in the window, and every action item overdue today,
whenever it was due. The reviews are the ones the site shows.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from ..library import change_words, replay_checklists
from ..model import Review
from ..render.escape import md_text
from ..render.formatting import plural
from .query import ActionRow, action_rows, in_window


def render_digest(reviews: Sequence[Review], since: date, until: date, today: date) -> str:
    published = sorted(
        (r for r in reviews if r.status == "published" and in_window(r.date, since, until)),
        key=lambda r: (r.date or date.min, r.id),
    )
    events = [
        (state.name, event)
        for state in replay_checklists(reviews).checklists.values()
        for event in state.history
        if in_window(event.date, since, until)
    ]
    events.sort(key=lambda e: (e[1].date or date.min, e[1].review_id, e[1].change.index))
    rows = action_rows(reviews)
    done = [r for r in rows if not r.item.is_open and in_window(r.item.due, since, until)]
    overdue = [r for r in rows if r.item.is_overdue(today)]
    parts = [
        f"# Reviews digest, {since} to {until}",
        "",
        f"{plural(len(published), 'review')} published, "
        f"{plural(len(events), 'checklist change')}, "
        f"{plural(len(done), 'action item')} done, "
        f"{plural(len(overdue), 'action item')} overdue on {today}.",
        "",
        "## Reviews published",
        "",
    ]
    parts += [_review_line(r) for r in published] or ["None in this period."]
    parts += ["", "## Checklist changes", ""]
    for checklist, event in events:
        change = event.change
        text = f"“{md_text(change.item)}”"
        if change.change == "reword" and change.was:
            text = f"“{md_text(change.was)}” → {text}"
        words = md_text(change_words(event))
        parts.append(f"- {md_text(checklist)}: {words} {text} ({event.date}, `{event.review_id}`)")
    if not events:
        parts.append("None in this period.")
    parts += ["", "## Action items done", "", "Marked done and due in this period.", ""]
    parts += [_action_line(r) for r in done] or ["None in this period."]
    parts += ["", "## Action items now overdue", "", f"Open and past their due date on {today}."]
    parts += [""] + ([_action_line(r) for r in overdue] or ["None."])
    return "\n".join(parts) + "\n"


def _review_line(review: Review) -> str:
    facts = ", ".join(f for f in (str(review.date), review.kind, review.severity) if f)
    line = f"- **{md_text(review.title)}** ({facts}, `{review.id}`)"
    if review.impact_summary:
        line += f": {md_text(review.impact_summary)}"
    return line


def _action_line(row: ActionRow) -> str:
    item = row.item
    owner = md_text(item.owner) if item.owner else "no owner"
    due = f"due {item.due}" if item.due else "no due date"
    return f"- {md_text(item.action)} ({owner}, {due}; `{row.review.id}`)"
