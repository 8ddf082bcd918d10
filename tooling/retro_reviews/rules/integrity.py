"""Rules that look across fields and across the library: order, ids, links, checklists."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from ..findings import Finding, Level
from ..model import Review, parse_datetime
from .base import CheckContext, Rule, at, finding

TIMELINE = ("started", "detected", "resolved")


def check_timeline(review: Review, ctx: CheckContext) -> Iterator[Finding]:
    timeline = review.meta.get("timeline") if review.parsed else None
    if not isinstance(timeline, dict):
        return
    zone = review.options.zone
    previous: tuple[str, object] | None = None
    for name in TIMELINE:
        moment = parse_datetime(timeline.get(name), zone)
        if moment is None:
            continue
        if previous is not None and moment < previous[1]:  # type: ignore[operator]
            line, column = at(review, ("timeline", name))
            yield finding(
                review,
                "timeline-order",
                f"timeline.{name} ({timeline.get(name)}) is before timeline.{previous[0]}; "
                "the order is started, detected, resolved",
                line,
                column,
            )
        previous = (name, moment)
    yield from _events_in_order(review, timeline.get("events"))


def _events_in_order(review: Review, events: object) -> Iterator[Finding]:
    if not isinstance(events, list):
        return
    zone = review.options.zone
    latest: tuple[int, datetime] | None = None
    for index, event in enumerate(events):
        moment = parse_datetime(event.get("at"), zone) if isinstance(event, dict) else None
        if moment is None:
            continue
        if latest is not None and moment < latest[1]:
            line, column = at(review, ("timeline", "events", index, "at"))
            yield finding(
                review,
                "timeline-order",
                f"timeline.events[{index + 1}] ({event.get('at')}) is before "
                f"timeline.events[{latest[0] + 1}]; list the events in time order",
                line,
                column,
            )
        else:
            latest = (index, moment)


def check_tags(review: Review, ctx: CheckContext) -> Iterator[Finding]:
    allowed = ctx.config.allowed_tags
    tags = review.meta.get("tags") if review.parsed else None
    if allowed is None or not isinstance(tags, list):
        return
    for index, tag in enumerate(tags):
        if isinstance(tag, str) and tag not in allowed:
            line, column = at(review, ("tags", index))
            yield finding(
                review,
                "unknown-tag",
                f"tag '{tag}' is not in the configured list ({', '.join(allowed)}); use one "
                "of them or add it to 'tags' in the configuration",
                line,
                column,
            )


def check_duplicate_id(review: Review, ctx: CheckContext) -> Iterator[Finding]:
    others = [r for r in ctx.by_id.get(review.id, []) if r.relpath != review.relpath]
    if others:
        yield finding(
            review,
            "duplicate-id",
            f"the id '{review.id}' is also used by {', '.join(r.relpath for r in others)}; "
            "ids (file names) must be unique, so change this file's slug",
            1,
        )


def check_related(review: Review, ctx: CheckContext) -> Iterator[Finding]:
    related = review.meta.get("related") if review.parsed else None
    if not isinstance(related, list):
        return
    for index, rid in enumerate(related):
        if not isinstance(rid, str) or not rid.strip():
            continue
        if rid.strip() == review.id:
            message = "a review cannot be related to itself"
        elif rid.strip() not in ctx.by_id:
            message = (
                f"related review '{rid}' does not exist; use the id of a review (its file "
                "name without .md)"
            )
        else:
            continue
        # Only now: a position costs a second parse of the front matter (Review.positions).
        line, column = at(review, ("related", index))
        yield finding(review, "unknown-related", message, line, column)


def check_checklist_items(review: Review, ctx: CheckContext) -> Iterator[Finding]:
    if not review.parsed:
        return
    for change in review.checklist_changes:
        found = ctx.checklist_warnings.get((review.id, change.index))
        if found:
            line, column = at(review, ("checklist_changes", change.index))
            yield finding(review, found[0], found[1], line, column)


def check_overdue(review: Review, ctx: CheckContext) -> Iterator[Finding]:
    # An imported review's open items count too: those with a due date (is_overdue needs one).
    if not review.parsed or review.status not in ("published", "imported"):
        return
    for item in review.action_items:
        if item.is_overdue(ctx.today) and item.due is not None:
            line, column = at(review, ("action_items", item.index))
            days = (ctx.today - item.due).days
            yield finding(
                review,
                "overdue-action",
                f"action item '{_short(item.action)}' (owner: {item.owner or 'none'}) was due "
                f"{item.due.isoformat()}, {days} day{'s' if days != 1 else ''} ago, and is "
                "still open; finish it, or set a new due date with the owner (to keep it open "
                "on purpose, put `# retro-allow: overdue-action` on the line above the item)",
                line,
                column,
            )


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


RULES = (
    Rule(
        "timeline-order",
        Level.ERROR,
        "The timeline is not in order.",
        "timeline.started <= timeline.detected <= timeline.resolved, and timeline.events "
        "in time order. Date-times without an offset are read in the configured time_zone.",
        check=check_timeline,
    ),
    Rule(
        "unknown-tag",
        Level.ERROR,
        "A tag is not in the configured list of tags.",
        "When the configuration sets 'tags', only those tags are allowed.",
        check=check_tags,
    ),
    Rule(
        "duplicate-id",
        Level.ERROR,
        "Two files under reviews/ have the same id.",
        "The id is the file name without .md; it must be unique in the library.",
        check=check_duplicate_id,
        reads_text_only=True,
    ),
    Rule(
        "unknown-related",
        Level.ERROR,
        "A `related` id names no review.",
        "related lists ids of reviews that exist in the library.",
        check=check_related,
    ),
    Rule(
        "checklist-item-unknown",
        Level.WARNING,
        "A remove or reword names an item the checklist does not hold at that date.",
        "retro replays every earlier review's checklist changes in date order; an item it "
        "does not find may come from a checklist older than the library, so this is only a "
        "warning. Check the spelling against the checklist page; to keep a change to an "
        "older item on purpose, put `# retro-allow: checklist-item-unknown` on the line "
        "above it.",
        check=check_checklist_items,
    ),
    Rule(
        "checklist-item-duplicate",
        Level.WARNING,
        "An add (or a reword's new text) names an item the checklist already holds.",
        "Adding an item twice would list it twice; reword the existing item instead, or "
        "remove the old one. Reported with the checklist replay (checklist-item-unknown).",
    ),
    Rule(
        "overdue-action",
        Level.WARNING,
        "An open action item of a published or imported review is past its due date.",
        "Shown on every pull request so the team sees follow-through slipping. Mark the item "
        "done, or agree a new date with its owner.",
        check=check_overdue,
    ),
)
