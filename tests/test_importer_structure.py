from __future__ import annotations

import time
from datetime import date

from retro_reviews.importer import structure
from retro_reviews.importer.metadata import KEYS
from retro_reviews.importer.outline import Outline, Section, read_outline
from retro_reviews.importer.synonyms import SectionTable


def _section(body: str, key: str) -> tuple[Outline, Section]:
    outline = read_outline(body, SectionTable(), frozenset(KEYS))
    section = next(s for s in outline.sections() if s.heading.section == key)
    return outline, section


def _actions(body: str) -> list[dict[str, object]]:
    """The action items read from ``body``'s action items section."""
    found = structure.action_items(*_section(body, "action_items"))
    assert found is not None
    return found.value


def test_action_items_from_a_table_whatever_the_column_names() -> None:
    outline, section = _section(
        "## Follow-up\n\n"
        "| # | What | Who | By when | State | Tracking |\n"
        "|---|---|---|---|---|---|\n"
        "| 1 | Add a lag check | Data team | 2024-08-01 | Completed | https://t.example/1 |\n"
        "| 2 | Alert on stalls | TBD | Q3 | in progress | OPS-9 |\n",
        "action_items",
    )
    found = structure.action_items(outline, section)
    assert found is not None and found.source == "table"
    assert found.value == [
        {
            "action": "Add a lag check",
            "owner": "Data team",
            "due": date(2024, 8, 1),
            "status": "done",
            "link": "https://t.example/1",
        },
        {"action": "Alert on stalls", "status": "open"},
    ]


def test_action_items_from_a_task_list() -> None:
    outline, section = _section(
        "## Action items\n\n- [x] Roll back\n- [ ] Size the cache, due 2024-02-28\n"
        "  from the peak working set\n",
        "action_items",
    )
    found = structure.action_items(outline, section)
    assert found is not None and found.source == "task list"
    assert found.value == [
        {"action": "Roll back", "status": "done"},
        {
            "action": "Size the cache, due 2024-02-28 from the peak working set",
            "status": "open",
            "due": date(2024, 2, 28),
        },
    ]


def test_action_items_from_paragraphs_when_there_is_no_list() -> None:
    outline, section = _section(
        "## Next steps\n\nWe will alert on lag.\n\nWe will review the runbook.\n", "action_items"
    )
    found = structure.action_items(outline, section)
    assert found is not None
    assert found.value == [
        {"action": "We will alert on lag."},
        {"action": "We will review the runbook."},
    ]


def test_a_list_mixing_checkboxes_and_plain_items_keeps_every_item() -> None:
    outline, section = _section(
        "## Action items\n\n- [x] Roll back config\n- Add quorum alert\n- Write runbook\n",
        "action_items",
    )
    found = structure.action_items(outline, section)
    assert found is not None and found.source == "list"
    assert found.value == [
        {"action": "Roll back config", "status": "done"},
        {"action": "Add quorum alert"},  # no status: the document does not say
        {"action": "Write runbook"},
    ]


def test_nested_checkboxes_are_items_and_a_label_above_them_is_not() -> None:
    assert _actions(
        "## Action items\n\n"
        "- Improve alerting\n  - [ ] Add quorum alert\n  - [x] Fix routing\n"
        "- Process:\n    - [ ] Write runbook\n"
        "- Retire the old pager\n    continued on a second line\n",
    ) == [
        {"action": "Improve alerting"},
        {"action": "Add quorum alert", "status": "open"},
        {"action": "Fix routing", "status": "done"},
        {"action": "Write runbook", "status": "open"},
        {"action": "Retire the old pager continued on a second line"},
    ]


def test_due_cells_read_as_labelled_dates_struck_out_text_left_out() -> None:
    outline, section = _section(
        "## Action items\n\n| Action | Owner | Due |\n|---|---|---|\n"
        "| A | @a | 04/15/2023 |\n| B | @b | 15.04.2023 |\n"
        "| C | @c | ~~2023-04-01~~ 2023-04-15 |\n| D | @d | 15/04/2023 |\n"
        "| E | @e | 20230415 |\n| F | @f | ~~2023-04-01~~ |\n| G | @g | TBD |\n",
        "action_items",
    )
    found = structure.action_items(outline, section)
    assert found is not None and found.notes == ()
    assert [item.get("due") for item in found.value] == [date(2023, 4, 15)] * 5 + [None] * 2


