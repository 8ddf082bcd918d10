"""Dates and times as old postmortems write them: ``2024-06-25``, ``June 25, 2024``,
``25 Jun 2024``, file names such as ``20210305_db.md``, and timeline stamps such as
``14:32 UTC`` or ``2024-06-25 14:32:05 PDT`` (zones: :mod:`retro_reviews.zones`). Nothing is
guessed: a date written only as ``06/07/2024`` (June or July?) is not read, nor a time in
``IST``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo

from ..zones import UnclearZone, Zone, checked, zone_after_time, zone_in_text

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH_WORDS = "|".join(sorted(MONTHS, key=len, reverse=True))
_MONTH = rf"(?P<month>{_MONTH_WORDS})\.?"
_ISO = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)[-/.](?P<m>\d\d)[-/.](?P<d>\d\d)(?!\d)")
_MONTH_FIRST = re.compile(
    rf"\b{_MONTH}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d\d)\b", re.I
)
_DAY_FIRST = re.compile(
    rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+(?P<y>(?:19|20)\d\d)\b", re.I
)
_YEARLESS = (  # "June 1", "Jun 1st", "1 June": never followed by a year, nor by ":" (a time)
    re.compile(rf"{_MONTH}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?![\w:])", re.I),
    re.compile(rf"(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH}(?![\w:])", re.I),
)
_COMPACT = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)(?P<m>[01]\d)(?P<d>[0-3]\d)(?!\d)")
_FILE_NAME = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)[-_.]?(?P<m>[01]\d)[-_.]?(?P<d>[0-3]\d)(?!\d)")

_CLOCK = re.compile(
    r"(?<![\d:])(?P<h>[0-2]?\d):(?P<min>[0-5]\d)(?::(?P<s>[0-5]\d))?(?:\.\d+)?"
    r"(?:\s*(?P<ampm>[ap])\.?m\.?(?!\w))?",
    re.I,
)


def find_date(text: str) -> tuple[date, int, int] | None:
    """The first date written in ``text`` and where it is (start, end), else ``None``."""
    best: tuple[date, int, int] | None = None
    for pattern in (_ISO, _MONTH_FIRST, _DAY_FIRST):
        for match in pattern.finditer(text):
            day = _make_date(match)
            if day is not None:
                if best is None or match.start() < best[1]:
                    best = (day, match.start(), match.end())
                break
    return best


def date_without_year(text: str, year: int) -> tuple[date | None, int] | None:
    """A date at the start of ``text`` written without its year ("June 1", "1 Jun", "Jun
    1st"), put in ``year``: the day (``None`` when there is no such day, "June 31") and where
    it ends; ``None`` when ``text`` does not start with one."""
    match = _YEARLESS[0].match(text) or _YEARLESS[1].match(text)
    if match is None or find_date(text[: match.end() + 6]) is not None:
        return None  # "June 1, 2024" has its year
    month = MONTHS[match.group("month").lower().rstrip(".")]
    return _day(year, month, int(match.group("d"))), match.end()


def date_in_text(text: str) -> date | None:
    found = find_date(text)
    return found[0] if found else None


def date_in_file_name(name: str) -> date | None:
    """``2024-06-25-db-outage.md``, ``20210305_db.md``, ``db 2024_06_25``."""
    for match in _FILE_NAME.finditer(name):
        day = _make_date(match)
        if day is not None:
            return day
    return None


def _make_date(match: re.Match[str]) -> date | None:
    groups = match.groupdict()
    month = groups.get("m")
    number = int(month) if month else MONTHS.get(groups["month"].lower().rstrip("."), 0)
    try:
        return date(int(groups["y"]), number, int(groups["d"]))
    except (ValueError, TypeError):
        return None


_NUMERIC = re.compile(
    r"(?<![\d/.-])(?P<one>\d{1,2})(?P<sep>[/.-])(?P<two>\d{1,2})(?P=sep)(?P<y>(?:19|20)\d\d)(?!\d)"
)
MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


@dataclass(frozen=True)
class DateReading:
    """A labelled date ("Date: 13/05/2023") read, or why it was not (``problem``)."""

    day: date | None
    problem: str = ""


def read_labelled_date(text: str) -> DateReading:
    """The date a ``Date:`` line, a metadata table's cell or front matter gives.

    Besides what :func:`find_date` reads: ``13/05/2023`` and ``05/13/2023`` (only one way
    makes a date), ``05.03.2021`` (dotted dates are day first), ``20210305``. Never guessed:
    ``04/05/2023`` (4 May or April 5?) and ``2024-02-30`` come back with a ``problem``.
    """
    written = " ".join(text.split())
    found = find_date(written)
    if found is not None:
        return DateReading(found[0])
    numeric = _NUMERIC.search(written)
    if numeric is not None:
        return _numeric(numeric)
    compact = _COMPACT.search(written)
    if compact is not None:
        return _real(compact.group(0), _make_date(compact))
    for pattern in (_ISO, _MONTH_FIRST, _DAY_FIRST):
        impossible = pattern.search(written)
        if impossible is not None:
            return _real(impossible.group(0), None)
    return DateReading(None, f"'{written[:60]}' is not a date retro can read")


def date_alone(text: str) -> DateReading | None:
    """:func:`read_labelled_date` of ``text`` when it is a date and nothing else
    ("2023-06-20", "15.04.2023", "04/05/2023"), else ``None`` ("2023-06-20 or later")."""
    written = " ".join(text.split())
    for pattern in (_ISO, _MONTH_FIRST, _DAY_FIRST, _NUMERIC, _COMPACT):
        if pattern.fullmatch(written):
            return read_labelled_date(written)
    return None


def _numeric(match: re.Match[str]) -> DateReading:
    written, year = match.group(0), int(match.group("y"))
    first, second = int(match.group("one")), int(match.group("two"))
    if match.group("sep") == ".":  # 05.03.2021: day first, by convention
        return _real(written, _day(year, second, first))
    if first == second or (first > 12 and second <= 12):
        return _real(written, _day(year, second, first))
    if second > 12 and first <= 12:
        return _real(written, _day(year, first, second))
    if first > 12 or first == 0 or second == 0:
        return _real(written, None)
    day_first = f"{first} {MONTH_NAMES[second - 1]} {year}"
    month_first = f"{MONTH_NAMES[first - 1]} {second}, {year}"
    return DateReading(
        None, f"'{written}' could be {day_first} (day first) or {month_first} (month first)"
    )


def _day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _real(written: str, day: date | None) -> DateReading:
    if day is None:
        return DateReading(None, f"'{written}' is not a real date")
    return DateReading(day)


def zone_in(text: str) -> Zone | None:
    """The time zone a line names ("All times UTC", "(times in PDT)"), else ``None``; a
    zone that names no single offset ("IST") comes with its ``problem``."""
    found = zone_in_text(text)
    if found is not None and found.written.lower() == "z":
        return None
    return found


def leading_moment(
    text: str, day: date | None, zone: tzinfo | Zone | None
) -> tuple[datetime, bool, int] | None:
    """A moment that starts ``text`` ("14:32 UTC: ...", "2024-06-25 14:32 - ...", "Jun 1,
    14:32 ..." in the year of ``day``).

    Returns ``(moment, has_own_date, end of the stamp)``, or ``None`` when ``text`` does
    not start with a time (a date alone is not a moment). ``zone`` is the zone of a time
    that names none. Raises :class:`~retro_reviews.zones.UnclearZone` when the time's zone names no
    single offset ("09:40 IST"): a time is never written with a guessed offset.
    """
    own_date, start = _leading_date(text, day)
    match = _CLOCK.match(text, start)
    if match is None:
        return None
    # "10:00-10:30 Maintenance": the stamp ends before the range, which the caller reads
    own_zone = None if _a_range(text, match) else zone_after_time(text, match.end())
    end = own_zone.end if own_zone is not None else match.end()
    if re.match(r"\w", text[end : end + 1]):
        return None
    hour, minute = int(match.group("h")), int(match.group("min"))
    second = int(match.group("s") or 0)
    marker = (match.group("ampm") or "").lower()
    if marker == "p" and hour < 12:
        hour += 12
    elif marker and marker != "p" and hour == 12:  # 12:30am is half past midnight
        hour = 0
    if hour > 23:
        return None
    on = own_date or day
    if on is None:
        return None
    written = own_zone or zone
    tz = written.check() if isinstance(written, Zone) else written
    moment = datetime(on.year, on.month, on.day, hour, minute, second, tzinfo=tz)
    named = written if isinstance(written, Zone) else None  # "'PT' has no 02:30 on ..."
    return checked(moment, named), own_date is not None, end


TIME_RANGE = re.compile(r"\s*[-–—]\s*(\d{1,2}):(\d{2})(?!\d)")


def _a_range(text: str, clock: re.Match[str]) -> bool:
    """Whether a dash and a later time of the same day follow the time ``clock``: "10:00-10:30
    Maintenance" is a range (at ``TIME_RANGE``), "09:15-07:00" a time and its offset."""
    found = TIME_RANGE.match(text, clock.end())
    if found is None:
        return False
    start = int(clock.group("h")) * 60 + int(clock.group("min"))
    if (clock.group("ampm") or "").lower() == "p" and int(clock.group("h")) < 12:
        start += 12 * 60
    finish = int(found.group(1)) * 60 + int(found.group(2))
    return start < finish < 24 * 60


def _leading_date(text: str, day: date | None) -> tuple[date | None, int]:
    """The date a stamp starts with ("2024-06-25 14:32", or "Jun 1, 14:32" in the year of
    ``day``) and where its time starts; ``(None, 0)`` when it starts with none."""
    found = find_date(text[:40])
    if found is not None and found[1] <= 2:
        return found[0], len(text) - len(text[found[2] :].lstrip(" ,T@"))
    yearless = date_without_year(text, day.year) if day is not None else None
    if yearless is None or yearless[0] is None:
        return None, 0
    return yearless[0], len(text) - len(text[yearless[1] :].lstrip(" ,T@"))


def moment_in(text: str, day: date | None, zone: tzinfo | Zone | None) -> datetime | None:
    """A date-time anywhere in a metadata value ("2024-06-25 14:32 UTC", "14:32"); raises
    :class:`~retro_reviews.zones.UnclearZone` as :func:`leading_moment` does."""
    found = find_date(text)
    if found is not None:
        day = found[0]
        rest = text[found[2] :].lstrip(" ,T@")
        moment = leading_moment(rest, day, zone)
        if moment is not None:
            return moment[0]
        return None
    stripped = text.strip()
    moment = leading_moment(stripped, day, zone)
    return moment[0] if moment else None


def iso(moment: datetime) -> str:
    """``2024-06-25T14:32:00Z``, ``...+02:00``, or without offset when none was written."""
    text = moment.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


_STAMP_SHAPE = re.compile(
    rf"[\W_]{{0,3}}(?:(?:(?:{_MONTH_WORDS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTH_WORDS})\.?"
    r"|(?:19|20)\d\d[-/.]\d\d[-/.]\d\d|\d{1,2}[/.]\d{1,2}(?:[/.]\d{2,4})?)[,\sT]+)?"
    r"\d{1,2}[:h]\d\d(?!\d)",
    re.I,
)


def looks_like_a_stamp(text: str) -> bool:
    """Whether ``text`` starts the way a timeline's stamp does ("14:32", "6/1 14:32", "Feb
    30, 14:32", "14h32"), read or not: a line that does and cannot be read is reported,
    never silently left out of a timeline."""
    return _STAMP_SHAPE.match(text) is not None


def starts_with_time(text: str) -> bool:
    """Whether ``text`` starts with a time ("14:32 UTC: …", "**09:05** …"), whatever its day
    and zone (a zone that cannot be read still makes it a time)."""
    try:
        return leading_moment(text.replace("**", ""), date(2000, 1, 3), UTC) is not None
    except UnclearZone:
        return True
