"""ProperDocs (the maintained fork of MkDocs 1.x) builds the same library as MkDocs."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
GENERATOR = re.compile(r'<meta name="generator" content="[^"]*">')


def _build(tool: str, project: Path, site: Path) -> None:
    env = {**os.environ, "RETRO_TODAY": "2026-06-01", "NO_MKDOCS_2_WARNING": "1"}
    env.pop("RETRO_PUBLIC", None)
    result = subprocess.run(
        [sys.executable, "-m", tool, "build", "--strict", "-d", str(site)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, (tool, result.stderr[-3000:])


def _pages(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): GENERATOR.sub("", p.read_text(encoding="utf-8"))
        for p in site.rglob("*.html")
        if not p.relative_to(site).as_posix().startswith("pagefind/")
    }


def test_properdocs_builds_the_sample_library_as_mkdocs_does(tmp_path: Path) -> None:
    pytest.importorskip("properdocs")
    project = tmp_path / "library"
    project.mkdir()
    for name in ("mkdocs.yml", "retro.yml", "docs", "reviews", "templates"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, project / name)
        elif source.is_file():
            shutil.copy(source, project / name)
    _build("mkdocs", project, tmp_path / "mkdocs-site")
    _build("properdocs", project, tmp_path / "properdocs-site")
    ours, theirs = _pages(tmp_path / "mkdocs-site"), _pages(tmp_path / "properdocs-site")
    assert len(ours) >= 30  # the sample reviews and every listing page
    assert sorted(ours) == sorted(theirs)
    for name, html in ours.items():
        assert html == theirs[name], name
    assert (tmp_path / "properdocs-site" / "pagefind" / "pagefind.js").is_file()