def test_a_due_cell_that_cannot_be_read_is_a_note_of_its_line() -> None:
    outline, section = _section(
        "## Action items\n\n| Action | Due |\n|---|---|\n"
        "| Alert on lag | Q3 |\n| Write runbook | next sprint |\n| Fix routing | 04/05/2023 |\n",
        "action_items",
    )
    found = structure.action_items(outline, section)
    assert found is not None
    assert found.value == [
        {"action": "Alert on lag"},
        {"action": "Write runbook"},
        {"action": "Fix routing"},
    ]
    assert found.notes == (
        (
            4,
            "the due date of 'Alert on lag' is left out: 'Q3' is not a date retro can read; "
            "it stays in the body, not guessed",
        ),
        (
            5,
            "the due date of 'Write runbook' is left out: 'next sprint' is not a date retro "
            "can read; it stays in the body, not guessed",
        ),
        (
            6,
            "the due date of 'Fix routing' is left out: '04/05/2023' could be 4 May 2023 "
            "(day first) or April 5, 2023 (month first); it stays in the body, not guessed",
        ),
    )


def test_owners_of_list_items_are_read_and_taken_off_the_action() -> None:
    outline, section = _section(
        "## Action items\n\n"
        "- Add quorum alert (owner: Jo Kim, due: 2023-06-15)\n"
        "- Add canary stage — Owner: Nina — Due: 2023-06-01\n"
        "- Fix alert routing - @priya - 2023-06-20\n"
        "- [ ] Alert on webhook queue age (assignee: Payments, due 2023-11-01)\n"
        "- Rotate keys, who: Ann Lee, Bo Chan, due: June 1, 2023\n",
        "action_items",
    )
    found = structure.action_items(outline, section)
    assert found is not None and found.notes == ()
    assert found.value == [
        {"action": "Add quorum alert", "owner": "Jo Kim", "due": date(2023, 6, 15)},
        {"action": "Add canary stage", "owner": "Nina", "due": date(2023, 6, 1)},
        {"action": "Fix alert routing", "owner": "@priya", "due": date(2023, 6, 20)},
        {
            "action": "Alert on webhook queue age",
            "owner": "Payments",
            "due": date(2023, 11, 1),
            "status": "open",
        },
        {"action": "Rotate keys", "owner": "Ann Lee, Bo Chan", "due": date(2023, 6, 1)},
    ]


def test_a_handle_or_a_date_inside_the_sentence_is_no_owner_nor_due() -> None:
    assert _actions(
        "## Action items\n\n"
        "- Ask @priya about the routing\n"
        "- Rewrite the warmer (2023-12-15)\n"  # a date alone, beside no owner
        "- [x] Fix alert routing - @priya - 2023-05-20\n"  # done: maybe the day it was done
        "- Alert on A, B and C\n",
    ) == [
        {"action": "Ask @priya about the routing"},
        {"action": "Rewrite the warmer (2023-12-15)"},
        {"action": "Fix alert routing - @priya - 2023-05-20", "status": "done"},
        {"action": "Alert on A, B and C"},
    ]


def test_owner_and_due_nested_under_an_item_are_its_own() -> None:
    outline, section = _section(
        "## Action items\n\n- Add quorum alert\n  - owner: Jo Kim\n  - due: next sprint\n"
        "- Write runbook\n",
        "action_items",
    )
    found = structure.action_items(outline, section)
    assert found is not None
    assert found.value == [
        {"action": "Add quorum alert", "owner": "Jo Kim"},
        {"action": "Write runbook"},
    ]
    assert found.notes == (
        (
            4,
            "the due date of 'Add quorum alert' is left out: 'next sprint' is not a date "
            "retro can read; it stays in the body, not guessed",
        ),
    )


def test_an_issue_column_of_text_is_the_action_and_one_of_ticket_ids_the_link() -> None:
    outline, section = _section(
        "## Follow-up tasks\n\n| Issue | Owner | Due |\n|---|---|---|\n"
        "| Add quorum alert | Ann | 2023-06-01 |\n| Fix routing | Bob | 2023-06-02 |\n",
        "action_items",
    )
    found = structure.action_items(outline, section)
    assert found is not None and found.source == "table"
    assert found.value == [
        {"action": "Add quorum alert", "owner": "Ann", "due": date(2023, 6, 1)},
        {"action": "Fix routing", "owner": "Bob", "due": date(2023, 6, 2)},
    ]
    assert _actions(
        "## Action items\n\n| # | Issue | Notes | Owner |\n|---|---|---|---|\n"
        "| 1 | OPS-9 | Add quorum alert | Ann |\n"
        "| 2 | https://t.example/10 | Fix routing | Bob |\n",
    ) == [
        {"action": "Add quorum alert", "owner": "Ann"},
        {"action": "Fix routing", "owner": "Bob", "link": "https://t.example/10"},
    ]


