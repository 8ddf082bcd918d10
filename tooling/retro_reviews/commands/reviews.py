"""`retro list` and `retro show`: find reviews, and read one in the terminal."""

from __future__ import annotations

import json
import shutil
from datetime import date

import click

from ..config import STATUSES
from ..errors import RetroError
from ..follow.lists import reviews_listing
from ..follow.query import ReviewFilter, find_review
from ..follow.records import review_record
from ..follow.summary import review_summary
from .base import check_window, date_option, emit, every_review, format_option, today
from .state import CommandFailed, State


@click.command("list")
@click.option(
    "--status",
    "statuses",
    multiple=True,
    type=click.Choice(STATUSES),
    help="Only this status; repeatable.",
)
@click.option("--kind", "kinds", multiple=True, help="Only this kind; repeatable.")
@click.option("--severity", "severities", multiple=True, help="Only this severity; repeatable.")
@click.option("--area", "areas", multiple=True, help="Only reviews naming this area; repeatable.")
@click.option("--tag", "tags", multiple=True, help="Only reviews with this tag; repeatable.")
@date_option("--since", help="Only reviews dated on or after this day.")
@date_option("--until", help="Only reviews dated on or before this day.")
@format_option()
@click.pass_obj
def list_command(
    state: State,
    statuses: tuple[str, ...],
    kinds: tuple[str, ...],
    severities: tuple[str, ...],
    areas: tuple[str, ...],
    tags: tuple[str, ...],
    since: date | None,
    until: date | None,
    fmt: str,
) -> None:
    """List the reviews, newest first, whatever their status.

    Each filter keeps the reviews that match any of its values; several filters must
    all match. Areas and tags compare without case; --severity takes a level or one
    of the configured severity_aliases. Files that cannot be read are
    left out (standard error says how many; `retro check` says why).

    \b
    Examples:
      retro list --kind customer-mistake --since 2025-01-01
      retro list --status draft --status in-review
      retro list --area warehouse --format csv > reviews.csv
    """
    check_window(since, until)
    config = state.config
    for kind in kinds:
        if kind not in config.kinds:
            raise click.BadParameter(
                f"'{kind}' is not a kind; configured kinds: {', '.join(config.kinds)}",
                param_hint="'--kind'",
            )
    levels = []
    for severity in severities:
        level = config.severity_level(severity)
        if level is None:
            raise click.BadParameter(
                f"'{severity}' is not a severity; configured levels: "
                f"{', '.join(config.severities)}",
                param_hint="'--severity'",
            )
        levels.append(level)
    chosen = ReviewFilter(statuses, kinds, tuple(levels), areas, tags, since, until)
    emit(reviews_listing(chosen.apply(every_review(config).reviews), config), fmt)


@click.command("show")
@click.argument("review_id", metavar="ID")
@format_option(
    ("text", "json"),
    help="text for people; json for scripts (the review's record, as in `retro export`).",
)
@click.pass_obj
def show_command(state: State, review_id: str, fmt: str) -> None:
    """Show one review's summary: what went wrong, impact, causes, changes and actions.

    ID is the file name without .md (`retro list` shows them); a path to the file
    works too. Overdue action items are marked.

    \b
    Example:
      retro show 2025-05-06-online-orders-shipped-with-the-wrong-item
    """
    config = state.config
    try:
        review = find_review(every_review(config), review_id)
    except RetroError as exc:
        raise CommandFailed(str(exc)) from None
    path = config.relpath(review.path)
    if fmt == "json":
        click.echo(json.dumps(review_record(review, path), indent=2, ensure_ascii=False))
        return
    width = min(shutil.get_terminal_size().columns, 100)
    click.echo(review_summary(review, path, today(), width), nl=False)
