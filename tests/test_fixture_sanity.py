"""The shared fixture's complete review passes the checker, so other tests start from green."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from retro_reviews.cli import cli


def test_complete_review_passes_strict(project: Path, write_review, chdir) -> None:
    write_review("2026-03-01-wrong-colour-shipped")
    chdir(project)
    result = CliRunner().invoke(cli, ["check", "--strict"])
    assert result.output == "Checked 1 file: 0 errors, 0 warnings.\n"
    assert result.exit_code == 0