def test_a_due_column_wins_over_a_plain_date_column() -> None:
    outline, section = _section(
        "## Action items\n\n| Date | Action | Owner | Due |\n|---|---|---|---|\n"
        "| 2023-05-26 | Add quorum alert | Ann | 2023-06-01 |\n",
        "action_items",
    )
    found = structure.action_items(outline, section)
    assert found is not None
    assert found.value == [{"action": "Add quorum alert", "owner": "Ann", "due": date(2023, 6, 1)}]
    for due in ("Deadline", "By when", "Target date"):
        outline, section = _section(
            f"## Action items\n\n| Action | Date | {due} |\n|---|---|---|\n"
            "| Add quorum alert | 2023-05-26 | 2023-06-01 |\n",
            "action_items",
        )
        found = structure.action_items(outline, section)
        assert found is not None and found.value[0]["due"] == date(2023, 6, 1), due


def test_owners_written_with_markup_are_their_names() -> None:
    outline, section = _section(
        "## Action items\n\n| Action | Owner |\n|---|---|\n"
        "| Add quorum alert | Ann <br> Bob |\n| Fix routing | [Ann](mailto:ann@example.com) |\n"
        "| Write runbook | ~~Ann~~ **Bob**<br/> |\n",
        "action_items",
    )
    found = structure.action_items(outline, section)
    assert found is not None
    assert [item["owner"] for item in found.value] == ["Ann, Bob", "Ann", "Bob"]


def test_html_entities_are_decoded_but_in_code_spans() -> None:
    outline, section = _section(
        "## Action items\n\n| Action | Owner |\n|---|---|\n"
        "| Fix routing &mdash; again | Ann &amp; Bob |\n"
        "| Escape `&lt;br&gt;` in names&nbsp;too | R&amp;D |\n",
        "action_items",
    )
    found = structure.action_items(outline, section)
    assert found is not None
    assert found.value == [
        {"action": "Fix routing — again", "owner": "Ann & Bob"},
        {"action": "Escape `&lt;br&gt;` in names too", "owner": "R&D"},
    ]
    assert _actions(
        "## Action items\n\n- Add canary stage &mdash; Owner: Nina &amp; Jo\n"
        "- Quote `a &amp; b` &ndash; as written\n",
    ) == [
        {"action": "Add canary stage", "owner": "Nina & Jo"},
        {"action": "Quote `a &amp; b` – as written"},
    ]


def test_a_huge_action_item_is_read_in_linear_time() -> None:
    started = time.monotonic()
    for text in ("`" * 20_000, "x" + " " * 50_000 + "- y", "x " + "[a" * 20_000):
        outline, section = _section(f"## Action items\n\n- {text}\n", "action_items")
        found = structure.action_items(outline, section)
        assert found is not None and len(found.value) == 1
    assert time.monotonic() - started < 5  # minutes when a run of backticks backtracked


def test_timeline_list_rolls_past_midnight_and_finds_detected_and_resolved() -> None:
    outline, section = _section(
        "## Timeline (all times UTC)\n\n- 23:50 Errors begin\n- 23:55 Alert fires, on-call paged\n"
        "- 00:20 Service restored\n",
        "timeline",
    )
    found = structure.timeline(outline, section, date(2024, 6, 25))
    assert found is not None
    assert [e["at"] for e in found.events] == [
        "2024-06-25T23:50:00Z",
        "2024-06-25T23:55:00Z",
        "2024-06-26T00:20:00Z",
    ]
    assert found.detected == "2024-06-25T23:55:00Z"
    assert found.resolved == "2024-06-26T00:20:00Z"


def test_one_heading_per_timestamp_and_date_lines() -> None:
    outline, section = _section(
        "## Timeline\n\n**2024-06-25**\n\n### 10:02 PDT\n\nDeploy starts.\n\n"
        "### 10:30 PDT\n\nRollback.\n",
        "timeline",
    )
    found = structure.timeline(outline, section, None)
    assert found is not None
    assert found.events == [
        {"at": "2024-06-25T10:02:00-07:00", "what": "Deploy starts."},
        {"at": "2024-06-25T10:30:00-07:00", "what": "Rollback."},
    ]


def test_a_timeline_out_of_order_is_not_taken() -> None:
    outline, section = _section(
        "## Timeline\n\n- 2024-06-25 10:00 b\n- 2024-06-24 09:00 a\n", "timeline"
    )
    found = structure.timeline(outline, section, None)
    assert found is not None and found.out_of_order and found.events == []


