"""``retro import``: the click adapter over :mod:`retro_reviews.importer`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from .check import today_for_checks
from .commands.base import format_option
from .commands.state import CommandFailed
from .errors import RetroError
from .importer import STATUSES, ImportRequest, import_documents, render_json, render_text


@click.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--kind", "-k", default=None, help="Kind of the reviews (default: the first kind).")
@click.option(
    "--status",
    type=click.Choice(STATUSES),
    default="imported",
    show_default=True,
    help="imported: history kept as written (findings are warnings); draft: to finish.",
)
@click.option("--dry-run", is_flag=True, help="Report what would be imported; write nothing.")
@format_option(("text", "json"), help="Report format: text for people, json for scripts.")
@click.pass_obj
def import_command(
    state: Any, paths: tuple[Path, ...], kind: str | None, status: str, dry_run: bool, fmt: str
) -> None:
    """Import existing postmortems (Markdown files or folders) as reviews.

    Each document becomes one review, reviews/<YYYY>/<date>-<slug>.md, its date and
    title read from the document (front matter, a metadata table, a "Date:" line,
    the first heading, the file name). Sections are recognised by meaning (Root
    cause, Why did it happen?, Corrective actions...) and fill the front matter;
    the body keeps every line of the original under its own headings. The report
    says, for each document, where it went, which heading or table filled which
    field, what was not found and every placeholder left out.

    Nothing is ever overwritten; a document imported before (same bytes) is
    reported as already imported. Files outside the project, or links out of it,
    are refused; binary and oversized files are skipped with the reason.

    Exit codes: 0 every document imported (or already there), 1 at least one
    skipped or refused, 2 the command could not run (path not found, bad option).

    \b
    Examples:
      retro import old-postmortems/ --dry-run
      retro import "wiki/DB outage 2021" --kind incident --format json
    """
    config = state.config
    try:
        request = ImportRequest(
            paths=paths, kind=kind, status=status, dry_run=dry_run, today=today_for_checks()
        )
        report = import_documents(config, request)
    except RetroError as exc:
        raise CommandFailed(str(exc)) from None
    click.echo(render_json(report) if fmt == "json" else render_text(report), nl=False)
    sys.exit(report.exit_code)
