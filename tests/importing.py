"""Helpers shared by the import tests: the fixture library and a run of `retro import`."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner, Result

from retro_reviews.cli import cli

DATA = Path(__file__).parent / "data" / "import"
LIBRARY = DATA / "library"


def copy_library(project: Path, name: str = "old") -> Path:
    """The fixture postmortems copied into ``project/<name>``."""
    target = project / name
    shutil.copytree(LIBRARY, target)
    return target


def run_import(project: Path, *args: str) -> Result:
    config = project / "retro.yml"
    if not config.exists():
        config = project / "mkdocs.yml"
    return CliRunner().invoke(cli, ["--config", str(config), "import", *args])
