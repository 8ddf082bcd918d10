"""The library's search index: Pagefind, fed each review page while the site is built.

Pagefind (the ``pagefind`` package, whose ``pagefind[extended]`` wheel carries the binary:
nothing is downloaded) indexes what lies inside ``data-pagefind-body`` (each review's
article, see :mod:`retro.render.search_marks`) and writes a static index in chunks under
``pagefind/``: a browser fetches only the chunks for the words typed, so a search stays fast
at thousands of reviews. The index holds exactly the pages the site shows (a public build
has no internal review to index).

:class:`SearchIndexer` talks to the binary's indexing service (``pagefind --service``, the
service the package's own Python and Node APIs drive: base64 JSON messages, each ended by a
comma) from a thread of its own. A generator hands it each review page as soon as the page
is written, and Pagefind indexes it on another core while the next pages are made; it
writes the index there too, while the generator renders its templates. (The package's
asyncio API reads one reply every tenth of a second, which makes adding pages one by one
far slower than the build itself.)
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from .errors import RetroError
from .render.escape import html_text
from .render.review_page import RELATED_CLASS, SUMMARY_CLASS

INDEX_FOLDER = "pagefind"
"""Where the index and Pagefind's scripts live in the site."""

UNUSED_FILES = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)
"""Files Pagefind writes for its own search interfaces (about 400 kB), which the site's box
(``retro-search.js``) does not use: removed from the index folder once it is written."""

REPLY_PAUSE = 0.05
"""Seconds the thread taking Pagefind's replies waits after each read, so that it takes
them in batches. Pagefind answers every page; a thread woken for each answer takes the
interpreter's lock from the thread making the pages each time (5,000 times at 5,000
reviews), which cost that thread about a second of a 26-second build (bench/README.md).
The pipe holds a few hundred answers; this lets a few dozen gather."""

SILENCE_LIMIT = 600.0
"""Seconds Pagefind may keep work waiting without a word before it is taken for hung and
stopped (the build then fails, saying so). Pagefind answers each page at once; the longest
silence is writing the index (a few seconds at 5,000 reviews), so this leaves room for
libraries many times that size on a slow machine."""


