from __future__ import annotations

import pytest

from retro_reviews.importer.placeholders import as_comment, placeholder_text


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
    ],
)
def test_real_content_is_not_a_placeholder(line: str) -> None:
    assert placeholder_text(line) is None


def test_a_placeholder_stays_in_the_body_as_a_comment_with_its_words() -> None:
    assert as_comment("TBD") == "<!-- placeholder in the original: TBD -->"
    assert "-->" not in as_comment("a --> b")[:-3]
