"""Every input is answered: loader and checker end with findings or success, never raise.

Run the long version with ``RETRO_FUZZ_EXAMPLES=10000 pytest tests/test_fuzz_check.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from fuzz_strategies import bodies, dump, front_matter, fuzz_settings, review_files
from retro_reviews.check import CheckResult, load_library, run_check
from retro_reviews.cli import cli
from retro_reviews.config import load_config
from retro_reviews.findings import Finding, Level
from retro_reviews.load import read_review
from retro_reviews.privacy import find_private_data
from retro_reviews.report.text import render_text
from retro_reviews.rules.unsafe_html import unsafe_spans

NAMES = ["2026-03-01-fuzzed-review", "2026-03-01-Fuzzed Review", "fuzz", "2026-02-30-x"]


@pytest.fixture
def fuzz_project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    (root / "reviews" / "2026").mkdir(parents=True)
    (root / "retro.yml").write_text("")
    return root


def _assert_answered(result: CheckResult) -> None:
    assert isinstance(result, CheckResult)
    for item in result.findings:
        assert isinstance(item, Finding)
        assert item.level in (Level.ERROR, Level.WARNING)
        assert item.rule and item.message
    assert result.exit_code in (0, 1)
    render_text(result)


@fuzz_settings(default=60)
@given(content=review_files(), name=st.sampled_from(NAMES))
def test_checker_answers_any_file(fuzz_project: Path, content: bytes, name: str) -> None:
    for old in (fuzz_project / "reviews" / "2026").iterdir():
        old.unlink()  # a failing example must not leave its file to the next one
    path = fuzz_project / "reviews" / "2026" / f"{name}.md"
    path.write_bytes(content)
    config = load_config(fuzz_project)
    library = load_library(config)
    assert [review.path for review in library] == [path]
    _assert_answered(run_check(config, library=list(library)))
    _assert_answered(run_check(config, [path], strict=True, library=list(library)))


@fuzz_settings(default=25)
@given(meta=front_matter, body=bodies)
def test_any_front_matter_and_body(fuzz_project: Path, meta: dict, body: str) -> None:
    path = fuzz_project / "reviews" / "2026" / "2026-03-01-fuzzed-review.md"
    path.write_text(f"---\n{dump(meta)}---\n{body}", encoding="utf-8", errors="surrogatepass")
    config = load_config(fuzz_project)
    review = read_review(path, config)
    assert review.parsed or review.problems
    _assert_answered(run_check(config, library=[review]))


@fuzz_settings(default=100)
@given(text=bodies)
def test_scanners_answer_any_text(text: str) -> None:
    for match in find_private_data(text):
        assert 0 <= match.start < match.end <= len(text)
        assert text[match.start : match.end] not in match.masked
    for offset, message in unsafe_spans(text):
        assert 0 <= offset <= len(text) and message


@fuzz_settings(default=10)
@given(content=review_files())
def test_cli_never_shows_a_traceback(fuzz_project: Path, content: bytes) -> None:
    path = fuzz_project / "reviews" / "2026" / "2026-03-01-fuzzed-review.md"
    path.write_bytes(content)
    result = CliRunner().invoke(cli, ["--config", str(fuzz_project / "retro.yml"), "check"])
    assert result.exit_code in (0, 1), result.output
    assert "Traceback" not in result.output
    assert result.output.rstrip().splitlines()[-1].startswith("Checked 1 file:")
