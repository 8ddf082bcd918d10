"""The listings of `retro list` and `retro actions`."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from ..config import RetroConfig
from ..model import Review
from .listing import Column, Listing
from .query import ActionRow
from .records import action_record, review_record

REVIEW_COLUMNS = (
    Column("id", "Review", wrap=False),
    Column("status", "Status", wrap=False),
    Column("kind", "Kind", wrap=False),
    Column("severity", "Severity", wrap=False),
    Column("areas", "Areas"),
    Column("tags", "Tags"),
)

ACTION_COLUMNS = (
    Column("due", "Due", wrap=False),
    Column("status", "Status", wrap=False),
    Column("owner", "Owner"),
    Column("action", "Action"),
    Column("review_id", "Review"),
)


def reviews_listing(reviews: Sequence[Review], config: RetroConfig) -> Listing:
    listing = Listing("reviews", REVIEW_COLUMNS, title="Reviews", empty="No review matches.")
    for review in reviews:
        cells = {
            "id": review.id,
            "status": review.status,
            "kind": review.kind,
            "severity": review.severity,
            "areas": ", ".join(review.areas),
            "tags": ", ".join(review.tags),
        }
        listing.add(cells, review_record(review, config.relpath(review.path)))
    return listing


def action_status(row: ActionRow, today: date) -> str:
    """``overdue``, ``open`` or ``done`` (or the status as written, ``unknown`` if none)."""
    return "overdue" if row.item.is_overdue(today) else row.item.status_shown


def actions_listing(rows: Sequence[ActionRow], today: date, title: str = "") -> Listing:
    listing = Listing(
        "action_items",
        ACTION_COLUMNS,
        meta={"today": today.isoformat()},
        title=title or "Action items",
        empty="No action item matches.",
    )
    for row in rows:
        status = action_status(row, today)
        cells = {
            "due": row.item.due.isoformat() if row.item.due else "",
            "status": status,
            "owner": row.item.owner,
            "action": row.item.action,
            "review_id": row.review.id,
        }
        listing.add(cells, action_record(row.item, row.review, today), mark=status)
    return listing
