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
from retro_reviews.parallel import both, can_share, map_in_two
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


@needs_two
def test_objects_are_frozen_for_the_garbage_collector_only_while_a_helper_runs() -> None:
    import gc

    assert gc.get_freeze_count() == 0
    assert both(lambda: 1, lambda: gc.get_freeze_count() > 0) == (1, True)
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


@needs_two
def test_the_rules_of_a_large_library_run_on_two_cores(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from retro_reviews import check
    from retro_reviews.findings import Level
    from retro_reviews.rules import Rule
    from retro_reviews.rules.base import finding

    def where(review, ctx):  # type: ignore[no-untyped-def]
        yield finding(review, "where-checked", str(os.getpid()), 1)

    monkeypatch.setattr(
        check, "RULES", (*check.RULES, Rule("where-checked", Level.WARNING, "-", "-", where))
    )
    config = load_config(library_of(tmp_path, parallel.MIN_ITEMS + 30))
    result = run_check(config, today=date(2026, 6, 1))
    pids = [int(f.message) for f in result.findings if f.rule == "where-checked"]
    assert len(pids) == parallel.MIN_ITEMS + 30
    assert HERE in pids and len(set(pids)) == 2


@needs_two
def test_the_review_pages_of_a_large_library_are_made_on_two_cores(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from retro_reviews.render import site
    from retro_reviews.render.site import site_pages

    made = site.review_page_blocks

    def where(review, ctx):  # type: ignore[no-untyped-def]
        meta, blocks = made(review, ctx)
        return {**meta, "made-by": os.getpid()}, blocks

    monkeypatch.setattr(site, "review_page_blocks", where)
    config = load_config(library_of(tmp_path, parallel.MIN_ITEMS + 30))
    shown = select_reviews(load_library(config), config).shown
    pages = site_pages(shown, config, date(2026, 6, 1))
    reviews = [p for p in pages if p.review is not None]
    assert all(p.review is r for p, r in zip(reviews, shown, strict=True))  # in order, ours
    pids = [p.meta["made-by"] for p in reviews]
    assert HERE in pids and len(set(pids)) == 2


def test_a_small_library_s_pages_are_made_without_a_helper(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from retro_reviews.render import site
    from retro_reviews.render.site import site_pages

    def no_helper(*args: object) -> None:
        raise AssertionError("a helper was forked for a small library")

    monkeypatch.setattr(site, "both", no_helper)
    config = load_config(library_of(tmp_path, 5))
    shown = select_reviews(load_library(config), config).shown
    pages = site_pages(shown, config, date(2026, 6, 1))
    assert [p.review for p in pages if p.review is not None] == list(shown)


def test_work_is_shared_only_when_there_is_enough_and_a_helper_may_run(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert not parallel.will_share(parallel.MIN_ITEMS - 1)
    assert parallel.will_share(parallel.MIN_ITEMS) == can_share()
    assert parallel.will_share(5, min_items=5) == can_share()
    monkeypatch.setenv("RETRO_JOBS", "1")
    assert not parallel.will_share(10 * parallel.MIN_ITEMS)


@pytest.mark.parametrize("jobs", ["", "1"])
def test_the_library_wide_views_are_made_ahead_only_for_a_helper(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: str
) -> None:
    """Made ahead, they are shared with the helper instead of made twice; with no helper
    (few reviews, or RETRO_JOBS=1) each is made when a rule first asks for it, if ever."""
    from retro_reviews.rules import CheckContext

    made_ahead: list[int] = []
    monkeypatch.setattr(CheckContext, "prepare", lambda self: made_ahead.append(1))
    monkeypatch.setenv("RETRO_JOBS", jobs)
    config = load_config(library_of(tmp_path / "big", parallel.MIN_ITEMS + 5))
    run_check(config, today=date(2026, 6, 1))
    assert made_ahead == ([1] if jobs == "" and can_share() else [])
    small = load_config(library_of(tmp_path / "small", 5))
    run_check(small, today=date(2026, 6, 1))
    assert len(made_ahead) <= 1  # never for five reviews


@needs_two
def test_a_large_library_is_judged_for_the_site_on_two_cores_with_the_same_choice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from retro_reviews import site

    root = library_of(tmp_path, parallel.MIN_ITEMS + 30)
    broken = sorted((root / "reviews").rglob("*.md"))[::40]
    for path in broken:  # a severity no schema allows: the site leaves the review out
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("severity: ", "severity: unheard-of-", 1), encoding="utf-8")
    config = load_config(root)
    library = load_library(config)
    choices = []
    for jobs in ("1", "2"):
        monkeypatch.setenv("RETRO_JOBS", jobs)
        chosen = select_reviews(library, config)
        choices.append(([r.id for r in chosen.shown], [(r.id, why) for r, why in chosen.broken]))
    assert len(choices[0][1]) == len(broken) and len(choices[0][0]) == len(library) - len(broken)
    assert choices[0] == choices[1]

    monkeypatch.setattr(site, "_broken", lambda review, config: str(os.getpid()))
    pids = {int(why) for _, why in select_reviews(library, config).broken}
    assert HERE in pids and len(pids) == 2
