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
    # The control: the root cause alone, in one paragraph, goes.
    alone = body.split("\n\n        Nobody")[0] + "\n"
    assert "average-load" not in _shown(alone)


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


# A second reader's cases: what the field's place cannot show keeps the section.


def test_tables_images_quotes_lists_and_code_in_a_sentence_field_stay() -> None:
    cases = [
        """
        ## Impact

        | Region | Failed uploads |
        |---|---|
        | EU | 12% |
        """,
        """
        ## Impact

        12% of uploads failed.

        ![Error rate](https://status.example/error-rate.png)
        """,
        """
        ## Root cause

        1. The service pinned an old TLS library.
        2. The library rejected the new certificate.

        > The vendor rotated its certificate.
        """,
        """
        ## Root cause

        The consumer crashed on one message:

            poison message id 8812
        """,
    ]
    meta = {
        "impact": {"summary": "12% of uploads failed. | Region | Failed uploads | EU | 12% |"},
        "root_cause": "1. The service pinned an old TLS library. 2. The library rejected the"
        " new certificate. > The vendor rotated its certificate. The consumer crashed on one"
        " message: poison message id 8812 error rate https status example error rate png",
    }
    for body in cases:
        assert _shown(body, **meta) == textwrap.dedent(body), body
    # The control: one paragraph saying the field goes.
    plain = "## Impact\n\n12% of uploads failed.\n"
    assert "uploads" not in _shown(plain, impact={"summary": "12% of uploads failed."})


def test_a_heading_that_says_more_than_its_section_name_stays() -> None:
    for heading in ("## Root cause (preliminary; not confirmed)", "**Root cause (disputed):**"):
        body = f"""
        {heading}

        The memory limit was set from an average-load measurement.
        """
        assert _shown(body) == textwrap.dedent(body), heading
    events = [{"at": "2024-01-17T10:02:00", "what": "Deployed"}]
    berlin = """
        ## Timeline (local time, Berlin)

        | Time | Event |
        |---|---|
        | 10:02 | Deployed |
        """
    assert _shown(berlin, timeline={"events": events}) == textwrap.dedent(berlin)
    column = berlin.replace(" (local time, Berlin)", "").replace("| Time |", "| Time (Berlin) |")
    assert _shown(column, timeline={"events": events}) == textwrap.dedent(column)
    # "(all times UTC)", and a note saying so, when the events are in UTC: left out.
    utc = """
        ## Timeline (all times UTC)

        All times are UTC.

        | Time | Event |
        |---|---|
        | 10:02 | Deployed |
        """
    in_utc = [{"at": "2024-01-17T10:02:00Z", "what": "Deployed"}]
    assert _shown(utc, timeline={"events": in_utc}).strip() == ""


def test_words_on_a_summary_line_are_kept() -> None:
    body = """
        <details><summary>Root cause</summary>Nobody had measured the peak load since 2019.

        The memory limit was set from an average-load measurement.

        </details>
        """
    assert _shown(body) == textwrap.dedent(body)
    # The control: nothing beside the summary, the block goes.
    plain = body.replace("Nobody had measured the peak load since 2019.", "")
    assert "average-load" not in _shown(plain)


def test_a_details_subsection_stays_whole_when_its_parent_goes() -> None:
    shown = _shown(
        """
        ## Lessons learned

        - Averages hide the peak that matters.

        <details>
        <summary>What went well</summary>

        - The alert fired within seven minutes.

        </details>
        """
    )
    assert "Averages" not in shown
    assert shown.count("<details>") == 1 and shown.count("</details>") == 1
    assert shown.index("<details>") < shown.index("<summary>What went well</summary>")


def test_a_fact_the_front_matter_says_otherwise_or_not_at_all_stays() -> None:
    body = """
        **Priority:** 2
        **Status:** Resolved

        | Date | Severity | Duration (min) | Refunds issued |
        |---|---|---|---|
        | 2024-01-17 | high | 35 | 0 |

        ## What happened

        The story.
        """
    shown = _shown(body)
    assert "**Priority:** 2" in shown and "**Status:** Resolved" in shown
    assert "| 2024-01-17 | high | 35 | 0 |" in shown
    # The control: facts the front matter states the same go.
    assert "Severity" not in _shown("**Severity:** High\n\n## What happened\n\nThe story.\n")