class SearchIndexer:
    """A Pagefind index being made: :meth:`add_page` each page, then :meth:`finish`.

    Raises :class:`~retro.errors.RetroError` when Pagefind cannot be started or refuses a
    page; :meth:`close` stops it whatever happened (a build that fails half way).
    """

    def __init__(self, output: Path, *, language: str = "en") -> None:
        self.output = output
        self.language = language
        self.pages = 0
        self._errors = tempfile.TemporaryFile()  # noqa: SIM115 - closed by close()
        try:
            self._process = _start_service(self._errors)
        except BaseException:
            self._errors.close()
            raise
        self._lock = threading.Lock()
        self._replies: dict[int, dict[str, Any]] = {}
        self._waiting: dict[int, threading.Event] = {}  # message -> set when answered
        self._keep: set[int] = set()  # messages whose reply is wanted
        self._refused: list[str] = []
        self._sent = 0
        self._writer: threading.Thread | None = None  # writing the index, once started
        self._failure: RetroError | None = None  # why writing failed
        self._heard = time.monotonic()  # Pagefind's last reply, or the start of new work
        self._silent = False  # stopped for keeping work waiting too long without a word
        self._reader = threading.Thread(target=self._read, name="pagefind-replies", daemon=True)
        self._reader.start()
        threading.Thread(target=self._watch, name="pagefind-watch", daemon=True).start()
        config = {
            "force_language": language,
            # The facts at a glance are filters, not words; related reviews are other
            # reviews' words.
            "exclude_selectors": [f".{SUMMARY_CLASS}", f".{RELATED_CLASS}"],
        }
        try:
            self._index = int(self.request({"type": "NewIndex", "config": config})["index_id"])
        except BaseException:
            self.close()  # Pagefind, its pipes and the threads' work end with the failure
            raise

    def add_page(self, article: str, url: str, title: str) -> None:
        """Index the page at site address ``url`` (``/reviews/2025/x/``) whose article (the
        part marked ``data-pagefind-body``) is ``article``. Returns at once; a refusal is
        reported by :meth:`finish`. Not once :meth:`write` has started."""
        assert self._writer is None, "the index is being written"
        document = (
            f'<!DOCTYPE html><html lang="{self.language}"><head><meta charset="utf-8">'
            f"<title>{html_text(title)}</title></head><body>{article}</body></html>"
        )
        self._send(
            {"type": "AddFile", "index_id": self._index, "url": url, "file_contents": document}
        )
        self.pages += 1

    def write(self) -> None:
        """Start writing the index into :attr:`output` once every page added so far is
        indexed, and return at once: Pagefind writes it on another core while the caller goes
        on (a site generator rendering its templates). :meth:`finish` waits for it."""
        if self._writer is None:
            self._writer = threading.Thread(target=self._write, name="pagefind-write", daemon=True)
            self._writer.start()

    def finish(self) -> None:
        """Wait for the index to be written (started by :meth:`write`, or now); raises if
        Pagefind refused a page or could not write."""
        self.write()
        assert self._writer is not None
        self._writer.join()
        if self._failure is not None:
            raise self._failure
        with self._lock:
            refused = list(self._refused)
        if refused:
            raise RetroError(f"the search index could not be written: {refused[0]}")

    def _write(self) -> None:
        try:
            with self._lock:
                pages = list(self._waiting.values())
            for done in pages:  # every page first, whatever order Pagefind answers in
                self._wait(done)
            self.request(
                {"type": "WriteFiles", "index_id": self._index, "output_path": str(self.output)}
            )
            for name in UNUSED_FILES:  # Pagefind's own interfaces: the site has its box
                (self.output / name).unlink(missing_ok=True)
        except RetroError as exc:
            self._failure = exc
        except (OSError, ValueError) as exc:  # Pagefind's pipes closed under it
            self._failure = RetroError(f"the search index could not be written: {exc}")

    def request(self, payload: dict[str, Any]) -> dict[str, Any]:
        """Send ``payload`` and wait for its reply."""
        number, done = self._send(payload, keep=True)
        self._wait(done)
        with self._lock:
            reply = self._replies.pop(number)
        if reply.get("type") == "Error":
            raise RetroError(f"the search index could not be written: {reply.get('message')}")
        return reply

    def close(self) -> None:
        """Stop Pagefind (at once, if it is still busy)."""
        if self._process.poll() is None:
            self._process.kill()
        self._process.wait()
        if self._writer is not None:
            self._writer.join()  # it sees Pagefind gone within a second, and says so quietly
        for stream in (self._process.stdin, self._process.stdout):
            if stream is not None:
                with contextlib.suppress(OSError):  # what is left unsent goes nowhere
                    stream.close()
        self._errors.close()

    def _wait(self, done: threading.Event) -> None:
        while not done.wait(timeout=1.0):
            if (self._silent or self._process.poll() is not None) and not done.is_set():
                raise RetroError(f"the search index could not be written: {self._stopped()}")

    def _send(self, payload: dict[str, Any], *, keep: bool = False) -> tuple[int, threading.Event]:
        """Send ``payload``; its number and the event set when its reply arrives (the reply
        is kept for :meth:`request` when ``keep``)."""
        with self._lock:
            if not self._waiting:  # nothing was waiting: Pagefind's silence counts from now
                self._heard = time.monotonic()
            self._sent += 1
            number = self._sent
            done = threading.Event()
            self._waiting[number] = done
            if keep:
                self._keep.add(number)
        message = json.dumps({"message_id": number, "payload": payload}).encode("utf-8")
        stdin = self._process.stdin
        assert stdin is not None
        try:
            stdin.write(base64.b64encode(message) + b",")
            stdin.flush()
        except (BrokenPipeError, OSError) as exc:
            raise RetroError(f"the search index could not be written: {self._stopped()}") from exc
        return number, done

    def _read(self) -> None:
        """Take Pagefind's replies in batches (see :data:`REPLY_PAUSE`), so that its output
        never fills up."""
        stdout = self._process.stdout
        assert stdout is not None
        pending = b""
        with contextlib.suppress(OSError, ValueError):  # closed by close(): nothing to read
            while chunk := os.read(stdout.fileno(), 1 << 20):
                pending += chunk
                *whole, pending = pending.split(b",")
                for message in whole:
                    self._take(message)
                time.sleep(REPLY_PAUSE)

    def _take(self, message: bytes) -> None:
        try:
            reply = json.loads(base64.b64decode(message))
        except ValueError:
            return  # not a reply (Pagefind writes nothing else here)
        if not isinstance(reply, dict):
            return
        self._heard = time.monotonic()
        payload = reply.get("payload") or {}
        number = reply.get("message_id")
        if number is None:  # a message Pagefind could not read: it sends the message back
            try:
                number = json.loads(payload.get("original_message") or "")["message_id"]
            except (ValueError, TypeError, KeyError):
                return
        with self._lock:
            if number in self._keep:
                self._keep.discard(number)
                self._replies[number] = payload
            elif payload.get("type") == "Error":
                self._refused.append(str(payload.get("message")))
            done = self._waiting.pop(number, None)
        if done is not None:
            done.set()

    def _watch(self) -> None:
        """Stop Pagefind if it keeps work waiting for :data:`SILENCE_LIMIT` seconds without a
        reply (alive but hung): whatever waits on it, or writes to it, then fails instead of
        waiting for ever."""
        while self._process.poll() is None:
            step = min(1.0, SILENCE_LIMIT / 4)
            slept = time.monotonic()
            time.sleep(step)
            if time.monotonic() - slept > step + 5:  # this process was suspended (Ctrl-Z, a
                self._heard = time.monotonic()  # frozen container): not Pagefind's silence
            with self._lock:
                hung = bool(self._waiting) and time.monotonic() - self._heard > SILENCE_LIMIT
            if hung:
                self._silent = True
                with contextlib.suppress(OSError):
                    self._process.kill()
                return

    def _stopped(self) -> str:
        if self._silent:
            return (
                f"Pagefind gave no answer for {SILENCE_LIMIT:g} seconds and was stopped"
                " (is the machine out of memory or disk space?)"
            )
        self._errors.seek(0)
        said = self._errors.read().decode("utf-8", "replace").strip().splitlines()
        return f"Pagefind stopped ({said[-1] if said else 'no message'})"


