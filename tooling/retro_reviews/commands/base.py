"""What every command shares: the CLI state, the exit-2 error, dates and output formats."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, TypeVar

import click

from ..check import load_library, today_for_checks
from ..config import RetroConfig
from ..errors import RetroError
from ..follow.listing import FORMATTERS, Listing
from ..follow.query import Library, library_reviews, shown_reviews
from .output import render_table
from .state import CommandFailed

F = TypeVar("F", bound=Callable[..., Any])


def today() -> date:
    try:
        return today_for_checks()
    except RetroError as exc:
        raise CommandFailed(str(exc)) from None


def every_review(config: RetroConfig) -> Library:
    """Every review that can be read, whatever its status (unreadable ones are counted)."""
    library = library_reviews(load_library(config))
    _say_unreadable(library)
    return library


def site_reviews(config: RetroConfig) -> Library:
    """The reviews the site shows, so that the figures agree with its pages."""
    library = shown_reviews(load_library(config), config)
    _say_unreadable(library)
    return library


def _say_unreadable(library: Library) -> None:
    count = library.unreadable
    if count:
        files, verb = ("files", "are") if count != 1 else ("file", "is")
        click.echo(
            f"retro: {count} review {files} could not be read and {verb} left out; "
            "`retro check` says why.",
            err=True,
        )


def parse_day(_ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a date; use YYYY-MM-DD") from None


def date_option(*names: str, help: str) -> Callable[[F], F]:  # noqa: A002 - click's name
    return click.option(*names, callback=parse_day, metavar="YYYY-MM-DD", help=help)


def check_window(since: date | None, until: date | None) -> None:
    if since and until and since > until:
        raise click.BadParameter(
            f"--since {since} is after --until {until}", param_hint="'--since'"
        )


LISTING_FORMATS = ("table", "json", "csv", "markdown")


LISTING_HELP = (
    "Output format: table for people (plain text when piped), json for scripts "
    "(see the README's 'JSON output'), csv for spreadsheets, markdown to paste."
)


def format_option(
    choices: Sequence[str] = LISTING_FORMATS,
    help: str = LISTING_HELP,  # noqa: A002 - click's
) -> Callable[[F], F]:
    """``--format`` / ``-f`` (into ``fmt``), the first choice the default."""
    return click.option(
        "--format",
        "-f",
        "fmt",
        type=click.Choice(list(choices)),
        default=choices[0],
        show_default=True,
        help=help,
    )


def emit(listing: Listing, fmt: str) -> None:
    """Print ``listing`` in ``fmt`` on standard output."""
    if fmt == "table":
        terminal = sys.stdout.isatty()
        click.echo(render_table(listing, terminal=terminal, title=terminal), nl=False)
    else:
        click.echo(FORMATTERS[fmt](listing), nl=False)


def emit_sections(listings: Sequence[Listing], fmt: str) -> None:
    """Several small tables one after the other (``table`` or ``markdown``)."""
    texts = []
    for listing in listings:
        if fmt == "table":
            texts.append(render_table(listing, terminal=sys.stdout.isatty()))
        else:
            texts.append(FORMATTERS[fmt](listing))
    click.echo("\n".join(texts), nl=False)
