"""Headings and sections: levels 1 to 3, ATX and setext, numbering, emoji and qualifiers."""

from __future__ import annotations

import pytest

from retro_reviews.markdown import heading_key, split_sections


@pytest.mark.parametrize(
    "heading",
    [
        "Timeline",
        "TIMELINE",
        "timeline",
        "1. Timeline",
        "2) Timeline",
        "3.1 Timeline",
        "IV. Timeline",
        "A. Timeline",
        "🕒 Timeline",
        "⏱️ 1. Timeline",
        "Timeline (all times UTC)",
        "Timeline [PST]",
        "Timeline: all times PST",
        "Timeline - all times PST",
        "Timeline — all times PST",
        "**Timeline**",
        "Timeline:",
        "Timeline 🕒",
        "  Timeline  ",
    ],
)
def test_heading_key_sets_aside_numbering_emoji_and_qualifiers(heading) -> None:
    assert heading_key(heading) == "timeline"


def test_heading_key_keeps_the_words() -> None:
    assert heading_key("What  went   well") == "what went well"
    assert heading_key("Where we got lucky!") == "where we got lucky"
    assert heading_key("5 Whys") == "whys"  # numbering is set aside, even here


@pytest.mark.parametrize(
    ("body", "level"),
    [
        ("# Timeline\n\ntext\n", 1),
        ("## Timeline\n\ntext\n", 2),
        ("### Timeline\n\ntext\n", 3),
        ("## Timeline ##\n\ntext\n", 2),
        ("Timeline\n========\n\ntext\n", 1),
        ("Timeline\n--------\n\ntext\n", 2),
        ("Timeline\n---\ntext\n", 2),
    ],
)
def test_each_heading_shape_is_a_section(body, level) -> None:
    [section] = split_sections(body, 10)
    assert (section.key, section.level, section.line) == ("timeline", level, 10)
    assert section.content.strip() == "text"


def test_level_four_and_deeper_are_content_not_sections() -> None:
    [section] = split_sections("## Timeline\n\n#### Day one\n\ntext\n")
    assert section.key == "timeline"
    assert "#### Day one" in section.content


def test_a_section_holds_its_subsections() -> None:
    sections = split_sections("## Timeline\n### Day one\nearly\n### Day two\nlate\n## Next\nx\n")
    assert [(s.key, s.level) for s in sections] == [
        ("timeline", 2),
        ("day one", 3),
        ("day two", 3),
        ("next", 2),
    ]
    assert "early" in sections[0].content and "late" in sections[0].content
    assert "x" not in sections[0].content


def test_a_thematic_break_after_a_blank_line_is_not_a_heading() -> None:
    assert split_sections("Some text.\n\n---\n\nMore.\n") == []


def test_a_list_item_is_not_a_setext_heading() -> None:
    assert split_sections("- item\n---\n") == []


def test_headings_in_code_fences_do_not_count() -> None:
    assert split_sections("```\n## Timeline\n```\n") == []
