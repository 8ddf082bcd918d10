"""Git access through GitPython, imported lazily (retro works where git is missing), and one
plain ``git log`` for the site's "last changed" facts."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from .config import RetroConfig
from .errors import BranchRefused, GitError
from .load import NOT_REVIEWS, discover_files

T = TypeVar("T")


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


# ------------------------------------------------------------------ changed reviews (--changed)

DEFAULT_BASES = ("main", "master", "origin/main", "origin/master")


@dataclass(frozen=True)
class ChangedReviews:
    """What ``retro check --changed`` compares.

    ``paths`` are the review files added, modified or renamed since the merge base of HEAD
    with the base, committed or not (staged, unstaged and untracked files in the reviews
    folder count: people run it before committing). Deleted files are not listed.
    ``base_reviews`` maps each review id on the base (its tip, not the merge base, so that a
    review merged there after the branch started counts) to its paths, relative to the
    project root.
    """

    base: str
    base_commit: str
    merge_base: str
    paths: tuple[Path, ...]
    base_reviews: dict[str, tuple[str, ...]] = field(default_factory=dict)


def changed_reviews(config: RetroConfig, base: str | None = None) -> ChangedReviews:
    """The review files the branch changes against ``base`` (default: the main branch)."""
    repo = _require_repo(config.root)
    top = Path(str(repo.working_tree_dir)).resolve()
    reviews = config.reviews_path.resolve()
    try:
        reviews_rel = reviews.relative_to(top).as_posix() or "."
    except ValueError:
        raise GitError(
            f"the reviews folder {config.reviews_dir}/ is outside the git work tree {top}"
        ) from None
    if not repo.head.is_valid():
        raise GitError("this repository has no commit yet; commit once, then compare branches")
    base_name, base_commit = _resolve_base(repo, base)
    merge_bases = _run(lambda: repo.merge_base(base_commit, "HEAD"), "merge-base")
    if not merge_bases:
        if (Path(str(repo.git_dir)) / "shallow").exists():
            raise GitError(
                f"HEAD and {base_name} have no common history in this shallow clone; fetch the "
                "full history (git fetch --unshallow; in GitHub Actions, actions/checkout with "
                "fetch-depth: 0; in GitLab CI, GIT_DEPTH: 0)"
            )
        raise GitError(
            f"HEAD and {base_name} have no common history; name another base with --base REF"
        )
    merge_base = merge_bases[0].hexsha
    names = _split_z(
        _run(
            lambda: repo.git.diff(
                "--name-only",
                "--find-renames",
                "--diff-filter=ACMRT",
                "-z",
                merge_base,
                "--",
                reviews_rel,
            ),
            "diff",
        )
    )
    names += _split_z(
        _run(
            lambda: repo.git.ls_files("--others", "--exclude-standard", "-z", "--", reviews_rel),
            "ls-files",
        )
    )
    changed = {(top / name).resolve() for name in names}
    files = sorted(path for found in discover_files(config) for path in found)
    paths = tuple(p for p in files if p.resolve() in changed)
    listed = _split_z(
        _run(
            lambda: repo.git.ls_tree("-r", "--name-only", "-z", base_commit, "--", reviews_rel),
            "ls-tree",
        )
    )
    base_reviews: dict[str, list[str]] = {}
    for name in listed:
        absolute = top / name
        if not _is_review_name(absolute, reviews):
            continue
        base_reviews.setdefault(absolute.stem, []).append(config.relpath(absolute))
    return ChangedReviews(
        base=base_name,
        base_commit=base_commit,
        merge_base=merge_base,
        paths=paths,
        base_reviews={key: tuple(value) for key, value in base_reviews.items()},
    )


def _resolve_base(repo: Any, base: str | None) -> tuple[str, str]:
    candidates = (base,) if base else DEFAULT_BASES
    for name in candidates:
        try:
            return name, repo.commit(name).hexsha
        except Exception:  # noqa: BLE001 - unknown ref, or not a commit
            continue
    if base:
        raise GitError(
            f"'{base}' is not a branch, tag or commit in this repository; fetch it first "
            f"(for example: git fetch origin {base.removeprefix('origin/')}) or name another "
            "base with --base REF"
        )
    raise GitError(
        "no main branch to compare with (tried main, master, origin/main, origin/master); "
        "name the base branch with --base REF"
    )


def _run(call: Callable[[], T], what: str) -> T:
    """A git call; git's own failure becomes a :class:`GitError` with git's last line."""
    try:
        return call()
    except Exception as exc:  # noqa: BLE001 - GitCommandError and friends
        raise GitError(f"git {what} failed: {_git_message(exc)}") from None


def _split_z(output: str) -> list[str]:
    return [name for name in output.split("\0") if name]


def _is_review_name(path: Path, reviews: Path) -> bool:
    try:
        parts = path.relative_to(reviews).parts
    except ValueError:
        return False
    return (
        path.suffix == ".md"
        and not any(part.startswith((".", "_")) for part in parts)
        and path.name.lower() not in NOT_REVIEWS
    )


# ------------------------------------------------------------------ new branch (new --branch)


def create_branch(path: Path, name: str) -> None:
    """Create branch ``name`` at HEAD and switch to it.

    Refuses (:class:`BranchRefused`) when the branch exists or when tracked files have
    uncommitted changes (staged or not) that the switch would carry over. Untracked files do
    not stop it: they stay in the work tree and are not part of any branch until added.
    """
    repo = _require_repo(path)
    if name in [head.name for head in repo.heads]:
        raise BranchRefused(
            f"the branch {name} already exists; switch to it (git switch {name}) or choose "
            "another title"
        )
    if repo.head.is_valid() and repo.is_dirty(index=True, working_tree=True, untracked_files=False):
        dirty = sorted(
            {item.a_path for item in repo.index.diff(None)}
            | {item.a_path for item in repo.index.diff("HEAD")}
        )
        shown = ", ".join(dirty[:5]) + (" …" if len(dirty) > 5 else "")
        raise BranchRefused(
            f"uncommitted changes would be carried over to the new branch ({shown}); "
            "commit or stash them first (git stash), then run retro new --branch again"
        )
    try:
        repo.git.checkout("-b", name)
    except Exception as exc:  # noqa: BLE001 - git's own refusal, e.g. an invalid name
        raise GitError(f"git could not create the branch {name}: {_git_message(exc)}") from None


def _require_repo(path: Path) -> Any:
    try:
        import git
    except ImportError:
        raise GitError(
            "git is not installed or not on PATH; install git to compare branches"
        ) from None
    try:
        return git.Repo(path, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise GitError(
            f"{path} is not in a git repository; run this inside a git work tree "
            "(git init, or clone the repository)"
        ) from None


def _git_message(exc: Exception) -> str:
    stderr = getattr(exc, "stderr", "") or str(exc)
    lines = [line.strip() for line in str(stderr).splitlines() if line.strip()]
    return lines[-1].removeprefix("stderr: ").strip("'") if lines else str(exc)


@dataclass(frozen=True)
class LastChange:
    """The latest commit that changed a file's content: when, by whom (the commit's author),
    which commit (abbreviated hash) and its subject line."""

    when: datetime
    author: str
    commit: str = ""
    subject: str = ""


_RECORD = "\x1e"  # starts each commit in the log output
_FIELD = "\x1f"
# Commits a team lists here (one full hash a line, ``#`` comments) are bulk changes such as a
# reformatting: git blame skips them with ``--ignore-revs-file``, and so does "last changed".
IGNORE_REVS_FILE = ".git-blame-ignore-revs"


def last_changes(root: Path, folder: Path) -> dict[str, LastChange]:
    """The latest commit that changed the content of each file under ``folder``, keyed by
    path relative to ``root`` (``/``-separated), from ONE ``git log`` over the folder's
    history.

    A commit whose change to a file is only whitespace or blank lines (a reformatting) does
    not count for that file, nor does a commit listed in ``.git-blame-ignore-revs`` at
    ``root``. Empty outside a git repository, without git, or when the folder has no history.
    """
    return start_last_changes(root, folder)()


def start_last_changes(root: Path, folder: Path) -> Callable[[], dict[str, LastChange]]:
    """Start the ``git log`` of :func:`last_changes` and return what waits for its answer,
    so that the caller can load the library meanwhile.

    Plain ``git`` (no GitPython: its import alone took longer than the log). A long history
    fills the pipe and git waits there until the answer is asked for.
    """
    executable = shutil.which("git")
    try:
        where = folder.resolve()
        base = root.resolve()
    except (OSError, RuntimeError):
        return dict
    if executable is None or not where.is_dir():
        return dict
    try:
        process = subprocess.Popen(
            [
                executable,
                "-c",
                "core.quotepath=off",
                "log",
                "--numstat",  # with -w: a file whose change is only whitespace is not listed
                "--ignore-all-space",
                "--ignore-blank-lines",
                "--no-renames",
                "--relative",
                f"--format={_RECORD}%H{_FIELD}%aI{_FIELD}%an{_FIELD}%s",
                "--",
                ".",
            ],
            cwd=where,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            stdin=subprocess.DEVNULL,
        )
    except OSError:
        return dict

    def answer() -> dict[str, LastChange]:
        out, _ = process.communicate()
        if process.returncode != 0:  # not a repository, or no commits yet: no facts
            return {}
        ignored = _ignored_revs(base / IGNORE_REVS_FILE)
        return _parse_log(out.decode("utf-8", errors="replace"), where, base, ignored)

    return answer


def _ignored_revs(path: Path) -> frozenset[str]:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return frozenset()
    revs = (line.split("#", 1)[0].strip().lower() for line in text.splitlines())
    return frozenset(rev for rev in revs if rev)


def _parse_log(
    text: str, folder: Path, base: Path, ignored: frozenset[str] = frozenset()
) -> dict[str, LastChange]:
    facts: dict[str, LastChange] = {}
    for record in text.split(_RECORD):
        header, _, names = record.partition("\n")
        commit, _, rest = header.partition(_FIELD)
        when_text, _, rest = rest.partition(_FIELD)
        author, _, subject = rest.partition(_FIELD)
        if commit.strip().lower() in ignored:
            continue
        try:
            when = datetime.fromisoformat(when_text.strip())
        except ValueError:
            continue
        change = LastChange(when, author.strip(), commit.strip()[:7], subject.strip())
        for line in names.splitlines():
            name = line.split("\t", 2)[-1].strip()  # numstat: added, deleted, path
            if not name:
                continue
            try:
                key = (folder / name).relative_to(base).as_posix()
            except ValueError:
                continue
            facts.setdefault(key, change)
    return facts


def remote_url(path: Path) -> tuple[str, str] | None:
    """The remote ``origin`` (else the first remote) of the repository holding ``path``."""
    repo = _repo(path)
    if repo is None:
        return None
    try:
        remotes = {remote.name: remote for remote in repo.remotes}
        if not remotes:
            return None
        name = "origin" if "origin" in remotes else sorted(remotes)[0]
        return name, next(iter(remotes[name].urls))
    except Exception:  # noqa: BLE001 - a broken configuration is no remote
        return None
