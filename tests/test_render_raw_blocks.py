"""retro.render.raw_blocks: generated HTML blocks set aside around Markdown, and back."""

from __future__ import annotations

import markdown

from retro.render.raw_blocks import lift_blocks, restore_blocks

PAGE = (
    "# Title\n\n<table>\n<tbody>\n<tr><th>Kind</th><td>a &amp; b</td></tr>\n</tbody>\n"
    "</table>\n\n## Lessons\n\n<ul>\n<li>One</li>\n</ul>\n\n## Impact\n\n<p>x</p>\n<p>y</p>\n"
)


def test_blocks_are_lifted_and_come_back_as_markdown_would_leave_them() -> None:
    text, blocks = lift_blocks(PAGE)
    assert len(blocks) == 3 and "<table>" not in text and "## Lessons" in text
    direct = markdown.markdown(PAGE)
    assert restore_blocks(markdown.markdown(text), blocks) == direct


def test_unknown_placeholders_are_dropped_and_no_blocks_is_a_no_op() -> None:
    assert restore_blocks("<!--retro-block:7-->", ["<p>a</p>"]) == ""
    assert restore_blocks("<!--retro-block:0-->", []) == "<!--retro-block:0-->"
