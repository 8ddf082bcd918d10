"""Completeness: errors at in-review and published, warnings on a draft."""

from __future__ import annotations

import re

import pytest

from conftest import findings_of, review_text


def without_line(text: str, prefix: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.startswith(prefix)) + "\n"


COMPLETE_FIELDS = ["authors", "what_went_wrong", "root_cause", "lessons"]


@pytest.mark.parametrize("field", COMPLETE_FIELDS)
@pytest.mark.parametrize(
    ("status", "level", "code"),
    [("published", "error", 1), ("in-review", "error", 1), ("draft", "warning", 0)],
)
def test_complete_fields(write_review, retro, field, status, level, code) -> None:
    write_review("2026-03-01-x", without_line(review_text(status=status), f"{field}:"))
    result = retro("check")
    lines = findings_of(result.output, "incomplete-field")
    assert any(
        f"'{field}' is missing or empty" in line and f": {level} [" in line for line in lines
    ), result.output
    assert result.exit_code == code


@pytest.mark.parametrize("value", ['""', "[]", "  "])
def test_empty_and_placeholder_values_count_as_missing(write_review, retro, value) -> None:
    text = re.sub(r"^root_cause: .*$", f"root_cause: {value}", review_text(), flags=re.M)
    write_review("2026-03-01-x", text)
    lines = findings_of(retro("check").output, "incomplete-field")
    assert any("'root_cause' is missing or empty" in line for line in lines)


@pytest.mark.parametrize(
    "placeholder", ["TBD", "TODO", "N/A", "NA", "?", "-", "...", "none yet", "tbd", "n/a"]
)
def test_each_placeholder_counts_as_missing_with_its_line(write_review, retro, placeholder) -> None:
    text = re.sub(r"^root_cause: .*$", f'root_cause: "{placeholder}"', review_text(), flags=re.M)
    write_review("2026-03-01-x", text)
    [line] = findings_of(retro("check").output, "incomplete-field")
    assert line == (
        f"reviews/2026/2026-03-01-x.md:20:1: error [incomplete-field] 'root_cause' holds only "
        f"the placeholder '{placeholder}'; a complete review needs it (The conditions that made "
        "the mistake possible: a process, tool or system gap, never a person)"
    )


def test_a_list_of_placeholders_counts_as_missing(write_review, retro) -> None:
    text = review_text().replace(
        'lessons: ["Variants that look alike need separate bins."]', 'lessons: ["TBD"]'
    )
    write_review("2026-03-01-x", text)
    [line] = findings_of(retro("check").output, "incomplete-field")
    assert "'lessons' holds only the placeholder 'TBD'" in line


def test_an_odd_question_mark_is_no_longer_a_placeholder(write_review, retro) -> None:
    text = re.sub(r"^root_cause: .*$", 'root_cause: "n/a?"', review_text(), flags=re.M)
    write_review("2026-03-01-x", text)
    assert not findings_of(retro("check").output, "incomplete-field")


def test_impact_summary_is_required(write_review, retro) -> None:
    write_review("2026-03-01-x", without_line(review_text(), "  summary:"))
    [line] = findings_of(retro("check").output, "incomplete-field")
    assert "'impact.summary' is missing or empty" in line


def test_customer_response_required_for_customer_mistakes_only(write_review, retro) -> None:
    text = review_text()
    start = text.index("customer_response:")
    end = text.index("checklist_changes:")
    stripped = text[:start] + text[end:]
    write_review("2026-03-01-customer", stripped)
    incident = stripped.replace("kind: customer-mistake", "kind: incident").replace(
        "## Customer response\n\nEvery customer got an apology, the right item by express "
        "and a voucher.\n\n",
        "",
    )
    write_review("2026-03-02-incident", incident, date="2026-03-02")
    output = retro("check").output
    lines = findings_of(output, "incomplete-field")
    assert [line.split(":")[0] for line in lines] == ["reviews/2026/2026-03-01-customer.md"], output
    assert "'customer_response' is missing or empty" in lines[0]


def test_customer_response_parts(write_review, retro) -> None:
    write_review("2026-03-01-x", without_line(review_text(), "  remedy:"))
    [line] = findings_of(retro("check").output, "incomplete-field")
    assert "'customer_response.remedy' is missing or empty" in line


