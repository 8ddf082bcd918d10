"""Metadata wherever an old postmortem keeps it: front matter, a key/value table at the top,
``Date:`` / ``**Severity:** High`` lines, and the file name."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .blocks import tables
from .outline import Heading
from .placeholders import is_placeholder_value

# Labels (normalised) that name the incident's own day, or its start: they date the review
# before a plain "Date", which may be the day a post was published or a meeting held.
INCIDENT_DAY: dict[str, str] = {
    "incident date": "date",
    "date of incident": "date",
    "date of the incident": "date",
    "incident day": "date",
    "incident start": "started",
    "incident start time": "started",
    "incident started": "started",
    "start of incident": "started",
    "start of the incident": "started",
}
# Metadata key (normalised) -> what it gives.
KEYS: dict[str, str] = {
    **INCIDENT_DAY,
    "date": "date",
    "date/time": "date",
    "date and time": "date",
    "day": "date",
    "title": "title",
    "incident": "title",
    "incident name": "title",
    "incident title": "title",
    "name": "title",
    "author": "authors",
    "authors": "authors",
    "written by": "authors",
    "prepared by": "authors",
    "postmortem owner": "authors",
    "post-mortem owner": "authors",
    "document owner": "authors",
    "owner": "authors",
    "owners": "authors",
    "attendees": "responders",
    "participants": "responders",
    "responders": "responders",
    "incident commander": "responders",
    "incident commanders": "responders",
    "ic": "responders",
    "severity": "severity",
    "sev": "severity",
    "sev level": "severity",
    "severity level": "severity",
    "priority": "severity",
    "incident severity": "severity",
    "level": "severity",
    "status": "status",
    "postmortem status": "status",
    "started": "started",
    "start": "started",
    "start time": "started",
    "impact start": "started",
    "began": "started",
    "detected": "detected",
    "detected at": "detected",
    "detection time": "detected",
    "time detected": "detected",
    "resolved": "resolved",
    "resolved at": "resolved",
    "resolution time": "resolved",
    "time resolved": "resolved",
    "end time": "resolved",
    "ended": "resolved",
    "end": "resolved",
    "services": "areas",
    "affected services": "areas",
    "service": "areas",
    "services affected": "areas",
    "systems affected": "areas",
    "components": "areas",
    "affected components": "areas",
    "product": "areas",
    "products": "areas",
    "area": "areas",
    "areas": "areas",
    "team": "areas",
    "teams": "areas",
    "tags": "tags",
    "tag": "tags",
    "categories": "tags",
    "labels": "tags",
    "description": "summary",
    "summary": "summary",
}


def key_of(label: str) -> str | None:
    """What a metadata label gives (``date``, ``severity``...), or ``None``."""
    return KEYS.get(_normal(label))


def names_the_incident_day(label: str) -> bool:
    """Whether ``label`` names the incident's own day ("Incident date", "Incident start")."""
    return _normal(label) in INCIDENT_DAY


def _normal(label: str) -> str:
    """``severity`` for ``**Severity (SEV):**``."""
    key = " ".join(re.sub(r"[*_`:]+", " ", label).casefold().split())
    return re.sub(r"\s*\(.*\)$", "", key)


@dataclass(frozen=True)
class MetaValue:
    """One metadata value and where it was found (for the report)."""

    key: str  # a value of KEYS
    value: Any
    origin: str  # "front matter", "table", "line", "file name"
    line: int | None  # file line
    label: str  # as written

    def describe(self) -> str:
        """Where the report says it came from: ``'Date:' line``, ``table 'Severity'``."""
        if self.origin == "front matter":
            return f"front matter '{self.label}'"
        if self.origin == "table":
            return f"table '{self.label}'"
        return f"'{self.label}:' line"

    def where(self) -> str:
        """``'Detected:' line (line 5)``: where it came from and its line, for a note."""
        return self.describe() + (f" (line {self.line})" if self.line else "")


def from_front_matter(data: dict[str, Any]) -> list[MetaValue]:
    """The values of another tool's front matter that retro has a field for."""
    found = []
    for label, value in data.items():
        key = key_of(str(label))
        if key is not None and value not in (None, "", []):
            found.append(MetaValue(key, value, "front matter", None, str(label)))
    return found


def from_top_table(lines: list[str], stop: int, body_line: int) -> list[MetaValue]:
    """A key/value table (two columns, or keys across the header) before ``stop``."""
    for table in tables(lines, 0, stop):
        header_keys = [key_of(cell) for cell in table.header]
        found: list[MetaValue] = []
        if sum(k is not None for k in header_keys) >= 2 and table.rows:
            line, cells = table.rows[0]
            for label, key, cell in zip(table.header, header_keys, cells, strict=False):
                if key is not None and _has_value(cell):
                    found.append(MetaValue(key, _clean(cell), "table", body_line + line, label))
            return found
        for line, cells in [(table.line, table.header), *table.rows]:
            key = key_of(cells[0]) if len(cells) >= 2 else None
            if key is not None and _has_value(cells[1]):
                found.append(MetaValue(key, _clean(cells[1]), "table", body_line + line, cells[0]))
        if len(found) >= 2 or (len(found) == 1 and _is_date_row(found[0])):
            return found
    return []


def _is_date_row(value: MetaValue) -> bool:
    """``| Incident date | 03/11/2023 |`` alone is metadata; ``| Date | Event |`` is not."""
    return value.key in ("date", "started") and any(c.isdigit() for c in str(value.value))


def from_labels(headings: list[Heading], body_line: int) -> list[MetaValue]:
    """``Date: 2024-06-25`` and ``**Severity:** SEV2`` lines, and ``### Date: 2024-06-25``
    headings."""
    found = []
    for heading in headings:
        if heading.section is not None or not heading.inline:
            continue
        key = key_of(heading.label)
        if key is not None and _has_value(heading.inline):
            found.append(
                MetaValue(
                    key, _clean(heading.inline), "line", body_line + heading.index, heading.label
                )
            )
    return found


def split_names(value: Any) -> list[str]:
    """``"Ana, Bo and the SRE team"`` -> three names; a list stays a list."""
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    text = re.sub(r"\*\*|__", "", str(value))
    parts = re.split(r"\s*(?:,|;|\band\b|&|\n)\s*", text)
    return [p.strip() for p in parts if p.strip()]


def _has_value(cell: str) -> bool:
    text = _clean(cell)
    return bool(text) and not is_placeholder_value(text)


def _clean(cell: str) -> str:
    return re.sub(r"^(?:\*\*|__)|(?:\*\*|__)$", "", cell.strip()).strip()
