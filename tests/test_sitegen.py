"""Which site generator builds the library, and with which command line."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from retro_reviews import sitegen
from retro_reviews.config import load_config
from retro_reviews.errors import RetroError


def installed(*names: str):
    return lambda name: object() if name in names else None


@pytest.mark.parametrize(
    ("names", "engine"),
    [
        (("properdocs", "mkdocs"), "properdocs"),
        (("mkdocs",), "mkdocs"),
        (("properdocs",), "properdocs"),
    ],
)
def test_properdocs_when_installed_else_mkdocs(monkeypatch, names, engine: str) -> None:
    monkeypatch.setattr(sitegen.importlib.util, "find_spec", installed(*names))
    assert sitegen.find_engine().name == engine


def test_neither_installed_is_a_clear_error(monkeypatch) -> None:
    monkeypatch.setattr(sitegen.importlib.util, "find_spec", installed())
    with pytest.raises(RetroError, match="neither ProperDocs nor MkDocs is installed"):
        sitegen.find_engine()


def test_the_command_line_names_the_projects_configuration(project: Path) -> None:
    (project / "mkdocs.yml").write_text("site_name: Team\n")
    config = load_config(project)
    argv = sitegen.SiteEngine("mkdocs").argv(
        "build", sitegen.site_config_file(config), ["--strict"]
    )
    assert argv == [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "--config-file",
        str(project / "mkdocs.yml"),
        "--strict",
    ]


def test_properdocs_yml_is_preferred_when_present(project: Path) -> None:
    (project / "mkdocs.yml").write_text("site_name: Team\n")
    (project / "properdocs.yml").write_text("site_name: Team\n")
    assert sitegen.site_config_file(load_config(project)).name == "properdocs.yml"


def test_a_project_without_a_site_configuration(project: Path) -> None:
    with pytest.raises(RetroError) as raised:
        sitegen.site_config_file(load_config(project))
    assert str(raised.value) == (
        f"no mkdocs.yml in {project}: the site needs one (`retro init` writes it)"
    )
