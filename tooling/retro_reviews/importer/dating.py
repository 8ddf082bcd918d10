"""Which day an imported review gets, and how sure that is.

In this order: a labelled date (front matter, a metadata table's row, a ``Date:`` line): one
labelled as the incident's own ("Incident date:", "Incident start:") first, then a plain
one, then a ``Started:`` one; the file name; the first date of the prose (never an action
item's due date or a timeline's line); and last the file's modification date, said plainly
to be a guess. A labelled date that cannot be read (``04/05/2023``, ``2024-02-30``) is
reported with its line, and then no date is taken from the prose: the document says its
date, unreadably. A date said to be another thing's (a page's "last modified on ...", a
"(postmortem meeting)") is never the review's, and the report says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from .dates import DateReading, date_in_file_name, find_date, read_labelled_date, starts_with_time
from .metadata import MetaValue, names_the_incident_day
from .outline import LIST_MARK, Outline, Section
from .report import Mapping

# Sections whose dates are not the incident's: due dates, events of the timeline.
_NOT_THE_DAY = ("action_items", "timeline")
_DUE_BEFORE = re.compile(r"\b(?:due|by|deadline|eta|until|before|target)\b\W*$", re.I)
# Before a date: the words that make it a page's or a post's own ("last modified on").
_PAGE_DATE = re.compile(
    r"\b(?:created|modified|updated|edited|published|posted|written)\b"
    r"(?:\s+by\s+[^,;:.]{1,40}?)?[\s,:]*(?:on|at)?\s*$",
    re.I,
)
# After a date: a qualifier that makes it another event's ("(postmortem meeting)").
_EVENTS = (
    r"(?:post[- ]?mortem|retro(?:spective)?|review|meeting|publi(?:shed|cation)|written|"
    r"created|modified|updated|posted)"
)
_OTHER_EVENT = re.compile(
    rf"^\s*(?:[(\[][^)\]]*\b{_EVENTS}\b[^)\]]*[)\]]|[,–—-]\s*(?:\w+\s+){{0,3}}{_EVENTS}\b\D*$)",
    re.I,
)


@dataclass
class DayChoice:
    day: date
    mapping: Mapping
    notes: list[str] = field(default_factory=list)
    guessed: bool = False  # the file's modification date: no time is placed on it


def choose_day(
    path: Path, values: list[MetaValue], outline: Outline, sections: list[Section], first: int
) -> DayChoice:
    """The review's date; ``first`` is the file line of the body's first line."""
    problems: list[str] = []  # labelled dates that cannot be read
    notes: list[str] = []
    labelled = _labelled_day(values, problems, notes)
    if labelled is not None:
        value, day = labelled
        return DayChoice(day, Mapping("date", value.describe(), value.line), problems + notes)
    named = date_in_file_name(path.name)
    if named is not None:
        return DayChoice(named, Mapping("date", "file name"), problems + notes)
    if not problems:  # an unreadable labelled date is not replaced by any date of the prose
        passed: list[int] = []
        found = first_date_of_prose(outline, sections, passed)
        noted = {value.line for value in values}
        notes.extend(
            f"line {first + index} dates something else ({outline.lines[index].strip()[:80]!r}), "
            "not the incident: not used"
            for index in passed
            if first + index not in noted
        )
        if found is not None:
            day, index = found
            mapping = Mapping("date", "the first date in the text", first + index)
            return DayChoice(day, mapping, notes)
        dated = first_dated_event(outline, sections)
        if dated is not None:
            day, index = dated
            mapping = Mapping("date", "the timeline's first dated event", first + index)
            return DayChoice(day, mapping, notes)
    modified = datetime.fromtimestamp(path.stat().st_mtime).date()
    notes = problems + notes
    notes.append(
        f"the date is a guess: {'no date could be read' if problems else 'no date was found'} "
        "in the document or its name, so the file's modification date "
        f"({modified.isoformat()}) is used; after a git clone or a copy that is the day of "
        "the copy, not of the incident: check it, and correct the date and the file name"
    )
    mapping = Mapping("date", "the file's modification date (a guess)")
    return DayChoice(modified, mapping, notes, guessed=True)


def _labelled_day(
    values: list[MetaValue], problems: list[str], notes: list[str]
) -> tuple[MetaValue, date] | None:
    """The first labelled date that can be read: one labelled as the incident's own
    ("Incident date:"), else a plain date, else a start. A date that says it is another
    thing's ("Date: 2023-06-09 (postmortem meeting)") is never taken."""
    dated = [value for value in values if value.key in ("date", "started")]
    for value in dated:
        if _of_something_else(value):
            notes.append(
                f"{value.where()}: '{value.value}' is the date of something else, "
                "not of the incident: not used"
            )
    dated = [value for value in dated if not _of_something_else(value)]
    own = [value for value in dated if names_the_incident_day(value.label)]
    plain = [value for value in dated if value not in own and value.key == "date"]
    started = [value for value in dated if value not in own and value.key == "started"]
    for tier in (own, plain, started):
        days = _readable(tier, problems)
        if days:
            if tier is not started:
                _several(days, notes)
            if tier is own:
                _other_dates(days[0], _readable(plain, []), notes)
            return days[0]
    return None


