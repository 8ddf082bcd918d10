"""Terminal tables, drawn by rich.

rich (Textualize) measures every cell and wraps the wide columns so a table fits the
terminal's width, honours ``NO_COLOR`` and ``COLUMNS``, and draws no colour or box when told
the output is not a terminal: the hand-written alternative would re-implement all three.

On a terminal: a table as wide as the terminal at most, overdue rows in red. Piped or
redirected: plain text, columns separated by spaces, one line per row however long
(``grep`` and ``cut`` see whole rows), no escape codes.
"""

from __future__ import annotations

import io
import shutil

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..follow.listing import Listing

STYLES = {"overdue": "bold red", "done": "dim"}
PIPE_WIDTH = 10_000  # wide enough that rows are never wrapped when piped


def render_table(
    listing: Listing, *, terminal: bool, width: int | None = None, title: bool = True
) -> str:
    """``listing`` as a text table (with its title, or its "empty" sentence).

    Without ``title`` the first line is the header row, as a script reading a pipe expects.
    """
    head = f"{listing.title}\n" if listing.title and title else ""
    if not listing.rows:
        return f"{head}{listing.empty}\n"
    table = Table(
        box=box.SIMPLE_HEAD if terminal else None,
        show_edge=False,
        pad_edge=False,
        header_style="bold" if terminal else "",
        padding=(0, 1) if terminal else (0, 2, 0, 0),
    )
    for column in listing.columns:
        table.add_column(column.header, no_wrap=not column.wrap, overflow="fold")
    for row, mark in zip(listing.rows, listing.marks, strict=True):
        cells = [Text(row[c.key]) for c in listing.columns]
        table.add_row(*cells, style=STYLES.get(mark, "") if terminal else "")
    if not terminal:
        width = PIPE_WIDTH
    width = width or shutil.get_terminal_size().columns
    out = io.StringIO()
    console = Console(
        file=out,
        width=width,
        force_terminal=terminal,
        no_color=None if terminal else True,  # None: rich reads NO_COLOR
        color_system="standard" if terminal else None,
        highlight=False,
        emoji=False,
        markup=False,
        legacy_windows=False,
    )
    console.print(table)
    lines = [line.rstrip() for line in out.getvalue().splitlines()]
    return head + "\n".join(lines) + "\n"
