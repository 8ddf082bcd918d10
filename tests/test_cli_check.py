"""`retro check` output, summary and exit codes; `retro schema`; `retro rules`."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from conftest import ROOT, review_text
from retro_reviews.cli import cli
from retro_reviews.load import split_front_matter
from retro_reviews.rules import RULES


def test_clean_library_exits_zero_with_a_summary(write_review, retro) -> None:
    write_review("2026-03-01-a")
    write_review("2026-03-02-b")
    result = retro("check")
    assert result.exit_code == 0
    assert result.output == "Checked 2 files: 0 errors, 0 warnings.\n"


def test_each_finding_names_file_line_column_rule_and_level(write_review, retro) -> None:
    write_review("2026-03-01-a", review_text().replace("severity: medium", "severity: urgent"))
    result = retro("check")
    assert result.exit_code == 1
    first, summary = result.output.splitlines()
    assert first == (
        "reviews/2026/2026-03-01-a.md:6:1: error [invalid-value] 'severity' is 'urgent'; "
        "expected one of low, medium, high, critical"
    )
    assert summary == "Checked 1 file: 1 error, 0 warnings."


def test_warnings_alone_exit_zero_and_strict_makes_them_errors(write_review, retro) -> None:
    write_review("2026-03-01-a", status="draft", tags="")
    text = review_text(status="draft").replace('root_cause: "Two', 'root_cause: "TODO Two')
    write_review("2026-03-01-a", text.replace("lessons:", "lessons: []\nold_lessons:"))
    text = review_text(status="draft")
    lines = [line for line in text.splitlines() if not line.startswith("lessons:")]
    write_review("2026-03-01-a", "\n".join(lines) + "\n")
    result = retro("check")
    assert result.exit_code == 0
    assert "warning [incomplete-field] 'lessons' is missing or empty" in result.output
    assert result.output.endswith("Checked 1 file: 0 errors, 1 warning.\n")
    strict = retro("check", "--strict")
    assert strict.exit_code == 1
    assert "error [incomplete-field] 'lessons'" in strict.output
    assert strict.output.endswith("Checked 1 file: 1 error, 0 warnings.\n")


MISNAMED = (
    "error [misnamed-review] reviews are read from .md files only: this file is not read, nor "
    "shown on the site; rename it to {}"
)


def test_markdown_under_another_suffix_in_the_reviews_folder_is_an_error(
    project, write_review, retro
) -> None:
    text = write_review("2026-03-01-a").read_text()
    year = project / "reviews" / "2026"
    for name in ("2026-03-04-b.markdown", "2026-03-05-c.MD", "2026-03-06-d.mkdn"):
        (year / name).write_text(text)
    # Not reviews whatever their suffix, or kept aside: left alone, as their .md kin are.
    for name in ("README.markdown", "index.MD", "_draft.markdown", "notes.txt"):
        (year / name).write_text(text)
    result = retro("check")
    assert result.output.splitlines() == [
        "reviews/2026/2026-03-04-b.markdown: " + MISNAMED.format("2026-03-04-b.md"),
        "reviews/2026/2026-03-05-c.MD: " + MISNAMED.format("2026-03-05-c.md"),
        "reviews/2026/2026-03-06-d.mkdn: " + MISNAMED.format("2026-03-06-d.md"),
        "Checked 4 files: 3 errors, 0 warnings.",
    ]
    assert result.exit_code == 1


def test_a_misnamed_copy_beside_its_review_is_not_told_to_take_its_name(
    project, write_review, retro
) -> None:
    review = write_review("2026-03-01-a")
    (review.parent / "2026-03-01-a.markdown").write_text(review.read_text())
    result = retro("check")
    assert result.output.splitlines()[0] == (
        "reviews/2026/2026-03-01-a.markdown: error [misnamed-review] reviews are read from .md "
        "files only: this file is not read, nor shown on the site; 2026-03-01-a.md is already "
        "there: remove this copy, or move what it adds into that one"
    )


def test_a_misnamed_file_named_or_in_a_folder_named_gets_that_one_finding(
    project, write_review, retro
) -> None:
    """Its only finding: not the rules of a review (the copy's id would clash with the
    original's), and it is not added to the library (the original has no clash either)."""
    text = write_review("2026-03-01-a").read_text()
    copy = project / "reviews" / "2026" / "2026-03-01-a.markdown"
    copy.write_text(text.replace("date: 2026-03-01", "date: 1999-01-01"))
    for target in (str(copy), str(copy.parent)):
        result = retro("check", target)
        lines = result.output.splitlines()
        assert lines[0].startswith("reviews/2026/2026-03-01-a.markdown: error [misnamed-review]")
        assert lines[0].endswith(
            "; 2026-03-01-a.md is already there: remove this copy, or move what it adds "
            "into that one"
        )
        assert len(lines) == 2 and lines[1].endswith(" 1 error, 0 warnings.")
        assert result.exit_code == 1
    configured = project / "retro.yml"
    configured.write_text(configured.read_text() + "\nrules:\n  misnamed-review: off\n")
    assert retro("check").output == "Checked 2 files: 0 errors, 0 warnings.\n"


def test_paths_and_folders_limit_what_is_checked(project, write_review, retro) -> None:
    a = write_review("2026-03-01-a")
    write_review(
        "2025-03-01-b", review_text(date="2025-03-01").replace("severity: medium", "severity: x")
    )
    assert retro("check", str(a)).output == "Checked 1 file: 0 errors, 0 warnings.\n"
    folder = retro("check", str(project / "reviews" / "2026"))
    assert folder.output == "Checked 1 file: 0 errors, 0 warnings.\n"
    everything = retro("check")
    assert everything.exit_code == 1
    assert "Checked 2 files: 1 error" in everything.output


def test_path_not_found_exits_two(project, retro) -> None:
    result = retro("check", str(project / "reviews" / "nope.md"))
    assert result.exit_code == 2
    assert "path not found:" in result.output
    assert "nope.md" in result.output


def test_unknown_option_exits_two(retro) -> None:
    result = retro("check", "--strikt")
    assert result.exit_code == 2
    assert "No such option '--strikt'. Did you mean '--strict'?" in result.output


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ("kinds: incident\n", "'kinds' must be a non-empty list of names"),
        ("reviewz_dir: x\n", "unknown retro option 'reviewz_dir'"),
        ("severities: [Low]\n", "'severities': 'Low' must be lowercase"),
        ("rules:\n  blameless-language: loud\n", "level must be error, warning or off"),
        (
            "rules:\n  overdue-actions: off\n",
            "'rules': there is no rule 'overdue-actions' (did you mean 'overdue-action'?); "
            "`retro rules` lists them",
        ),
        ("rules:\n  no-such-thing: off\n", "there is no rule 'no-such-thing'; `retro rules`"),
        ("blameless: [a]\n", "'blameless' must be a mapping of 'add', 'remove', 'roles' and/or"),
        ("max_file_bytes: lots\n", "'max_file_bytes' must be a whole number"),
        (
            "kinds: [a\n",
            "retro.yml:1: invalid YAML: the '[' opened on line 1 is never closed (the parser "
            "stopped at line 2); close it with ]",
        ),
        ("- a\n", "the configuration must be a mapping"),
        ("blameless:\n  add:\n    - pattern: '('\n", "is not a valid regex"),
    ],
)
def test_bad_configuration_exits_two_with_the_file_name(project, retro, config, message):
    (project / "retro.yml").write_text(config)
    result = retro("check")
    assert result.exit_code == 2
    assert "retro.yml" in result.output
    assert message in result.output
    assert "Traceback" not in result.output


