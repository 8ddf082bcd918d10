"""`retro checklist`: the checklists as they stand now, and what changed since a date."""

from __future__ import annotations

from datetime import date

import click

from ..errors import RetroError
from ..follow.checklists import (
    checklists_listing,
    find_checklist,
    history_listing,
    items_listing,
    runbook_markdown,
)
from ..library import replay_checklists
from .base import date_option, emit, format_option, site_reviews
from .state import CommandFailed, State


@click.command("checklist")
@click.argument("name", required=False)
@date_option("--since", help="Only what changed on or after this day.")
@format_option()
@click.pass_obj
def checklist_command(state: State, name: str | None, since: date | None, fmt: str) -> None:
    """Show a checklist as it stands now, or list every checklist.

    A checklist is every add, remove and reword of the reviews the site shows,
    applied in date order. With NAME (any case), each item comes with the review
    that added or last changed it; --format markdown prints it as a task list ready
    to paste into a runbook. Without NAME, every checklist with its item count and
    last change. With --since, only the changes made since that day.

    \b
    Examples:
      retro checklist
      retro checklist "Pick and pack checklist" --format markdown
      retro checklist "Pick and pack checklist" --since 2025-06-01
    """
    replay = replay_checklists(site_reviews(state.config).reviews)
    if name is None:
        emit(checklists_listing(replay, since), fmt)
        return
    try:
        checklist = find_checklist(replay, name)
    except RetroError as exc:
        raise CommandFailed(str(exc)) from None
    if since is not None:
        emit(history_listing(checklist, since), fmt)
    elif fmt == "markdown":
        click.echo(runbook_markdown(checklist), nl=False)
    else:
        emit(items_listing(checklist), fmt)
