"""retro_reviews.render.escape: review text shown as written, never as markup."""

from __future__ import annotations

import markdown
import yaml

from retro_reviews.render.escape import front_matter, html_text, md_text


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