def _readable(values: list[MetaValue], problems: list[str]) -> list[tuple[MetaValue, date]]:
    """The values that read as a date; why the others do not goes to ``problems``."""
    days = []
    for value in values:
        reading = _read(value.value)
        if reading.problem:
            problems.append(f"{value.where()}: {reading.problem}; not guessed")
        if reading.day is not None:
            days.append((value, reading.day))
    return days


def _several(days: list[tuple[MetaValue, date]], notes: list[str]) -> None:
    distinct = sorted({day for _value, day in days})
    if len(distinct) > 1:
        notes.append(
            f"this document gives {len(distinct)} dates "
            f"({', '.join(d.isoformat() for d in distinct)}); it may describe several "
            "incidents: it stays one review, dated by the first"
        )


def _other_dates(
    chosen: tuple[MetaValue, date], plain: list[tuple[MetaValue, date]], notes: list[str]
) -> None:
    """Say so when a plain date disagrees with the incident's own."""
    other = [f"{value.where()} gives {day.isoformat()}" for value, day in plain if day != chosen[1]]
    if other:
        notes.append(
            f"{chosen[0].where()} gives {chosen[1].isoformat()}, {', '.join(other)}: "
            "the review is dated by the incident's own date"
        )


def _of_something_else(value: MetaValue) -> bool:
    return isinstance(value.value, str) and dates_something_else(value.value)


def _read(value: Any) -> DateReading:
    if isinstance(value, datetime):
        return DateReading(value.date())
    if isinstance(value, date):
        return DateReading(value)
    return read_labelled_date(str(value))


def first_date_of_prose(
    outline: Outline, sections: list[Section], passed: list[int]
) -> tuple[date, int] | None:
    """The first date of the text and its body line, leaving out code, tables, the lines
    of action item and timeline sections, dates after "due" or "by", and timestamped
    lines: those are the dates of other things. So is a page's own date ("last modified
    on Apr 02, 2024"): the lines of those go to ``passed``."""
    skip = set(outline.code)
    for section in sections:
        if section.heading.section in _NOT_THE_DAY:
            skip.update(range(section.heading.index, section.stop))
    for index, line in enumerate(outline.lines):
        if index in skip or line.lstrip().startswith("|") or _timestamped(line):
            continue
        found = find_date(line)
        if found is None or _DUE_BEFORE.search(line[: found[1]]):
            continue
        if dates_something_else(line):
            passed.append(index)
            continue
        return found[0], index
    return None


def first_dated_event(outline: Outline, sections: list[Section]) -> tuple[date, int] | None:
    """The date of a timeline's first event when it starts with a date and a time ("-
    2023-08-30 10:02 Retry job deployed"), and its body line: the day the incident began,
    when the document says no other. Not when an event with a time alone comes first (its
    day is not said)."""
    for section in sections:
        if section.heading.section != "timeline":
            continue
        for index in range(section.start, section.stop):
            if index in outline.code:
                continue
            text = LIST_MARK.sub("", outline.lines[index].strip(), count=1).strip("*_` ")
            found = find_date(text[:40])
            if found is not None and found[1] == 0:
                if starts_with_time(text[found[2] :].lstrip(" ,T@")):
                    return found[0], index
            elif _timestamped(outline.lines[index]):
                return None  # "- 09:30 Warmer stops" before any date: no day to take
    return None


def dates_something_else(text: str) -> bool:
    """Whether the first date of ``text`` is said to be another thing's: a page's or a
    post's ("Created by Dana, last modified on Apr 02, 2024", "Published 2 April 2024") or
    a meeting's ("2023-06-09 (postmortem meeting)")."""
    found = find_date(text)
    if found is None:
        return False
    return bool(_PAGE_DATE.search(text[: found[1]]) or _OTHER_EVENT.match(text[found[2] :]))


def _timestamped(line: str) -> bool:
    return starts_with_time(LIST_MARK.sub("", line.strip(), count=1).strip())
