"""Hostile input costs little: size limit, bounded YAML, links that leave the folder."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import review_text
from retro_reviews.check import run_check
from retro_reviews.cli import cli
from retro_reviews.config import load_config
from retro_reviews.load import discover_review_files, read_review

REVIEW = "2026-03-01-wrong-colour-shipped"


def _check(project: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--config", str(project / "retro.yml"), "check", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output


def _review_path(project: Path, name: str = REVIEW) -> Path:
    path = project / "reviews" / name[:4] / f"{name}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def test_file_over_the_default_limit_is_not_read(project: Path) -> None:
    path = _review_path(project)
    path.write_text(review_text() + "x" * 2_100_000)
    started = time.perf_counter()
    code, output = _check(project)
    assert time.perf_counter() - started < 5
    size = path.stat().st_size
    assert output == (
        f"reviews/2026/{REVIEW}.md: error [file-too-large] the file is {size:,} bytes, over the "
        "limit of 2,000,000; split it or raise 'max_file_bytes' in the configuration\n"
        "Checked 1 file: 1 error, 0 warnings.\n"
    )
    assert code == 1


def test_size_limit_is_configurable(project: Path) -> None:
    (project / "retro.yml").write_text("max_file_bytes: 4096\n")
    path = _review_path(project)
    path.write_text(review_text() + "\nMore words.\n" * 400)
    assert path.stat().st_size > 4096
    code, output = _check(project)
    assert "[file-too-large]" in output and "over the limit of 4,096" in output
    assert code == 1


def test_alias_bomb_is_refused_quickly(project: Path) -> None:
    lines = ["---", 'a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 10):
        prev = f"*a{level - 1}"
        lines.append(f"a{level}: &a{level} [{', '.join([prev] * 9)}]")
    lines += ["title: Bomb", "---", "Body."]
    _review_path(project).write_text("\n".join(lines) + "\n")
    started = time.perf_counter()
    code, output = _check(project)
    assert time.perf_counter() - started < 5
    assert "error [yaml-too-complex] the YAML expands to more than 20000 values" in output
    assert code == 1


@pytest.mark.parametrize(
    "nested",
    [
        "deep: " + "[" * 1000 + "]" * 1000,
        "deep: " + "{a: " * 1000 + "1" + "}" * 1000,
        "deep:\n" + "".join(f"{'  ' * (i + 1)}k{i}:\n" for i in range(1000)) + "  " * 1001 + "x",
    ],
    ids=["flow-lists", "flow-mappings", "block-mappings"],
)
def test_deep_nesting_is_refused(project: Path, nested: str) -> None:
    _review_path(project).write_text(f"---\ntitle: Deep\n{nested}\n---\nBody.\n")
    code, output = _check(project)
    assert "error [yaml-too-complex] the YAML is nested too deeply (more than 40 levels)" in output
    assert code == 1


def test_symlink_to_a_file_outside_is_reported_not_read(project: Path, tmp_path: Path) -> None:
    secret = tmp_path / "passwd"
    secret.write_text("root:x:0:0:root:/root:/bin/bash\n")
    link = _review_path(project)
    link.symlink_to(secret)
    code, output = _check(project)
    assert output == (
        f"reviews/2026/{REVIEW}.md: error [symlink-outside] this is a symbolic link to "
        f"{secret.as_posix()}, outside the reviews folder; it is not followed. Copy the review "
        "into the folder instead\n"
        "Checked 1 file: 1 error, 0 warnings.\n"
    )
    assert "root:x" not in output
    assert code == 1
    review = read_review(link, load_config(project))
    assert review.text == "" and not review.parsed


def test_symlinked_folder_outside_is_reported_not_followed(project: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    (outside / "2026").mkdir(parents=True)
    (outside / "2026" / f"{REVIEW}.md").write_text(review_text())
    (project / "reviews" / "imported").symlink_to(outside, target_is_directory=True)
    code, output = _check(project)
    assert output == (
        "reviews/imported: error [symlink-outside] this is a symbolic link to "
        f"{outside.as_posix()}, outside the reviews folder; it is not followed. Copy the "
        "review into the folder instead\n"
        "Checked 1 file: 1 error, 0 warnings.\n"
    )
    assert code == 1


def test_symlinked_folder_loop_ends(project: Path, write_review: Callable[..., Path]) -> None:
    write_review(REVIEW)
    year = project / "reviews" / "2026"
    (year / "again").symlink_to(year, target_is_directory=True)
    (project / "reviews" / "up").symlink_to(project / "reviews", target_is_directory=True)
    (year / "2026-03-02-loop.md").symlink_to(year / "2026-03-02-loop.md")
    started = time.perf_counter()
    code, output = _check(project)
    assert time.perf_counter() - started < 5
    assert output == (
        "reviews/2026/2026-03-02-loop.md: error [symlink-outside] this is a symbolic link "
        "that leads back to itself (a loop); it is not followed. Remove the link\n"
        "Checked 2 files: 1 error, 0 warnings.\n"
    )
    assert code == 1
    loop = year / "2026-03-02-loop.md"
    code, output = _check(project, str(year), str(loop))
    assert output.endswith("Checked 2 files: 1 error, 0 warnings.\n")


def test_symlink_inside_the_folder_is_read(
    project: Path, write_review: Callable[..., Path]
) -> None:
    real = write_review(REVIEW)
    other = project / "reviews" / "2026" / "2026-03-01-same-story.md"
    other.symlink_to(real)
    paths = discover_review_files(load_config(project))
    assert paths == [other, real]
    result = run_check(load_config(project))
    assert result.files_checked == 2
    assert "symlink-outside" not in {f.rule for f in result.findings}


def test_binary_and_non_utf8_files_are_findings(project: Path) -> None:
    _review_path(project).write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    _review_path(project, "2026-03-02-latin1").write_bytes(b"---\ntitle: Caf\xe9\n---\n")
    code, output = _check(project)
    assert "error [unreadable-file] this is a binary file, not a Markdown review" in output
    assert "error [unreadable-file] the file is not valid UTF-8 (byte 0xe9)" in output
    assert code == 1


@pytest.mark.parametrize("nested", ["- " * 600_000 + "x", "[" * 600_000, "{b: " * 300_000])
def test_very_deep_nesting_does_not_crash_the_process(project: Path, nested: str) -> None:
    """libyaml's composer would overflow the C stack here; the bounded parser reports it."""
    import subprocess
    import sys

    _review_path(project).write_text(f"---\ntitle: Deep\ndeep:\n  {nested}\n---\nBody.\n")
    started = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", "from retro_reviews.cli import main; main()", "check"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 1, proc.stderr
    assert "error [yaml-too-complex] the YAML is nested too deeply" in proc.stdout
    assert "Traceback" not in proc.stderr
    assert time.perf_counter() - started < 30


def test_control_character_in_front_matter_is_a_finding(project: Path) -> None:
    _review_path(project).write_text("---\ntitle: Tab\x0bbed\nstatus: draft\n---\nBody.\n")
    code, output = _check(project)
    assert output.splitlines()[0] == (
        f"reviews/2026/{REVIEW}.md:2:11: error [yaml-syntax] invalid YAML: the control "
        "character U+000B is not allowed in the front matter; delete it (it is often pasted in "
        "by accident)"
    )
    assert code == 1
