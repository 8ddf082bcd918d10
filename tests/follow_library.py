"""A small library with known figures, for the follow-through commands' tests.

Reviews (RETRO_TODAY is 2026-06-01 in the tests):

* A 2026-01-10 incident, high, published: checkout + platform; detect 30 min, resolve 2 h;
  adds "Run the config validator" to the Deploy checklist; one action overdue
  (due 2026-05-01, Platform team), one done.
* B 2026-03-05 customer-mistake, medium, published: warehouse; detect 4 h, resolve 24 h;
  rewords A's deploy step, adds "Scan each item" to Pick and pack; one action open and not
  due yet (Warehouse team), one done (due 2026-05-20, "warehouse TEAM").
* C 2026-05-20 near-miss, low, published: checkout; no timeline; removes "Scan each item"
  and adds "Scan each item and weigh the box"; one action overdue (due 2026-05-25).
* D 2026-05-28 incident, critical, draft: not on the site, so not in actions or stats.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

A = "2026-01-10-checkout-errors-after-a-config-deploy"
B = "2026-03-05-parcels-sent-without-their-second-item"
C = "2026-05-20-label-printer-caught-printing-old-addresses"
D = "2026-05-28-search-index-stale-for-an-hour"

BODY = """
## Timeline

It started, we noticed, we fixed it.

## What happened

A change went out and something did not work as expected.

## What went well

The team worked from one shared list.

## Where we got lucky

It was a quiet day.
"""

CUSTOMER_BODY = (
    BODY
    + """
## Customer response

Every customer was written to on the day.
"""
)


def _review(review_id: str, **fields: Any) -> dict[str, Any]:
    meta: dict[str, Any] = {
        "title": fields.pop("title"),
        "date": review_id[:10],
        "status": "published",
        "visibility": "internal",
        "authors": ["Ops review group"],
        "what_went_wrong": "A change reached production without a check.",
        "impact": {"summary": "Some customers could not finish an order for two hours."},
        "root_cause": "Nothing compared the new settings with what production needs.",
        "lessons": ["A check that runs every time beats a careful person."],
    }
    meta.update(fields)
    return meta


REVIEWS: dict[str, dict[str, Any]] = {
    A: _review(
        A,
        title="Checkout errors after a config deploy",
        kind="incident",
        severity="high",
        areas=["checkout", "platform"],
        tags=["deploy"],
        contributing_factors=["Config not validated", "Time pressure"],
        timeline={
            "started": "2026-01-10T10:00:00Z",
            "detected": "2026-01-10T10:30:00Z",
            "resolved": "2026-01-10T12:00:00Z",
        },
        checklist_changes=[
            {"checklist": "Deploy checklist", "change": "add", "item": "Run the config validator"}
        ],
        action_items=[
            {
                "action": "Validate config in the pipeline",
                "owner": "Platform team",
                "due": "2026-05-01",
                "status": "open",
            },
            {
                "action": "Alert on checkout errors",
                "owner": "Platform team",
                "due": "2026-02-01",
                "status": "done",
            },
        ],
    ),
    B: _review(
        B,
        title="Parcels sent without their second item",
        kind="customer-mistake",
        severity="medium",
        visibility="public",
        authors=["Warehouse lead"],
        responders=["Packing shift"],
        areas=["warehouse"],
        tags=["picking", "deploy"],
        what_went_wrong=(
            "For three days, orders with two different items were shipped with only the "
            "first item in the box."
        ),
        impact={
            "summary": (
                "Twelve customers received an incomplete order and had to contact us to get "
                "the missing item."
            ),
            "customers_affected": 12,
            "cost": "€300 in extra shipping",
        },
        contributing_factors=["config not validated."],
        timeline={
            "started": "2026-03-05T08:00:00Z",
            "detected": "2026-03-05T12:00:00Z",
            "resolved": "2026-03-06T08:00:00Z",
        },
        customer_response={
            "acknowledged": "2026-03-05",
            "apology": "We wrote to each customer the same day.",
            "remedy": (
                "We sent every missing item by express delivery, free of charge, by 7 March."
            ),
            "goodwill": "A €10 voucher for the next order.",
        },
        checklist_changes=[
            {
                "checklist": "Deploy checklist",
                "change": "reword",
                "was": "Run the config validator",
                "item": "Run the config validator on staging and production",
            },
            {"checklist": "Pick and pack", "change": "add", "item": "Scan each item"},
        ],
        action_items=[
            {
                "action": "Weigh every parcel against the order's expected weight",
                "owner": "Warehouse team",
                "due": "2026-07-01",
                "status": "open",
                "link": "https://tracker.example.com/WH-12",
            },
            {
                "action": "Show the number of items on the packing screen",
                "owner": "warehouse TEAM",
                "due": "2026-05-20",
                "status": "done",
            },
        ],
        links=[{"title": "Internal ticket", "url": "https://tracker.example.com/WH-11"}],
    ),
    C: _review(
        C,
        title="Label printer caught printing old addresses",
        kind="near-miss",
        severity="low",
        areas=["checkout"],
        tags=[],
        checklist_changes=[
            {"checklist": "pick and pack", "change": "remove", "item": "Scan each item"},
            {
                "checklist": "Pick and pack",
                "change": "add",
                "item": "Scan each item and weigh the box",
            },
        ],
        action_items=[
            {
                "action": "Clear the printer's address cache nightly",
                "owner": "Platform team",
                "due": "2026-05-25",
                "status": "open",
            }
        ],
    ),
    D: _review(
        D,
        title="Search index stale for an hour",
        status="draft",
        kind="incident",
        severity="critical",
        areas=["search"],
        tags=["indexing"],
        action_items=[
            {"action": "Page on a stale index", "owner": "Search team", "due": "2026-01-01"}
        ],
    ),
}


def write_library(root: Path) -> Path:
    """Write the four reviews into the project at ``root``; return the reviews folder."""
    for review_id, meta in REVIEWS.items():
        path = root / "reviews" / review_id[:4] / f"{review_id}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        front = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=1000)
        body = CUSTOMER_BODY if meta["kind"] == "customer-mistake" else BODY
        path.write_text(f"---\n{front}---\n{body}", encoding="utf-8")
    return root / "reviews"
