"""``retro init``: an empty folder becomes a working library; nothing is ever overwritten."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from retro_reviews.cli import cli
from retro_reviews.init import CI_FILES, render_ci_file

RETRO = Path(sys.executable).parent / "retro"
MKDOCS = Path(sys.executable).parent / "mkdocs"
EXPECTED = [
    "reviews/",
    "docs/",
    "templates/customer-mistake.md.j2",
    "templates/incident.md.j2",
    "templates/near-miss.md.j2",
    "templates/statement.md.j2",
    "mkdocs.yml",
    ".github/workflows/reviews.yml",
    ".github/pull_request_template.md",
    ".gitlab-ci.yml",
    ".pre-commit-config.yaml",
]


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_init_creates_everything_in_a_new_folder(tmp_path: Path) -> None:
    target = tmp_path / "acme-support"
    result = run("init", str(target))
    assert result.exit_code == 0
    assert result.output == (
        f"Created in {target}:\n"
        + "".join(f"  {name}\n" for name in EXPECTED)
        + 'Next: retro new "What happened, in a few words" --kind incident\n'
    )
    assert (target / "reviews/.gitkeep").read_text() == ""
    assert (target / "docs/.gitkeep").is_file()
    for target_name, data_name in CI_FILES.items():
        assert (target / target_name).read_text() == render_ci_file(data_name)


def test_mkdocs_yml_configures_the_plugin(tmp_path: Path) -> None:
    run("init", str(tmp_path / "acme-support"))
    config = yaml.safe_load((tmp_path / "acme-support/mkdocs.yml").read_text())
    assert config == {
        "site_name": "Acme-support learning library",
        "docs_dir": "docs",
        "theme": {
            "name": "material",
            "font": False,
            "features": ["navigation.indexes", "search.highlight", "content.action.edit"],
        },
        "plugins": ["search", "tags", {"retro": {"show_status": ["published"]}}],
    }


def test_odd_folder_names_stay_valid_yaml(tmp_path: Path) -> None:
    target = tmp_path / "ops: #1"
    run("init", str(target))
    config = yaml.safe_load((target / "mkdocs.yml").read_text())
    assert config["site_name"] == "Ops: #1 learning library"


def test_init_never_overwrites(tmp_path: Path) -> None:
    target = tmp_path / "team"
    (target / "reviews/2026").mkdir(parents=True)
    (target / "mkdocs.yml").write_text("site_name: Ours\n")
    (target / "templates").mkdir()
    (target / "templates/incident.md.j2").write_text("our template\n")
    result = run("init", str(target))
    assert result.exit_code == 0
    assert (
        "Already there, left as they were:\n  reviews/\n  templates/incident.md.j2\n"
        "  mkdocs.yml\n" in result.output
    )
    assert (target / "mkdocs.yml").read_text() == "site_name: Ours\n"
    assert (target / "templates/incident.md.j2").read_text() == "our template\n"
    assert not (target / "reviews/.gitkeep").exists()
    assert (target / "templates/near-miss.md.j2").is_file()


def test_second_run_creates_nothing(tmp_path: Path) -> None:
    run("init", str(tmp_path))
    result = run("init", str(tmp_path))
    assert result.exit_code == 0
    assert result.output.endswith("Nothing to create: retro is already set up here.\n")
    assert "Created" not in result.output


def test_default_is_the_current_folder(tmp_path: Path, chdir) -> None:
    chdir(tmp_path)
    result = run("init")
    assert result.output.startswith("Created in .:\n")
    assert (tmp_path / "mkdocs.yml").is_file()


def test_a_file_is_not_a_folder(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    result = run("init", str(tmp_path / "file"))
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_new_and_check_work_after_init(tmp_path: Path) -> None:
    target = tmp_path / "fresh"
    assert run("init", str(target)).exit_code == 0
    new = subprocess.run(
        [str(RETRO), "new", "First review", "--kind", "incident", "--date", "2026-05-01"],
        cwd=target,
        capture_output=True,
        text=True,
    )
    assert new.stdout == "reviews/2026/2026-05-01-first-review.md\n", new.stderr
    check = subprocess.run([str(RETRO), "check"], cwd=target, capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    # A fresh draft: its gaps are warnings, never errors.
    assert re.search(r"\nChecked 1 file: 0 errors, \d+ warnings\.\n$", check.stdout)
    assert "[empty-section]" in check.stdout


@pytest.mark.slow
def test_mkdocs_build_strict_works_after_init(tmp_path: Path) -> None:
    pytest.importorskip("retro_reviews.mkdocs_plugin.plugin")
    target = tmp_path / "fresh"
    assert run("init", str(target)).exit_code == 0
    subprocess.run(
        [str(RETRO), "new", "First review", "--kind", "incident"],
        cwd=target,
        check=True,
        capture_output=True,
    )
    build = subprocess.run(
        [str(MKDOCS), "build", "--strict"], cwd=target, capture_output=True, text=True
    )
    assert build.returncode == 0, build.stderr
    assert (target / "site/index.html").is_file()
