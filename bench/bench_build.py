"""Benchmark the learning library: site build time and size, and `retro check` time.

For each size N it generates a synthetic library of N reviews in the real format (valid and
complete: several years of dates, every kind and severity, areas, tags, contributing factors,
checklist changes that add, reword and remove earlier items, action items, timelines, and
bodies with the kind's template headings), then prints side by side:

  (a) `mkdocs build` of the full library with the retro plugin (every generated page),
  (b) a bare Material build of the same review files as plain pages, with no navigation,
  a/b (the issue asks for at most 1.5 at 1,000 and at 5,000 reviews),
  (c) `retro check` on the same library, in-process (`run_check`) and through the CLI,
  (d) reading every file and parsing its front matter alone (the floor for any checker),
  c/d.

Run from the repository root:

    .venv/bin/python bench/bench_build.py --quick          # 200 reviews, a minute or so
    .venv/bin/python bench/bench_build.py                  # 1,000 and 5,000 reviews
    .venv/bin/python bench/bench_build.py --sizes 1000 --repeat 3

The libraries are written to bench/out/ (git-ignored) and kept, so a build can be rerun by
hand: `cd bench/out/lib-1000 && mkdocs build`.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "bench" / "out"
BIN = Path(sys.executable).parent
TODAY = date(2026, 6, 1)  # RETRO_TODAY for every run, so overdue items are reproducible
FIRST_DAY = date(2021, 6, 1)

# ----------------------------------------------------------------------------- vocabulary

KINDS = ("incident", "customer-mistake", "near-miss")
SEVERITIES = (("low", 40), ("medium", 35), ("high", 20), ("critical", 5))
AREAS = (
    "checkout",
    "billing",
    "warehouse",
    "support",
    "podcast",
    "newsletter",
    "reporting",
    "platform",
    "payments",
    "editorial",
    "logistics",
    "mobile-app",
    "search",
    "accounts",
)
TAGS = (
    "config",
    "deploy",
    "checklist",
    "handoff",
    "monitoring",
    "communication",
    "templates",
    "publishing",
    "data",
    "access",
    "timezone",
    "vendor",
    "capacity",
    "rollback",
    "testing",
    "documentation",
    "scheduling",
    "pricing",
)
FACTORS = (
    "Manual step without a checklist",
    "No second-person check before publishing",
    "Config change not validated outside production",
    "Handoff without a named owner",
    "Time pressure before a deadline",
    "Look-alike items stored side by side",
    "Previous work copied as a starting template",
    "Monitoring watched only one service",
    "Alert routed to a shared inbox",
    "Runbook out of date",
    "Test data resembled real data",
    "Vendor change announced by email only",
    "Two tools with different time zones",
    "No rollback in one step",
    "Dashboard showed averages that hid the spike",
    "New process started without a trial run",
    "Access granted broadly for convenience",
    "Cut-off time not written down",
    "Retries without a limit",
    "Ownership of the job unclear after a re-organisation",
)
SUBJECTS = (
    "Checkout API",
    "Monthly billing run",
    "Order picking",
    "Support queue",
    "Podcast episode",
    "Newsletter send",
    "Sales export",
    "Payment gateway",
    "Search index",
    "Mobile app release",
    "Password reset email",
    "Warehouse label printer",
    "Price list update",
    "Delivery slots",
)
PROBLEMS = (
    "returned errors after a config change",
    "sent duplicate messages",
    "skipped one region",
    "showed last week's content",
    "charged the wrong amount",
    "stopped without an alert",
    "went out with a broken link",
    "was delayed by a day",
    "used the test settings",
    "lost part of its data",
)
CHECKLISTS = (
    "Deploy checklist",
    "Episode publishing checklist",
    "Newsletter send checklist",
    "Pick and pack checklist",
    "Billing run procedure",
    "Escalation handling procedure",
    "Month-end reporting checklist",
)
STEP_VERBS = ("Confirm", "Compare", "Check", "Review", "Record", "Announce", "Test", "Verify")
STEP_OBJECTS = (
    "the settings against the staging copy",
    "the totals with the source system",
    "the recipient list with its owner",
    "the rollback command before starting",
    "that the alert reaches the on-call phone",
    "every link in the preview",
    "the time zone of each scheduled job",
    "the label against the packing slip",
    "the change window with support",
    "the vendor's release notes",
)
OWNERS = (
    "Platform team",
    "Support lead",
    "Warehouse team",
    "Editorial lead",
    "Finance operations",
    "Podcast production team",
    "Data team",
    "Mobile team",
)
PARAGRAPHS = (
    "The team followed the procedure as it was written at the time, and each step made sense "
    "with the information on screen. The gap was in what the procedure did not ask for.",
    "Two systems described the same thing in different words, so a check that passed in one "
    "place did not mean the same in the other. Nothing on the screen showed the difference.",
    "The work happened in a busy week with several releases at once. The usual second look "
    "was skipped by design, because the procedure marked it as optional for small changes.",
    "Customers noticed before our dashboards did, because the dashboards showed averages over "
    "an hour and the problem affected a small share of requests at first.",
    "Once the cause was clear, the fix took minutes; most of the time went into finding out "
    "which orders, messages or records were affected and telling the people concerned.",
    "The same pattern appears in earlier reviews, which is why the checklist now carries the "
    "step instead of relying on memory of the last time.",
)


# ----------------------------------------------------------------------------- generator


@dataclass
class Draft:
    """One review before its checklist changes are decided (they depend on the order)."""

    day: date
    review_id: str
    title: str
    kind: str
    severity: str


def slugify(text: str) -> str:
    out = "".join(c if c.isascii() and c.isalnum() else "-" for c in text.lower())
    return "-".join(part for part in out.split("-") if part)


def plan_reviews(n: int, rng: random.Random) -> list[Draft]:
    span = (TODAY - timedelta(days=1) - FIRST_DAY).days
    weights = [w for _, w in SEVERITIES]
    drafts = []
    for number in range(1, n + 1):
        day = FIRST_DAY + timedelta(days=rng.randrange(span))
        title = f"{rng.choice(SUBJECTS)} {rng.choice(PROBLEMS)}, case {number}"
        drafts.append(
            Draft(
                day=day,
                review_id=f"{day.isoformat()}-{slugify(title)}",
                title=title,
                kind=rng.choice(KINDS),
                severity=rng.choices([s for s, _ in SEVERITIES], weights)[0],
            )
        )
    # Checklist changes replay in (date, id) order, the order retro uses.
    return sorted(drafts, key=lambda d: (d.day, d.review_id))


def iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def checklist_changes(
    rng: random.Random, state: dict[str, list[str]], counter: list[int]
) -> list[dict[str, str]]:
    """1-3 changes; a reword or remove names an item the checklist holds at that date."""
    changes = []
    for _ in range(rng.randint(1, 3)):
        name = rng.choice(CHECKLISTS)
        items = state.setdefault(name, [])
        change = rng.choices(("add", "reword", "remove"), (6, 2, 1))[0] if items else "add"
        counter[0] += 1
        new_text = f"{rng.choice(STEP_VERBS)} {rng.choice(STEP_OBJECTS)} (step {counter[0]})"
        if change == "add":
            items.append(new_text)
            changes.append({"checklist": name, "change": "add", "item": new_text})
        elif change == "reword":
            index = rng.randrange(len(items))
            was, items[index] = items[index], new_text
            changes.append({"checklist": name, "change": "reword", "item": new_text, "was": was})
        else:
            removed = items.pop(rng.randrange(len(items)))
            changes.append({"checklist": name, "change": "remove", "item": removed})
    return changes


def front_matter(
    draft: Draft,
    rng: random.Random,
    state: dict[str, list[str]],
    counter: list[int],
    earlier: Sequence[str],
) -> dict[str, object]:
    started = datetime(
        draft.day.year,
        draft.day.month,
        draft.day.day,
        rng.randrange(6, 18),
        rng.randrange(60),
        tzinfo=UTC,
    )
    detected = started + timedelta(minutes=rng.choice((5, 20, 45, 90, 240, 600, 1500)))
    resolved = detected + timedelta(minutes=rng.choice((30, 60, 180, 400, 1440, 2880)))
    customers = rng.choice((0, 3, 12, 40, 150, 1200))
    meta: dict[str, object] = {
        "title": draft.title,
        "date": draft.day,
        "status": "published",
        "kind": draft.kind,
        "severity": draft.severity,
        "visibility": "public" if rng.random() < 0.7 else "internal",
        "authors": [rng.choice(OWNERS)],
        "areas": rng.sample(AREAS, rng.randint(1, 3)),
        "tags": rng.sample(TAGS, rng.randint(1, 4)),
        "what_went_wrong": f"{draft.title}; it affected {customers} customers before it "
        "was noticed.",
        "impact": {
            "summary": f"{customers} customers saw the problem; some had to contact support.",
            "customers_affected": customers,
            "cost": f"About {rng.randint(1, 40)} hours of work",
        },
    }
    if rng.random() < 0.85:  # some reviews leave the timeline out
        meta["timeline"] = {
            "started": iso(started),
            "detected": iso(detected),
            "resolved": iso(resolved),
        }
    meta["root_cause"] = (
        f"The {rng.choice(CHECKLISTS).lower()} had no step for this case, and "
        f"{rng.choice(FACTORS).lower()}."
    )
    meta["contributing_factors"] = rng.sample(FACTORS, rng.randint(1, 4))
    if draft.kind == "customer-mistake":
        meta["customer_response"] = {
            "acknowledged": detected.date(),
            "apology": "We told each affected customer what happened and said sorry.",
            "remedy": "We corrected every affected order and refunded the difference.",
            "goodwill": "A voucher for the next order.",
        }
    meta["checklist_changes"] = checklist_changes(rng, state, counter)
    actions = []
    for index in range(rng.randint(1, 3)):
        due = draft.day + timedelta(days=rng.choice((14, 30, 60, 90)))
        actions.append(
            {
                "action": f"{rng.choice(STEP_VERBS)} {rng.choice(STEP_OBJECTS)} in the tooling "
                f"(item {index + 1})",
                "owner": rng.choice(OWNERS),
                "due": due,
                "status": "done"
                if due < TODAY - timedelta(days=120) or rng.random() < 0.5
                else "open",
            }
        )
    meta["action_items"] = actions
    meta["lessons"] = [
        "A step that lives in one person's memory is skipped on a busy day.",
        f"Checks on {rng.choice(AREAS)} need the same care as the change itself.",
    ]
    if earlier and rng.random() < 0.3:
        meta["related"] = rng.sample(list(earlier[-50:]), 1)
    return meta


def body(headings: Sequence[str], rng: random.Random) -> str:
    parts = []
    for heading in headings:
        paragraphs = rng.sample(PARAGRAPHS, rng.randint(1, 3))
        parts.append(f"## {heading}\n\n" + "\n\n".join(paragraphs) + "\n")
    return "\n".join(parts)


def generate_library(root: Path, n: int, seed: int) -> None:
    """Write a project with ``n`` reviews into ``root`` (replacing what was there)."""
    from retro_reviews.config import load_config
    from retro_reviews.templates import template_sections

    if root.exists():
        shutil.rmtree(root)
    (root / "docs").mkdir(parents=True)
    shutil.copytree(REPO / "templates", root / "templates")
    (root / "mkdocs.yml").write_text(LIBRARY_MKDOCS, encoding="utf-8")
    config = load_config(root)
    headings = {kind: template_sections(config, kind) or () for kind in KINDS}
    rng = random.Random(seed)
    state: dict[str, list[str]] = {}
    counter = [0]
    earlier: list[str] = []
    for draft in plan_reviews(n, rng):
        meta = front_matter(draft, rng, state, counter, earlier)
        text = (
            "---\n"
            + yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=100)
            + "---\n\n"
            + body(headings[draft.kind], rng)
        )
        path = root / "reviews" / str(draft.day.year) / f"{draft.review_id}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        earlier.append(draft.review_id)


LIBRARY_MKDOCS = """\
site_name: Bench library
docs_dir: docs
validation:
  nav:
    omitted_files: info
