"""Benchmark the library's search in a browser: time to the first result, at each size.

For each size N (the libraries bench_build.py generates, in bench/out/lib-N; built here if
their site is missing) it serves the built site on 127.0.0.1, opens headless Chromium
(Debian's /usr/bin/chromium through Playwright, nothing downloaded) and, five times in a
fresh browser context (empty cache), measures from opening the home page to the wanted
review's link in the search results: the page loads, the search box appears in the header,
the query (the review's title) is put in the box, Pagefind's script and the index chunks
for those words arrive, and the results show. It prints the median, the fastest and the
slowest round, the size of the index on disk and the bytes the browser fetched from it, and
where the time goes: the median time, from opening the page, at which each phase ended (the
page's DOMContentLoaded and load, the search box, the query typed, each kind of Pagefind
file, by Playwright's request timings, and the first result shown), so that a change can
be aimed at the phase that costs.

Each round opens the page twice, in turns: once timed, with nothing watched but the result,
and once watched, for the phases, the bytes and the requests. Each opening starts with the
machine at rest (the last one's browser context torn down; see REST_SLICE). Watching costs:
every request is then reported to this script while the page loads, on the same two cores,
and the watched rounds took 5-15% longer (bench/README.md). The figures are the timed rounds'; the
watched rounds' median is printed beside them.

    .venv/bin/python bench/bench_search.py                    # 1,000 and 5,000 reviews
    .venv/bin/python bench/bench_search.py --sizes 1000 --rounds 5

Run bench_build.py first (or let this script build the site once: it takes minutes at 5,000).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_build import BIN, OUT, TODAY, generate_library  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
# Every host but the loopback resolves to nothing, so no request can leave the machine; the
# requests are watched, not intercepted (routing each one through this script would add a
# round trip to every fetch of the index, which no reader has).
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]


@contextlib.contextmanager
def serving(site: Path) -> Iterator[str]:
    """``site`` served on a free loopback port by a process of its own (``http.server``), so
    that serving never waits on this script, which is busy with Playwright's events: its URL.
    The server picks its port and says which (no port is probed and then lost to another)."""
    server = subprocess.Popen(
        [sys.executable, "-u", "-m", "http.server", "0", "--bind", "127.0.0.1"],
        cwd=site,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,  # a round closes with requests in flight: broken pipes
        text=True,
    )
    try:
        assert server.stdout is not None
        said = server.stdout.readline()  # "Serving HTTP on 127.0.0.1 port 41234 (...) ..."
        found = re.search(r" port (\d+)", said)
        if found is None:
            raise SystemExit(f"the site could not be served: {said.strip() or 'no reply'}")
        yield f"http://127.0.0.1:{found.group(1)}"
    finally:
        server.terminate()
        server.wait()


def ensure_site(root: Path, n: int, seed: int) -> None:
    if not (root / "reviews").is_dir():
        generate_library(root, n, seed)
    if not (root / "site" / "pagefind" / "pagefind.js").is_file():
        print(f"[{n}] building the site once...", file=sys.stderr)
        env = {**os.environ, "RETRO_TODAY": TODAY.isoformat(), "NO_MKDOCS_2_WARNING": "1"}
        subprocess.run(
            [str(BIN / "mkdocs"), "build", "-q", "-f", str(root / "mkdocs.yml")],
            env=env,
            check=True,
        )


def wanted_review(root: Path) -> tuple[str, str]:
    """A review in the middle of the library: its id and its title."""
    files = sorted((root / "reviews").rglob("*.md"))
    path = files[len(files) // 2]
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("title:"):
            return path.stem, line.split(":", 1)[1].strip().strip("'\"")
    raise SystemExit(f"{path} has no title line")


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


# Recorded in the page, in the clock of Playwright's request timings (ms since the epoch);
# WANTED is the selector of the wanted result.
MARKS = """
window.__retro_marks = {};
(function () {
  var m = window.__retro_marks;
  function at(name) { if (!(name in m)) m[name] = Date.now(); }
  document.addEventListener("DOMContentLoaded", function () { at("domcontentloaded"); });
  window.addEventListener("load", function () { at("load"); });
  document.addEventListener("input", function () { at("typed"); }, true);
  new MutationObserver(function () {
    if (!("box" in m) && document.getElementById("retro-search-input")) at("box");
    if (document.querySelector(".retro-search__result")) at("shown");
    if (document.querySelector(WANTED)) at("wanted shown");
    if (document.querySelector("select[data-filter]")) at("filters shown");
  }).observe(document, { childList: true, subtree: true });
})();
"""

POLL_MS = 10  # how often the script looks for the box and the result

# Before each opening the script waits for the machine to be at rest: the last opening's
# browser context is still being torn down for about 0.1 s after it closes, on one of the two
# cores (measured from /proc/stat), and an opening started at once shared the cores with it.
# At rest: two slices of REST_SLICE seconds in a row with the cores at most REST_BUSY busy;
# the wait gives up after REST_LIMIT seconds (a machine that is never at rest is measured as
# it is, and the load column says so).
REST_SLICE = 0.05
REST_BUSY = 0.15
REST_LIMIT = 3.0

# What a request to the index is, by its address: the phases of the breakdown.
KINDS = (
    ("pagefind.js", "pagefind.js"),
    ("pagefind-worker.js", "worker script"),
    ("pagefind-entry.json", "entry"),
    (".pf_meta", "meta"),
    ("wasm.", "wasm"),
    ("/index/", "index chunks"),
    ("/filter/", "filter chunks"),
    ("/fragment/", "fragments"),
)


def cpu_times() -> tuple[int, int] | None:
    """(busy, total) jiffies of all cores since boot, from /proc/stat; None elsewhere."""
    try:
        with open("/proc/stat", encoding="ascii") as stat:
            values = [int(v) for v in stat.readline().split()[1:]]
    except (OSError, ValueError):
        return None
    idle = values[3] + (values[4] if len(values) > 4 else 0)  # idle and waiting for I/O
    return sum(values) - idle, sum(values)


def at_rest() -> float:
    """Wait until the machine is at rest (see REST_SLICE): seconds waited. Without
    /proc/stat, a pause of REST_SLICE * 4."""
    start = time.monotonic()
    quiet = 0
    while quiet < 2 and time.monotonic() - start < REST_LIMIT:
        before = cpu_times()
        time.sleep(REST_SLICE)
        after = cpu_times()
        if before is None or after is None:
            time.sleep(REST_SLICE * 3)
            break
        busy, total = after[0] - before[0], after[1] - before[1]
        quiet = quiet + 1 if busy <= REST_BUSY * max(total, 1) else 0
    return time.monotonic() - start


def request_kind(address: str) -> str | None:
    for needle, kind in KINDS:
        if needle in address:
            return kind
    return None


def wanted_result(review_id: str) -> str:
    """The selector of the wanted review's link among the results."""
    return f".retro-search__result[href*='{review_id}']"


