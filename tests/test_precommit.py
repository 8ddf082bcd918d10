"""The pre-commit hook: its entry, run the way pre-commit runs it, on staged review files."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import GIT_ENV, ROOT, git, review_text
from retro_reviews.init import render_ci_file

RETRO = Path(sys.executable).parent / "retro"


def hooks_of_this_repo() -> list[dict[str, Any]]:
    return yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))


def hook_of_adopters() -> dict[str, Any]:
    config = yaml.safe_load(render_ci_file("pre-commit-config.yaml"))
    return config["repos"][0]["hooks"][0]


def run_hook(hook: dict[str, Any], repo: Path) -> subprocess.CompletedProcess[str]:
    """What pre-commit does: staged files filtered by files/exclude, appended to the entry."""
    staged = git(repo, "diff", "--cached", "--name-only", "-z").split("\0")
    files = [
        name
        for name in staged
        if name
        and re.search(hook["files"], name)
        and not re.search(hook.get("exclude", "^$"), name)
    ]
    argv = shlex.split(hook["entry"])
    assert argv[0] == "retro"
    argv[0] = str(RETRO)
    if hook.get("pass_filenames", True):
        argv += files
    env = {**os.environ, **GIT_ENV}
    return subprocess.run(argv, cwd=repo, env=env, capture_output=True, text=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "team"
    (root / "reviews" / "2026").mkdir(parents=True)
    (root / "mkdocs.yml").write_text("site_name: Team\n")
    git(root, "init", "-q", "-b", "main")
    return root


def stage(repo: Path, review_id: str, **overrides: str) -> None:
    path = repo / "reviews" / review_id[:4] / f"{review_id}.md"
    path.write_text(review_text(date=review_id[:10], **overrides), encoding="utf-8")
    git(repo, "add", str(path.relative_to(repo)))


def test_this_repo_declares_the_hook() -> None:
    (hook,) = hooks_of_this_repo()
    assert hook["id"] == "retro-check"
    assert hook["entry"] == "retro check"
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is True
    assert re.search(hook["files"], "reviews/2026/2026-03-01-x.md")
    assert not re.search(hook["files"], "docs/index.md")
    assert re.search(hook["exclude"], "reviews/index.md")


@pytest.mark.parametrize(
    "hook",
    [hooks_of_this_repo()[0], hook_of_adopters()],
    ids=["pre-commit-hooks", "adopters-config"],
)
def test_a_good_staged_review_passes(repo: Path, hook: dict[str, Any]) -> None:
    stage(repo, "2026-03-01-wrong-colour-shipped")
    done = run_hook(hook, repo)
    assert done.stdout == "Checked 1 file: 0 errors, 0 warnings.\n"
    assert done.returncode == 0


@pytest.mark.parametrize(
    "hook",
    [hooks_of_this_repo()[0], hook_of_adopters()],
    ids=["pre-commit-hooks", "adopters-config"],
)
def test_a_bad_staged_review_fails(repo: Path, hook: dict[str, Any]) -> None:
    stage(repo, "2026-03-01-wrong-colour-shipped")
    stage(
        repo,
        "2026-03-02-wrong-kind",
        title="Wrong kind",
        item="Other item",
        status="published",
        kind="nonsense",
    )
    (repo / "reviews" / "index.md").write_text("# Reviews\n")
    git(repo, "add", "reviews/index.md")
    done = run_hook(hook, repo)
    assert "reviews/2026/2026-03-02-wrong-kind.md:" in done.stdout
    assert "index.md" not in done.stdout
    assert done.stdout.endswith("Checked 2 files: 1 error, 0 warnings.\n")
    assert done.returncode == 1


@pytest.mark.parametrize(
    "hook",
    [hooks_of_this_repo()[0], hook_of_adopters()],
    ids=["pre-commit-hooks", "adopters-config"],
)
def test_a_review_saved_under_another_markdown_suffix_reaches_the_check(
    hook: dict[str, Any],
) -> None:
    # retro check reports such a file (misnamed-review): the hook must hand it over.
    from retro_reviews.load import MARKDOWN_SUFFIXES

    for suffix in sorted(MARKDOWN_SUFFIXES):
        for written in (suffix, suffix.upper()):
            name = f"reviews/2026/2026-03-04-b{written}"
            assert re.search(hook["files"], name), name
            assert not re.search(hook["exclude"], name), name
            assert re.search(hook["exclude"], f"reviews/README{written}"), written
