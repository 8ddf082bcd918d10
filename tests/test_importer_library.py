"""The import bars on every fixture postmortem: no lost lines, sections in their fields."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from importing import DATA, LIBRARY, copy_library, run_import
from retro_reviews.cli import cli
from retro_reviews.importer.foreign import read_front_matter
from retro_reviews.importer.reading import decode
from sitelib import build, write_library

FIELDS = {
    "root_cause": ("root_cause",),
    "impact": ("impact", "summary"),
    "action_items": ("action_items",),
    "lessons": ("lessons",),
}


def _imported(project: Path) -> dict[str, tuple[dict, str]]:
    """source file name -> (front matter, whole text) of every imported review."""
    found = {}
    for path in (project / "reviews").rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        meta = yaml.safe_load(text.split("\n---\n", 1)[0].removeprefix("---\n"))
        found[Path(meta["source"]["path"]).name] = (meta, text)
    return found


def _value(meta: dict, path: tuple[str, ...]) -> object:
    value: object = meta
    for part in path:
        value = value.get(part) if isinstance(value, dict) else None
    return value


def test_every_fixture_imports_keeps_its_lines_and_lands_its_sections(project: Path) -> None:
    copy_library(project)
    result = run_import(project, str(project / "old"))
    assert result.exit_code == 0, result.output
    imported = _imported(project)
    sources = sorted(p.name for p in LIBRARY.iterdir())
    assert sorted(imported) == sources

    kept = total = 0
    for path in LIBRARY.iterdir():
        body = read_front_matter(decode(path.read_bytes())[0].replace("\r\n", "\n")).body
        text = imported[path.name][1]
        for line in body.split("\n"):
            if line.strip():
                total += 1
                kept += line.strip() in text
    assert kept / total >= 0.99, f"{kept} of {total} source lines kept"

    expected = yaml.safe_load((DATA / "expected.yml").read_text(encoding="utf-8"))
    present = landed = 0
    missed = []
    for name, sections in expected.items():
        meta = imported[name][0]
        for section in sections:
            present += 1
            if _value(meta, FIELDS[section]):
                landed += 1
            else:
                missed.append(f"{name}: {section}")
    assert landed / present >= 0.90, f"{landed} of {present} sections landed; missed {missed}"


def test_a_freshly_imported_library_passes_check(project: Path) -> None:
    copy_library(project)
    assert run_import(project, str(project / "old")).exit_code == 0
    result = CliRunner().invoke(cli, ["--config", str(project / "retro.yml"), "check"])
    assert result.exit_code == 0, result.output
    count = len(list(LIBRARY.iterdir()))
    assert f"Checked {count} files: 0 errors" in result.output


@pytest.mark.slow
def test_a_freshly_imported_library_builds_as_a_site(tmp_path: Path) -> None:
    root = write_library(tmp_path / "site-project", {}, "      show_status: [published, imported]")
    copy_library(root)
    result = run_import(root, str(root / "old"))
    assert result.exit_code == 0, result.output
    built = build(root)
    assert built.returncode == 0, built.stderr
    for review in (root / "reviews").rglob("*.md"):
        page = root / "site" / "reviews" / review.parent.name / review.stem / "index.html"
        assert page.is_file(), page
