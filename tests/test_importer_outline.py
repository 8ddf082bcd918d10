from __future__ import annotations

from retro_reviews.importer.metadata import KEYS
from retro_reviews.importer.outline import read_outline
from retro_reviews.importer.synonyms import SectionTable


def _headings(body: str) -> list[tuple[int, str, str, str | None]]:
    outline = read_outline(body, SectionTable(), frozenset(KEYS))
    return [(h.level, h.style, h.text, h.section) for h in outline.headings]


def test_atx_setext_details_and_labels() -> None:
    body = (
        "Stale prices\n============\n\nDate: 2023-08-03\n\nImpact\n------\n\nSome.\n\n"
        "<details>\n<summary><b>Root cause</b></summary>\n\nLag.\n</details>\n\n"
        "**Lessons learned:** replicas lag.\n\n# Timeline\n"
    )
    assert _headings(body) == [
        (1, "setext", "Stale prices", None),
        (8, "label", "Date", None),
        (2, "setext", "Impact", "impact"),
        (7, "details", "Root cause", "root_cause"),
        (8, "label", "Lessons learned", "lessons"),
        (1, "atx", "Timeline", "timeline"),
    ]


def test_no_headings_in_code_or_comments_and_a_rule_is_not_setext() -> None:
    body = "```\n# Impact\n```\n<!--\n## Root cause\n-->\n- item\n---\n\nText\n\n---\n"
    assert _headings(body) == []


def test_meta_labels_only_before_the_first_section_and_list_labels_not_sections() -> None:
    body = "## Summary\n\nDate: 2024-01-01\n\n## Lessons\n\n- Impact: was large\n"
    assert _headings(body) == [(2, "atx", "Summary", "summary"), (2, "atx", "Lessons", "lessons")]


def test_a_section_holds_its_subsections() -> None:
    outline = read_outline(
        "## Lessons\n\n### Went well\n\n- a\n\n## Action items\n", SectionTable(), frozenset()
    )
    lessons = outline.sections()[0]
    assert (lessons.start, lessons.stop) == (1, 6)


def test_html_headings_of_an_exported_page() -> None:
    body = '<h2 id="rc">Root <em>cause</em></h2>\n\nA lock.\n<h3>Notes</h3>\n'
    assert _headings(body) == [(2, "html", "Root cause", "root_cause"), (3, "html", "Notes", None)]


def test_a_label_line_ends_at_the_next_label_line() -> None:
    body = "# X outage\nDate: 2023-06-01\nResponders: @a, @b\nSeverity: High\n"
    assert _headings(body) == [
        (1, "atx", "X outage", None),
        (8, "label", "Date", None),
        (8, "label", "Responders", "responders"),
        (8, "label", "Severity", None),
    ]
    body = "# Y\nContributing factors:\nLessons:\nAction items:\nSeverity: High\n"
    assert [h[2] for h in _headings(body)] == [
        "Y",
        "Contributing factors",
        "Lessons",
        "Action items",
        "Severity",
    ]


def test_each_item_of_a_list_of_labels_is_a_label() -> None:
    body = (
        "# Login outage\n- **Date**: 2023-05-22\n- **Summary**: Users could not log in.\n"
        "- **Impact**: 40% of sessions dropped.\n- **Root Cause**: Session store evicted keys.\n"
    )
    outline = read_outline(body, SectionTable(), frozenset(KEYS))
    assert [(h.text, h.section, h.inline) for h in outline.headings[1:]] == [
        ("Date", None, "2023-05-22"),
        ("Summary", "summary", "Users could not log in."),
        ("Impact", "impact", "40% of sessions dropped."),
        ("Root Cause", "root_cause", "Session store evicted keys."),
    ]


def test_items_under_a_label_that_is_no_list_item_stay_its_items() -> None:
    body = "Lessons:\n- Detection: alerts came late\n- Impact: was large\nSeverity: High\n"
    assert _headings(body) == [
        (8, "label", "Lessons", "lessons"),
        (8, "label", "Severity", None),
    ]


def test_a_heading_that_carries_its_answer() -> None:
    body = (
        "# Checkout\n\n### Date: 2022-11-08\n### Authors: kmurphy\n"
        "### Summary: Checkout failed for 47 minutes.\n"
        "### Root Causes: The cache cluster lost quorum.\n"
        "## Timeline: all times UTC\n\n## Incident 2: slow reports\n"
    )
    outline = read_outline(body, SectionTable(), frozenset(KEYS))
    assert [(h.label, h.section, h.inline) for h in outline.headings] == [
        ("Checkout", None, ""),
        ("Date", None, "2022-11-08"),
        ("Authors", None, "kmurphy"),
        ("Summary", "summary", "Checkout failed for 47 minutes."),
        ("Root Causes", "root_cause", "The cache cluster lost quorum."),
        ("Timeline: all times UTC", "timeline", ""),
        ("Incident 2: slow reports", None, ""),
    ]
    # After the first section, a heading's "Date:" is no metadata, as a label line's is not.
    later = read_outline(
        "## Impact\n\nSome.\n\n### Date: 2022-11-09\n", SectionTable(), frozenset(KEYS)
    )
    assert [h.inline for h in later.headings] == ["", ""]
