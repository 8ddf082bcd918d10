"""bench/bench_check.py: a small run prints `retro check` against the parse floor."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from benchrun import bench_module, run_bench

pytestmark = pytest.mark.slow


def test_a_small_run_prints_check_and_floor_with_their_ratios(tmp_path: Path) -> None:
    done = run_bench("bench_check.py", "--sizes", "20", "--rounds", "2", "--out", str(tmp_path))
    assert "round 1: check" in done.stderr and "round 2: check" in done.stderr
    row = next(line for line in done.stdout.splitlines() if line.startswith("20 "))
    ratios = re.findall(r"\d+\.\d\dx", row)
    assert len(ratios) == 4, row
    assert "exit 0, 0 errors" in row
    assert "load average" in done.stdout
    # every generated review got its paragraph of prose for the blameless rule to read
    reviews = list((tmp_path / "check-20" / "reviews").rglob("*.md"))
    assert len(reviews) == 20
    prose = bench_module("bench_check").PROSE
    assert all(any(p in path.read_text() for p in prose) for path in reviews)
