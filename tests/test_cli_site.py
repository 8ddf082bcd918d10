"""``retro build`` and ``retro serve``: check first, then the site, from any folder."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import review_text

RETRO = Path(sys.executable).parent / "retro"
pytestmark = pytest.mark.slow


@pytest.fixture
def library(tmp_path: Path) -> Path:
    root = tmp_path / "team"
    done = subprocess.run(
        [str(RETRO), "init", str(root), "--ci", "none"], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    folder = root / "reviews/2026"
    folder.mkdir(parents=True)
    (folder / "2026-03-01-wrong-colour-shipped.md").write_text(review_text(), encoding="utf-8")
    return root


def retro(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(RETRO), *args], cwd=cwd, capture_output=True, text=True)


def test_build_from_a_subfolder_checks_then_builds(library: Path) -> None:
    done = retro("build", "--strict", cwd=library / "reviews/2026")
    assert done.returncode == 0, done.stderr
    assert done.stdout == "Checked 1 file: 0 errors, 0 warnings.\n"
    page = library / "site/reviews/2026/2026-03-01-wrong-colour-shipped/index.html"
    assert "Wrong colour shipped" in page.read_text(encoding="utf-8")
    assert "MkDocs 2.0" not in done.stderr  # Material's banner, explained in the README
    assert "not included in the" not in done.stderr


def test_build_site_dir_is_relative_to_where_it_is_run(library: Path) -> None:
    done = retro("build", "--site-dir", "public", cwd=library / "reviews")
    assert done.returncode == 0, done.stderr
    assert (library / "reviews/public/index.html").is_file()


def test_errors_stop_the_build_unless_no_check(library: Path) -> None:
    broken = library / "reviews/2026/2026-03-02-wrong-kind.md"
    broken.write_text(review_text(date="2026-03-02", kind="nonsense", item="Other"))
    done = retro("build", cwd=library)
    assert done.returncode == 1
    assert "[" in done.stdout and "Checked 2 files: 1 error" in done.stdout
    assert done.stderr.endswith(
        "Error: the reviews have errors; fix them, or build with --no-check.\n"
    )
    assert not (library / "site").exists()
    done = retro("build", "--no-check", cwd=library)
    assert done.returncode == 0, done.stderr
    assert (library / "site/index.html").is_file()


def test_a_failing_build_passes_its_exit_code_on(library: Path) -> None:
    (library / "mkdocs.yml").write_text(
        "site_name: Team\ntheme:\n  name: no-such-theme\nplugins:\n  - retro\n"
    )
    done = retro("build", cwd=library)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("verb", ["build", "serve"])
def test_a_site_without_the_retro_plugin_is_refused_with_what_to_add(
    library: Path, verb: str
) -> None:
    # A team's own mkdocs.yml, kept by retro init: without the plugin the site would be
    # built, silently, with no library in it.
    (library / "mkdocs.yml").write_text(
        "site_name: Ops handbook\ntheme:\n  name: material\nplugins:\n  - search\n"
    )
    done = retro(verb, cwd=library)
    assert done.returncode == 2
    assert done.stderr == (
        "Error: mkdocs.yml does not load the retro plugin, so the site would have no library "
        "in it: add it to the plugins:\n"
        "plugins:\n  - retro:\n      show_status: [published, imported]\n"
    )
    assert not (library / "site").exists()


def test_a_site_that_inherits_the_plugin_is_built(library: Path) -> None:
    # MkDocs' INHERIT: the plugin is in the file the site's configuration builds on.
    (library / "mkdocs.yml").rename(library / "base.yml")
    (library / "mkdocs.yml").write_text("INHERIT: base.yml\nsite_name: Child\n")
    done = retro("build", cwd=library)
    assert done.returncode == 0, done.stderr
    assert (library / "site/reviews/2026/2026-03-01-wrong-colour-shipped/index.html").is_file()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_serve_checks_then_serves_the_library(library: Path) -> None:
    address = f"127.0.0.1:{free_port()}"
    server = subprocess.Popen(
        [str(RETRO), "serve", "--dev-addr", address],
        cwd=library / "docs",
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "RETRO_JOBS": "1"},
    )
    try:
        html = ""
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and server.poll() is None:
            try:
                with urllib.request.urlopen(f"http://{address}/", timeout=5) as response:
                    html = response.read().decode("utf-8")
                break
            except OSError:
                time.sleep(0.5)
        assert "learning library" in html, server.poll()
    finally:
        server.terminate()  # as a process manager stops it: the generator stops too
        out, _err = server.communicate(timeout=60)
    assert out.startswith("Checked 1 file: 0 errors, 0 warnings.\n")
    assert server.returncode == 128 + 15
