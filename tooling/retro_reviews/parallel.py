"""Share work with one helper process, on machines with two cores.

Loading a library is the same small job repeated once per review: :func:`map_in_two` gives
the second half of such a list to a forked copy of the process, does the first half itself,
and returns the results in order, as ``[func(item) for item in items]`` would.
:func:`both` runs two independent pieces of work at once. Forking shares everything computed
so far (configuration, derived views), so the work may be any closure; only results travel
back, pickled through a pipe.

It falls back to doing everything in this process whenever sharing could go wrong or would
not pay: a short list, a single core, a platform other than Linux (where a forked copy of a
process is not always safe), other threads running (``mkdocs serve`` rebuilds from one), or
``RETRO_JOBS=1`` in the environment. If the helper fails in any way (an exception in
the work, a result that cannot be pickled, the helper killed), this process does its
work itself, so that an error is raised here, as running it serially would raise it.
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")
A = TypeVar("A")
B = TypeVar("B")

MIN_ITEMS = 100
"""Below this many items, forking costs more than it saves."""

_frozen = 0  # how many helpers started with the objects of this process frozen (see _fork)
_freezing = True  # False once a freeze is found that this module did not make


def _fork() -> int:
    """``os.fork()``, with this process's objects frozen first, as the ``gc`` documentation
    advises before a fork: the garbage collector leaves them alone (in the helper, which
    then copies fewer memory pages, and here while the helper runs, where the library's
    objects would otherwise be walked by every full collection). :func:`_thaw` undoes it."""
    global _frozen, _freezing
    if _frozen == 0 and gc.get_freeze_count():
        _freezing = False  # the application froze objects itself: leave its choice alone
    if _freezing:
        gc.freeze()
    _frozen += 1
    try:
        return os.fork()
    except OSError:
        _thaw()
        raise


def _thaw() -> None:
    global _frozen
    _frozen = max(0, _frozen - 1)
    if _frozen == 0 and _freezing:
        gc.unfreeze()


def _cores() -> int:
    """The cores this process may run on (its affinity, which containers narrow)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def can_share() -> bool:
    """Whether :func:`map_in_two` may fork a helper here and now."""
    if os.environ.get("RETRO_JOBS", "").strip() == "1":
        return False
    if not sys.platform.startswith("linux") or not hasattr(os, "fork"):
        return False
    if _cores() < 2:
        return False
    return threading.active_count() == 1


def will_share(count: int, *, min_items: int = MIN_ITEMS) -> bool:
    """Whether work on ``count`` items is shared with a helper here and now: enough of them
    to pay for the fork (``min_items``), and a helper may be forked (:func:`can_share`)."""
    return count >= min_items and can_share()


def map_in_two(
    func: Callable[[T], R], items: Sequence[T], *, min_items: int = MIN_ITEMS
) -> list[R]:
    """``[func(item) for item in items]``, the second half computed by a forked helper."""
    if not will_share(len(items), min_items=min_items):
        return [func(item) for item in items]
    cut = len(items) // 2
    first, second = both(
        lambda: [func(item) for item in items[:cut]],
        lambda: [func(item) for item in items[cut:]],
    )
    return first + second


def both(here: Callable[[], A], helper: Callable[[], B]) -> tuple[A, B]:
    """``(here(), helper())``, with ``helper()`` run at the same time by a forked helper.

    ``helper``'s result must be picklable; whatever ``helper()`` changes in memory is lost
    (the helper's memory is a copy), so it must not be needed afterwards. Run one after the
    other where sharing is not possible (see :func:`can_share`).

    The helper must not report through logging: its records would not reach this process's
    handlers (MkDocs counts warnings there for ``--strict``). Return findings instead.
    """
    started = _start(lambda write_fd: _help(helper, write_fd))
    if started is None:
        return here(), helper()
    pid, read_fd = started
    try:
        try:
            mine = here()
        except BaseException:
            os.close(read_fd)
            _reap(pid, kill=True)
            raise
        received = _receive(pid, read_fd)
    finally:
        _thaw()
    return mine, (received[0] if received is not None else helper())


def _help(helper: Callable[[], B], write_fd: int) -> None:
    """Send ``helper()``'s result in one piece (a failure sends nothing: the caller does the
    work again and meets the error itself)."""
    _write_all(write_fd, pickle.dumps((helper(),), pickle.HIGHEST_PROTOCOL))


def _receive(pid: int, read_fd: int) -> tuple[Any] | None:
    """The helper's result in a 1-tuple, or ``None`` if it failed. The helper is reaped
    whatever happens here (an interrupt while reading stops it)."""
    try:
        with os.fdopen(read_fd, "rb") as source:
            payload = source.read()
    except BaseException:
        _reap(pid, kill=True)
        raise
    status = _reap(pid, kill=False)
    if status != 0 or not payload:
        return None
    try:
        result = pickle.loads(payload)  # noqa: S301 - written by our own forked copy
    except Exception:
        return None
    return result if isinstance(result, tuple) and len(result) == 1 else None


def _start(child: Callable[[int], object]) -> tuple[int, int] | None:
    """Fork a helper that runs ``child(write_fd)`` and leaves (exit status 0 if it returned,
    1 if it raised; no exit handler runs). ``(pid, read_fd)`` here, or ``None`` where
    sharing is not possible or the pipe or the fork failed."""
    if not can_share():
        return None
    try:
        read_fd, write_fd = os.pipe()
    except OSError:
        return None
    try:
        pid = _fork()
    except OSError:
        os.close(read_fd)
        os.close(write_fd)
        return None
    if pid == 0:  # the helper
        code = 1
        try:
            os.close(read_fd)
            child(write_fd)
            os.close(write_fd)
            code = 0
        except BaseException:  # noqa: S110 - the parent makes what is missing itself
            pass
        finally:
            os._exit(code)
    os.close(write_fd)
    return pid, read_fd


def _reap(pid: int, *, kill: bool) -> int:
    """Wait for helper ``pid`` (stopping it first if ``kill``); its wait status (-1 if it
    was already reaped)."""
    if kill:
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)
    try:
        return os.waitpid(pid, 0)[1]
    except OSError:
        return -1


def _write_all(fd: int, data: bytes) -> None:
    left = memoryview(data)
    while left:  # a pipe, not a file: nothing is written to disk
        left = left[os.write(fd, left) :]
