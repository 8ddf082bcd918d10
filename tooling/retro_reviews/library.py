"""Views of the whole library that no single review shows: checklists as they stand now.

The site's pages (actions, patterns) build on the same loaded reviews; this module holds the
replay of checklist changes, which ``retro check`` needs too.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from .model import ChecklistChange, Review


def item_key(text: str) -> str:
    """Checklist items and names compare without case, extra spaces or a final period."""
    return " ".join(text.casefold().split()).rstrip(".")


@dataclass
class ChecklistItem:
    text: str
    added_by: str | None  # review id; None when the item predates the library
    changed_by: str  # review id of the last add or reword
    changed_on: date | None


@dataclass(frozen=True)
class ChecklistEvent:
    review_id: str
    review_title: str
    date: date | None
    change: ChecklistChange
    note: str  # why the change was not applied (NOT_THERE, ...); "" when it was

    @property
    def applied(self) -> bool:
        return not self.note


@dataclass
class ChecklistState:
    name: str
    items: list[ChecklistItem] = field(default_factory=list)
    history: list[ChecklistEvent] = field(default_factory=list)
    _by_key: dict[str, ChecklistItem] = field(default_factory=dict, repr=False)

    def find(self, text: str) -> ChecklistItem | None:
        return self._by_key.get(item_key(text))

    def add(self, item: ChecklistItem) -> None:
        self.items.append(item)
        self._by_key[item_key(item.text)] = item

    def remove(self, item: ChecklistItem) -> None:
        self.items.remove(item)
        del self._by_key[item_key(item.text)]

    def reword(self, item: ChecklistItem, text: str) -> None:
        del self._by_key[item_key(item.text)]
        item.text = text
        self._by_key[item_key(text)] = item


@dataclass
class ChecklistReplay:
    checklists: dict[str, ChecklistState] = field(default_factory=dict)
    # (review id, change index) -> (rule id, message)
    warnings: dict[tuple[str, int], tuple[str, str]] = field(default_factory=dict)


def review_order(review: Review) -> tuple[date, str]:
    return (review.date or date.min, review.id)


def replay_checklists(reviews: Iterable[Review]) -> ChecklistReplay:
    """Apply every checklist change in date order (then id, then listed order)."""
    replay = ChecklistReplay()
    for review in sorted(reviews, key=review_order):
        for change in review.checklist_changes:
            if not change.checklist or change.change not in ("add", "remove", "reword"):
                continue
            key = item_key(change.checklist)
            state = replay.checklists.setdefault(key, ChecklistState(change.checklist))
            note, warning = _apply(state, change, review)
            if warning:
                rule = DUPLICATE if note in (ALREADY_THERE, NEW_TEXT_THERE) else UNKNOWN
                replay.warnings[(review.id, change.index)] = (rule, warning + _keep(rule))
            state.history.append(ChecklistEvent(review.id, review.title, review.date, change, note))
    return replay


UNKNOWN, DUPLICATE = "checklist-item-unknown", "checklist-item-duplicate"

# Why a change was not applied, as every account of a checklist's history says it after the
# verb: "removed (not on the checklist then)".
NOT_THERE = "not on the checklist then"
ALREADY_THERE = "already on the checklist"
NEW_TEXT_THERE = "the new wording was already on the checklist"
NO_ITEM = "no item given"
NO_WAS = "no earlier wording given"


def _keep(rule: str) -> str:
    if rule == DUPLICATE:
        return ""
    return (
        f". If the item is older than the library, keep this change on purpose with "
        f"`# retro-allow: {rule}` on the line above it"
    )


VERBS = {"add": "added", "remove": "removed", "reword": "reworded"}


def change_words(event: ChecklistEvent) -> str:
    """The change as a verb, with why it was not applied when it was not: ``removed (not on
    the checklist then)``; the checklist commands, the digest and the checklist page say it."""
    verb = VERBS.get(event.change.change, event.change.change)
    return f"{verb} ({event.note})" if event.note else verb


def _apply(state: ChecklistState, change: ChecklistChange, review: Review) -> tuple[str, str]:
    """Apply one change: (why it was not applied or "", the warning for `retro check` or "")."""
    when = review.date
    if change.change == "add":
        if not change.item:
            return NO_ITEM, ""
        if state.find(change.item) is not None:
            return ALREADY_THERE, (
                f"'{change.item}' is already on the checklist '{state.name}'; "
                "use reword to change it"
            )
        state.add(ChecklistItem(change.item, review.id, review.id, when))
        return "", ""
    if change.change == "remove":
        found = state.find(change.item) if change.item else None
        if found is None:
            return NOT_THERE, (
                f"'{change.item}' is not on the checklist '{state.name}' at {when or 'that date'} "
                "after the earlier reviews' changes; check the spelling against the checklist "
                "page"
            )
        state.remove(found)
        return "", ""
    # reword
    if not change.was:  # completeness reports the missing `was`; nothing to replay
        if change.item and state.find(change.item) is None:
            state.add(ChecklistItem(change.item, None, review.id, when))
        return NO_WAS, ""
    found = state.find(change.was)
    if found is None:
        if change.item and state.find(change.item) is None:
            state.add(ChecklistItem(change.item, None, review.id, when))
        return NOT_THERE, (
            f"'{change.was}' is not on the checklist '{state.name}' at {when or 'that date'} "
            "after the earlier reviews' changes; check the spelling against the checklist page"
        )
    if change.item and item_key(change.item) != item_key(found.text):
        if state.find(change.item) is not None:
            return NEW_TEXT_THERE, (
                f"the reword's new text '{change.item}' is already on the checklist "
                f"'{state.name}'; remove the old item instead"
            )
        state.reword(found, change.item)
    found.changed_by, found.changed_on = review.id, when
    return "", ""
