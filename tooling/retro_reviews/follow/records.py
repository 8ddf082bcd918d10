"""Reviews, action items and checklist changes as plain records: the stable JSON and CSV rows.

One record shape per thing, shared by ``retro export``, ``retro list --format json`` and
``retro actions --format json``; the README's "JSON output" section documents the fields.
Dates are ``YYYY-MM-DD``, date-times ISO 8601 with their offset, durations whole seconds;
a missing value is ``null`` (or an empty list), never left out.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from ..model import ActionItem, ChecklistChange, Review, parse_date
from ..stats import time_to_detect, time_to_resolve


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _seconds(value: timedelta | None) -> int | None:
    return round(value.total_seconds()) if value is not None else None


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _text(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _texts(value: Any) -> list[str]:
    if not isinstance(value, list):
        return []
    return [v.strip() for v in value if isinstance(v, str) and v.strip()]


def _links(value: Any) -> list[dict[str, str | None]]:
    links: list[dict[str, str | None]] = []
    for entry in value if isinstance(value, list) else []:
        if isinstance(entry, str) and entry.strip():
            links.append({"title": None, "url": entry.strip()})
        elif isinstance(entry, Mapping) and _text(entry.get("url")):
            links.append({"title": _text(entry.get("title")), "url": _text(entry.get("url"))})
    return links


def review_record(review: Review, path: str) -> dict[str, Any]:
    """Every front-matter fact of a review, flattened where a spreadsheet needs it."""
    meta = review.meta
    timeline = review.timeline
    response = _mapping(meta.get("customer_response"))
    detection = _mapping(meta.get("detection"))
    source = _mapping(meta.get("source"))
    return {
        "id": review.id,
        "path": path,
        "title": review.title,
        "date": _day(review.date),
        "status": review.status,
        "kind": review.kind or None,
        "severity": review.severity or None,
        "visibility": review.visibility,
        "authors": list(review.authors),
        "responders": _texts(meta.get("responders")),
        "areas": list(review.areas),
        "tags": list(review.tags),
        "what_went_wrong": review.what_went_wrong or None,
        "impact": {
            "summary": review.impact_summary or None,
            "customers_affected": review.customers_affected,
            "cost": review.cost or None,
        },
        "detection": {
            "method": _text(detection.get("method")),
            "summary": _text(detection.get("summary")),
        },
        "timeline": {
            "started": timeline.started.isoformat() if timeline.started else None,
            "detected": timeline.detected.isoformat() if timeline.detected else None,
            "resolved": timeline.resolved.isoformat() if timeline.resolved else None,
            "time_to_detect_seconds": _seconds(time_to_detect(review)),
            "time_to_resolve_seconds": _seconds(time_to_resolve(review)),
        },
        "root_cause": review.root_cause or None,
        "contributing_factors": list(review.contributing_factors),
        "customer_response": {
            "acknowledged": review.customer_response.get("acknowledged"),
            "apology": review.customer_response.get("apology"),
            "remedy": review.customer_response.get("remedy"),
            "goodwill": review.customer_response.get("goodwill"),
            "not_contacted": _text(response.get("not_contacted")),
        },
        "no_checklist_change": _text(meta.get("no_checklist_change")),
        "lessons": list(review.lessons),
        "links": _links(meta.get("links")),
        "related": list(review.related),
        "source": {
            "path": _text(source.get("path")),
            "imported": _day(parse_date(source.get("imported"))),
            "sha256": _text(source.get("sha256")),
        },
        "action_items": len(review.action_items),
        "checklist_changes": len(review.checklist_changes),
    }


def action_record(item: ActionItem, review: Review, today: date) -> dict[str, Any]:
    entry = _action_entry(review, item.index)
    return {
        "review_id": review.id,
        "review_title": review.title,
        "index": item.index,
        "action": item.action,
        "owner": item.owner or None,
        "due": _day(item.due),
        "status": item.status,
        "overdue": item.is_overdue(today),
        "type": _text(entry.get("type")),
        "link": item.link or None,
    }


def _action_entry(review: Review, index: int) -> Mapping[str, Any]:
    items = review.meta.get("action_items")
    if isinstance(items, list) and index < len(items):
        return _mapping(items[index])
    return {}


def change_record(change: ChecklistChange, review: Review) -> dict[str, Any]:
    return {
        "review_id": review.id,
        "review_date": _day(review.date),
        "index": change.index,
        "checklist": change.checklist,
        "change": change.change,
        "item": change.item,
        "was": change.was or None,
        "ref": change.ref or None,
    }
