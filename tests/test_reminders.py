"""`retro init --reminders`: the scheduled reminder of overdue action items.

The workflow files are checked against the platforms' schemas (check-jsonschema's vendored
copies, no network), and their scripts are run for real on a library with overdue items,
with stand-ins for gh and glab that keep the forge's issues in a JSON file: the issue
"Overdue review actions" is created, then edited, then closed when nothing is overdue.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from follow_library import A, C, write_library
from retro_reviews.init import REMINDER_FILES, InitOptions, init_project, render_ci_file
from test_ci_files import invocations, resolve, shell_lines

BIN = Path(sys.executable).parent
TITLE = "Overdue review actions"

# A forge with issues in $FORGE_STATE; answers the gh and glab calls the reminders make.
FAKE_FORGE = r"""#!PYTHON
import json, os, sys
state_path = os.environ["FORGE_STATE"]
state = json.load(open(state_path)) if os.path.exists(state_path) else {"issues": [], "calls": []}
tool, args = os.path.basename(sys.argv[0]), sys.argv[1:]
state["calls"].append([tool, *args])

def option(name):
    return args[args.index(name) + 1] if name in args else None

def body():
    if option("--body-file"):
        return open(option("--body-file")).read()
    return option("--description")

def issue(number):
    return next(i for i in state["issues"] if i["number"] == int(number))

assert args[0] == "issue", args
verb = args[1]
if verb == "list":
    found = [i for i in state["issues"] if i["state"] == "open"]
    if tool == "gh":  # --jq selects the issues titled exactly $TITLE
        print("\n".join(str(i["number"]) for i in found if i["title"] == os.environ["TITLE"]))
    else:
        print(json.dumps([{"iid": i["number"], "title": i["title"]} for i in found]))
elif verb == "create":
    number = len(state["issues"]) + 1
    state["issues"].append(
        {"number": number, "title": option("--title"), "body": body(), "state": "open"}
    )
elif verb in ("edit", "update"):
    issue(args[2])["body"] = body()
elif verb == "close":
    issue(args[2])["state"] = "closed"
else:
    sys.exit(f"unexpected call {args}")
