"""The output formats of ``retro check``: each valid for its consumer."""

from __future__ import annotations

import json
import urllib.parse
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from retro_reviews import __version__
from retro_reviews.check import CheckResult
from retro_reviews.cli import cli
from retro_reviews.findings import Finding, Level
from retro_reviews.report.github import annotation, escape_data, escape_property
from retro_reviews.report.sarif import sarif_log
from retro_reviews.rules import RULES

SARIF_SCHEMA = json.loads(
    (Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8")
)
BROKEN = "reviews/2026/2026-04-01-broken-one.md"
GOOD = "reviews/2026/2026-03-01-wrong-colour-shipped.md"


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


@pytest.fixture
def library(project: Path, write_review, chdir) -> Path:
    """A good review and a broken one (an error and an overdue-action warning)."""
    write_review("2026-03-01-wrong-colour-shipped")
    write_review(
        "2026-04-01-broken-one",
        title="Broken one",
        status="published",
        kind="not-a-kind",
        action_status="open",
        item="Another item",
    )
    chdir(project)
    return project


def test_json_structure(library: Path) -> None:
    result = run("check", "--format", "json")
    data = json.loads(result.stdout)
    assert set(data) == {"version", "tool", "retro_version", "summary", "files", "findings"}
    assert data["version"] == 1
    assert data["tool"] == "retro"
    assert data["retro_version"] == __version__
    assert data["files"] == [GOOD, BROKEN]
    assert data["summary"]["files"] == 2
    assert data["summary"]["errors"] == sum(f["level"] == "error" for f in data["findings"])
    assert data["summary"]["warnings"] == 1
    assert data["summary"]["exit_code"] == 1 == result.exit_code
    for item in data["findings"]:
        assert set(item) == {"path", "line", "column", "rule", "level", "message"}
        assert item["path"] == BROKEN
    overdue = next(f for f in data["findings"] if f["rule"] == "overdue-action")
    assert overdue["level"] == "warning"
    assert isinstance(overdue["line"], int)


def test_output_file(library: Path) -> None:
    result = run("check", "--format", "json", "--output", "out/report.json")
    assert result.stdout == ""
    assert json.loads((library / "out/report.json").read_text())["summary"]["files"] == 2
    assert result.exit_code == 1


def test_github_annotations(library: Path) -> None:
    result = run("check", "--format", "github")
    lines = result.stdout.splitlines()
    assert any(
        line.startswith(f"::error file={BROKEN},line=") and ",title=retro invalid-value::" in line
        for line in lines
    )
    assert any(
        line.startswith(f"::warning file={BROKEN},line=")
        and ",title=retro overdue-action::" in line
        for line in lines
    )
    assert lines[-1].startswith("Checked 2 files: ")


def test_github_escaping() -> None:
    assert escape_data("50% done\r\nnext") == "50%25 done%0D%0Anext"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    finding = Finding("reviews/x,y:z.md", 3, 5, "schema", Level.ERROR, "bad: 100%\nsecond")
    assert annotation(finding) == (
        "::error file=reviews/x%2Cy%3Az.md,line=3,col=5,title=retro schema::bad: 100%25%0Asecond"
    )
    whole_file = Finding("reviews/a.md", None, None, "file-name", Level.WARNING, "m")
    assert annotation(whole_file) == "::warning file=reviews/a.md,title=retro file-name::m"


def test_github_step_summary_appends_a_table_of_every_finding(
    library: Path, monkeypatch: pytest.MonkeyPatch, write_review
) -> None:
    # Twelve blamed reviews: more findings than GitHub shows as annotations.
    for n in range(12):
        write_review(
            f"2026-05-{n + 1:02d}-blamed-{n}",
            title=f"Blamed {n} | pipe",
            item=f"Item {n}",
            kind="oops",
        )
    summary = library / "summary.md"
    summary.write_text("earlier step\n")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = run("check", "--format", "github")
    text = summary.read_text()
    assert text.startswith("earlier step\n### retro check\n")
    rows = [line for line in text.splitlines() if line.startswith("| reviews/")]
    assert len(rows) == result.stdout.count("::error ") + result.stdout.count("::warning ")
    assert len(rows) > 10
    assert "| File | Line | Level | Rule | Message |" in text


def test_sarif_validates_against_the_schema(library: Path) -> None:
    result = run("check", "--format", "sarif")
    log = json.loads(result.stdout)
    jsonschema.validate(log, SARIF_SCHEMA)
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["name"] == "retro"
    assert driver["version"] == __version__
    assert [r["id"] for r in driver["rules"]] == [rule.id for rule in RULES]
    for descriptor, rule in zip(driver["rules"], RULES, strict=True):
        assert descriptor["shortDescription"]["text"] == rule.summary
        assert rule.help in descriptor["fullDescription"]["text"]
        assert descriptor["help"]["text"]
        assert descriptor["defaultConfiguration"]["level"] == rule.level.value
    results = log["runs"][0]["results"]
    assert results
    for item in results:
        assert driver["rules"][item["ruleIndex"]]["id"] == item["ruleId"]
        location = item["locations"][0]["physicalLocation"]
        assert location["artifactLocation"] == {"uri": BROKEN, "uriBaseId": "%SRCROOT%"}
        assert location["region"]["startLine"] >= 1


def test_sarif_whole_file_findings_point_at_line_one() -> None:
    result = CheckResult(
        findings=[Finding("reviews/a.md", None, None, "file-name", Level.ERROR, "wrong place")]
    )
    log = sarif_log(result)
    jsonschema.validate(log, SARIF_SCHEMA)
    region = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 1}


