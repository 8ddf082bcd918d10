"""Golden files: the generated pages of a small fixed library, compared byte for byte.

The library is ``tests/golden/library`` (a published customer mistake with a detailed
timeline, an incident in review, a draft near miss); the expected pages are in
``tests/golden/pages``. After a deliberate change to a page, refresh them and read the diff:

    RETRO_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_render_golden.py
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from retro_reviews.check import load_library
from retro_reviews.config import load_config
from retro_reviews.gitrepo import LastChange
from retro_reviews.render.site import render_site
from retro_reviews.site import select_reviews

GOLDEN = Path(__file__).parent / "golden"
TODAY = date(2026, 6, 1)
UPDATE = os.environ.get("RETRO_UPDATE_GOLDEN", "") not in ("", "0")
PAGES = [
    "index.md",
    "actions/index.md",
    "patterns/index.md",
    "checklists/index.md",
    "reviews/2026/2026-02-10-price-list-sent-with-last-years-prices.md",
    "reviews/2026/2026-04-02-warehouse-label-printer-queue-stalled.md",
    "reviews/2026/2026-05-20-newsletter-draft-saved-over-the-template.md",
]


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    config = load_config(GOLDEN / "library")
    shown = select_reviews(load_library(config), config).shown
    facts = {
        "reviews/2026/2026-02-10-price-list-sent-with-last-years-prices.md": LastChange(
            datetime(2026, 2, 20, 9, 30, tzinfo=UTC), "Sales operations", "0a1b2c3", "Review"
        ),
    }
    return render_site(shown, config, TODAY, facts, site_name="Golden library")


def golden_path(uri: str) -> Path:
    return GOLDEN / "pages" / uri.replace("/", "__")


@pytest.mark.parametrize("uri", PAGES)
def test_page_matches_its_golden_file(pages: dict[str, str], uri: str) -> None:
    expected = golden_path(uri)
    if UPDATE:
        expected.parent.mkdir(parents=True, exist_ok=True)
        expected.write_text(pages[uri], encoding="utf-8")
    assert expected.is_file(), f"no golden file for {uri}: run with RETRO_UPDATE_GOLDEN=1"
    assert pages[uri] == expected.read_text(encoding="utf-8"), (
        f"{uri} differs from {expected.relative_to(GOLDEN.parent)}; if the change is meant, "
        "run with RETRO_UPDATE_GOLDEN=1 and review the diff"
    )


def test_every_golden_file_is_a_page_still_checked() -> None:
    names = {path.name for path in (GOLDEN / "pages").iterdir()}
    assert names == {golden_path(uri).name for uri in PAGES}
