"""Schema rules, one by one: they hold at every status, drafts included."""

from __future__ import annotations

import pytest

from conftest import findings_of, review_text


def replace(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


@pytest.mark.parametrize("status", ["draft", "published"])
def test_unknown_field_suggests_the_closest(write_review, retro, status) -> None:
    text = replace(review_text(status=status), "root_cause:", "root_casue:")
    write_review("2026-03-01-typo", text)
    result = retro("check")
    [line] = findings_of(result.output, "unknown-field")
    assert line.startswith("reviews/2026/2026-03-01-typo.md:20:1: error [unknown-field]")
    assert "unknown field 'root_casue'; did you mean 'root_cause'?" in line
    assert result.exit_code == 1


def test_unknown_nested_field_is_reported_with_its_path(write_review, retro) -> None:
    text = replace(review_text(), "    owner: ", "    ownr: ")
    write_review("2026-03-01-nested", text)
    output = retro("check").output
    [line] = findings_of(output, "unknown-field")
    assert "unknown field 'action_items[1].ownr'; did you mean 'owner'?" in line


def test_unknown_field_without_close_match_says_how_to_declare_it(write_review, retro) -> None:
    write_review("2026-03-01-extra", replace(review_text(), "lessons:", "ticket: OPS-1\nlessons:"))
    [line] = findings_of(retro("check").output, "unknown-field")
    assert line.endswith(
        "unknown field 'ticket'; to keep it, declare it in the configuration (retro.yml): "
        "`extra_fields: [ticket]`"
    )


def test_declared_extra_field_is_accepted_and_type_checked(project, write_review, retro) -> None:
    (project / "retro.yml").write_text("extra_fields:\n  ticket: string\n  hours: integer\n")
    text = replace(review_text(), "lessons:", "ticket: OPS-1\nhours: many\nlessons:")
    write_review("2026-03-01-extra", text)
    output = retro("check").output
    assert not findings_of(output, "unknown-field")
    [line] = findings_of(output, "field-type")
    assert "'hours' must be a whole number, not a text" in line


@pytest.mark.parametrize("field", ["title", "date", "status", "kind", "severity"])
def test_always_required_fields_are_errors_even_in_a_draft(write_review, retro, field) -> None:
    lines = [
        line
        for line in review_text(status="draft").splitlines()
        if not line.startswith(f"{field}:")
    ]
    write_review("2026-03-01-missing", "\n".join(lines) + "\n")
    result = retro("check")
    missing = findings_of(result.output, "missing-field")
    assert any(f"'{field}' is required" in line and "error" in line for line in missing)
    assert result.exit_code == 1


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "severity: medium",
            "severity: urgent",
            "'severity' is 'urgent'; expected one of low, medium, high, critical",
        ),
        (
            "status: published",
            "status: publshed",
            "'status' is 'publshed'; expected one of draft, in-review, published, imported; "
            "did you mean 'published'?",
        ),
        ("kind: customer-mistake", "kind: outage", "'kind' is 'outage'; expected one of"),
        ("visibility: public", "visibility: secret", "'visibility' is 'secret'"),
        ("    change: add", "    change: append", "'checklist_changes[1].change' is 'append'"),
        ("    status: done", "    status: finished", "'action_items[1].status' is 'finished'"),
        (
            "  customers_affected: 40",
            "  customers_affected: -3",
            "'impact.customers_affected' is -3; it must be 0 or more",
        ),
    ],
)
def test_invalid_values(write_review, retro, old, new, message) -> None:
    write_review("2026-03-01-value", replace(review_text(), old, new))
    [line] = findings_of(retro("check").output, "invalid-value")
    assert message in line


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            'authors: ["Support team"]',
            "authors: Support team",
            "'authors' must be a list of texts, not a text (write it as a list: "
            '`authors: ["Support team"]`)',
        ),
        (
            "title: Wrong colour shipped to forty customers",
            "title: 2026",
            "'title' must be a text, not a number (2026) (put it in quotes)",
        ),
        (
            "  customers_affected: 40",
            "  customers_affected: forty",
            "'impact.customers_affected' must be a whole number, not a text",
        ),
        ("tags: [checklist]", "tags: [checklist, 7]", "'tags[2]' must be a text"),
        ("impact:\n", "impact: big\nimpact_old:\n", "'impact' must be a mapping of fields"),
        (
            "action_items:\n",
            "action_items: fix it\nx_items:\n",
            "'action_items' must be a list of entries",
        ),
    ],
)
def test_wrong_types(write_review, retro, old, new, message) -> None:
    write_review("2026-03-01-types", replace(review_text(), old, new))
    lines = findings_of(retro("check").output, "field-type")
    assert any(message in line for line in lines), lines


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "date: 2026-03-01",
            "date: 2026-02-30",
            "'date' is '2026-02-30': February 2026 has no day 30",
        ),
        ("date: 2026-03-01", "date: 2026-13-01", "'date' is '2026-13-01': there is no month 13"),
        (
            "  detected: 2026-03-02T10:00:00Z",
            "  detected: 2026-11-31T09:16:00Z",
            "'timeline.detected' is '2026-11-31T09:16:00Z': November 2026 has no day 31",
        ),
        (
            "  acknowledged: 2026-03-02",
            "  acknowledged: yesterday",
            "'customer_response.acknowledged' is 'yesterday', not a valid date",
        ),
        ("    due: 2026-04-30", "    due: 30/04/2026", "'action_items[1].due' is '30/04/2026'"),
        (
            "  detected: 2026-03-02T10:00:00Z",
            "  detected: soon",
            "'timeline.detected' is 'soon', not an ISO date-time",
        ),
    ],
)
def test_invalid_dates(write_review, retro, old, new, message) -> None:
    write_review("2026-03-01-dates", replace(review_text(), old, new))
    lines = findings_of(retro("check").output, "invalid-date")
    assert any(message in line for line in lines), lines


def test_link_must_be_a_web_address(write_review, retro) -> None:
    text = replace(review_text(), "    status: done", "    status: done\n    link: ftp://x")
    write_review("2026-03-01-link", text)
    [line] = findings_of(retro("check").output, "invalid-value")
    assert "'action_items[1].link' must be a web address" in line


def test_configured_kinds_and_severities(project, write_review, retro) -> None:
    (project / "retro.yml").write_text("severities: [minor, major]\n")
    write_review("2026-03-01-sev", review_text())
    [line] = findings_of(retro("check").output, "invalid-value")
    assert "'severity' is 'medium'; expected one of minor, major" in line


def test_timeline_out_of_order(write_review, retro) -> None:
    text = replace(
        review_text(), "  resolved: 2026-03-03T16:00:00Z", "  resolved: 2026-03-01T09:00:00Z"
    )
    write_review("2026-03-01-order", text)
    [line] = findings_of(retro("check").output, "timeline-order")
    assert line.startswith("reviews/2026/2026-03-01-order.md:19:3:")
    assert "timeline.resolved (2026-03-01T09:00:00Z) is before timeline.detected" in line


def test_allowed_tags(project, write_review, retro) -> None:
    (project / "retro.yml").write_text("tags: [checklist, config]\n")
    write_review("2026-03-01-tags", review_text(tags="checklist, handoff"))
    [line] = findings_of(retro("check").output, "unknown-tag")
    assert "tag 'handoff' is not in the configured list (checklist, config)" in line