def test_links_markdown_and_bare_once_each() -> None:
    lines = [
        "See [the ticket](https://t.example/1) and https://status.example.com/x.",
        "Again https://t.example/1",
    ]
    assert structure.links(lines) == [
        {"title": "the ticket", "url": "https://t.example/1"},
        "https://status.example.com/x",
    ]


def test_html_list_items_of_an_exported_page_and_empty_items_left_out() -> None:
    assert _actions(
        "## Action items\n\n<ul>\n<li>Restart one at a time</li>\n<li></li>\n</ul>\n- [ ]\n",
    ) == [{"action": "Restart one at a time"}]


def test_a_section_leaves_out_its_subsections_that_mean_something_else() -> None:
    outline, section = _section(
        "## Lessons learned\n\n- Keep the runbook next to the alert.\n\n"
        "### What went well\n\n- The canary caught it.\n\n"
        "### Where we got lucky\n\n- The sale began on a quiet Monday.\n\n"
        "### Tooling\n\n- A dry run of the migration would have shown the lock.\n\n"
        "## Timeline\n\n- 10:00 Deploy\n",
        "lessons",
    )
    found = structure.list_values(outline, section)
    assert found is not None
    assert found.value == [
        "Keep the runbook next to the alert.",
        "A dry run of the migration would have shown the lock.",
    ]


def test_a_section_made_only_of_other_subsections_gives_nothing() -> None:
    outline, section = _section(
        "## Lessons learned\n\n### What went well\n\n- The canary caught it.\n\n"
        "### What went wrong\n\n- The rollback took an hour.\n",
        "lessons",
    )
    assert structure.list_values(outline, section) is None
    assert structure.text_of(outline, section)[0] == ""


def test_a_details_subsection_takes_its_own_details_lines() -> None:
    outline, section = _section(
        "## Root cause\n\nThe memory limit was set from an average-load measurement.\n\n"
        "<details>\n<summary>Lessons learned</summary>\n\n- Averages hide the peak.\n\n"
        "</details>\n",
        "root_cause",
    )
    # The </details> closing the lessons is not part of the root cause's text.
    text = structure.text_of(outline, section)[0]
    assert text == "The memory limit was set from an average-load measurement."


def test_a_details_section_closed_on_its_last_line_of_text_keeps_that_line() -> None:
    body = (
        "## Summary\n\nCheckout failed for forty minutes.\n\n"
        "<details>\n<summary>Root cause</summary>\n\n"
        "The cache keys changed format,\nand every node missed at once.</details>\n\n"
        "## Impact\n\nAbout 300 orders failed.\n"
    )
    outline, section = _section(body, "root_cause")
    text, _ = structure.text_of(outline, section)
    assert text == "The cache keys changed format,\nand every node missed at once."
    # The summary's own text is not the disclosure's.
    outline, section = _section(body, "summary")
    assert structure.text_of(outline, section)[0] == "Checkout failed for forty minutes."


def test_a_disclosure_inside_a_section_is_no_part_of_its_text() -> None:
    outline, section = _section(
        "## Root cause\n\n<details>\n<summary>Root cause analysis</summary>\n\n"
        "The cache keys changed format.</details>\n\n## Impact\n\nNone.\n",
        "root_cause",
    )
    assert structure.text_of(outline, section)[0] == "The cache keys changed format."
    outline, section = _section(
        "## Lessons\n\n<details><summary>More</summary>\n\n- Keys need a version.\n"
        "- Warm the cache first.</details>\n",
        "lessons",
    )
    found = structure.list_values(outline, section)
    assert found is not None and found.value == ["Keys need a version.", "Warm the cache first."]
    # In code, the markup is the text's.
    code = "```html\n<details><summary>x</summary></details>\n```"
    outline, section = _section(f"## Root cause\n\n{code}\n", "root_cause")
    assert outline.text[3] == "<details><summary>x</summary></details>"


def test_a_timeline_table_reads_its_zone_from_the_time_column() -> None:
    table = "| {} | Event |\n|---|---|\n| 09:02 | Deployed |\n"

    def events(heading: str, column: str) -> structure.Timeline | None:
        outline, section = _section(f"## {heading}\n\n" + table.format(column), "timeline")
        return structure.timeline(outline, section, date(2024, 1, 17))

    found = events("Timeline", "Time (PDT)")
    assert found is not None and found.events[0]["at"] == "2024-01-17T09:02:00-07:00"
    # A place or "local" time, which names no zone: not taken (as UTC it would be wrong).
    for heading, column in (("Timeline", "Time (Berlin)"), ("Timeline (local time)", "Time")):
        found = events(heading, column)
        assert found is not None and not found.events and "no time zone" in found.unclear
    # Words that are not places change nothing.
    found = events("Timeline (Detailed)", "Time (approximate)")
    assert found is not None and found.events[0]["at"] == "2024-01-17T09:02:00"


