"""``retro check --changed``: a real git repository with a main and a feature branch."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import git
from retro_reviews.cli import cli


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


@pytest.fixture
def branched(git_project: Path, write_review, chdir) -> Path:
    """main holds two reviews; the branch ``feature`` starts from it."""
    write_review("2026-03-01-wrong-colour-shipped")
    write_review("2026-03-02-second-review", title="A second review", item="Distinct item 1")
    git(git_project, "add", "-A")
    git(git_project, "commit", "-q", "-m", "two reviews")
    git(git_project, "switch", "-q", "-c", "feature")
    chdir(git_project)
    return git_project


def test_checks_exactly_the_reviews_the_branch_changes(branched: Path, write_review) -> None:
    # One added (broken), one modified (still fine); the untouched one is not checked.
    write_review(
        "2026-04-01-added-on-branch",
        title="Added on the branch",
        status="banana",
        item="Distinct item 2",
    )
    second = branched / "reviews/2026/2026-03-02-second-review.md"
    second.write_text(second.read_text().replace("A second review", "A second review, edited"))
    git(branched, "add", "-A")
    git(branched, "commit", "-q", "-m", "branch work")

    result = run("check", "--changed", "--format", "json")
    import json

    data = json.loads(result.stdout)
    assert data["files"] == [
        "reviews/2026/2026-03-02-second-review.md",
        "reviews/2026/2026-04-01-added-on-branch.md",
    ]
    assert {f["path"] for f in data["findings"]} == {"reviews/2026/2026-04-01-added-on-branch.md"}
    assert result.exit_code == 1


def test_first_line_names_the_base_and_counts(branched: Path, write_review) -> None:
    write_review("2026-04-01-added-on-branch", title="Added on the branch", item="Distinct item 3")
    git(branched, "add", "-A")
    git(branched, "commit", "-q", "-m", "branch work")
    merge_base = git(branched, "merge-base", "main", "HEAD").strip()[:7]
    result = run("check", "--changed")
    assert result.output.splitlines()[0] == (
        f"Checking 1 changed review against main (merge base {merge_base}; committed, "
        "staged, unstaged and untracked changes)."
    )
    assert result.output.splitlines()[-1] == "Checked 1 file: 0 errors, 0 warnings."
    assert result.exit_code == 0


def test_uncommitted_and_untracked_changes_count(branched: Path, write_review) -> None:
    write_review(
        "2026-04-01-untracked-review",
        title="Untracked review",
        status="banana",
        item="Distinct item 4",
    )
    first = branched / "reviews/2026/2026-03-01-wrong-colour-shipped.md"
    first.write_text(first.read_text().replace("status: published", "status: nope"))
    result = run("check", "--changed")
    paths = {line.split(":")[0] for line in result.output.splitlines()[1:-1]}
    assert paths == {
        "reviews/2026/2026-04-01-untracked-review.md",
        "reviews/2026/2026-03-01-wrong-colour-shipped.md",
    }
    assert "Checked 2 files: 2 errors" in result.output
    assert result.exit_code == 1


def test_renamed_review_is_checked_and_deleted_is_not(branched: Path) -> None:
    old = "reviews/2026/2026-03-02-second-review.md"
    git(branched, "mv", old, "reviews/2026/2026-03-02-renamed-review.md")
    git(branched, "rm", "-q", "reviews/2026/2026-03-01-wrong-colour-shipped.md")
    git(branched, "commit", "-q", "-m", "rename and delete")
    result = run("check", "--changed", "--format", "junit")
    assert 'name="reviews/2026/2026-03-02-renamed-review.md"' in result.stdout
    assert "wrong-colour-shipped" not in result.stdout
    assert result.exit_code == 0


def test_a_review_added_or_renamed_under_another_suffix_is_reported(branched: Path) -> None:
    """Not a review (its id is taken by no one, on the base or here), but not passed over."""
    year = branched / "reviews/2026"
    (year / "2026-04-01-new.markdown").write_text(
        (year / "2026-03-02-second-review.md").read_text()
    )
    git(
        branched,
        "mv",
        "reviews/2026/2026-03-01-wrong-colour-shipped.md",
        "reviews/2026/2026-03-01-wrong-colour-shipped.MD",
    )
    result = run("check", "--changed")
    assert [line.split(" error ")[0] for line in result.output.splitlines()[1:]] == [
        "reviews/2026/2026-03-01-wrong-colour-shipped.MD:",
        "reviews/2026/2026-04-01-new.markdown:",
        "Checked 2 files: 2 errors, 0 warnings.",
    ]
    assert result.output.count("[misnamed-review]") == 2
    assert result.exit_code == 1


def test_an_id_taken_on_the_base_branch_is_an_error(branched: Path, write_review) -> None:
    # main moves on: another pull request merged a review with the id this branch adds.
    git(branched, "switch", "-q", "main")
    write_review("2026-05-05-same-id", title="Merged on main first", item="Distinct item 5")
    git(branched, "add", "-A")
    git(branched, "commit", "-q", "-m", "merged elsewhere")
    git(branched, "switch", "-q", "feature")
    clash = branched / "reviews/2025/2026-05-05-same-id.md"
    clash.parent.mkdir(parents=True, exist_ok=True)
    write_review("2026-05-05-same-id", title="Written on the branch", item="Distinct item 6")
    (branched / "reviews/2026/2026-05-05-same-id.md").rename(clash)
    result = run("check", "--changed")
    assert (
        "reviews/2025/2026-05-05-same-id.md:1: error [duplicate-id] the id '2026-05-05-same-id' "
        "is already taken on main by reviews/2026/2026-05-05-same-id.md; ids (file names) must "
        "be unique, so change this file's slug"
    ) in result.output
    assert result.exit_code == 1


def test_no_changed_reviews(branched: Path) -> None:
    (branched / "notes.txt").write_text("not a review")
    result = run("check", "--changed")
    assert result.output == "No changed reviews between main and the work tree.\n"
    assert result.exit_code == 0


def test_no_changed_reviews_still_writes_a_machine_report(branched: Path) -> None:
    result = run("check", "--changed", "--format", "sarif", "--output", "out.sarif")
    assert result.exit_code == 0
    assert '"results": []' in (branched / "out.sarif").read_text()


def test_default_base_falls_back_to_master(git_project: Path, write_review, chdir) -> None:
    git(git_project, "branch", "-m", "main", "master")
    git(git_project, "switch", "-q", "-c", "feature")
    write_review("2026-04-01-on-feature", title="On the feature branch", item="Distinct item 7")
    chdir(git_project)
    result = run("check", "--changed")
    assert result.output.startswith("Checking 1 changed review against master ")
    assert result.exit_code == 0


def test_explicit_base(branched: Path, write_review) -> None:
    git(branched, "tag", "v1")
    write_review("2026-04-01-after-tag", title="After the tag", item="Distinct item 8")
    result = run("check", "--changed", "--base", "v1")
    assert result.output.startswith("Checking 1 changed review against v1 ")


def test_unknown_base_is_exit_2(branched: Path) -> None:
    result = run("check", "--changed", "--base", "origin/nope")
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: 'origin/nope' is not a branch, tag or commit in this repository; fetch it "
        "first (for example: git fetch origin nope) or name another base with --base REF\n"
    )


def test_no_main_branch_is_exit_2(git_project: Path, chdir) -> None:
    git(git_project, "branch", "-m", "main", "trunk")
    chdir(git_project)
    result = run("check", "--changed")
    assert result.exit_code == 2
    assert (
        "no main branch to compare with (tried main, master, origin/main, origin/master)"
        in result.stderr
    )


def test_not_a_git_repository_is_exit_2(project: Path, chdir) -> None:
    chdir(project)
    result = run("check", "--changed")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: ")
    assert "is not in a git repository; run this inside a git work tree" in result.stderr
    assert "Traceback" not in result.output


def test_paths_and_changed_together_is_a_usage_error(branched: Path) -> None:
    result = run("check", "--changed", "reviews")
    assert result.exit_code == 2
    assert "give either PATHS or --changed, not both" in result.stderr


def test_base_without_changed_is_a_usage_error(branched: Path) -> None:
    result = run("check", "--base", "main")
    assert result.exit_code == 2
    assert "--base REF goes with --changed" in result.stderr


def test_library_in_a_subfolder_of_the_repository(tmp_path: Path, chdir) -> None:
    from conftest import review_text

    repo = tmp_path / "monorepo"
    library = repo / "handbook"
    (library / "reviews" / "2026").mkdir(parents=True)
    (library / "retro.yml").write_text("")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "commit", "-q", "--allow-empty", "-m", "start")
    git(repo, "switch", "-q", "-c", "feature")
    (library / "reviews/2026/2026-03-01-wrong-colour.md").write_text(
        review_text(date="2026-03-01", status="nope")
    )
    (repo / "unrelated.md").write_text("# not a review\n")
    chdir(library)
    result = run("check", "--changed")
    assert result.output.startswith("Checking 1 changed review against main ")
    assert "reviews/2026/2026-03-01-wrong-colour.md:" in result.output
    assert result.exit_code == 1


def test_a_repository_without_commits_is_exit_2(project: Path, chdir) -> None:
    git(project, "init", "-q", "-b", "main")
    chdir(project)
    result = run("check", "--changed")
    assert result.exit_code == 2
    assert "this repository has no commit yet" in result.stderr


def test_a_shallow_clone_says_how_to_fetch_history(
    branched: Path, write_review, tmp_path: Path, chdir
) -> None:
    write_review("2026-04-01-on-feature", title="On the feature", item="Distinct item 9")
    git(branched, "add", "-A")
    git(branched, "commit", "-q", "-m", "feature work")
    git(branched, "switch", "-q", "main")
    (branched / "later.txt").write_text("main moves on\n")
    git(branched, "add", "-A")
    git(branched, "commit", "-q", "-m", "main moves on")
    clone = tmp_path / "clone"
    git(
        tmp_path,
        "clone",
        "-q",
        "--depth",
        "1",
        "--no-single-branch",
        f"file://{branched}",
        str(clone),
    )
    git(clone, "switch", "-q", "feature")
    chdir(clone)
    result = run("check", "--changed", "--base", "origin/main")
    assert result.exit_code == 2
    assert "no common history in this shallow clone" in result.stderr
    assert "fetch-depth: 0" in result.stderr


def test_github_format_names_the_base_first(branched: Path, write_review) -> None:
    write_review(
        "2026-04-01-on-feature", title="On the feature", item="Distinct item 10", kind="nonsense"
    )
    result = run("check", "--changed", "--format", "github")
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Checking 1 changed review against main ")
    assert lines[1].startswith("::error file=reviews/2026/2026-04-01-on-feature.md,")
    assert result.exit_code == 1


def test_a_broken_repository_is_exit_2_not_a_traceback(branched: Path) -> None:
    tree = git(branched, "rev-parse", "main:reviews/2026").strip()
    (branched / ".git" / "objects" / tree[:2] / tree[2:]).unlink()
    result = run("check", "--changed")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: git ")
    assert " failed: " in result.stderr
