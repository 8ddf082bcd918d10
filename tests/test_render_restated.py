"""An imported review's page leaves out the body's sections that say again what a field says,
and nothing else (render/restated.py)."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path
from typing import Any

from retro_reviews.importer.synonyms import SectionTable
from retro_reviews.model import Review
from retro_reviews.render.restated import shown_body

TABLE = SectionTable()
SOURCE = {"path": "old/x.md", "imported": dt.date(2026, 11, 30), "sha256": "0" * 64}


def _review(body: str, **meta: Any) -> Review:
    fields: dict[str, Any] = {
        "title": "Checkout latency spike",
        "date": dt.date(2024, 1, 17),
        "status": "imported",
        "severity": "high",
        "authors": ["Checkout team"],
        "what_went_wrong": "Checkout took up to 12 seconds for 35 minutes.",
        "root_cause": "The memory limit was set from an average-load measurement.",
        "lessons": ["Averages hide the peak that matters."],
        "action_items": [
            {"action": "Size cache limits from the peak working set", "status": "open"},
            {"action": "Roll back the eviction change", "status": "done"},
        ],
        "source": SOURCE,
    }
    fields.update(meta)
    return Review(
        path=Path("reviews/2024/2024-01-17-checkout.md"),
        relpath="",
        meta={k: v for k, v in fields.items() if v is not None},
        body=textwrap.dedent(body),
    )


def _shown(body: str, **meta: Any) -> str:
    return shown_body(_review(body, **meta), TABLE)


def test_sections_that_restate_their_field_are_left_out_and_the_story_stays() -> None:
    shown = _shown(
        """
        # Checkout latency spike

        ## Summary

        Checkout took up to 12 seconds for 35 minutes.

        ## What happened

        A cost review lowered the cache's memory limit.

        ## Root Cause(s)

        The memory limit was set from an average-load measurement.

        ## Action Items

        - [ ] Size cache limits from the peak working set
        - [x] Roll back the eviction change

        ## Lessons Learned

        - Averages hide the peak that matters.
        """
    )
    story = "## What happened A cost review lowered the cache's memory limit."
    assert " ".join(shown.split()) == story


def test_a_section_saying_more_than_its_field_stays_whole() -> None:
    body = """
        ## Root cause

        The memory limit was set from an average-load measurement.

        Nobody had measured the peak since 2019.

        ## Action items

        | Action | Ticket |
        |---|---|
        | Size cache limits from the peak working set | OPS-102 |
        """
    assert _shown(body) == textwrap.dedent(body)
    # Code is shown as written, even when its words are in the field.
    code = """
        ## Root cause

        ```
        The memory limit was set from an average-load measurement.
        ```
        """
    assert "```" in _shown(code)


def test_a_heading_over_subsections_of_other_meanings_keeps_them() -> None:
    shown = _shown(
        """
        ## Lessons learned

        - Averages hide the peak that matters.

        ### What went well

        - The alert fired within seven minutes.
        """
    )
    assert "Averages" not in shown
    assert "## Lessons learned" in shown and "### What went well" in shown
    assert "The alert fired within seven minutes." in shown


def test_a_details_block_goes_whole_and_broken_html_stays() -> None:
    shown = _shown(
        """
        Intro line that stays.

        <details>
        <summary>Root cause</summary>

        The memory limit was set from an average-load measurement.

        </details>

        ## What happened

        The story.
        """
    )
    assert "details" not in shown and "summary" not in shown
    assert "Intro line that stays." in shown and "The story." in shown
    # A section whose HTML opens an element it does not close stays.
    unbalanced = """
        ## Root cause

        <div class="note">
        The memory limit was set from an average-load measurement.

        ## What happened

        </div>
        """
    assert _shown(unbalanced) == textwrap.dedent(unbalanced)


def test_the_title_heading_and_known_facts_before_the_first_section_go() -> None:
    shown = _shown(
        """
        # Postmortem: Checkout latency spike

        | Field | Value |
        |---|---|
        | Date | 2024-01-17 |
        | Severity | High |

        **Authors:** Checkout team
        **Date:** 17 January 2024

        ## What happened

        The story.
        """
    )
    assert shown.split() == ["##", "What", "happened", "The", "story."]


def test_a_title_heading_or_facts_table_that_says_more_stays() -> None:
    shown = _shown(
        """
        # Checkout latency spike (incident #2291)

        | Date | Severity | Status |
        |---|---|---|
        | 2024-01-17 | high | Resolved |

        ## What happened

        The story.
        """
    )
    assert "#2291" in shown
    assert "| 2024-01-17 | high | Resolved |" in shown


def test_the_opening_paragraph_that_is_what_went_wrong_goes() -> None:
    shown = _shown(
        """
        Checkout took up to 12 seconds for 35 minutes.

        The rest of the story, which no field holds.
        """
    )
    assert shown.strip() == "The rest of the story, which no field holds."


def test_times_written_as_readers_do_match_the_timeline() -> None:
    events = [
        {"at": "2024-01-17T18:02:00Z", "what": "Eviction change deployed"},
        {"at": "2024-01-17T18:37:00Z", "what": "Rolled back"},
    ]
    table = """
        ## Timeline

        | Time (UTC) | Event |
        |---|---|
        | 18:02 | Eviction change deployed |
        | 18:37 | Rolled back |
        """
    assert "Timeline" not in _shown(table, timeline={"events": events})
    # Times in another zone than the events': the table stays.
    other = table.replace("18:02", "10:02 PST")
    assert "10:02 PST" in _shown(other, timeline={"events": events})


def test_only_imported_reviews_are_read() -> None:
    body = """
        ## Root cause

        The memory limit was set from an average-load measurement.
        """
    assert _shown(body, source=None) == textwrap.dedent(body)
    assert "Root cause" not in _shown(body)
