"""The library's figures (stats.py), and the patterns page showing the same ones."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from follow_library import A, B, C, write_library
from retro_reviews.check import load_library
from retro_reviews.config import load_config
from retro_reviews.follow.query import shown_reviews
from retro_reviews.render.links import tag_anchor
from retro_reviews.render.patterns import render_patterns_page
from retro_reviews.stats import library_stats

TODAY = date(2026, 6, 1)


def shown(project: Path):
    write_library(project)
    config = load_config(project)
    return shown_reviews(load_library(config), config).reviews, config


def test_known_figures(project: Path) -> None:
    reviews, config = shown(project)
    stats = library_stats(reviews, config, TODAY)
    assert [r.id for r in reviews] == [C, B, A]
    assert stats.reviews == 3
    assert (stats.first, stats.last) == (date(2026, 1, 10), date(2026, 5, 20))
    assert stats.time_to_detect.value == timedelta(hours=2, minutes=15)
    assert stats.time_to_resolve.value == timedelta(hours=13)
    assert [(m.name, len(m.reviews)) for m in stats.factors] == [
        ("Config not validated", 2),
        ("Time pressure", 1),
    ]
    assert (stats.actions_open, stats.actions_overdue, stats.actions_done) == (3, 2, 2)


def test_the_patterns_page_shows_the_same_figures(project: Path) -> None:
    reviews, config = shown(project)
    stats = library_stats(reviews, config, TODAY)
    page = render_patterns_page(reviews, config, TODAY)
    for mention in stats.factors:
        assert f"| {mention.name} | {len(mention.reviews)} |" in page
    for mention in stats.tags:  # each tag links to its place on the tags page
        link = f'<a href="../tags/#{tag_anchor(mention.name)}">{mention.name}</a>'
        assert f"| {link} | {len(mention.reviews)} |" in page
    for mention in stats.checklists:  # each checklist links to its page
        changes = ", ".join(f"{n} {kind}" for kind, n in sorted(mention.changes.items()))
        assert f"| [{mention.name}](../checklists/" in page
        assert f".md) | {len(mention.reviews)} | {changes} |" in page
    assert f"What {stats.reviews} reviews say together" in page