def test_a_region_time_in_the_heading_or_time_column_gives_its_offset_that_day() -> None:
    def events(heading: str, column: str, day: date) -> structure.Timeline | None:
        body = f"## {heading}\n\n| {column} | Event |\n|---|---|\n| 09:15 | Errors start |\n"
        outline, section = _section(body, "timeline")
        return structure.timeline(outline, section, day)

    for heading, column in (("Timeline (all times PT)", "Time"), ("Timeline", "Time (PT)")):
        found = events(heading, column, date(2023, 6, 1))
        assert found is not None and found.events[0]["at"] == "2023-06-01T09:15:00-07:00"
        found = events(heading, column, date(2023, 1, 10))
        assert found is not None and found.events[0]["at"] == "2023-01-10T09:15:00-08:00"
    found = events("Timeline (ET)", "Time", date(2023, 6, 1))
    assert found is not None and found.events[0]["at"] == "2023-06-01T09:15:00-04:00"
    # Abbreviations with one offset are written as they say, in any month.
    found = events("Timeline", "Time (PST)", date(2023, 6, 1))
    assert found is not None and found.events[0]["at"] == "2023-06-01T09:15:00-08:00"
    # One that names several zones is still refused.
    found = events("Timeline", "Time (CST)", date(2023, 6, 1))
    assert found is not None and not found.events and "'CST' could be" in found.unclear


def _timeline(body: str, day: date | None = date(2023, 6, 1)) -> structure.Timeline:
    outline, section = _section(body, "timeline")
    found = structure.timeline(outline, section, day)
    assert found is not None
    return found


def test_a_time_earlier_than_the_one_above_is_never_put_on_the_next_day() -> None:
    found = _timeline(
        "## Timeline (UTC)\n\n- 14:00 Alert fired\n"
        "- 13:45 First errors in the logs (found later)\n- 14:30 Resolved\n"
    )
    assert found.out_of_order and found.events == [] and found.resolved is None
    assert found.line == 3
    assert found.disorder == "13:45 is earlier than 14:00 above it, and not just past midnight"
    # A long night is no step past midnight either: the day is not written, so not guessed.
    found = _timeline("## Timeline (UTC)\n\n- 19:00 Errors begin\n- 09:00 Resolved\n")
    assert found.out_of_order and found.events == [] and found.line == 3
    # Two events going back are one step back: an event out of place, or newest first?
    found = _timeline("## Timeline (UTC)\n\n- 15:10 Resolved\n- 14:02 Alert fired\n")
    assert found.out_of_order and found.events == []


def test_short_steps_past_midnight_move_to_the_next_day_each_time() -> None:
    found = _timeline(
        "## Timeline (UTC)\n\n- 23:00 Errors begin\n- 01:00 Alert fired\n"
        "- 23:30 Errors again\n- 00:30 Resolved\n"
    )
    assert [e["at"] for e in found.events] == [
        "2023-06-01T23:00:00Z",
        "2023-06-02T01:00:00Z",
        "2023-06-02T23:30:00Z",
        "2023-06-03T00:30:00Z",
    ]


def test_a_newest_first_timeline_is_read_from_the_bottom_up() -> None:
    found = _timeline(
        "## Timeline (UTC)\n\n- 15:10 Resolved\n- 14:30 Rolled back\n- 14:02 Alert fired\n"
    )
    assert found.source == "timestamped lines, newest first"
    assert found.events == [
        {"at": "2023-06-01T14:02:00Z", "what": "Alert fired"},
        {"at": "2023-06-01T14:30:00Z", "what": "Rolled back"},
        {"at": "2023-06-01T15:10:00Z", "what": "Resolved"},
    ]
    assert found.detected == "2023-06-01T14:02:00Z" and found.resolved == "2023-06-01T15:10:00Z"
    found = _timeline(
        "## Timeline (UTC)\n\n- 00:15 Resolved\n- 23:40 Alert fired\n- 23:30 Errors begin\n"
    )
    assert [e["at"] for e in found.events] == [
        "2023-06-01T23:30:00Z",
        "2023-06-01T23:40:00Z",
        "2023-06-02T00:15:00Z",
    ]


