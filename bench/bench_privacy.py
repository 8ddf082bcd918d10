"""Time the privacy scan on long hostile texts, at two sizes, to show it stays linear.

A quadratic slowdown once hid in the privacy scan (an unbounded look-back on a long run of
digits). ``tests/test_privacy.py`` checks that the scan reads bounded windows; the time is
measured here, since a test that asserts a duration fails on a busy machine. For each text
the script times ``find_private_data`` at half size (its first and last quarters) and at
full size, in alternating rounds,
and prints the medians and their ratio: about 2 for linear work, about 4 for quadratic.

    .venv/bin/python bench/bench_privacy.py
    .venv/bin/python bench/bench_privacy.py --rounds 7
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from retro_reviews.privacy import find_private_data  # noqa: E402
from test_privacy import HOSTILE  # noqa: E402 - the texts the test checks


def timed(text: str) -> float:
    start = time.perf_counter()
    find_private_data(text)
    return time.perf_counter() - start


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5, help="alternating rounds (>= 5)")
    args = parser.parse_args(argv)
    load_before = os.getloadavg()
    print(f"{'text':<16} {'chars':>9} {'half':>9} {'full':>9} {'full/half':>9}")
    for text in HOSTILE:
        quarter = len(text) // 4  # the start and the end kept: "https://a:", a last "@"
        half = text[:quarter] + text[-quarter:]
        times: dict[str, list[float]] = {"half": [], "full": []}
        for number in range(args.rounds):
            order = (("half", half), ("full", text))
            for name, piece in order if number % 2 else reversed(order):
                times[name].append(timed(piece))
        a, b = statistics.median(times["half"]), statistics.median(times["full"])
        print(f"{text[:12]!r:<16} {len(text):>9,} {a:>8.3f}s {b:>8.3f}s {b / a:>8.2f}x")
    load_after = os.getloadavg()
    print(
        f"\nmedian of {args.rounds} alternating rounds; load average (1, 5, 15 min) before: "
        f"{', '.join(f'{x:.2f}' for x in load_before)}; after: "
        f"{', '.join(f'{x:.2f}' for x in load_after)}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
