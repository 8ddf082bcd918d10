"""A team adopts retro as the README tells it to, with nothing but a built wheel.

A fresh virtual environment gets retro from a wheel built from this checkout (not an
editable install), a new git repository with a GitHub remote runs `retro init`, writes a
review on a branch, checks it and builds the library; the workflow `retro init` wrote is
validated against GitHub's schema and every command in it is run for real.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import GIT_ENV, ROOT, git, review_text

pytestmark = pytest.mark.slow

REAL_HOME = Path.home()  # read before the fixtures point HOME at a temporary folder
DEV_BIN = Path(sys.executable).parent
TITLE = "Wrong colour shipped to forty customers"
REVIEW = "reviews/2026/2026-03-01-wrong-colour-shipped-to-forty-customers.md"
# What GitHub puts in the expressions the workflow uses, for a pull request into main.
GITHUB_CONTEXT = {"github.base_ref": "main"}


def run(argv: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, f"{argv}\n{done.stdout}\n{done.stderr}"
    return done


def clean_environ() -> dict[str, str]:
    """This process's environment without what would lead Python to this checkout."""
    return {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}


def pip_env() -> dict[str, str]:
    """The user's pip settings and cache (the tests' HOME is a temporary folder)."""
    return {**clean_environ(), "HOME": str(REAL_HOME)}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wheel built from a copy of this checkout's sources (the checkout stays clean)."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    ignore = shutil.ignore_patterns("*.egg-info", "__pycache__", "*.pyc")
    shutil.copytree(ROOT / "tooling", source / "tooling", ignore=ignore)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(work), str(source)],
        work,
        pip_env(),
    )
    (built,) = work.glob("retro_reviews-*.whl")
    return built


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment, with no retro yet; its bin folder."""
    folder = tmp_path_factory.mktemp("venv") / "venv"
    run([sys.executable, "-m", "venv", str(folder)], folder.parent, pip_env())
    return folder / "bin"


def team_env(bin_folder: Path, tmp_path: Path) -> dict[str, str]:
    return {
        **clean_environ(),
        **GIT_ENV,
        "PATH": f"{bin_folder}{os.pathsep}{os.environ['PATH']}",
        "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md"),
        "PIP_CACHE_DIR": str(REAL_HOME / ".cache" / "pip"),
        "PIP_CONFIG_FILE": str(REAL_HOME / ".config" / "pip" / "pip.conf"),
    }


def steps_that_run(job: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, str]]]:
    """Each ``run`` step of a job: its name, its script, its environment with expressions."""
    for step in job["steps"]:
        if "run" not in step:
            continue  # actions (checkout, setup-python, artifacts, pages) are GitHub's own
        env = {}
        for key, value in (step.get("env") or {}).items():
            env[key] = re.sub(
                r"\$\{\{\s*([\w.]+)\s*\}\}", lambda m: GITHUB_CONTEXT[m.group(1)], str(value)
            )
        assert "${{" not in step["run"], step["run"]  # only env carries expressions
        yield step.get("name", step["run"]), step["run"], env


def test_a_team_adopts_retro(wheel: Path, venv: Path, tmp_path: Path) -> None:
    # Install from the wheel, as `pip install "retro-reviews==..."` will from the index.
    run([str(venv / "pip"), "install", "-q", str(wheel)], tmp_path, pip_env())
    env = team_env(venv, tmp_path)
    where = run(
        [str(venv / "python"), "-c", "import retro_reviews; print(retro_reviews.__file__)"],
        tmp_path,
        env,
    )
    assert where.stdout.startswith(str(venv.parent)), "retro must come from the wheel"

    # A new repository with a GitHub remote and a first commit on main.
    repo = tmp_path / "team-reviews"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    git(repo, "remote", "add", "origin", "git@github.com:acme/team-reviews.git")
    (repo / "README.md").write_text("# Team reviews\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Start")

    spec = f"retro-reviews @ {wheel.as_uri()}"  # retro-reviews is not on the index yet
    init = run(["retro", "init", "--install", spec], repo, env)
    assert "\nCI: GitHub, from the remote origin (github.com).\n" in init.stdout
    assert "  retro new " in init.stdout and init.stdout.endswith("  retro serve\n")
    assert not (repo / ".gitlab-ci.yml").exists()
    assert (repo / ".gitignore").read_text() == "site/\n"
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Adopt retro")
    git(repo, "update-ref", "refs/remotes/origin/main", "main")  # as after a push

    # A review on its own branch, filled in, checked and built from a subfolder.
    git(repo, "checkout", "-q", "-b", "review/wrong-colour")
    new = run(
        ["retro", "new", TITLE, "--kind", "customer-mistake", "--date", "2026-03-01"], repo, env
    )
    assert new.stdout == f"{REVIEW}\n"
    (repo / REVIEW).write_text(review_text(title=TITLE), encoding="utf-8")
    check = run(["retro", "check", "--changed"], repo / "reviews", env)
    assert check.stdout.endswith("Checked 1 file: 0 errors, 0 warnings.\n")
    build = run(["retro", "build", "--strict"], repo / "reviews" / "2026", env)
    assert build.stdout == "Checked 1 file: 0 errors, 0 warnings.\n"
    assert (repo / "site/index.html").is_file()
    assert git(repo, "status", "--porcelain", "--", "site") == ""  # .gitignore keeps it out
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Review: wrong colour shipped")

    # The workflow: valid for GitHub, and every command in it works.
    workflow_file = repo / ".github/workflows/reviews.yml"
    run(
        [
            str(DEV_BIN / "check-jsonschema"),
            "--builtin-schema",
            "vendor.github-workflows",
            str(workflow_file),
        ],
        repo,
        env,
    )
    workflow = yaml.safe_load(workflow_file.read_text(encoding="utf-8"))
    ran = []
    for job_name in ("check", "deploy"):
        shutil.rmtree(repo / "site", ignore_errors=True)
        for name, script, step_env in steps_that_run(workflow["jobs"][job_name]):
            done = subprocess.run(
                ["bash", "-e", "-c", script],
                cwd=repo,
                env={**env, **step_env},
                capture_output=True,
                text=True,
                timeout=900,
            )
            assert done.returncode == 0, f"{job_name}: {name}\n{done.stdout}\n{done.stderr}"
            ran.append(script)
        assert (repo / "site/index.html").is_file(), job_name
    assert f'pip install "{spec}"' in ran
    assert any(script.startswith("retro check --changed") for script in ran)
    assert sum(script.startswith("mkdocs build") for script in ran) == 2
    summary = (tmp_path / "summary.md").read_text(encoding="utf-8")
    assert summary.count("Checked 1 file: 0 errors, 0 warnings.") == 2  # one per job
