"""Git access through GitPython, imported lazily: retro works where git is missing."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def _repo(path: Path) -> Any | None:
    try:
        import git
    except Exception:  # noqa: BLE001 - GitPython raises ImportError without a git binary
        return None
    try:
        return git.Repo(path, search_parent_directories=True)
    except Exception:  # noqa: BLE001 - not a repository, or unreadable
        return None


def git_user_name(path: Path) -> str | None:
    """``git config user.name`` as seen from ``path``, or ``None``."""
    repo = _repo(path)
    try:
        if repo is not None:
            reader = repo.config_reader()
        else:
            import git

            reader = git.GitConfigParser(
                [str(p) for p in (Path.home() / ".gitconfig",) if p.exists()], read_only=True
            )
        name = reader.get_value("user", "name", default="")
    except Exception:  # noqa: BLE001 - no config, or no git at all
        return None
    name = str(name).strip()
    return name or None
