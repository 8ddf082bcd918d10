from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from retro_reviews.importer.dates import (
    DateReading,
    date_alone,
    date_in_file_name,
    date_in_text,
    iso,
    leading_moment,
    looks_like_a_stamp,
    moment_in,
    read_labelled_date,
    zone_in,
)
from retro_reviews.importer.dating import dates_something_else
from retro_reviews.zones import UnclearZone

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


def test_a_stamp_whose_date_has_no_year_takes_the_year_of_the_day_known() -> None:
    assert leading_moment("Jun 1, 14:32 UTC x", DAY, None) == (
        datetime(2024, 6, 1, 14, 32, tzinfo=UTC),
        True,
        16,
    )
    assert leading_moment("1 June 09:05 x", DAY, None) == (datetime(2024, 6, 1, 9, 5), True, 12)
    assert leading_moment("Jun 1, 14:32 UTC x", None, None) is None  # no year to put it in
    assert leading_moment("Feb 30, 14:32 x", DAY, None) is None
    assert leading_moment("May 14:32 x", DAY, None) is None  # a month, then a time: no day
    for text in ("Feb 30, 14:32", "6/1 14:32", "[14:45] x", "~14:50 x", "14h40 x"):
        assert looks_like_a_stamp(text)
    for text in ("At 14:00 we rolled back", "Step 1 10:00", "1.5 hours later"):
        assert not looks_like_a_stamp(text)


def test_zone_named_in_a_line_and_iso_output() -> None:
    found = zone_in("All times UTC")
    assert found is not None and found.tz == UTC
    assert zone_in("times in our office") is None
    assert iso(datetime(2024, 6, 25, 14, 32, tzinfo=UTC)) == "2024-06-25T14:32:00Z"
    assert moment_in("2024-06-25 14:32 UTC", None, None) == datetime(
        2024, 6, 25, 14, 32, tzinfo=UTC
    )
    assert moment_in("next Tuesday", DAY, None) is None


def _offset(hours: float) -> timezone:
    return timezone(timedelta(hours=hours))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023-02-01 09:40 CET", datetime(2023, 2, 1, 9, 40, tzinfo=_offset(1))),
        ("2023-07-01 09:40 CEST", datetime(2023, 7, 1, 9, 40, tzinfo=_offset(2))),
        ("2023-02-01 09:40 EET", datetime(2023, 2, 1, 9, 40, tzinfo=_offset(2))),
        ("2023-02-01 09:40 GMT+1", datetime(2023, 2, 1, 9, 40, tzinfo=_offset(1))),
        ("2023-02-01 09:40 (UTC+1)", datetime(2023, 2, 1, 9, 40, tzinfo=_offset(1))),
        ("2023-02-01 09:40 UTC-05:00", datetime(2023, 2, 1, 9, 40, tzinfo=_offset(-5))),
        ("2023-02-01 09:40 UTC+5:30", datetime(2023, 2, 1, 9, 40, tzinfo=_offset(5.5))),
        ("2023-02-01 09:40+02:00", datetime(2023, 2, 1, 9, 40, tzinfo=_offset(2))),
        ("2023-02-01 09:40 NZDT", datetime(2023, 2, 1, 9, 40, tzinfo=_offset(13))),
    ],
)
def test_zones_with_one_offset(text: str, expected: datetime) -> None:
    moment = moment_in(text, None, None)
    assert moment == expected
    assert moment is not None and moment.utcoffset() == expected.utcoffset()


def test_a_named_zone_gives_its_offset_at_that_date() -> None:
    winter = moment_in("2023-02-01 09:40 Europe/Berlin", None, None)
    summer = moment_in("2023-07-01 09:40 Europe/Berlin", None, None)
    assert winter is not None and iso(winter) == "2023-02-01T09:40:00+01:00"
    assert summer is not None and iso(summer) == "2023-07-01T09:40:00+02:00"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023-01-10 09:40 PT", "2023-01-10T09:40:00-08:00"),
        ("2023-06-01 09:40 PT", "2023-06-01T09:40:00-07:00"),
        ("2023-06-01 09:40 MT", "2023-06-01T09:40:00-06:00"),
        ("2023-06-01 09:40 CT", "2023-06-01T09:40:00-05:00"),
        ("2023-01-10 09:40 ET", "2023-01-10T09:40:00-05:00"),
        ("2023-06-01 09:40 (ET)", "2023-06-01T09:40:00-04:00"),
    ],
)
def test_a_region_time_gives_the_regions_offset_on_that_day(text: str, expected: str) -> None:
    moment = moment_in(text, None, None)
    assert moment is not None and iso(moment) == expected


