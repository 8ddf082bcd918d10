"""retro_reviews.gitrepo.last_changes: when and by whom each review last changed, in one pass."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from conftest import git
from retro_reviews.gitrepo import last_changes


def test_last_change_of_each_file(git_project: Path, write_review: Callable[..., Path]) -> None:
    write_review("2026-01-01-first")
    write_review("2026-02-01-second")
    git(git_project, "add", "-A")
    git(git_project, "commit", "-q", "-m", "two reviews", "--date", "2026-02-03T10:00:00Z")
    path = write_review("2026-01-01-first", title="First, edited")
    git(git_project, "add", "-A")
    git(
        git_project,
        "-c",
        "user.name=Other",
        "commit",
        "-q",
        "-m",
        "edit",
        "--author",
        "Second Author <second@example.invalid>",
        "--date",
        "2026-03-04T10:00:00Z",
    )
    facts = last_changes(git_project, git_project / "reviews")
    assert set(facts) == {"reviews/2026/2026-01-01-first.md", "reviews/2026/2026-02-01-second.md"}
    first = facts["reviews/2026/2026-01-01-first.md"]
    assert first.author == "Second Author"
    assert first.when.date().isoformat() == "2026-03-04"
    assert facts["reviews/2026/2026-02-01-second.md"].author == "Test Author"
    assert path.exists()


def test_outside_a_repository_there_are_no_facts(project: Path) -> None:
    assert last_changes(project, project / "reviews") == {}


def test_a_repository_without_commits_has_no_facts(project: Path) -> None:
    git(project, "init", "-q")
    assert last_changes(project, project / "reviews") == {}


def test_names_outside_ascii_are_read_as_written(
    git_project: Path, write_review: Callable[..., Path]
) -> None:
    write_review("2026-01-01-café-☕")
    git(git_project, "add", "-A")
    git(git_project, "commit", "-q", "-m", "one review")
    assert set(last_changes(git_project, git_project / "reviews")) == {
        "reviews/2026/2026-01-01-café-☕.md"
    }


def _commit(root: Path, message: str, author: str, when: str) -> str:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message, "--author", author, "--date", when)
    return git(root, "rev-parse", "HEAD").strip()


def test_a_commit_that_only_reformats_a_review_is_not_its_last_change(
    git_project: Path, write_review: Callable[..., Path]
) -> None:
    path = write_review("2026-01-01-first")
    dana = "Dana Doe <d@example.invalid>"
    first = _commit(git_project, "Add a review", dana, "2026-02-03T10:00Z")
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\n", "  \n").replace("\n---\n", "\n\n---\n", 1))
    _commit(git_project, "Reformat every review", "Bot <b@example.invalid>", "2026-03-01T10:00Z")
    fact = last_changes(git_project, git_project / "reviews")["reviews/2026/2026-01-01-first.md"]
    assert (fact.author, fact.commit, fact.subject) == ("Dana Doe", first[:7], "Add a review")
    assert fact.when.date().isoformat() == "2026-02-03"


def test_commits_in_git_blame_ignore_revs_are_skipped(
    git_project: Path, write_review: Callable[..., Path]
) -> None:
    write_review("2026-01-01-first")
    _commit(git_project, "Add a review", "Dana Doe <d@example.invalid>", "2026-02-03T10:00Z")
    write_review("2026-01-01-first", title="Renamed by a script")
    bulk = _commit(git_project, "Bulk rename", "Bot <b@example.invalid>", "2026-03-01T10:00Z")
    (git_project / ".git-blame-ignore-revs").write_text(f"# the bulk rename\n{bulk}\n")
    fact = last_changes(git_project, git_project / "reviews")["reviews/2026/2026-01-01-first.md"]
    assert fact.author == "Dana Doe"
