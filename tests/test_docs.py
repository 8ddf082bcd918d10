"""Every command and option is documented, with an example; the README's CI snippets work."""

from __future__ import annotations

import re
from collections.abc import Iterator

import click
import pytest
import yaml

from conftest import ROOT
from retro_reviews import __version__
from retro_reviews.cli import cli
from test_ci_files import invocations, resolve, shell_lines


def commands() -> Iterator[tuple[str, click.Command]]:
    yield "retro", cli
    for name, command in cli.commands.items():
        yield f"retro {name}", command


@pytest.mark.parametrize(("name", "command"), list(commands()), ids=lambda v: str(v))
def test_every_command_has_help_with_an_example(name: str, command: click.Command) -> None:
    assert command.help and command.help.strip(), name
    assert re.search(r"^\s+retro ", command.help, re.MULTILINE), f"{name}: no example"


@pytest.mark.parametrize(("name", "command"), list(commands()), ids=lambda v: str(v))
def test_every_option_has_help(name: str, command: click.Command) -> None:
    for param in command.params:
        if isinstance(param, click.Option):
            assert param.help and param.help.strip(), f"{name} {param.opts}"


def readme_blocks(language: str) -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Use in CI", 1)[1].split("\n## ", 1)[0]
    return re.findall(rf"```{language}\n(.*?)```", section, re.DOTALL)


def test_readme_has_use_in_ci_with_the_three_snippets() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "## Use in CI" in readme
    for heading in ("### GitHub Actions", "### GitLab CI", "### pre-commit"):
        assert heading in readme
    # The snippets pin the version being documented.
    assert set(re.findall(r"retro-reviews==([0-9][^\"]*)", readme)) == {__version__}


def test_readme_yaml_snippets_parse_and_their_commands_exist() -> None:
    blocks = readme_blocks("yaml")
    assert len(blocks) == 3
    found = []
    for block in blocks:
        document = yaml.safe_load(block)
        found += [argv for line in shell_lines(document) for argv in invocations(line)]
    assert sum(argv[0] == "retro" for argv in found) >= 4
    for argv in found:
        resolve(argv)


def test_readme_json_example_matches_the_format() -> None:
    import json

    (block,) = readme_blocks("json")
    example = json.loads(block)
    assert set(example) == {"version", "tool", "retro_version", "summary", "files", "findings"}
    assert set(example["findings"][0]) == {"path", "line", "column", "rule", "level", "message"}


def test_readme_format_table_has_every_field_and_every_option() -> None:
    from retro_reviews.config import OPTIONS
    from retro_reviews.schema import FRONT_MATTER

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("### The format", 1)[1].split("\n\n**Statuses.**", 1)[0]
    for field in FRONT_MATTER:
        assert f"`{field.name}`" in table, field.name
    for option in OPTIONS:
        assert f"{option.name}:" in readme, option.name
