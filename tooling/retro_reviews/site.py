"""What the site shows: the reviews chosen for the learning library, decided once.

The choice is made *before* any page or view is computed, so that a review left out (a draft,
an internal review in a public build, a broken file) is absent from every page, the search
index, the sitemap, the tags, checklists, actions, patterns and counts alike.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import partial

from .config import RetroConfig
from .library import review_order
from .model import Review
from .parallel import map_in_two
from .schema import validate

# Schema findings that make a review unreadable for the site. Completeness findings do not:
# a draft shown in a pull-request preview may still be incomplete.
BREAKING_ISSUES = {"missing-field", "field-type", "invalid-value", "invalid-date"}


@dataclass
class SiteSelection:
    """The reviews the site shows (newest first) and the broken ones it leaves out."""

    shown: list[Review] = field(default_factory=list)
    broken: list[tuple[Review, str]] = field(default_factory=list)  # (review, why)


def select_reviews(reviews: Iterable[Review], config: RetroConfig) -> SiteSelection:
    """Published reviews, plus the statuses in ``config.show_status``; only public ones in a
    public build; never a review that cannot be read."""
    selection = SiteSelection()
    seen: set[str] = set()
    # An internal (or unreadable) review leaves no trace in a public build, not even a
    # warning. The others are validated, a large library on two cores (see retro.parallel).
    candidates = [r for r in reviews if not config.public or (r.parsed and r.is_public)]
    broken = map_in_two(partial(_broken, config=config), candidates)
    for review, why in zip(candidates, broken, strict=True):
        if why:
            selection.broken.append((review, why))
            continue
        if review.status not in config.show_status:
            continue
        if review.id in seen:
            selection.broken.append((review, f"another review already has the id {review.id}"))
            continue
        seen.add(review.id)
        selection.shown.append(review)
    selection.shown.sort(key=review_order, reverse=True)
    return selection


def _broken(review: Review, config: RetroConfig) -> str:
    if review.problems:
        return review.problems[0].message
    if not review.parsed:
        return "the file could not be read"
    for issue in validate(review.meta, config, review.kind, review.status):
        if issue.rule in BREAKING_ISSUES:
            return issue.message
    if review.date is None:
        return "the review has no valid date"
    return ""
