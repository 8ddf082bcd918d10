"""`retro stats`: the figures of the site's patterns page, in the terminal."""

from __future__ import annotations

from datetime import date

import click

from ..follow.figures import stats_csv_listing, stats_json, stats_sections
from ..follow.query import in_window
from ..stats import library_stats
from .base import check_window, date_option, emit, emit_sections, format_option, site_reviews, today
from .state import State


@click.command("stats")
@date_option("--since", help="Only reviews dated on or after this day.")
@date_option("--until", help="Only reviews dated on or before this day.")
@format_option()
@click.pass_obj
def stats_command(state: State, since: date | None, until: date | None, fmt: str) -> None:
    """Count reviews by kind, severity and area, with the patterns they share.

    The same figures as the site's patterns page, over the reviews the site shows:
    counts by kind, severity and area; median time to detect and to resolve; the
    contributing factors and tags that come up most; open, overdue and done action
    items; checklist changes per checklist. --since and --until keep the reviews
    dated in that window.

    \b
    Examples:
      retro stats
      retro stats --since 2026-01-01 --format json
    """
    check_window(since, until)
    config = state.config
    reviews = [r for r in site_reviews(config).reviews if in_window(r.date, since, until)]
    stats = library_stats(reviews, config, today())
    if fmt == "json":
        click.echo(stats_json(stats, since, until), nl=False)
    elif fmt == "csv":
        emit(stats_csv_listing(stats), fmt)
    else:
        emit_sections(stats_sections(stats), fmt)
