"""retro_reviews.search_index: Pagefind's service fed page by page, with Pagefind's binary
from the installed wheel (nothing downloaded)."""

from __future__ import annotations

import gzip
import json
import os
import sys
import threading
import time
from pathlib import Path

import pytest

from retro_reviews import search_index
from retro_reviews.errors import RetroError
from retro_reviews.search_index import UNUSED_FILES, SearchIndexer


def article(title: str, words: str, kind: str = "incident") -> str:
    return (
        '<div data-pagefind-body><div hidden data-pagefind-ignore="index">'
        f'<span data-pagefind-meta="title">{title}</span>'
        f'<span data-pagefind-filter="kind">{kind}</span></div>'
        f'<div class="retro-summary"><p>summary words zebracorn</p></div>'
        f"<h1>{title}</h1><p>{words}</p>"
        '<h2>Related reviews</h2><ul class="retro-related"><li>Quokka title</li></ul></div>'
    )


def fragments(output: Path) -> dict[str, dict[str, object]]:
    found = {}
    for path in (output / "fragment").glob("*.pf_fragment"):
        raw = gzip.decompress(path.read_bytes())
        record = json.loads(raw[raw.index(b"{") :])
        found[record["url"]] = record
    return found


def test_pages_added_one_by_one_are_indexed_with_their_facts(tmp_path: Path) -> None:
    output = tmp_path / "site" / "pagefind"
    indexer = SearchIndexer(output)
    try:
        for number in range(40):
            indexer.add_page(
                article(f"Review {number}", f"marmalade number{number}"),
                f"/reviews/2026/r{number}/",
                f"Review {number}",
            )
        indexer.finish()
    finally:
        indexer.close()
    assert indexer.pages == 40
    assert (output / "pagefind.js").is_file() and (output / "pagefind-entry.json").is_file()
    # What the site's box uses, and nothing else: Pagefind's own interfaces are not shipped.
    assert not any((output / name).exists() for name in UNUSED_FILES)
    top = {p.name for p in output.iterdir() if p.is_file()}
    metas = {n for n in top if n.endswith(".pf_meta")}
    wasms = {n for n in top if n.startswith("wasm.") and n.endswith(".pagefind")}
    assert len(metas) == 1 and "wasm.unknown.pagefind" in wasms, top
    assert top - metas - wasms == {"pagefind.js", "pagefind-worker.js", "pagefind-entry.json"}
    records = fragments(output)
    assert set(records) == {f"/reviews/2026/r{n}/" for n in range(40)}
    record = records["/reviews/2026/r7/"]
    assert record["meta"]["title"] == "Review 7"  # type: ignore[index]
    assert record["filters"] == {"kind": ["incident"]}
    assert "marmalade number7" in str(record["content"])
    assert "zebracorn" not in str(record["content"])  # the facts at a glance are not words
    assert "Quokka" not in str(record["content"])  # nor are other reviews' titles


