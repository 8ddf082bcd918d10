"""Terminal tables (rich): fit the width and colour on a terminal, plain text when piped."""

from __future__ import annotations

import re

import pytest

from golden import assert_golden
from retro_reviews.commands.output import render_table
from retro_reviews.follow.listing import Column, Listing

ESCAPE = re.compile(r"\x1b\[[0-9;]*m")
LONG = "Reconcile export totals per region with the sales ledger automatically after each run"


def listing() -> Listing:
    table = Listing(
        "action_items",
        (
            Column("due", "Due", wrap=False),
            Column("status", "Status", wrap=False),
            Column("action", "Action"),
        ),
        title="Action items",
    )
    table.add({"due": "2026-05-01", "status": "overdue", "action": LONG}, {}, mark="overdue")
    table.add({"due": "2026-07-01", "status": "open", "action": "Weigh every parcel"}, {})
    return table


@pytest.mark.parametrize("width", [40, 60, 100])
def test_on_a_terminal_the_table_fits_the_width(width: int) -> None:
    text = render_table(listing(), terminal=True, width=width)
    for line in ESCAPE.sub("", text).splitlines():
        assert len(line) <= width, line
    assert "2026-05-01" in text  # no-wrap columns are kept whole


def test_on_a_terminal_overdue_rows_are_red() -> None:
    text = render_table(listing(), terminal=True, width=100)
    overdue = next(line for line in text.splitlines() if "2026-05-01" in line)
    assert "\x1b[1;31m" in overdue
    other = next(line for line in text.splitlines() if "2026-07-01" in line)
    assert "\x1b[1;31m" not in other


def test_no_color_is_honoured(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    text = render_table(listing(), terminal=True, width=100)
    assert "\x1b[31m" not in text and "\x1b[1;31m" not in text


def test_piped_is_plain_one_line_per_row() -> None:
    text = render_table(listing(), terminal=False, title=False)
    assert "\x1b" not in text
    assert_golden("follow/table-piped.txt", text)
    assert text.splitlines()[1].startswith("2026-05-01  overdue  " + LONG)


def test_an_empty_listing_says_so() -> None:
    empty = Listing("x", (Column("a", "A"),), title="Things", empty="Nothing here.")
    assert render_table(empty, terminal=False) == "Things\nNothing here.\n"
