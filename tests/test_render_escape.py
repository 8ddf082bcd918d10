"""retro_reviews.render.escape: review text shown as written, never as markup (a sentence
field's own inline Markdown aside)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import markdown
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from fuzz_strategies import fuzz_settings
from retro_reviews.render.escape import (
    front_matter,
    html_inline,
    html_text,
    inline_plain,
    md_text,
)


def render(text: str) -> str:
    return markdown.markdown(text, extensions=["tables", "attr_list"])


def test_html_is_text() -> None:
    out = render(md_text('<script>alert(1)</script> & <img src=x onerror="a()">'))
    assert "<script>" not in out and "<img" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;img src=x onerror=" in out


def test_markdown_is_text() -> None:
    source = "**bold** _it_ `code` [link](http://x) ![i](y) # head {: onclick=x} 1. a | b"
    out = render("A " + md_text(source))
    assert "<strong>" not in out and "<em>" not in out and "<code>" not in out
    assert (
        "<a " not in out and "<img" not in out and "onclick" not in out.replace("{: onclick=x}", "")
    )
    assert "**bold** _it_ `code` [link](http://x) ![i](y) # head {: onclick=x} 1. a" in out


def test_table_cell_stays_one_cell() -> None:
    out = render("| a | b |\n|---|---|\n| " + md_text("x | y\nz") + " | 2 |\n")
    assert out.count("<td>") == 2
    assert "x &#124; y z" in out


def test_front_matter_escapes_the_title_and_quotes_values() -> None:
    block = front_matter({"title": "<b>x</b>: y", "tags": ["a: b", "- c"]})
    assert block.startswith("---\n") and block.endswith("---\n\n")
    data = yaml.safe_load(block.strip().strip("-"))
    assert data == {"title": "&lt;b&gt;x&lt;/b&gt;: y", "tags": ["a: b", "- c"]}
    assert front_matter({}) == ""


def test_html_text() -> None:
    assert html_text('"<a>"&') == "&quot;&lt;a&gt;&quot;&amp;"


def test_a_value_that_looks_like_a_list_stays_text() -> None:
    for value in ("- item", "+ item", "* item", "1. first", "12) twelfth", "> quote"):
        out = render("- " + md_text(value))
        assert out.count("<li>") == 1 and "<ol>" not in out and "<blockquote>" not in out
        assert value.replace(">", "&gt;") in out


# --------------------------------------------------------------------------- html_inline


@pytest.mark.parametrize(
    ("text", "html"),
    [
        ("plain words", "plain words"),
        ("a deploy of `api-gateway` v2.3", "a deploy of <code>api-gateway</code> v2.3"),
        ("``a ` tick``", "<code>a ` tick</code>"),
        ("about **12,000** requests", "about <strong>12,000</strong> requests"),
        (
            "__really__ and _quite_ and *very*",
            "<strong>really</strong> and <em>quite</em> and <em>very</em>",
        ),
        (
            "see the [status page](https://status.example.test/42).",
            'see the <a href="https://status.example.test/42">status page</a>.',
        ),
        ("[the runbook](../../guide/#deploys)", '<a href="../../guide/#deploys">the runbook</a>'),
        ("[mail us](mailto:ops@example.test)", '<a href="mailto:ops@example.test">mail us</a>'),
        (
            "<https://example.test/a?b=1&c=2>",
            '<a href="https://example.test/a?b=1&amp;c=2">https://example.test/a?b=1&amp;c=2</a>',
        ),
        (
            "[**bold** `code`](https://x.test)",
            '<a href="https://x.test"><strong>bold</strong> <code>code</code></a>',
        ),
        ("*a `b` c*", "<em>a <code>b</code> c</em>"),
        # Emphasis never crosses the edges of a strong part (the tags stay nested).
        ("*a **b** c*", "<em>a <strong>b</strong> c</em>"),
        ("*a **b* c**", "*a <strong>b* c</strong>"),
        ("**a *b** c*", "<strong>a *b</strong> c*"),
        # Not markup: words with underscores, stars with spaces, escaped characters.
        ("snake_case_name and user_id", "snake_case_name and user_id"),
        ("5 * 3 * 2", "5 * 3 * 2"),
        ("a \\*star\\* and \\`tick\\` and \\[x](y)", "a *star* and `tick` and [x](y)"),
        ("unclosed `tick and [bracket", "unclosed `tick and [bracket"),
        # HTML is text, wherever it is.
        (
            "<b>x</b> & <img src=x onerror=alert(1)>",
            "&lt;b&gt;x&lt;/b&gt; &amp; &lt;img src=x onerror=alert(1)&gt;",
        ),
        ("`<script>alert(1)</script>`", "<code>&lt;script&gt;alert(1)&lt;/script&gt;</code>"),
        ("**<i>x</i>**", "<strong>&lt;i&gt;x&lt;/i&gt;</strong>"),
        # Lines are joined, as everywhere on a page.
        ("one\n\ntwo   three", "one two three"),
    ],
)
def test_inline_markdown_in_a_value_is_rendered_and_the_rest_is_text(text: str, html: str) -> None:
    assert html_inline(text) == html


@pytest.mark.parametrize(
    "text",
    [
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "[click](data:text/html,<script>alert(1)</script>)",
        "[click](vbscript:msgbox(1))",
        # What a browser drops or decodes before it reads the scheme.
        "[click](\x01javascript:alert(1))",
        "[click](\x1f\x7fjavascript:alert(1))",
        "[click](&#106;avascript:alert(1))",
        "[click](javascript&colon;alert(1))",
        "<javascript:alert(1)>",
        '[q](https://x.test/"onmouseover="alert(1))',
    ],
)
def test_a_link_a_browser_could_run_is_shown_as_written(text: str) -> None:
    out = html_inline(text)
    assert "<a " not in out and "<" not in out.replace("&lt;", ""), out
    assert '"' not in out, out  # no attribute can be opened


def test_a_marker_the_renderer_uses_inside_cannot_be_forged() -> None:
    # Finished pieces are held out of the text by private-use characters: a value holding
    # them shows a replacement character, never another piece.
    out = html_inline("`x` then \ue0000\ue001 and *y*")
    assert out == "<code>x</code> then \ufffd0\ufffd and <em>y</em>"


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        (
            "The `refund-worker` sent **312** refunds twice",
            "The refund-worker sent 312 refunds twice",
        ),
        ("See [the status page](https://status.example.com) *below*", "See the status page below"),
        ("Tags <b>stay</b> as written & so do 1 < 2", "Tags <b>stay</b> as written & so do 1 < 2"),
        ("A \\*star\\* and `<code>`", "A *star* and <code>"),
        ("  lines\n  joined  ", "lines joined"),
    ],
)
def test_inline_plain_reads_the_markdown_and_keeps_the_rest_as_text(text: str, plain: str) -> None:
    # What a reader sees of a sentence field, where markup cannot be shown (a search result
    # lists it as text): the Markdown read, everything else, HTML included, as written.
    assert inline_plain(text) == plain


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.seen: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.seen.append((tag, attrs))
        self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.open and self.open.pop() == tag, (tag, self.open)


@fuzz_settings(default=400)
@given(
    st.lists(
        st.sampled_from(
            list("ab _*`[]()<>:/\\\"'&=#!\n\x01\x7f") + ["javascript:", "http://", "mailto:"]
        ),
        max_size=40,
    ).map("".join)
)
def test_any_value_gives_only_the_inline_tags_and_safe_links(text: str) -> None:
    parser = _Tags()
    parser.feed(html_inline(text))
    parser.close()
    assert parser.open == []
    for tag, attrs in parser.seen:
        assert tag in {"code", "strong", "em", "a"}, (tag, text)
        if tag == "a":
            assert [name for name, _ in attrs] == ["href"], attrs
            href = attrs[0][1] or ""
            scheme = re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", href)
            assert scheme is None or scheme.group(0).lower() in ("http:", "https:", "mailto:")
