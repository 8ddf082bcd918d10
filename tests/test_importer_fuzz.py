"""Any document is answered: imported as a review retro can read back, never a traceback."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from fuzz_strategies import fuzz_settings
from retro_reviews.config import RetroConfig
from retro_reviews.importer.build import Options, build_review
from retro_reviews.importer.reading import SourceText
from retro_reviews.importer.run import review_text
from retro_reviews.importer.synonyms import SectionTable
from retro_reviews.load import split_front_matter
from retro_reviews.yamlload import parse_front_matter_yaml

PIECES = [
    "# Postmortem: ISSUE NAME",
    "Title\n=====",
    "Impact\n------",
    "## 1. 🔥 Root cause (why?)",
    "Date: 2024-02-30",
    "Date: June 31, 2024",
    "**Severity:** SEV1",
    "| Date | Severity |\n|---|---|\n| 2024-01-01 | high |",
    "| Action | Owner | Due |\n|---|---|---|\n| Fix | TBD | 2024-13-01 |",
    "| a |\n|---|",
    "- [ ] task due 2024-02-02",
    "- 23:59 late\n- 00:01 early\n- 2024-01-01 10:00 back",
    "## Timeline (all times PDT)\n\n### 10:00 UTC\n\nx",
    "Detected: 25:99",
    "Resolved: 2024-01-01 10:00 IST",
    "## Timeline (all times Europe/Atlantis)\n\n| 10:00 CST | x |",
    "- 2024-03-31 02:30 Europe/Berlin clocks",
    "<details>\n<summary>Lessons</summary>",
    "</details>",
    "```\n# Impact",
    "<!-- Root cause",
    "---",
    "+++",
    "TBD",
    "[Describe here]",
    "https://example.com/x)",
    "[t](https://example.com/(x)",
    "Root cause:",
    "  indented continuation",
]


@fuzz_settings(100)
@given(
    st.lists(
        st.one_of(st.sampled_from(PIECES), st.text(max_size=40)),
        max_size=25,
    )
)
def test_any_document_becomes_a_readable_review(pieces: list[str]) -> None:
    text = "\n".join(pieces)
    source = SourceText(Path("doc.md"), text, "0" * 64, "utf-8")
    options = Options(
        kind="incident", status="imported", imported=date(2026, 1, 1), source_path="doc.md"
    )
    config = RetroConfig(root=Path("/nonexistent"))
    try:
        built = build_review(source, options, config, SectionTable())
    except FileNotFoundError:
        return  # no date anywhere: the file's modification date is read, and there is no file
    written = review_text(built.meta, built.body)
    split = split_front_matter(written)
    assert split is not None
    document = parse_front_matter_yaml(split[0], first_line=2)
    assert isinstance(document.data, dict)
    assert document.data["title"].strip()
