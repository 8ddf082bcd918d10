"""retro_reviews.render.sanitize: a review page's HTML can run no script."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from retro_reviews.render.sanitize import (
    _PLAIN_URL,
    DROP_TAG,
    DROP_WITH_CONTENT,
    URL_ATTRIBUTES,
    _clean_already,
    safe_url,
    sanitize_html,
)


@pytest.mark.parametrize(
    ("dirty", "clean"),
    [
        ("<p>a</p><script>alert(1)</script><p>b</p>", "<p>a</p><p>b</p>"),
        ("<iframe src=x><p>inside</p></iframe>after", "after"),
        ("<object data=x></object><embed src=x>ok", "ok"),
        ('<img src="a.png" onerror="alert(1)" alt="A">', '<img src="a.png" alt="A">'),
        ("<IMG SRC=x ONERROR=alert(1)>", '<img src="x">'),
        ('<a href="javascript:alert(1)">x</a>', "<a>x</a>"),
        ('<a href="JaVa&#x09;Script:alert(1)">x</a>', "<a>x</a>"),
        ('<a href=" javascript:alert(1)">x</a>', "<a>x</a>"),
        (
            '<a href="https://example.com/?a=1&amp;b=2">x</a>',
            '<a href="https://example.com/?a=1&amp;b=2">x</a>',
        ),
        ("<svg onload=alert(1)><script>1</script></svg>", "<svg></svg>"),
        ("<p>open <script>alert(1)", "<p>open "),
        ("<scr<script>ipt>alert(1)</script>", "&lt;scr&lt;script&gt;ipt&gt;alert(1)"),
        (
            "<pre><code>&lt;script&gt; a &amp; b</code></pre>",
            "<pre><code>&lt;script&gt; a &amp; b</code></pre>",
        ),
        ('<div style="background:url(javascript:x)">d</div>', "<div>d</div>"),
        ('<a href="data:text/html,<script>alert(1)</script>">x</a>', "<a>x</a>"),
        ("<!-- <script>alert(1)</script> -->ok", "ok"),
        ('<meta http-equiv="refresh" content="0;url=javascript:alert(1)">ok', "ok"),
    ],
)
def test_sanitize(dirty: str, clean: str) -> None:
    assert sanitize_html(dirty) == clean


def test_safe_url() -> None:
    assert safe_url("https://x", tag="a", attribute="href")
    assert safe_url("../page/", tag="a", attribute="href")
    assert safe_url("data:image/png;base64,AAAA", tag="img", attribute="src")
    assert not safe_url("data:image/svg+xml,<svg onload=1>", tag="img", attribute="src")
    assert not safe_url("vbscript:x", tag="a", attribute="href")


def test_ordinary_page_html_is_unchanged() -> None:
    page = (
        '<h1 id="t">Title<a class="headerlink" href="#t" title="Permanent link">¶</a></h1>\n'
        "<table>\n<thead>\n<tr>\n<th>A</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n"
        "<td><strong>x</strong> &ldquo;y&rdquo; &#124;</td>\n</tr>\n</tbody>\n</table>\n"
        '<hr class="retro-body-start" />\n<p>Body <br /> text</p>'
    )
    assert sanitize_html(page) == page


def test_clean_pages_take_the_fast_path_and_suspect_ones_do_not() -> None:
    clean = '<p><a href="../x/">x</a> <a href="https://e.com/?a=1&amp;b=2">y</a></p>'
    assert sanitize_html(clean) is clean
    for dirty in (
        '<a href="&#106;avascript:alert(1)">x</a>',
        "<a href=javascript:alert(1)>x</a>",
        '<p title="x" onclick="alert(1)">p</p>',
        "<SCRIPT>alert(1)</SCRIPT>",
    ):
        out = sanitize_html(dirty).lower()
        assert "javascript" not in out and "&#106;" not in out
        assert "onclick" not in out and "<script" not in out


# The fast path's first form, one case-insensitive regex per check: slower, and the reference
# the faster checks must never be more lenient than.
_OLD_SUSPECT = re.compile(
    r"<\s*/?\s*(?:" + "|".join(sorted(DROP_WITH_CONTENT | DROP_TAG)) + r")\b"
    r"|\bon[a-z]+\s*=|\b(?:srcdoc|style)\s*=|<!|<\?",
    re.IGNORECASE,
)
_OLD_URL_VALUE = re.compile(
    r"(?:" + "|".join(sorted(URL_ATTRIBUTES)) + r")\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]*)",
    re.IGNORECASE,
)


def _old_clean_already(text: str) -> bool:
    if _OLD_SUSPECT.search(text):
        return False
    for match in _OLD_URL_VALUE.finditer(text):
        value = match.group(1).strip("\"'")
        if value and not _PLAIN_URL.match(value):
            return False
    return True


_PIECES = st.sampled_from(
    [
        "<",
        ">",
        "/",
        " ",
        "=",
        '"',
        "'",
        "\n",
        "\t",
        "!",
        "?",
        "-",
        ":",
        "&#106;",
        "&amp;",
        "p",
        "a",
        "img",
        "script",
        "SCRIPT",
        "iframe",
        "style",
        "Style",
        "srcdoc",
        "on",
        "On",
        "click",
        "error",
        "href",
        "HREF",
        "src",
        "srcset",
        "javascript",
        "data",
        "x",
        "#top",
        "../x/",
        "https://e.com/",
        "mailto:a@b",
        "text",
        "<!--",
        "-->",
        "meta",
        "base",
    ]
)


@settings(max_examples=2000, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_the_fast_path_is_never_more_lenient_than_its_reference(text: str) -> None:
    if _clean_already(text):
        assert _old_clean_already(text), text
