"""`retro import` through the CLI, on real files."""

from __future__ import annotations

import json
import os
from datetime import date, datetime
from pathlib import Path

import click
import pytest
import yaml
from click.testing import CliRunner

from importing import DATA, copy_library, run_import
from retro_reviews import atomic
from retro_reviews.cli import cli

GOLDEN = DATA / "golden"
UPDATE = os.environ.get("RETRO_UPDATE_GOLDEN") == "1"


def _reviews(project: Path) -> list[Path]:
    return sorted((project / "reviews").rglob("*.md"))


def _meta(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("\n---\n", 1)[0][4:])


def imported(project: Path, *args: str) -> str:
    """The output of ``retro import ARGS``, which must succeed."""
    result = run_import(project, *args)
    assert result.exit_code == 0, result.output
    return result.output


def _write(project: Path, name: str, text: str) -> Path:
    path = project / "old" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


GOOGLE = DATA / "library" / "2023-04-11-search-index-outage.md"


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_report_matches_the_golden_file(
    project: Path, fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Refresh on purpose with RETRO_UPDATE_GOLDEN=1."""
    copy_library(project)
    monkeypatch.chdir(project)
    output = imported(project, "old", "--dry-run", "--format", fmt)
    golden = GOLDEN / f"report.{'txt' if fmt == 'text' else 'json'}"
    if UPDATE:
        golden.write_text(output, encoding="utf-8")
    assert output == golden.read_text(encoding="utf-8")
    assert _reviews(project) == []


def test_import_writes_one_review_per_document_with_its_source(project: Path) -> None:
    source = _write(project, "2023-04-11-search-index-outage.md", GOOGLE.read_text())
    output = imported(project, str(source))
    [review] = _reviews(project)
    assert review.relative_to(project).as_posix() == (
        "reviews/2023/2023-04-11-search-index-outage.md"
    )
    meta = _meta(review)
    assert meta["status"] == "imported"
    assert meta["kind"] == "incident"
    assert meta["source"]["path"] == "old/2023-04-11-search-index-outage.md"
    assert str(meta["source"]["imported"]) == "2026-06-01"
    assert len(meta["source"]["sha256"]) == 64
    assert meta["action_items"][0] == {
        "action": "Refuse to publish a shard map with zero entries",
        "owner": "search team",
        "type": "prevent",
        "link": "https://bugs.example.com/SRCH-101",
    }
    assert meta["timeline"]["events"][0] == {
        "at": "2023-04-11T09:10:00Z",
        "what": "Rebuild publishes an empty shard map; searches start returning no results",
    }
    assert "-> reviews/2023/2023-04-11-search-index-outage.md" in output


def test_second_run_says_already_imported_and_writes_nothing(project: Path) -> None:
    source = _write(project, "a.md", GOOGLE.read_text())
    assert run_import(project, str(source)).exit_code == 0
    before = [(p, p.read_bytes()) for p in _reviews(project)]
    again = _write(project, "copy of a.md", GOOGLE.read_text())
    output = imported(project, str(source), str(again))
    assert "old/a.md: already imported as reviews/2023/2023-04-11-search-index-outage.md" in (
        output
    )
    assert "old/copy of a.md: already imported" in output
    assert [(p, p.read_bytes()) for p in _reviews(project)] == before


def test_dry_run_writes_nothing(project: Path) -> None:
    source = _write(project, "a.md", GOOGLE.read_text())
    result = run_import(project, str(source), "--dry-run")
    assert result.exit_code == 0
    assert "-> (dry run) reviews/2023/2023-04-11-search-index-outage.md" in result.output
    assert "Nothing was written (--dry-run)." in result.output
    assert _reviews(project) == []


def test_same_date_and_title_gets_a_new_id_never_an_overwrite(project: Path) -> None:
    first = _write(project, "a.md", "# Disk full\n\nDate: 2024-01-02\n\nOne.\n")
    second = _write(project, "b.md", "# Disk full\n\nDate: 2024-01-02\n\nTwo.\n")
    imported(project, str(first), str(second))
    names = [p.name for p in _reviews(project)]
    assert names == ["2024-01-02-disk-full-2.md", "2024-01-02-disk-full.md"]


def test_status_draft_and_kind(project: Path) -> None:
    source = _write(project, "a.md", GOOGLE.read_text())
    imported(project, str(source), "--status", "draft", "--kind", "near-miss")
    meta = _meta(_reviews(project)[0])
    assert (meta["status"], meta["kind"]) == ("draft", "near-miss")


def test_unknown_kind_and_missing_path_cannot_run(project: Path) -> None:
    source = _write(project, "a.md", GOOGLE.read_text())
    result = run_import(project, str(source), "--kind", "outage")
    assert result.exit_code == 2
    assert "unknown kind 'outage'; configured kinds: incident, customer-mistake, near-miss" in (
        result.output
    )
    result = run_import(project, str(project / "nowhere.md"))
    assert result.exit_code == 2
    assert "nowhere.md: no such file or folder" in result.output


def test_json_report(project: Path) -> None:
    source = _write(project, "a.md", GOOGLE.read_text())
    result = run_import(project, str(source), "--format", "json")
    data = json.loads(result.output)
    assert data["counts"] == {"imported": 1}
    [document] = data["documents"]
    assert document["target"] == "reviews/2023/2023-04-11-search-index-outage.md"
    assert {"field": "root_cause", "source": "'Root Causes:'", "line": 13, "detail": ""} in (
        document["mapped"]
    )


def test_outside_the_project_and_symlinks_out_are_refused(project: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.md"
    outside.write_text(GOOGLE.read_text(), encoding="utf-8")
    link = project / "old" / "linked.md"
    link.parent.mkdir(parents=True)
    link.symlink_to(outside)
    result = run_import(project, str(outside), str(link))
    assert result.exit_code == 1
    assert "refused: it is outside the project; copy it into the project first" in result.output
    assert "old/linked.md: refused: it is a symbolic link that leads outside the project" in (
        result.output
    )
    assert _reviews(project) == []


def test_binary_and_huge_files_are_skipped_with_a_reason(project: Path) -> None:
    (project / "old").mkdir()
    (project / "old" / "diagram.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR")
    (project / "old" / "huge.md").write_text("# Big\n\nDate: 2024-01-01\n" + "x" * 2_100_000)
    good = _write(project, "good.md", GOOGLE.read_text())
    result = run_import(project, str(project / "old"))
    assert result.exit_code == 1
    assert "old/diagram.md: skipped: it is a binary file, not Markdown text" in result.output
    assert "old/huge.md: skipped: it is 2,100,024 bytes, over the limit of 2,000,000" in (
        result.output
    )
    assert good.exists() and len(_reviews(project)) == 1
    assert "1 skipped" in result.output or "2 skipped" in result.output


def test_a_folder_of_html_exports_says_each_is_passed_over(project: Path) -> None:
    (project / "export").mkdir()
    (project / "export" / "outage.html").write_text("<h1>Outage</h1>\n<p>Date: 2024-01-01</p>\n")
    (project / "export" / "latency.png").write_bytes(b"\x89PNG")
    result = run_import(project, str(project / "export"))
    assert result.exit_code == 1, result.output
    assert (
        "export/outage.html: skipped: a .html file: retro imports Markdown and text; convert it "
        "to Markdown first (pandoc -t gfm, say), then import that" in result.output
    )
    assert "latency.png" not in result.output and "nothing to import" not in result.output
    assert _reviews(project) == []


def test_links_and_images_relative_to_the_original_are_reported(project: Path) -> None:
    _write(
        project,
        "db.md",
        "# DB failover\n\nDate: 2021-06-01\n\n## Summary\n\nIt took 40 minutes. "
        "![Latency](img/latency.png)\n\nSee the [runbook](../runbooks/db-failover.md), "
        "[the docs](https://example.org/x), [above](#summary) and [home](/index.md).\n\n"
        "```\n[not a link](in/code.md)\n```\n",
    )
    output = imported(project, str(project / "old" / "db.md"))
    assert (
        "note: links and images relative to old/ lead nowhere from the review's folder: line 7 "
        "'img/latency.png', line 9 '../runbooks/db-failover.md'; the page shows them as their "
        "text: link to the full address, or put the files in docs/ and link them from the "
        "site's root (/img/latency.png)" in output
    )
    [review] = _reviews(project)
    summary = _meta(review)["what_went_wrong"]
    assert summary.startswith("It took 40 minutes.\n") and "latency" not in summary


def test_a_dated_timeline_dates_a_document_that_says_no_other_day(project: Path) -> None:
    _write(
        project,
        "retries.md",
        "# Payment retries duplicated\n\n## Timeline (UTC)\n\n"
        "- 2023-08-30 10:02 Retry job deployed\n- 2023-08-30 12:15 Retry job disabled\n",
    )
    output = imported(project, str(project / "old" / "retries.md"))
    assert "date <- the timeline's first dated event (line 5)" in output
    assert "the date is a guess" not in output
    [review] = _reviews(project)
    assert review.parent.name == "2023" and str(_meta(review)["date"]) == "2023-08-30"


def test_latin1_is_read_with_the_stated_fallback(project: Path) -> None:
    path = project / "old" / "labels.md"
    path.parent.mkdir()
    path.write_bytes("# Étiquettes illisibles\n\nDate: 2022-06-21\n\nCafé.\n".encode("latin-1"))
    output = imported(project, str(path))
    assert "note: not UTF-8: read as cp1252; the review is saved as UTF-8" in output
    text = _reviews(project)[0].read_text(encoding="utf-8")
    assert "title: Étiquettes illisibles" in text and "\nCafé.\n" in text


def test_a_file_with_spaces_and_no_extension(project: Path) -> None:
    path = _write(project, "DB failover notes", "On 2 February 2022 the database failed over.\n")
    imported(project, str(path))
    [review] = _reviews(project)
    assert review.name == "2022-02-02-db-failover-notes.md"


def test_an_interrupted_write_leaves_no_partial_file(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = _write(project, "a.md", GOOGLE.read_text())

    def interrupted(fd: int, content: str) -> None:
        os.write(fd, content[:50].encode())
        raise KeyboardInterrupt

    monkeypatch.setattr(atomic, "_fill", interrupted)
    args = ["--config", str(project / "retro.yml"), "import", str(source)]
    with pytest.raises(click.exceptions.Abort):  # click's answer to Ctrl-C
        cli.main(args, "retro", standalone_mode=False)
    assert [p for p in (project / "reviews").rglob("*") if p.is_file()] == []


def test_import_sections_extend_the_synonyms(project: Path) -> None:
    (project / "retro.yml").write_text("import_sections:\n  root_cause: [Was uns erwischt hat]\n")
    source = _write(
        project, "a.md", "# Disk full\n\nDate: 2024-01-02\n\n## Was uns erwischt hat\n\nLogs.\n"
    )
    result = run_import(project, str(source))
    assert "root_cause <- '## Was uns erwischt hat' (line 5)" in result.output
    (project / "retro.yml").write_text("import_sections:\n  cause: [Ursache]\n")
    result = run_import(project, str(source))
    assert result.exit_code == 2
    assert "import_sections: unknown section 'cause'; known sections: summary," in result.output


def test_help_names_every_option() -> None:
    result = CliRunner().invoke(cli, ["import", "--help"])
    for option in ("--kind", "--status", "--dry-run", "--format"):
        assert option in result.output
    assert "retro import old-postmortems/ --dry-run" in result.output


def test_reviews_are_not_imported_again_as_postmortems(project: Path) -> None:
    source = _write(project, "a.md", GOOGLE.read_text())
    assert run_import(project, str(source)).exit_code == 0
    result = run_import(project, str(project / "reviews"))
    assert result.exit_code == 1
    assert (
        "reviews/2023/2023-04-11-search-index-outage.md: skipped: "
        "it is in the reviews folder already"
    ) in result.output
    assert len(_reviews(project)) == 1


def test_severity_through_the_configured_aliases_and_an_unknown_scale_left_out(
    project: Path,
) -> None:
    (project / "retro.yml").write_text("severity_aliases: {SEV1: critical}\n")
    first = _write(project, "a.md", "# Disk full\n\nDate: 2024-01-02\nSeverity: SEV1\n")
    second = _write(project, "b.md", "# Queue stall\n\nDate: 2024-01-03\nSeverity: P9\n")
    output = imported(project, str(first), str(second))
    assert "severity <- 'Severity:' line (line 4): 'SEV1' through the aliases" in output
    assert (
        "note: severity 'P9' ('Severity:' line) is not a configured level or alias; "
        "left out (add it to severity_aliases to map it)"
    ) in output
    metas = {p.name: _meta(p) for p in _reviews(project)}
    assert metas["2024-01-02-disk-full.md"]["severity"] == "critical"
    assert "severity" not in metas["2024-01-03-queue-stall.md"]


def test_several_dates_say_several_incidents_and_the_first_dates_the_review(
    project: Path,
) -> None:
    source = _write(
        project,
        "a.md",
        "---\ndate: 2024-03-05\n---\n# Two outages\n\nDate: 2024-03-09\n\n## Impact\n\nSome.\n",
    )
    output = imported(project, str(source))
    assert (
        "note: this document gives 2 dates (2024-03-05, 2024-03-09); it may describe several "
        "incidents: it stays one review, dated by the first"
    ) in output
    assert [p.name for p in _reviews(project)] == ["2024-03-05-two-outages.md"]


def test_lessons_leave_out_subsections_the_report_keeps_in_the_body(project: Path) -> None:
    source = _write(
        project,
        "a.md",
        "# Coupon mail sent twice\n\nDate: 2022-09-14\n\n## Lessons learned\n\n"
        "- Idempotency keys belong in the mail queue, not the caller.\n\n"
        "### What went well\n\n- Support had a canned reply within minutes.\n\n"
        "### What went wrong\n\n- The resend script had no dry-run mode.\n\n"
        "### Where we got lucky\n\n- The mail went out on a quiet weekday afternoon.\n",
    )
    output = imported(project, str(source))
    assert "lessons <- '## Lessons learned' (line 5): 1 item from the list" in output
    assert (
        "kept in the body only: '### What went well', '### What went wrong', "
        "'### Where we got lucky'"
    ) in output
    [review] = _reviews(project)
    meta = _meta(review)
    assert meta["lessons"] == ["Idempotency keys belong in the mail queue, not the caller."]
    assert "quiet weekday afternoon" in review.read_text(encoding="utf-8")


def test_time_zones_are_read_or_reported_never_guessed(project: Path) -> None:
    source = _write(
        project,
        "a.md",
        "# Checkout slow after a cache flush\n\n"
        "Date: 2023-02-01\n"
        "Started: 2023-02-01 09:10 CET\n"
        "Detected: 2023-02-01 09:40 GMT+1\n"
        "Resolved: 2023-02-01 10:05 IST\n\n"
        "## Timeline (all times Europe/Berlin)\n\n"
        "- 09:10 Cache flush begins\n- 09:40 Latency alert\n- 10:05 Checkout fast again\n",
    )
    output = imported(project, str(source))
    assert (
        "note: 'Resolved:' line (line 6): 'IST' could be India (+05:30), Israel (+02:00) or "
        "Ireland (+01:00): the time is left out, not guessed"
    ) in output
    timeline = _meta(_reviews(project)[0])["timeline"]
    assert timeline["started"] == "2023-02-01T09:10:00+01:00"
    assert timeline["detected"] == "2023-02-01T09:40:00+01:00"
    assert "resolved" not in timeline
    assert [e["at"] for e in timeline["events"]] == [
        "2023-02-01T09:10:00+01:00",
        "2023-02-01T09:40:00+01:00",
        "2023-02-01T10:05:00+01:00",
    ]


def test_a_timeline_in_a_region_time_gets_the_regions_offset(project: Path) -> None:
    source = _write(
        project,
        "a.md",
        "# Cart outage\nDate: 2023-06-01\n## Timeline (all times PT)\n"
        "- 09:15 Errors start\n- 10:05 Resolved\n",
    )
    imported(project, str(source))
    timeline = _meta(_reviews(project)[0])["timeline"]
    assert [e["at"] for e in timeline["events"]] == [
        "2023-06-01T09:15:00-07:00",
        "2023-06-01T10:05:00-07:00",
    ]
    assert timeline["resolved"] == "2023-06-01T10:05:00-07:00"


def test_a_time_going_back_is_reported_never_moved_to_another_day(project: Path) -> None:
    source = _write(
        project,
        "a.md",
        "# Checkout errors\nDate: 2023-06-01\n## Timeline (UTC)\n- 14:00 Alert fired\n"
        "- 13:45 First errors in the logs (found later)\n- 14:30 Resolved\n",
    )
    output = imported(project, str(source))
    assert (
        "note: the timeline under '## Timeline (UTC)' is not in time order (line 5: 13:45 is "
        "earlier than 14:00 above it, and not just past midnight): kept in the body, not in "
        "timeline.events"
    ) in output
    [review] = _reviews(project)
    assert "timeline" not in _meta(review)
    assert "- 13:45 First errors in the logs (found later)" in review.read_text(encoding="utf-8")


def test_every_stamp_of_a_timeline_is_read_or_reported(project: Path) -> None:
    source = _write(
        project,
        "a.md",
        "# Checkout errors\nDate: 2023-06-01\n## Timeline (UTC)\n- 14:32 Errors begin\n"
        "- 14:35 Alert fired\n- `14:40` Rolled back\n- [14:45] Recovering\n- ~14:50 Resolved\n",
    )
    output = imported(project, str(source))
    assert "5 events from the timestamped lines" in output
    timeline = _meta(_reviews(project)[0])["timeline"]
    assert [e["at"][11:16] for e in timeline["events"]] == [
        "14:32",
        "14:35",
        "14:40",
        "14:45",
        "14:50",
    ]
    assert timeline["events"][-1]["what"] == "~ Resolved"
    bad = _write(
        project,
        "b.md",
        "# Checkout errors again\nDate: 2023-06-01\n## Timeline\n\n| When | Event |\n"
        "|---|---|\n| Jun 1, 14:32 UTC | Errors begin |\n| Feb 30, 15:10 UTC | Resolved |\n",
    )
    assert (
        "note: the timeline under '## Timeline' has a date or time retro cannot read (line 8: "
        "'Feb 30, 15:10 UTC'): kept in the body, not in timeline.events"
    ) in imported(project, str(bad))


def test_a_timeline_in_an_ambiguous_zone_stays_in_the_body(project: Path) -> None:
    source = _write(
        project,
        "a.md",
        "# Batch export late\n\nDate: 2023-05-09\n\n## Timeline (all times IST)\n\n"
        "- 09:10 Export job starts late\n- 09:40 Export done\n",
    )
    output = imported(project, str(source))
    assert (
        "note: the timeline under '## Timeline (all times IST)' has a time whose zone is "
        "unclear (line 7: 'IST' could be India (+05:30), Israel (+02:00) or Ireland (+01:00)): "
        "kept in the body, not in timeline.events"
    ) in output
    [review] = _reviews(project)
    assert "timeline" not in _meta(review)
    assert "- 09:10 Export job starts late" in review.read_text(encoding="utf-8")


def _dated(path: Path, day: str) -> Path:
    """``path`` with a modification time on ``day`` (noon UTC), as after a copy that day."""
    stamp = datetime.fromisoformat(f"{day}T12:00:00+00:00").timestamp()
    os.utime(path, (stamp, stamp))
    return path


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("Date: 13/05/2023", "2023-05-13-cache-warmer-stalled.md"),
        ("Date: 05/13/2023", "2023-05-13-cache-warmer-stalled.md"),
        ("Date: 05.03.2021", "2021-03-05-cache-warmer-stalled.md"),
        ("Date: 20210305", "2021-03-05-cache-warmer-stalled.md"),
        ("| Date of incident | 13/05/2023 |\n|---|---|", "2023-05-13-cache-warmer-stalled.md"),
        (
            "| Started | 2023-05-13 22:40 UTC |\n|---|---|\n| Severity | high |",
            "2023-05-13-cache-warmer-stalled.md",
        ),
    ],
)
def test_labelled_numeric_dates_are_read(project: Path, written: str, name: str) -> None:
    source = _write(
        project,
        "notes.md",
        f"# Cache warmer stalled\n\n{written}\n\n## Action items\n\n"
        "- [ ] Alert on warmer lag, due 2023-12-01\n",
    )
    output = imported(project, str(_dated(source, "2026-03-02")))
    assert [p.name for p in _reviews(project)] == [name]
    assert "date <- " in output and "the file's modification" not in output


@pytest.mark.parametrize(
    ("written", "line", "problem"),
    [
        (
            "| Incident date | 03/11/2023 |\n|---|---|",
            "table 'Incident date' (line 3)",
            "'03/11/2023' could be 3 November 2023 (day first) or March 11, 2023 (month first)",
        ),
        (
            "Date: 04/05/2023",
            "'Date:' line (line 3)",
            "'04/05/2023' could be 4 May 2023 (day first) or April 5, 2023 (month first)",
        ),
        ("Date: 2024-02-30", "'Date:' line (line 3)", "'2024-02-30' is not a real date"),
    ],
)
def test_an_unreadable_labelled_date_is_reported_and_no_other_date_taken(
    project: Path, written: str, line: str, problem: str
) -> None:
    source = _write(
        project,
        "notes.md",
        f"# Cache warmer stalled\n\n{written}\n\nOn 2 October 2023 the warmer was rewritten.\n\n"
        "## Action items\n\n- [ ] Alert on warmer lag, due 2023-12-01\n",
    )
    output = imported(project, str(_dated(source, "2026-03-02")))
    assert f"note: {line}: {problem}; not guessed" in output
    assert "date <- the file's modification date (a guess)" in output
    assert (
        "note: the date is a guess: no date could be read in the document or its name, so the "
        "file's modification date (2026-03-02) is used; after a git clone or a copy that is "
        "the day of the copy, not of the incident: check it, and correct the date and the "
        "file name"
    ) in output
    assert [p.name for p in _reviews(project)] == ["2026-03-02-cache-warmer-stalled.md"]


def test_due_dates_and_timeline_prose_never_date_the_review(project: Path) -> None:
    source = _write(
        project,
        "notes.md",
        "# Cache warmer stalled\n\n## Timeline\n\n- 2023-11-02 10:00 Warmer stops\n\n"
        "On 2023-11-02 the warmer stopped.\n\n"  # a timeline's line, though not timestamped
        "## Homework\n\n- Alert on warmer lag by 2023-12-01\n\n"
        "## Action items\n\n- Rewrite the warmer (2023-12-15)\n\n"  # no 'due' or 'by'"
        "| Task | Due |\n|---|---|\n| Rewrite the warmer | 2024-01-15 |\n",
    )
    result = run_import(project, str(_dated(source, "2026-03-02")))
    assert result.exit_code == 0, result.output
    # No due date and no other line of the timeline: its first event, dated, is the day.
    assert "date <- the timeline's first dated event (line 5)" in result.output
    assert "the date is a guess" not in result.output
    second = _write(
        project,
        "more.md",
        "# Cache warmer stalled again\n\n## Homework\n\n- Alert on lag, due 2023-12-01\n\n"
        "## What happened\n\nOn 4 November 2023 the warmer stopped again.\n",
    )
    result = run_import(project, str(second))
    assert "date <- the first date in the text (line 9)" in result.output
    assert "2023-11-04-cache-warmer-stalled-again.md" in [p.name for p in _reviews(project)]


def test_times_without_a_date_are_not_put_on_a_guessed_day(project: Path) -> None:
    source = _write(
        project,
        "notes.md",
        "# Cache warmer stalled\n\nDetected: 09:40 UTC\n\n## Timeline\n\n"
        "- 09:30 Warmer stops\n- 09:40 Lag alert\n- 2023-11-02 10:00 Warmer restarted\n",
    )
    output = imported(project, str(_dated(source, "2026-03-02")))
    assert "date <- the file's modification date (a guess)" in output
    assert (
        "note: the timeline under '## Timeline' has times without a date (line 7) and the "
        "review's date is a guess: kept in the body, not in timeline.events"
    ) in output
    assert "timeline" not in _meta(_reviews(project)[0])


def test_a_label_line_ends_at_the_next_label(project: Path) -> None:
    first = _write(
        project, "a.md", "# X outage\nDate: 2023-06-01\nResponders: @a, @b\nSeverity: High\n"
    )
    second = _write(
        project,
        "b.md",
        "# Y outage\nDate: 2023-06-02\nContributing factors:\nLessons:\nAction items:\n"
        "Severity: High\n",
    )
    third = _write(
        project,
        "c.md",
        "# Login outage\n- **Date**: 2023-05-22\n- **Summary**: Users could not log in.\n"
        "- **Impact**: 40% of sessions dropped.\n- **Root Cause**: Session store evicted keys.\n",
    )
    output = imported(project, str(first), str(second), str(third))
    assert "severity <- 'Severity:' line (line 4)" in output
    assert "severity <- 'Severity:' line (line 6)" in output
    metas = {p.name: _meta(p) for p in _reviews(project)}
    x = metas["2023-06-01-x-outage.md"]
    assert (x["responders"], x["severity"]) == (["@a", "@b"], "high")
    y = metas["2023-06-02-y-outage.md"]
    assert "action_items" not in y and y["severity"] == "high"
    login = metas["2023-05-22-login-outage.md"]
    assert login["what_went_wrong"] == "Users could not log in."
    assert login["impact"] == {"summary": "40% of sessions dropped."}
    assert login["root_cause"] == "Session store evicted keys."


def test_several_labels_on_one_line_are_each_read(project: Path) -> None:
    source = _write(
        project,
        "a.md",
        "# Queue stall\n\n**Date:** 2023-03-18 · **Severity:** High · **Authors:** TBD\n",
    )
    output = imported(project, str(source))
    assert "severity <- 'Severity:' line (line 3)" in output
    assert "placeholder left out (line 3): Authors: TBD" in output
    meta = _meta(_reviews(project)[0])
    assert (str(meta["date"]), meta["severity"]) == ("2023-03-18", "high")
    assert "authors" not in meta


def test_the_incidents_own_date_wins_and_the_conflict_is_reported(project: Path) -> None:
    blog = _write(
        project,
        "a.md",
        '---\ntitle: "Postmortem: API outage"\ndate: 2023-06-09\n---\n'
        "**Incident date:** 2023-06-01\n",
    )
    meeting = _write(
        project,
        "b.md",
        "# Queue stall\n\nDate: 2023-06-09 (postmortem meeting)\nIncident date: 2023-06-01\n",
    )
    output = imported(project, str(blog), str(meeting))
    assert "date <- 'Incident date:' line (line 5)" in output
    assert (
        "note: 'Incident date:' line (line 5) gives 2023-06-01, front matter 'date' gives "
        "2023-06-09: the review is dated by the incident's own date"
    ) in output
    assert "date <- 'Incident date:' line (line 4)" in output
    assert (
        "note: 'Date:' line (line 3): '2023-06-09 (postmortem meeting)' is the date of "
        "something else, not of the incident: not used"
    ) in output
    assert [p.name for p in _reviews(project)] == [
        "2023-06-01-api-outage.md",
        "2023-06-01-queue-stall.md",
    ]


def test_a_pages_own_date_never_dates_the_review(project: Path) -> None:
    source = _write(
        project,
        "notes.md",
        "# Image uploads failing\n\nCreated by Dana Reyes, last modified on Apr 02, 2024\n\n"
        "## Summary\n\nUploads failed.\n",
    )
    output = imported(project, str(_dated(source, "2026-03-02")))
    assert (
        "note: line 3 dates something else ('Created by Dana Reyes, last modified on Apr 02, "
        "2024'), not the incident: not used"
    ) in output
    assert "date <- the file's modification date (a guess)" in output
    assert [p.name for p in _reviews(project)] == ["2026-03-02-image-uploads-failing.md"]


def test_template_prompts_left_in_place_fill_no_field(project: Path) -> None:
    source = _write(
        project,
        "a.md",
        "# DB failover\nDate: 2023-02-02\n## Summary\n"
        "*A brief, one-paragraph summary of the incident.*\n## Impact\n"
        "_Who was affected, and how?_\n## Root cause\n<What caused the incident?>\n"
        "## Lessons learned\n- Item\n",
    )
    output = imported(project, str(source))
    assert "not found: what_went_wrong, impact.summary, root_cause, action_items, lessons" in (
        output
    )
    for line, said in (
        (4, "A brief, one-paragraph summary of the incident."),
        (6, "Who was affected, and how?"),
        (8, "<What caused the incident?>"),
        (10, "Item"),
    ):
        assert f"placeholder left out (line {line}): {said}" in output
    text = _reviews(project)[0].read_text(encoding="utf-8")
    assert "<!-- placeholder in the original: <What caused the incident?> -->" in text


def test_headings_that_carry_their_answer_fill_their_fields(project: Path) -> None:
    source = _write(
        project,
        "a.md",
        "# Checkout\n\n### Date: 2022-11-08\n### Authors: kmurphy\n"
        "### Summary: Checkout failed for 47 minutes.\n"
        "### Root Causes: The cache cluster lost quorum.\n### Impact: TBD\n",
    )
    output = imported(project, str(source))
    assert "what_went_wrong <- '### Summary: Checkout failed for 47 minutes.' (line 5)" in output
    assert "'### Summary: Checkout failed for 47 minutes.' holds no answer" not in output
    assert "'### Root Causes: The cache cluster lost quorum.' holds no answer" not in output
    assert "placeholder left out (line 7): Impact: TBD" in output
    assert "not recognised" not in output
    meta = _meta(_reviews(project)[0])
    assert (str(meta["date"]), meta["authors"]) == ("2022-11-08", ["kmurphy"])
    assert meta["what_went_wrong"] == "Checkout failed for 47 minutes."
    assert meta["root_cause"] == "The cache cluster lost quorum."
    assert "impact" not in meta


def test_plain_items_beside_checkboxes_are_action_items(project: Path) -> None:
    source = _write(
        project,
        "cache.md",
        "# Cache outage\n\nDate: 2023-05-22\n\n## Action items\n\n"
        "- [x] Roll back config\n- Add quorum alert\n- Write runbook\n"
        "- Alerting:\n    - [ ] Alert on queue age\n",
    )
    output = imported(project, str(source))
    assert "action_items <- '## Action items' (line 5): 4 items from the list" in output
    assert _meta(_reviews(project)[0])["action_items"] == [
        {"action": "Roll back config", "status": "done"},
        {"action": "Add quorum alert"},
        {"action": "Write runbook"},
        {"action": "Alert on queue age", "status": "open"},
    ]


def test_due_cells_are_read_as_labelled_dates_or_reported(project: Path) -> None:
    source = _write(
        project,
        "cache.md",
        "# Cache outage\n\nDate: 2023-03-22\n\n## Action items\n\n"
        "| Action | Owner | Due |\n|---|---|---|\n"
        "| Add quorum alert | @a | 04/15/2023 |\n| Write runbook | @b | 15.04.2023 |\n"
        "| Fix routing | @c | ~~2023-04-01~~ 2023-04-15 |\n| Drain the queue | @d | Q3 |\n",
    )
    output = imported(project, str(source))
    items = _meta(_reviews(project)[0])["action_items"]
    assert [str(item.get("due")) for item in items] == ["2023-04-15"] * 3 + ["None"]
    assert (
        "note: '## Action items' (line 12): the due date of 'Drain the queue' is left out: "
        "'Q3' is not a date retro can read; it stays in the body, not guessed"
    ) in output
    assert "| Drain the queue | @d | Q3 |" in _reviews(project)[0].read_text(encoding="utf-8")


def test_owners_and_due_dates_of_list_items_are_read_off_the_action(project: Path) -> None:
    source = _write(
        project,
        "cache.md",
        "# Cache outage\nDate: 2023-05-22\n## Action items\n"
        "- Add quorum alert (owner: Jo Kim, due: 2023-06-15)\n"
        "- Add canary stage — Owner: Nina — Due: 2023-06-01\n"
        "- Fix alert routing - @priya - 2023-06-20\n"
        "- [ ] Alert on webhook queue age (owner: Payments, due 2023-11-01)\n"
        "- Ask @sam about the pager - due: next sprint\n",
    )
    output = imported(project, str(source))
    review = _reviews(project)[0]
    assert [
        (item["action"], item.get("owner"), str(item.get("due")))
        for item in _meta(review)["action_items"]
    ] == [
        ("Add quorum alert", "Jo Kim", "2023-06-15"),
        ("Add canary stage", "Nina", "2023-06-01"),
        ("Fix alert routing", "@priya", "2023-06-20"),
        ("Alert on webhook queue age", "Payments", "2023-11-01"),
        ("Ask @sam about the pager", None, "None"),
    ]
    assert (
        "note: '## Action items' (line 8): the due date of 'Ask @sam about the pager' is left "
        "out: 'next sprint' is not a date retro can read; it stays in the body, not guessed"
    ) in output
    assert "- Fix alert routing - @priya - 2023-06-20\n" in review.read_text(encoding="utf-8")


def test_action_columns_are_guessed_from_their_names_and_contents(project: Path) -> None:
    issues = _write(
        project,
        "issues.md",
        "# Cache outage\n\nDate: 2023-05-22\n\n## Follow-up tasks\n\n"
        "| Issue | Owner | Due |\n|---|---|---|\n"
        "| Add quorum alert | Ann <br> Bob | 2023-06-01 |\n"
        "| Fix routing | [Ann](mailto:ann@example.com) | 2023-06-02 |\n",
    )
    dated = _write(
        project,
        "dated.md",
        "# Queue outage\n\nDate: 2023-05-23\n\n## Action items\n\n"
        "| Date | Action | Owner | Due |\n|---|---|---|---|\n"
        "| 2023-05-23 | Alert on queue age | Payments | 2023-06-15 |\n",
    )
    output = imported(project, str(issues), str(dated))
    assert "action_items <- '## Follow-up tasks' (line 5): 2 items from the table" in output
    assert "not found: what_went_wrong, impact.summary, root_cause, lessons\n" in output
    cache, queue = (_meta(p)["action_items"] for p in _reviews(project))
    assert cache == [
        {"action": "Add quorum alert", "owner": "Ann, Bob", "due": date(2023, 6, 1)},
        {"action": "Fix routing", "owner": "Ann", "due": date(2023, 6, 2)},
    ]
    assert queue == [
        {"action": "Alert on queue age", "owner": "Payments", "due": date(2023, 6, 15)}
    ]


def test_html_entities_in_action_items_are_decoded(project: Path) -> None:
    source = _write(
        project,
        "cache.md",
        "# Cache outage\n\nDate: 2023-05-22\n\n## Action items\n\n"
        "| Action | Owner |\n|---|---|\n| Fix routing &mdash; again | Ann &amp; Bob |\n"
        "| Escape `&lt;br&gt;` in names | R&amp;D |\n",
    )
    imported(project, str(source))
    review = _reviews(project)[0]
    assert _meta(review)["action_items"] == [
        {"action": "Fix routing — again", "owner": "Ann & Bob"},
        {"action": "Escape `&lt;br&gt;` in names", "owner": "R&D"},
    ]
    assert "| Fix routing &mdash; again | Ann &amp; Bob |" in review.read_text(encoding="utf-8")
