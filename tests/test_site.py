"""retro_reviews.site: which reviews the library shows, decided before any page is made."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from retro_reviews.check import load_library
from retro_reviews.config import load_config
from retro_reviews.site import select_reviews


@pytest.fixture
def library(project: Path, write_review: Callable[..., Path]) -> Path:
    write_review("2026-01-01-public-published", visibility="public")
    write_review("2026-02-01-internal-published", visibility="internal")
    write_review("2026-03-01-public-draft", status="draft")
    write_review("2026-04-01-public-in-review", status="in-review")
    write_review("2026-05-01-broken", text="---\ntitle: [unclosed\n---\n")
    write_review("2026-06-01-wrong-type", title="Fine", kind="[incident]")
    return project


def ids(project: Path, text: str = "", **env: str) -> tuple[list[str], list[str]]:
    (project / "retro.yml").write_text(text)
    config = load_config(project)
    selection = select_reviews(load_library(config), config)
    return [r.id for r in selection.shown], [r.id for r, _ in selection.broken]


def test_published_only_by_default_newest_first(library: Path) -> None:
    shown, broken = ids(library)
    assert shown == ["2026-02-01-internal-published", "2026-01-01-public-published"]
    assert broken == ["2026-05-01-broken", "2026-06-01-wrong-type"]


def test_show_status_adds_drafts_and_reviews_in_review(library: Path) -> None:
    shown, _ = ids(library, "show_status: [published, in-review, draft]")
    assert shown[:2] == ["2026-04-01-public-in-review", "2026-03-01-public-draft"]
    assert len(shown) == 4


def test_public_build_shows_public_reviews_only_and_reports_no_internal_file(
    library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown, broken = ids(library, "public: true")
    assert shown == ["2026-01-01-public-published"]
    assert broken == ["2026-06-01-wrong-type"]  # unreadable ones might be internal: silent
    monkeypatch.setenv("RETRO_PUBLIC", "1")
    assert ids(library)[0] == ["2026-01-01-public-published"]


def test_broken_reviews_say_why(library: Path) -> None:
    config = load_config(library)
    selection = select_reviews(load_library(config), config)
    reasons = dict((r.id, why) for r, why in selection.broken)
    assert "YAML" in reasons["2026-05-01-broken"] or "yaml" in reasons["2026-05-01-broken"]
    assert "kind" in reasons["2026-06-01-wrong-type"]


def test_retro_show_status_overrides_show_status_for_one_build(
    library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RETRO_SHOW_STATUS", " in-review , published")
    shown, _ = ids(library, "show_status: [published]")
    assert shown[0] == "2026-04-01-public-in-review"
    assert "2026-03-01-public-draft" not in shown
    monkeypatch.setenv("RETRO_SHOW_STATUS", "")  # blank: the configured choice
    assert "2026-04-01-public-in-review" not in ids(library)[0]


def test_retro_show_status_with_an_unknown_status_is_a_config_error(
    library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from retro_reviews.errors import ConfigError

    monkeypatch.setenv("RETRO_SHOW_STATUS", "in-reveiw,published")
    with pytest.raises(ConfigError, match="RETRO_SHOW_STATUS: 'in-reveiw' is not one of"):
        ids(library)
