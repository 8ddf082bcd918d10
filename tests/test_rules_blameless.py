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
        ("The packer should have checked the colour.", "The packer should have checked"),
        ("A careless pick.", "careless"),
        ("This was negligence.", "negligence"),
        ("It was the fault of the night shift.", "the fault of the night shift"),
        ("Support is to blame for the delay.", "Support is to blame"),
        ("She failed to scan the barcode.", "She failed to"),
        ("The agent forgot to reply.", "The agent forgot to"),
        ("A lazy fix.", "lazy"),
        ("An incompetent vendor.", "incompetent"),
        ("A sloppy handoff.", "sloppy"),
        ("Priya did not run the dry-run.", "Priya did not run"),
        ("It was Bob's fault.", "Bob's fault"),
        ("The operator, after a long night, forgot to reply.", "The operator … forgot to"),
        ("If Lena had waited, nothing would have broken.", "If Lena had waited"),
    ],
)
def test_blaming_phrases_are_errors_with_a_rewording(write_review, retro, sentence, said):
    write_review("2026-03-01-x", with_body(sentence))
    result = retro("check")
    [line] = findings_of(result.output, "blameless-language")
    assert f"'{said}':" in line
    assert "Instead," in line
    assert ": error [blameless-language]" in line
    assert result.exit_code == 1


@pytest.mark.parametrize(
    ("status", "level", "code"),
    [("draft", "warning", 0), ("imported", "warning", 0), ("in-review", "error", 1)],
)
def test_level_follows_the_status(write_review, retro, status, level, code) -> None:
    text = with_body("Dana forgot to update the price list.").replace(
        "status: published", f"status: {status}"
    )
    write_review("2026-03-01-x", text)
    result = retro("check")
    [line] = findings_of(result.output, "blameless-language")
    assert f": {level} [blameless-language] 'Dana forgot to':" in line
    assert result.exit_code == code


def test_the_advice_names_the_step_left_out(write_review, retro) -> None:
    write_review("2026-03-01-x", with_body("Dana forgot to update the price list."))
    [line] = findings_of(retro("check").output, "blameless-language")
    assert "this makes a person's omission the cause" in line
    assert "prompted anyone to update the price list" in line
    assert "hindsight" not in line


def test_hindsight_message_only_for_hindsight(write_review, retro) -> None:
    write_review("2026-03-01-x", with_body("The editor should have listened to the cut."))
    [line] = findings_of(retro("check").output, "blameless-language")
    assert "hindsight" in line


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
        "Nobody is to blame here.",
        "The alert should have fired at 80%.",
        "We cannot blame the tooling, nor deflect the blame onto bad luck.",
        'The customer wrote: "your agent forgot to refund me".',
        "Monitoring failed to detect the spike.",
        "The packer missed the scan because the handheld had frozen.",
        "Ines overlooked nothing: the label was never printed.",
        "<!-- Avoid words like blame or human error. -->\nSupport noticed quickly.",
    ],
)
def test_no_false_alarms(write_review, retro, sentence) -> None:
    write_review("2026-03-01-x", with_body(sentence))
    assert retro("check", "--strict").exit_code == 0


def test_allow_marker_on_the_line_or_the_line_above(write_review, retro) -> None:
    sentence = (
        "Dana forgot to call. <!-- retro-allow: blameless-language -->\n"
        "<!-- retro-allow: blameless-language -->\n"
        "It was human error."
    )
    write_review("2026-03-01-x", with_body(sentence))
    assert retro("check", "--strict").exit_code == 0


def test_allow_marker_for_another_rule_does_not_allow(write_review, retro) -> None:
    write_review("2026-03-01-x", with_body("Human error. <!-- retro-allow: unknown-field -->"))
    assert findings_of(retro("check").output, "blameless-language")


def test_allow_marker_in_front_matter_yaml_comment(write_review, retro) -> None:
    text = review_text().replace(
        'root_cause: "Two colour variants',
        '# retro-allow: blameless-language\nroot_cause: "Human error: two colour variants',
    )
    write_review("2026-03-01-x", text)
    assert retro("check", "--strict").exit_code == 0


def test_list_is_configurable(project, write_review, retro) -> None:
    (project / "retro.yml").write_text(
        "blameless:\n"
        "  remove: [fault of]\n"
        "  add:\n"
        "    - dropped everything\n"
        "    - pattern: '\\bslacker\\b'\n"
        "      why: it judges a person\n"
        "      suggest: describe the workload\n"
    )
    write_review("2026-03-01-x", with_body("It was Bob's fault. A slacker dropped everything."))
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


def test_team_words_for_people_and_systems(project, write_review, retro) -> None:
    (project / "retro.yml").write_text("blameless:\n  roles: [barista]\n  systems: [Hermes]\n")
    write_review(
        "2026-03-01-x",
        with_body("The barista did not check the order. Hermes did not send the receipt."),
    )
    [line] = findings_of(retro("check").output, "blameless-language")
    assert "'The barista did not check'" in line


def test_names_in_the_front_matter_are_people(write_review, retro) -> None:
    text = with_body("Zephyrine did not run the dry-run.").replace(
        "authors:", "responders: [Zephyrine Okonkwo]\nauthors:"
    )
    write_review("2026-03-01-x", text)
    [line] = findings_of(retro("check").output, "blameless-language")
    assert "'Zephyrine did not run'" in line