def test_day_lines_without_a_year_take_the_year_of_the_documents_date() -> None:
    body = (
        "## Timeline (UTC)\n\n**June 1**\n\n- 14:00 Errors begin\n- 15:00 Alert fired\n\n"
        "**{}**\n\n- 09:00 Resolved\n"
    )
    found = _timeline(body.format("June 3"))
    assert [e["at"] for e in found.events] == [
        "2023-06-01T14:00:00Z",
        "2023-06-01T15:00:00Z",
        "2023-06-03T09:00:00Z",
    ]
    found = _timeline(body.format("June 31"))
    assert not found.events and found.unreadable == "'June 31' is not a real date"
    assert found.line == 7
    # With no date of the document's own, a day without its year places no time.
    found = _timeline(body.format("June 3"), None)
    assert found.undated and not found.events


def test_a_date_column_gives_each_rows_day_and_is_no_part_of_its_words() -> None:
    table = (
        "## Timeline\n\n| Date | Time (UTC) | Event |\n|---|---|---|\n"
        "| {} | 14:00 | Errors begin |\n|  | 18:00 | Alert fired |\n| {} | 09:00 | Resolved |\n"
    )
    found = _timeline(table.format("2023-06-01", "2023-06-03"))
    assert found.events == [
        {"at": "2023-06-01T14:00:00Z", "what": "Errors begin"},
        {"at": "2023-06-01T18:00:00Z", "what": "Alert fired"},
        {"at": "2023-06-03T09:00:00Z", "what": "Resolved"},
    ]
    found = _timeline(table.format("Jun 1", "Jun 3"))
    assert found.events[2]["at"] == "2023-06-03T09:00:00Z"
    # Its dates are the document's words: read when the review's date is a guess too.
    found = _timeline(table.format("2023-06-01", "2023-06-03"), None)
    assert found.events[2]["at"] == "2023-06-03T09:00:00Z"
    found = _timeline(table.format("2023-06-01", "04/06/2023"))
    assert not found.events and found.line == 6
    assert found.unreadable.startswith("'04/06/2023' could be 4 June 2023 (day first)")


def test_a_table_without_times_gives_no_day_to_read() -> None:
    found = _timeline(
        "## Timeline (UTC)\n\n| Date | Ticket |\n|---|---|\n| next sprint | OPS-1 |\n\n"
        "- 14:00 Errors begin\n- 14:30 Resolved\n"
    )
    assert [e["at"] for e in found.events] == ["2023-06-01T14:00:00Z", "2023-06-01T14:30:00Z"]


def test_stamps_in_code_brackets_or_marked_approximate_are_read() -> None:
    found = _timeline(
        "## Timeline (UTC)\n\n- 14:32 Errors begin\n- 14:35 Alert fired\n"
        "- `14:40` Rolled back\n- [14:45] Recovering\n- ~14:50 Resolved\n"
    )
    assert found.events == [
        {"at": "2023-06-01T14:32:00Z", "what": "Errors begin"},
        {"at": "2023-06-01T14:35:00Z", "what": "Alert fired"},
        {"at": "2023-06-01T14:40:00Z", "what": "Rolled back"},
        {"at": "2023-06-01T14:45:00Z", "what": "Recovering"},
        {"at": "2023-06-01T14:50:00Z", "what": "~ Resolved"},
    ]
    assert found.resolved == "2023-06-01T14:50:00Z"
    found = _timeline("## Timeline\n\n| Time | Event |\n|---|---|\n| ~`09:02 UTC` | Deployed |\n")
    assert found.events == [{"at": "2023-06-01T09:02:00Z", "what": "~ Deployed"}]


def test_a_line_that_starts_as_a_time_and_cannot_be_read_is_reported() -> None:
    found = _timeline(
        "## Timeline (UTC)\n\n- 14:32 Errors begin\n- 6/1 14:40 Rolled back\n- 14:50 Resolved\n"
    )
    assert not found.events and found.line == 3
    assert found.unreadable == "'6/1 14:40 Rolled back'"


def test_table_cells_with_a_day_without_its_year_take_the_documents_year() -> None:
    table = "## Timeline\n\n| When | Event |\n|---|---|\n| Jun 1, 14:32 UTC | Errors begin |\n"
    found = _timeline(table + "| 2 Jun 09:10 UTC | Resolved |\n")
    assert found.events == [
        {"at": "2023-06-01T14:32:00Z", "what": "Errors begin"},
        {"at": "2023-06-02T09:10:00Z", "what": "Resolved"},
    ]
    found = _timeline(table + "| Feb 30, 15:10 UTC | Resolved |\n")
    assert not found.events and found.line == 5 and found.unreadable == "'Feb 30, 15:10 UTC'"
    # No year known (the review's date is a guess): not placed, and said.
    found = _timeline(table, None)
    assert found.undated and found.line == 4


