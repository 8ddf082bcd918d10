"""render.raw_blocks and search_text: generated HTML regions set aside around Markdown,
put back with their headings, and a light copy of them for a search indexer."""

from __future__ import annotations

import re

import markdown
from hypothesis import given
from hypothesis import strategies as st

from retro_reviews.render.raw_blocks import (
    CLOSE,
    OPEN,
    Heading,
    anchor,
    heading,
    lift_blocks,
    region,
    restore_blocks,
)
from retro_reviews.render.search_text import search_html, text_paragraph

REGION_HTML = (
    "<table>\n<tbody>\n<tr><th>Kind</th><td>a &amp; b</td></tr>\n</tbody>\n</table>\n"
    + heading(2, "lessons", "Lessons &amp; more")
    + "\n<ul>\n<li>One</li>\n\n<li>Two <em>words</em>: <a href='x'>linked</a>.</li>\n</ul>\n"
    + heading(2, "impact", "Impact")
    + "\n<p>x</p>\n<p>y</p>"
)
PAGE = "# Title\n\n" + region(REGION_HTML) + "\n<hr>\n\nThe *body* stays Markdown.\n"


def test_a_region_is_lifted_whole_and_comes_back_as_markdown_would_leave_it() -> None:
    text, blocks = lift_blocks(PAGE)
    assert blocks == [REGION_HTML]
    assert "<table>" not in text and "retro:html" not in text and "*body*" in text
    direct = markdown.markdown(PAGE)
    restored = restore_blocks(markdown.markdown(text), blocks)
    # Markdown keeps the markers (comments) around the raw HTML; the content is the same.
    assert restored == direct.replace("<!-- retro:html -->\n", "").replace(
        "\n<!-- /retro:html -->", ""
    )
    assert "<em>body</em>" in restored and REGION_HTML in restored


def test_headings_go_through_the_callback_in_order() -> None:
    text, blocks = lift_blocks(PAGE)
    seen: list[Heading] = []

    def write(h: Heading) -> str:
        seen.append(h)
        return f"<h{h.level} id='{h.id}-x'>{h.html}</h{h.level}>"

    restored = restore_blocks(markdown.markdown(text), blocks, write)
    assert [(h.level, h.id) for h in seen] == [(2, "lessons"), (2, "impact")]
    assert seen[0].title == "Lessons &amp; more"
    assert "<h2 id='impact-x'>Impact</h2>" in restored


def test_unknown_placeholders_are_dropped_and_no_blocks_is_a_no_op() -> None:
    assert restore_blocks("<!--retro-block:7-->", ["<p>a</p>"]) == ""
    assert restore_blocks("<!--retro-block:0-->", []) == "<!--retro-block:0-->"
    assert lift_blocks("no regions\n") == ("no regions\n", [])


def test_anchors_are_slugs_with_a_fallback() -> None:
    assert anchor("Customer response at a glance") == "customer-response-at-a-glance"
    assert anchor("数据团队", "owner") == "owner"
    assert anchor("Review board") == "review-board"


def test_search_copy_keeps_headings_and_words_in_few_elements() -> None:
    copy = search_html(REGION_HTML)
    assert copy == (
        "<p>Kind a &amp; b</p>\n"
        '<h2 id="lessons">Lessons &amp; more</h2>\n<p>One Two words: linked.</p>\n'
        '<h2 id="impact">Impact</h2>\n<p>x y</p>'
    )


_REGION = re.compile(re.escape(OPEN) + r"\n(.*?)\n" + re.escape(CLOSE), re.DOTALL)


def _lift_by_regex(markdown: str, first_only: bool) -> tuple[str, list[str]]:
    """What lift_blocks did with one regular expression (kept here as the reference)."""
    blocks: list[str] = []

    def keep(match: re.Match[str]) -> str:
        blocks.append(match.group(1))
        return f"<!--retro-block:{len(blocks) - 1}-->"

    return _REGION.sub(keep, markdown, count=1 if first_only else 0), blocks


@given(
    st.lists(
        st.sampled_from([OPEN, CLOSE, "\n", "\n\n", "x", '<h2 id="a">A</h2>', "--"]), max_size=30
    ).map("".join),
    st.booleans(),
)
def test_lifting_finds_the_regions_a_regular_expression_finds(text: str, first: bool) -> None:
    assert lift_blocks(text, first_only=first) == _lift_by_regex(text, first)


def test_a_review_search_copy_is_the_title_then_all_other_words_in_one_paragraph() -> None:
    block = heading(1, "t", "Title &amp; co") + "\n" + REGION_HTML
    title = '<h1 id="t_1">Title &amp; co</h1>'
    without_headings = re.sub(r"<h[1-6] [^>]*>.*?</h[1-6]>", "", block)
    paragraph = text_paragraph(block)
    assert title + "\n" + paragraph == search_html(title + without_headings)
    assert paragraph.count("<p>") == 1
    assert "Lessons" not in paragraph  # headings' words left out
    assert "a &amp; b" in paragraph  # entities as written
    assert text_paragraph(heading(1, "t", "T")) == ""
