"""What a person sees, in headless Chromium (Debian's /usr/bin/chromium, via Playwright)."""

from __future__ import annotations

import contextlib
import functools
import gzip
import os
import re
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import yaml

from sitelib import build, review, write_library
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


R6 = "2026-05-10-jam-jars-and-svg"
# Links an SVG animation would point at script: the old filter let both through.
SVG_BODY = (
    "## What happened\n\nThe jar (quince jelly) was labelled as jam.\n\n"
    '<svg width="200" height="60"><a><set attributeName="href" '
    "to=\"javascript:window.__pwned='set'\"/>"
    '<text x="10" y="20" id="svgset">set vector</text></a></svg>\n\n'
    '<svg width="200" height="60"><a href="#x"><animate attributeName="href" '
    "values=\"javascript:window.__pwned='animate'\"/>"
    '<text x="10" y="20" id="svganimate">animate vector</text></a></svg>\n\n'
    # Cleaned once, this is written as <dl><dt><div><div><dd>…</dd></div></div></dt></dl>:
    # read again, the <dd> closes the <dt>, and the two </div> close the page's own.
    "<dl><dt><select><div><div><dd>Quince</dd></div></div></select></dt></dl>\n\n"
    '<p id="after-nesting">Still part of the review.</p>\n'
)


def browser_library() -> dict[str, str]:
    return {
        **library(),
        R6: review(
            R6,
            body=SVG_BODY,
            title="Jam jars labelled as marmalade",
            kind="customer-mistake",
            severity="low",
            areas=["warehouse"],
            tags=["labels"],
        ),
    }


@contextlib.contextmanager
def serving(root: Path) -> Iterator[str]:
    """``root/site`` served on a free loopback port, for as long as the block runs: its URL."""
    handler = functools.partial(_QuietHandler, directory=str(root / "site"))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def launched_chromium() -> Iterator[Any]:
    """Debian's Chromium driven by Playwright, headless, closed when the block ends."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="module")
def flat_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """The same library built with ``use_directory_urls: false``: its root and its URL."""
    _need_chromium()
    root = write_library(tmp_path_factory.mktemp("flat"), browser_library())
    with (root / "mkdocs.yml").open("a") as config:
        config.write("use_directory_urls: false\n")
    result = build(root)
    assert result.returncode == 0, result.stderr
    with serving(root) as url:
        yield root, url


@pytest.fixture(scope="module")
def site_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    _need_chromium()
    root = write_library(tmp_path_factory.mktemp("browser"), browser_library())
    result = build(root)
    assert result.returncode == 0, result.stderr
    return root


@pytest.fixture(scope="module")
def site_url(site_root: Path) -> Iterator[str]:
    with serving(site_root) as url:
        yield url


@pytest.fixture(scope="module")
def browser(site_url: str) -> Iterator[Any]:
    with launched_chromium() as chromium:
        yield chromium


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
    assert tab.locator("h1").first.inner_text() == "Test library"  # the site_name
    assert tab.locator("h2", has_text="Latest reviews").count() == 1
    assert tab.errors == []
    assert tab.external == []


def search(tab: Any, words: str) -> Any:
    """Type ``words`` into the header's search box; the first result once shown."""
    box = tab.locator("#retro-search-input")
    box.click()
    box.press_sequentially(words, delay=10)
    first = tab.locator(".retro-search__result").first
    first.wait_for(timeout=15000)
    return first


def test_search_finds_a_review_by_a_phrase_of_its_root_cause(tab: Any, site_url: str) -> None:
    tab.goto(site_url + "/", wait_until="networkidle")
    # In the header, and made to work (the script sets what it controls).
    assert tab.locator(".md-header #retro-search-input[aria-controls]").count() == 1
    assert tab.locator("input.md-search__input").count() == 0  # one search, not two
    first = search(tab, ROOT_CAUSE_PHRASE)
    assert first.locator(".retro-search__title").inner_text() == (
        "Checkout errors after a config deploy"
    )
    assert first.locator(".retro-search__facts").inner_text() == "2026-01-10 · incident · high"
    assert first.locator(".retro-search__excerpt mark").count() >= 1
    assert len(first.locator(".retro-search__excerpt").inner_text()) < 400
    assert R1 in (first.get_attribute("href") or "")
    assert tab.locator(".retro-search__result").count() == 1  # no listing page matches
    assert tab.errors == [] and tab.external == []


