"""`retro statement`: the customer-facing draft, what it refuses and what it never says."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from conftest import ROOT
from follow_library import REVIEWS, B, C, write_library
from golden import assert_golden
from retro_reviews.cli import cli

CONTACT = "Reply to this email, or call us on 0800 000 000 (weekdays, 8:00 to 18:00)."
SAMPLE_CUSTOMER_MISTAKES = [
    "2025-03-18-podcast-episode-published-with-the-wrong-guest-intro",
    "2025-05-06-online-orders-shipped-with-the-wrong-item",
    "2025-09-26-escalated-customer-left-unanswered-for-five-days",
    "2026-02-02-subscribers-charged-twice-in-the-monthly-billing-run",
]


@pytest.fixture
def library(project: Path) -> Path:
    (project / "retro.yml").write_text(f'contact: "{CONTACT}"\n', encoding="utf-8")
    write_library(project)
    return project


def test_statement_of_a_customer_mistake(library, retro) -> None:
    result = retro("statement", B)
    assert result.exit_code == 0, result.output
    assert_golden("follow/statement-parcels.md", result.output)


def test_statement_never_includes_internal_material(library, retro) -> None:
    text = retro("statement", B).output
    meta = REVIEWS[B]
    internal = [
        *meta["authors"],
        *meta["responders"],
        *(item["owner"] for item in meta["action_items"]),
        *(item["link"] for item in meta["action_items"] if "link" in item),
        meta["links"][0]["url"],
        meta["impact"]["cost"],
        meta["root_cause"],
    ]
    for value in internal:
        assert value not in text, value


@pytest.mark.parametrize("review_id", SAMPLE_CUSTOMER_MISTAKES)
def test_statement_of_the_sample_customer_mistakes(review_id: str) -> None:
    """Read these golden files: each should be sendable after light editing."""
    result = CliRunner().invoke(cli, ["--config", str(ROOT / "mkdocs.yml"), "statement", review_id])
    assert result.exit_code == 0, result.output
    assert_golden(f"follow/statement-{review_id}.md", result.output)


def test_statement_refuses_naming_the_missing_fields(library, retro) -> None:
    result = retro("statement", C)
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {C} lacks what the message needs: customer_response.remedy. "
        "Fill these in the review, then run retro statement again.\n"
    )


def test_placeholders_count_as_missing(library, retro) -> None:
    path = library / "reviews/2026" / f"{B}.md"
    meta = dict(REVIEWS[B])
    meta["what_went_wrong"] = "TBD"
    meta["customer_response"] = {**meta["customer_response"], "remedy": "TODO"}
    meta["checklist_changes"] = []
    meta["action_items"] = []
    path.write_text(f"---\n{yaml.safe_dump(meta)}---\n", encoding="utf-8")
    result = retro("statement", B)
    assert result.exit_code == 1
    assert (
        "lacks what the message needs: what_went_wrong, customer_response.remedy, "
        "checklist_changes or action_items."
    ) in result.stderr


def test_statement_needs_a_configured_contact(project, retro) -> None:
    write_library(project)
    result = retro("statement", B)
    assert result.exit_code == 2
    assert (
        "Error: no contact configured: the statement ends with how customers reach the team. "
        'Add the line contact: "Reply to this email, or write to support@example.com." '
        f"to {project / 'retro.yml'}, or under `- retro:` in the plugins of mkdocs.yml"
    ) in result.output


LINE = 'contact: "Reply to this email, or write to support@example.com."'


def test_after_retro_init_the_contact_error_says_what_to_write_where(tmp_path, monkeypatch) -> None:
    # retro init writes mkdocs.yml and no retro.yml: the line goes into a new retro.yml, or
    # under the plugin in mkdocs.yml; either way, as written in the message, it works.
    runner = CliRunner()
    folder = tmp_path / "team"
    assert runner.invoke(cli, ["init", str(folder), "--ci", "none"]).exit_code == 0
    write_library(folder)
    monkeypatch.chdir(folder)
    result = runner.invoke(cli, ["statement", B])
    assert result.exit_code == 2
    assert f"Add the line {LINE} to {folder / 'retro.yml'} (a new file), or under " in result.output
    mkdocs = folder / "mkdocs.yml"
    plain = mkdocs.read_text(encoding="utf-8")
    mkdocs.write_text(plain.replace("  - retro:\n", f"  - retro:\n      {LINE}\n"), "utf-8")
    result = runner.invoke(cli, ["statement", B])
    assert result.exit_code == 0, result.output
    assert result.output.endswith(
        "or write to support@example.com.\n\nWith our apologies,\nThe team\n"
    )
    mkdocs.write_text(plain, encoding="utf-8")
    (folder / "retro.yml").write_text(LINE + "\n", encoding="utf-8")
    assert runner.invoke(cli, ["statement", B]).exit_code == 0


def test_statement_of_an_unknown_review(library, retro) -> None:
    result = retro("statement", "2026-03-05-parcels-sent-without-their-thrid-item")
    assert result.exit_code == 2
    assert f"did you mean {B}?" in result.output


def test_the_team_edits_the_template(library, retro) -> None:
    (library / "templates").mkdir()
    (library / "templates/statement.md.j2").write_text(
        "Dear {{ 'customer' }}, {{ remedy }} {{ contact }}\n", encoding="utf-8"
    )
    result = retro("statement", B)
    assert result.output == (
        "Dear customer, We sent every missing item by express delivery, free of charge, by "
        f"7 March. {CONTACT}\n"
    )


def test_a_broken_template_is_a_clear_error(library, retro) -> None:
    (library / "templates").mkdir()
    (library / "templates/statement.md.j2").write_text("{{ authors }}\n", encoding="utf-8")
    result = retro("statement", B)
    assert result.exit_code == 2
    assert "template statement.md.j2 cannot be rendered: 'authors' is undefined" in result.output


def test_customers_not_contacted_is_refused(library, retro) -> None:
    path = library / "reviews/2026" / f"{B}.md"
    meta = dict(REVIEWS[B])
    meta["customer_response"] = {"not_contacted": "The parcels were stopped before delivery."}
    path.write_text(f"---\n{yaml.safe_dump(meta)}---\n", encoding="utf-8")
    result = retro("statement", B)
    assert result.exit_code == 1
    assert (
        "records that customers were not contacted (customer_response.not_contacted: "
        "'The parcels were stopped before delivery.')"
    ) in result.stderr


def test_a_retro_yml_with_its_options_under_retro_gets_the_line_there(project, retro) -> None:
    # retro.yml may hold its options under a `retro:` key: the line added at the top would
    # be refused as an unknown option, so the message says where it goes.
    write_library(project)
    configured = project / "retro.yml"
    options = configured.read_text(encoding="utf-8")
    nested = "retro:\n" + "".join(f"  {line}\n" for line in options.splitlines() if line)
    configured.write_text(nested, encoding="utf-8")
    result = retro("statement", B)
    assert result.exit_code == 2
    assert f"Add the line {LINE} under `retro:` in {configured}, indented as the other" in (
        result.output
    )
    configured.write_text(nested + f"  {LINE}\n", encoding="utf-8")
    assert retro("statement", B).exit_code == 0
