"""`retro stats`: the figures of :mod:`retro_reviews.stats` as JSON, CSV and table sections."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

from ..render.formatting import duration
from ..stats import LibraryStats, Median, Mentions
from .listing import JSON_VERSION, Column, Listing

TOP = 10  # factors, tags and areas shown in the tables (JSON and CSV have them all)


def _seconds(value: timedelta | None) -> int | None:
    return round(value.total_seconds()) if value is not None else None


def _median(median: Median) -> dict[str, Any]:
    return {"seconds": _seconds(median.value), "over": median.over}


def _mentions(mentions: list[Mentions]) -> list[dict[str, Any]]:
    return [{"name": m.name, "reviews": len(m.reviews)} for m in mentions]


def stats_record(stats: LibraryStats) -> dict[str, Any]:
    return {
        "reviews": stats.reviews,
        "first": stats.first.isoformat() if stats.first else None,
        "last": stats.last.isoformat() if stats.last else None,
        "by_kind": stats.by_kind,
        "by_severity": stats.by_severity,
        "by_area": {m.name: len(m.reviews) for m in stats.by_area},
        "time_to_detect": _median(stats.time_to_detect),
        "time_to_resolve": _median(stats.time_to_resolve),
        "contributing_factors": _mentions(stats.factors),
        "tags": _mentions(stats.tags),
        "checklists": [
            {"name": m.name, "reviews": len(m.reviews), "changes": dict(sorted(m.changes.items()))}
            for m in stats.checklists
        ],
        "action_items": {
            "open": stats.actions_open,
            "overdue": stats.actions_overdue,
            "done": stats.actions_done,
        },
    }


def stats_json(stats: LibraryStats, since: date | None, until: date | None) -> str:
    document = {
        "version": JSON_VERSION,
        "today": stats.today.isoformat(),
        "since": since.isoformat() if since else None,
        "until": until.isoformat() if until else None,
        "stats": stats_record(stats),
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _changes(m: Mentions) -> str:
    return ", ".join(f"{n} {kind}" for kind, n in sorted(m.changes.items()))


def stats_rows(stats: LibraryStats) -> list[tuple[str, str, str]]:
    """Every figure as ``(section, name, value)``: the CSV, and the tables' source."""
    rows = [("reviews", "reviews", str(stats.reviews))]
    if stats.first and stats.last:
        rows += [("reviews", "first", stats.first.isoformat())]
        rows += [("reviews", "last", stats.last.isoformat())]
    rows += [("kind", k, str(n)) for k, n in stats.by_kind.items()]
    rows += [("severity", s, str(n)) for s, n in stats.by_severity.items()]
    rows += [("area", m.name, str(len(m.reviews))) for m in stats.by_area]
    for name, median in (("detect", stats.time_to_detect), ("resolve", stats.time_to_resolve)):
        rows.append(("timing", f"median time to {name}", duration(median.value)))
        rows.append(("timing", f"reviews with a time to {name}", str(median.over)))
    rows += [("contributing factor", m.name, str(len(m.reviews))) for m in stats.factors]
    rows += [("tag", m.name, str(len(m.reviews))) for m in stats.tags]
    rows += [("checklist", m.name, _changes(m)) for m in stats.checklists]
    rows += [
        ("action items", "open", str(stats.actions_open)),
        ("action items", "overdue", str(stats.actions_overdue)),
        ("action items", "done", str(stats.actions_done)),
    ]
    return rows


def stats_csv_listing(stats: LibraryStats) -> Listing:
    columns = (Column("section", "Section"), Column("name", "Name"), Column("value", "Value"))
    listing = Listing("figures", columns)
    for section, name, value in stats_rows(stats):
        listing.add({"section": section, "name": name, "value": value}, {})
    return listing


def _section(title: str, header: str, value: str, pairs: list[tuple[str, str]]) -> Listing:
    columns = (Column("name", header), Column("value", value, wrap=False))
    listing = Listing("figures", columns, title=title, empty="None yet.")
    for name, figure in pairs:
        listing.add({"name": name, "value": figure}, {})
    return listing


def stats_sections(stats: LibraryStats) -> list[Listing]:
    """The figures as small tables, for the terminal and Markdown."""

    def top(mentions: list[Mentions]) -> list[tuple[str, str]]:
        rows = [(m.name, str(len(m.reviews))) for m in mentions[:TOP]]  # all: JSON and CSV
        if len(mentions) > TOP:  # said, so that the rest are not taken for absent
            rows.append((f"… {len(mentions) - TOP} more (--format json or csv lists all)", ""))
        return rows

    span = f" ({stats.first} to {stats.last})" if stats.first and stats.last else ""
    return [
        _section(
            f"{stats.reviews} review{'s' if stats.reviews != 1 else ''}{span}",
            "Kind",
            "Reviews",
            [(k, str(n)) for k, n in stats.by_kind.items()],
        ),
        _section(
            "By severity",
            "Severity",
            "Reviews",
            [(k, str(n)) for k, n in stats.by_severity.items()],
        ),
        _section("By area", "Area", "Reviews", top(stats.by_area)),
        _section(
            "Time to detect and to resolve",
            "Median",
            "Value",
            [
                (f"time to {name} (over {median.over} reviews)", duration(median.value))
                for name, median in (
                    ("detect", stats.time_to_detect),
                    ("resolve", stats.time_to_resolve),
                )
            ],
        ),
        _section("Contributing factors that come up most", "Factor", "Reviews", top(stats.factors)),
        _section("Tags that come up most", "Tag", "Reviews", top(stats.tags)),
        _section(
            "Checklist changes",
            "Checklist",
            "Changes",
            [(m.name, _changes(m)) for m in stats.checklists],
        ),
        _section(
            f"Action items on {stats.today}",
            "Status",
            "Items",
            [
                ("open", str(stats.actions_open)),
                ("  of which overdue", str(stats.actions_overdue)),
                ("done", str(stats.actions_done)),
            ],
        ),
    ]
