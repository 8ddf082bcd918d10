"""Git access through GitPython, imported lazily: retro works where git is missing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
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


@dataclass(frozen=True)
class LastChange:
    """When a file was last changed in git, and by whom (the commit's author)."""

    when: datetime
    author: str


_RECORD = "\x1e"  # starts each commit in the log output
_FIELD = "\x1f"


def last_changes(root: Path, folder: Path) -> dict[str, LastChange]:
    """The last commit touching each file under ``folder``, keyed by path relative to
    ``root`` (``/``-separated), from ONE ``git log`` over the folder's history.

    Empty outside a git repository, without git, or when the folder has no history.
    """
    repo = _repo(root)
    if repo is None or repo.working_tree_dir is None:
        return {}
    top = Path(repo.working_tree_dir).resolve()
    try:
        out = repo.git.log(
            "--name-only", "--no-renames", f"--format={_RECORD}%aI{_FIELD}%an", "--",
            str(folder.resolve()),
        )
    except Exception:  # noqa: BLE001 - no commits yet, or git failed: no facts
        return {}
    base = root.resolve()
    facts: dict[str, LastChange] = {}
    for record in out.split(_RECORD):
        header, _, names = record.partition("\n")
        when_text, _, author = header.partition(_FIELD)
        try:
            when = datetime.fromisoformat(when_text.strip())
        except ValueError:
            continue
        for name in names.splitlines():
            name = name.strip()
            if not name:
                continue
            try:
                key = (top / name).relative_to(base).as_posix()
            except ValueError:
                continue
            facts.setdefault(key, LastChange(when, author.strip()))
    return facts