theme:
  name: material
  font: false
plugins:
  - search
  - retro:
      show_status: [published]
markdown_extensions:
  - tables
"""


def bare_mkdocs(reviews: Path, first_page: str) -> str:
    """Material over the review files alone; the nav names one page, so no page lists all."""
    return (
        "site_name: Bench bare\n"
        f"docs_dir: {json.dumps(str(reviews))}\n"
        f"nav:\n  - Reviews: {json.dumps(first_page)}\n"
        "validation:\n  nav:\n    omitted_files: info\n"
        "theme:\n  name: material\n  font: false\n"
        "plugins:\n  - search\n"
    )


# ----------------------------------------------------------------------------- measuring


@dataclass
class Build:
    seconds: float | None
    bytes: int
    files: int
    note: str = ""
    peak: int = 0  # the highest peak memory of its rounds, bytes
    median: float | None = None  # the median time of its rounds


def folder_size(folder: Path) -> tuple[int, int]:
    sizes = [p.stat().st_size for p in folder.rglob("*") if p.is_file()]
    return sum(sizes), len(sizes)


PEAKS: dict[Path, list[int]] = {}
"""Config file -> peak resident memory (bytes) of each of its builds."""


def build_once(config_file: Path, site: Path, env: dict[str, str]) -> tuple[float | None, str]:
    """One ``mkdocs build`` into an empty ``site``: its wall-clock time, or why it failed.
    Its peak memory (the largest resident size of the build or of any process it waited
    for, such as Pagefind's indexer) goes to :data:`PEAKS`."""
    if site.exists():
        shutil.rmtree(site)
    start = time.perf_counter()
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(
            [str(BIN / "mkdocs"), "build", "-q", "-f", str(config_file), "-d", str(site)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=errors,
        )
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        errors.seek(0)
        stderr = errors.read().decode("utf-8", "replace")
    PEAKS.setdefault(config_file, []).append(usage.ru_maxrss * 1024)  # KiB on Linux
    if process.returncode != 0:
        return None, "build failed: " + (stderr.strip().splitlines() or ["(no output)"])[-1]
    return elapsed, ""


def run_builds(
    builds: Sequence[tuple[Path, Path] | None], env: dict[str, str], repeat: int
) -> tuple[list[Build], list[float]]:
    """Each build ``repeat`` times, taking turns (a, b, a, b, …) so that both see the same
    machine when its speed drifts. The best time of each, and the ratio a/b of each round
    (when both ran). ``None`` is a build not to run."""
    times: list[list[float]] = [[] for _ in builds]
    notes = ["" for _ in builds]
    ratios: list[float] = []
    for _ in range(repeat):
        for index, build in enumerate(builds):
            if build is None or notes[index]:
                continue
            seconds, notes[index] = build_once(build[0], build[1], env)
            if seconds is not None:
                times[index].append(seconds)
        if len(builds) == 2 and all(len(t) == len(ratios) + 1 for t in times):
            ratios.append(times[0][-1] / times[1][-1])
    results = []
    for build, seconds, note in zip(builds, times, notes, strict=True):
        if build is None or note or not seconds:
            results.append(Build(None, 0, 0, note))
            continue
        size, files = folder_size(build[1])
        peak = max(PEAKS.get(build[0], [0]))
        results.append(Build(min(seconds), size, files, peak=peak, median=median(seconds)))
    return results, ratios


def median(values: Sequence[float]) -> float | None:
    ordered = sorted(values)
    if not ordered:
        return None
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def plugin_available() -> str:
    """Empty when the retro MkDocs plugin is importable, else why not."""
    try:
        from retro_reviews.mkdocs_plugin.plugin import RetroPlugin  # noqa: F401
    except Exception as exc:  # any import problem means: no library build
        return f"the retro MkDocs plugin is not importable ({type(exc).__name__}: {exc})"
    return ""


def best_of(repeat: int, work: Callable[[], object], *, warm_up: bool = False) -> float:
    """The shortest of ``repeat`` runs; ``warm_up`` runs once untimed first (imports, caches)."""
    if warm_up:
        work()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def parse_front_matter_only(reviews: Path) -> int:
    """The floor: read each file, split off the front matter, parse it with libyaml."""
    from retro_reviews.load import split_front_matter

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    count = 0
    for path in sorted(reviews.rglob("*.md")):
        split = split_front_matter(path.read_text(encoding="utf-8"))
        if split is not None:
            yaml.load(split[0], Loader=loader)  # noqa: S506 - a safe loader
            count += 1
    return count


@dataclass
class Check:
    in_process: float
    cli: float
    floor: float
    findings: str


def measure_check(root: Path, env: dict[str, str], repeat: int) -> Check:
    from retro_reviews.check import run_check
    from retro_reviews.config import load_config

    result = None

    def check() -> None:
        nonlocal result
        result = run_check(load_config(root), today=TODAY)

    in_process = best_of(repeat, check, warm_up=True)
    assert result is not None
    findings = f"exit {result.exit_code}, {result.errors} errors, {result.warnings} warnings"
    cli_exit: list[int] = []

    def cli() -> None:
        done = subprocess.run(
            [str(BIN / "retro"), "check"], cwd=root, env=env, capture_output=True, text=True
        )
        cli_exit.append(done.returncode)

    cli_time = best_of(repeat, cli)
    if cli_exit and cli_exit[-1] != result.exit_code:
        findings += f"; CLI exit {cli_exit[-1]}"
    floor = best_of(repeat, lambda: parse_front_matter_only(root / "reviews"), warm_up=True)
    return Check(in_process, cli_time, floor, findings)


# ----------------------------------------------------------------------------- report


def mb(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def secs(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f} s"


def ratio(a: float | None, b: float | None) -> str:
    return "-" if a is None or not b else f"{a / b:.2f}x"


def print_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    line = "  ".join(
        h.ljust(w) if i == 0 else h.rjust(w)
        for i, (h, w) in enumerate(zip(header, widths, strict=True))
    )
    print(line)
    print("-" * len(line))
    for row in rows:
        print(
            "  ".join(
                c.ljust(w) if i == 0 else c.rjust(w)
                for i, (c, w) in enumerate(zip(row, widths, strict=True))
            )
        )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,5000", help="comma-separated numbers of reviews")
    parser.add_argument("--quick", action="store_true", help="one small library of 200 reviews")
    parser.add_argument(
        "--repeat", type=int, default=5, help="rounds of builds and runs per timing (default 5)"
    )
    parser.add_argument("--seed", type=int, default=20260601, help="seed of the generator")
    parser.add_argument("--out", type=Path, default=OUT, help="where libraries are written")
    parser.add_argument("--builds-only", action="store_true", help="skip the check timings")
    args = parser.parse_args(argv)
    try:
        sizes = [200] if args.quick else [int(s) for s in args.sizes.split(",") if s.strip()]
    except ValueError:
        parser.error(f"--sizes must be numbers separated by commas, not {args.sizes!r}")
    if not sizes or min(sizes) < 1 or args.repeat < 1:
        parser.error("sizes and --repeat must be at least 1")

    env = {**os.environ, "RETRO_TODAY": TODAY.isoformat(), "NO_MKDOCS_2_WARNING": "1"}
    env.pop("RETRO_PUBLIC", None)
    # As installed, with bytecode cached (pip writes it); with PYTHONDONTWRITEBYTECODE=1 set
    # here, every build of a changed working tree would compile the package again.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    missing_plugin = plugin_available()
    site_rows, check_rows = [], []
    for n in sizes:
        root = args.out / f"lib-{n}"
        start = time.perf_counter()
        generate_library(root, n, args.seed)
        print(
            f"[{n}] generated {n} reviews in {root} ({time.perf_counter() - start:.1f} s)",
            file=sys.stderr,
        )
        reviews = root / "reviews"
        first = sorted(p.relative_to(reviews).as_posix() for p in reviews.rglob("*.md"))[0]
        bare_dir = args.out / f"bare-{n}"
        bare_dir.mkdir(parents=True, exist_ok=True)
        (bare_dir / "mkdocs.yml").write_text(bare_mkdocs(reviews, first), encoding="utf-8")
        print(f"[{n}] library and bare builds, {args.repeat} round(s)...", file=sys.stderr)
        (library, bare), rounds = run_builds(
            [
                None if missing_plugin else (root / "mkdocs.yml", root / "site"),
                (bare_dir / "mkdocs.yml", bare_dir / "site"),
            ],
            env,
            args.repeat,
        )
        if missing_plugin:
            library = Build(None, 0, 0, missing_plugin)
        for turn, value in enumerate(rounds, start=1):
            print(f"[{n}]   round {turn}: a/b {value:.2f}", file=sys.stderr)
        print(
            f"[{n}] median build: (a) {secs(library.median)}, (b) {secs(bare.median)}; "
            f"load {os.getloadavg()[0]:.1f}",
            file=sys.stderr,
        )
        site_rows.append(
            [
                str(n),
                secs(library.seconds),
                mb(library.bytes),
                str(library.files),
                secs(bare.seconds),
                mb(bare.bytes),
                str(bare.files),
                ratio(library.seconds, bare.seconds),
                ratio(median(rounds), 1.0),
                ratio(library.bytes or None, bare.bytes),
                mb(library.peak),
                mb(bare.peak),
            ]
        )
        for note in (library.note, bare.note):
            if note:
                print(f"[{n}] {note}", file=sys.stderr)
        if args.builds_only:
            continue
        print(f"[{n}] retro check and the front-matter floor...", file=sys.stderr)
        check = measure_check(root, env, args.repeat)
        check_rows.append(
            [
                str(n),
                secs(check.in_process),
                secs(check.cli),
                secs(check.floor),
                ratio(check.in_process, check.floor),
                ratio(check.cli, check.floor),
                check.findings,
            ]
        )

    print()
    print("Site build: (a) library with the retro plugin, (b) bare Material, same review files")
    print_table(
        [
            "reviews",
            "(a) time",
            "(a) size",
            "(a) files",
            "(b) time",
            "(b) size",
            "(b) files",
            "a/b time",
            "a/b median",
            "a/b size",
            "(a) peak",
            "(b) peak",
        ],
        site_rows,
    )
    if missing_plugin:
        print(f"\n(a) not run: {missing_plugin}.")
    if check_rows:
        print("\nChecking: (c) retro check, (d) read and parse every file's front matter (floor)")
        print_table(
            ["reviews", "(c) in-process", "(c) CLI", "(d) floor", "c/d", "CLI/d", "check result"],
            check_rows,
        )
    print(
        f"\nBuilds: best of {args.repeat} round(s), library and bare taking turns; 'a/b time'"
        " divides the best times, 'a/b median' is the median of each round's ratio; 'peak' is"
        " the highest resident memory of one process of a build (the indexer included)."
        f"\nLoad average when done: {os.getloadavg()[0]:.1f} ({os.cpu_count()} cores)."
        f"\nChecks: best of {args.repeat} run(s). RETRO_TODAY={TODAY}; seed {args.seed}."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
