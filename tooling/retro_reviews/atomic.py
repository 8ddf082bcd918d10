"""Writing files without ever losing words.

Every file retro writes goes to a temporary file in the same folder first and is then linked
into place with :func:`os.link`, which fails if the target exists. So an existing file is
never replaced, two writers racing for one path end with one file and one refusal, and an
interrupted run leaves no partial file behind (at most a hidden temporary, removed on error).
"""

from __future__ import annotations

import contextlib
import functools
import os
import tempfile
from pathlib import Path

from .errors import RetroError, WriteRefused


def write_new_file(path: Path, content: str) -> None:
    """Create ``path`` with ``content``; refuse (``WriteRefused``) if it exists.

    Other failures (a read-only folder, a full disk) raise :class:`RetroError` with the
    reason; in every case nothing is left at ``path`` and the temporary file is removed.
    """
    if path.exists() or path.is_symlink():
        raise WriteRefused(f"{path} already exists; retro never overwrites a file")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = _temporary_file(path)
    except OSError as exc:
        raise RetroError(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        _fill(fd, content)
        _link_into_place(tmp, path)
    except OSError as exc:
        raise RetroError(f"cannot write {path}: {exc.strerror or exc}") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def write_output_file(path: Path, content: str) -> None:
    """Write a report (``--output``): atomically, replacing an earlier report of ours.

    Reports are generated output, so replacing one is expected; it is still never left
    half-written.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = _temporary_file(path)
    try:
        _fill(fd, content)
        os.replace(tmp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def _temporary_file(path: Path) -> tuple[int, Path]:
    """A new hidden file beside ``path`` (same file system, so link and rename work), with
    the permissions any new file gets here (``mkstemp`` makes it readable by its owner
    only, and the file linked into place keeps them)."""
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    if hasattr(os, "fchmod"):
        try:
            os.fchmod(fd, 0o666 & ~_umask())
        except OSError:
            os.close(fd)
            with contextlib.suppress(FileNotFoundError):
                os.unlink(name)
            raise
    return fd, Path(name)


@functools.lru_cache(maxsize=1)
def _umask() -> int:
    """This process's umask (read by setting it and putting it back, once)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _fill(fd: int, content: str) -> None:
    """Write ``content`` to the open temporary file and make sure it is on disk."""
    with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(content)
        handle.flush()
        os.fsync(handle.fileno())


def _link_into_place(tmp: Path, path: Path) -> None:
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise WriteRefused(f"{path} already exists; retro never overwrites a file") from None
    except OSError:
        # A file system without hard links: exclusive create, then copy the bytes.
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            raise WriteRefused(f"{path} already exists; retro never overwrites a file") from None
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(tmp.read_bytes())
                handle.flush()
                os.fsync(handle.fileno())
        except BaseException:
            # Interrupted while copying: remove the partial file we created.
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
            raise


def append_to_file(path: Path, content: str) -> None:
    """Append ``content`` to a file someone else owns (GitHub's ``GITHUB_STEP_SUMMARY``).

    Appending never loses what the file held; the content is written in one call.
    """
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(content)