def test_a_word_after_an_opening_bracket_is_found(tab: Any, site_url: str) -> None:
    # "quince" appears once, right after "(": Material's lunr search could not find it.
    tab.goto(site_url + "/", wait_until="networkidle")
    first = search(tab, "quince")
    assert first.locator(".retro-search__title").inner_text() == "Jam jars labelled as marmalade"
    assert "(quince jelly)" in first.locator(".retro-search__excerpt").inner_text()
    tab.locator("#retro-search-input").fill("")
    assert search(tab, "(quince").locator(".retro-search__title").inner_text() == (
        "Jam jars labelled as marmalade"
    )


def test_a_word_in_no_review_finds_nothing(tab: Any, site_url: str) -> None:
    # Pagefind answers a word it does not have with its longest prefix it has ("the" for
    # "thermostat"): the box says no review has the words instead of listing every review.
    tab.goto(site_url + "/", wait_until="networkidle")
    box = tab.locator("#retro-search-input")
    status = tab.locator(".retro-search__status")
    for query in ("thermostat", "marmalade thermostat", "interstellar"):
        box.fill(query)
        tab.wait_for_function(
            "document.querySelector('.retro-search__status').textContent.startsWith('No review')",
            timeout=15000,
        )
        assert status.inner_text() == "No review has these words", query
        assert tab.locator(".retro-search__result").count() == 0, query
    # A word a stem or a prefix of which is in the index still finds its reviews.
    box.fill("")
    assert search(tab, "marmal").locator(".retro-search__title").inner_text() == (
        "Jam jars labelled as marmalade"
    )
    box.fill("")
    assert search(tab, "jars").locator(".retro-search__title").inner_text() == (
        "Jam jars labelled as marmalade"
    )
    assert tab.errors == [] and tab.external == []


def test_enter_right_after_typing_opens_the_new_query_s_result(tab: Any, site_url: str) -> None:
    # The results of the words typed before must not be opened by an Enter pressed before
    # the new ones are in: Enter waits for them.
    tab.goto(site_url + "/", wait_until="networkidle")
    search(tab, "marmalade")
    box = tab.locator("#retro-search-input")
    box.fill(ROOT_CAUSE_PHRASE)
    box.press("Enter")
    tab.wait_for_url(f"**/reviews/2026/{R1}/", timeout=15000)
    assert tab.errors == [] and tab.external == []


def test_escape_from_a_filter_closes_the_results(tab: Any, site_url: str) -> None:
    tab.goto(site_url + "/", wait_until="networkidle")
    search(tab, "deploy")
    pick = tab.locator("select[data-filter=kind]")
    pick.wait_for()
    pick.focus()
    pick.press("Escape")
    tab.wait_for_function("document.querySelector('.retro-search__panel').hidden")
    tab.wait_for_function("document.activeElement.id === 'retro-search-input'")


def test_search_with_the_keyboard_and_a_filter(tab: Any, site_url: str) -> None:
    tab.goto(site_url + "/reviews/", wait_until="networkidle")
    tab.locator("#retro-search-input").wait_for()
    tab.locator("main").click(position={"x": 5, "y": 5})
    tab.keyboard.press("/")
    tab.wait_for_function("document.activeElement.id === 'retro-search-input'", timeout=5000)
    search(tab, "deploy")
    results = tab.locator(".retro-search__result")
    before = results.count()
    assert before >= 2
    tab.locator("select[data-filter=severity]").select_option("medium")
    tab.wait_for_function(f"document.querySelectorAll('.retro-search__result').length < {before}")
    facts = tab.locator(".retro-search__facts").all_inner_texts()
    assert facts and all(f.endswith(" · medium") for f in facts), facts
    assert R2 in (results.first.get_attribute("href") or "")
    tab.locator("#retro-search-input").press("ArrowDown")
    tab.locator("#retro-search-input").press("Enter")
    tab.wait_for_url(f"**/reviews/2026/{R2}/")
    assert tab.errors == [] and tab.external == []


