"""The README's `retro import` section says what the code does: its synonym table is the
default table, and its example report is the real output."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from importing import LIBRARY, run_import
from retro_reviews.config import RetroConfig
from retro_reviews.importer.build import SECTION_FIELDS
from retro_reviews.importer.synonyms import DEFAULT_SECTIONS
from retro_reviews.render.guide import render_guide

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")


def test_readme_table_lists_every_section_its_headings_and_its_field() -> None:
    rows = dict(re.findall(r"^\| `(\w+)` \| (.+) \|$", README, re.M))
    assert set(DEFAULT_SECTIONS) <= set(rows)
    for section, names in DEFAULT_SECTIONS.items():
        headings, fills = rows[section].rsplit(" | ", 1)
        assert headings.split(", ") == list(names)
        field = SECTION_FIELDS.get(section)
        assert fills == (f"`{field}`" if field else "the body only")


def test_readme_example_report_is_the_real_output(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    block = README.split("```text\n$ retro import ", 1)[1].split("```\n", 1)[0]
    command, expected = block.split("\n", 1)
    (project / "old").mkdir()
    for name in command.split():
        shutil.copy(LIBRARY / Path(name).name, project / name)
    monkeypatch.chdir(project)
    result = run_import(project, *command.split())
    assert result.output == expected


def test_the_sites_guide_tells_how_old_postmortems_come_in(tmp_path: Path) -> None:
    guide = render_guide(RetroConfig(root=tmp_path))
    assert "`retro import PATH...`" in guide
    assert "`status: imported`" in guide
