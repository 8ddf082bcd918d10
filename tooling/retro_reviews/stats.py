"""The library's figures, computed once: `retro stats` prints them, the patterns page charts them.

Counts by kind, severity and area; median time to detect and to resolve; the contributing
factors, tags and checklists that come up most; open, overdue and done action items. Every
function takes the reviews it is given (the site's selection, or a window of it) and looks for
no other.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from .config import RetroConfig
from .library import item_key
from .model import Review

NOT_GIVEN = "not given"  # where a review that gives no kind, or no severity, is counted


def kind_of(review: Review) -> str:
    return review.kind or NOT_GIVEN


def severity_of(review: Review) -> str:
    return review.severity or NOT_GIVEN


@dataclass
class Mentions:
    """How many reviews name one factor, tag, area or checklist, and which."""

    name: str
    reviews: list[Review] = field(default_factory=list)
    changes: Counter[str] = field(default_factory=Counter)


def count_mentions(
    reviews: Sequence[Review], names_of: Callable[[Review], Iterable[str]]
) -> list[Mentions]:
    """Names counted once per review (case, spacing and a final period ignored).

    Ordered by number of reviews, then by name; each keeps its reviews newest first and its
    most frequent spelling (the oldest one on a tie).
    """
    found: dict[str, Mentions] = {}
    spellings: dict[str, Counter[str]] = {}
    for review in sorted(reviews, key=oldest_first):
        seen: set[str] = set()
        for name in names_of(review):
            key = item_key(name)
            if not key or key in seen:
                continue
            seen.add(key)
            found.setdefault(key, Mentions(name)).reviews.append(review)
            spellings.setdefault(key, Counter())[name] += 1
    for key, mention in found.items():
        # Counter.most_common keeps first-seen order among ties: the oldest spelling wins.
        mention.name = spellings[key].most_common(1)[0][0]
        mention.reviews.reverse()
    return sorted(found.values(), key=lambda m: (-len(m.reviews), item_key(m.name)))


def oldest_first(review: Review) -> tuple[date, str]:
    return (review.date or date.min, review.id)


def ordered_names(wanted: Sequence[str], seen: Iterable[str]) -> list[str]:
    """The configured names first, in their order, then any other name found, sorted, then
    :data:`NOT_GIVEN` if found."""
    seen = set(seen)
    extra = sorted(name for name in seen if name not in wanted and name != NOT_GIVEN)
    return [*wanted, *extra, *([NOT_GIVEN] if NOT_GIVEN in seen else [])]


def median_duration(values: Sequence[timedelta]) -> timedelta:
    return timedelta(seconds=statistics.median(v.total_seconds() for v in values))


def time_to_detect(review: Review) -> timedelta | None:
    """From ``started`` to ``detected``; ``None`` when unknown or negative."""
    value = review.timeline.time_to_detect
    return value if value is not None and value >= timedelta(0) else None


def time_to_resolve(review: Review) -> timedelta | None:
    """From ``started`` (or ``detected``) to ``resolved``; ``None`` when unknown or negative."""
    value = review.timeline.time_to_resolve
    return value if value is not None and value >= timedelta(0) else None


def factor_mentions(reviews: Sequence[Review]) -> list[Mentions]:
    return count_mentions(reviews, lambda r: r.contributing_factors)


def tag_mentions(reviews: Sequence[Review]) -> list[Mentions]:
    return count_mentions(reviews, lambda r: r.tags)


def area_mentions(reviews: Sequence[Review]) -> list[Mentions]:
    return count_mentions(reviews, lambda r: r.areas)


def checklist_mentions(reviews: Sequence[Review]) -> list[Mentions]:
    """Checklists by the number of reviews that change them, with the changes by type."""
    mentions = count_mentions(reviews, lambda r: [c.checklist for c in r.checklist_changes])
    for item in mentions:
        key = item_key(item.name)
        for review in item.reviews:
            for change in review.checklist_changes:
                if item_key(change.checklist) == key:
                    item.changes[change.change or "change"] += 1
    return mentions


@dataclass(frozen=True)
class Median:
    """A median duration and how many reviews it is over (``value`` is None over none)."""

    value: timedelta | None
    over: int


def median_of(reviews: Sequence[Review], measure: Callable[[Review], timedelta | None]) -> Median:
    values = [v for v in map(measure, reviews) if v is not None]
    return Median(median_duration(values) if values else None, len(values))


@dataclass
class LibraryStats:
    """The figures of ``retro stats`` for a set of reviews."""

    reviews: int
    first: date | None
    last: date | None
    by_kind: dict[str, int]
    by_severity: dict[str, int]
    by_area: list[Mentions]
    time_to_detect: Median
    time_to_resolve: Median
    factors: list[Mentions]
    tags: list[Mentions]
    checklists: list[Mentions]
    actions_open: int
    actions_overdue: int
    actions_done: int
    today: date


def library_stats(reviews: Sequence[Review], config: RetroConfig, today: date) -> LibraryStats:
    days = sorted(r.date for r in reviews if r.date)
    kinds = Counter(map(kind_of, reviews))
    severities = Counter(map(severity_of, reviews))
    items = [item for review in reviews for item in review.action_items]
    return LibraryStats(
        reviews=len(reviews),
        first=days[0] if days else None,
        last=days[-1] if days else None,
        by_kind={k: kinds[k] for k in ordered_names(config.kinds, kinds)},
        by_severity={s: severities[s] for s in ordered_names(config.severities, severities)},
        by_area=area_mentions(reviews),
        time_to_detect=median_of(reviews, time_to_detect),
        time_to_resolve=median_of(reviews, time_to_resolve),
        factors=factor_mentions(reviews),
        tags=tag_mentions(reviews),
        checklists=checklist_mentions(reviews),
        actions_open=sum(1 for item in items if item.is_open),
        actions_overdue=sum(1 for item in items if item.is_overdue(today)),
        actions_done=sum(1 for item in items if not item.is_open),
        today=today,
    )
