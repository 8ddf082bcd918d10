"""/actions/: the action items of every review shown, open ones first, grouped by owner."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..model import ActionItem, Review
from .context import SiteContext
from .escape import html_line, html_link
from .formatting import badge, day, plural
from .links import ACTIONS
from .page import anchor, heading, page


@dataclass(frozen=True)
class ActionRow:
    item: ActionItem
    review: Review


def action_rows(reviews: Sequence[Review]) -> list[ActionRow]:
    return [ActionRow(item, review) for review in reviews for item in review.action_items]


def render_actions_page(ctx: SiteContext) -> str:
    rows = action_rows(ctx.reviews)
    open_rows = [r for r in rows if r.item.is_open]
    done_rows = [r for r in rows if not r.item.is_open]
    overdue = sum(1 for r in open_rows if r.item.is_overdue(ctx.today))
    out = [
        f"<p>{plural(len(open_rows), 'open action item')} ({overdue} overdue on "
        f"{ctx.today.isoformat()}) and {len(done_rows)} done, from every review shown. "
        "Open items come first, grouped by owner; each links to its review.</p>",
        heading(2, "open", "Open"),
        _by_owner(open_rows, ctx) if open_rows else "<p>No open action items.</p>",
        heading(2, "done", "Done"),
        _by_owner(done_rows, ctx) if done_rows else "<p>No action item is done yet.</p>",
    ]
    return page("Action items", "\n".join(out))


def _by_owner(rows: list[ActionRow], ctx: SiteContext) -> str:
    owners: dict[str, list[ActionRow]] = {}
    for row in rows:
        owners.setdefault(row.item.owner or "No owner", []).append(row)
    out = []
    for owner in sorted(owners, key=str.casefold):
        items = sorted(owners[owner], key=lambda r: (r.item.due is None, r.item.due, r.review.id))
        out.append(heading(3, anchor(owner, "owner"), html_line(owner)))
        out.append(
            "<table>\n<thead><tr><th>Action</th><th>Due</th><th>Review</th></tr></thead>\n<tbody>"
        )
        for row in items:
            due = day(row.item.due)
            if row.item.is_overdue(ctx.today):
                due = f"<strong>{due}</strong> " + badge("Overdue", "overdue")
            review = html_link(row.review.title, ctx.href(ACTIONS, ctx.uri(row.review)))
            out.append(
                f"<tr><td>{html_line(row.item.action)}</td><td>{due}</td><td>{review}</td></tr>"
            )
        out.append("</tbody>\n</table>")
    return "\n".join(out)