def test_pagefind_is_loaded_with_the_page_and_the_index_only_for_a_search(
    browser: Any, site_url: str
) -> None:
    # Pagefind's script and WebAssembly are asked for while the page loads (not after its
    # load event), so that they are ready for the first word; the index's words only for a
    # search; nothing before a sign of a search when the reader asks to save data.
    for save_data in (False, True):
        context = browser.new_context()
        if save_data:
            context.add_init_script(
                "Object.defineProperty(navigator, 'connection', {value: {saveData: true}})"
            )
        page = context.new_page()
        asked: list[str] = []
        page.on("request", lambda request, asked=asked: asked.append(request.url))
        try:
            page.goto(site_url + "/", wait_until="networkidle")
            page.wait_for_timeout(300)
            loaded = [u for u in asked if "/pagefind/" in u]
            if not save_data:
                asked_at, load_at = page.evaluate(
                    """() => [
                      performance.getEntriesByType("resource")
                        .find(e => e.name.includes("/pagefind/pagefind.js"))?.startTime ?? null,
                      performance.getEntriesByType("navigation")[0].loadEventStart]"""
                )
                assert asked_at is not None and asked_at < load_at, (asked_at, load_at)
            if save_data:
                assert loaded == []
                page.locator("#retro-search-input").focus()
                page.wait_for_timeout(500)
                loaded = [u for u in asked if "/pagefind/" in u]
            assert any("/pagefind/pagefind.js" in u for u in loaded), (save_data, loaded)
            assert any("/pagefind/wasm." in u for u in loaded), (save_data, loaded)
            assert not any("/index/" in u or "/fragment/" in u for u in loaded), loaded
        finally:
            context.close()


def test_pagefind_is_loaded_early_where_a_theme_puts_the_script_in_the_head(
    browser: Any, site_url: str
) -> None:
    # A theme override may load the search's script before the header exists: the box is
    # then made to work once the page is parsed, and Pagefind is asked for then, with no
    # search.
    context = browser.new_context()
    page = context.new_page()

    def script_in_head(route: Any) -> None:
        response = route.fetch()
        html = response.text()
        found = re.search(r'<script src="[^"]*retro-search\.js"></script>', html)
        assert found is not None, "the home page loads no retro-search.js"
        html = html.replace(found.group(0), "").replace("</head>", found.group(0) + "</head>")
        route.fulfill(response=response, body=html)

    page.route(site_url + "/", script_in_head)
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    try:
        page.goto(site_url + "/", wait_until="networkidle")
        page.wait_for_timeout(300)
        assert page.locator("head script[src$='retro-search.js']").count() == 1
        assert page.locator("#retro-search-input[aria-controls]").count() == 1
        assert any("/pagefind/pagefind.js" in u for u in asked), asked
    finally:
        context.close()


# Counts the browser's own inflaters made in the page (DecompressionStream), or takes it away;
# counts the Blobs made, and the Intl.Segmenters made before the first key.
COUNT_INFLATERS = """
window.__inflaters = 0;
window.DecompressionStream = class extends DecompressionStream {
  constructor(format) { super(format); window.__inflaters += 1; }
};
window.__blobs = 0;
window.Blob = class extends Blob {
  constructor(...args) { super(...args); window.__blobs += 1; }
};
window.__typed = false;
window.__segmenters_before_typing = 0;
document.addEventListener("input", function () { window.__typed = true; }, true);
Intl.Segmenter = class extends Intl.Segmenter {
  constructor(...args) {
    super(...args);
    if (!window.__typed) window.__segmenters_before_typing += 1;
  }
};
"""
NO_INFLATER = "delete window.DecompressionStream;"
PAGEFIND_GZIP = re.compile(
    r"/pagefind/(.*\.pf_(meta|index|filter|fragment)|wasm\.[^/]+\.pagefind)$"
)


