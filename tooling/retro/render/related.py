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
    by_id = {review.id: review for review in reviews}
    ordered = sorted(reviews, key=review_order)
    position = {review.id: index for index, review in enumerate(ordered)}
    features = {review.id: _features(review) for review in ordered}
    postings: dict[str, list[int]] = {}
    for index, review in enumerate(ordered):
        for feature in features[review.id]:
            postings.setdefault(feature, []).append(index)

    result: dict[str, list[Review]] = {}
    for review in ordered:
        named = [by_id[i] for i in dict.fromkeys(review.related) if i in by_id and i != review.id]
        here = position[review.id]
        candidates: set[int] = set()
        for feature in features[review.id]:
            posting = postings[feature]
            at = bisect_left(posting, here)
            candidates.update(posting[max(0, at - NEIGHBOURS) : at + NEIGHBOURS + 1])
        candidates.discard(here)
        taken = {r.id for r in named}
        scored = []
        for index in candidates:
            other = ordered[index]
            if other.id in taken:
                continue
            shared = len(features[review.id] & features[other.id])
            scored.append((-shared, abs(index - here), other.id, other))
        scored.sort(key=lambda row: row[:3])
        result[review.id] = named + [row[3] for row in scored[:CLOSEST]]
    return result
