"""The CI files: valid YAML, the commands they run exist, and this repo's copies match."""

from __future__ import annotations

import shlex
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click
import pytest
import yaml
from mkdocs.__main__ import cli as mkdocs_cli

from conftest import ROOT
from retro_reviews.cli import cli as retro_cli
from retro_reviews.init import CI_FILES, render_ci_file

THIS_REPO_INSTALL = "pip install -e ."
WORKFLOWS = [".github/workflows/reviews.yml", ".gitlab-ci.yml", ".pre-commit-config.yaml"]
PROGRAMS: dict[str, click.Group] = {"retro": retro_cli, "mkdocs": mkdocs_cli}


def load(relative: str) -> Any:
    return yaml.safe_load((ROOT / relative).read_text(encoding="utf-8"))


def shell_lines(document: Any) -> Iterator[str]:
    """Every command a workflow runs: GitHub ``run:``, GitLab ``script:``, hooks' ``entry:``."""
    if isinstance(document, dict):
        for key, value in document.items():
            if key == "run" and isinstance(value, str):
                yield from value.splitlines()
            elif key in ("script", "before_script") and isinstance(value, list):
                yield from (line for item in value for line in str(item).splitlines())
            elif key == "entry" and isinstance(value, str):
                yield value
            else:
                yield from shell_lines(value)
    elif isinstance(document, list):
        for item in document:
            yield from shell_lines(item)


def invocations(line: str) -> Iterator[list[str]]:
    """The ``retro``/``mkdocs`` commands in one shell line, split at ``||``, ``&&``, ``;``."""
    command: list[str] = []
    for token in [*shlex.split(line, comments=True), ";"]:
        if token in ("||", "&&", ";", "|"):
            if command and command[0] in PROGRAMS:
                yield command
            command = []
        else:
            command.append(token)


def resolve(argv: list[str]) -> click.Command:
    """Parse ``argv`` with the program's click objects: unknown commands or options fail."""
    group = PROGRAMS[argv[0]]
    ctx = group.make_context(argv[0], argv[1:])
    name, command, rest = group.resolve_command(ctx, [*ctx._protected_args, *ctx.args])
    assert command is not None, f"{argv}: no such command"
    command.make_context(name or "", rest, parent=ctx)
    return command


@pytest.mark.parametrize("target", sorted(CI_FILES))
def test_this_repo_uses_the_files_retro_init_writes(target: str) -> None:
    assert (ROOT / target).read_text(encoding="utf-8") == render_ci_file(
        CI_FILES[target], THIS_REPO_INSTALL
    )


@pytest.mark.parametrize("relative", WORKFLOWS)
def test_workflow_commands_exist(relative: str) -> None:
    found = [argv for line in shell_lines(load(relative)) for argv in invocations(line)]
    assert any(argv[0] == "retro" for argv in found)
    for argv in found:
        resolve(argv)


def test_the_checker_of_commands_rejects_what_does_not_exist() -> None:
    with pytest.raises(click.UsageError):
        resolve(["retro", "check", "--chaged"])
    with pytest.raises(click.UsageError):
        resolve(["retro", "chek"])
    with pytest.raises(click.BadParameter):
        resolve(["retro", "check", "--format", "gitlab"])
    assert resolve(["mkdocs", "build", "--strict"]).name == "build"


def test_github_workflow_shape() -> None:
    workflow = load(".github/workflows/reviews.yml")
    triggers = workflow[True] if True in workflow else workflow["on"]  # YAML 1.1: on = true
    assert "pull_request" in triggers
    assert triggers["push"]["branches"] == ["main"]
    check = workflow["jobs"]["check"]
    steps = check["steps"]
    assert steps[0]["uses"].startswith("actions/checkout@")
    assert steps[0]["with"]["fetch-depth"] == 0
    runs = [step.get("run", "") for step in steps]
    assert 'retro check --changed --base "origin/$BASE_REF" --format github' in runs
    assert "mkdocs build --strict" in runs
    assert any(step.get("uses", "").startswith("actions/upload-artifact@") for step in steps)
    preview = next(step for step in steps if step.get("run") == "mkdocs build --strict")
    assert preview["env"]["RETRO_SHOW_STATUS"] == "in-review,published,imported"
    deploy = workflow["jobs"]["deploy"]
    assert deploy["permissions"]["pages"] == "write"
    assert deploy["permissions"]["id-token"] == "write"
    uses = [step.get("uses", "") for step in deploy["steps"]]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/deploy-pages@") for u in uses)


def test_gitlab_shape() -> None:
    pipeline = load(".gitlab-ci.yml")
    assert pipeline["reviews"]["artifacts"]["reports"]["junit"] == "retro-junit.xml"
    assert pipeline["reviews"]["artifacts"]["when"] == "always"
    assert any(
        "--format junit --output retro-junit.xml" in line for line in pipeline["reviews"]["script"]
    )
    assert pipeline["pages"]["artifacts"]["paths"] == ["public/"]
    assert (
        pipeline["site-preview"]["variables"]["RETRO_SHOW_STATUS"] == "in-review,published,imported"
    )
    assert "RETRO_SHOW_STATUS" not in pipeline["pages"].get("variables", {})
    assert pipeline["pages"]["rules"] == [
        {"if": '$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH && $CI_PIPELINE_SOURCE != "schedule"'}
    ]


def test_adopters_install_a_pinned_retro() -> None:
    from retro_reviews import __version__

    text = render_ci_file("github-reviews.yml")
    assert f'run: pip install "retro-reviews=={__version__}"' in text
    assert "@RETRO_INSTALL@" not in text


def test_pull_request_template_has_the_checklist() -> None:
    text = (ROOT / ".github/pull_request_template.md").read_text(encoding="utf-8")
    for topic in (
        "Blameless",
        "Impact",
        "Customer response",
        "Checklist changes",
        "Action items",
        "owner",
        "due date",
    ):
        assert topic in text
    assert text.count("- [ ]") >= 6


def test_files_exist_where_the_platforms_look() -> None:
    for relative in (*CI_FILES, ".pre-commit-hooks.yaml"):
        assert (ROOT / relative).is_file(), relative
    assert isinstance(load(".pre-commit-hooks.yaml"), list)


@pytest.mark.parametrize(
    ("schema", "relative"),
    [
        ("vendor.github-workflows", ".github/workflows/reviews.yml"),
        ("vendor.gitlab-ci", ".gitlab-ci.yml"),
    ],
)
def test_valid_for_the_platform(schema: str, relative: str) -> None:
    """The platforms' own schemas (as vendored by check-jsonschema, no network)."""
    pytest.importorskip("check_jsonschema")
    tool = Path(sys.executable).parent / "check-jsonschema"
    done = subprocess.run(
        [str(tool), "--builtin-schema", schema, str(ROOT / relative)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