def _search_in_fresh_context(browser: Any, site_url: str, script: str, decoded: bool) -> Any:
    """A search for "marmalade" in a new context with ``script`` run first in each page,
    Pagefind's gzip files served as they are, or decoded (as a host that sends them with
    ``Content-Encoding: gzip`` makes them reach the page): the page, its errors, every
    address it asked for and Pagefind's gzip files among them."""
    context = browser.new_context()
    context.add_init_script(script)
    page = context.new_page()
    page.errors = []  # type: ignore[attr-defined]
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.on("console", lambda m: m.type == "error" and page.errors.append(m.text))
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    page.asked = asked  # type: ignore[attr-defined]
    if decoded:

        def decode(route: Any) -> None:
            response = route.fetch()
            body = response.body()
            assert body[:2] == b"\x1f\x8b", route.request.url  # Pagefind wrote gzip
            route.fulfill(response=response, body=gzip.decompress(body))

        page.route(PAGEFIND_GZIP, decode)
    page.goto(site_url + "/", wait_until="networkidle")
    first = search(page, "marmalade")
    assert first.locator(".retro-search__title").inner_text() == "Jam jars labelled as marmalade"
    return page


def test_pagefind_runs_on_the_page_and_the_browser_inflates_its_files(
    browser: Any, site_url: str
) -> None:
    # No worker (its start came after the page's), and each of Pagefind's gzip files is
    # inflated by the browser's DecompressionStream, not by Pagefind's JavaScript.
    page = _search_in_fresh_context(browser, site_url, COUNT_INFLATERS, decoded=False)
    try:
        # The other results' texts and the filter lists are still coming: each file is
        # inflated once it has arrived.
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(300)
        gzipped = [u for u in page.asked if PAGEFIND_GZIP.search(u)]
        page.wait_for_function(f"window.__inflaters >= {len(gzipped)}", timeout=5000)
        kinds = {PAGEFIND_GZIP.search(u).group(2) or "wasm" for u in gzipped}  # type: ignore[union-attr]
        assert {"meta", "index", "fragment", "wasm"} <= kinds, gzipped
        assert not any("pagefind-worker" in u for u in page.asked), page.asked
        assert page.evaluate("window.__inflaters") == len(gzipped)
        assert page.evaluate("window.__blobs") == 0  # each would be a copy in the blob store
        # The segmentation data Pagefind needs was loaded before the first key, not by it.
        assert page.evaluate("window.__segmenters_before_typing") >= 1
        # Other requests are left to the browser as they were: a page of the site still
        # comes through fetch whole.
        assert "Jam jars" in page.evaluate("fetch('reviews/').then(r => r.text())")
        assert page.errors == []
    finally:
        page.context.close()


@pytest.mark.parametrize(
    ("script", "decoded", "expression", "expected"),
    [
        # Files a host has already decoded are read as they are, not inflated again.
        (COUNT_INFLATERS, True, "window.__inflaters", 0),
        # A browser without DecompressionStream: Pagefind inflates them itself.
        (NO_INFLATER, False, "typeof DecompressionStream", "undefined"),
    ],
    ids=["decoded-by-the-host", "no-decompression-stream"],
)
def test_search_works_where_the_browser_does_not_inflate(
    browser: Any, site_url: str, script: str, decoded: bool, expression: str, expected: object
) -> None:
    page = _search_in_fresh_context(browser, site_url, script, decoded=decoded)
    try:
        assert page.evaluate(expression) == expected
        assert page.errors == []
    finally:
        page.context.close()


