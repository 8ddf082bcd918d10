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
from collections.abc import Sequence
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
        offered: Counter[int] = Counter()
        for feature in features[here]:
            posting = postings[feature]
            at = bisect_left(posting, here)
            offered.update(posting[max(0, at - NEIGHBOURS) : at + NEIGHBOURS + 1])
        offered.pop(here, None)
        for index in named:
            offered.pop(index, None)
        closest = _closest(offered, here, ids)
        result[own] = [ordered[i] for i in named] + [ordered[i] for i in closest]
    return result


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
