"""`retro digest`: the week's follow-through on one page, for the review meeting."""

from __future__ import annotations

from datetime import date

import click

from ..follow.digest import render_digest
from .base import check_window, date_option, site_reviews, today
from .state import State


@click.command("digest")
@date_option("--since", help="First day of the period (required).")
@date_option("--until", help="Last day of the period (default: today).")
@click.pass_obj
def digest_command(state: State, since: date | None, until: date | None) -> None:
    """Print a Markdown digest for the weekly review meeting.

    Over the period: the reviews published (dated in it), the checklist changes
    they made, the action items marked done that were due in it, and every action
    item overdue today. Reads the reviews the site shows.

    \b
    Example:
      retro digest --since 2026-05-25 > digest.md
    """
    if since is None:
        raise click.UsageError("give --since YYYY-MM-DD: the first day of the period")
    day = today()
    until = until or day
    check_window(since, until)
    click.echo(render_digest(site_reviews(state.config).reviews, since, until, day), nl=False)
