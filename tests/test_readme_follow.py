"""The README's follow-through examples are real: each command is run on the sample library."""

from __future__ import annotations

import re
import shlex

import pytest
from click.testing import CliRunner

from conftest import ROOT
from retro_reviews.cli import cli


def examples() -> list[tuple[str, str]]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    lines = readme.split("## Follow-through from the terminal\n", 1)[1].splitlines(True)
    fenced, kept = False, []
    for line in lines:  # up to the next level-2 heading outside a code block
        fenced ^= line.startswith("```")
        if line.startswith("## ") and not fenced:
            break
        kept.append(line)
    section = "".join(kept)
    found = []
    for block in re.findall(r"```console\n(.*?)```", section, re.DOTALL):
        command, _, output = block.partition("\n")
        found.append((command.removeprefix("$ "), output))
    return found


def test_the_section_has_an_example_of_each_command() -> None:
    commands = {shlex.split(command)[1] for command, _ in examples()}
    assert commands >= {"list", "show", "actions", "checklist", "statement", "stats", "digest"}


@pytest.mark.parametrize(("command", "expected"), examples(), ids=lambda v: v[:40])
def test_readme_example_output(
    command: str, expected: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    argv = shlex.split(command)
    assert argv[0] == "retro"
    result = CliRunner().invoke(cli, ["--config", str(ROOT / "mkdocs.yml"), *argv[1:]])
    assert result.exit_code == 0, result.output
    assert result.output == expected
