from __future__ import annotations

import pytest

from retro_reviews.errors import ConfigError
from retro_reviews.importer.synonyms import DEFAULT_SECTIONS, SectionTable, normalise


@pytest.mark.parametrize(
    ("heading", "section"),
    [
        ("Summary", "summary"),
        ("Executive summary", "summary"),
        ("Issue Summary", "summary"),
        ("1. Summary", "summary"),
        ("🔥 Impact", "impact"),
        ("2. ✅ Action items", "action_items"),
        ("IV. Root cause", "root_cause"),
        ("Timeline (all times UTC)", "timeline"),
        ("Timeline of events", "timeline"),
        ("Why did it happen?", "root_cause"),
        ("Root Causes:", "root_cause"),
        ("Root cause: the config parser", "root_cause"),
        ("**Lessons Learned**", "lessons"),
        ("Remediation", "resolution"),
        ("Remediation and prevention", "action_items"),
        ("Corrective and preventative measures", "action_items"),
        ("What didn’t go well?", "went_wrong"),
        ("What went poorly", "went_wrong"),
        ("Where we got lucky", "lucky"),
        ("How was it detected?", "detection"),
        ("DETAILED DESCRIPTION OF IMPACT", "impact"),
        ("Impact on customers", "impact"),
        ("Lead-up", "leadup"),
        ("Follow-up tasks", "action_items"),
        ("Key takeaways", "lessons"),
    ],
)
def test_headings_by_meaning(heading: str, section: str) -> None:
    assert SectionTable().section_of(heading) == section


@pytest.mark.parametrize("heading", ["Impact was limited", "The fix was simple", "Appendix", ""])
def test_prose_and_other_headings_mean_nothing(heading: str) -> None:
    assert SectionTable().section_of(heading) is None


def test_normalise_sets_aside_numbering_emoji_qualifier_and_question_mark() -> None:
    assert normalise("3.2 🧯 Mitigation (first hour)?") == "mitigation"
    assert normalise("Q&A") == "q and a"


def test_a_team_extends_the_table() -> None:
    table = SectionTable({"root_cause": ("Ursache",)})
    assert table.section_of("## Ursache".lstrip("# ")) == "root_cause"
    assert table.section_of("Root cause") == "root_cause"


def test_an_unknown_section_in_the_extension_is_a_configuration_error() -> None:
    with pytest.raises(ConfigError, match="unknown section 'cause'; known sections: summary"):
        SectionTable({"cause": ("Ursache",)})


def test_every_section_has_a_name_that_normalises_to_itself() -> None:
    for names in DEFAULT_SECTIONS.values():
        assert all(normalise(name) for name in names)