def test_goodwill_is_optional(write_review, retro) -> None:
    write_review("2026-03-01-x", without_line(review_text(), "  goodwill:"))
    assert retro("check", "--strict").exit_code == 0


def test_incident_may_leave_template_customer_response_blank(write_review, retro) -> None:
    text = review_text().replace("kind: customer-mistake", "kind: incident")
    text = re.sub(
        r"customer_response:\n(  .*\n)+",
        'customer_response:\n  acknowledged:\n  apology: ""\n  remedy: ""\n',
        text,
    )
    text = text.replace(
        "## Customer response\n\nEvery customer got an apology, the right "
        "item by express and a voucher.\n\n",
        "",
    )
    write_review("2026-03-01-x", text)
    result = retro("check", "--strict")
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("field", ["action", "owner", "due"])
def test_action_items_need_owner_and_due_date(write_review, retro, field) -> None:
    text = (
        review_text().replace(
            '  - action: "Give each colour variant its own bin"\n    owner:', "  - owner:"
        )
        if field == "action"
        else without_line(review_text(), f"    {field}:")
    )
    write_review("2026-03-01-x", text)
    [line] = findings_of(retro("check").output, "incomplete-action-item")
    assert f"'action_items[1].{field}' is missing or empty" in line
    assert line.startswith("reviews/2026/2026-03-01-x.md:")


def test_checklist_change_must_be_well_formed(write_review, retro) -> None:
    write_review("2026-03-01-x", without_line(review_text(), "    item:"))
    [line] = findings_of(retro("check").output, "incomplete-checklist-change")
    assert "'checklist_changes[1].item' is missing or empty" in line


def test_reword_needs_was(write_review, retro) -> None:
    write_review("2026-03-01-x", review_text().replace("change: add", "change: reword"))
    lines = findings_of(retro("check").output, "incomplete-checklist-change")
    assert any("'checklist_changes[1]' is a reword: add `was:`" in line for line in lines)


def test_empty_lists_of_actions_and_changes(write_review, retro) -> None:
    text = re.sub(r"action_items:\n(  .*\n)+", "action_items: []\n", review_text())
    write_review("2026-03-01-x", text)
    [line] = findings_of(retro("check").output, "incomplete-field")
    assert "'action_items' is missing or empty" in line


def test_missing_section(write_review, retro) -> None:
    text = review_text().replace(
        "## Where we got lucky\n\nIt was a slow week, so only forty orders were affected.\n\n", ""
    )
    write_review("2026-03-01-x", text)
    [line] = findings_of(retro("check").output, "missing-section")
    assert "the section '## Where we got lucky' of the customer-mistake template is missing" in line


def test_unanswered_prompt_is_missing_content(write_review, retro) -> None:
    text = review_text().replace(
        "Support spotted the pattern after two messages.",
        "<!-- What worked? Name the tools and habits that helped. -->",
    )
    write_review("2026-03-01-x", text)
    [line] = findings_of(retro("check").output, "empty-section")
    assert "'## What went well' has no content yet (only the template's prompt)" in line
    assert line.startswith("reviews/2026/2026-03-01-x.md:")


def test_prompt_left_beside_an_answer_is_fine(write_review, retro) -> None:
    text = review_text().replace(
        "Support spotted the pattern after two messages.",
        "<!-- What worked? -->\nSupport spotted the pattern after two messages.",
    )
    write_review("2026-03-01-x", text)
    assert retro("check", "--strict").exit_code == 0


def test_headings_match_without_case_and_in_code_blocks_do_not_count(write_review, retro) -> None:
    text = review_text().replace("## Follow-up", "## FOLLOW-UP")
    text = text.replace("## Summary\n", "```\n## Timeline\n```\n## Summary\n")
    write_review("2026-03-01-x", text)
    assert retro("check", "--strict").exit_code == 0


def test_draft_then_in_review_flow(project, retro) -> None:
    """`retro new`, fill the file in, set in-review: it passes."""
    created = retro(
        "new",
        "Wrong colour shipped to forty customers",
        "--kind",
        "customer-mistake",
        "--date",
        "2026-03-01",
    )
    path = project / created.output.strip()
    draft = retro("check")
    assert draft.exit_code == 0 and "warning" in draft.output
    path.write_text(review_text(status="in-review"), encoding="utf-8")
    final = retro("check", "--strict")
    assert final.exit_code == 0, final.output


