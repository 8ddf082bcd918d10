"""`retro actions`: the action items across the library."""

from __future__ import annotations

from datetime import date

import click

from ..follow.lists import actions_listing
from ..follow.query import ActionFilter, action_rows
from .base import date_option, emit, format_option, site_reviews, today
from .state import State


@click.command("actions")
@click.option("--open", "open_only", is_flag=True, help="Only open items (not done).")
@click.option("--overdue", is_flag=True, help="Only open items past their due date.")
@click.option(
    "--owner", "owners", multiple=True, help="Only items of this owner (any case); repeatable."
)
@date_option("--due-before", help="Only items due before this day.")
@format_option()
@click.pass_obj
def actions_command(
    state: State,
    open_only: bool,
    overdue: bool,
    owners: tuple[str, ...],
    due_before: date | None,
    fmt: str,
) -> None:
    """List action items with their review, owner, due date and status.

    Reads the reviews the site shows (published, plus the statuses in show_status),
    so the list agrees with the site's actions page. Sorted by due date; an open
    item past its due date has the status "overdue" (judged against today, or
    RETRO_TODAY=YYYY-MM-DD).

    \b
    Examples:
      retro actions --open
      retro actions --overdue --format markdown >> "$GITHUB_STEP_SUMMARY"
      retro actions --owner "Warehouse operations" --due-before 2026-01-01
    """
    day = today()
    rows = ActionFilter(open_only, overdue, owners, due_before).apply(
        action_rows(site_reviews(state.config).reviews), day
    )
    title = f"Overdue action items on {day}" if overdue else "Action items"
    listing = actions_listing(rows, day, title)
    if overdue:
        listing.empty = f"No overdue action items on {day}."
    emit(listing, fmt)
