from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from retro_reviews.importer.dates import (
    date_in_file_name,
    date_in_text,
    iso,
    leading_moment,
    moment_in,
    zone_in,
)

DAY = date(2024, 6, 25)


@pytest.mark.parametrize(
    ("name", "day"),
    [
        ("2024-06-25-db-outage.md", DAY),
        ("20210305_payments.md", date(2021, 3, 5)),
        ("outage 2024_06_25", DAY),
        ("notes.md", None),
        ("2024-13-45-bad.md", None),
    ],
)
def test_date_in_file_name(name: str, day: date | None) -> None:
    assert date_in_file_name(name) == day


@pytest.mark.parametrize(
    "text",
    ["2024-06-25", "June 25, 2024", "25 June 2024", "Tue, Jun 25th 2024", "on 2024/06/25 at"],
)
def test_date_in_text(text: str) -> None:
    assert date_in_text(text) == DAY


def test_ambiguous_numeric_dates_are_not_guessed() -> None:
    assert date_in_text("06/07/2024") is None


def test_leading_moment_with_zone_am_pm_and_own_date() -> None:
    assert leading_moment("14:32 UTC - alert", DAY, None) == (
        datetime(2024, 6, 25, 14, 32, tzinfo=UTC),
        False,
        9,
    )
    moment = leading_moment("2024-06-26 09:05:07 PDT: x", DAY, None)
    assert moment is not None
    assert moment[0] == datetime(2024, 6, 26, 9, 5, 7, tzinfo=timezone(timedelta(hours=-7)))
    assert moment[1] is True
    assert leading_moment("9:05pm x", DAY, None) == (datetime(2024, 6, 25, 21, 5), False, 6)
    assert leading_moment("The alert at 14:32", DAY, None) is None
    assert leading_moment("14:32 x", None, None) is None


def test_zone_named_in_a_line_and_iso_output() -> None:
    assert zone_in("All times UTC") == UTC
    assert zone_in("times in our office") is None
    assert iso(datetime(2024, 6, 25, 14, 32, tzinfo=UTC)) == "2024-06-25T14:32:00Z"
    assert moment_in("2024-06-25 14:32 UTC", None, None) == datetime(
        2024, 6, 25, 14, 32, tzinfo=UTC
    )
    assert moment_in("next Tuesday", DAY, None) is None
