"""Benchmark `retro check` against the parse floor, at 1,000 and 10,000 reviews.

The floor is what any checker has to do: read every review file and parse its front matter
with libyaml. Issue 11 asks `retro check` to stay within 3x of it. For each size the script
generates a library (bench_build.py's generator: valid, complete reviews in the real format),
adds to every body a paragraph of prose full of the words the blameless rule has to look at
twice ("did not", "failed to", "error", "should have" ...), and then times, in alternating
rounds so that a change in the machine's load falls on both sides alike:

  (c) `retro check` in-process (`run_check`: load, every rule, settle the levels),
  (c') `retro check` through the CLI (a new Python process, as a user or CI runs it, with
       the package's bytecode cached as an installed package has it),
  (d) the floor: read every file and parse its front matter with libyaml (in-process).

It prints the median of each (at least five rounds), the ratios of those medians c/d and
c'/d, and the median of the ratios taken within each round (the two sides of a round ran
moments apart, so a busy machine affects both alike), with the machine's load average
before and after, since the machine may be shared.

    .venv/bin/python bench/bench_check.py                    # 1,000 and 10,000 reviews
    .venv/bin/python bench/bench_check.py --sizes 200 --rounds 5
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from bench_build import (  # noqa: E402 - the generator lives beside this script
    BIN,
    OUT,
    TODAY,
    generate_library,
    parse_front_matter_only,
    print_table,
)

# Prose of the kind real reviews hold, with the words the blameless rule reads closely.
# Written for this benchmark; none of it blames a person.
PROSE = (
    "The deploy did not finish in eu-west, and the health check failed to notice because it "
    "only tested the front page. The error rate rose to 4% before the alert fired.",
    "We did not have an alert for replication lag. The replica should have been promoted "
    "automatically, but the failover script never ran because its cron entry was missing.",
    "The on-call engineer did not have access to the billing database, so the fix waited "
    "for the data team. Nobody is to blame: the access request form was not in the runbook.",
    "Users failed to log in for 40 minutes. The cache missed on every request after the "
    "flush, and the login service could have shed load earlier with a lower threshold.",
    "The export skipped the Nordic region because the query listed regions by hand. This "
    "was not human error: the new region was added in a different file.",
    "Customers did not receive their confirmation emails. The mail provider returned an "
    "error for every message and our retry logic caused duplicate sends once it recovered.",
)


def add_prose(root: Path, seed: int) -> None:
    """Append one paragraph of candidate-laden prose to every review's body."""
    rng = random.Random(seed)
    for path in sorted((root / "reviews").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        path.write_text(text + "\n" + " ".join(rng.sample(PROSE, 2)) + "\n", encoding="utf-8")


def run_check_in_process(root: Path) -> Callable[[], str]:
    from retro_reviews.check import run_check
    from retro_reviews.config import load_config

    def check() -> str:
        result = run_check(load_config(root), today=TODAY)
        return f"exit {result.exit_code}, {result.errors} errors, {result.warnings} warnings"

    return check


def run_check_cli(root: Path) -> Callable[[], str]:
    # As installed, with the modules' bytecode cached (pip writes it when it installs a
    # package); a PYTHONDONTWRITEBYTECODE=1 in this environment would make every run compile
    # the package's source again. The untimed warm-up run writes the cache.
    env = {**os.environ, "RETRO_TODAY": TODAY.isoformat()}
    env.pop("PYTHONDONTWRITEBYTECODE", None)

    def check() -> str:
        done = subprocess.run(
            [str(BIN / "retro"), "check"], cwd=root, env=env, capture_output=True, text=True
        )
        return f"exit {done.returncode}"

    return check


def timed(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def measure(root: Path, rounds: int) -> dict[str, object]:
    in_process = run_check_in_process(root)
    cli = run_check_cli(root)
    floor = lambda: parse_front_matter_only(root / "reviews")  # noqa: E731
    result = in_process()  # warm up: imports, the file cache
    cli()  # and the CLI's bytecode cache
    floor()
    times: dict[str, list[float]] = {"check": [], "cli": [], "floor": []}
    for number in range(1, rounds + 1):
        # Alternate the order too, so neither side always runs on a warmer cache.
        order = (("check", in_process), ("cli", cli), ("floor", floor))
        for name, work in order if number % 2 else tuple(reversed(order)):
            times[name].append(timed(work))
        print(
            f"  round {number}: check {times['check'][-1]:.2f} s, CLI {times['cli'][-1]:.2f} s,"
            f" floor {times['floor'][-1]:.2f} s",
            file=sys.stderr,
        )
    medians = {name: statistics.median(v) for name, v in times.items()}
    # The ratio within each round (the two sides ran moments apart, under the same load).
    ratios = {
        f"{name}/floor": statistics.median(
            a / b for a, b in zip(times[name], times["floor"], strict=True)
        )
        for name in ("check", "cli")
    }
    return {"result": result, **medians, **ratios}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000", help="numbers of reviews, e.g. 1000")
    parser.add_argument("--rounds", type=int, default=5, help="alternating rounds (>= 5)")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")
    sizes = [int(size) for size in args.sizes.split(",") if size.strip()]
    rows = []
    load_before = os.getloadavg()
    for n in sizes:
        root = args.out / f"check-{n}"
        print(f"[{n}] generating the library in {root}...", file=sys.stderr)
        generate_library(root, n, args.seed)
        add_prose(root, args.seed)
        print(f"[{n}] {args.rounds} alternating rounds...", file=sys.stderr)
        got = measure(root, args.rounds)
        check, cli, floor = (float(got[k]) for k in ("check", "cli", "floor"))  # type: ignore[arg-type]
        rows.append(
            [
                f"{n:,}",
                f"{check:.2f} s",
                f"{cli:.2f} s",
                f"{floor:.2f} s",
                f"{check / floor:.2f}x",
                f"{cli / floor:.2f}x",
                f"{float(got['check/floor']):.2f}x",  # type: ignore[arg-type]
                f"{float(got['cli/floor']):.2f}x",  # type: ignore[arg-type]
                str(got["result"]),
            ]
        )
    load_after = os.getloadavg()
    print(f"\nretro check against the parse floor (median of {args.rounds} alternating rounds)")
    print_table(
        [
            "reviews",
            "(c) check",
            "(c') CLI",
            "(d) floor",
            "c/d",
            "c'/d",
            "c/d per round",
            "c'/d per round",
            "check result",
        ],
        rows,
    )
    print(
        f"\nload average (1, 5, 15 min) before: {', '.join(f'{x:.2f}' for x in load_before)};"
        f" after: {', '.join(f'{x:.2f}' for x in load_after)}; {os.cpu_count()} CPUs"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
