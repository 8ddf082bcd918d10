from __future__ import annotations

from datetime import date

import pytest

from retro_reviews.importer.build import clean_title
from retro_reviews.importer.metadata import (
    KEYS,
    from_front_matter,
    from_labels,
    from_top_table,
    key_of,
    names_the_incident_day,
    split_names,
)
from retro_reviews.importer.outline import read_outline
from retro_reviews.importer.synonyms import SectionTable


def _values(found: list) -> list[tuple[str, object, str, int | None]]:
    return [(v.key, v.value, v.origin, v.line) for v in found]


def test_keys_by_meaning() -> None:
    assert key_of("**Incident Date**") == "date"
    assert key_of("Severity (SEV)") == "severity"
    assert key_of("Affected services:") == "areas"
    assert key_of("Favourite colour") is None


def test_labels_that_name_the_incidents_own_day() -> None:
    assert names_the_incident_day("**Incident date:**")
    assert names_the_incident_day("Date of incident")
    assert names_the_incident_day("Incident start (UTC)")
    assert key_of("Incident start") == "started" and key_of("Date of the incident") == "date"
    assert not names_the_incident_day("Date")
    assert not names_the_incident_day("Started")


def test_a_two_column_table_at_the_top() -> None:
    lines = [
        "| Field | Value |",
        "|---|---|",
        "| Date | 2024-07-09 |",
        "| Severity | SEV1 |",
        "| Owner | TBD |",
    ]
    assert _values(from_top_table(lines, len(lines), 1)) == [
        ("date", "2024-07-09", "table", 3),
        ("severity", "SEV1", "table", 4),
    ]


def test_keys_across_the_header_row() -> None:
    lines = [
        "| Date | Severity | Status |",
        "|---|---|---|",
        "| 2024-01-17 | **high** | Resolved |",
    ]
    assert _values(from_top_table(lines, len(lines), 5)) == [
        ("date", "2024-01-17", "table", 7),
        ("severity", "high", "table", 7),
        ("status", "Resolved", "table", 7),
    ]


def test_a_table_that_is_not_metadata_gives_nothing() -> None:
    lines = ["| Time | Event |", "|---|---|", "| 10:00 | Deploy |"]
    assert from_top_table(lines, len(lines), 1) == []


def test_label_lines_and_front_matter() -> None:
    body = "# Title\n\nDate: 2024-05-20\n**Severity:** High\nAuthors: TBD\n\n## Summary\n\nx\n"
    outline = read_outline(body, SectionTable(), frozenset(KEYS))
    assert _values(from_labels(outline.headings, 1)) == [
        ("date", "2024-05-20", "line", 3),
        ("severity", "High", "line", 4),
    ]
    front = from_front_matter(
        {"title": "A", "date": date(2024, 1, 2), "layout": "post", "tags": []}
    )
    assert _values(front) == [
        ("title", "A", "front matter", None),
        ("date", date(2024, 1, 2), "front matter", None),
    ]


def test_names_split_on_commas_semicolons_and_and() -> None:
    assert split_names("Ana, Bo; the **SRE team** and Cy") == ["Ana", "Bo", "the SRE team", "Cy"]
    assert split_names(["Ana", " ", "Bo"]) == ["Ana", "Bo"]


def test_labels_in_a_quoted_header() -> None:
    body = "# Title\n\n> **Date/Time:** 2024-05-20 10:00\n> **Severity:** P1\n"
    outline = read_outline(body, SectionTable(), frozenset(KEYS))
    assert _values(from_labels(outline.headings, 1)) == [
        ("date", "2024-05-20 10:00", "line", 3),
        ("severity", "P1", "line", 4),
    ]


def test_a_table_whose_one_known_row_is_a_date() -> None:
    lines = ["| Incident date | 03/11/2023 |", "|---|---|", "| Reporter | a customer |"]
    assert _values(from_top_table(lines, len(lines), 1)) == [
        ("date", "03/11/2023", "table", 1),
    ]
    timeline = ["| Date | Event |", "|---|---|", "| 10:00 | Deploy |"]
    assert from_top_table(timeline, len(timeline), 1) == []


def test_several_labels_on_one_line() -> None:
    body = (
        "# Title\n\n**Date:** 2023-03-18 · **Severity:** High · **Status:** Closed\n"
        "Date: 2023-03-19 | Severity: Low | Authors: Ann Lee\n"
        "Owner: Bo — Severity: SEV2\n"
    )
    outline = read_outline(body, SectionTable(), frozenset(KEYS))
    assert _values(from_labels(outline.headings, 1)) == [
        ("date", "2023-03-18", "line", 3),
        ("severity", "High", "line", 3),
        ("status", "Closed", "line", 3),
        ("date", "2023-03-19", "line", 4),
        ("severity", "Low", "line", 4),
        ("authors", "Ann Lee", "line", 4),
        ("authors", "Bo", "line", 5),
        ("severity", "SEV2", "line", 5),
    ]


def test_a_separator_in_a_value_is_no_second_label() -> None:
    body = "# Title\n\nServices: api | web\nSeverity: High · see the ticket: OPS-1\n"
    outline = read_outline(body, SectionTable(), frozenset(KEYS))
    assert _values(from_labels(outline.headings, 1)) == [
        ("areas", "api | web", "line", 3),
        ("severity", "High · see the ticket: OPS-1", "line", 4),
    ]


def test_headings_that_state_a_fact() -> None:
    body = "# Checkout\n\n### Date: 2022-11-08\n### Authors: kmurphy\n### Summary: It failed.\n"
    outline = read_outline(body, SectionTable(), frozenset(KEYS))
    assert _values(from_labels(outline.headings, 1)) == [
        ("date", "2022-11-08", "line", 3),
        ("authors", "kmurphy", "line", 4),
    ]


@pytest.mark.parametrize(
    ("heading", "title"),
    [
        ("📄 Postmortem: Image uploads failing", "Image uploads failing"),
        ("⚠️ Post-Mortem: Queue stall", "Queue stall"),
        ("Post-Mortem: Queue stall", "Queue stall"),
        ("🔥 DB outage", "🔥 DB outage"),
    ],
)
def test_an_emoji_before_postmortem_goes_with_it(heading: str, title: str) -> None:
    assert clean_title(heading) == title