def test_missing_config_file_exits_two(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["--config", str(tmp_path / "nope.yml"), "check"])
    assert result.exit_code == 2
    assert "configuration file not found" in result.output


def test_configuration_in_mkdocs_yml_plugin_entry(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: x\n"
        "markdown_extensions:\n"
        "  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
        "plugins:\n  - search\n  - retro:\n      reviews_dir: library\n"
        "      severities: [minor, major]\n"
    )
    folder = tmp_path / "library" / "2026"
    folder.mkdir(parents=True)
    (folder / "2026-03-01-a.md").write_text(review_text())
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")  # found by walking up
    result = CliRunner().invoke(cli, ["check"])
    assert (
        "library/2026/2026-03-01-a.md:6:1: error [invalid-value] 'severity' is 'medium'; "
        "expected one of minor, major" in result.output
    )


def test_same_option_in_both_files_is_refused(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "mkdocs.yml").write_text("plugins:\n  - retro:\n      reviews_dir: a\n")
    (tmp_path / "retro.yml").write_text("reviews_dir: b\n")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["check"])
    assert result.exit_code == 2
    assert "option 'reviews_dir' is also set in" in result.output


def test_plugin_options_indented_as_the_plugin_name_are_said(tmp_path: Path, monkeypatch) -> None:
    # Pasted with two spaces too few: MkDocs says only "Invalid Plugins configuration", and
    # retro read no options, so check passed with the defaults.
    (tmp_path / "mkdocs.yml").write_text("plugins:\n  - retro:\n    show_status: [published]\n")
    (tmp_path / "reviews").mkdir()
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["check"])
    assert result.exit_code == 2
    assert (
        "mkdocs.yml: 'show_status' stands beside 'retro' in plugins:, not under it: indent the "
        "plugin's options two spaces more than 'retro'" in result.output
    )


