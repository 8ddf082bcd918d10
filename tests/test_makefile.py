"""The two commands of a fresh clone: ``make serve`` and ``make test``, as the README says."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from conftest import ROOT

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def dry_run(target: str) -> list[str]:
    """The commands ``make TARGET`` would run from scratch (``-n -B``: nothing runs)."""
    done = subprocess.run(
        ["make", "--no-print-directory", "-n", "-B", target],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.splitlines()


def pip_installs(lines: list[str]) -> list[str]:
    return [line for line in lines if " pip install " in line]


def test_the_readme_names_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Developing retro\n", 1)[1]
    (block,) = re.findall(r"```sh\n(.*?)```", section, re.DOTALL)
    assert [line.split("#")[0].strip() for line in block.splitlines()] == [
        "make serve",
        "make test",
    ]


def test_make_serve_installs_only_what_serving_needs() -> None:
    lines = dry_run("serve")
    (install,) = pip_installs(lines)
    assert install.endswith(" -e .")
    assert "[test]" not in "\n".join(lines)
    assert lines[-1].endswith("retro serve --dev-addr 127.0.0.1:8000")  # it checks first


def test_make_test_installs_the_test_tools() -> None:
    lines = dry_run("test")
    assert any(line.endswith('-e ".[test]"') for line in pip_installs(lines))
    assert lines[-1].endswith("-m pytest")
