"""Where a command finds its project, and what it says when there is none."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from retro_reviews.cli import cli

RETRO = Path(sys.executable).parent / "retro"
NO_PROJECT = "Error: no retro project found here or above (run `retro init`)\n"


@pytest.mark.parametrize(
    "args",
    [["check"], ["check", "--strict"], ["new", "Lost orders"], ["schema"], ["build"], ["serve"]],
)
def test_outside_a_project_commands_stop_with_exit_2(tmp_path: Path, chdir, args) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    chdir(elsewhere)
    result = CliRunner().invoke(cli, args)
    assert (result.exit_code, result.output) == (2, NO_PROJECT)
    assert list(elsewhere.iterdir()) == []  # nothing written


def test_the_installed_command_says_the_same(tmp_path: Path) -> None:
    (tmp_path / "elsewhere").mkdir()
    done = subprocess.run(
        [str(RETRO), "check"], cwd=tmp_path / "elsewhere", capture_output=True, text=True
    )
    assert (done.returncode, done.stdout, done.stderr) == (2, "", NO_PROJECT)


def test_a_reviews_folder_alone_makes_a_project(tmp_path: Path, chdir) -> None:
    (tmp_path / "reviews/2026").mkdir(parents=True)
    chdir(tmp_path / "reviews/2026")
    result = CliRunner().invoke(cli, ["check"])
    assert result.exit_code == 0
    assert result.output.startswith("Checked 0 files")


def test_the_nearest_configuration_wins(tmp_path: Path, chdir) -> None:
    (tmp_path / "reviews").mkdir()
    inner = tmp_path / "team"
    (inner / "notes").mkdir(parents=True)
    (inner / "retro.yml").write_text("reviews_dir: notes\n")
    chdir(inner / "notes")
    result = CliRunner().invoke(cli, ["check"])
    assert "No reviews in notes/ yet" in result.output


def test_an_empty_reviews_folder_is_reported(project: Path, chdir) -> None:
    chdir(project)
    result = CliRunner().invoke(cli, ["check"])
    assert result.exit_code == 0
    assert result.stdout == "Checked 0 files: 0 errors, 0 warnings.\n"
    assert result.stderr == (
        'No reviews in reviews/ yet: start one with `retro new "What happened, in a few words"`.\n'
    )


def test_an_empty_folder_given_is_reported(project: Path, chdir) -> None:
    (project / "reviews/2027").mkdir()
    chdir(project)
    result = CliRunner().invoke(cli, ["check", "reviews/2027"])
    assert result.exit_code == 0
    assert result.stderr == "No review files in reviews/2027.\n"


def test_machine_formats_stay_clean_when_nothing_is_checked(project: Path, chdir) -> None:
    chdir(project)
    result = CliRunner().invoke(cli, ["check", "--format", "json"])
    assert result.stdout.startswith("{")
    assert "No reviews in reviews/ yet" in result.stderr


def test_a_configuration_without_its_reviews_folder_is_an_error(tmp_path: Path, chdir) -> None:
    (tmp_path / "retro.yml").write_text("reviews_dir: postmortems\n")
    chdir(tmp_path)
    result = CliRunner().invoke(cli, ["check"])
    assert result.exit_code == 2
    assert result.output == (
        f"Error: no reviews folder: postmortems/ does not exist in {tmp_path} "
        "(run `retro init`, or set reviews_dir)\n"
    )
