"""Related reviews: the ones a review names, then the closest others.

Closeness is the number of shared areas, tags and contributing factors. To stay linear in the
size of the library, each shared feature offers only the reviews nearest in date to the one at
hand (:data:`NEIGHBOURS` on each side), instead of every review that carries it, and counts
for the reviews it offers. In a library of up to ``2 * NEIGHBOURS + 1`` reviews with a
feature, that is every review sharing it.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from heapq import nlargest

from ..library import item_key, review_order
from ..model import Review

CLOSEST = 3
NEIGHBOURS = 25


def _features(review: Review) -> set[str]:
    return (
        {"area:" + item_key(a) for a in review.areas}
        | {"tag:" + item_key(t) for t in review.tags}
        | {"factor:" + item_key(f) for f in review.contributing_factors}
    )


def related_reviews(reviews: Sequence[Review]) -> Mapping[str, list[Review]]:
    """For each review id: the reviews it names in ``related`` (when shown), then up to
    :data:`CLOSEST` others sharing the most features (ties: nearest in date).

    Each review's list is worked out when first asked for (the features of all reviews are
    indexed at once), so that the first review page is ready quickly."""
    return _Related(reviews)


class _Related(Mapping[str, list[Review]]):
    def __init__(self, reviews: Sequence[Review]) -> None:
        ordered = sorted(reviews, key=review_order)
        self.ordered = ordered
        self.ids = [review.id for review in ordered]  # ``Review.id`` is computed on each call
        self.position = {review_id: index for index, review_id in enumerate(self.ids)}
        self.features = [_features(review) for review in ordered]
        self.postings: dict[str, list[int]] = {}
        for index, found in enumerate(self.features):
            for feature in found:
                self.postings.setdefault(feature, []).append(index)
        self.found: dict[str, list[Review]] = {}

    def __getitem__(self, review_id: str) -> list[Review]:
        found = self.found.get(review_id)
        if found is None:
            found = self.found[review_id] = self._work_out(self.position[review_id])
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self.ids)

    def __len__(self) -> int:
        return len(self.ids)

    def _work_out(self, here: int) -> list[Review]:
        ordered, ids, position = self.ordered, self.ids, self.position
        own = ids[here]
        named = [
            position[i] for i in dict.fromkeys(ordered[here].related) if i in position and i != own
        ]
        offered: Counter[int] = Counter()
        for feature in self.features[here]:
            posting = self.postings[feature]
            at = bisect_left(posting, here)
            offered.update(posting[max(0, at - NEIGHBOURS) : at + NEIGHBOURS + 1])
        offered.pop(here, None)
        for index in named:
            offered.pop(index, None)
        closest = _closest(offered, here, ids)
        return [ordered[i] for i in named] + [ordered[i] for i in closest]


def _closest(offered: Counter[int], here: int, ids: Sequence[str]) -> list[int]:
    """The :data:`CLOSEST` indexes offered most often (ties: nearest in date, then id).

    Only those reaching the score of the last one kept are sorted; counting is done in C.
    """
    if len(offered) > CLOSEST:
        least = nlargest(CLOSEST, offered.values())[-1]
        pool = [index for index, count in offered.items() if count >= least]
    else:
        pool = list(offered)
    pool.sort(key=lambda index: (-offered[index], abs(index - here), ids[index]))
    return pool[:CLOSEST]
