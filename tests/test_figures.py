"""retro_reviews.figures: each figure the site shows, worked out in one place."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from retro_reviews.check import load_library
from retro_reviews.config import load_config
from retro_reviews.figures import (
    UNKNOWN_METHOD,
    detection_by_quarter,
    library_figures,
    median,
    quarter_label,
    quarters_between,
    trends,
)


def test_quarters_cover_every_quarter_between() -> None:
    quarters = quarters_between(date(2025, 11, 3), date(2026, 4, 1))
    assert [quarter_label(q) for q in quarters] == ["2025 Q4", "2026 Q1", "2026 Q2"]


def test_median_of_nothing_is_unknown() -> None:
    assert median([]) is None
    assert median([timedelta(hours=1), timedelta(hours=3)]) == timedelta(hours=2)


def test_library_figures(project: Path, write_review: Callable[..., Path]) -> None:
    write_review("2026-01-05-a", action_status="open")  # due 2026-04-30: overdue on 06-01
    write_review("2026-04-10-b")
    reviews = load_library(load_config(project))
    figures = library_figures(reviews, date(2026, 6, 1))
    assert (figures.reviews, figures.open_actions, figures.overdue_actions) == (2, 1, 1)
    assert figures.checklists_changed_this_quarter == 1  # b, in 2026 Q2
    assert figures.median_time_to_detect == timedelta(days=1, hours=2)
    trend = trends(reviews)
    assert trend["reviews"].values == (1, 1)
    assert trend["detect"].values == (26.0, 26.0)


def test_detection_counts_say_when_reviews_do_not_record_it(
    project: Path, write_review: Callable[..., Path]
) -> None:
    write_review("2026-01-05-a")
    quarters, counts = detection_by_quarter(load_library(load_config(project)), ["customer"])
    assert [quarter_label(q) for q in quarters] == ["2026 Q1"]
    assert counts == {UNKNOWN_METHOD: [1]}
