"""``retro new --branch``: the review starts on its own branch, or nothing happens."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from conftest import git
from retro_reviews.cli import cli

TITLE = "Checkout API down after a config deploy"
REVIEW_ID = "2026-06-01-checkout-api-down-after-a-config-deploy"
REVIEW = f"reviews/2026/{REVIEW_ID}.md"


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def branch(repo: Path) -> str:
    return git(repo, "branch", "--show-current").strip()


def test_creates_and_switches_to_the_branch(git_project: Path, chdir) -> None:
    chdir(git_project)
    result = run("new", TITLE, "--kind", "incident", "--branch")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{REVIEW}\n"
    assert result.stderr == f"On the new branch review/{REVIEW_ID}.\n"
    assert branch(git_project) == f"review/{REVIEW_ID}"
    assert (git_project / REVIEW).is_file()


def test_refuses_when_the_branch_exists(git_project: Path, chdir) -> None:
    git(git_project, "branch", f"review/{REVIEW_ID}")
    chdir(git_project)
    result = run("new", TITLE, "--branch")
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: the branch review/{REVIEW_ID} already exists; switch to it "
        f"(git switch review/{REVIEW_ID}) or choose another title.\n"
    )
    assert branch(git_project) == "main"
    assert not (git_project / REVIEW).exists()


def test_refuses_with_uncommitted_changes(git_project: Path, chdir) -> None:
    (git_project / "retro.yml").write_text("# edited, not committed\n")
    chdir(git_project)
    result = run("new", TITLE, "--branch")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: uncommitted changes would be carried over to the new branch (retro.yml); "
        "commit or stash them first (git stash), then run retro new --branch again.\n"
    )
    assert branch(git_project) == "main"
    assert not (git_project / REVIEW).exists()
    assert "review/" not in git(git_project, "branch", "--list")


def test_refuses_with_staged_changes(git_project: Path, chdir) -> None:
    (git_project / "notes.md").write_text("staged\n")
    git(git_project, "add", "notes.md")
    chdir(git_project)
    result = run("new", TITLE, "--branch")
    assert result.exit_code == 1
    assert "(notes.md)" in result.stderr
    assert branch(git_project) == "main"


def test_untracked_files_do_not_stop_it(git_project: Path, chdir) -> None:
    (git_project / "scratch.txt").write_text("untracked\n")
    chdir(git_project)
    result = run("new", TITLE, "--branch")
    assert result.exit_code == 0
    assert branch(git_project) == f"review/{REVIEW_ID}"


def test_an_existing_review_file_refuses_before_any_branch(git_project: Path, chdir) -> None:
    chdir(git_project)
    assert run("new", TITLE).exit_code == 0
    git(git_project, "add", "-A")
    git(git_project, "commit", "-q", "-m", "review")
    result = run("new", TITLE, "--branch")
    assert result.exit_code == 1
    assert "already exists; retro never overwrites a file" in result.stderr
    assert "review/" not in git(git_project, "branch", "--list")


def test_a_bad_request_creates_no_branch(git_project: Path, chdir) -> None:
    chdir(git_project)
    result = run("new", TITLE, "--kind", "nonsense", "--branch")
    assert result.exit_code == 2
    assert "unknown kind 'nonsense'" in result.stderr
    assert "review/" not in git(git_project, "branch", "--list")


def test_outside_a_git_repository_is_exit_2(project: Path, chdir) -> None:
    chdir(project)
    result = run("new", TITLE, "--branch")
    assert result.exit_code == 2
    assert "is not in a git repository" in result.stderr
    assert not (project / REVIEW).exists()


def test_without_branch_nothing_changes_in_git(git_project: Path, chdir) -> None:
    chdir(git_project)
    assert run("new", TITLE).exit_code == 0
    assert branch(git_project) == "main"
