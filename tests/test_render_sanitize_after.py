"""retro.render.sanitize.sanitize_after: only the hand-written part of a page is filtered."""

from __future__ import annotations

from retro.render.review_page import BODY_START
from retro.render.sanitize import sanitize_after

HEAD = '<table><tbody><tr><th>Kind</th><td><a href="../../by-kind/x/">x</a></td></tr>'


def test_the_body_after_the_marker_is_sanitised() -> None:
    page = HEAD + BODY_START + '<p>ok</p><script>alert(1)</script><a href="javascript:x">a</a>'
    assert sanitize_after(page, BODY_START) == HEAD + BODY_START + "<p>ok</p><a>a</a>"


def test_without_the_marker_the_whole_page_is_sanitised() -> None:
    assert sanitize_after("<p>a</p><script>x</script>", BODY_START) == "<p>a</p>"


def test_a_second_marker_in_the_body_changes_nothing() -> None:
    page = HEAD + BODY_START + BODY_START + "<iframe src=x></iframe><p>b</p>"
    assert sanitize_after(page, BODY_START) == HEAD + BODY_START + BODY_START + "<p>b</p>"
