"""The ``overdue-action`` rule, through the CLI: follow-through shown on every pull request."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from retro_reviews.cli import cli

REVIEW = "reviews/2026/2026-03-01-wrong-colour-shipped.md"
MESSAGE = (
    "action item 'Give each colour variant its own bin' (owner: Warehouse team) was due "
    "2026-04-30, 32 days ago, and is still open; finish it, or set a new due date with the owner "
    "(to keep it open on purpose, put `# retro-allow: overdue-action` on the line above the item)"
)


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def action_line(path: Path) -> int:
    lines = path.read_text().splitlines()
    return next(n for n, line in enumerate(lines, 1) if line.strip().startswith("- action:"))


def test_open_overdue_item_of_a_published_review_warns(project: Path, write_review, chdir) -> None:
    path = write_review("2026-03-01-wrong-colour-shipped", action_status="open")
    chdir(project)
    result = run("check")
    (line,) = [row for row in result.output.splitlines() if "[overdue-action]" in row]
    assert line.startswith(f"{REVIEW}:{action_line(path)}:")
    assert line.endswith(f" warning [overdue-action] {MESSAGE}")
    assert result.output.endswith("Checked 1 file: 0 errors, 1 warning.\n")
    assert result.exit_code == 0


def test_in_the_github_format_it_is_a_warning_annotation(
    project: Path, write_review, chdir
) -> None:
    write_review("2026-03-01-wrong-colour-shipped", action_status="open")
    chdir(project)
    result = run("check", "--format", "github")
    assert f"::warning file={REVIEW},line=" in result.output
    assert ",title=retro overdue-action::" in result.output
    assert result.exit_code == 0


@pytest.mark.parametrize(
    ("overrides", "today"),
    [
        ({"action_status": "done"}, "2026-06-01"),
        ({"action_status": "open", "status": "in-review"}, "2026-06-01"),
        ({"action_status": "open", "status": "draft"}, "2026-06-01"),
        ({"action_status": "open"}, "2026-04-30"),  # due today: not yet overdue
    ],
    ids=["done", "in-review", "draft", "due-today"],
)
def test_no_warning(
    project: Path,
    write_review,
    chdir,
    monkeypatch: pytest.MonkeyPatch,
    overrides: dict[str, str],
    today: str,
) -> None:
    monkeypatch.setenv("RETRO_TODAY", today)
    write_review("2026-03-01-wrong-colour-shipped", **overrides)
    chdir(project)
    data = json.loads(run("check", "--format", "json").output)
    assert [f for f in data["findings"] if f["rule"] == "overdue-action"] == []


def test_one_day_overdue(
    project: Path, write_review, chdir, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RETRO_TODAY", "2026-05-01")
    write_review("2026-03-01-wrong-colour-shipped", action_status="open")
    chdir(project)
    assert "was due 2026-04-30, 1 day ago, and is still open" in run("check").output


def test_strict_makes_it_fail(project: Path, write_review, chdir) -> None:
    write_review("2026-03-01-wrong-colour-shipped", action_status="open")
    chdir(project)
    result = run("check", "--strict")
    assert " error [overdue-action] " in result.output
    assert result.exit_code == 1


def test_configured_as_error_or_off(project: Path, write_review, chdir) -> None:
    write_review("2026-03-01-wrong-colour-shipped", action_status="open")
    chdir(project)
    (project / "retro.yml").write_text("rules:\n  overdue-action: error\n")
    assert run("check").exit_code == 1
    (project / "retro.yml").write_text("rules:\n  overdue-action: off\n")
    result = run("check")
    assert "overdue-action" not in result.output
    assert result.exit_code == 0
