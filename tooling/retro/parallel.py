"""Share work with one helper process, on machines with two cores.

Loading a library is the same small job repeated once per review: :func:`map_in_two` gives
the second half of such a list to a forked copy of the process, does the first half itself,
and returns the results in order, as ``[func(item) for item in items]`` would.
:func:`both` runs two independent pieces of work at once (the site's review pages here, its
listing pages in the helper). Forking shares everything computed so far (configuration,
derived views), so the work may be any closure; only results travel back, pickled through a
pipe.

It falls back to doing everything in this process whenever sharing could go wrong or would
not pay: a short list, a single core, a platform other than Linux (where a forked copy of a
process is not always safe), other threads running (``mkdocs serve`` rebuilds from one), or
``RETRO_JOBS=1`` in the environment. If the helper fails in any way (an exception in
the work, a result that cannot be pickled, the helper killed), this process does its
work itself, so that an error is raised here, as running it serially would raise it.
"""

from __future__ import annotations

import contextlib
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


def can_share() -> bool:
    """Whether :func:`map_in_two` may fork a helper here and now."""
    if os.environ.get("RETRO_JOBS", "").strip() == "1":
        return False
    if not sys.platform.startswith("linux") or not hasattr(os, "fork"):
        return False
    if (os.cpu_count() or 1) < 2:
        return False
    return threading.active_count() == 1


def map_in_two(
    func: Callable[[T], R], items: Sequence[T], *, min_items: int = MIN_ITEMS
) -> list[R]:
    """``[func(item) for item in items]``, the second half computed by a forked helper."""
    if len(items) < min_items or not can_share():
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
    if not can_share():
        return here(), helper()
    try:
        read_fd, write_fd = os.pipe()
    except OSError:
        return here(), helper()
    try:
        pid = os.fork()
    except OSError:
        os.close(read_fd)
        os.close(write_fd)
        return here(), helper()
    if pid == 0:  # the helper: compute, send, leave without running any exit handler
        os.close(read_fd)
        _help(helper, write_fd)
    os.close(write_fd)
    try:
        mine = here()
    except BaseException:
        _stop(pid, read_fd)
        raise
    received = _receive(pid, read_fd)
    return mine, (received[0] if received is not None else helper())


def _help(helper: Callable[[], B], write_fd: int) -> None:
    code = 1
    try:
        try:
            payload = pickle.dumps((helper(),), pickle.HIGHEST_PROTOCOL)
        except BaseException:  # the parent does this half again and meets the error itself
            payload = b""
        left = memoryview(payload)
        while left:  # a pipe, not a file: nothing is written to disk
            left = left[os.write(write_fd, left) :]
        os.close(write_fd)
        code = 0 if payload else 1
    finally:
        os._exit(code)


def _receive(pid: int, read_fd: int) -> tuple[Any] | None:
    """The helper's result in a 1-tuple, or ``None`` if it failed."""
    with os.fdopen(read_fd, "rb") as source:
        payload = source.read()
    _, status = os.waitpid(pid, 0)
    if status != 0 or not payload:
        return None
    try:
        result = pickle.loads(payload)  # noqa: S301 - written by our own forked copy
    except Exception:
        return None
    return result if isinstance(result, tuple) and len(result) == 1 else None


def _stop(pid: int, read_fd: int) -> None:
    with contextlib.suppress(OSError):
        os.kill(pid, signal.SIGKILL)
    os.close(read_fd)
    with contextlib.suppress(OSError):
        os.waitpid(pid, 0)