LUCKY = "## Where we got lucky\n\nIt was a slow week, so only forty orders were affected.\n"


@pytest.mark.parametrize(
    "heading",
    [
        "# Where we got lucky",
        "### Where we got lucky",
        "Where we got lucky\n==================",
        "Where we got lucky\n------------------",
        "## 5. Where We Got Lucky",
        "## 🍀 Where we got lucky (in hindsight)",
        "## Where we were lucky",
    ],
)
def test_required_section_under_any_heading_shape(write_review, retro, heading) -> None:
    text = review_text().replace(LUCKY, LUCKY.replace("## Where we got lucky", heading))
    write_review("2026-03-01-x", text)
    result = retro("check", "--strict")
    assert result.exit_code == 0, result.output


def test_missing_section_names_a_heading_at_the_wrong_level(write_review, retro) -> None:
    text = review_text().replace(LUCKY, LUCKY.replace("## Where", "#### Where"))
    write_review("2026-03-01-x", text)
    [line] = findings_of(retro("check").output, "missing-section")
    assert line.endswith(
        "the section '## Where we got lucky' of the customer-mistake template is missing; "
        "the heading '#### Where we got lucky' on line 59 is level 4: make it level 1 to 3 "
        "('## Where we got lucky')"
    )


def test_missing_section_names_a_near_heading(write_review, retro) -> None:
    text = review_text().replace(LUCKY, LUCKY.replace("got lucky", "got lucki"))
    write_review("2026-03-01-x", text)
    [line] = findings_of(retro("check").output, "missing-section")
    assert line.endswith(
        "the section '## Where we got lucky' of the customer-mistake template is missing; "
        "the heading '## Where we got lucki' on line 59 is close: rename it 'Where we got "
        "lucky', or add 'Where we got lucki' to its synonyms (section_synonyms in the "
        "configuration)"
    )


def test_configured_synonym_answers_a_section(project, write_review, retro) -> None:
    text = review_text().replace(LUCKY, LUCKY.replace("Where we got lucky", "Fortune"))
    write_review("2026-03-01-x", text)
    assert findings_of(retro("check").output, "missing-section")
    (project / "retro.yml").write_text("section_synonyms:\n  Where we got lucky: [Fortune]\n")
    result = retro("check", "--strict")
    assert result.exit_code == 0, result.output


def test_configured_requirements_per_kind(project, write_review, retro) -> None:
    (project / "retro.yml").write_text(
        "requirements:\n"
        "  customer-mistake:\n"
        "    fields: [what_went_wrong, root_cause]\n"
        "    sections:\n"
        "      - What happened\n"
        "      - Five whys: [5 whys analysis]\n"
    )
    text = review_text().replace('lessons: ["Variants that look alike need separate bins."]', "")
    text = text.replace("## Where we got lucky", "## Five whys")
    write_review("2026-03-01-x", text)
    result = retro("check", "--strict")
    assert result.exit_code == 0, result.output
    write_review("2026-03-01-x", text.replace("## Five whys", "## Other"))
    [line] = findings_of(retro("check").output, "missing-section")
    assert "the section '## Five whys' of the customer-mistake template is missing" in line


def test_requirements_name_known_kinds(project, retro) -> None:
    (project / "retro.yml").write_text("requirements:\n  outage:\n    fields: [title]\n")
    result = retro("check")
    assert result.exit_code == 2
    assert "'requirements': 'outage' is not one of the kinds" in result.output


@pytest.mark.parametrize("placeholder", ["TBD", "TODO", "N/A", "NA", "?", "-", "...", "none yet"])
def test_section_holding_a_placeholder_is_unanswered(write_review, retro, placeholder) -> None:
    text = review_text().replace(
        "Support spotted the pattern after two messages.", f"<!-- prompt -->\n{placeholder}"
    )
    write_review("2026-03-01-x", text)
    [line] = findings_of(retro("check").output, "empty-section")
    assert line == (
        "reviews/2026/2026-03-01-x.md:55:1: error [empty-section] the section '## What went "
        f"well' holds only the placeholder '{placeholder}'; answer it in a few sentences"
    )
