"""The forge of a repository, from its git remote's URL."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import git
from retro_reviews.forge import Forge, detect_forge, forge_of_host, remote_host


@pytest.mark.parametrize(
    ("url", "host", "forge"),
    [
        ("git@github.com:acme/reviews.git", "github.com", "github"),
        ("https://user@github.acme.example/acme/reviews", "github.acme.example", "github"),
        ("ssh://git@gitlab.com:22/acme/reviews", "gitlab.com", "gitlab"),
        ("https://git.example.com/learning/retro", "git.example.com", "none"),
        ("/srv/git/reviews.git", None, None),
        ("file:///srv/git/reviews.git", None, None),
    ],
)
def test_forge_from_remote_url(url: str, host: str | None, forge: str | None) -> None:
    assert remote_host(url) == host
    if host is not None:
        assert forge_of_host(host) == forge


def test_detect_forge_reads_origin_first(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q", "-b", "main")
    assert detect_forge(tmp_path) == Forge("none", "no git remote")
    git(tmp_path, "remote", "add", "backup", "https://gitlab.com/acme/reviews.git")
    assert detect_forge(tmp_path) == Forge("gitlab", "from the remote backup (gitlab.com)")
    git(tmp_path, "remote", "add", "origin", "git@github.com:acme/reviews.git")
    assert detect_forge(tmp_path) == Forge("github", "from the remote origin (github.com)")
    (tmp_path / "sub").mkdir()
    assert detect_forge(tmp_path / "sub").name == "github"


def test_outside_a_repository_there_is_no_forge(tmp_path: Path) -> None:
    assert detect_forge(tmp_path) == Forge("none", "no git remote")
