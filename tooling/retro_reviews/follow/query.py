"""Choosing reviews and action items: the filters of `retro list`, `retro actions` and the rest.

Which reviews the follow-through commands read is decided here, once:

* :func:`library_reviews`: every review that could be read, whatever its status (``retro list``,
  ``retro show``, ``retro statement``, ``retro export``);
* :func:`shown_reviews`: the reviews the site shows (published, plus ``show_status``; public
  ones only in a public build), so that ``retro actions``, ``retro checklist``, ``retro stats``
  and ``retro digest`` give the same answers as the site's pages.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from ..config import RetroConfig
from ..errors import RetroError
from ..library import item_key, review_order
from ..model import ActionItem, Review
from ..site import select_reviews


class UnknownReview(RetroError):
    """No review has the id asked for."""


@dataclass(frozen=True)
class Library:
    """The reviews read, newest first, and the files left out (with why)."""

    reviews: list[Review]
    broken: list[tuple[Review, str]]

    @property
    def unreadable(self) -> int:
        return len(self.broken)


def library_reviews(loaded: Sequence[Review]) -> Library:
    readable = [r for r in loaded if r.parsed and not r.problems]
    readable.sort(key=review_order, reverse=True)
    broken = [(r, _why(r)) for r in loaded if not (r.parsed and not r.problems)]
    return Library(readable, broken)


def _why(review: Review) -> str:
    return review.problems[0].message if review.problems else "the file could not be read"


def shown_reviews(loaded: Sequence[Review], config: RetroConfig) -> Library:
    selection = select_reviews(loaded, config)
    return Library(selection.shown, selection.broken)


def find_review(library: Library, review_id: str) -> Review:
    """The review whose id (file name without ``.md``) is ``review_id``, or begins with it
    when only one does."""
    wanted = review_id.strip().removesuffix(".md").rsplit("/", 1)[-1]
    reviews = library.reviews
    for review in reviews:
        if review.id == wanted:
            return review
    for review, why in library.broken:
        if review.id == wanted:
            raise UnknownReview(f"{review.relpath} cannot be read ({why}); `retro check` says more")
    starting = [r for r in reviews if wanted and r.id.startswith(wanted)]
    if len(starting) == 1:
        return starting[0]  # a unique beginning is enough: 2025-05-06-online
    ids = [r.id for r in reviews]
    if len(starting) > 1:
        names = ", ".join(sorted(r.id for r in starting))
        raise UnknownReview(f"'{review_id}' begins several review ids: {names}")
    close = difflib.get_close_matches(wanted, ids, n=1, cutoff=0.6)
    if not close:
        close = [i for i in ids if wanted and wanted in i][:1]
    hint = f"; did you mean {close[0]}?" if close else "; `retro list` shows the ids"
    raise UnknownReview(f"no review has the id '{review_id}'{hint}")


def _folded(values: Sequence[str]) -> set[str]:
    return {item_key(v) for v in values}


@dataclass(frozen=True)
class ReviewFilter:
    """Every given criterion must hold; within one criterion, any of its values will do."""

    statuses: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    severities: tuple[str, ...] = ()
    areas: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    since: date | None = None  # review date on or after
    until: date | None = None  # review date on or before

    def matches(self, review: Review) -> bool:
        if self.statuses and review.status not in self.statuses:
            return False
        if self.kinds and review.kind not in self.kinds:
            return False
        if self.severities and review.severity not in self.severities:
            return False
        if self.areas and not _folded(self.areas) & _folded(review.areas):
            return False
        if self.tags and not _folded(self.tags) & _folded(review.tags):
            return False
        return in_window(review.date, self.since, self.until)

    def apply(self, reviews: Sequence[Review]) -> list[Review]:
        return [r for r in reviews if self.matches(r)]


def in_window(day: date | None, since: date | None, until: date | None) -> bool:
    """``day`` within ``[since, until]``; an unknown day is only in an open window."""
    if since is None and until is None:
        return True
    if day is None:
        return False
    return (since is None or day >= since) and (until is None or day <= until)


@dataclass(frozen=True)
class ActionRow:
    """One action item with the review it comes from."""

    item: ActionItem
    review: Review


def action_rows(reviews: Sequence[Review]) -> list[ActionRow]:
    """Every action item, by due date (none last), then review id and listed order."""
    rows = [ActionRow(item, review) for review in reviews for item in review.action_items]
    rows.sort(key=lambda r: (r.item.due is None, r.item.due or date.min, r.review.id, r.item.index))
    return rows


@dataclass(frozen=True)
class ActionFilter:
    open_only: bool = False
    overdue_only: bool = False
    owners: tuple[str, ...] = ()
    due_before: date | None = None  # due strictly before

    def matches(self, row: ActionRow, today: date) -> bool:
        item = row.item
        if self.open_only and not item.is_open:
            return False
        if self.overdue_only and not item.is_overdue(today):
            return False
        if self.owners and item_key(item.owner) not in _folded(self.owners):
            return False
        return self.due_before is None or (item.due is not None and item.due < self.due_before)

    def apply(self, rows: Sequence[ActionRow], today: date) -> list[ActionRow]:
        return [r for r in rows if self.matches(r, today)]