def test_the_filter_lists_are_fetched_after_the_first_results(tab: Any, site_url: str) -> None:
    # The filter lists need every filter's part of the index: fetched only once the first
    # results are shown, they never compete with the first answer. The results' texts are
    # held back here, so that no result can be shown until they are let through.
    held: list[Any] = []
    asked: list[str] = []

    def hold(request_route: Any) -> None:
        held.append(request_route)

    def note(request_route: Any) -> None:
        asked.append(request_route.request.url)
        request_route.fallback()

    tab.route("**/pagefind/fragment/**", hold)
    tab.route("**/pagefind/filter/**", note)
    tab.goto(site_url + "/", wait_until="networkidle")
    box = tab.locator("#retro-search-input")
    box.click()
    box.press_sequentially("marmalade", delay=10)
    for _ in range(200):  # the search has answered once a result's text is asked for
        if held:
            break
        tab.wait_for_timeout(50)
    # Longer than the pause after which a focused box with nothing typed offers the lists.
    tab.wait_for_timeout(600)
    assert held and asked == []  # the search has answered; its texts are on their way
    tab.unroute("**/pagefind/fragment/**")
    for request_route in held:
        request_route.fallback()
    first = tab.locator(".retro-search__result").first
    first.wait_for()
    assert first.locator(".retro-search__title").inner_text() == "Jam jars labelled as marmalade"
    tab.locator("select[data-filter=kind]").select_option("customer-mistake")
    assert asked
    tab.locator(f".retro-search__result[href*='{R6}']").wait_for()
    tab.locator("select[data-filter=kind]").select_option("incident")
    tab.wait_for_function("document.querySelectorAll('.retro-search__result').length === 0")
    assert tab.errors == [] and tab.external == []


def test_the_box_is_a_combobox_and_is_not_shown_without_scripts(
    browser: Any, tab: Any, site_url: str
) -> None:
    # A box that cannot search is not offered: with scripts off it is not shown. With them,
    # it is a combobox (a text box with a list of results) named for what it searches.
    tab.goto(site_url + "/", wait_until="networkidle")
    box = tab.get_by_role("combobox", name="Search reviews")
    assert box.count() == 1 and box.is_visible()
    assert box.get_attribute("aria-expanded") == "false"
    search(tab, "marmalade")
    assert box.get_attribute("aria-expanded") == "true"
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + "/")
        assert page.locator("#retro-search-input").count() == 1  # in the page, hidden
        assert page.locator("#retro-search-input").is_hidden()
        assert page.locator(".md-header__title").is_visible()
    finally:
        context.close()


HINT = "Type words, or pick a filter."  # what a focused, empty box says


@pytest.mark.parametrize(
    ("typed", "left"),
    [("marmalade", False), ("", False), ("marmalade", True)],
    ids=["words", "focus-only", "words-then-left"],
)
def test_the_box_is_in_the_header_before_its_script_runs_and_nothing_typed_is_lost(
    tab: Any, site_url: str, typed: str, left: bool
) -> None:
    # The page holds the box itself: a reader can click it and type while the script is
    # still on its way. Once it runs, the words typed are searched for (a box focused with
    # nothing typed offers the filter lists), and the box has not moved. A reader who has
    # left the box by then sees the results when back in it, not over the page.
    held: list[Any] = []

    def hold(request_route: Any) -> None:
        held.append(request_route)

    tab.route("**/assets/retro-search.js", hold)
    tab.goto(site_url + "/", wait_until="commit")
    box = tab.locator(".md-header #retro-search-input")
    box.wait_for(state="visible", timeout=10000)
    box.click()
    if typed:
        box.fill(typed)
    if left:
        tab.locator("main").click(position={"x": 5, "y": 5})
    for _ in range(200):
        if held:
            break
        tab.wait_for_timeout(50)
    assert held, "the page never asked for retro-search.js"
    assert tab.locator(".retro-search__panel").count() == 0  # no script has run yet
    before = box.bounding_box()
    tab.unroute("**/assets/retro-search.js")
    held[0].fallback()
    if left:
        tab.locator("#retro-search-input[aria-controls]").wait_for(timeout=10000)
        tab.wait_for_timeout(1000)  # long enough for the search to have answered
        assert tab.locator(".retro-search__panel").is_hidden()
        assert box.bounding_box() == before
        box.focus()
        before = box.bounding_box()  # a focused box is wider
        assert tab.locator(".retro-search__panel").is_visible()
    if typed:
        first = tab.locator(".retro-search__result").first
        first.wait_for(timeout=15000)
        assert first.locator(".retro-search__title").inner_text() == (
            "Jam jars labelled as marmalade"
        )
    else:
        tab.locator("select[data-filter=severity]").wait_for(timeout=5000)
        assert tab.locator(".retro-search__status").inner_text() == HINT
    assert box.bounding_box() == before
    assert box.get_attribute("aria-controls") == "retro-search-results"
    assert tab.errors == [] and tab.external == []


