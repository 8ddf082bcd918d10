"""What a person sees, in headless Chromium (Debian's /usr/bin/chromium, via Playwright)."""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from sitelib import build, write_library
from test_site_build import R1, R2, R5, ROOT_CAUSE_PHRASE, library

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _need_chromium() -> None:
    if CHROMIUM.exists():
        return
    reason = "Debian's chromium is not installed (/usr/bin/chromium); apt-get install chromium"
    if os.environ.get("CI") == "true":
        pytest.fail(reason)
    pytest.skip(reason)


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib name
        pass


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    _need_chromium()
    root = write_library(tmp_path_factory.mktemp("browser"), library())
    result = build(root)
    assert result.returncode == 0, result.stderr
    handler = functools.partial(_QuietHandler, directory=str(root / "site"))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def browser(site_url: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def tab(browser: Any) -> Iterator[Any]:
    context = browser.new_context()
    page = context.new_page()
    page.errors = []  # type: ignore[attr-defined]
    page.on("console", lambda m: m.type == "error" and page.errors.append(m.text))
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    external: list[str] = []
    page.external = external  # type: ignore[attr-defined]

    def route(request_route: Any) -> None:
        url = request_route.request.url
        if url.startswith("http://127.0.0.1"):
            request_route.continue_()
        else:
            external.append(url)
            request_route.abort()

    page.route("**/*", route)
    yield page
    context.close()


def test_home_loads_without_console_errors_or_outside_requests(tab: Any, site_url: str) -> None:
    tab.goto(site_url + "/", wait_until="networkidle")
    assert tab.locator("h1").first.inner_text() == "Learning library"
    assert tab.locator("h2", has_text="Latest reviews").count() == 1
    assert tab.errors == []
    assert tab.external == []


def test_search_finds_a_review_by_a_phrase_of_its_root_cause(tab: Any, site_url: str) -> None:
    tab.goto(site_url + "/", wait_until="networkidle")
    box = tab.locator("input.md-search__input")
    box.click()
    box.press_sequentially(ROOT_CAUSE_PHRASE, delay=10)  # Material listens to key events
    result = tab.locator(".md-search-result__item").first
    result.wait_for(timeout=15000)
    assert "Checkout errors after a config deploy" in tab.locator(".md-search-result").inner_text()
    assert tab.locator(f".md-search-result a[href*='{R1}']").count() >= 1


def test_checklist_item_links_to_its_review(tab: Any, site_url: str) -> None:
    tab.goto(site_url + "/checklists/deploy-checklist/", wait_until="networkidle")
    step = tab.locator("article ol li", has_text="Run the smoke tests against staging first")
    step.locator("a").first.click()
    tab.wait_for_url(f"**/reviews/2026/{R2}/")
    assert tab.locator("h1").first.inner_text() == "Deploy reached production without smoke tests"


def test_html_in_a_title_shows_as_text_and_runs_nothing(tab: Any, site_url: str) -> None:
    for path in ("/reviews/", "/", f"/reviews/2026/{R5}/"):
        tab.goto(site_url + path, wait_until="networkidle")
        assert tab.evaluate("window.__pwned") is None, path
        assert tab.get_by_text('<img src=x onerror="window.__pwned=1"> in the title').count() >= 1
    assert tab.title().startswith('<img src=x onerror="window.__pwned=1">')
    assert tab.locator("h1").first.inner_text() == (
        '<img src=x onerror="window.__pwned=1"> in the title'
    )


def test_unsafe_html_in_a_review_body_runs_no_script(tab: Any, site_url: str) -> None:
    tab.goto(site_url + f"/reviews/2026/{R5}/", wait_until="networkidle")
    assert tab.evaluate("window.__pwned") is None
    assert tab.locator("article iframe, article script").count() == 0
    assert tab.locator("article [onerror]").count() == 0
    tab.locator("#jslink").click()
    tab.get_by_text("markdown link").click()
    tab.wait_for_timeout(200)
    assert tab.evaluate("window.__pwned") is None
    assert tab.get_by_text("The body holds unsafe HTML.").count() == 1
