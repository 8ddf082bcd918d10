"""``retro check --changed``: check only what a branch adds or changes, against its base.

The changed reviews are checked with the whole library loaded (so ``related`` ids and unique
ids are checked as usual); on top of that, a changed review whose id is already taken on the
base branch by another file is reported as ``duplicate-id``: two pull requests adding the
same id at once pass on their own and collide once both are merged.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .check import CheckResult, run_check, settle
from .config import RetroConfig
from .findings import Finding, Level, sort_key
from .gitrepo import ChangedReviews, changed_reviews
from .load import is_misnamed
from .model import Review


@dataclass
class ChangedCheck:
    changes: ChangedReviews
    result: CheckResult

    def describe(self) -> str:
        """One line saying what was compared with what (the report's first line)."""
        count = len(self.changes.paths)
        if not count:
            return f"No changed reviews between {self.changes.base} and the work tree."
        noun = "review" if count == 1 else "reviews"
        return (
            f"Checking {count} changed {noun} against {self.changes.base} "
            f"(merge base {self.changes.merge_base[:7]}; committed, staged, unstaged and "
            "untracked changes)."
        )


def check_changed(
    config: RetroConfig, base: str | None = None, *, strict: bool = False
) -> ChangedCheck:
    """Check the reviews changed since the merge base of HEAD with ``base``."""
    changes = changed_reviews(config, base)
    if not changes.paths:
        return ChangedCheck(changes, CheckResult())
    result = run_check(config, list(changes.paths), strict=strict)
    for review in result.reviews:
        raw = list(_taken_on_base(review, changes, config))
        result.findings.extend(settle(review, raw, config, strict=strict, report_unused=False))
    result.findings.sort(key=sort_key)
    return ChangedCheck(changes, result)


def _taken_on_base(
    review: Review, changes: ChangedReviews, config: RetroConfig
) -> Iterator[Finding]:
    if is_misnamed(review.path.name):
        return  # not read as a review, so it takes no id (its one finding says to rename it)
    for other in changes.base_reviews.get(review.id, ()):
        if other == review.relpath or (config.root / other).exists():
            # Same file, or a file the work tree still has: the library rule reports it.
            continue
        yield Finding(
            review.relpath,
            1,
            None,
            "duplicate-id",
            Level.ERROR,
            f"the id '{review.id}' is already taken on {changes.base} by {other}; ids (file "
            "names) must be unique, so change this file's slug",
        )
