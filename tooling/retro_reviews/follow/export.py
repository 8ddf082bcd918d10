"""`retro export`: the whole library as JSON, or as three CSV tables.

JSON: ``{"version": 1, "today": ..., "reviews": [...], "action_items": [...],
"checklist_changes": [...]}`` with the records of :mod:`retro_reviews.follow.records`.
CSV: ``reviews.csv`` (one row per review, nested fields flattened to ``impact_summary`` and
the like, lists joined with ``; ``), ``action_items.csv`` and ``checklist_changes.csv``.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from ..config import RetroConfig
from ..model import ActionItem, ChecklistChange, Review
from .listing import JSON_VERSION
from .records import action_record, change_record, review_record

CSV_FILES = ("reviews.csv", "action_items.csv", "checklist_changes.csv")
LIST_SEPARATOR = "; "


def export_records(
    reviews: Sequence[Review], config: RetroConfig, today: date
) -> dict[str, list[dict[str, Any]]]:
    return {
        "reviews": [review_record(r, config.relpath(r.path)) for r in reviews],
        "action_items": [action_record(i, r, today) for r in reviews for i in r.action_items],
        "checklist_changes": [change_record(c, r) for r in reviews for c in r.checklist_changes],
    }


def export_json(reviews: Sequence[Review], config: RetroConfig, today: date) -> str:
    document = {
        "version": JSON_VERSION,
        "today": today.isoformat(),
        **export_records(reviews, config, today),
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def flatten(record: Mapping[str, Any], prefix: str = "") -> dict[str, str]:
    """``{"impact": {"summary": ...}}`` -> ``{"impact_summary": ...}``; lists joined."""
    out: dict[str, str] = {}
    for key, value in record.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            out.update(flatten(value, f"{name}_"))
        elif isinstance(value, list):
            out[name] = LIST_SEPARATOR.join(_cell(v) for v in value)
        else:
            out[name] = _cell(value)
    return out


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Mapping) and "url" in value:  # a link
        title, url = value.get("title"), value.get("url")
        return f"{title} <{url}>" if title else str(url or "")
    if isinstance(value, Mapping):  # a timeline event
        return " ".join(str(v) for v in value.values() if v is not None)
    return str(value)


def _csv(records: Sequence[Mapping[str, Any]], empty_header: Sequence[str]) -> str:
    rows = [flatten(r) for r in records]
    header = list(rows[0]) if rows else list(empty_header)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def export_csv(reviews: Sequence[Review], config: RetroConfig, today: date) -> dict[str, str]:
    """File name -> CSV text, for the three tables."""
    records = export_records(reviews, config, today)
    headers = _empty_headers()
    return {f"{name}.csv": _csv(rows, headers[name]) for name, rows in records.items()}


def _empty_headers() -> dict[str, list[str]]:
    """Column names of each table, for an empty library (from a sample review's records)."""
    sample = Review(path=Path("0000-00-00-sample.md"), relpath="", parsed=True)
    item = ActionItem("", 0, "", "", None, "open", "")
    change = ChecklistChange("", 0, "", "", "", "", "")
    return {
        "reviews": list(flatten(review_record(sample, ""))),
        "action_items": list(flatten(action_record(item, sample, date.min))),
        "checklist_changes": list(flatten(change_record(change, sample))),
    }