def test_a_time_range_is_the_events_start_not_a_zone_offset() -> None:
    outline, section = _section(
        "## Timeline (UTC)\n\n- 09:40 Announcement sent\n- 10:00-10:30 Maintenance\n"
        "- 10:45 Resolved\n",
        "timeline",
    )
    found = structure.timeline(outline, section, date(2023, 6, 1))
    assert found is not None and not found.unclear
    assert found.events[1] == {"at": "2023-06-01T10:00:00Z", "what": "Maintenance (until 10:30)"}
    # An offset after a time is still one: the time after the dash is not later that day.
    outline, section = _section("## Timeline\n\n- 09:15-07:00 Errors start\n", "timeline")
    found = structure.timeline(outline, section, date(2023, 6, 1))
    assert found is not None and found.events[0]["at"] == "2023-06-01T09:15:00-07:00"


def test_the_documents_zone_said_above_the_timeline_is_its_times_zone() -> None:
    body = "All times are PST.\n\n## Timeline\n\n- 09:15 Errors start\n- 10:05 Resolved\n"
    outline, section = _section(body, "timeline")
    found = structure.timeline(outline, section, date(2023, 1, 10))
    assert found is not None and found.events[0]["at"] == "2023-01-10T09:15:00-08:00"
    # Two zones said in the document: none is taken for the timeline.
    body = "All times are PST.\n\nTimes are in CET.\n\n" + body.split("\n\n", 1)[1]
    outline, section = _section(body, "timeline")
    found = structure.timeline(outline, section, date(2023, 1, 10))
    assert found is not None and found.events[0]["at"] == "2023-01-10T09:15:00"


def test_an_image_is_no_part_of_a_fields_text() -> None:
    outline, section = _section(
        "## Summary\n\nCheckout failed for 40 minutes.\n![Latency during the failover]"
        '(img/latency.png)\n\n<img src="img/errors.png" alt="errors">\n',
        "summary",
    )
    assert structure.text_of(outline, section)[0] == "Checkout failed for 40 minutes."


def test_a_labels_placeholder_is_no_part_of_its_text() -> None:
    outline, section = _section("Date: 2024-05-20\n\nSummary: TBD\n\nImpact: Some.\n", "summary")
    assert structure.text_of(outline, section, section.heading.inline)[0] == ""
    outline, section = _section("Summary: TBD\nThe queue stalled.\n", "summary")
    assert structure.text_of(outline, section, section.heading.inline)[0] == "The queue stalled."


def test_html_that_wraps_text_is_no_part_of_a_fields_text() -> None:
    outline, section = _section(
        "<h2>Root cause</h2>\n"
        "<p>An <strong>expired</strong> signing key.<br>Rotated by hand.</p>\n",
        "root_cause",
    )
    assert structure.text_of(outline, section)[0] == "An expired signing key. Rotated by hand."


def test_a_zone_named_in_passing_is_not_the_timelines() -> None:
    timeline = "## Timeline\n\n- 14:00 Deploy of v2.3\n- 14:20 Alert fired\n"
    for prose in (
        "## Impact\n\nResponse times were 3x normal during business hours (CET).\n\n",
        "## Action items\n\n- Show all times in UTC on the batch dashboard\n\n",
    ):
        outline, section = _section(prose + timeline, "timeline")
        found = structure.timeline(outline, section, date(2023, 6, 1))
        assert found is not None and found.events[0]["at"] == "2023-06-01T14:00:00", prose


def test_plain_items_nested_under_an_action_are_its_details() -> None:
    outline, section = _section(
        "## Action items\n\n- [ ] Add a disk usage alert\n  - threshold at 80%\n"
        "  - page the storage on-call\n  - owner: Jo\n- Monitoring:\n  - Add a queue dashboard\n"
        "- Rotate the keys\n  - [x] Rotate the staging key\n",
        "action_items",
    )
    found = structure.action_items(outline, section)
    assert found is not None
    assert [(a["action"], a.get("owner"), a.get("status")) for a in found.value] == [
        ("Add a disk usage alert", "Jo", "open"),
        ("Add a queue dashboard", None, None),
        ("Rotate the keys", None, None),
        ("Rotate the staging key", None, "done"),
    ]