def test_enter_before_the_script_runs_searches_through_the_address(tab: Any, site_url: str) -> None:
    # The box is a form: Enter pressed before the script runs opens the page again with the
    # words in its address, and the script searches for them, the results open. A link to
    # "?q=..." does the same.
    held: list[Any] = []
    tab.route("**/assets/retro-search.js", lambda request_route: held.append(request_route))
    tab.goto(site_url + "/", wait_until="commit")
    box = tab.locator(".md-header #retro-search-input")
    box.wait_for(state="visible", timeout=10000)
    box.click()
    box.fill("marmalade")
    box.press("Enter")
    tab.wait_for_url(lambda url: url.endswith("/?q=marmalade"), wait_until="commit", timeout=10000)
    tab.unroute("**/assets/retro-search.js")
    for request_route in held:
        request_route.fallback()
    first = tab.locator(".retro-search__result").first
    first.wait_for(timeout=15000)
    assert first.locator(".retro-search__title").inner_text() == "Jam jars labelled as marmalade"
    assert box.input_value() == "marmalade"
    assert tab.evaluate("document.activeElement.id") == "retro-search-input"
    # Once the script runs, Enter opens the first result; the form is not sent again.
    box.press("Enter")
    tab.wait_for_url("**/reviews/**", timeout=10000)
    assert "?q=" not in tab.url
    # A link to a search, on any page.
    tab.goto(site_url + "/guide/?q=marmalade")
    tab.locator(".retro-search__result").first.wait_for(timeout=15000)
    assert tab.locator(".retro-search__panel").is_visible()
    assert tab.errors == [] and tab.external == []


