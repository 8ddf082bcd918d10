"""retro_reviews.render.links: where pages are served, and final URLs for raw HTML."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from retro_reviews.config import load_config
from retro_reviews.model import Review
from retro_reviews.render.links import page_url, rel, review_uri, served_path


@pytest.mark.parametrize(
    ("uri", "directory", "flat"),
    [
        ("index.md", "", "index.html"),
        ("reviews/index.md", "reviews/", "reviews/index.html"),
        ("reviews/2025/x.md", "reviews/2025/x/", "reviews/2025/x.html"),
        ("assets/retro.css", "assets/retro.css", "assets/retro.css"),
    ],
)
def test_served_path(uri: str, directory: str, flat: str) -> None:
    assert served_path(uri) == directory
    assert served_path(uri, directory_urls=False) == flat


@pytest.mark.parametrize(
    ("source", "target", "directory", "flat"),
    [
        (
            "reviews/2025/x.md",
            "reviews/by-kind/incident.md",
            "../../by-kind/incident/",
            "../by-kind/incident.html",
        ),
        (
            "reviews/2025/x.md",
            "checklists/index.md",
            "../../../checklists/",
            "../../checklists/index.html",
        ),
        ("reviews/2025/x.md", "reviews/2025/y.md", "../y/", "y.html"),
        ("index.md", "reviews/2025/x.md", "reviews/2025/x/", "reviews/2025/x.html"),
        ("index.md", "index.md", "./", "index.html"),
        ("checklists/index.md", "index.md", "../", "../index.html"),
        (
            "reviews/index.md",
            "reviews/by-area/café.md",
            "by-area/caf%C3%A9/",
            "by-area/caf%C3%A9.html",
        ),
        (
            "reviews/2025/x.md",
            "tags/index.md#tag:deploy",
            "../../../tags/#tag:deploy",
            "../../tags/index.html#tag:deploy",
        ),
    ],
)
def test_page_url_both_url_styles(source: str, target: str, directory: str, flat: str) -> None:
    assert page_url(source, target) == directory
    assert page_url(source, target, directory_urls=False) == flat


def test_page_url_agrees_with_what_mkdocs_makes_of_rel() -> None:
    # MkDocs turns the Markdown link rel() writes into the same URL page_url() gives.
    from mkdocs.structure.files import File

    for source, target in [
        ("reviews/2025/x.md", "reviews/by-kind/incident.md"),
        ("checklists/a.md", "reviews/2024/y.md"),
        ("index.md", "checklists/index.md"),
    ]:
        for directory_urls in (True, False):
            here = File(source, "docs", "site", directory_urls)
            there = File(target, "docs", "site", directory_urls)
            assert rel(source, target)  # a Markdown link exists for the same pair
            assert there.url_relative_to(here) == page_url(
                source, target, directory_urls=directory_urls
            )


def test_review_uri_is_the_file_s_place_under_the_reviews_folder(tmp_path: Path) -> None:
    (tmp_path / "reviews" / "2025" / "deep").mkdir(parents=True)
    config = load_config(tmp_path)
    inside = config.reviews_path / "2025" / "deep" / "2025-01-01-x.md"
    expected = "reviews/2025/deep/2025-01-01-x.md"
    assert review_uri(Review(path=inside, relpath=""), config) == expected
    # The folder given as a relative path: the same place.
    other = Path(os.path.relpath(config.reviews_path)) / "2025" / "2025-02-01-y.md"
    assert review_uri(Review(path=other, relpath=""), config) == "reviews/2025/2025-02-01-y.md"
    # Outside the folder: the year of its date and its id.
    outside = Review(path=tmp_path / "elsewhere" / "2024-05-01-z.md", relpath="")
    assert review_uri(outside, config) == "reviews/2024/2024-05-01-z.md"
