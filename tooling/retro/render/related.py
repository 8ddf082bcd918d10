"""Related reviews: the ones a review names, then the closest others.

Closeness is the number of shared areas, tags and contributing factors. To stay linear in the
size of the library, each shared feature offers only the reviews nearest in date to the one at
hand (:data:`NEIGHBOURS` on each side), instead of every review that carries it.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

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


def related_reviews(reviews: Sequence[Review]) -> dict[str, list[Review]]:
    """For each review id: the reviews it names in ``related`` (when shown), then up to
    :data:`CLOSEST` others sharing the most features (ties: nearest in date)."""
    ordered = sorted(reviews, key=review_order)
    ids = [review.id for review in ordered]  # ``Review.id`` is computed on each call
    position = {review_id: index for index, review_id in enumerate(ids)}
    features = [_features(review) for review in ordered]
    postings: dict[str, list[int]] = {}
    for index, found in enumerate(features):
        for feature in found:
            postings.setdefault(feature, []).append(index)

    result: dict[str, list[Review]] = {}
    for here, review in enumerate(ordered):
        own = ids[here]
        named = [
            position[i] for i in dict.fromkeys(review.related) if i in position and i != own
        ]
        mine = features[here]
        candidates: set[int] = set()
        for feature in mine:
            posting = postings[feature]
            at = bisect_left(posting, here)
            candidates.update(posting[max(0, at - NEIGHBOURS) : at + NEIGHBOURS + 1])
        candidates.discard(here)
        candidates.difference_update(named)
        scored = sorted(
            (-len(mine & features[index]), abs(index - here), ids[index], index)
            for index in candidates
        )
        result[own] = [ordered[i] for i in named] + [ordered[row[3]] for row in scored[:CLOSEST]]
    return result