def test_a_focused_empty_box_offers_the_filters_and_a_filter_alone_lists_reviews(
    tab: Any, site_root: Path, site_url: str
) -> None:
    # No word is needed to list reviews by kind, severity, area, tag, status or year: with
    # the box focused and nothing typed for a moment, the filter lists are offered, and a
    # filter alone lists its reviews, newest first.
    published = {
        rid: yaml.safe_load(text.split("---\n")[1])
        for rid, text in browser_library().items()
        if (site_root / "site" / "reviews" / rid[:4] / rid / "index.html").is_file()
    }
    medium = [rid for rid, meta in published.items() if meta["severity"] == "medium"]
    medium.sort(key=lambda rid: str(published[rid]["date"]), reverse=True)
    assert len(medium) >= 2
    tab.goto(site_url + "/", wait_until="networkidle")
    status = tab.locator(".retro-search__status")
    results = tab.locator(".retro-search__result")
    tab.locator("#retro-search-input").focus()
    tab.locator("select[data-filter=severity]").wait_for(timeout=5000)
    assert tab.locator(".retro-search__panel").is_visible()
    assert status.inner_text() == HINT
    assert results.count() == 0
    tab.locator("select[data-filter=severity]").select_option("medium")
    tab.wait_for_function(
        f"document.querySelectorAll('.retro-search__result').length === {len(medium)}"
    )
    shown = [results.nth(i).get_attribute("href") or "" for i in range(results.count())]
    assert [next(r for r in medium if r in href) for href in shown] == medium
    facts = tab.locator(".retro-search__facts").all_inner_texts()
    assert all(f.endswith(" · medium") for f in facts), facts
    # With no word to show in context, each result says what went wrong (an excerpt would
    # start at the top of the page, with the title again).
    excerpts = tab.locator(".retro-search__excerpt").all_inner_texts()
    assert excerpts == [" ".join(published[r]["what_went_wrong"].split()) for r in medium]
    # The closed list shows the filter's name with the value chosen.
    chosen = tab.locator("select[data-filter=severity] option:checked").inner_text()
    assert chosen == "severity: medium"
    # A screen reader says the list's name, then the choice: "Filter, severity: medium",
    # the filter's name once.
    picks = tab.locator("select[data-filter]")
    assert tab.get_by_role("combobox", name="Filter", exact=True).count() == picks.count()
    assert picks.count() >= 2
    # The order is the index's date key, not the order pages were indexed in: read the
    # other way, it gives the oldest first.
    oldest_first = tab.evaluate(
        """async () => {
          const pf = await import(new URL("pagefind/pagefind.js", document.baseURI).href);
          const found = await pf.search(null, {filters: {severity: "medium"}, sort: {date: "asc"}});
          return Promise.all(found.results.map(r => r.data().then(d => d.url)));
        }"""
    )
    assert [next(r for r in medium if r in url) for url in oldest_first] == medium[::-1]
    # A filter that leaves no review says so, and says nothing of words.
    tab.locator("select[data-filter=severity]").select_option("high")
    tab.locator("select[data-filter=kind]").select_option("customer-mistake")
    tab.wait_for_function(
        "document.querySelector('.retro-search__status').textContent.startsWith('No review')"
    )
    assert status.inner_text() == "No review matches these filters"
    # No filter and no word again: the hint, and no list.
    tab.locator("select[data-filter=kind]").select_option("")
    tab.locator("select[data-filter=severity]").select_option("")
    tab.wait_for_function(
        "document.querySelector('.retro-search__status').textContent.startsWith('Type')"
    )
    assert results.count() == 0
    assert tab.errors == [] and tab.external == []


# Pagefind's module with its search() recording the options it is given, for the tests of
# what the box asks for. Its last line exports its functions: ``search`` there becomes ours.
RECORD_SEARCH_OPTIONS = (
    "var retroRecordedSearch = (term, options) => {"
    " (window.__searchOptions = window.__searchOptions || [])"
    ".push(JSON.parse(JSON.stringify(options)));"  # as they were: the box changes its own
    " return search(term, options); };\n"
)


def test_a_filter_alone_asks_pagefind_for_the_newest_first_and_words_for_the_best_match(
    tab: Any, site_url: str
) -> None:
    # The order newest first above may also be the index's own; this is the box asking.
    def recording(route: Any) -> None:
        response = route.fetch()
        module = response.text()
        exports = re.search(r"export\{([^}]*)\};?\s*$", module)
        assert exports is not None and "search" in exports[1].split(","), module[-300:]
        names = ",".join(
            "retroRecordedSearch as search" if n == "search" else n for n in exports[1].split(",")
        )
        body = module[: exports.start()] + RECORD_SEARCH_OPTIONS + "export{" + names + "};"
        route.fulfill(response=response, body=body)

    tab.route("**/pagefind/pagefind.js", recording)
    tab.goto(site_url + "/", wait_until="networkidle")
    tab.locator("#retro-search-input").focus()
    tab.locator("select[data-filter=severity]").select_option("medium")
    tab.locator(".retro-search__result").first.wait_for(timeout=5000)
    tab.locator("select[data-filter=severity]").select_option("")
    box = tab.locator("#retro-search-input")
    box.press_sequentially("marmalade", delay=10)
    tab.locator(".retro-search__result[href*='jam-jars']").first.wait_for(timeout=15000)
    asked = tab.evaluate("window.__searchOptions")
    assert asked[0]["sort"] == {"date": "desc"} and asked[0]["filters"] == {"severity": "medium"}
    assert asked[-1]["sort"] == {}, asked  # words: Pagefind's ranking
    assert tab.errors == [] and tab.external == []


