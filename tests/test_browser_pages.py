"""Every page type in headless Chromium at 1280 and 390 pixels wide, with screenshots.

The site is the sample library plus the golden test library, built as a pull-request preview
(``RETRO_SHOW_STATUS=in-review,published``). Screenshots go to ``build/screenshots/`` (or
``$RETRO_SCREENSHOTS``), which CI keeps as an artifact; look at them after a change to a page.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT
from sitelib import build, write_library
from test_browser import _need_chromium, launched_chromium, serving

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SHOTS = Path(os.environ.get("RETRO_SCREENSHOTS") or ROOT / "build" / "screenshots")
WIDTHS = (1280, 390)
IN_REVIEW = "2026-04-02-warehouse-label-printer-queue-stalled"
DRAFT = "2026-05-20-newsletter-draft-saved-over-the-template"
PUBLISHED = "2025-07-22-checkout-api-down-after-a-config-deploy"
GOLDEN_PUBLISHED = "2026-02-10-price-list-sent-with-last-years-prices"
PAGES = {
    "home": "/",
    "reviews": "/reviews/",
    "review": f"/reviews/2025/{PUBLISHED}/",
    "review-v2": f"/reviews/2026/{GOLDEN_PUBLISHED}/",
    "review-in-review": f"/reviews/2026/{IN_REVIEW}/",
    "by-kind": "/reviews/by-kind/incident/",
    "checklists": "/checklists/",
    "checklist": "/checklists/deploy-checklist/",
    "actions": "/actions/",
    "patterns": "/patterns/",
    "tags": "/tags/",
    "guide": "/guide/",
}
# The review page's generated sections in reading order; the body's own come after TIMELINE.
STORY = ["what-went-wrong", "timeline"]
CONCLUSIONS = [
    "root-cause",
    "how-it-was-found",
    "customer-response",
    "what-changed",
    "lessons",
    "links",
    "related-reviews",
    "links-and-related-reviews",
]


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    _need_chromium()
    root = write_library(tmp_path_factory.mktemp("pages"), {}, "      show_status: [published]")
    shutil.copytree(ROOT / "reviews", root / "reviews", dirs_exist_ok=True)
    golden = ROOT / "tests" / "golden" / "library" / "reviews"
    shutil.copytree(golden, root / "reviews", dirs_exist_ok=True)
    result = build(root, RETRO_SHOW_STATUS="in-review,published")
    assert result.returncode == 0, result.stderr
    with serving(root) as url:
        yield url


@pytest.fixture(scope="module")
def browser(site_url: str) -> Iterator[Any]:
    with launched_chromium() as chromium:
        yield chromium


def open_page(browser: Any, url: str, width: int) -> Any:
    context = browser.new_context(viewport={"width": width, "height": 900})
    tab = context.new_page()
    tab.problems = []
    tab.on("console", lambda m: m.type == "error" and tab.problems.append(m.text))
    tab.on("pageerror", lambda e: tab.problems.append(str(e)))
    tab.on("request", lambda r: r.url.startswith("http://127.0.0.1") or tab.problems.append(r.url))
    response = tab.goto(url, wait_until="networkidle")
    assert response is not None and response.ok, url
    return tab


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", list(PAGES))
def test_every_page_type_reads_well_and_is_photographed(
    browser: Any, site_url: str, name: str, width: int
) -> None:
    tab = open_page(browser, site_url + PAGES[name], width)
    try:
        SHOTS.mkdir(parents=True, exist_ok=True)
        tab.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
        assert tab.problems == []  # no page error, no failed or outside request
        # Nothing wider than the screen: wide tables and charts scroll inside themselves.
        assert tab.evaluate("document.documentElement.scrollWidth") <= width
    finally:
        tab.context.close()


def test_the_review_page_reads_in_story_order_and_says_nothing_twice(
    browser: Any, site_url: str
) -> None:
    tab = open_page(browser, site_url + PAGES["review-v2"], 1280)
    try:
        ids = tab.eval_on_selector_all("article h2[id]", "els => els.map(e => e.id)")
        generated = [i for i in ids if i in STORY or i in CONCLUSIONS]
        assert generated == [i for i in [*STORY, *CONCLUSIONS] if i in generated]
        body = [i for i in ids if i not in generated]
        assert body, "the body's own sections are shown"
        assert ids.index(body[0]) > ids.index("what-went-wrong")
        assert ids.index(body[-1]) < ids.index("root-cause")
        titles = tab.eval_on_selector_all("article h2", "els => els.map(e => e.textContent)")
        assert len(titles) == len(set(titles))
        assert tab.locator("article .retro-chip").count() == 2  # two tags, shown once
        assert tab.locator(".md-tags:not([hidden])").count() == 0  # the theme's row is hidden
        assert tab.locator("article dt", has_text="Status").count() == 1
        toc = tab.eval_on_selector_all(
            ".md-sidebar--secondary .md-nav__link", "els => els.map(e => e.textContent.trim())"
        )
        assert 0 < len(toc) <= 11
    finally:
        tab.context.close()


def test_the_preview_variable_shows_a_review_in_review_with_its_badge(
    browser: Any, site_url: str
) -> None:
    tab = open_page(browser, site_url + PAGES["review-in-review"], 390)
    try:
        assert tab.locator("article .retro-badge--in-review").inner_text() == "In review"
        listing = tab.goto(site_url + "/reviews/", wait_until="networkidle")
        assert listing is not None and listing.ok
        assert tab.get_by_text("Warehouse label printer queue stalled").count() >= 1
        draft = tab.goto(site_url + f"/reviews/2026/{DRAFT}/")
        assert draft is not None and draft.status == 404  # only in-review was added
    finally:
        tab.context.close()


@pytest.mark.parametrize(("page", "column"), [("actions", "Owner"), ("review", "Action")])
def test_an_action_table_sorts_offline_by_any_column(
    browser: Any, site_url: str, page: str, column: str
) -> None:
    tab = open_page(browser, site_url + PAGES[page], 390)
    try:
        table = tab.locator("article table[data-retro-sort]").first
        index = ["Action", "Owner"].index(column)
        cells = f"t => [...t.tBodies[0].rows].map(r => r.cells[{index}].textContent)"
        table.locator("th button", has_text=column).click()
        ascending = table.evaluate(cells)
        assert len(set(ascending)) > 1
        assert ascending == sorted(ascending, key=str.casefold)
        table.locator("th button", has_text=column).click()
        assert table.evaluate(cells) == list(reversed(ascending))
        assert table.locator("th[aria-sort=descending]").inner_text().startswith(column)
        assert tab.problems == []  # the script came from the site itself
        if page == "actions":
            assert tab.locator("details.retro-fold table").count() == 1  # done items folded
            assert not tab.locator("details.retro-fold table").is_visible()
    finally:
        tab.context.close()


def test_chart_labels_are_at_least_11_px_on_a_phone(browser: Any, site_url: str) -> None:
    tab = open_page(browser, site_url + "/patterns/", 390)
    try:
        sizes = tab.eval_on_selector_all(
            "article svg.retro-chart",
            """svgs => svgs.map(s => {
                const scale = s.getBoundingClientRect().width / s.viewBox.baseVal.width;
                return parseFloat(s.getAttribute('font-size')) * scale;
            })""",
        )
        assert sizes and min(sizes) >= 11, sizes
    finally:
        tab.context.close()