def test_pagefind_s_replies_are_taken_in_batches(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The thread taking Pagefind's replies reads many at a time (see REPLY_PAUSE), not one
    read, and one wake-up, for each page's reply."""
    reads = [0]
    real = os.read

    def counting(fd: int, size: int) -> bytes:
        reads[0] += 1
        return real(fd, size)

    monkeypatch.setattr(search_index.os, "read", counting)  # the module's os is os: undone after
    indexer = SearchIndexer(tmp_path / "pagefind")
    try:
        for number in range(200):
            indexer.add_page(article(f"R{number}", "words"), f"/r{number}/", f"R{number}")
            if number % 20 == 0:
                time.sleep(0.01)  # Pagefind answers as pages come, not all at the end
        indexer.finish()
    finally:
        indexer.close()
    assert indexer.pages == 200
    assert reads[0] < 40, reads[0]  # about one read per pause; one per reply without it


def test_a_missing_binary_is_a_clear_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import pagefind.service

    monkeypatch.setattr(pagefind.service, "get_executable", lambda: None)
    with pytest.raises(RetroError, match="Pagefind's binary is missing"):
        SearchIndexer(tmp_path / "pagefind")


def test_pagefind_stopping_half_way_is_an_error_not_a_hang(tmp_path: Path) -> None:
    indexer = SearchIndexer(tmp_path / "pagefind")
    try:
        indexer.add_page(article("One", "words"), "/one/", "One")
        indexer._process.kill()  # as if it crashed
        with pytest.raises(RetroError, match="search index could not be written"):
            for _ in range(200):  # writing to a closed pipe fails at some point
                indexer.add_page(article("Two", "words"), "/two/", "Two")
            indexer.finish()
    finally:
        indexer.close()
    assert not (tmp_path / "pagefind" / "pagefind.js").exists()


# A stand-in for Pagefind's service: it answers the first ANSWERED messages, each after
# DELAY seconds, then reads nothing more and says nothing (alive but hung).
FAKE_SERVICE = """
import base64, json, os, sys, time
answered, pending = 0, b""
while answered < ANSWERED:
    chunk = os.read(0, 65536)
    if not chunk:
        sys.exit(0)
    pending += chunk
    *whole, pending = pending.split(b",")
    for message in whole:
        number = json.loads(base64.b64decode(message))["message_id"]
        time.sleep(DELAY)
        reply = {"message_id": number, "payload": {"type": "Indexed", "index_id": 1}}
        os.write(1, base64.b64encode(json.dumps(reply).encode()) + b",")
        answered += 1
time.sleep(30)  # hung (and gone by itself, should a test run be interrupted)
"""


def fake_pagefind(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, *, answered: int, delay: float = 0.0
) -> None:
    import pagefind.service

    script = tmp_path / "fake-pagefind"
    body = FAKE_SERVICE.replace("ANSWERED", str(answered)).replace("DELAY", str(delay))
    script.write_text(f"#!{sys.executable}\n{body}", encoding="utf-8")
    script.chmod(0o755)
    monkeypatch.setattr(pagefind.service, "get_executable", lambda: script)


@pytest.mark.parametrize("answered", [0, 1], ids=["from-the-start", "after-the-first-reply"])
def test_a_hung_pagefind_is_stopped_and_the_build_fails_instead_of_waiting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, answered: int
) -> None:
    """Pagefind alive but answering nothing: from the start (the index is never made), or
    once indexing began, when it stops reading too (then writing a page blocks once its pipe
    is full). Either way the indexer gives up after the silence limit with a clear error."""
    monkeypatch.setattr(search_index, "SILENCE_LIMIT", 1.0)
    fake_pagefind(monkeypatch, tmp_path, answered=answered)
    started = time.monotonic()
    stopped = pytest.raises(RetroError, match="no answer for 1 seconds and was stopped")
    if not answered:
        with stopped:
            SearchIndexer(tmp_path / "pagefind")
    else:
        indexer = SearchIndexer(tmp_path / "pagefind")
        try:
            with stopped:
                for number in range(200):  # about 100 kB: more than a pipe holds
                    indexer.add_page(article(f"R{number}", "words " * 60), f"/r{number}/", "R")
            assert indexer.pages < 200  # a page's write was blocked, and failed
        finally:
            indexer.close()
    assert time.monotonic() - started < 20


def test_a_slow_pagefind_that_keeps_answering_is_not_stopped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The limit is on silence, not on the whole work: six replies 0.5 s apart take longer
    than the limit, but no reply is ever more than the limit away."""
    monkeypatch.setattr(search_index, "SILENCE_LIMIT", 2.0)
    fake_pagefind(monkeypatch, tmp_path, answered=1 + 4 + 1, delay=0.5)
    started = time.monotonic()
    indexer = SearchIndexer(tmp_path / "pagefind")
    try:
        for number in range(4):
            indexer.add_page(article(f"R{number}", "words"), f"/r{number}/", "R")
        indexer.finish()  # the fake's reply to WriteFiles is enough for finish
    finally:
        indexer.close()
    assert time.monotonic() - started > 2.5
    assert not indexer._silent


def test_close_stops_the_service_whatever_happened(tmp_path: Path) -> None:
    indexer = SearchIndexer(tmp_path / "pagefind")
    indexer.add_page(article("One", "words"), "/one/", "One")
    indexer.close()
    assert indexer._process.poll() is not None


@pytest.mark.skipif(
    not hasattr(os, "sched_getaffinity") or len(os.sched_getaffinity(0)) < 2,
    reason="keeping a process to some cores needs Linux and two cores",
)
def test_pagefind_leaves_one_core_to_the_generator(tmp_path: Path) -> None:
    mine = os.sched_getaffinity(0)
    indexer = SearchIndexer(tmp_path / "pagefind")
    try:
        theirs = os.sched_getaffinity(indexer._process.pid)
    finally:
        indexer.close()
    assert theirs == mine - {min(mine)}  # every core but one
    assert os.sched_getaffinity(0) == mine  # this thread's own given back


def test_pagefind_starts_where_cores_cannot_be_chosen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Keeping Pagefind to some cores is only for speed: a system that refuses it (a sandbox,
    a set of cores changed meanwhile) still gets its index."""

    def refuse(pid: int, cores: object) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "sched_setaffinity", refuse, raising=False)
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    output = tmp_path / "pagefind"
    indexer = SearchIndexer(output)
    try:
        indexer.add_page(article("One", "words"), "/one/", "One")
        indexer.finish()
    finally:
        indexer.close()
    assert (output / "pagefind.js").is_file()