def search_from_home(page: Any, url: str, title: str, wanted: str) -> float:
    """Open the home page, put ``title`` in the search box, wait for ``wanted``: seconds."""
    start = time.perf_counter()
    page.goto(url + "/", wait_until="commit")
    appeared(page, "document.getElementById('retro-search-input')", 30000)
    page.locator("#retro-search-input").fill(title)
    appeared(page, f"document.querySelector({json.dumps(wanted)})", 60000)
    return time.perf_counter() - start


def timed_round(browser: Any, url: str, review_id: str, title: str) -> float:
    """Seconds from opening the home page to the wanted result, with nothing else watched."""
    context = browser.new_context()
    try:
        return search_from_home(context.new_page(), url, title, wanted_result(review_id))
    finally:
        context.close()


def watched_round(browser: Any, url: str, review_id: str, title: str) -> dict[str, Any]:
    """Seconds from opening the home page to the wanted result, bytes fetched from the index,
    requests that left the machine (there must be none) and when each phase ended."""
    context = browser.new_context()
    wanted = wanted_result(review_id)
    context.add_init_script(MARKS.replace("WANTED", json.dumps(wanted)))
    page = context.new_page()
    fetched = [0]
    outside: list[str] = []
    finished: list[Any] = []

    def watch(request: Any) -> None:
        if not request.url.startswith((url, "data:", "blob:")):
            outside.append(request.url)

    def count(response: Any) -> None:
        if "/pagefind/" in response.url:
            fetched[0] += int(response.headers.get("content-length") or 0)

    context.on("request", watch)
    page.on("response", count)
    context.on("requestfinished", lambda request: finished.append(request))
    try:
        epoch = time.time() * 1000
        seconds = search_from_home(page, url, title, wanted)
        marks = page.evaluate("window.__retro_marks")
        phases = phase_times(epoch, marks, finished, url)
    finally:
        context.close()
    return {"seconds": seconds, "fetched": fetched[0], "outside": outside, "phases": phases}