def test_a_box_emptied_before_any_answer_offers_the_filters_again(tab: Any, site_url: str) -> None:
    tab.goto(site_url + "/", wait_until="networkidle")
    box = tab.locator("#retro-search-input")
    box.focus()
    box.press_sequentially("m", delay=10)
    box.press("Backspace")  # before the pause after the key is over: no search ran
    tab.locator("select[data-filter=severity]").wait_for(timeout=5000)
    assert tab.locator(".retro-search__status").inner_text() == HINT
    assert tab.errors == [] and tab.external == []


def test_search_on_a_phone(browser: Any, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    try:
        page.goto(site_url + "/", wait_until="networkidle")
        box = page.locator("#retro-search-input")
        assert box.is_visible()
        assert box.bounding_box()["width"] > 100
        search(page, "marmalade")
        item = page.locator(f".retro-search__result[href*='{R6}']")
        item.wait_for()
        page.wait_for_timeout(300)  # the last keystroke's search has answered
        shown = item.bounding_box()
        assert shown is not None and shown["x"] >= 0 and shown["x"] + shown["width"] <= 391
    finally:
        context.close()


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


def test_svg_animation_links_run_no_script(tab: Any, site_url: str) -> None:
    tab.goto(site_url + f"/reviews/2026/{R6}/", wait_until="networkidle")
    assert tab.locator("article svg set, article svg animate").count() == 0
    for target in ("#svgset", "#svganimate"):
        tab.locator(target).click()
        tab.wait_for_timeout(200)
        assert tab.evaluate("window.__pwned") is None, target


def test_markup_that_nests_again_stays_inside_the_review(tab: Any, site_url: str) -> None:
    tab.goto(site_url + f"/reviews/2026/{R6}/", wait_until="networkidle")
    assert tab.locator("article [data-pagefind-body] #after-nesting").count() == 1
    assert tab.locator("article [data-pagefind-body] dl > dd", has_text="Quince").count() == 1
    assert tab.locator("article .md-footer, article .md-sidebar").count() == 0


def test_the_guide_shows_rule_texts_as_text(tab: Any, site_url: str) -> None:
    tab.goto(site_url + "/guide/", wait_until="networkidle")
    assert tab.errors == []
    assert tab.locator("article script").count() == 0
    assert tab.get_by_text("<script>", exact=False).count() >= 1  # the unsafe-html rule's text
    assert tab.locator("td footer, td .md-footer").count() == 0
    assert tab.locator(".md-footer").count() == 1


def _pages(site: Path, *, flat: bool) -> list[str]:
    """Every listing page of a built site, the guide and a sample of review pages."""
    found = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    found = [p for p in found if not p.startswith(("pagefind/", "404"))]
    reviews = [p for p in found if p.startswith("reviews/20")]
    listing = [p for p in found if p not in reviews]
    assert "guide/index.html" in listing or "guide.html" in listing
    assert len(listing) >= 10 and len(reviews) >= 4, (flat, found)
    chosen = listing + reviews[::2]
    if flat:
        return chosen
    return ["" if p == "index.html" else p.removesuffix("index.html") for p in chosen]


def test_every_page_loads_without_errors_or_outside_requests(
    tab: Any, site_root: Path, site_url: str, flat_site: tuple[Path, str]
) -> None:
    flat_root, flat_url = flat_site
    visits = [(site_url, p) for p in _pages(site_root / "site", flat=False)]
    visits += [(flat_url, p) for p in _pages(flat_root / "site", flat=True)]
    for base, path in visits:
        response = tab.goto(f"{base}/{path}", wait_until="networkidle")
        assert response is not None and response.ok, path
        assert tab.errors == [], (path, tab.errors)
        assert tab.external == [], (path, tab.external)
        assert tab.locator(".md-header #retro-search-input[aria-controls]").count() == 1, path