json.dump(state, open(state_path, "w"))
"""


def load(text: str) -> Any:
    return yaml.safe_load(text)


@pytest.fixture
def forge(tmp_path: Path) -> Path:
    fake = tmp_path / "fakebin"
    fake.mkdir()
    for tool in ("gh", "glab"):
        path = fake / tool
        path.write_text(FAKE_FORGE.replace("PYTHON", sys.executable), encoding="utf-8")
        path.chmod(0o755)
    return tmp_path / "forge.json"


def run_script(script: str, cwd: Path, forge: Path, env: dict[str, str]) -> None:
    environment = {
        **os.environ,
        **env,
        "PATH": f"{forge.parent / 'fakebin'}:{BIN}:/usr/bin:/bin",
        "FORGE_STATE": str(forge),
    }
    done = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def github_run(project: Path, forge: Path, summary: Path) -> None:
    workflow = load(render_ci_file("github-reminders.yml"))
    for step in workflow["jobs"]["overdue"]["steps"]:
        if "run" not in step or step.get("name") == "Install retro":
            continue
        env = {k: str(v) for k, v in step.get("env", {}).items()}
        run_script(step["run"], project, forge, {**env, "GITHUB_STEP_SUMMARY": str(summary)})


def gitlab_run(project: Path, forge: Path) -> None:
    job = load(render_ci_file("gitlab-reminders.yml"))["overdue-review-actions"]
    env = {k: str(v) for k, v in job["variables"].items()}
    env["CI_PROJECT_PATH"] = "team/reviews"
    run_script("\n".join(job["script"]), project, forge, env)


def issues(forge: Path) -> list[dict[str, Any]]:
    return json.loads(forge.read_text())["issues"]


@pytest.fixture
def library(project: Path) -> Path:
    write_library(project)
    return project


@pytest.mark.parametrize("platform", ["github", "gitlab"])
def test_the_issue_is_created_edited_and_closed(
    platform: str, library: Path, forge: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("")

    def run() -> None:
        if platform == "github":
            github_run(library, forge, summary)
        else:
            gitlab_run(library, forge)

    run()  # 2026-06-01: two items overdue
    (issue,) = issues(forge)
    assert issue["title"] == TITLE and issue["state"] == "open"
    assert A in issue["body"] and C in issue["body"]
    if platform == "github":
        assert summary.read_text() == issue["body"]
        assert summary.read_text().startswith("## Overdue action items on 2026-06-01\n")

    monkeypatch.setenv("RETRO_TODAY", "2026-05-10")  # one overdue: the same issue is edited
    run()
    (issue,) = issues(forge)
    assert A in issue["body"] and C not in issue["body"] and issue["state"] == "open"

    monkeypatch.setenv("RETRO_TODAY", "2026-04-01")  # none overdue: closed
    run()
    (issue,) = issues(forge)
    assert issue["state"] == "closed"

    run()  # still none: nothing more to do, and no new issue
    assert len(issues(forge)) == 1
    verbs = [call[2] for call in json.loads(forge.read_text())["calls"]]
    assert verbs == ["list", "create", "list", verbs[3], "list", "close", "list"]
    assert verbs[3] in ("edit", "update")


@pytest.mark.parametrize(
    ("schema", "target"),
    [
        ("vendor.github-workflows", ".github/workflows/review-reminders.yml"),
        ("vendor.gitlab-ci", ".gitlab/review-reminders.yml"),
    ],
)
def test_valid_for_the_platform(schema: str, target: str, tmp_path: Path) -> None:
    pytest.importorskip("check_jsonschema")
    forge = "github" if target.startswith(".github/") else "gitlab"
    init_project(tmp_path, InitOptions(ci=forge, reminders=True))
    done = subprocess.run(
        [str(BIN / "check-jsonschema"), "--builtin-schema", schema, str(tmp_path / target)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("data_name", sorted(REMINDER_FILES.values()))
def test_the_retro_commands_exist(data_name: str) -> None:
    document = load(render_ci_file(data_name))
    lines = [line.strip() for line in shell_lines(document) if line.strip().startswith("retro ")]
    found = [argv for line in lines for argv in invocations(line.split(">")[0])]
    assert found == [
        ["retro", "actions", "--overdue", "--format", "markdown"],
        ["retro", "actions", "--overdue", "--format", "json"],
    ]
    for argv in found:
        resolve(argv)


def test_github_schedule_and_permissions() -> None:
    workflow = load(render_ci_file("github-reminders.yml"))
    triggers = workflow[True] if True in workflow else workflow["on"]
    assert triggers["schedule"] == [{"cron": "0 7 * * 1"}]
    assert workflow["permissions"] == {"contents": "read", "issues": "write"}


def test_written_only_with_reminders(tmp_path: Path) -> None:
    plain = init_project(tmp_path / "plain", InitOptions(ci="github"))
    assert not set(REMINDER_FILES) & set(plain.created)
    again = init_project(tmp_path / "plain", InitOptions(ci="github", reminders=True))
    # added to a project already set up, for its forge only
    assert again.created == [".github/workflows/review-reminders.yml"]
    gitlab = init_project(tmp_path / "gitlab", InitOptions(ci="gitlab", reminders=True))
    assert ".gitlab/review-reminders.yml" in gitlab.created
    assert ".github/workflows/review-reminders.yml" not in gitlab.created
    none = init_project(tmp_path / "none", InitOptions(ci="none", reminders=True))
    assert not set(REMINDER_FILES) & set(none.created)


def test_reminders_without_a_forge_say_how_to_name_one(tmp_path: Path) -> None:
    # No git remote: nothing to run the reminder on. Asking for it says so, instead of only
    # "Nothing to change".
    from click.testing import CliRunner

    from retro_reviews.cli import cli

    target = tmp_path / "lib"
    assert CliRunner().invoke(cli, ["init", str(target)]).exit_code == 0
    result = CliRunner().invoke(cli, ["init", str(target), "--reminders"])
    assert result.exit_code == 0, result.output
    assert (
        "Reminders: not written, as there is no forge to run them; "
        "`retro init --reminders --ci github` or `--ci gitlab` writes them."
    ) in result.output
    assert not any((target / name).exists() for name in REMINDER_FILES)
