"""retro_reviews.render.home: the site's name, the numbers as cards, overdue items first."""

from __future__ import annotations

from pathlib import Path

from retro_reviews.check import load_library
from retro_reviews.config import load_config
from retro_reviews.render.site import render_site
from retro_reviews.site import select_reviews
from test_render_site import TODAY, write


def home(project: Path, site_name: str = "Our mistakes") -> str:
    config = load_config(project)
    shown = select_reviews(load_library(config), config).shown
    return render_site(shown, config, TODAY, site_name=site_name)["index.md"]


def test_the_heading_is_the_sites_own_name(project: Path) -> None:
    write(project, "2026-01-01-one", related=[])
    text = home(project, "Ops <learning>")
    assert '{"title": "Ops &lt;learning&gt;"}' in text
    assert '\n<h1 id="ops-learning">Ops &lt;learning&gt;</h1>\n' in text  # escaped, with its id
    assert "Learning library" in home(project, "")  # MkDocs always has one; a fallback


def test_numbers_are_cards_with_trends_by_quarter(project: Path) -> None:
    items = [{"action": "Late", "owner": "Ops", "due": "2026-05-01", "status": "open"}]
    write(project, "2025-11-01-old", related=[])
    write(project, "2026-04-20-new", related=[], action_items=items)
    text = home(project)
    cards = text.split('<div class="retro-cards">', 1)[1].split("</div>", 1)[0]
    for value, label in (
        ("2", "reviews"),
        ("1", "open action item"),
        ("1", "overdue on 2026-06-01"),
        ("1", "checklist changed this quarter"),
        ("1 d 2 h", "median time to detect"),
        ("2 d 8 h", "median time to resolve"),
    ):
        assert (
            f'<span class="retro-card__value">{value}</span>'
            f'<span class="retro-card__label">{label}</span>'
        ) in cards, label
    assert 'class="retro-card retro-card--alert"' in cards  # an overdue item stands out
    assert 'aria-label="Reviews per quarter: 2025 Q4: 1, 2026 Q1: 0, 2026 Q2: 1"' in cards


def test_overdue_items_come_before_the_latest_reviews(project: Path) -> None:
    items = [
        {"action": "Late", "owner": "Ops", "due": "2026-05-01", "status": "open"},
        {"action": "Not yet", "owner": "Ops", "due": "2026-09-01", "status": "open"},
    ]
    write(project, "2026-04-20-new", related=[], action_items=items)
    text = home(project)
    late = '<li><span class="retro-badge retro-badge--overdue">Overdue</span> Late · Ops · due '
    assert text.index(">Overdue action items</h2>") < text.index(late)
    assert text.index(late) < text.index(">Latest reviews</h2>")
    assert "Not yet" not in text  # only overdue ones here; the actions page has the rest
    assert text.index(">Latest reviews</h2>") < text.index(">Checklists changed recently</h2>")


def test_checklists_changed_most_recently_first(project: Path) -> None:
    write(project, "2026-01-01-one", related=[])
    changes = [{"checklist": "Deploy checklist", "change": "add", "item": "Smoke test"}]
    write(project, "2026-03-01-two", related=[], checklist_changes=changes)
    text = home(project).split(">Checklists changed recently</h2>", 1)[1]
    assert text.index("Deploy checklist") < text.index("Pick and pack checklist")
    assert "last changed 2026-03-01 by" in text


def test_an_empty_library_reads_well(project: Path) -> None:
    text = home(project)
    assert '<span class="retro-card__value">0</span><span class="retro-card__label">reviews' in text
    assert "No reviews are published yet." in text
    assert "No action item is overdue" in text
    assert "<svg" not in text  # no trend without quarters