def appeared(page: Any, expression: str, timeout: int) -> None:
    """Wait until ``expression`` is true in the page, asking every 10 ms. (A locator's wait
    asks less and less often, up to every half second, which added as much to the time
    measured: the result was in the page 0.4 s before such a wait saw it.)"""
    page.wait_for_function(f"() => !!({expression})", polling=POLL_MS, timeout=timeout)


def phase_times(
    epoch: float, marks: dict[str, float], finished: list[Any], url: str
) -> dict[str, float]:
    """Milliseconds from opening the page to the end of each phase (the first request of a
    kind's start too, for the index's chunks and fragments)."""
    phases = {name: at - epoch for name, at in marks.items()}
    for request in finished:
        timing = request.timing
        begin = timing["startTime"] - epoch
        end = begin + max(timing["responseEnd"], 0)
        if request.url.rstrip("/") == url:
            phases["home page"] = end
            continue
        kind = request_kind(request.url)
        if kind is None:
            continue
        phases[kind] = max(phases.get(kind, 0.0), end)
        first = kind + " (first asked)"
        phases[first] = min(phases.get(first, begin), begin)
    return phases


def measure(roots: Sequence[Path], rounds: int) -> list[dict[str, Any]]:
    """Measure each library's site, the same query in each, taking turns within a round (in
    reverse order every other round, so that a machine whose speed drifts weighs on all):
    a timed and a watched opening of the page for each, in turns as well."""
    from playwright.sync_api import sync_playwright

    review_id, title = wanted_review(roots[0])
    timed: list[list[float]] = [[] for _ in roots]
    found: list[list[dict[str, Any]]] = [[] for _ in roots]
    loads: list[float] = []
    # Every server started is stopped, even when a later one fails to start.
    with contextlib.ExitStack() as stack, sync_playwright() as p:
        urls = [stack.enter_context(serving(root / "site")) for root in roots]
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        try:
            for turn in range(rounds):
                order = list(range(len(roots)))[:: -1 if turn % 2 else 1]
                waited = 0.0
                for i in order:
                    for watched in (False, True)[:: -1 if turn % 2 else 1]:
                        waited += at_rest()
                        if watched:
                            found[i].append(watched_round(browser, urls[i], review_id, title))
                        else:
                            timed[i].append(timed_round(browser, urls[i], review_id, title))
                loads.append(os.getloadavg()[0])
                times = ", ".join(
                    f"{t[-1]:.3f} s (watched {f[-1]['seconds']:.3f} s)"
                    for t, f in zip(timed, found, strict=True)
                )
                rest = f"{waited:.2f} s waited for the machine at rest"
                print(f"  round {turn + 1}: {times}; {rest}", file=sys.stderr)
        finally:
            browser.close()
    return [
        summary(root, times, done, title, loads)
        for root, times, done in zip(roots, timed, found, strict=True)
    ]


def summary(
    root: Path, times: list[float], rounds: list[dict[str, Any]], title: str, loads: list[float]
) -> dict[str, Any]:
    phases = [r["phases"] for r in rounds]
    return {
        "median": statistics.median(times),
        "min": min(times),
        "max": max(times),
        "times": times,
        "watched": statistics.median(r["seconds"] for r in rounds),
        "index": folder_bytes(root / "site" / "pagefind"),
        "fetched": statistics.median(r["fetched"] for r in rounds),
        "outside": [u for r in rounds for u in r["outside"]],
        "query": title,
        "phases": median_phases(phases),
        "in page": statistics.median(p["wanted shown"] for p in phases) / 1000,
        "after typing": statistics.median(p["wanted shown"] - p["typed"] for p in phases) / 1000,
        "loads": (min(loads), max(loads)),
        "rounds": rounds,
    }