def test_an_action_table_with_a_column_the_page_does_not_show_stays() -> None:
    body = """
        ## Action items

        | Action Item | Type | Owner |
        |---|---|---|
        | Size cache limits from the peak working set | prevent | Checkout team |
        """
    items = [
        {
            "action": "Size cache limits from the peak working set",
            "type": "prevent",
            "owner": "Checkout team",
            "status": "open",
        }
    ]
    assert _shown(body, action_items=items) == textwrap.dedent(body)
    # Without the type column the page's action table shows it all.
    plain = body.replace(" Type |", "").replace("|---|---|---|", "|---|---|")
    plain = plain.replace(" prevent |", "")
    assert "Size cache" not in _shown(plain, action_items=items)


def test_a_list_written_in_html_is_a_list() -> None:
    shown = _shown(
        """
        <h2>What did we learn?</h2>

        <ul>
        <li>Averages hide the peak that matters.</li>
        </ul>

        <h2>What happened</h2>

        The story.
        """
    )
    assert "Averages" not in shown and "<ul>" not in shown
    assert "<h2>What happened</h2>" in shown


# A third reading's cases: the same words are not always the same thing said.


def test_facts_are_compared_as_the_same_fact() -> None:
    # A table without a row of column names: its first row is a fact too.
    body = """
        | Severity | SEV1 |
        |---|---|
        | Date | 2024-01-17 |

        **Incident date:** 3 January 2024

        ## What happened

        The story.
        """
    shown = _shown(body, severity=None)
    assert "| Severity | SEV1 |" in shown and "3 January 2024" in shown
    same = """
        | Severity | High |
        |---|---|
        | Date | 2024-01-17 |

        **Incident date:** 17 January 2024

        ## What happened

        The story.
        """
    assert _shown(same).split() == ["##", "What", "happened", "The", "story."]


def test_a_column_or_heading_that_says_more_keeps_the_section() -> None:
    events = [{"at": "2024-01-17T09:02:00Z", "what": "Deployed"}]
    for header in ("| Date/time (Berlin) | Event |", "| When (PST) | What happened |"):
        body = f"""
        ## Timeline

        {header}
        |---|---|
        | 09:02 | Deployed |
        """
        assert "09:02" in _shown(body, timeline={"events": events}), header
    plain = """
        ## Timeline

        | Time | Event |
        |---|---|
        | 09:02 | Deployed |
        """
    assert "09:02" not in _shown(plain, timeline={"events": events})
    for heading in ("## Impact on EU customers", "## Root cause and first fix"):
        body = f"""
        {heading}

        The memory limit was set from an average-load measurement.
        """
        meta = {"impact": {"summary": "The memory limit was set from an average-load measurement."}}
        assert heading in _shown(body, **meta), heading


def test_a_table_without_outer_pipes_and_a_split_responder_stay() -> None:
    body = """
        ## Impact

        Region | Error rate
        --- | ---
        EU | 30 percent
        """
    meta = {"impact": {"summary": "Region | Error rate --- | --- EU | 30 percent"}}
    assert _shown(body, **meta) == textwrap.dedent(body)
    responders = """
        ## Responders

        - Jo Kim, Incident Commander
        """
    assert "Jo Kim" in _shown(responders, responders=["Jo Kim", "Incident Commander"])
    assert "Jo Kim" not in _shown(responders, responders=["Jo Kim, Incident Commander"])


def test_what_is_left_reads_as_it_did() -> None:
    # A fact sharing its lines with others stays (left out, the line above it would become
    # a heading over the rule).
    body = """
        **Status:** Complete, actions open
        **Date:** 2024-01-17
        ---

        ## What happened

        The story.
        """
    assert _shown(body) == textwrap.dedent(body)
    # A title heading left out between a list and a paragraph: they stay apart.
    shown = _shown(
        """
        - Home
        - Incidents
        # Checkout latency spike
        The opening paragraph.
        """
    )
    assert "- Incidents\n\nThe opening paragraph." in shown
    # Link reference definitions stay, for the sections that use them.
    shown = _shown(
        """
        ## What happened

        See the [deploy log][log].

        ## Root cause

        The memory limit was set from an average-load measurement.
        [log]: https://logs.example.com/deploy/1
        """
    )
    assert "[log]: https://logs.example.com/deploy/1" in shown
    assert "average-load" not in shown


def test_a_heading_whose_text_and_subsections_all_went_goes_too() -> None:
    shown = _shown(
        """
        ## Root cause

        The memory limit was set from an average-load measurement.

        <details>
        <summary>Lessons learned</summary>

        - Averages hide the peak that matters.

        </details>

        ## What happened

        The story.
        """
    )
    assert "Root cause" not in shown and "details" not in shown
    assert "## What happened" in shown


