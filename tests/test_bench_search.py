"""bench/bench_search.py: a small run in Chromium prints the figures, where the time goes and,
with --against, each round's ratio to another build."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from benchrun import bench_module, run_bench
from test_browser import _need_chromium

pytestmark = [pytest.mark.slow, pytest.mark.browser]


def test_a_small_run_against_the_same_build_prints_figures_phases_and_ratios(
    tmp_path: Path,
) -> None:
    _need_chromium()
    # Against the same build: a ratio near 1, and the option's whole path.
    done = run_bench(
        "bench_search.py",
        *("--sizes", "30", "--rounds", "2", "--out", str(tmp_path), "--against", str(tmp_path)),
        timeout=600,
    )
    out = done.stdout
    # A figures row: the size, then seconds ("30   0.943s ..."); a phase line may also start
    # with 30 (30 ms).
    rows = [line.split() for line in out.splitlines() if re.match(r"\s*30\s+\d+\.\d+s\b", line)]
    assert len(rows) == 2, out  # this build, then the other one
    # The timed openings' median, fastest and slowest, then the watched openings' median.
    assert re.search(r"median\s+fastest\s+slowest\s+watched\s+in page", out), out
    assert all(len(row) == 10 and row[4].endswith("s") for row in rows), rows
    assert re.search(r"round 1: \d+\.\d+ s \(watched \d+\.\d+ s\)", done.stderr), done.stderr
    # Each of a round's two openings waited for the machine at rest: two quiet slices at least.
    bench = bench_module("bench_search")
    said = re.findall(r"([\d.]+) s waited for the machine at rest", done.stderr)
    waits = [float(w) for w in said]
    assert len(waits) == 2 and all(w >= 2 * 2 * bench.REST_SLICE - 0.01 for w in waits), done.stderr
    for phase in ("domcontentloaded", "typed", "index chunks", "fragments", "wanted shown"):
        # A line of the breakdown: milliseconds, then the phase (the headers hold some words).
        assert re.search(rf"^\s+\d+\s+{phase}$", out, re.M), (phase, out)
    assert "whole time: median" in out and "typed→:     median" in out, out
    assert "requests outside the site" not in out, out


def test_each_opening_waits_for_the_machine_at_rest_and_gives_up_on_a_busy_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The wait before an opening ends after two quiet slices in a row, not on one, and ends
    at its limit on a machine that is never quiet."""
    bench = bench_module("bench_search")
    monkeypatch.setattr(bench, "REST_SLICE", 0.001)
    # Jiffies (busy, total) read before and after each slice: busy, quiet, busy, quiet, quiet.
    busy_after = iter([90, 5, 90, 5, 5])
    readings: list[tuple[int, int]] = []

    def fake() -> tuple[int, int]:
        if len(readings) % 2 == 0:
            readings.append((0, 0))
        else:
            readings.append((next(busy_after), 100))
        return readings[-1]

    monkeypatch.setattr(bench, "cpu_times", fake)
    bench.at_rest()
    assert len(readings) == 10  # five slices: it stopped after the two quiet ones in a row

    ticks = iter(range(0, 10**9, 100))  # every slice all busy: busy and total grow alike
    monkeypatch.setattr(bench, "cpu_times", lambda: (next(ticks),) * 2)
    monkeypatch.setattr(bench, "REST_LIMIT", 0.05)
    waited = bench.at_rest()
    assert 0.05 <= waited < 1.0
