"""The follow-through commands on a library with known figures (see follow_library.py)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
import yaml

from follow_library import A, B, C, D, write_library
from golden import assert_golden

CONTACT = "Reply to this email, or call us on 0800 000 000 (weekdays, 8:00 to 18:00)."


@pytest.fixture
def library(project: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("COLUMNS", "80")  # `retro show` wraps to the terminal's width
    (project / "retro.yml").write_text(f'contact: "{CONTACT}"\n', encoding="utf-8")
    write_library(project)
    return project


def ids_in(output: str) -> list[str]:
    return [row["id"] for row in csv.DictReader(io.StringIO(output))]


# ----------------------------------------------------------------------------- list


def test_list_shows_every_status_newest_first(library, retro) -> None:
    result = retro("list", "--format", "csv")
    assert result.exit_code == 0, result.output
    assert ids_in(result.output) == [D, C, B, A]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--status", "draft"], [D]),
        (["--status", "published", "--kind", "incident"], [A]),
        (["--severity", "low", "--severity", "high"], [C, A]),
        (["--area", "CHECKOUT"], [C, A]),
        (["--tag", "deploy"], [B, A]),
        (["--since", "2026-03-05", "--until", "2026-05-20"], [C, B]),
        (["--kind", "near-miss", "--tag", "deploy"], []),
    ],
)
def test_list_filters(library, retro, args, expected) -> None:
    result = retro("list", "--format", "csv", *args)
    assert result.exit_code == 0, result.output
    assert ids_in(result.output) == expected


def test_list_json_is_the_review_record(library, retro) -> None:
    document = json.loads(retro("list", "--format", "json", "--kind", "customer-mistake").output)
    assert document["version"] == 1
    (record,) = document["reviews"]
    assert record["id"] == B
    assert record["path"] == f"reviews/2026/{B}.md"
    assert record["impact"] == {
        "summary": (
            "Twelve customers received an incomplete order and had to contact us to get the "
            "missing item."
        ),
        "customers_affected": 12,
        "cost": "€300 in extra shipping",
    }
    assert record["timeline"]["time_to_detect_seconds"] == 4 * 3600
    assert record["timeline"]["time_to_resolve_seconds"] == 24 * 3600
    assert record["responders"] == ["Packing shift"]
    assert record["links"] == [
        {"title": "Internal ticket", "url": "https://tracker.example.com/WH-11"}
    ]
    assert record["action_items"] == 2


def test_list_table_when_piped_is_plain_text(library, retro) -> None:
    result = retro("list", "--kind", "incident")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].split() == ["Review", "Status", "Kind", "Severity", "Areas", "Tags"]
    assert lines[1].split()[:4] == [D, "draft", "incident", "critical"]
    assert "\x1b" not in result.output and "─" not in result.output


def test_list_markdown(library, retro) -> None:
    result = retro("list", "--format", "markdown", "--status", "draft")
    assert result.output == (
        "## Reviews\n\n"
        "| Review | Status | Kind | Severity | Areas | Tags |\n"
        "|---|---|---|---|---|---|\n"
        f"| {D} | draft | incident | critical | search | indexing |\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--since", "2026-13-01"], "'2026-13-01' is not a date; use YYYY-MM-DD"),
        (["--until", "yesterday"], "'yesterday' is not a date; use YYYY-MM-DD"),
        (["--since", "2026-05-01", "--until", "2026-04-01"], "is after --until 2026-04-01"),
        (["--format", "yaml"], "'yaml' is not one of"),
    ],
)
def test_list_bad_input_exits_2(library, retro, args, message) -> None:
    result = retro("list", *args)
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_unreadable_files_are_counted_on_stderr(library, retro) -> None:
    (library / "reviews/2026/2026-04-01-broken.md").write_text("---\ntitle: [\n---\n")
    result = retro("list", "--format", "csv")
    assert result.exit_code == 0
    assert ids_in(result.stdout) == [D, C, B, A]
    assert "1 review file could not be read and is left out" in result.stderr


# ----------------------------------------------------------------------------- show


def test_show_summarises_a_review(library, retro) -> None:
    result = retro("show", B)
    assert result.exit_code == 0, result.output
    assert_golden("follow/show.txt", result.output)


def test_show_marks_overdue_items_and_takes_a_unique_beginning(library, retro) -> None:
    result = retro("show", "2026-01-10")
    assert result.exit_code == 0
    assert "[OVERDUE] Validate config in the pipeline (Platform team, due 2026-05-01)" in (
        result.output
    )
    assert "[done] Alert on checkout errors" in result.output


def test_show_json(library, retro) -> None:
    record = json.loads(retro("show", C, "--format", "json").output)
    assert record["id"] == C and record["kind"] == "near-miss"


@pytest.mark.parametrize(
    ("wanted", "message"),
    [
        ("2026-01-10-checkout-errors", None),
        (
            "2026-01-10-checkout-erors-after-a-config-deploy",
            f"Error: no review has the id '2026-01-10-checkout-erors-after-a-config-deploy'; "
            f"did you mean {A}?",
        ),
        ("2026-0", "begins several review ids"),
        ("nothing-like-it", "Error: no review has the id 'nothing-like-it'; `retro list` shows"),
    ],
)
def test_show_unknown_id(library, retro, wanted, message) -> None:
    result = retro("show", wanted)
    if message is None:
        assert result.exit_code == 0
        return
    assert result.exit_code == 2
    assert message in result.output


# ----------------------------------------------------------------------------- actions


def action_rows(output: str) -> list[tuple[str, str, str]]:
    return [
        (row["due"], row["status"], row["action"]) for row in csv.DictReader(io.StringIO(output))
    ]


def test_actions_of_the_shown_reviews_by_due_date(library, retro) -> None:
    result = retro("actions", "--format", "csv")
    assert result.exit_code == 0
    assert action_rows(result.output) == [
        ("2026-02-01", "done", "Alert on checkout errors"),
        ("2026-05-01", "overdue", "Validate config in the pipeline"),
        ("2026-05-20", "done", "Show the number of items on the packing screen"),
        ("2026-05-25", "overdue", "Clear the printer's address cache nightly"),
        ("2026-07-01", "open", "Weigh every parcel against the order's expected weight"),
    ]  # D is a draft: not on the site, not here


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--open"], ["2026-05-01", "2026-05-25", "2026-07-01"]),
        (["--overdue"], ["2026-05-01", "2026-05-25"]),
        (["--owner", "WAREHOUSE team"], ["2026-05-20", "2026-07-01"]),
        (["--owner", "Platform team", "--open"], ["2026-05-01", "2026-05-25"]),
        (["--due-before", "2026-05-20"], ["2026-02-01", "2026-05-01"]),
    ],
)
def test_actions_filters(library, retro, args, expected) -> None:
    result = retro("actions", "--format", "csv", *args)
    assert [due for due, _, _ in action_rows(result.output)] == expected


def test_actions_overdue_is_judged_against_retro_today(library, retro, monkeypatch) -> None:
    monkeypatch.setenv("RETRO_TODAY", "2026-05-10")
    result = retro("actions", "--overdue", "--format", "csv")
    assert [due for due, _, _ in action_rows(result.output)] == ["2026-05-01"]


def test_actions_json(library, retro) -> None:
    document = json.loads(retro("actions", "--overdue", "--format", "json").output)
    assert document["version"] == 1 and document["today"] == "2026-06-01"
    assert document["action_items"][0] == {
        "review_id": A,
        "review_title": "Checkout errors after a config deploy",
        "index": 0,
        "action": "Validate config in the pipeline",
        "owner": "Platform team",
        "due": "2026-05-01",
        "status": "open",
        "overdue": True,
        "type": None,
        "link": None,
    }


def test_actions_overdue_markdown(library, retro) -> None:
    result = retro("actions", "--overdue", "--format", "markdown")
    assert_golden("follow/actions-overdue.md", result.output)


def test_actions_overdue_markdown_when_none(project, retro) -> None:
    result = retro("actions", "--overdue", "--format", "markdown")
    assert result.output == (
        "## Overdue action items on 2026-06-01\n\nNo overdue action items on 2026-06-01.\n"
    )


# ----------------------------------------------------------------------------- checklist


def test_every_checklist_with_count_and_last_change(library, retro) -> None:
    result = retro("checklist", "--format", "csv")
    assert result.output == (
        "checklist,items,changes,last_change\n"
        "Deploy checklist,1,2,2026-03-05\n"
        "Pick and pack,1,3,2026-05-20\n"
    )


def test_a_checklist_as_it_stands_now(library, retro) -> None:
    result = retro("checklist", "DEPLOY checklist", "--format", "json")
    assert json.loads(result.output) == {
        "version": 1,
        "checklist": "Deploy checklist",
        "items": [
            {
                "number": 1,
                "item": "Run the config validator on staging and production",
                "added_by": A,
                "changed_by": B,
                "changed_on": "2026-03-05",
            }
        ],
    }


def test_checklist_markdown_for_a_runbook(library, retro) -> None:
    result = retro("checklist", "Pick and pack", "--format", "markdown")
    assert result.output == (
        "## Pick and pack\n\n"
        "- [ ] Scan each item and weigh the box _(added on 2026-05-20 by review "
        f"{C})_\n"
    )


def test_checklist_since_shows_only_the_changes_since(library, retro) -> None:
    result = retro("checklist", "pick and pack", "--since", "2026-05-01", "--format", "csv")
    assert result.output == (
        "date,change,item,was,review_id\n"
        f"2026-05-20,removed,Scan each item,,{C}\n"
        f"2026-05-20,added,Scan each item and weigh the box,,{C}\n"
    )
    every = retro("checklist", "--since", "2026-05-01", "--format", "csv")
    assert every.output == "checklist,items,changes,last_change\nPick and pack,1,2,2026-05-20\n"


def test_unknown_checklist_exits_2(library, retro) -> None:
    result = retro("checklist", "Deploy chekclist")
    assert result.exit_code == 2
    assert (
        "Error: no checklist named 'Deploy chekclist'; did you mean 'Deploy checklist'? "
        "checklists: Deploy checklist, Pick and pack"
    ) in result.output


# ----------------------------------------------------------------------------- stats


def test_stats_known_figures(library, retro) -> None:
    stats = json.loads(retro("stats", "--format", "json").output)["stats"]
    assert stats["reviews"] == 3  # the draft is not on the site
    assert stats["by_kind"] == {"incident": 1, "customer-mistake": 1, "near-miss": 1}
    assert stats["by_severity"] == {"low": 1, "medium": 1, "high": 1, "critical": 0}
    assert stats["by_area"] == {"checkout": 2, "platform": 1, "warehouse": 1}
    assert stats["time_to_detect"] == {"seconds": 2 * 3600 + 15 * 60, "over": 2}
    assert stats["time_to_resolve"] == {"seconds": 13 * 3600, "over": 2}
    assert stats["contributing_factors"] == [
        {"name": "Config not validated", "reviews": 2},
        {"name": "Time pressure", "reviews": 1},
    ]
    assert stats["tags"] == [{"name": "deploy", "reviews": 2}, {"name": "picking", "reviews": 1}]
    assert stats["checklists"] == [
        {"name": "Deploy checklist", "reviews": 2, "changes": {"add": 1, "reword": 1}},
        {"name": "Pick and pack", "reviews": 2, "changes": {"add": 2, "remove": 1}},
    ]
    assert stats["action_items"] == {"open": 3, "overdue": 2, "done": 2}


def test_stats_window(library, retro) -> None:
    document = json.loads(retro("stats", "--since", "2026-03-01", "--format", "json").output)
    assert document["since"] == "2026-03-01" and document["until"] is None
    stats = document["stats"]
    assert stats["reviews"] == 2
    assert stats["time_to_detect"] == {"seconds": 4 * 3600, "over": 1}
    assert stats["action_items"] == {"open": 2, "overdue": 1, "done": 1}


def test_stats_table_and_csv(library, retro) -> None:
    assert_golden("follow/stats.txt", retro("stats").output)
    rows = list(csv.reader(io.StringIO(retro("stats", "--format", "csv").output)))
    assert rows[0] == ["section", "name", "value"]
    assert ["timing", "median time to detect", "2 h 15 min"] in rows
    assert ["checklist", "Pick and pack", "2 add, 1 remove"] in rows


def test_stats_count_a_review_without_a_severity_as_not_given(library, retro) -> None:
    # An imported review often gives no severity: counted as such, last, never as `other`.
    from follow_library import REVIEWS

    meta = {**REVIEWS[C], "title": "Old outage", "date": "2026-04-02", "status": "imported"}
    del meta["severity"]
    path = library / "reviews" / "2026" / "2026-04-02-old-outage.md"
    front = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=1000)
    path.write_text(f"---\n{front}---\n\nAs written then.\n", encoding="utf-8")
    stats = json.loads(retro("stats", "--format", "json").output)["stats"]
    assert stats["by_severity"] == {
        **{"low": 1, "medium": 1, "high": 1, "critical": 0},
        "not given": 1,
    }
    assert list(stats["by_severity"])[-1] == "not given"
    rows = list(csv.reader(io.StringIO(retro("stats", "--format", "csv").output)))
    assert ["severity", "not given", "1"] in rows
    assert "other" not in {name for section, name, _ in rows if section == "severity"}
    table = retro("stats").output.split("By severity\n", 1)[1].split("\n\n", 1)[0]
    assert table.splitlines()[-1].split() == ["not", "given", "1"]


# ----------------------------------------------------------------------------- export


def test_export_json_has_the_three_tables(library, retro) -> None:
    document = json.loads(retro("export").output)
    assert [r["id"] for r in document["reviews"]] == [A, B, C, D]  # every status
    assert len(document["action_items"]) == 6
    assert len(document["checklist_changes"]) == 5
    assert document["checklist_changes"][1] == {
        "review_id": B,
        "review_date": "2026-03-05",
        "index": 0,
        "checklist": "Deploy checklist",
        "change": "reword",
        "item": "Run the config validator on staging and production",
        "was": "Run the config validator",
        "ref": None,
    }


def test_export_csv_writes_three_files(library, retro, tmp_path) -> None:
    out = tmp_path / "export"
    result = retro("export", "--format", "csv", "--output", str(out))
    assert result.exit_code == 0, result.output
    reviews = list(csv.DictReader((out / "reviews.csv").open(encoding="utf-8")))
    assert [r["id"] for r in reviews] == [A, B, C, D]
    assert reviews[0]["areas"] == "checkout; platform"
    assert reviews[1]["impact_customers_affected"] == "12"
    assert reviews[1]["links"] == "Internal ticket <https://tracker.example.com/WH-11>"
    actions = list(csv.DictReader((out / "action_items.csv").open(encoding="utf-8")))
    assert [a["overdue"] for a in actions] == ["true", "false", "false", "false", "true", "true"]
    changes = (out / "checklist_changes.csv").read_text(encoding="utf-8").splitlines()
    assert changes[0] == "review_id,review_date,index,checklist,change,item,was,ref"
    assert len(changes) == 6


def test_export_csv_of_an_empty_library_has_headers(project, retro, tmp_path) -> None:
    out = tmp_path / "export"
    assert retro("export", "--format", "csv", "-o", str(out)).exit_code == 0
    assert (out / "reviews.csv").read_text().startswith("id,path,title,date,status,")
    assert (out / "action_items.csv").read_text().startswith("review_id,review_title,index,")


def test_export_csv_needs_a_folder(library, retro, tmp_path) -> None:
    result = retro("export", "--format", "csv")
    assert result.exit_code == 2
    assert "give --output FOLDER" in result.output
    afile = tmp_path / "a-file"
    afile.write_text("keep")
    result = retro("export", "--format", "csv", "--output", str(afile))
    assert result.exit_code == 2 and f"{afile} is a file" in result.output
    assert afile.read_text() == "keep"


# ----------------------------------------------------------------------------- digest


def test_digest(library, retro) -> None:
    result = retro("digest", "--since", "2026-05-01")
    assert result.exit_code == 0, result.output
    assert_golden("follow/digest.md", result.output)


def test_digest_says_when_a_change_was_not_applied_as_retro_checklist_does(library, retro) -> None:
    # A remove of an item the checklist never held, an add of one it already holds and a
    # reword that does not say what it rewords: each is said, in the same words.
    from follow_library import REVIEWS

    weigh = "Scan each item and weigh the box"
    meta = {
        **REVIEWS[C],
        "title": "Bell rung twice",
        "date": "2026-05-25",
        "checklist_changes": [
            {"checklist": "Pick and pack", "change": "remove", "item": "Ring the bell"},
            {"checklist": "Pick and pack", "change": "add", "item": weigh},
            {"checklist": "Pick and pack", "change": "reword", "item": "Ring the bell twice"},
        ],
    }
    review_id = "2026-05-25-bell-rung-twice"
    path = library / "reviews" / "2026" / f"{review_id}.md"
    front = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=1000)
    path.write_text(f"---\n{front}---\n\nText.\n", encoding="utf-8")
    checklist = retro("checklist", "Pick and pack", "--since", "2026-05-25", "--format", "csv")
    assert checklist.output.splitlines()[1:] == [
        f"2026-05-25,removed (not on the checklist then),Ring the bell,,{review_id}",
        f"2026-05-25,added (already on the checklist),{weigh},,{review_id}",
        f"2026-05-25,reworded (no earlier wording given),Ring the bell twice,,{review_id}",
    ]
    digest = retro("digest", "--since", "2026-05-25").output
    assert (
        "- Pick and pack: removed (not on the checklist then) “Ring the bell” "
        f"(2026-05-25, `{review_id}`)\n"
        f"- Pick and pack: added (already on the checklist) “{weigh}” (2026-05-25, `{review_id}`)\n"
        "- Pick and pack: reworded (no earlier wording given) “Ring the bell twice” "
        f"(2026-05-25, `{review_id}`)\n"
    ) in digest


def test_digest_needs_since(library, retro) -> None:
    result = retro("digest")
    assert result.exit_code == 2
    assert "give --since YYYY-MM-DD" in result.output
    result = retro("digest", "--since", "last week")
    assert result.exit_code == 2 and "'last week' is not a date" in result.output


def test_export_has_the_format_v2_fields(library, retro) -> None:
    path = library / "reviews/2026" / f"{C}.md"
    text = path.read_text(encoding="utf-8").replace(
        "status: published\n",
        "status: imported\n"
        "detection: {method: staff, summary: A packer saw an old address on a label.}\n"
        "no_checklist_change: The printer's cache is the only cause.\n"
        "links: ['https://chat.example.com/t/42', {title: Ticket, url: 'https://t.example.com/9'}]\n"
        "source: {path: old/label-printer.docx, imported: 2026-05-30, sha256: abc123}\n",
        1,
    )
    text = text.replace("status: open\n", "status: open\n  type: prevent\n")
    text = text.replace(
        "tags: []\n",
        "tags: []\ntimeline:\n  events:\n"
        "  - {at: '2026-05-20T09:00:00Z', what: First label with an old address}\n",
    )
    path.write_text(text, encoding="utf-8")
    document = json.loads(retro("export").output)
    record = next(r for r in document["reviews"] if r["id"] == C)
    assert record["status"] == "imported"
    assert record["detection"] == {
        "method": "staff",
        "summary": "A packer saw an old address on a label.",
    }
    assert record["no_checklist_change"] == "The printer's cache is the only cause."
    assert record["links"] == [
        {"title": None, "url": "https://chat.example.com/t/42"},
        {"title": "Ticket", "url": "https://t.example.com/9"},
    ]
    assert record["source"] == {
        "path": "old/label-printer.docx",
        "imported": "2026-05-30",
        "sha256": "abc123",
    }
    assert record["timeline"]["events"] == [
        {"at": "2026-05-20T09:00:00+00:00", "what": "First label with an old address"}
    ]
    action = next(a for a in document["action_items"] if a["review_id"] == C)
    assert action["type"] == "prevent"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--status", "done"], "'done' is not one of 'draft', 'in-review', 'published'"),
        (
            ["--kind", "incidnet"],
            "'incidnet' is not a kind; configured kinds: incident, customer-mistake, near-miss",
        ),
        (["--severity", "SEV9"], "'SEV9' is not a severity; configured levels: low, medium"),
    ],
)
def test_list_unknown_filter_values_exit_2(library, retro, args, message) -> None:
    result = retro("list", *args)
    assert result.exit_code == 2
    assert message in result.output


def test_list_severity_through_an_alias(library, retro) -> None:
    (library / "retro.yml").write_text("severity_aliases: {SEV1: critical, SEV2: high}\n")
    assert ids_in(retro("list", "--format", "csv", "--severity", "SEV2").output) == [A]


def test_show_a_review_that_cannot_be_read(library, retro) -> None:
    (library / "reviews/2026/2026-04-01-broken.md").write_text("---\ntitle: [\n---\n")
    result = retro("show", "2026-04-01-broken")
    assert result.exit_code == 2
    assert "reviews/2026/2026-04-01-broken.md cannot be read (" in result.output
    assert "`retro check` says more" in result.output


def test_an_action_item_without_a_status_is_unknown_not_open(library, retro) -> None:
    # An imported review's items often give no status: shown as unknown everywhere, never
    # as open by guess (still listed among the items not done, to be followed up).
    from follow_library import REVIEWS

    meta = {
        **REVIEWS[C],
        "title": "Old newsletter sent twice",
        "date": "2026-04-02",
        "status": "imported",
        "action_items": [{"action": "Lock the send button", "owner": "Editorial lead"}],
    }
    path = library / "reviews" / "2026" / "2026-04-02-old-newsletter-sent-twice.md"
    front = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=1000)
    path.write_text(f"---\n{front}---\n\nAs written then.\n", encoding="utf-8")
    rows = action_rows(retro("actions", "--format", "csv").output)
    assert ("", "unknown", "Lock the send button") in rows
    assert "open" not in {status for _, status, action in rows if action == "Lock the send"}
    shown = retro("show", "2026-04-02-old-newsletter-sent-twice").output
    assert "[unknown] Lock the send button (Editorial lead)" in shown, shown
    document = json.loads(retro("actions", "--format", "json").output)
    record = next(r for r in document["action_items"] if r["action"] == "Lock the send button")
    assert record["status"] is None and record["overdue"] is False
    assert "Lock the send button" in [
        a for _, _, a in action_rows(retro("actions", "--open", "--format", "csv").output)
    ]


def test_stats_tables_say_when_they_list_only_the_first_ten(library, retro) -> None:
    # Thirteen areas: the table lists ten and says how many more there are; JSON has all.
    from follow_library import REVIEWS

    areas = [f"area-{n:02d}" for n in range(13)]
    meta = {**REVIEWS[C], "title": "Many areas", "date": "2026-04-02", "areas": areas}
    path = library / "reviews" / "2026" / "2026-04-02-many-areas.md"
    front = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=1000)
    path.write_text(f"---\n{front}---\n\nText.\n", encoding="utf-8")
    for args in (["stats"], ["stats", "--format", "markdown"]):
        output = retro(*args).output
        assert "more (--format json or csv lists all)" in output, args
    stats = json.loads(retro("stats", "--format", "json").output)["stats"]
    assert len(stats["by_area"]) >= 13
