"""Shared fixtures: a project folder in tmp_path, a git repository with a fixed author."""

from __future__ import annotations

import os
import subprocess
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test Author",
    "GIT_AUTHOR_EMAIL": "author@example.invalid",
    "GIT_COMMITTER_NAME": "Test Author",
    "GIT_COMMITTER_EMAIL": "author@example.invalid",
    "GIT_CONFIG_NOSYSTEM": "1",
}


@pytest.fixture(autouse=True)
def _stable_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Tests never see the developer's git config, public flag or clock override."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    (tmp_path / "home").mkdir(exist_ok=True)
    for name, value in GIT_ENV.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("RETRO_PUBLIC", raising=False)
    monkeypatch.delenv("RETRO_SHOW_STATUS", raising=False)
    monkeypatch.setenv("RETRO_TODAY", "2026-06-01")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """An empty project: a folder with an empty retro.yml and a reviews folder."""
    root = tmp_path / "project"
    (root / "reviews").mkdir(parents=True)
    (root / "retro.yml").write_text("")
    return root


def git(cwd: Path, *args: str) -> str:
    env = {**os.environ, **GIT_ENV}
    return subprocess.run(
        ["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True
    ).stdout


@pytest.fixture
def git_project(project: Path) -> Path:
    """``project`` as a git repository on branch main with one commit."""
    git(project, "init", "-q", "-b", "main")
    git(project, "config", "user.name", "Test Author")
    git(project, "config", "user.email", "author@example.invalid")
    git(project, "add", "-A")
    git(project, "commit", "-q", "--allow-empty", "-m", "start")
    return project


COMPLETE_REVIEW = """\
---
title: {title}
date: {date}
status: {status}
kind: {kind}
severity: medium
visibility: {visibility}
authors: ["Support team"]
areas: [{areas}]
tags: [{tags}]
what_went_wrong: "Forty orders were packed with the wrong colour of the same jumper."
impact:
  summary: "Forty customers received the wrong colour and had to wait for an exchange."
  customers_affected: 40
  cost: "€1,200 in shipping"
timeline:
  started: 2026-03-01T08:00:00Z
  detected: 2026-03-02T10:00:00Z
  resolved: 2026-03-03T16:00:00Z
root_cause: "Two colour variants shared one shelf bin and the packing slip showed no colour."
contributing_factors: ["Look-alike items stored side by side", "Manual step without a checklist"]
customer_response:
  acknowledged: 2026-03-02
  apology: "We told each customer what happened and said sorry."
  remedy: "We sent the right colour by express and collected the wrong one."
  goodwill: "A 15% voucher for the next order."
checklist_changes:
  - checklist: "Pick and pack checklist"
    change: add
    item: "{item}"
action_items:
  - action: "Give each colour variant its own bin"
    owner: "Warehouse team"
    due: 2026-04-30
    status: {action_status}
lessons: ["Variants that look alike need separate bins."]
related: [{related}]
---
## Summary

Forty orders went out with the wrong colour of a jumper over two days.

## Timeline

Picking started on the 1st; a customer wrote on the 2nd; bins were split on the 3rd.

## What happened

The two colours shared a bin and the slip listed only the product name.

## Customer response

Every customer got an apology, the right item by express and a voucher.

## What went well

Support spotted the pattern after two messages.

## Where we got lucky

It was a slow week, so only forty orders were affected.

## Follow-up

Bins are split per variant and slips show the colour.
"""


def review_text(**overrides: str) -> str:
    """A complete customer-mistake review; any field of the template can be overridden."""
    values = {
        "title": "Wrong colour shipped to forty customers",
        "date": "2026-03-01",
        "status": "published",
        "kind": "customer-mistake",
        "visibility": "public",
        "areas": "warehouse",
        "tags": "checklist",
        "item": "Compare the item's colour with the packing slip",
        "action_status": "done",
        "related": "",
    }
    values.update(overrides)
    return COMPLETE_REVIEW.format(**values)


@pytest.fixture
def write_review(project: Path) -> Callable[..., Path]:
    """Write a review file into ``project``: ``write_review("2026-03-01-x", text)``."""

    def write(review_id: str, text: str | None = None, **overrides: str) -> Path:
        year = review_id[:4]
        path = project / "reviews" / year / f"{review_id}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        if text is None:
            overrides.setdefault("date", review_id[:10])
            overrides.setdefault("item", f"Compare the colour with the slip ({review_id})")
            text = review_text(**overrides)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return write


@pytest.fixture
def chdir(monkeypatch: pytest.MonkeyPatch) -> Callable[[Path], None]:
    return lambda path: monkeypatch.chdir(path)


@pytest.fixture
def sample_root() -> Iterator[Path]:
    yield ROOT


@pytest.fixture
def retro(project: Path) -> Callable[..., object]:
    """Run the CLI on ``project``: ``retro("check", "--strict")`` -> click Result."""
    from click.testing import CliRunner

    from retro_reviews.cli import cli

    def run(*args: str, **kwargs: object) -> object:
        return CliRunner().invoke(cli, ["--config", str(project / "retro.yml"), *args], **kwargs)

    return run


def findings_of(output: str, rule: str) -> list[str]:
    """The output lines of one rule's findings."""
    return [line for line in output.splitlines() if f"[{rule}]" in line]
