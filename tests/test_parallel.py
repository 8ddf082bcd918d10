"""retro_reviews.parallel: work shared with one forked helper gives what the serial loop gives."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from retro_reviews import parallel
from retro_reviews.check import load_library, run_check
from retro_reviews.config import load_config
from retro_reviews.parallel import both, can_share, map_in_two, stream_from_helper
from retro_reviews.render.site import render_site
from retro_reviews.site import select_reviews
from sitelib import review

HERE = os.getpid()
needs_two = pytest.mark.skipif(
    not can_share(), reason="no helper here (one core, not Linux, or RETRO_JOBS=1)"
)


@pytest.fixture(autouse=True)
def _shared(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.delenv("RETRO_JOBS", raising=False)
    yield


def pid_and_square(n: int) -> tuple[int, int]:
    return os.getpid(), n * n


@needs_two
def test_the_second_half_is_done_by_a_helper_and_the_order_is_kept() -> None:
    results = map_in_two(pid_and_square, range(300))
    assert [square for _, square in results] == [n * n for n in range(300)]
    pids = [pid for pid, _ in results]
    assert set(pids[:150]) == {HERE}
    assert HERE not in set(pids[150:])


def test_short_lists_stay_in_this_process() -> None:
    results = map_in_two(pid_and_square, range(parallel.MIN_ITEMS - 1))
    assert {pid for pid, _ in results} == {HERE}


def test_retro_jobs_1_keeps_everything_in_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RETRO_JOBS", "1")
    assert not can_share()
    assert {pid for pid, _ in map_in_two(pid_and_square, range(300))} == {HERE}


def test_no_helper_while_other_threads_run() -> None:
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not can_share()
        assert {pid for pid, _ in map_in_two(pid_and_square, range(300))} == {HERE}
    finally:
        stop.set()
        thread.join()


def fails_on(bad: int) -> object:
    def work(n: int) -> int:
        if n == bad:
            raise ValueError(f"item {n} is broken")
        return n

    return work


@pytest.mark.parametrize("bad", [10, 250], ids=["in this process", "in the helper"])
def test_an_error_is_raised_here_as_the_serial_loop_would(bad: int) -> None:
    with pytest.raises(ValueError, match=f"item {bad} is broken"):
        map_in_two(fails_on(bad), range(300))  # type: ignore[arg-type]


@needs_two
def test_a_result_that_cannot_travel_is_made_here_instead() -> None:
    results = map_in_two(lambda n: (os.getpid(), lambda: n), range(300))
    assert [make() for _, make in results] == list(range(300))
    assert {pid for pid, _ in results} == {HERE}


@needs_two
def test_a_helper_that_dies_is_replaced_by_this_process() -> None:
    def work(n: int) -> tuple[int, int]:
        if os.getpid() != HERE:
            os._exit(7)  # the helper is killed halfway
        return os.getpid(), n

    assert map_in_two(work, range(300)) == [(HERE, n) for n in range(300)]


@needs_two
def test_both_runs_the_helper_at_the_same_time_and_its_changes_stay_there() -> None:
    seen: list[str] = []

    def helper() -> tuple[int, str]:
        seen.append("helper")
        return os.getpid(), "listing"

    mine, theirs = both(lambda: (os.getpid(), "reviews"), helper)
    assert mine == (HERE, "reviews")
    assert theirs[1] == "listing" and theirs[0] != HERE
    assert seen == []  # the helper's memory was a copy


def test_an_error_in_this_process_stops_the_helper() -> None:
    def boom() -> None:
        raise KeyError("here")

    with pytest.raises(KeyError):
        both(boom, lambda: 1)
    with pytest.raises(OSError):
        os.waitpid(-1, os.WNOHANG)  # no child left behind


def library_of(root: Path, count: int) -> Path:
    (root / "reviews").mkdir(parents=True)
    (root / "retro.yml").write_text("")
    for n in range(count):
        day = date(2024, 1, 1).toordinal() + n * 3
        review_id = f"{date.fromordinal(day).isoformat()}-case-{n}"
        folder = root / "reviews" / review_id[:4]
        folder.mkdir(exist_ok=True)
        text = review(
            review_id,
            title=f"Case {n}",
            areas=[["checkout", "billing", "podcast"][n % 3]],
            tags=[f"t{n % 7}", f"t{n % 5}"],
            related=[] if n == 0 else [f"{date.fromordinal(day - 3).isoformat()}-case-{n - 1}"],
        )
        (folder / f"{review_id}.md").write_text(text, encoding="utf-8")
    return root


def test_a_large_library_loads_checks_and_renders_the_same_on_one_or_two_cores(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = load_config(library_of(tmp_path, parallel.MIN_ITEMS + 30))
    outcomes = []
    for jobs in ("1", "2"):
        monkeypatch.setenv("RETRO_JOBS", jobs)
        library = load_library(config)
        shown = select_reviews(library, config).shown
        checked = run_check(config, today=date(2026, 6, 1))
        outcomes.append(
            (
                [(r.relpath, r.meta, r.positions, r.body, r.problems) for r in library],
                [(f.path, f.line, f.rule, f.message) for f in checked.findings],
                render_site(shown, config, date(2026, 6, 1)),
            )
        )
    assert len(outcomes[0][0]) == parallel.MIN_ITEMS + 30
    assert len(outcomes[0][2]) > parallel.MIN_ITEMS + 30
    assert outcomes[0] == outcomes[1]


def numbers(count: int, *, fail_at: int | None = None) -> object:
    def produce() -> Iterator[tuple[str, tuple[int, int]]]:
        for n in range(count):
            if n == fail_at:
                raise RuntimeError("the helper fails halfway")
            yield f"k{n}", (os.getpid(), n)

    return produce


@needs_two
def test_a_stream_hands_over_each_result_as_asked_in_any_order() -> None:
    stream = stream_from_helper(numbers(500))  # type: ignore[arg-type]
    assert stream is not None
    try:
        assert stream.get("k250")[1] == 250  # later ones first: earlier ones are kept
        assert [stream.get(f"k{n}")[1] for n in range(250)] == list(range(250))
        helper = stream.get("k499")[0]
        assert helper != HERE
        assert stream.get("k250") is None  # each result is handed over once
        assert stream.get("nothing") is None  # never sent: the caller makes it
    finally:
        stream.close()
    assert not stream.failed
    with pytest.raises(ChildProcessError):
        os.waitpid(helper, os.WNOHANG)  # reaped


@needs_two
def test_a_helper_that_fails_midway_leaves_the_rest_to_the_caller() -> None:
    stream = stream_from_helper(numbers(500, fail_at=300))  # type: ignore[arg-type]
    assert stream is not None
    assert stream.get("k10")[1] == 10
    assert stream.get("k400") is None
    assert stream.get("k299")[1] == 299  # what arrived before the failure is kept
    stream.close()


@needs_two
def test_closing_a_stream_stops_a_helper_still_at_work() -> None:
    def endless() -> Iterator[tuple[int, bytes]]:
        n = 0
        while True:
            n += 1
            yield n, b"x" * 10_000

    stream = stream_from_helper(endless)
    assert stream is not None
    assert stream.get(1) == b"x" * 10_000
    stream.close()
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)  # the helper was stopped and reaped


def test_no_stream_where_sharing_is_not_possible(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RETRO_JOBS", "1")
    assert stream_from_helper(numbers(5)) is None  # type: ignore[arg-type]


def build_in_process(root: Path, site: Path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config as load_mkdocs_config

    build(load_mkdocs_config(str(root / "mkdocs.yml"), site_dir=str(site)))


def site_files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def test_a_large_site_built_by_a_helper_is_the_site_built_in_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from retro_reviews.render.site import SitePages
    from sitelib import MKDOCS_YML

    root = library_of(tmp_path / "lib", parallel.MIN_ITEMS + 20)
    (root / "docs").mkdir()
    (root / "mkdocs.yml").write_text(
        MKDOCS_YML.format(options="      {}") + "validation:\n  nav:\n    omitted_files: info\n"
    )
    monkeypatch.setenv("RETRO_TODAY", "2026-06-01")
    monkeypatch.setenv("RETRO_JOBS", "1")
    build_in_process(root, tmp_path / "one")
    monkeypatch.delenv("RETRO_JOBS")
    made_here: list[str] = []
    page = SitePages.page
    monkeypatch.setattr(
        SitePages, "page", lambda self, uri: made_here.append(uri) or page(self, uri)
    )
    import retro_reviews.mkdocs_plugin.plugin as plugin

    prepared_here: list[str] = []
    prepare = plugin.prepare
    monkeypatch.setattr(
        plugin, "prepare", lambda text, **kw: prepared_here.append(text) or prepare(text, **kw)
    )
    build_in_process(root, tmp_path / "two")
    one, two = site_files(tmp_path / "one"), site_files(tmp_path / "two")
    assert len(one) > parallel.MIN_ITEMS + 20 and one == two
    if can_share():
        assert made_here == ["assets/retro.css"]  # every page came from the helper
        assert prepared_here == []  # ready to use: nothing lifted again in this process

    # A helper that fails halfway: the pages it did not send are made here, same site.
    stream = SitePages.stream

    def failing(self: SitePages) -> Iterator[tuple[str, str]]:
        for number, item in enumerate(stream(self)):
            if number == 40:
                raise RuntimeError("the helper fails")
            yield item

    monkeypatch.setattr(SitePages, "stream", failing)
    made_here.clear()
    build_in_process(root, tmp_path / "three")
    assert site_files(tmp_path / "three") == one
    if can_share():
        assert len(made_here) > parallel.MIN_ITEMS - 40


@needs_two
def test_objects_are_frozen_for_the_garbage_collector_only_while_a_helper_runs() -> None:
    import gc

    assert gc.get_freeze_count() == 0
    stream = stream_from_helper(numbers(300))  # type: ignore[arg-type]
    assert stream is not None and gc.get_freeze_count() > 0
    both(lambda: gc.get_freeze_count(), lambda: 1)
    assert gc.get_freeze_count() > 0  # still frozen: the stream's helper runs
    stream.close()
    assert gc.get_freeze_count() == 0
    map_in_two(pid_and_square, range(300))
    assert gc.get_freeze_count() == 0


@needs_two
def test_a_freeze_made_by_the_application_is_left_alone() -> None:
    import gc

    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        assert frozen > 0
        both(lambda: 1, lambda: 2)
        assert gc.get_freeze_count() >= frozen  # not undone behind the application's back
    finally:
        gc.unfreeze()
        parallel._freezing = True  # as for a new process


def test_pages_left_out_of_the_build_stop_the_helper_once_all_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc

    from sitelib import MKDOCS_YML

    root = library_of(tmp_path / "lib", parallel.MIN_ITEMS + 20)
    (root / "docs").mkdir()
    first = sorted((root / "reviews").rglob("*.md"))[0].relative_to(root).as_posix()
    (root / "mkdocs.yml").write_text(
        MKDOCS_YML.format(options="      {}")
        + "validation:\n  nav:\n    omitted_files: info\n"
        + f"exclude_docs: |\n  /{first}\n"
    )
    import retro_reviews.mkdocs_plugin.plugin as plugin

    streams_left: list[object] = []
    post_build = plugin.RetroPlugin.on_post_build

    def watch(self: plugin.RetroPlugin, *, config: object) -> None:
        streams_left.append(self.stream)  # what on_env left running
        post_build(self, config=config)  # type: ignore[arg-type]

    monkeypatch.setattr(plugin.RetroPlugin, "on_post_build", watch)
    monkeypatch.setenv("RETRO_TODAY", "2026-06-01")
    build_in_process(root, tmp_path / "site")
    assert streams_left == [None]  # stopped once every page was read, before the templates
    built = site_files(tmp_path / "site")
    assert not any(name.startswith(first[:-3] + "/") for name in built)  # left out
    assert sum(name.startswith("reviews/20") for name in built) == parallel.MIN_ITEMS + 19
    assert gc.get_freeze_count() == 0
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)  # no helper left behind


@needs_two
def test_a_stream_keeps_a_bounded_number_of_results_ahead() -> None:
    import time

    def pages() -> Iterator[tuple[str, tuple[int, bytes]]]:
        for n in range(3_000):
            yield f"k{n}", (n, b"x" * 20_000)  # about a page each

    stream = stream_from_helper(pages)
    assert stream is not None
    try:
        assert stream.get("k0")[0] == 0
        time.sleep(0.5)  # the helper has long made everything it may
        for n in range(1, 50):
            assert stream.get(f"k{n}")[0] == n
        # What a full pipe and one read hold (2 MB, 100 results) beyond AHEAD; not 2,950.
        assert len(stream._got) <= parallel.AHEAD + 100
        assert [stream.get(f"k{n}")[0] for n in range(50, 3_000)] == list(range(50, 3_000))
    finally:
        stream.close()


@needs_two
def test_the_helper_makes_everything_without_waiting_for_the_caller_to_read(
    tmp_path: Path,
) -> None:
    import time

    done = tmp_path / "done"

    def pages() -> Iterator[tuple[int, bytes]]:
        for n in range(500):
            yield n, b"x" * 20_000  # 10 MB in all: far more than a pipe holds
        done.touch()

    stream = stream_from_helper(pages)
    assert stream is not None
    try:
        for _ in range(50):
            if done.exists():
                break
            time.sleep(0.1)
        assert done.exists()  # made everything before a single result was read
        assert [len(stream.get(n)) for n in range(500)] == [20_000] * 500
    finally:
        stream.close()