def test_empty_folder_without_configuration_is_no_project(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    result = CliRunner().invoke(cli, ["check"])
    assert result.exit_code == 2  # not a green run with nothing checked
    assert result.output == "Error: no retro project found here or above (run `retro init`)\n"


def test_check_never_modifies_reviews(write_review, retro) -> None:
    path = write_review("2026-03-01-a", review_text().replace("\n", "\r\n"))
    before = path.read_bytes()
    retro("check")
    assert path.read_bytes() == before


def test_sample_library_passes_strict(monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("RETRO_TODAY")
    result = CliRunner().invoke(cli, ["check", "--strict"])
    assert result.exit_code == 0, result.output
    files = int(result.output.split()[1])
    assert files >= 6


def test_schema_is_valid_json_schema_and_accepts_the_samples(monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(cli, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.output)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    for path in sorted((ROOT / "reviews").rglob("*.md")):
        split = split_front_matter(path.read_text(encoding="utf-8"))
        assert split is not None
        data = json.loads(json.dumps(yaml.safe_load(split[0]), default=str))
        errors = [e.message for e in validator.iter_errors(data)]
        assert not errors, (path.name, errors)


def test_schema_rejects_what_check_rejects(project, retro) -> None:
    schema = json.loads(retro("schema").output)
    validator = jsonschema.Draft202012Validator(schema)
    base = {
        "title": "x",
        "date": "2026-03-01",
        "status": "draft",
        "kind": "incident",
        "severity": "low",
    }
    assert not list(validator.iter_errors(base))
    assert list(validator.iter_errors({**base, "root_casue": "x"}))
    assert list(validator.iter_errors({**base, "severity": "urgent"}))
    assert list(validator.iter_errors({**base, "status": "published"}))  # incomplete


def test_schema_follows_the_configuration(project, retro) -> None:
    (project / "retro.yml").write_text(
        "kinds: [incident, recall]\nseverities: [minor, major]\nextra_fields: {ticket: string}\n"
    )
    schema = json.loads(retro("schema").output)
    assert schema["properties"]["kind"]["enum"] == ["incident", "recall"]
    assert schema["properties"]["severity"]["enum"] == ["minor", "major"]
    assert schema["properties"]["ticket"]["type"] == "string"


def test_rules_lists_every_rule(retro) -> None:
    result = retro("rules")
    assert result.exit_code == 0
    for rule in RULES:
        assert rule.id in result.output
        assert rule.summary and rule.help


def test_packaged_templates_equal_the_projects_templates() -> None:
    packaged = ROOT / "tooling" / "retro_reviews" / "default_templates"
    for path in sorted((ROOT / "templates").glob("*.md.j2")):
        assert (packaged / path.name).read_text() == path.read_text(), path.name


def test_unexpected_errors_are_a_short_message_not_a_traceback(monkeypatch, capsys) -> None:
    from retro_reviews import cli as cli_module

    def explode(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(cli_module, "run_check", explode)
    monkeypatch.setattr("sys.argv", ["retro", "check"])
    with pytest.raises(SystemExit) as exit_info:
        cli_module.main()
    assert exit_info.value.code == 3
    err = capsys.readouterr().err
    assert "retro: internal error: RuntimeError: disk on fire" in err
    assert "Traceback" not in err


def test_check_starts_without_the_modules_only_other_commands_need(project: Path) -> None:
    """`retro check` runs in CI on every push: the importer, the follow-through listings,
    rich and the package metadata are imported only by the commands that use them."""
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from retro_reviews.cli import main\n"
        "sys.argv = ['retro', 'check']\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = ('retro_reviews.importer', 'retro_reviews.follow', 'retro_reviews.cli_import',\n"
        "         'rich', 'importlib.metadata')\n"
        "print(sorted(m for m in sys.modules if m.startswith(heavy)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=project, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_every_command_imported_on_first_use_is_listed_and_runs(retro) -> None:
    from retro_reviews.cli import LAZY_COMMANDS

    listed = retro("--help").output
    for name, (_, attribute) in LAZY_COMMANDS.items():
        assert f"\n  {name} " in listed, name
        shown = retro(name, "--help")
        assert shown.exit_code == 0 and f"retro {name} " in shown.output, (name, attribute)