def test_a_region_time_named_above_the_times_is_read_as_that_region() -> None:
    for line in ("Timeline (all times PT)", "Time (PT)", "All times are ET."):
        found = zone_in(line)
        assert found is not None and found.tz is not None and found.written in line
    pacific = zone_in("Timeline (all times PT)")
    moment = leading_moment("09:15 Errors start", date(2023, 6, 1), pacific)
    assert moment is not None and iso(moment[0]) == "2023-06-01T09:15:00-07:00"
    # In lower case these are words ("pt" of a unit, "et" of a sentence), not zones.
    assert zone_in("times in pt") is None and zone_in("et cetera") is None
    # A skipped local time is named by the zone as written.
    with pytest.raises(UnclearZone, match="'PT' has no 02:30 on 2023-03-12"):
        leading_moment("02:30 x", date(2023, 3, 12), pacific)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2023-02-01 09:40 IST", "'IST' could be India (+05:30), Israel (+02:00) or Ireland"),
        ("2023-02-01 09:40 CST", "'CST' could be US Central (-06:00), China (+08:00)"),
        ("2023-02-01 09:40 XKST", "'XKST' is not a time zone retro knows"),
        ("2023-02-01 09:40 Europe/Atlantis", "'Europe/Atlantis' is not a time zone retro knows"),
        ("2023-02-01 09:40 UTC+19", "'UTC+19' is no time zone"),
        ("2023-03-26 02:30 Europe/Berlin", "has no 02:30 on 2023-03-26 (clocks go forward)"),
        ("2023-10-29 02:30 Europe/Berlin", "has 02:30 twice on 2023-10-29 (clocks go back)"),
    ],
)
def test_a_zone_without_one_offset_is_never_guessed(text: str, message: str) -> None:
    with pytest.raises(UnclearZone, match=re.escape(message)):
        moment_in(text, None, None)


def test_a_zone_named_above_the_times_is_checked_when_a_time_needs_it() -> None:
    heading = zone_in("Timeline (all times IST)")
    assert heading is not None and heading.tz is None
    with pytest.raises(UnclearZone):
        leading_moment("09:40 deploy", DAY, heading)
    assert leading_moment("09:40 UTC deploy", DAY, heading) is not None
    berlin = zone_in("Timeline (times in Europe/Berlin)")
    assert berlin is not None and str(berlin.tz) == "Europe/Berlin"


def test_words_after_a_time_are_not_zones() -> None:
    assert leading_moment("09:40 DB failover starts", DAY, None) == (
        datetime(2024, 6, 25, 9, 40),
        False,
        5,
    )
    assert leading_moment("09:40 West region drained", DAY, None) is not None
    assert leading_moment("09:40 TEST run fails", DAY, None) is not None


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("13/05/2023", date(2023, 5, 13)),
        ("05/13/2023", date(2023, 5, 13)),
        ("05.03.2021", date(2021, 3, 5)),
        ("20210305", date(2021, 3, 5)),
        ("07/07/2022", date(2022, 7, 7)),
        ("2024-06-25 14:32 UTC", DAY),
    ],
)
def test_labelled_dates_read_every_unambiguous_form(text: str, day: date) -> None:
    assert read_labelled_date(text) == DateReading(day)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (
            "04/05/2023",
            "'04/05/2023' could be 4 May 2023 (day first) or April 5, 2023 (month first)",
        ),
        ("2024-02-30", "'2024-02-30' is not a real date"),
        ("31.02.2021", "'31.02.2021' is not a real date"),
        ("20211305", "'20211305' is not a real date"),
        ("the week after the launch", "'the week after the launch' is not a date retro can read"),
    ],
)
def test_labelled_dates_never_guessed(text: str, problem: str) -> None:
    assert read_labelled_date(text) == DateReading(None, problem)


@pytest.mark.parametrize(
    "text",
    [
        "Created by Dana Reyes, last modified on Apr 02, 2024",
        "Last updated: 2024-04-02",
        "Published 2 April 2024 by the SRE team",
        "2023-06-09 (postmortem meeting)",
        "June 9, 2023 - review",
    ],
)
def test_a_date_said_to_be_another_things(text: str) -> None:
    assert dates_something_else(text)


@pytest.mark.parametrize(
    "text",
    [
        "2023-06-01",
        "On 2023-06-01 the API failed; this postmortem covers it",
        "2023-06-01, postmortem 2023-06-09",
        "2023-06-01 14:00 UTC (incident start)",
        "No date here",
    ],
)
def test_a_date_of_the_incident_is_not_another_things(text: str) -> None:
    assert not dates_something_else(text)


@pytest.mark.parametrize(
    ("text", "reading"),
    [
        ("2023-06-20", DateReading(date(2023, 6, 20))),
        (" June 1, 2023 ", DateReading(date(2023, 6, 1))),
        ("15.04.2023", DateReading(date(2023, 4, 15))),
        ("20230415", DateReading(date(2023, 4, 15))),
        (
            "04/05/2023",
            DateReading(
                None, "'04/05/2023' could be 4 May 2023 (day first) or April 5, 2023 (month first)"
            ),
        ),
        ("2023-06-20 or later", None),
        ("Q3", None),
    ],
)
def test_a_date_alone_is_read_with_the_labelled_date_rules(
    text: str, reading: DateReading | None
) -> None:
    assert date_alone(text) == reading


def test_a_range_after_a_time_is_no_offset_with_a_date_or_without() -> None:
    for text, day in (
        ("10:00-10:30 Maintenance", date(2024, 6, 25)),
        ("2024-06-25 10:00-10:30 Maintenance", None),
    ):
        found = leading_moment(text, day, None)
        assert found is not None, text
        assert found[0].tzinfo is None and (found[0].hour, found[0].minute) == (10, 0), text
    # A time then an offset: the time after the dash is not later that day.
    found = leading_moment("09:15-07:00 Errors", date(2024, 6, 25), None)
    assert found is not None and found[0].utcoffset() == timedelta(hours=-7)
