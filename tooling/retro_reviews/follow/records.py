"""Reviews, action items and checklist changes as plain records: the stable JSON and CSV rows.

One record shape per thing, shared by ``retro export``, ``retro list --format json`` and
``retro actions --format json``; the README's "JSON output" section documents the fields.
Dates are ``YYYY-MM-DD``, date-times ISO 8601 with their offset, durations whole seconds;
a missing value is ``null`` (or an empty list), never left out.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from ..model import ActionItem, ChecklistChange, Review
from ..stats import time_to_detect, time_to_resolve


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _seconds(value: timedelta | None) -> int | None:
    return round(value.total_seconds()) if value is not None else None


def review_record(review: Review, path: str) -> dict[str, Any]:
    """Every front-matter fact of a review, flattened where a spreadsheet needs it."""
    timeline = review.timeline
    detection, source = review.detection, review.source
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
        "responders": list(review.responders),
        "areas": list(review.areas),
        "tags": list(review.tags),
        "what_went_wrong": review.what_went_wrong or None,
        "impact": {
            "summary": review.impact_summary or None,
            "customers_affected": review.customers_affected,
            "cost": review.cost or None,
        },
        "detection": {
            "method": (detection.method or None) if detection else None,
            "summary": (detection.summary or None) if detection else None,
        },
        "timeline": {
            "started": timeline.started.isoformat() if timeline.started else None,
            "detected": timeline.detected.isoformat() if timeline.detected else None,
            "resolved": timeline.resolved.isoformat() if timeline.resolved else None,
            "time_to_detect_seconds": _seconds(time_to_detect(review)),
            "time_to_resolve_seconds": _seconds(time_to_resolve(review)),
            "events": [
                {
                    "at": event.at.isoformat() if event.at else event.at_as_written or None,
                    "what": event.what or None,
                }
                for event in timeline.events
            ],
        },
        "root_cause": review.root_cause or None,
        "contributing_factors": list(review.contributing_factors),
        "customer_response": {
            "acknowledged": review.customer_response.get("acknowledged"),
            "apology": review.customer_response.get("apology"),
            "remedy": review.customer_response.get("remedy"),
            "goodwill": review.customer_response.get("goodwill"),
            "not_contacted": review.customer_response.get("not_contacted"),
        },
        "no_checklist_change": review.no_checklist_change or None,
        "lessons": list(review.lessons),
        "links": [{"title": link.title or None, "url": link.url} for link in review.links],
        "related": list(review.related),
        "source": {
            "path": (source.path or None) if source else None,
            "imported": _day(source.imported) if source else None,
            "sha256": (source.sha256 or None) if source else None,
        },
        "action_items": len(review.action_items),
        "checklist_changes": len(review.checklist_changes),
    }


def action_record(item: ActionItem, review: Review, today: date) -> dict[str, Any]:
    return {
        "review_id": review.id,
        "review_title": review.title,
        "index": item.index,
        "action": item.action,
        "owner": item.owner or None,
        "due": _day(item.due),
        "status": item.status or None,  # null where the review gives none
        "overdue": item.is_overdue(today),
        "type": item.type or None,
        "link": item.link or None,
    }


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
