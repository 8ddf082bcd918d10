"""The plugin on hostile libraries: every file is shown, or left out with a warning that
names it; the build never ends in a traceback (issue: every input answered)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import review_text
from fuzz_strategies import fuzz_settings, review_files
from sitelib import build, write_library

pytestmark = pytest.mark.slow

GOOD = "2026-03-01-wrong-colour-shipped"

HOSTILE = {
    "binary": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00",
    "latin1": b"---\ntitle: caf\xe9\n---\n",
    "bomb": (
        "---\n"
        + 'a: &a ["x","x","x","x","x","x","x","x","x"]\n'
        + "".join(
            f"{n}: &{n} [" + ",".join([f"*{p}"] * 9) + "]\n"
            for p, n in zip("abcdefg", "bcdefgh", strict=True)
        )
        + "---\n"
    ).encode(),
    "deep": ("---\nx: " + "[" * 3000 + "]" * 3000 + "\n---\n").encode(),
    "dashes": ("---\nx: " + "- " * 200_000 + "\n---\n").encode(),
    "list": b"---\n- a\n- b\n---\n",
    "empty": b"",
    "unclosed": b"---\ntitle: never closed\n",
    "types": (
        b"---\ntitle: [a, list]\ndate: 2026-13-45\nstatus: {x: 1}\nkind: 7\nseverity: null\n"
        b"tags: {a: b}\naction_items: do it\ntimeline: [1, 2]\ncustomer_response: [x]\n"
        b"impact: 3\nchecklist_changes: [1, [2]]\nrelated: nope\n---\n<script>x</script>\n"
    ),
    "control": b"---\ntitle: a\x0bb\n---\n",
    "huge": b"---\ntitle: x\n---\n" + b"word " * 600_000,
}


def hostile_library(root: Path) -> Path:
    write_library(root, {GOOD: review_text(date="2026-03-01")})
    folder = root / "reviews" / "2026"
    for number, (name, data) in enumerate(HOSTILE.items(), start=10):
        (folder / f"2026-04-{number:02d}-{name}.md").write_bytes(data)
    outside = root / "outside.md"
    outside.write_text(review_text(date="2026-04-30"))
    os.symlink(outside, folder / "2026-04-30-link.md")
    return root


def test_hostile_files_are_left_out_and_named(tmp_path: Path) -> None:
    root = hostile_library(tmp_path)
    loose = build(root, strict=False)
    assert loose.returncode == 0, loose.stderr
    assert "Traceback" not in loose.stderr
    site = root / "site" / "reviews" / "2026"
    assert (site / GOOD / "index.html").is_file()
    for name in (*HOSTILE, "link"):
        assert name in loose.stderr, name  # each one is named in a warning
        assert not any(site.glob(f"*-{name}")), name
    strict = build(root)
    assert strict.returncode == 1
    assert "Traceback" not in strict.stderr
    assert "left out of the site" in strict.stderr


@fuzz_settings(default=6)
@given(files=st.lists(review_files(), min_size=1, max_size=3))
def test_plugin_answers_any_library(tmp_path_factory: pytest.TempPathFactory, files) -> None:
    root = write_library(tmp_path_factory.mktemp("fuzz"), {GOOD: review_text(date="2026-03-01")})
    for number, data in enumerate(files, start=1):
        (root / "reviews" / "2026" / f"2026-05-{number:02d}-fuzz.md").write_bytes(data)
    result = build(root, strict=False)
    assert "Traceback" not in result.stderr
    assert result.returncode == 0, result.stderr[-2000:]
    assert (root / "site" / "reviews" / "2026" / GOOD / "index.html").is_file()
