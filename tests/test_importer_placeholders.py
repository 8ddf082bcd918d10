from __future__ import annotations

import pytest

from retro_reviews.importer.placeholders import as_comment, placeholder_line, placeholder_text


@pytest.mark.parametrize(
    "line",
    [
        "TBD",
        "- TBD",
        "N/A",
        "NA",
        "...",
        "?",
        "ISSUE NAME",
        "[Describe the impact on customers here]",
        "<insert the timeline>",
        "{{ summary }}",
        "_Describe what happened here._",
        "[OWNER]",
        "None yet",
        "[Name]",
        "YYYY-MM-DD",
        "*A brief, one-paragraph summary of the incident.*",
        "_Who was affected, and how?_",
        "- *Describe the customer impact.*",
        "_Summarise what happened._",
        "<What caused the incident?>",
        "[What was the trigger?]",
        "- Item",
        "Item 2",
    ],
)
def test_placeholders(line: str) -> None:
    assert placeholder_text(line) is not None


@pytest.mark.parametrize(
    "line",
    [
        "The alert fired late.",
        "[the runbook](https://example.com)",
        "(see below)",
        "NASA",
        "Describe: the job failed",
        "*The database failed over at 03:12.*",
        "_What went well_",
        "*Note: the numbers are estimates.*",
        "**What happened?**",
        "Items were lost.",
        "- Item 2 of the order was lost",
        # actions and prose that share words with an instruction or a prompt
        "- Add an alert when the error rate is above 5%",
        "- Document the new limits below the API gateway section",
        "*A short network partition split the payment cluster for 14 minutes.*",
        "_List prices were shown without VAT to 3% of visitors._",
        "- *Write traffic needs its own alert.*",
        "*Add-on purchases failed for an hour.*",
    ],
)
def test_real_content_is_not_a_placeholder(line: str) -> None:
    assert placeholder_text(line) is None


def test_a_placeholder_stays_in_the_body_as_a_comment_with_its_words() -> None:
    assert as_comment("TBD") == "<!-- placeholder in the original: TBD -->"
    assert "-->" not in as_comment("a --> b")[:-3]


def test_a_line_of_html_is_no_placeholder_of_the_body() -> None:
    assert placeholder_line("<details>") is None
    assert placeholder_line("<What caused the incident?>") == "<What caused the incident?>"
    assert placeholder_line("<insert the timeline>") == "<insert the timeline>"
