"""A listing as data, and its machine formats: JSON, CSV and Markdown.

Every listing command (``retro list``, ``actions``, ``checklist``, ``stats``) builds a
:class:`Listing`; the CLI prints it as a terminal table (see ``commands/output.py``) or in one
of the formats here. The JSON of every listing has the same shape, documented in the README
("JSON output"): ``{"version": 1, <meta...>, "<name>": [records]}``. Fields are only ever
added within a version.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..render.escape import md_text

JSON_VERSION = 1


@dataclass(frozen=True)
class Column:
    key: str  # the CSV header
    header: str  # the table and Markdown header
    wrap: bool = True  # False: never wrap this column in a terminal table (ids, dates)


@dataclass
class Listing:
    """Rows of cells (text) for tables, CSV and Markdown; records for JSON."""

    name: str
    columns: Sequence[Column]
    rows: list[dict[str, str]] = field(default_factory=list)
    records: list[Mapping[str, Any]] = field(default_factory=list)
    marks: list[str] = field(default_factory=list)  # per row: "" or a style such as "overdue"
    meta: dict[str, Any] = field(default_factory=dict)
    title: str = ""  # a heading for Markdown and the terminal
    empty: str = "Nothing to list."

    def add(self, cells: Mapping[str, str], record: Mapping[str, Any], mark: str = "") -> None:
        self.rows.append({c.key: cells.get(c.key, "") for c in self.columns})
        self.records.append(record)
        self.marks.append(mark)


def to_json(listing: Listing) -> str:
    document = {"version": JSON_VERSION, **listing.meta, listing.name: listing.records}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def to_csv(listing: Listing) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([c.key for c in listing.columns])
    for row in listing.rows:
        writer.writerow([row[c.key] for c in listing.columns])
    return out.getvalue()


def to_markdown(listing: Listing) -> str:
    parts = [f"## {md_text(listing.title)}", ""] if listing.title else []
    if not listing.rows:
        return "\n".join([*parts, listing.empty]) + "\n"
    parts.append("| " + " | ".join(md_text(c.header) for c in listing.columns) + " |")
    parts.append("|" + "---|" * len(listing.columns))
    for row in listing.rows:
        cells = [md_text(row[c.key]) or " " for c in listing.columns]
        parts.append("| " + " | ".join(cells) + " |")
    return "\n".join(parts) + "\n"


FORMATTERS = {"json": to_json, "csv": to_csv, "markdown": to_markdown}