def test_writing_starts_at_once_and_finish_waits_for_it(tmp_path: Path) -> None:
    output = tmp_path / "pagefind"
    indexer = SearchIndexer(output)
    try:
        for number in range(5):
            indexer.add_page(article(f"R{number}", "words"), f"/r{number}/", f"R{number}")
        # Hold the writing thread before it waits for anything: write() must return anyway.
        gate, wait = threading.Event(), indexer._wait
        indexer._wait = lambda done: (gate.wait(10), wait(done))[1]  # type: ignore[method-assign]
        indexer.write()
        assert indexer._writer is not None and indexer._writer.is_alive()
        assert not (output / "pagefind.js").exists()
        gate.set()
        with pytest.raises(AssertionError):
            indexer.add_page(article("Late", "words"), "/late/", "Late")
        indexer.write()  # a second call starts nothing more
        indexer.finish()
    finally:
        indexer.close()
    assert set(fragments(output)) == {f"/r{n}/" for n in range(5)}


def test_a_refused_write_is_reported_by_finish(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    indexer = SearchIndexer(blocker / "pagefind")  # cannot be made: a file stands in the way
    try:
        indexer.add_page(article("One", "words"), "/one/", "One")
        indexer.write()
        with pytest.raises(RetroError, match="search index could not be written"):
            indexer.finish()
    finally:
        indexer.close()


def test_the_site_build_writes_the_index_while_mkdocs_renders_templates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The plugin starts the write once every page is converted (``on_env``), before MkDocs
    renders the first page's template; ``on_post_build`` only waits for it."""
    from mkdocs.commands import build as mkdocs_build
    from mkdocs.config import load_config as load_mkdocs_config

    from sitelib import review, write_library

    events: list[str] = []
    write, build_page = SearchIndexer.write, mkdocs_build._build_page

    def recording_write(self: SearchIndexer) -> None:
        events.append("write")
        write(self)

    def recording_build_page(*args: object, **kwargs: object) -> None:
        events.append("template")
        build_page(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(SearchIndexer, "write", recording_write)
    monkeypatch.setattr(mkdocs_build, "_build_page", recording_build_page)
    monkeypatch.setenv("RETRO_TODAY", "2026-06-01")
    root = write_library(tmp_path, {"2026-01-05-a": review("2026-01-05-a")})
    mkdocs_build.build(load_mkdocs_config(str(root / "mkdocs.yml"), site_dir=str(root / "site")))
    assert events[0] == "write" and "template" in events
    assert events.count("write") == 2  # again in on_post_build, where it starts nothing
    assert list(fragments(root / "site" / "pagefind")) == ["/reviews/2026/2026-01-05-a/"]


def test_other_plugins_see_the_index_written_after_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A plugin listed before retro (one that copies or compresses the site, say) finds the
    index whole in its ``on_post_build``: retro's waits for the index before any other."""
    from mkdocs.commands import build as mkdocs_build
    from mkdocs.config import load_config as load_mkdocs_config
    from mkdocs.plugins import BasePlugin, PluginCollection

    from sitelib import review, write_library

    seen: list[bool] = []

    class Probe(BasePlugin):  # type: ignore[type-arg]
        def on_post_build(self, *, config: object) -> None:
            seen.append((root / "site" / "pagefind" / "pagefind-entry.json").is_file())

    # Writing as slowly as on a big library: the probe would otherwise find it written.
    write = SearchIndexer._write
    monkeypatch.setattr(SearchIndexer, "_write", lambda self: (time.sleep(1), write(self)))
    monkeypatch.setenv("RETRO_TODAY", "2026-06-01")
    root = write_library(tmp_path, {"2026-01-05-a": review("2026-01-05-a")})
    config = load_mkdocs_config(str(root / "mkdocs.yml"), site_dir=str(root / "site"))
    plugins = PluginCollection()
    plugins["probe"] = Probe()
    for name, plugin in config.plugins.items():
        plugins[name] = plugin
    config["plugins"] = plugins
    mkdocs_build.build(config)
    assert seen == [True]


def test_closing_while_the_index_is_written_stops_quietly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a build error after ``on_env`` does: no thread is left to fail with a traceback."""

    failures: list[BaseException | None] = []
    monkeypatch.setattr(threading, "excepthook", lambda args: failures.append(args.exc_value))
    indexer = SearchIndexer(tmp_path / "pagefind")
    for number in range(30):
        indexer.add_page(article(f"R{number}", "words"), f"/r{number}/", f"R{number}")
    indexer.write()
    indexer.close()
    assert indexer._writer is not None and not indexer._writer.is_alive()
    assert failures == []
