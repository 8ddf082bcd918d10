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
    context = click.Context(cli)
    for name in cli.list_commands(context):  # the commands imported on first use too
        command = cli.get_command(context, name)
        assert command is not None, name
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
    assert set(re.findall(r"retro-reviews==([0-9][0-9A-Za-z.+-]*)", readme)) == {__version__}


def test_readme_yaml_snippets_parse_and_their_commands_exist() -> None:
    blocks = readme_blocks("yaml")
    assert len(blocks) == 4  # GitHub, GitLab, pre-commit local and from retro's repository
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


def readme_section(heading: str) -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"\n{heading}\n" in readme, heading
    return readme.split(f"\n{heading}\n", 1)[1].split("\n## ", 1)[0]


def test_readme_puts_the_team_first_and_development_last() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    prose = re.sub(r"^```.*?^```", "", readme, flags=re.MULTILINE | re.DOTALL)
    headings = re.findall(r"^## (.+)$", prose, re.MULTILINE)
    assert headings[0] == "Adopt it in your repository"
    assert headings[-1] == "Developing retro"
    for later in ("Writing a review", "Checking reviews", "The learning library", "Use in CI"):
        assert headings.index(later) > 0
    assert headings.index("Configuration") == len(headings) - 2
    # The team's path, in order, in the first section.
    adopt = readme_section("## Adopt it in your repository")
    steps = [adopt.index(f"\nretro {verb}") for verb in ("init", "new", "check", "serve")]
    assert adopt.index("\npip install ") < steps[0] and steps == sorted(steps)
    # Contributors' paths stay out of the team's sections.
    assert ".venv/bin" not in readme.split("\n## Developing retro\n")[0]


def test_readme_screenshot_exists_and_is_small() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    (image,) = re.findall(r"!\[[^\]]+\]\(([^)]+\.png)\)", readme)
    path = ROOT / image
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert path.stat().st_size < 200_000


def test_readme_links_to_files_that_exist() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for target in re.findall(r"\]\(([A-Za-z][\w./-]*\.md)(?:#[\w-]+)?\)", readme):
        assert (ROOT / target).is_file(), target


def test_readme_explains_mkdocs_material_and_properdocs() -> None:
    section = readme_section("### MkDocs 1.x, Material's banner and ProperDocs")
    for words in ("MkDocs 2.0", "NO_MKDOCS_2_WARNING", "pip install properdocs", "mkdocs>=1.6,<2"):
        assert words in section, words