def test_labels_in_code_or_list_items_are_not_sections() -> None:
    body = """
        ## What happened

        - The on-call checked the dashboard
          Root cause: The memory limit was set from an average-load measurement.

        Logs:

            Root cause: The memory limit was set from an average-load measurement.
        """
    assert _shown(body) == textwrap.dedent(body)
    # The control: the same label starting its own line is a section, and goes.
    label = "Root cause: The memory limit was set from an average-load measurement.\n"
    assert "average-load" not in _shown(label)


# A fourth reading's cases: a fact saying more, a fact among other lines, markup.


def test_a_fact_saying_more_than_the_front_matter_stays() -> None:
    timeline = {"started": "2024-01-17T18:02:00Z"}
    for fact in (
        "Date: 2024-01-17 to 2024-01-19",
        "**Date:** 2024-01-17 (approximate; logs lost)",
        "Started: 2024-01-17 18:02 UTC, paged 18:10",
        "Incident: Checkout latency spike (INC-2291)",
        "Incident commander: Jo Kim",
    ):
        body = f"""
        {fact}

        ## What happened

        The story.
        """
        shown = _shown(body, timeline=timeline, responders=["Jo Kim"])
        assert fact in shown, fact
    same = """
        Started: 2024-01-17 18:02 UTC

        Incident: Checkout latency spike

        ## What happened

        The story.
        """
    assert _shown(same, timeline=timeline).split() == ["##", "What", "happened", "The", "story."]


def test_a_fact_among_other_lines_stays_so_that_they_read_as_before() -> None:
    for body in (
        "Date: 2024-01-17\n    (rolled back on the 19th)\n",
        "We wrote this fast.\nDate: 2024-01-17\nMore words here.\n",
        "Date: 2024-01-17\n- a\n- b\n",
    ):
        assert _shown(body) == body, body
    # The control: the fact alone in its block goes.
    assert "2024-01-17" not in _shown("Date: 2024-01-17\n\nWe wrote this fast.\n")


def test_markup_the_field_shows_as_written_keeps_the_section() -> None:
    for text in (
        "The limit came from one [measurement][m].",
        'The limit came from one <a href="https://x.example">measurement</a>.',
        "The limit came from one measurement[^1].",
    ):
        body = f"""
        ## Root cause

        {text}
        """
        assert text in _shown(body, root_cause=text), text
    # The same words with other symbols are not the same text.
    body = """
        ## Root cause

        Latency > 5s.
        """
    assert "Latency > 5s." in _shown(body, root_cause="Latency < 5s.")
    # The control: the same text goes.
    assert "Latency" not in _shown(body, root_cause="Latency > 5s.")


def test_the_opening_paragraph_goes_only_as_the_same_text() -> None:
    field = "Checkout took up to 12 seconds for 35 minutes."
    for opening in (
        "Checkout took up to 12.05 seconds for 35 minutes.",
        "Checkout took up to ~~12~~ seconds for 35 minutes.",
        'Checkout took up to 12 seconds for <a href="https://g.example/d">35 minutes</a>.',
        "Checkout took up to 12 seconds for [35 minutes][g].",
    ):
        body = f"{opening}\n\n## Notes\n\nx\n"
        assert opening in _shown(body, what_went_wrong=field), opening
    assert field not in _shown(f"{field}\n\n## Notes\n\nx\n", what_went_wrong=field)
    # The same holds for facts: "~2024-01-17" and "High?" say more than the front matter.
    for fact in ("Date: ~2024-01-17", "Severity: High?"):
        body = f"{fact}\n\n## Notes\n\nx\n"
        assert fact in _shown(body), fact


def test_a_line_of_several_facts_goes_only_when_each_is_known() -> None:
    known = "**Date:** 2024-01-17 · **Severity:** High\n\n## What happened\n\nThe story.\n"
    assert _shown(known).split() == ["##", "What", "happened", "The", "story."]
    more = "**Date:** 2024-01-17 · **Status:** Closed\n\n## What happened\n\nThe story.\n"
    assert "**Status:** Closed" in _shown(more)


def test_relative_links_and_images_of_the_original_show_as_their_text() -> None:
    """From the review's page they lead nowhere (the import report named them)."""
    body = (
        "## Notes\n\nLogins failed. ![Latency graph](img/latency.png) See the "
        '[runbook](../runbooks/x.md "Runbook"), [the docs](https://example.org/x), '
        "[above](#notes), [home](/index.md) and `[code](x.md)`.\n"
    )
    assert _shown(body) == (
        "## Notes\n\nLogins failed. Latency graph See the runbook, [the docs]"
        "(https://example.org/x), [above](#notes), [home](/index.md) and `[code](x.md)`.\n"
    )
