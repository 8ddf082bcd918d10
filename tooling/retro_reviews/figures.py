"""The library's figures by quarter, and the home page's headline numbers.

Built on :mod:`retro_reviews.stats` (which ``retro stats`` prints and the patterns page
charts): time to detect and to resolve and their medians are worked out there, once; this
module adds quarters, trends and how mistakes were found, for the home and patterns pages.
Quarters are calendar quarters of a review's ``date``; a review without a valid date is
counted in totals but in no quarter.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from .library import item_key
from .model import Review
from .stats import NOT_GIVEN, median_duration, time_to_detect, time_to_resolve

UNKNOWN_METHOD = NOT_GIVEN  # no detection.method: said as retro stats says no kind


def quarter_start(day: date) -> date:
    """The first day of ``day``'s calendar quarter (the key of quarterly figures)."""
    return date(day.year, (day.month - 1) // 3 * 3 + 1, 1)


def quarter_label(start: date) -> str:
    """``2026 Q1``."""
    return f"{start.year} Q{(start.month - 1) // 3 + 1}"


def quarters_between(first: date, last: date) -> list[date]:
    """The start of every quarter from ``first``'s to ``last``'s, empty ones included."""
    out = [quarter_start(first)]
    end = quarter_start(last)
    while out[-1] < end:
        month = out[-1].month + 3
        out.append(date(out[-1].year + (month - 1) // 12, (month - 1) % 12 + 1, 1))
    return out


def median(values: Sequence[timedelta]) -> timedelta | None:
    """:func:`retro_reviews.stats.median_duration`, or ``None`` over no values."""
    return median_duration(values) if values else None


def detection_method(review: Review) -> str:
    """How the mistake was found (``detection.method``), or :data:`UNKNOWN_METHOD`."""
    method = review.detection.method if review.detection is not None else ""
    return method or UNKNOWN_METHOD


@dataclass(frozen=True)
class LibraryFigures:
    """The numbers a reader sees first (the home page's cards)."""

    reviews: int
    open_actions: int
    overdue_actions: int
    checklists_changed_this_quarter: int
    median_time_to_detect: timedelta | None
    median_time_to_resolve: timedelta | None


def library_figures(reviews: Sequence[Review], today: date) -> LibraryFigures:
    items = [item for review in reviews for item in review.action_items]
    this_quarter = quarter_start(today)
    return LibraryFigures(
        reviews=len(reviews),
        open_actions=sum(1 for item in items if item.is_open),
        overdue_actions=sum(1 for item in items if item.is_overdue(today)),
        checklists_changed_this_quarter=len(
            changed_checklists(r for r in reviews if r.date and r.date >= this_quarter)
        ),
        median_time_to_detect=median(_known(reviews, time_to_detect)),
        median_time_to_resolve=median(_known(reviews, time_to_resolve)),
    )


def changed_checklists(reviews: Iterable[Review]) -> set[str]:
    """The checklists (by :func:`retro_reviews.library.item_key`) the reviews change."""
    return {
        item_key(change.checklist)
        for review in reviews
        for change in review.checklist_changes
        if change.checklist
    }


def _known(
    reviews: Iterable[Review], figure: Callable[[Review], timedelta | None]
) -> list[timedelta]:
    return [value for value in map(figure, reviews) if value is not None]


# --------------------------------------------------------------------------- by quarter


def by_quarter(reviews: Iterable[Review]) -> dict[date, list[Review]]:
    """Dated reviews grouped by quarter start, oldest quarter first."""
    groups: dict[date, list[Review]] = {}
    for review in sorted((r for r in reviews if r.date), key=lambda r: (r.date, r.id)):
        assert review.date
        groups.setdefault(quarter_start(review.date), []).append(review)
    return groups


def quarterly_durations(
    reviews: Iterable[Review], figure: Callable[[Review], timedelta | None]
) -> dict[date, list[timedelta]]:
    """``figure`` (e.g. :func:`time_to_detect`) of each dated review, by quarter, where known."""
    out: dict[date, list[timedelta]] = {}
    for start, group in by_quarter(reviews).items():
        values = _known(group, figure)
        if values:
            out[start] = values
    return out


@dataclass(frozen=True)
class Trend:
    """One figure per quarter, over every quarter from the first dated review to the last."""

    quarters: tuple[date, ...]
    values: tuple[float | None, ...]  # None: no review of that quarter gives the figure


def trends(reviews: Sequence[Review]) -> dict[str, Trend]:
    """The home page's small charts: reviews, checklists changed, and median hours to detect
    and to resolve, per quarter."""
    groups = by_quarter(reviews)
    if not groups:
        return {}
    quarters = tuple(quarters_between(min(groups), max(groups)))

    def per_quarter(value: Callable[[list[Review]], float | None]) -> Trend:
        return Trend(quarters, tuple(value(groups.get(q, [])) for q in quarters))

    def hours(figure: Callable[[Review], timedelta | None]) -> Callable[..., float | None]:
        def value(group: list[Review]) -> float | None:
            found = median(_known(group, figure))
            return found.total_seconds() / 3600 if found is not None else None

        return value

    return {
        "reviews": per_quarter(len),
        "checklists": per_quarter(lambda group: len(changed_checklists(group))),
        "detect": per_quarter(hours(time_to_detect)),
        "resolve": per_quarter(hours(time_to_resolve)),
    }


def detection_by_quarter(
    reviews: Iterable[Review], methods: Sequence[str]
) -> tuple[list[date], dict[str, list[int]]]:
    """How many reviews of each quarter were found by each detection method: the
    configured methods first, then any other written, then :data:`UNKNOWN_METHOD`."""
    groups = by_quarter(reviews)
    if not groups:
        return [], {}
    quarters = quarters_between(min(groups), max(groups))
    seen = Counter(detection_method(r) for group in groups.values() for r in group)
    names = [m for m in methods if seen[m]]
    names += sorted(m for m in seen if m not in methods and m != UNKNOWN_METHOD)
    if seen[UNKNOWN_METHOD]:
        names.append(UNKNOWN_METHOD)
    counts = {name: [0] * len(quarters) for name in names}
    for index, quarter in enumerate(quarters):
        for review in groups.get(quarter, []):
            counts[detection_method(review)][index] += 1
    return quarters, counts
