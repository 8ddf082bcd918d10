"""Time zones as postmortems write them: ``UTC``, ``CET``, ``PT``, ``GMT+1``, ``UTC-05:00``,
``+02:00``, ``Europe/Berlin``. A zone that names no single offset (``IST``: India, Israel or
Ireland?) or that retro does not know is never guessed: :class:`UnclearZone` says why, and
the caller leaves the time out and reports it."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

# Abbreviation -> offset in minutes. The first group is read in any case ("14:32 utc"), as
# before; the others only in capitals, so that "West" or "ist" (German "is") stay words.
ANY_CASE = {"utc": 0, "gmt": 0, "z": 0, "pst": -480, "pdt": -420, "mst": -420, "mdt": -360}
ANY_CASE |= {"cdt": -300, "est": -300, "edt": -240, "cet": 60, "cest": 120, "bst": 60}
ANY_CASE |= {"eet": 120, "eest": 180, "jst": 540, "aest": 600, "aedt": 660}
CAPITALS = {"WET": 0, "WEST": 60, "MSK": 180, "KST": 540, "HKT": 480, "SGT": 480, "AWST": 480}
CAPITALS |= {"ACST": 570, "ACDT": 630, "NZST": 720, "NZDT": 780, "HST": -600, "AKST": -540}
CAPITALS |= {"AKDT": -480}
# Region times, read only in capitals: their offset is the region's on that day (PT is
# -08:00 in January, -07:00 in June), from the time zone database.
REGIONS = {"PT": "America/Los_Angeles", "MT": "America/Denver", "CT": "America/Chicago"}
REGIONS |= {"ET": "America/New_York", "AKT": "America/Anchorage"}
# Abbreviations that name several zones: never read as one of them.
AMBIGUOUS = {
    "IST": "India (+05:30), Israel (+02:00) or Ireland (+01:00)",
    "CST": "US Central (-06:00), China (+08:00) or Cuba (-05:00)",
    "AST": "Atlantic (-04:00) or Arabia (+03:00)",
    "GST": "Gulf (+04:00) or South Georgia (-02:00)",
    "SST": "Samoa (-11:00) or Singapore (+08:00)",
    "AMT": "Amazon (-04:00) or Armenia (+04:00)",
    "BT": "Baghdad (+03:00) or Bhutan (+06:00)",
}
# Capital words shaped like a zone ("XYZT", "NZST") that are words, not zones.
_NOT_ZONES = {"TEST", "LAST", "POST", "REST", "HOST", "LIST", "JUST", "MOST", "PAST", "FAST"}
_NOT_ZONES |= {"BEST", "COST", "EAST", "CAST", "LOST", "MUST", "FIRST", "WORST", "BURST"}
_NOT_ZONES |= {"BOOST", "TRUST", "GHOST", "ROAST", "TOAST", "FEAST", "ADST", "DIST"}
_NOT_ZONES |= {"DST"}  # daylight saving time: a change of offset, in no one zone
_AREAS = "Africa|America|Antarctica|Arctic|Asia|Atlantic|Australia|Europe|Indian|Pacific|Etc|US"
_SHIFTED = r"(?:utc|gmt)\s*(?P<sign>[+\-−])\s*(?P<h>\d{1,2})(?::?(?P<m>\d\d))?(?!\d)"
_OFFSET = r"(?P<osign>[+\-])(?P<oh>\d\d):?(?P<om>\d\d)(?!\d)"
_IANA = rf"(?-i:(?:{_AREAS})/[A-Za-z0-9_+\-]+(?:/[A-Za-z_]+)?)"
_WORD = r"[A-Za-z]{1,5}(?![\w/])"
TOKEN = rf"(?:{_SHIFTED}|{_OFFSET}|{_IANA}|{_WORD})"
_AFTER_TIME = re.compile(rf"\s*(?P<open>\()?\s*(?P<tz>{TOKEN})(?(open)\s*\))", re.I)
_IN_TEXT = re.compile(rf"(?<![\w/+\-])(?P<tz>{TOKEN})", re.I)


class UnclearZone(ValueError):
    """A time whose zone names no single offset, or a zone retro does not know."""

    def __init__(self, written: str, why: str) -> None:
        super().__init__(f"'{written}' {why}")
        self.written = written
        self.why = why
        self.line: int | None = None  # the body line, once a caller knows it


@dataclass(frozen=True)
class Zone:
    """A zone found in a text: its ``tz`` (``None`` with ``problem`` when unclear)."""

    written: str
    tz: tzinfo | None
    problem: str = ""
    end: int = 0  # where the zone ends in the text

    def check(self) -> tzinfo:
        """The zone, or :class:`UnclearZone` saying why there is none."""
        if self.tz is None:
            raise UnclearZone(self.written, self.problem)
        return self.tz


def zone_after_time(text: str, position: int) -> Zone | None:
    """The zone written right after a time ("09:40 CET", "09:40 (GMT+1)"), else ``None``."""
    match = _AFTER_TIME.match(text, position)
    if match is None:
        return None
    written = match.group("tz")
    if written.isalpha() and not written.isupper() and text[match.end() : match.end() + 1] == ".":
        return None  # "14:05 est. 2,000 checkouts failing": a word cut short, not EST
    return _read(match)


def zone_in_text(text: str) -> Zone | None:
    """The first zone a line names ("All times UTC", "(times in Europe/Berlin)")."""
    for match in _IN_TEXT.finditer(text):
        found = _read(match)
        if found is not None:
            return found
    return None


def _read(match: re.Match[str]) -> Zone | None:
    written = match.group("tz")
    end = match.end()
    if match.group("sign"):
        sign = -1 if match.group("sign") in "-−" else 1
        return _fixed(written, sign, int(match.group("h")), int(match.group("m") or 0), end)
    if match.group("osign"):
        sign = -1 if match.group("osign") == "-" else 1
        return _fixed(written, sign, int(match.group("oh")), int(match.group("om")), end)
    if "/" in written:
        return _named(written, end)
    return _abbreviation(written, end)


def _fixed(written: str, sign: int, hours: int, minutes: int, end: int) -> Zone:
    if hours > 14 or minutes > 59:
        return Zone(written, None, "is no time zone (offsets go from -12:00 to +14:00)", end)
    return Zone(written, timezone(sign * timedelta(hours=hours, minutes=minutes)), "", end)


def _abbreviation(written: str, end: int) -> Zone | None:
    if written.lower() in ANY_CASE:
        return Zone(written, timezone(timedelta(minutes=ANY_CASE[written.lower()])), "", end)
    if not written.isupper():
        return None
    if written in CAPITALS:
        return Zone(written, timezone(timedelta(minutes=CAPITALS[written])), "", end)
    if written in REGIONS:
        return replace(_named(REGIONS[written], end), written=written)
    if written in AMBIGUOUS:
        return Zone(written, None, f"could be {AMBIGUOUS[written]}", end)
    if re.fullmatch(r"[A-Z]{1,3}[SD]T", written) and written not in _NOT_ZONES:
        return Zone(written, None, "is not a time zone retro knows", end)
    return None


def _named(written: str, end: int) -> Zone:
    if re.match(r"Etc/GMT[+-]", written):
        why = "counts its offset backwards (Etc/GMT+1 is UTC-01:00); write UTC+01:00 or -01:00"
        return Zone(written, None, why, end)
    try:
        return Zone(written, ZoneInfo(written), "", end)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        pass
    if not _has_zone_database():
        why = "needs the time zone database, missing here (reinstall retro: it brings tzdata)"
        return Zone(written, None, why, end)
    return Zone(written, None, "is not a time zone retro knows", end)


@cache
def _has_zone_database() -> bool:
    return bool(available_timezones())


def checked(moment: datetime, zone: Zone | None) -> datetime:
    """``moment`` itself, unless its local time is skipped or repeated by a daylight-saving
    change in a named zone (02:30 on the night clocks go forward): then :class:`UnclearZone`."""
    if not isinstance(moment.tzinfo, ZoneInfo):
        return moment
    written = zone.written if zone is not None else str(moment.tzinfo)
    local = moment.replace(tzinfo=None)
    there_and_back = moment.astimezone(UTC).astimezone(moment.tzinfo)
    if there_and_back.replace(tzinfo=None) != local:
        raise UnclearZone(written, f"has no {local:%H:%M} on {local:%Y-%m-%d} (clocks go forward)")
    if moment.replace(fold=1).utcoffset() != moment.utcoffset():
        raise UnclearZone(written, f"has {local:%H:%M} twice on {local:%Y-%m-%d} (clocks go back)")
    return moment
