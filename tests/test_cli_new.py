"""`retro new`: naming, template rendering, no overwrite, path safety, prompting."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from retro_reviews import cli as cli_module
from retro_reviews.cli import cli
from retro_reviews.load import split_front_matter


def run(project: Path, *args: str, **kwargs):
    return CliRunner().invoke(cli, ["--config", str(project / "retro.yml"), *args], **kwargs)


def front_matter(path: Path) -> dict:
    split = split_front_matter(path.read_text(encoding="utf-8"))
    assert split is not None
    return yaml.safe_load(split[0])


def test_new_writes_the_review_and_prints_its_path(project: Path) -> None:
    result = run(
        project,
        "new",
        "Checkout API down after a config deploy",
        "--date",
        "2026-03-14",
        "--kind",
        "incident",
        "--severity",
        "high",
        "--author",
        "Platform team",
        "--area",
        "checkout",
        "--tag",
        "config",
    )
    assert result.exit_code == 0, result.output
    expected = "reviews/2026/2026-03-14-checkout-api-down-after-a-config-deploy.md"
    assert result.output == expected + "\n"
    meta = front_matter(project / expected)
    assert meta["title"] == "Checkout API down after a config deploy"
    assert str(meta["date"]) == "2026-03-14"
    assert meta["status"] == "draft"
    assert meta["kind"] == "incident"
    assert meta["severity"] == "high"
    assert meta["authors"] == ["Platform team"]
    assert meta["areas"] == ["checkout"]
    assert meta["tags"] == ["config"]


def test_new_file_has_every_contract_field_and_the_kinds_sections(project: Path) -> None:
    result = run(
        project, "new", "Wrong item shipped", "--date", "2026-03-14", "--kind", "customer-mistake"
    )
    path = project / result.output.strip()
    meta = front_matter(path)
    for name in (
        "title",
        "date",
        "status",
        "kind",
        "severity",
        "visibility",
        "authors",
        "areas",
        "tags",
        "what_went_wrong",
        "impact",
        "timeline",
        "root_cause",
        "contributing_factors",
        "customer_response",
        "checklist_changes",
        "action_items",
        "lessons",
        "related",
        "responders",
        "detection",
        "no_checklist_change",
        "links",
    ):
        assert name in meta, name
    assert "events" in meta["timeline"]
    assert "not_contacted" in meta["customer_response"]
    body = path.read_text(encoding="utf-8")
    headings = [line for line in body.splitlines() if line.startswith("#") and " " in line]
    assert [h for h in headings if h.startswith("## ")] == [
        "## Timeline",
        "## What happened",
        "## What the customer lived through",
        "## What went well",
        "## Where we got lucky",
    ]
    # A body section never restates a front-matter field.
    assert "## Summary" not in body and "## Follow-up" not in body


@pytest.mark.parametrize("kind", ["incident", "customer-mistake", "near-miss"])
def test_new_review_passes_check_as_a_draft(project: Path, kind: str) -> None:
    created = run(
        project, "new", f"A {kind} worth learning from", "--kind", kind, "--date", "2026-03-14"
    )
    assert created.exit_code == 0, created.output
    checked = run(project, "check")
    assert checked.exit_code == 0, checked.output
    assert "0 errors" in checked.output
    assert "warning" in checked.output  # a fresh draft is incomplete, and says so


def test_titles_with_quotes_colons_and_unicode_render_valid_yaml(project: Path) -> None:
    title = 'Café "déjà vu": wrong intro #2 — {aired} twice'
    result = run(project, "new", title, "--date", "2026-03-14")
    assert result.exit_code == 0, result.output
    assert result.output.strip() == (
        "reviews/2026/2026-03-14-cafe-deja-vu-wrong-intro-2-aired-twice.md"
    )
    assert front_matter(project / result.output.strip())["title"] == title


def test_new_never_overwrites(project: Path) -> None:
    first = run(project, "new", "Billing error", "--date", "2026-03-14")
    path = project / first.output.strip()
    path.write_text("my careful words", encoding="utf-8")
    second = run(project, "new", "Billing error", "--date", "2026-03-14")
    assert second.exit_code == 1
    assert "already exists" in second.output
    assert "never overwrites" in second.output
    assert path.read_text(encoding="utf-8") == "my careful words"


@pytest.mark.parametrize(
    "title",
    ["../../etc/passwd", "/etc/passwd", "..", "a/../../b", "C:\\Windows\\x", "~/.ssh/key"],
)
def test_new_never_writes_outside_the_reviews_folder(project: Path, title: str) -> None:
    result = run(project, "new", title, "--date", "2026-03-14")
    assert result.exit_code == 0, result.output
    written = (project / result.output.strip()).resolve()
    assert (project / "reviews").resolve() in written.parents
    assert written.parent.name == "2026"
    files = [p for p in project.rglob("*") if p.is_file()]
    assert sorted(p.name for p in files) == sorted(["retro.yml", written.name])


def test_title_with_only_symbols_gets_a_fallback_slug(project: Path) -> None:
    result = run(project, "new", "!!!", "--date", "2026-03-14")
    assert re.fullmatch(r"reviews/2026/2026-03-14-review-[0-9a-f]{8}\.md", result.output.strip())


def test_titles_without_ascii_letters_get_distinct_file_names(project: Path) -> None:
    # Every Cyrillic or Japanese title used to become "review": the second one on a day was
    # refused, whatever its title.
    paths = []
    for title in ("Сбой оплаты", "日本語のタイトル", "Σφάλμα"):
        result = run(project, "new", title, "--date", "2026-05-01")
        assert result.exit_code == 0, result.output
        paths.append(result.output.strip())
        assert front_matter(project / paths[-1])["title"] == title
    assert len(set(paths)) == 3
    assert all(re.fullmatch(r"reviews/2026/2026-05-01-review-[0-9a-f]{8}\.md", p) for p in paths)
    again = run(project, "new", "Сбой оплаты", "--date", "2026-05-01")
    assert again.exit_code == 1 and "already exists" in again.output  # the same title, one file
    # A title with some ASCII keeps its words.
    result = run(project, "new", "Сбой API оплаты", "--date", "2026-05-01")
    assert result.output.strip() == "reviews/2026/2026-05-01-api.md"


def test_unknown_kind_and_severity_are_refused_with_the_choices(project: Path) -> None:
    bad_kind = run(project, "new", "x", "--kind", "outage")
    assert bad_kind.exit_code == 2
    assert "unknown kind 'outage'" in bad_kind.output
    assert "incident, customer-mistake, near-miss" in bad_kind.output
    bad_severity = run(project, "new", "x", "--severity", "urgent")
    assert bad_severity.exit_code == 2
    assert "unknown severity 'urgent'" in bad_severity.output
    assert not list((project / "reviews").rglob("*.md"))


def test_bad_date_is_a_usage_error(project: Path) -> None:
    result = run(project, "new", "x", "--date", "14/03/2026")
    assert result.exit_code == 2
    assert "'14/03/2026' is not a date; use YYYY-MM-DD" in result.output


def test_date_defaults_to_today(project: Path) -> None:
    result = run(project, "new", "Something went wrong")  # RETRO_TODAY=2026-06-01 in tests
    assert result.output.strip() == "reviews/2026/2026-06-01-something-went-wrong.md"


def test_author_defaults_to_git_user_name(git_project: Path) -> None:
    result = run(git_project, "new", "Podcast intro", "--date", "2026-03-14")
    assert front_matter(git_project / result.output.strip())["authors"] == ["Test Author"]


def test_author_is_empty_outside_git_without_config(project: Path) -> None:
    result = run(project, "new", "Podcast intro", "--date", "2026-03-14")
    assert front_matter(project / result.output.strip())["authors"] == []


def test_missing_title_without_terminal_is_an_error(project: Path) -> None:
    result = run(project, "new")
    assert result.exit_code == 2
    assert "Missing argument 'TITLE'" in result.output


def test_missing_title_is_asked_for_on_a_terminal(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli_module, "stdin_is_terminal", lambda: True)
    result = run(project, "new", "--date", "2026-03-14", input="Newsletter sent twice\n")
    assert result.exit_code == 0, result.output
    assert "What happened, in a few words" in result.output
    assert "reviews/2026/2026-03-14-newsletter-sent-twice.md" in result.output


def test_team_kind_with_its_own_template(project: Path) -> None:
    (project / "retro.yml").write_text("kinds: [incident, podcast-correction]\n")
    templates = project / "templates"
    templates.mkdir()
    (templates / "podcast-correction.md.j2").write_text(
        "---\ntitle: {{ title | yaml }}\ndate: {{ date }}\nstatus: draft\nkind: {{ kind }}\n"
        "severity: {{ severity }}\n---\n## What we corrected\n\n<!-- Say what changed. -->\n"
    )
    result = run(
        project,
        "new",
        "Guest name misspelled",
        "--kind",
        "podcast-correction",
        "--date",
        "2026-03-14",
    )
    assert result.exit_code == 0, result.output
    text = (project / result.output.strip()).read_text()
    assert "## What we corrected" in text
    checked = run(project, "check")
    assert "the section '## What we corrected' has no content yet" in checked.output


def test_configured_kind_without_template_is_a_clear_error(project: Path) -> None:
    (project / "retro.yml").write_text("kinds: [incident, recall]\n")
    result = run(project, "new", "x", "--kind", "recall")
    assert result.exit_code == 2
    assert "no template for kind 'recall'" in result.output
    assert "templates/recall.md.j2" in result.output


def test_template_that_renders_broken_yaml_writes_nothing(project: Path) -> None:
    templates = project / "templates"
    templates.mkdir()
    (templates / "incident.md.j2").write_text("---\ntitle: [{{ title }}\n---\n")
    result = run(project, "new", "x", "--date", "2026-03-14")
    assert result.exit_code == 2
    assert "invalid YAML" in result.output
    assert not list((project / "reviews").rglob("*.md"))