def ratios(this: dict[str, Any], other: dict[str, Any]) -> tuple[list[float], list[float]]:
    """Each round's ratio, this site over the other: the whole time (timed rounds), and the
    search's share (watched rounds)."""
    whole = [a / b for a, b in zip(this["times"], other["times"], strict=True)]
    pairs = list(zip(this["rounds"], other["rounds"], strict=True))
    share = [
        (a["phases"]["wanted shown"] - a["phases"]["typed"])
        / (b["phases"]["wanted shown"] - b["phases"]["typed"])
        for a, b in pairs
    ]
    return whole, share


def median_phases(rounds: list[dict[str, float]]) -> list[tuple[str, float]]:
    """Each phase's median end over the rounds that had it, in the order they end."""
    names = {name for phases in rounds for name in phases}
    found = [(n, statistics.median([p[n] for p in rounds if n in p])) for n in names]
    return sorted(found, key=lambda item: item[1])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,5000", help="comma-separated numbers of reviews")
    parser.add_argument("--rounds", type=int, default=5, help="rounds per size (default 5)")
    parser.add_argument("--seed", type=int, default=20260601, help="seed of the generator")
    parser.add_argument("--out", type=Path, default=OUT, help="where the libraries are")
    parser.add_argument(
        "--against",
        type=Path,
        help="a folder of libraries built by another version (DIR/lib-N/site), measured in"
        " the same rounds, taking turns",
    )
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    rows: list[tuple[int, dict[str, Any]]] = []
    for n in sizes:
        root = args.out / f"lib-{n}"
        ensure_site(root, n, args.seed)
        roots = [root]
        if args.against is not None:
            roots.append(args.against / f"lib-{n}")
            if not (roots[1] / "site" / "pagefind" / "pagefind.js").is_file():
                raise SystemExit(f"{roots[1]} has no built site with a search index")
        print(f"[{n}] {args.rounds} rounds in Chromium...", file=sys.stderr)
        measured = measure(roots, args.rounds)
        rows.append((n, measured[0]))
        if len(measured) > 1:
            rows.append((n, {**measured[1], "against": roots[1], "this": measured[0]}))
    print("\nSearch: opening the home page to the wanted review in the results (Chromium)")
    print(
        f"{'reviews':>8} {'median':>8} {'fastest':>8} {'slowest':>8} {'watched':>8} {'in page':>8} "
        f"{'typed→':>8} {'index':>9} {'fetched':>9} {'load':>9}"
    )
    for n, found in rows:
        print(
            f"{n:>8} {found['median']:>7.3f}s {found['min']:>7.3f}s {found['max']:>7.3f}s "
            f"{found['watched']:>7.3f}s {found['in page']:>7.3f}s {found['after typing']:>7.3f}s "
            f"{found['index'] / 1e6:>7.1f}MB {found['fetched'] / 1e3:>7.0f}kB "
            f"{found['loads'][0]:>4.1f}-{found['loads'][1]:<4.1f}"
        )
        if "against" in found:
            whole, share = ratios(found["this"], found)
            print(f"  ^ {found['against']}, in the same rounds; per round, {n} over it:")
            print(f"    whole time: median {statistics.median(whole):.2f} ({listed(whole)})")
            print(f"    typed→:     median {statistics.median(share):.2f} ({listed(share)})")
        print("  where the time goes (median ms from opening the page, in the order reached):")
        for name, ms in found["phases"]:
            print(f"    {ms:>7.0f}  {name}")
        if found["outside"]:
            print(f"  requests outside the site: {sorted(set(found['outside']))}")
    print(
        f"\nMedian of {args.rounds} rounds, each in a fresh browser context, each round a timed"
        " and a watched opening of the page. median, fastest, slowest: the timed openings, as"
        " this script sees the result (it looks every 10 ms, and watches nothing else);"
        " watched: the median of the watched openings (every request reported to this script,"
        " the page's times recorded), which give the rest: in page: when the result entered"
        " the page (its own clock); typed→: from the query in the box to the result in the"
        " page (the search's own share: the rest is the page load and Playwright typing); the"
        " bytes fetched and where the time goes. load: the load average after each round,"
        " lowest-highest."
    )
    return 0


def listed(values: list[float]) -> str:
    return ", ".join(f"{v:.2f}" for v in values)


if __name__ == "__main__":
    sys.exit(main())
