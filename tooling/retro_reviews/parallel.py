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
import gc
import os
import pickle
import select
import signal
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Sequence
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


def _start(child: Callable[[int], object], *, pipe_size: int = 0) -> tuple[int, int] | None:
    """Fork a helper that runs ``child(write_fd)`` and leaves (exit status 0 if it returned,
    1 if it raised; no exit handler runs). ``(pid, read_fd)`` here, or ``None`` where
    sharing is not possible or the pipe or the fork failed."""
    if not can_share():
        return None
    try:
        read_fd, write_fd = os.pipe()
    except OSError:
        return None
    if pipe_size:
        with contextlib.suppress(ImportError, AttributeError, OSError):  # where allowed
            import fcntl  # Unix only, as forking is

            fcntl.fcntl(write_fd, fcntl.F_SETPIPE_SZ, pipe_size)
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


_FRAME = 8  # bytes of length before each record a helper streams
AHEAD = 256
"""Results a :class:`Stream` keeps before the helper has to wait (a page is ~20 KB)."""


class Stream:
    """Results a forked helper makes one by one and sends as soon as each is made.

    :meth:`get` waits for the one asked for, keeping any that arrive before it, and takes in
    whatever else has already arrived, up to :data:`AHEAD` results kept (the helper keeps
    the rest until they are read), so that this process's memory stays bounded.
    It returns ``None`` for a key the helper never sent (it failed, or ended without it):
    the caller then makes that result itself.
    """

    def __init__(self, pid: int, read_fd: int) -> None:
        self._pid: int | None = pid
        self._fd: int | None = read_fd
        self._buffer = bytearray()
        self._got: dict[Any, Any] = {}
        self.failed = False

    def get(self, key: Any) -> Any | None:
        while key not in self._got and self._fd is not None:
            self._pump(wait=True)
        if len(self._got) < AHEAD:
            self._pump(wait=False)
        return self._got.pop(key, None)

    def _pump(self, *, wait: bool) -> None:
        fd = self._fd
        if fd is None:
            return
        if not wait and not _readable(fd):
            return
        try:
            chunk = os.read(fd, 1 << 20)
        except OSError:
            chunk = b""
        if not chunk:
            self._finish()
            return
        self._buffer += chunk
        self._unpack()

    def _unpack(self) -> None:
        buffer, at = self._buffer, 0
        while len(buffer) - at >= _FRAME:
            size = int.from_bytes(buffer[at : at + _FRAME], "big")
            if len(buffer) - at - _FRAME < size:
                break
            try:
                key, value = pickle.loads(buffer[at + _FRAME : at + _FRAME + size])  # noqa: S301 - from our own forked copy
            except Exception:
                self.failed = True
                self.close()
                return
            self._got[key] = value
            at += _FRAME + size
        del buffer[:at]

    def _finish(self) -> None:
        """The helper closed its end: reap it; a leftover or an exit code means it failed."""
        if self._buffer:
            self.failed = True
        self.close()

    def close(self) -> None:
        """Stop the helper if it still runs (its results are not needed any more)."""
        pid, fd = self._pid, self._fd
        self._pid = self._fd = None
        if pid is not None:
            _thaw()
        self._buffer.clear()
        if fd is not None:
            os.close(fd)
        if pid is not None:
            try:
                ended, status = os.waitpid(pid, os.WNOHANG)
            except OSError:
                ended, status = pid, 0
            if ended == 0:  # still working: what it would send is not needed any more
                _reap(pid, kill=True)
            elif status != 0:
                self.failed = True


def stream_from_helper(produce: Callable[[], Iterable[tuple[Any, Any]]]) -> Stream | None:
    """Run ``produce()`` in a forked helper that sends each ``(key, result)`` as soon as it is
    made; ``None`` where sharing is not possible (see :func:`can_share`). The results must be
    picklable, and the helper must not log (see :func:`both`)."""
    started = _start(lambda write_fd: _send_all(produce(), write_fd), pipe_size=1 << 20)
    return Stream(*started) if started is not None else None


def _send_all(items: Iterable[tuple[Any, Any]], fd: int) -> None:
    """Send each item as one frame. The helper never waits on a full pipe while it still has
    results to make: what the pipe cannot take yet is kept here, in the helper's memory (the
    caller keeps only :data:`AHEAD` results), and sent as the caller reads."""
    waiting: deque[memoryview] = deque()
    os.set_blocking(fd, False)
    for item in items:
        payload = pickle.dumps(item, pickle.HIGHEST_PROTOCOL)
        waiting.append(memoryview(len(payload).to_bytes(_FRAME, "big") + payload))
        while waiting:
            try:
                sent = os.write(fd, waiting[0])
            except BlockingIOError:
                break
            if sent < len(waiting[0]):
                waiting[0] = waiting[0][sent:]
            else:
                waiting.popleft()
    os.set_blocking(fd, True)
    for chunk in waiting:
        _write_all(fd, bytes(chunk))


def _readable(fd: int) -> bool:
    """Whether reading ``fd`` would not wait (``poll``: any fd number, unlike ``select``)."""
    poller = select.poll()
    poller.register(fd, select.POLLIN)
    return bool(poller.poll(0))


def _write_all(fd: int, data: bytes) -> None:
    left = memoryview(data)
    while left:  # a pipe, not a file: nothing is written to disk
        left = left[os.write(fd, left) :]
