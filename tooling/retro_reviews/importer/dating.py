"""Which day an imported review gets, and how sure that is.

In this order: a labelled date (front matter, a metadata table's row, a ``Date:`` line; then
a ``Started:`` one), the file name, the first date of the prose (never an action item's due
date or a timeline's line), and last the file's modification date, said plainly to be a
guess. A labelled date that cannot be read (``04/05/2023``, ``2024-02-30``) is reported with
its line, and then no date is taken from the prose: the document says its date, unreadably.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from .dates import DateReading, date_in_file_name, find_date, read_labelled_date, starts_with_time
from .metadata import MetaValue
from .outline import LIST_MARK, Outline, Section
from .report import Mapping

# Sections whose dates are not the incident's: due dates, events of the timeline.
_NOT_THE_DAY = ("action_items", "timeline")
_DUE_BEFORE = re.compile(r"\b(?:due|by|deadline|eta|until|before|target)\b\W*$", re.I)


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
    notes: list[str] = []
    labelled = _labelled(values, "date", notes) or _labelled(values, "started", notes)
    if labelled is not None:
        value, day = labelled
        return DayChoice(day, Mapping("date", value.describe(), value.line), notes)
    named = date_in_file_name(path.name)
    if named is not None:
        return DayChoice(named, Mapping("date", "file name"), notes)
    if not notes:  # an unreadable labelled date is not replaced by any date of the prose
        found = first_date_of_prose(outline, sections)
        if found is not None:
            day, index = found
            return DayChoice(day, Mapping("date", "the first date in the text", first + index))
    modified = datetime.fromtimestamp(path.stat().st_mtime).date()
    notes.append(
        f"the date is a guess: {'no date could be read' if notes else 'no date was found'} "
        "in the document or its name, so the file's modification date "
        f"({modified.isoformat()}) is used; after a git clone or a copy that is the day of "
        "the copy, not of the incident: check it, and correct the date and the file name"
    )
    mapping = Mapping("date", "the file's modification date (a guess)")
    return DayChoice(modified, mapping, notes, guessed=True)


def _labelled(values: list[MetaValue], key: str, notes: list[str]) -> tuple[MetaValue, date] | None:
    read = [(value, _read(value.value)) for value in values if value.key == key]
    for value, reading in read:
        if reading.problem:
            notes.append(f"{value.where()}: {reading.problem}; not guessed")
    days = [(value, reading.day) for value, reading in read if reading.day is not None]
    distinct = sorted({day for _value, day in days})
    if len(distinct) > 1 and key == "date":
        notes.append(
            f"this document gives {len(distinct)} dates "
            f"({', '.join(d.isoformat() for d in distinct)}); it may describe several "
            "incidents: it stays one review, dated by the first"
        )
    return days[0] if days else None


def _read(value: Any) -> DateReading:
    if isinstance(value, datetime):
        return DateReading(value.date())
    if isinstance(value, date):
        return DateReading(value)
    return read_labelled_date(str(value))


def first_date_of_prose(outline: Outline, sections: list[Section]) -> tuple[date, int] | None:
    """The first date of the text and its body line, leaving out code, tables, the lines
    of action item and timeline sections, dates after "due" or "by", and timestamped
    lines: those are the dates of other things."""
    skip = set(outline.code)
    for section in sections:
        if section.heading.section in _NOT_THE_DAY:
            skip.update(range(section.heading.index, section.stop))
    for index, line in enumerate(outline.lines):
        if index in skip or line.lstrip().startswith("|") or _timestamped(line):
            continue
        found = find_date(line)
        if found is not None and not _DUE_BEFORE.search(line[: found[1]]):
            return found[0], index
    return None


def _timestamped(line: str) -> bool:
    return starts_with_time(LIST_MARK.sub("", line.strip(), count=1).strip())