def _start_service(errors: IO[bytes]) -> subprocess.Popen[bytes]:
    from pagefind.service import get_executable

    binary = get_executable()
    if binary is None:
        raise RetroError(
            "the search index could not be written: Pagefind's binary is missing; "
            "reinstall with `pip install 'pagefind[extended]'`"
        )
    try:
        with _cores_for_indexer():
            return subprocess.Popen(
                [str(binary), "--service"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=errors,
            )
    except OSError as exc:
        raise RetroError(f"the search index could not be written: {exc}") from exc


@contextlib.contextmanager
def _cores_for_indexer() -> Iterator[None]:
    """Pagefind started on every core the calling thread may use but one, left to the
    generator making the pages meanwhile; where the system lets a process be kept to some
    cores (Linux), and only as far as it lets it: a refusal leaves Pagefind on all of them.

    Pagefind spreads its indexing and writing over every core. On a machine of two, that
    takes the generator's core half the time: a bare Material build of 1,000 pages took
    about 45% longer with Pagefind indexing alongside on both cores, 1 to 8% longer with
    Pagefind kept to the other one (bench/README.md, "Pagefind kept to one core"). The child
    inherits the cores of the thread that starts it; the thread's own are given back at
    once. (A quota of CPU time, such as a container's, is not a set of cores: it is left
    as it is.)
    """
    if not hasattr(os, "sched_getaffinity"):
        yield
        return
    kept = False  # whether this thread's cores were narrowed, to be given back
    try:
        mine = os.sched_getaffinity(0)
        if len(mine) > 1:
            os.sched_setaffinity(0, set(sorted(mine)[1:]))
            kept = True
    except OSError:  # the set changed meanwhile, or a sandbox refuses: no harm
        pass
    try:
        yield
    finally:
        if kept:
            with contextlib.suppress(OSError):
                os.sched_setaffinity(0, mine)
