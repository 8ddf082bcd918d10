"""bench/bench_build.py: a small run prints both builds side by side and the check floor."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from benchrun import run_bench

pytestmark = pytest.mark.slow


def test_a_small_benchmark_prints_both_builds_their_ratios_and_the_check_floor(
    tmp_path: Path,
) -> None:
    done = run_bench("bench_build.py", "--sizes", "30", "--repeat", "2", "--out", str(tmp_path))
    assert done.stderr.count("round 1: a/b") == 1 and "round 2: a/b" in done.stderr
    row = next(line for line in done.stdout.splitlines() if line.startswith("30 "))
    cells = row.split()
    # reviews, (a) time, size, files, (b) time, size, files, a/b time, a/b median, a/b size,
    # (a) peak, (b) peak
    assert len([c for c in cells if re.fullmatch(r"\d+\.\d\dx", c)]) == 3, row
    assert re.search(r"\d+\.\d MB +\d+\.\d MB$", row), row
    assert "a/b median" in done.stdout and "exit 0, 0 errors" in done.stdout
    assert "(a) peak" in done.stdout and "Load average" in done.stdout
    reviews = list((tmp_path / "lib-30" / "reviews").rglob("*.md"))
    assert len(reviews) == 30
    assert (tmp_path / "lib-30" / "site" / "checklists" / "index.html").is_file()
    assert (tmp_path / "lib-30" / "site" / "pagefind" / "pagefind.js").is_file()
    assert (tmp_path / "bare-30" / "site" / "search" / "search_index.json").is_file()
