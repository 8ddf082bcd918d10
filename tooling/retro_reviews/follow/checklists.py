"""`retro checklist`: the checklists as they stand now, and what changed since a date.

The checklists are the replay of every review's changes in date order
(:func:`retro_reviews.library.replay_checklists`), the same replay the site's checklist pages
show.
"""

from __future__ import annotations

import difflib
from datetime import date

from ..errors import RetroError
from ..library import (
    ChecklistEvent,
    ChecklistReplay,
    ChecklistState,
    change_words,
    item_key,
)
from ..render.escape import md_text
from .listing import Column, Listing


class UnknownChecklist(RetroError):
    """No review changes a checklist of that name."""


def find_checklist(replay: ChecklistReplay, name: str) -> ChecklistState:
    """The checklist called ``name`` (case, spacing and a final period ignored)."""
    state = replay.checklists.get(item_key(name))
    if state is not None:
        return state
    names = sorted((s.name for s in replay.checklists.values()), key=str.casefold)
    if not names:
        raise UnknownChecklist(f"no checklist named '{name}': no review changes a checklist yet")
    close = difflib.get_close_matches(name, names, n=1, cutoff=0.5)
    hint = f"did you mean '{close[0]}'? " if close else ""
    raise UnknownChecklist(f"no checklist named '{name}'; {hint}checklists: {', '.join(names)}")


def last_change(state: ChecklistState) -> date | None:
    return max((e.date for e in state.history if e.date), default=None)


def events_since(state: ChecklistState, since: date | None) -> list[ChecklistEvent]:
    if since is None:
        return list(state.history)
    return [e for e in state.history if e.date is not None and e.date >= since]


def checklists_listing(replay: ChecklistReplay, since: date | None = None) -> Listing:
    """Every checklist with its item count and last change (with ``since``: only the ones
    changed since, and their changes since)."""
    columns = (
        Column("checklist", "Checklist"),
        Column("items", "Items", wrap=False),
        Column("changes", "Changes" if since is None else f"Changes since {since}", wrap=False),
        Column("last_change", "Last change", wrap=False),
    )
    listing = Listing(
        "checklists",
        columns,
        meta={"since": since.isoformat()} if since else {},
        title="Checklists",
        empty="No review changes a checklist yet."
        if since is None
        else f"No checklist changed since {since}.",
    )
    for state in sorted(replay.checklists.values(), key=lambda s: s.name.casefold()):
        events = events_since(state, since)
        if since is not None and not events:
            continue
        last = last_change(state)
        cells = {
            "checklist": state.name,
            "items": str(len(state.items)),
            "changes": str(len(events)),
            "last_change": last.isoformat() if last else "",
        }
        record = {
            "checklist": state.name,
            "items": len(state.items),
            "changes": len(events),
            "last_change": last.isoformat() if last else None,
        }
        listing.add(cells, record)
    return listing


def items_listing(state: ChecklistState) -> Listing:
    """The checklist as it stands now, each item with the review that added or last changed
    it."""
    columns = (
        Column("number", "#", wrap=False),
        Column("item", "Item"),
        Column("how", "How", wrap=False),
        Column("on", "On", wrap=False),
        Column("review_id", "Review"),
    )
    listing = Listing(
        "items",
        columns,
        meta={"checklist": state.name},
        title=state.name,
        empty="Every item was removed.",
    )
    for number, item in enumerate(state.items, start=1):
        how = "added" if item.added_by == item.changed_by else "changed"
        on = item.changed_on.isoformat() if item.changed_on else ""
        cells = {
            "number": str(number),
            "item": item.text,
            "how": how,
            "on": on,
            "review_id": item.changed_by,
        }
        record = {
            "number": number,
            "item": item.text,
            "added_by": item.added_by,
            "changed_by": item.changed_by,
            "changed_on": on or None,
        }
        listing.add(cells, record)
    return listing


def history_listing(state: ChecklistState, since: date | None) -> Listing:
    """The changes to one checklist (since ``since``), oldest first."""
    columns = (
        Column("date", "Date", wrap=False),
        Column("change", "Change", wrap=False),
        Column("item", "Item"),
        Column("was", "Was"),
        Column("review_id", "Review"),
    )
    listing = Listing(
        "changes",
        columns,
        meta={"checklist": state.name, **({"since": since.isoformat()} if since else {})},
        title=f"{state.name}: changes since {since}" if since else state.name,
        empty=f"No change since {since}." if since else "No change.",
    )
    for event in events_since(state, since):
        change = event.change
        cells = {
            "date": event.date.isoformat() if event.date else "",
            "change": change_words(event),
            "item": change.item,
            "was": change.was,
            "review_id": event.review_id,
        }
        record = {
            "date": event.date.isoformat() if event.date else None,
            "change": change.change,
            "item": change.item,
            "was": change.was or None,
            "applied": event.applied,
            "review_id": event.review_id,
        }
        listing.add(cells, record)
    return listing


def runbook_markdown(state: ChecklistState) -> str:
    """The checklist ready to paste into a runbook: a task list, each item saying why."""
    lines = [f"## {md_text(state.name)}", ""]
    if not state.items:
        return "\n".join([*lines, "Every item was removed."]) + "\n"
    for item in state.items:
        how = "added" if item.added_by == item.changed_by else "changed"
        on = f" on {item.changed_on.isoformat()}" if item.changed_on else ""
        lines.append(f"- [ ] {md_text(item.text)} _({how}{on} by review {item.changed_by})_")
    return "\n".join(lines) + "\n"
