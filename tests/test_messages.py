"""Messages that teach: what a new user meets first, each asserted word for word."""

from __future__ import annotations

import re

import pytest

from conftest import findings_of, review_text

FILE = "reviews/2026/2026-03-01-x.md"


def replace(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def only_finding(output: str) -> str:
    lines = [line for line in output.splitlines() if line.startswith("reviews/")]
    assert len(lines) == 1, output
    return lines[0]


# --------------------------------------------------------------------------- YAML


def test_a_tab_says_indent_with_spaces(write_review, retro) -> None:
    write_review("2026-03-01-x", replace(review_text(), "  summary:", "\tsummary:"))
    assert only_finding(retro("check").output) == (
        f"{FILE}:13:1: error [yaml-syntax] invalid YAML: a tab character; indent with spaces "
        "(YAML does not allow tabs)"
    )


@pytest.mark.parametrize(
    ("field", "line", "position"),
    [
        ("root_cause: Two bins: one label", 20, "20:21"),
        ("what_went_wrong: Orders: delayed", 11, "11:24"),
        # Under a key with no value of its own: no line above to be indented more than.
        ("  summary: Orders: delayed", 13, "13:18"),
    ],
)
def test_a_colon_in_an_unquoted_value_says_put_it_in_quotes(
    write_review, retro, field: str, line: int, position: str
) -> None:
    lines = review_text().split("\n")
    lines[line - 1] = field
    write_review("2026-03-01-x", "\n".join(lines))
    assert only_finding(retro("check").output) == (
        f"{FILE}:{position}: error [yaml-syntax] invalid YAML: a colon followed by a space "
        'inside a value; put the value in quotes (`field: "text: more text"`)'
    )


def test_a_wrapped_value_with_a_colon_still_says_put_it_in_quotes(write_review, retro) -> None:
    # The second line of a wrapped value is indented more than its key, but it is words, not
    # a key: the fix is quotes, not indentation.
    text = re.sub(
        r"^what_went_wrong: .*$",
        "what_went_wrong: For 42 minutes the checkout API\n  answered with errors: 500 and 503",
        review_text(),
        flags=re.M,
    )
    write_review("2026-03-01-x", text)
    finding = only_finding(retro("check").output)
    assert finding.startswith(f"{FILE}:12:")
    assert finding.endswith(
        "invalid YAML: a colon followed by a space inside a value; put the value in quotes "
        '(`field: "text: more text"`)'
    )


@pytest.mark.parametrize(
    "summary",
    # A plain value runs on into the next line (PyYAML: a colon in a value); a quoted one
    # ends, and PyYAML meets a mapping it cannot place. The mistake is the same.
    ["Sixty orders were undercharged.", '"Sixty orders were undercharged."'],
)
def test_a_key_indented_more_than_the_key_above_says_line_them_up(
    write_review, retro, summary: str
) -> None:
    text = re.sub(r"^  summary: .*$", f" summary: {summary}", review_text(), flags=re.M)
    write_review("2026-03-01-x", text)
    assert only_finding(retro("check").output) == (
        f"{FILE}:14:3: error [yaml-syntax] invalid YAML: this line is indented more than "
        "`summary:` above it (line 13); keys of one mapping line up (use the same number of "
        "spaces)"
    )


@pytest.mark.parametrize(("lead", "spaces"), [(" ", "1 space"), ("   ", "3 spaces")])
def test_a_key_indented_less_than_the_keys_above_says_line_them_up(
    write_review, retro, lead: str, spaces: str
) -> None:
    # Between its mapping's keys (four spaces) and the key they belong to (none): PyYAML
    # cannot place it, and says "expected <block end>, but found '<block mapping start>'".
    text = replace(review_text(), "  summary:", "    summary:")
    text = replace(text, "  customers_affected:", "    customers_affected:")
    text = replace(text, "  cost:", f"{lead}cost:")
    write_review("2026-03-01-x", text)
    assert only_finding(retro("check").output) == (
        f"{FILE}:15:{len(lead) + 1}: error [yaml-syntax] invalid YAML: this line is indented "
        f"{spaces}, less than `customers_affected:` above it (line 14, 4 spaces); keys of one "
        "mapping line up (use the same number of spaces)"
    )


def test_a_key_indented_less_names_the_keys_of_its_own_mapping(write_review, retro) -> None:
    # Not a deeper key of a mapping nested in one of them.
    text = replace(
        review_text(), "  customers_affected: 40", "  customers_affected:\n      count: 40"
    )
    text = replace(text, "  cost:", " cost:")
    write_review("2026-03-01-x", text)
    assert only_finding(retro("check").output) == (
        f"{FILE}:16:2: error [yaml-syntax] invalid YAML: this line is indented 1 space, less "
        "than `customers_affected:` above it (line 14, 2 spaces); keys of one mapping line up "
        "(use the same number of spaces)"
    )


def test_an_unclosed_quote_names_the_line_where_it_opened(write_review, retro) -> None:
    text = re.sub(
        r"^what_went_wrong: .*$", 'what_went_wrong: "Forty orders', review_text(), flags=re.M
    )
    write_review("2026-03-01-x", text)
    finding = only_finding(retro("check").output)
    assert re.fullmatch(
        rf"{FILE}:11:18: error \[yaml-syntax\] invalid YAML: the quote opened on line 11 is "
        r"never closed \(the parser stopped at line \d+\); close it with \"",
        finding,
    ), finding


def test_an_unclosed_bracket_names_the_line_where_it_opened(write_review, retro) -> None:
    write_review("2026-03-01-x", replace(review_text(), "tags: [checklist]", "tags: [checklist"))
    assert only_finding(retro("check").output) == (
        f"{FILE}:10:7: error [yaml-syntax] invalid YAML: the '[' opened on line 10 is never "
        "closed (the parser stopped at line 11); close it with ]"
    )


# --------------------------------------------------------------------------- fields


def test_a_missing_date_suggests_the_file_names_date(write_review, retro) -> None:
    write_review("2026-03-01-x", replace(review_text(), "date: 2026-03-01\n", ""))
    [line] = findings_of(retro("check").output, "missing-field")
    assert line == (
        f"{FILE}:2: error [missing-field] 'date' is required; add `date: 2026-03-01` (the date "
        "in the file name)"
    )


def test_tags_as_one_text_suggest_a_list(write_review, retro) -> None:
    write_review("2026-03-01-x", replace(review_text(), "tags: [checklist]", 'tags: "a, b, c"'))
    [line] = findings_of(retro("check").output, "field-type")
    assert line == (
        f"{FILE}:10:1: error [field-type] 'tags' must be a list of texts, not a text (write it "
        "as a list: `tags: [a, b, c]`)"
    )


def test_a_typo_gives_one_finding(write_review, retro) -> None:
    write_review("2026-03-01-x", replace(review_text(), "root_cause:", "root_casue:"))
    assert only_finding(retro("check").output) == (
        f"{FILE}:20:1: error [unknown-field] unknown field 'root_casue'; did you mean 'root_cause'?"
    )


def test_foreign_front_matter_is_one_finding_saying_how_to_declare_it(write_review, retro) -> None:
    text = replace(
        review_text(), "lessons:", "layout: post\nnav_order: 3\nparent: Reviews\nlessons:"
    )
    write_review("2026-03-01-x", text)
    assert only_finding(retro("check").output) == (
        f"{FILE}:36:1: error [unknown-field] unknown fields 'layout', 'nav_order', 'parent'; to "
        "keep them, declare them in the configuration (retro.yml): "
        "`extra_fields: [layout, nav_order, parent]`"
    )


def test_new_with_a_capitalised_severity_suggests_the_level(retro) -> None:
    result = retro("new", "Wrong colour shipped", "--severity", "High")
    assert result.exit_code == 2
    assert (
        "unknown severity 'High'; configured levels: low, medium, high, critical; "
        "did you mean 'high'?"
    ) in result.output


# --------------------------------------------------------------------------- checklists


def test_reword_without_was_gives_one_finding(write_review, retro) -> None:
    write_review("2026-03-01-x", replace(review_text(), "change: add", "change: reword"))
    assert only_finding(retro("check").output) == (
        f"{FILE}:28:5: error [incomplete-checklist-change] 'checklist_changes[1]' is a "
        "reword: add `was:` with the old text of the item"
    )


def test_checklist_item_unknown_says_how_to_keep_it(write_review, retro) -> None:
    text = replace(review_text(item="Weigh every parcel"), "change: add", "change: remove")
    write_review("2026-03-01-x", text)
    assert only_finding(retro("check").output) == (
        f"{FILE}:28:5: warning [checklist-item-unknown] 'Weigh every parcel' is not on the "
        "checklist 'Pick and pack checklist' at 2026-03-01 after the earlier reviews' changes; "
        "check the spelling against the checklist page. If the item is older than the "
        "library, keep this change on purpose with `# retro-allow: checklist-item-unknown` on "
        "the line above it"
    )


def test_an_item_already_on_the_checklist_has_its_own_rule(write_review, retro) -> None:
    write_review("2026-02-01-a", item="Weigh every parcel")
    write_review("2026-03-01-x", review_text(item="Weigh every parcel"))
    finding = only_finding(retro("check").output)
    assert finding == (
        f"{FILE}:28:5: warning [checklist-item-duplicate] 'Weigh every parcel' is already on "
        "the checklist 'Pick and pack checklist'; use reword to change it"
    )


# --------------------------------------------------------------------------- allow markers


def test_an_allow_marker_where_it_cannot_apply_is_reported(write_review, retro) -> None:
    text = review_text(action_status="open # retro-allow: overdue-action")
    write_review("2026-03-01-x", text)
    output = retro("check").output
    [misplaced] = findings_of(output, "misplaced-allow")
    assert misplaced == (
        f"{FILE}:35:20: warning [misplaced-allow] `retro-allow: overdue-action` keeps nothing: "
        "no overdue-action finding is on this line or the next. Put the marker on the line of "
        "the finding or the line above it, or remove it"
    )
    assert findings_of(output, "overdue-action")  # not kept: the marker is in the wrong place


def test_an_allow_marker_above_the_item_keeps_it_and_is_not_reported(write_review, retro) -> None:
    text = replace(
        review_text(action_status="open"),
        "  - action:",
        "  # retro-allow: overdue-action\n  - action:",
    )
    write_review("2026-03-01-x", text)
    result = retro("check", "--strict")
    assert result.exit_code == 0, result.output


def test_an_allow_marker_naming_no_rule_is_reported(write_review, retro) -> None:
    text = replace(review_text(), "lessons:", "# retro-allow: overdue-actoin\nlessons:")
    write_review("2026-03-01-x", text)
    assert only_finding(retro("check").output) == (
        f"{FILE}:36:3: warning [misplaced-allow] `retro-allow: overdue-actoin` names no rule; "
        "did you mean 'overdue-action'?"
    )
