"""`retro export`: the whole library for spreadsheets and BI tools."""

from __future__ import annotations

from pathlib import Path

import click

from ..atomic import write_output_file
from ..follow.export import CSV_FILES, export_csv, export_json
from .base import every_review, format_option, today
from .state import CommandFailed, State


@click.command("export")
@format_option(
    ("json", "csv"),
    help="json: one document with reviews, action items and checklist changes; "
    "csv: three files (reviews.csv, action_items.csv, checklist_changes.csv).",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path),
    help="json: the file to write (default: standard output); csv: the folder to write "
    "the three files into (required, created if missing).",
)
@click.pass_obj
def export_command(state: State, fmt: str, output: Path | None) -> None:
    """Export every review, action item and checklist change, whatever the status.

    The JSON is documented in the README ("JSON output") and stable: fields are only
    added within a version. In CSV, nested fields are flattened (impact_summary,
    timeline_started, ...) and lists are joined with "; ". Existing files are
    replaced only once the new ones are complete.

    \b
    Examples:
      retro export > library.json
      retro export --format csv --output export/
    """
    config = state.config
    reviews = sorted(every_review(config).reviews, key=lambda r: r.id)
    day = today()
    if fmt == "json":
        text = export_json(reviews, config, day)
        if output is None:
            click.echo(text, nl=False)
        else:
            _write(output, text)
        return
    if output is None:
        raise click.UsageError("--format csv writes three files: give --output FOLDER")
    if output.exists() and not output.is_dir():
        raise CommandFailed(f"{output} is a file; --format csv needs a folder")
    files = export_csv(reviews, config, day)
    for name in CSV_FILES:
        _write(output / name, files[name])
    click.echo(f"Wrote {', '.join(str(output / name) for name in CSV_FILES)}", err=True)


def _write(path: Path, text: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_output_file(path, text)
    except OSError as exc:
        raise CommandFailed(f"cannot write {path}: {exc.strerror or exc}") from None
