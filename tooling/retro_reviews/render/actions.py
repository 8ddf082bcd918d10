"""/actions/: every action item of the reviews shown, in one sortable table.

Open items come first, overdue ones at the top (oldest due date first), then by due date;
done items are folded away below. The owner is a column, so a reader sorts by owner instead
of scrolling through one small table per person. Sorting is done by the site's own script
(see :mod:`retro_reviews.render.style`); without it the table keeps this order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from ..model import ActionItem, Review
from .context import SiteContext
from .escape import html_inline, html_line, html_link
from .formatting import badge, day, plural
from .links import ACTIONS
from .page import heading, page

NO_OWNER = "No owner"
NO_DUE = "9999-12-31"  # sorts an item without a due date after every dated one


@dataclass(frozen=True)
class ActionRow:
    item: ActionItem
    review: Review


def action_rows(reviews: Sequence[Review]) -> list[ActionRow]:
    return [ActionRow(item, review) for review in reviews for item in review.action_items]


def open_first(rows: Sequence[ActionRow], today: date) -> list[ActionRow]:
    """Overdue first, then open, then done; each by due date (none last), then review."""

    def order(row: ActionRow) -> tuple[int, str, str, int]:
        item = row.item
        rank = 0 if item.is_overdue(today) else 1 if item.is_open else 2
        return (rank, item.due.isoformat() if item.due else NO_DUE, row.review.id, item.index)

    return sorted(rows, key=order)


def render_actions_page(ctx: SiteContext) -> str:
    rows = open_first(action_rows(ctx.reviews), ctx.today)
    open_rows = [r for r in rows if r.item.is_open]
    done_rows = [r for r in rows if not r.item.is_open]
    overdue = sum(1 for r in open_rows if r.item.is_overdue(ctx.today))
    out = [
        f"<p>{plural(len(open_rows), 'open action item')} ({overdue} overdue on "
        f"{ctx.today.isoformat()}) and {len(done_rows)} done, from every review shown. "
        "Overdue items come first; press a column heading to sort by it.</p>",
        heading(2, "open", "Open"),
        action_table(open_rows, ctx, ACTIONS) if open_rows else "<p>No open action items.</p>",
        heading(2, "done", "Done"),
    ]
    if done_rows:
        out.append(
            f'<details class="retro-fold"><summary>{plural(len(done_rows), "done item")}'
            "</summary>\n" + action_table(done_rows, ctx, ACTIONS) + "\n</details>"
        )
    else:
        out.append("<p>No action item is done yet.</p>")
    return page("Action items", "\n".join(out))


def action_table(
    rows: Sequence[ActionRow], ctx: SiteContext, uri: str, *, with_review: bool = True
) -> str:
    """A sortable table of action items: action, owner, due, status (and review)."""
    head = ["Action", "Owner", "Due", "Status", *(["Review"] if with_review else [])]
    out = [
        "<table data-retro-sort>",
        "<thead><tr>"
        + "".join(f'<th><button type="button">{h}</button></th>' for h in head)
        + "</tr></thead>",
        "<tbody>",
    ]
    out.extend(_row(row, ctx, uri, with_review) for row in rows)
    out += ["</tbody>", "</table>"]
    return "\n".join(out)


def _row(row: ActionRow, ctx: SiteContext, uri: str, with_review: bool) -> str:
    item = row.item
    overdue = item.is_overdue(ctx.today)
    action = html_inline(item.action) or "–"
    url = http_url(item.link) if item.link else ""
    if url:
        action += f" ({html_link('tracker', url)})"
    status = html_line(item.status_shown.capitalize())
    rank = "2" if not item.is_open else "1"
    if overdue:
        status = badge("Overdue", "overdue")
        rank = "0"
    elif not item.is_open:
        status = badge("Done", "done")
    due = item.due.isoformat() if item.due else NO_DUE
    cells = [
        f"<td>{action}</td>",
        f"<td>{html_line(item.owner or NO_OWNER)}</td>",
        f'<td class="retro-nowrap" data-sort="{due}">{day(item.due)}</td>',
        f'<td data-sort="{rank}">{status}</td>',
    ]
    if with_review:
        link = html_link(row.review.title, ctx.href(uri, ctx.uri(row.review)))
        cells.append(f"<td>{link}</td>")
    css = ' class="retro-overdue"' if overdue else ""
    return f"<tr{css}>" + "".join(cells) + "</tr>"


def http_url(url: str) -> str:
    """An http(s) URL fit for a link target, or empty."""
    url = url.strip()
    if not url.lower().startswith(("http://", "https://")) or any(c in url for c in " <>()\"'"):
        return ""
    return url
