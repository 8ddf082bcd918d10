"""`unsafe-html`: markup in a body that could run script on the published site."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import review_text
from retro_reviews.cli import cli
from retro_reviews.rules.unsafe_html import unsafe_spans, visible_markup

REVIEW = "2026-03-01-wrong-colour-shipped"
RELPATH = f"reviews/2026/{REVIEW}.md"


@pytest.mark.parametrize(
    ("markup", "says"),
    [
        ("<script>alert(1)</script>", "a <script> tag"),
        ("<SCRIPT src=//evil.example/x.js></SCRIPT>", "a <script> tag"),
        ("< script>alert(1)</script>", "a <script> tag"),
        ('<iframe src="https://evil.example"></iframe>', "a <iframe> tag"),
        ('<object data="x.swf"></object>', "a <object> tag"),
        ('<embed src="x.swf">', "a <embed> tag"),
        ('<img src=x onerror="alert(1)">', "the inline event handler 'onerror'"),
        ('<img src="a>b" onerror=alert(1)>', "the inline event handler 'onerror'"),
        ("<div\n  onmouseover = 'alert(1)'>hover</div>", "the inline event handler 'onmouseover'"),
        ("<svg/onload=alert(1)>", "the inline event handler 'onload'"),
        ('<a href="javascript:alert(1)">x</a>', "a javascript: URL in an HTML attribute"),
        ("<a href='JaVaScRiPt:alert(1)'>x</a>", "a javascript: URL in an HTML attribute"),
        ('<a href="jav&#x09;ascript:alert(1)">x</a>', "a javascript: URL in an HTML attribute"),
        ("<a href=javascript:alert(1)>x</a>", "a javascript: URL in an HTML attribute"),
        ("[click](javascript:alert(1))", "a javascript: link"),
        ("[click]( javascript:alert(1) )", "a javascript: link"),
        ("![img](javascript:alert(1))", "a javascript: link"),
        ("[click][1]\n\n[1]: javascript:alert(1)", "a javascript: link"),
        ("<javascript:alert(1)>", "a javascript: link"),
        (
            '<meta http-equiv="refresh" content="0;url=https://evil.example">',
            "<meta http-equiv=refresh>",
        ),
    ],
)
def test_unsafe_markup_is_found(markup: str, says: str) -> None:
    found = list(unsafe_spans(f"Some text.\n\n{markup}\n"))
    assert found, markup
    assert any(says in message for _, message in found), found


@pytest.mark.parametrize(
    "markup",
    [
        "```html\n<script>alert(1)</script>\n```",
        "~~~\n<iframe src=x></iframe>\n~~~",
        "The page had `<script src=x.js>` in its footer.",
        "A link like ``[x](javascript:alert(1))`` is refused.",
        "<!-- <script>alert(1)</script> -->",
        '<img src="chart.png" alt="Error rate, onerror = 0">',
        "<details><summary>Timeline</summary>Logs</details>",
        "[the runbook](https://wiki.example.com/runbooks/checkout)",
        "Ask on: the ops channel; description: javascript: is a URL scheme.",
        '<a href="https://example.com/?q=javascript:x">x</a>',
        "We saw an online=true flag and <b>bold</b> text.",
        '<span data-onclick="x">text</span>',
    ],
)
def test_safe_markup_and_documented_attacks_pass(markup: str) -> None:
    assert list(unsafe_spans(f"Text.\n\n{markup}\n")) == []


def test_visible_markup_keeps_offsets() -> None:
    body = "a `<b>` c\n```\n<script>\n```\nd <!-- x\ny --> e"
    blanked = visible_markup(body)
    assert len(blanked) == len(body)
    assert blanked.count("\n") == body.count("\n")
    assert "<" not in blanked


def test_cli_reports_each_with_line_and_column(
    project: Path, write_review: Callable[..., Path], chdir: Callable[[Path], None]
) -> None:
    text = review_text().replace(
        "## Follow-up\n",
        '## Follow-up\n\nSee <a href="javascript:alert(1)" onclick="x()">this</a>.\n'
        "<script>alert(document.cookie)</script>\n",
        1,
    )
    path = write_review(REVIEW, text)
    line = next(i for i, ln in enumerate(path.read_text().split("\n"), 1) if "See <a" in ln)
    chdir(project)
    result = CliRunner().invoke(cli, ["check"])
    assert result.output == (
        f"{RELPATH}:{line}:8: error [unsafe-html] a javascript: URL in an HTML attribute runs "
        "script when clicked; link to a real page instead\n"
        f"{RELPATH}:{line}:35: error [unsafe-html] the inline event handler 'onclick' runs "
        "script on the published site; remove the attribute\n"
        f"{RELPATH}:{line + 1}:1: error [unsafe-html] a <script> tag can run or embed code on "
        "the published site; remove it (put it in a code block, ``` fences, if the review "
        "documents it)\n"
        "Checked 1 file: 3 errors, 0 warnings.\n"
    )
    assert result.exit_code == 1


def test_cli_allow_marker_and_front_matter_not_checked(
    project: Path, write_review: Callable[..., Path], chdir: Callable[[Path], None]
) -> None:
    text = review_text(title='"Checkout <script>alert(1)</script> page"').replace(
        "## Follow-up\n",
        '## Follow-up\n\n<!-- retro-allow: unsafe-html -->\n<iframe src="https://status.example">'
        "</iframe>\n",
        1,
    )
    write_review(REVIEW, text)
    chdir(project)
    result = CliRunner().invoke(cli, ["check"])
    assert "[unsafe-html]" not in result.output
    assert result.exit_code == 0


def test_hostile_bodies_are_checked_quickly() -> None:
    import time

    for body in (
        "<a " * 300_000,
        "`` ` " * 200_000,
        '<a "' * 200_000 + "<b '" * 10,
        "<meta " * 200_000,
        "](" * 500_000,
        "<" + "a" * 1_000_000,
    ):
        started = time.perf_counter()
        list(unsafe_spans(body))
        assert time.perf_counter() - started < 5, body[:10]
