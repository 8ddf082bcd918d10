"""Blameless language: flagged with a reason and a rewording; configurable; allowable."""

from __future__ import annotations

import pytest

from conftest import findings_of, review_text

BODY_LINE = "Support spotted the pattern after two messages."


def with_body(sentence: str) -> str:
    return review_text().replace(BODY_LINE, sentence)


@pytest.mark.parametrize(
    ("sentence", "said"),
    [
        ("It was human error.", "human error"),
        ("The packer should have checked the colour.", "should have"),
        ("A careless pick.", "careless"),
        ("This was negligence.", "negligence"),
        ("It was the fault of the night shift.", "fault of"),
        ("Nobody is to blame here.", "blame"),
        ("She failed to scan the barcode.", "She failed to"),
        ("The agent forgot to reply.", "The agent forgot to"),
        ("A lazy fix.", "lazy"),
        ("An incompetent vendor.", "incompetent"),
        ("A sloppy handoff.", "sloppy"),
    ],
)
def test_blaming_phrases_are_errors_with_a_rewording(write_review, retro, sentence, said):
    write_review("2026-03-01-x", with_body(sentence))
    result = retro("check")
    [line] = findings_of(result.output, "blameless-language")
    assert f"'{said}':" in line
    assert "Instead," in line
    assert result.exit_code == 1


def test_line_and_column_of_a_finding(write_review, retro) -> None:
    write_review("2026-03-01-x", with_body("Then, human error."))
    [line] = findings_of(retro("check").output, "blameless-language")
    text = with_body("Then, human error.")
    expected_line = text.splitlines().index("Then, human error.") + 1
    assert line.startswith(f"reviews/2026/2026-03-01-x.md:{expected_line}:7:")


def test_front_matter_strings_are_checked_too(write_review, retro) -> None:
    text = review_text().replace(
        'root_cause: "Two colour variants', 'root_cause: "Human error: two colour variants'
    )
    write_review("2026-03-01-x", text)
    [line] = findings_of(retro("check").output, "blameless-language")
    assert line.startswith("reviews/2026/2026-03-01-x.md:20:")


def test_phrase_across_a_line_break_is_found(write_review, retro) -> None:
    write_review("2026-03-01-x", with_body("It was human\nerror."))
    assert len(findings_of(retro("check").output, "blameless-language")) == 1


@pytest.mark.parametrize(
    "sentence",
    [
        "A blameless review helps.",
        "The deploy failed to start because the config was invalid.",
        "The job could have affected more customers.",
        "Human factors research says interruptions matter.",
        "<!-- Avoid words like blame or human error. -->\nSupport noticed quickly.",
    ],
)
def test_no_false_alarms(write_review, retro, sentence) -> None:
    write_review("2026-03-01-x", with_body(sentence))
    assert retro("check", "--strict").exit_code == 0


def test_allow_marker_on_the_line_or_the_line_above(write_review, retro) -> None:
    sentence = (
        'The customer wrote: "this is human error". <!-- retro-allow: blameless-language -->\n'
        "<!-- retro-allow: blameless-language -->\n"
        'A reviewer quoted "should have".'
    )
    write_review("2026-03-01-x", with_body(sentence))
    assert retro("check", "--strict").exit_code == 0


def test_allow_marker_for_another_rule_does_not_allow(write_review, retro) -> None:
    write_review("2026-03-01-x", with_body("Human error. <!-- retro-allow: unknown-field -->"))
    assert findings_of(retro("check").output, "blameless-language")


def test_allow_marker_in_front_matter_yaml_comment(write_review, retro) -> None:
    text = review_text().replace(
        'root_cause: "Two colour variants',
        '# retro-allow: blameless-language\nroot_cause: "Not human error: two colour variants',
    )
    write_review("2026-03-01-x", text)
    assert retro("check", "--strict").exit_code == 0


def test_list_is_configurable(project, write_review, retro) -> None:
    (project / "retro.yml").write_text(
        "blameless:\n"
        "  remove: [blame]\n"
        "  add:\n"
        "    - dropped everything\n"
        "    - pattern: '\\bslacker\\b'\n"
        "      why: it judges a person\n"
        "      suggest: describe the workload\n"
    )
    write_review("2026-03-01-x", with_body("Nobody is to blame. A slacker dropped everything."))
    lines = findings_of(retro("check").output, "blameless-language")
    assert len(lines) == 2
    assert "'slacker': it judges a person. Instead, describe the workload" in lines[0]
    assert "'dropped everything'" in lines[1]


def test_rule_can_be_set_to_warning_or_off(project, write_review, retro) -> None:
    write_review("2026-03-01-x", with_body("It was human error."))
    (project / "retro.yml").write_text("rules:\n  blameless-language: warning\n")
    result = retro("check")
    assert result.exit_code == 0 and ": warning [blameless-language]" in result.output
    (project / "retro.yml").write_text("rules:\n  blameless-language: off\n")
    assert not findings_of(retro("check").output, "blameless-language")