def test_sarif_file_uris_are_encoded() -> None:
    # A path with a space, '#', '%' or letters beyond ASCII is a valid relative URI that a
    # viewer decodes back to the file.
    path = "reviews/2026/sub dir ünï/2026-01-10-spaces in #näme%.md"
    result = CheckResult(findings=[Finding(path, 3, 1, "schema", Level.ERROR, "x")])
    log = sarif_log(result)
    jsonschema.validate(log, SARIF_SCHEMA)
    uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert uri["uri"] == (
        "reviews/2026/sub%20dir%20%C3%BCn%C3%AF/2026-01-10-spaces%20in%20%23n%C3%A4me%25.md"
    )
    assert urllib.parse.unquote(uri["uri"]) == path
    plain = sarif_log(
        CheckResult(findings=[Finding("reviews/a-b_c.md", 1, 1, "schema", Level.ERROR, "x")])
    )["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert plain["uri"] == "reviews/a-b_c.md"


def test_sarif_fingerprints_survive_lines_added_above() -> None:
    def prints(line: int) -> list[str]:
        findings = [
            Finding("reviews/a.md", line, 1, "schema", Level.ERROR, "same message"),
            Finding("reviews/a.md", line + 4, 1, "schema", Level.ERROR, "same message"),
            Finding("reviews/a.md", line + 9, 1, "schema", Level.ERROR, "other message"),
        ]
        log = sarif_log(CheckResult(findings=findings))
        return [r["partialFingerprints"]["retroFinding/v1"] for r in log["runs"][0]["results"]]

    assert prints(3) == prints(30)
    assert len(set(prints(3))) == 3


def test_sarif_schema_rejects_a_broken_log() -> None:
    """The shipped schema is strict enough to matter."""
    log = sarif_log(
        CheckResult(findings=[Finding("reviews/a.md", 2, 1, "schema", Level.ERROR, "m")])
    )
    log["runs"][0]["results"][0]["level"] = "fatal"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(log, SARIF_SCHEMA)


def test_junit_one_case_per_review_failures_for_errors(library: Path) -> None:
    result = run("check", "--format", "junit")
    root = ET.fromstring(result.stdout)
    suite = root.find("testsuite")
    assert suite is not None and suite.get("name") == "retro"
    cases = suite.findall("testcase")
    assert [c.get("classname") for c in cases] == [GOOD, BROKEN]
    assert suite.get("tests") == "2" and suite.get("failures") == "1"
    good, broken = cases
    assert good.find("failure") is None and good.find("system-out") is None
    failure = broken.find("failure")
    assert failure is not None
    assert "[invalid-value]" in (failure.text or "")
    assert "[overdue-action]" not in (failure.text or "")
    assert "[overdue-action]" in (broken.findtext("system-out") or "")


def test_text_is_plain_when_piped(library: Path) -> None:
    result = run("check")
    assert "\x1b[" not in result.stdout
    assert f"{BROKEN}:" in result.stdout


def test_unknown_format_is_exit_2(library: Path) -> None:
    result = run("check", "--format", "xml")
    assert result.exit_code == 2


def test_step_summary_escapes_table_cells() -> None:
    from retro_reviews.report.github import step_summary

    finding = Finding("reviews/a|b.md", 4, 2, "schema", Level.ERROR, "use a | b\nthen c")
    text = step_summary(CheckResult(findings=[finding], files_checked=1))
    (row,) = [line for line in text.splitlines() if line.startswith("| reviews/")]
    assert row == "| reviews/a\\|b.md | 4 | error | schema | use a \\| b then c |"