def test_by_a_date_inside_an_action_is_no_due_date() -> None:
    outline, section = _section(
        "## Action items\n\n- Backfill all orders placed by 2023-05-31 into the warehouse\n"
        "- Rotate the signing keys by 2023-06-30\n- [x] Restarted the brokers by 2023-06-01\n"
        "- Size the cache, due 2024-02-28 from the peak working set\n",
        "action_items",
    )
    found = structure.action_items(outline, section)
    assert found is not None
    assert [a.get("due") for a in found.value] == [
        None,
        date(2023, 6, 30),
        None,
        date(2024, 2, 28),
    ]


def test_words_that_are_no_zone_leave_the_timeline_read() -> None:
    for heading, line, last in (
        ("Timeline (Phase 1)", "- 14:00 UTC Deploy", "- 15:00 UTC Resolved"),
        ("Timeline (Tuesday)", "- 14:00 UTC Deploy", "- 15:00 UTC Resolved"),
        ("Timeline (UTC)", "- 14:00 DST change on the scheduler host", "- 15:00 Resolved"),
        ("Timeline (UTC)", "- 14:00 est. 2,000 checkouts failing", "- 15:00 Resolved"),
    ):
        outline, section = _section(f"## {heading}\n\n{line}\n{last}\n", "timeline")
        found = structure.timeline(outline, section, date(2023, 6, 1))
        assert found is not None and not found.unclear and not found.out_of_order, heading
        assert found.events[0]["at"] == "2023-06-01T14:00:00Z", (heading, line)
    # A place still makes it unclear.
    outline, section = _section("## Timeline (Berlin time)\n\n- 14:00 Deploy\n", "timeline")
    found = structure.timeline(outline, section, date(2023, 6, 1))
    assert found is not None and found.unclear


def test_a_date_label_inside_the_timeline_gives_the_day_of_the_times_below() -> None:
    outline, section = _section(
        "## Timeline (UTC)\nDate: 2023-06-01\n- 22:00 Lag starts\n**Date:** 2023-06-02\n"
        "- 08:30 Replica rebuilt\n",
        "timeline",
    )
    found = structure.timeline(outline, section, date(2023, 6, 1))
    assert found is not None and not found.out_of_order
    assert [e["at"] for e in found.events] == ["2023-06-01T22:00:00Z", "2023-06-02T08:30:00Z"]


def test_an_html_table_of_action_items_is_read_as_a_table() -> None:
    for table in (
        "<table><tr><th>Action</th><th>Owner</th><th>Due</th></tr>\n"
        "<tr><td>Automate key rotation</td><td>Marta</td><td>2020-03-01</td></tr></table>\n",
        "<table>\n  <tr>\n    <th>Action</th>\n    <th>Owner</th>\n    <th>Due</th>\n  </tr>\n"
        "  <tr>\n    <td><b>Automate</b> key rotation</td>\n    <td>Marta</td>\n"
        "    <td>2020-03-01</td>\n  </tr>\n</table>\n",
    ):
        outline, section = _section("## Action items\n\n" + table, "action_items")
        found = structure.action_items(outline, section)
        assert found is not None and found.source == "table"
        assert found.value == [
            {"action": "Automate key rotation", "owner": "Marta", "due": date(2020, 3, 1)}
        ]


def test_words_after_a_headings_colon_qualify_it_when_text_follows() -> None:
    outline, section = _section("## Impact: EU customers\n\n12% of checkouts failed.\n", "impact")
    assert structure.text_of(outline, section, section.heading.inline)[0] == (
        "12% of checkouts failed."
    )
    # An answer stays one: a sentence, or words with nothing under the heading.
    for body, said in (
        ("### Summary: Checkout failed.\n\nThe cache lost quorum.\n", "Checkout failed."),
        ("### Summary: Checkout failed for 47 minutes\n", "Checkout failed for 47 minutes"),
    ):
        outline, section = _section(body, "summary")
        assert structure.text_of(outline, section, section.heading.inline)[0].startswith(said)


def test_a_groups_short_name_in_a_flat_list_is_no_action() -> None:
    assert _actions(
        "## Action items\n\n- **Short term:**\n- Roll back the config\n- **Long term:**\n"
        "- Add a canary stage\n- Decide on the owner of the cache: platform or payments\n"
    ) == [
        {"action": "Roll back the config"},
        {"action": "Add a canary stage"},
        {"action": "Decide on the owner of the cache: platform or payments"},
    ]
