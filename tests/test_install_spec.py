"""Every install instruction names this project's distribution at its current version.

The name ``retro`` on the package index belongs to another project, so an instruction that
says ``pip install retro`` (or pins a version that is not ours) installs the wrong thing.
"""

from __future__ import annotations

import re
import shlex
import tomllib
from pathlib import Path

import click
import pytest
import yaml

from conftest import ROOT
from retro_reviews import DISTRIBUTION as DECLARED
from retro_reviews import __version__
from retro_reviews.cli import cli
from retro_reviews.init import ADOPTER_INSTALL, CI_FILES, render_ci_file

DISTRIBUTION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
    "name"
]
REPO_URL = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["repo_url"]
PINNED = f"{DISTRIBUTION}=={__version__}"
FROM_GIT = f"{DISTRIBUTION} @ git+{REPO_URL}@v{__version__}"
# What else an instruction may install: this checkout (contributors, this repo's CI) and the
# optional site generator the README explains.
OTHERS = {"-e", ".", ".[test]", "properdocs"}
DOCS = ["README.md", "SECURITY.md", "CONTRIBUTING.md", "ARCHITECTURE.md", "bench/README.md"]


def instructions(text: str) -> list[list[str]]:
    """The arguments of every ``pip install`` in ``text`` (to the end of its line or code)."""
    found = []
    for tail in re.findall(r"pip install ([^\n`]+)", text):
        tail = tail.split(" #")[0].rstrip("'")
        found.append(shlex.split(tail))
    return found


def texts() -> list[tuple[str, str]]:
    named = [(name, (ROOT / name).read_text(encoding="utf-8")) for name in DOCS]
    named += [
        (str(path.relative_to(ROOT)), path.read_text(encoding="utf-8"))
        for folder in ("docs", "tooling/retro_reviews")
        for path in sorted((ROOT / folder).rglob("*"))
        if path.suffix in (".md", ".yml", ".yaml", ".j2") and path.is_file()
    ]
    named += [(f"retro init: {target}", render_ci_file(data)) for target, data in CI_FILES.items()]
    context = click.Context(cli)
    named += [
        (f"retro {name} --help", getattr(cli.get_command(context, name), "help", None) or "")
        for name in cli.list_commands(context)
    ]
    return named


def init_specs(text: str) -> list[str]:
    """The requirements given to ``retro init --install`` in ``text``."""
    return re.findall(r'retro init [^\n]*--install "([^"]+)"', text)


@pytest.mark.parametrize(("name", "text"), texts(), ids=lambda v: v if "\n" not in v else "")
def test_every_install_line_names_our_distribution_and_version(name: str, text: str) -> None:
    for argv in instructions(text):
        for arg in argv:
            if arg.startswith("--") or arg in OTHERS:
                continue
            assert arg in (PINNED, FROM_GIT), f"{name}: pip install {' '.join(argv)}"
    for spec in init_specs(text):
        assert spec in (PINNED, FROM_GIT), f"{name}: retro init --install {spec}"
    assert not re.search(r"\bretro==", text), name


def test_the_readme_shows_both_forms_and_init_writes_the_pinned_one() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    specs = {arg for argv in instructions(readme) for arg in argv}
    assert {PINNED, FROM_GIT} <= specs
    assert init_specs(readme) == [FROM_GIT]
    assert DECLARED == DISTRIBUTION
    assert shlex.split(ADOPTER_INSTALL) == ["pip", "install", PINNED]


def test_the_pre_commit_rev_is_the_release_tag() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    remote = [
        repo
        for block in re.findall(r"```yaml\n(.*?)```", readme, re.DOTALL)
        if "repos" in (document := yaml.safe_load(block)) or {}
        for repo in document["repos"]
        if repo["repo"] != "local"
    ]
    assert remote == [
        {"repo": REPO_URL, "rev": f"v{__version__}", "hooks": [{"id": "retro-check"}]}
    ]


def test_the_instructions_parser_finds_what_it_should() -> None:
    text = 'run: pip install "retro==0.1.0"\n`pip install -e ".[test]"` and pip install retro'
    assert instructions(text) == [["retro==0.1.0"], ["-e", ".[test]"], ["retro"]]
    assert Path(ROOT / "pyproject.toml").is_file()


@pytest.mark.parametrize(
    "name", ["README.md", "CONTRIBUTING.md", "SECURITY.md", ".pre-commit-hooks.yaml"]
)
def test_every_release_tag_named_is_the_current_one(name: str) -> None:
    text = (ROOT / name).read_text(encoding="utf-8")
    assert set(re.findall(r"\bv(\d+\.\d+\.\d+)\b", text)) <= {__version__}, name
