"""``retro init``: an empty folder becomes a working library; nothing is ever overwritten."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from conftest import git
from retro_reviews.cli import cli
from retro_reviews.forge import remote_host
from retro_reviews.init import CI_FILES, render_ci_file

RETRO = Path(sys.executable).parent / "retro"
MKDOCS = Path(sys.executable).parent / "mkdocs"
COMMON = [
    "reviews/",
    "docs/",
    "templates/customer-mistake.md.j2",
    "templates/incident.md.j2",
    "templates/near-miss.md.j2",
    "templates/statement.md.j2",
    "mkdocs.yml",
    ".gitignore",
]
GITHUB = [".github/workflows/reviews.yml", ".github/pull_request_template.md"]
NEXT = (
    "Next:\n"
    '  retro new "What happened, in a few words" --kind incident\n'
    "  retro check\n"
    "  retro serve\n"
)
NO_CI = (
    "CI: no CI file (no git remote); `retro init --ci github` or `retro init --ci gitlab` "
    "writes one.\n"
)


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def repo_with_remote(folder: Path, url: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    git(folder, "init", "-q", "-b", "main")
    git(folder, "remote", "add", "origin", url)
    return folder


def listing(title: str, names: list[str]) -> str:
    return title + "\n" + "".join(f"  {name}\n" for name in names)


def test_init_creates_everything_in_a_new_folder(tmp_path: Path) -> None:
    target = tmp_path / "acme-support"
    result = run("init", str(target))
    assert result.exit_code == 0
    assert result.output == (
        listing(f"Created in {target}:", [*COMMON, ".pre-commit-config.yaml"])
        + NO_CI
        + NEXT.replace("Next:\n", f"Next:\n  cd {target}\n")
    )
    assert (target / "reviews/.gitkeep").read_text() == ""
    assert (target / "docs/.gitkeep").is_file()
    assert (target / ".gitignore").read_text() == "site/\n"
    assert not (target / ".github").exists()
    assert not (target / ".gitlab-ci.yml").exists()


@pytest.mark.parametrize(
    ("url", "forge", "files"),
    [
        ("git@github.com:acme/reviews.git", "GitHub", GITHUB),
        ("https://github.com/acme/reviews", "GitHub", GITHUB),
        ("https://gitlab.com/acme/reviews.git", "GitLab", [".gitlab-ci.yml"]),
        ("ssh://git@gitlab.acme.example:2222/ops/reviews.git", "GitLab", [".gitlab-ci.yml"]),
    ],
)
def test_init_writes_the_ci_files_of_the_remotes_forge(
    tmp_path: Path, chdir, url: str, forge: str, files: list[str]
) -> None:
    repo = repo_with_remote(tmp_path / "team", url)
    chdir(repo)
    result = run("init")
    assert result.exit_code == 0, result.output
    host = remote_host(url)
    assert result.output == (
        listing("Created in .:", [*COMMON, *files, ".pre-commit-config.yaml"])
        + f"CI: {forge}, from the remote origin ({host}).\n"
        + NEXT
    )
    for target in [*files, ".pre-commit-config.yaml"]:
        assert (repo / target).read_text() == render_ci_file(CI_FILES[target])
    others = set(CI_FILES) - set(files) - {".pre-commit-config.yaml"}
    assert not any((repo / other).exists() for other in others)


def test_another_host_gets_no_ci_file(tmp_path: Path) -> None:
    repo = repo_with_remote(tmp_path / "team", "https://bitbucket.org/acme/reviews.git")
    result = run("init", str(repo))
    assert "CI: no CI file (from the remote origin (bitbucket.org)); " in result.output
    assert not (repo / ".github").exists() and not (repo / ".gitlab-ci.yml").exists()


@pytest.mark.parametrize(
    ("choice", "files"), [("github", GITHUB), ("gitlab", [".gitlab-ci.yml"]), ("none", [])]
)
def test_ci_option_overrides_the_remote(tmp_path: Path, choice: str, files: list[str]) -> None:
    repo = repo_with_remote(tmp_path / "team", "git@github.com:acme/reviews.git")
    result = run("init", str(repo), "--ci", choice)
    assert result.exit_code == 0
    written = {name for name in CI_FILES if (repo / name).exists()}
    assert written == {*files, ".pre-commit-config.yaml"}
    title = {"github": "GitHub", "gitlab": "GitLab"}.get(choice)
    if title:
        assert f"\nCI: {title}, as asked with --ci.\n" in result.output
    else:
        assert "\nCI: no CI file (as asked with --ci); " in result.output


def test_install_spec_goes_into_the_ci_files(tmp_path: Path) -> None:
    spec = "retro-reviews @ git+https://git.example.com/learning/retro@v0.2.0"
    result = run("init", str(tmp_path), "--ci", "github", "--install", spec)
    assert result.exit_code == 0, result.output
    workflow = yaml.safe_load((tmp_path / ".github/workflows/reviews.yml").read_text())
    installs = [
        step["run"]
        for job in workflow["jobs"].values()
        for step in job["steps"]
        if step.get("name") == "Install retro"
    ]
    assert installs == [f'pip install "{spec}"'] * 2


@pytest.mark.parametrize(
    "spec", ["retro", "retro==0.1.0", 'retro-reviews"; rm -rf /', "retro-reviews #x", ""]
)
def test_install_spec_must_name_retro_reviews(tmp_path: Path, spec: str) -> None:
    result = run("init", str(tmp_path / "team"), "--install", spec)
    assert result.exit_code == 2
    assert result.output.startswith(f"Error: --install {spec!r}: give a pip requirement")
    assert not (tmp_path / "team").exists()


def test_gitignore_is_appended_to_never_replaced(tmp_path: Path) -> None:
    (tmp_path / ".gitignore").write_text("node_modules/\n*.log")  # no final newline
    result = run("init", str(tmp_path))
    assert listing("Changed:", [".gitignore (added site/)"]) in result.output
    assert (tmp_path / ".gitignore").read_text() == "node_modules/\n*.log\nsite/\n"


@pytest.mark.parametrize("line", ["site/", "/site", "site", "/site/"])
def test_gitignore_that_ignores_site_is_left_alone(tmp_path: Path, line: str) -> None:
    (tmp_path / ".gitignore").write_text(f"# build\n{line}\n")
    result = run("init", str(tmp_path))
    assert "  .gitignore\n" in result.output.split("Already there, left as they were:\n")[1]
    assert (tmp_path / ".gitignore").read_text() == f"# build\n{line}\n"


def test_mkdocs_yml_configures_the_plugin(tmp_path: Path) -> None:
    run("init", str(tmp_path / "acme-support"))
    config = yaml.safe_load((tmp_path / "acme-support/mkdocs.yml").read_text())
    assert config == {
        "site_name": "Acme-support learning library",
        "docs_dir": "docs",
        "validation": {"nav": {"omitted_files": "ignore"}},
        "theme": {
            "name": "material",
            "font": False,
            "features": ["navigation.indexes", "content.action.edit"],
        },
        "plugins": [{"retro": {"show_status": ["published", "imported"]}}],
        "markdown_extensions": [{"pymdownx.tasklist": {"custom_checkbox": True}}],
    }


def test_this_repos_mkdocs_yml_ignores_omitted_files_too() -> None:
    from conftest import ROOT

    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["validation"]["nav"]["omitted_files"] == "ignore"


def test_odd_folder_names_stay_valid_yaml(tmp_path: Path) -> None:
    target = tmp_path / "ops: #1"
    run("init", str(target))
    config = yaml.safe_load((target / "mkdocs.yml").read_text())
    assert config["site_name"] == "Ops: #1 learning library"


def test_init_never_overwrites(tmp_path: Path) -> None:
    target = tmp_path / "team"
    (target / "reviews/2026").mkdir(parents=True)
    (target / "mkdocs.yml").write_text("site_name: Ours\n")
    (target / "templates").mkdir()
    (target / "templates/incident.md.j2").write_text("our template\n")
    result = run("init", str(target))
    assert result.exit_code == 0
    assert (
        listing(
            "Already there, left as they were:",
            ["reviews/", "templates/incident.md.j2", "mkdocs.yml"],
        )
        in result.output
    )
    assert (target / "mkdocs.yml").read_text() == "site_name: Ours\n"
    assert (target / "templates/incident.md.j2").read_text() == "our template\n"
    assert not (target / "reviews/.gitkeep").exists()
    assert (target / "templates/near-miss.md.j2").is_file()


def test_second_run_changes_nothing_and_says_so(tmp_path: Path) -> None:
    repo = repo_with_remote(tmp_path / "team", "git@github.com:acme/reviews.git")
    run("init", str(repo))
    before = {p: p.read_bytes() for p in repo.rglob("*") if p.is_file() and ".git/" not in str(p)}
    result = run("init", str(repo))
    assert result.exit_code == 0
    assert result.output.endswith(
        "CI: GitHub, from the remote origin (github.com).\n"
        "Nothing to change: retro is already set up here.\n"
    )
    assert "Created" not in result.output and "Changed" not in result.output
    after = {p: p.read_bytes() for p in repo.rglob("*") if p.is_file() and ".git/" not in str(p)}
    assert after == before


def test_default_is_the_current_folder(tmp_path: Path, chdir) -> None:
    chdir(tmp_path)
    result = run("init")
    assert result.output.startswith("Created in .:\n")
    assert "  cd " not in result.output
    assert (tmp_path / "mkdocs.yml").is_file()


def test_a_file_is_not_a_folder(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    result = run("init", str(tmp_path / "file"))
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_new_and_check_work_after_init(tmp_path: Path) -> None:
    target = tmp_path / "fresh"
    assert run("init", str(target)).exit_code == 0
    new = subprocess.run(
        [str(RETRO), "new", "First review", "--kind", "incident", "--date", "2026-05-01"],
        cwd=target,
        capture_output=True,
        text=True,
    )
    assert new.stdout == "reviews/2026/2026-05-01-first-review.md\n", new.stderr
    check = subprocess.run([str(RETRO), "check"], cwd=target, capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    # A fresh draft: its gaps are warnings, never errors.
    assert re.search(r"\nChecked 1 file: 0 errors, \d+ warnings\.\n$", check.stdout)
    assert "[empty-section]" in check.stdout


@pytest.mark.slow
def test_mkdocs_build_strict_works_after_init(tmp_path: Path) -> None:
    pytest.importorskip("retro_reviews.mkdocs_plugin.plugin")
    target = tmp_path / "fresh"
    assert run("init", str(target)).exit_code == 0
    new = subprocess.run(
        [str(RETRO), "new", "First review", "--kind", "incident", "--date", "2026-05-01"],
        cwd=target,
        check=True,
        capture_output=True,
        text=True,
    )
    review = target / new.stdout.strip()
    text = review.read_text(encoding="utf-8").replace("status: draft", "status: published")
    review.write_text(text + "\n## Follow-ups\n\n- [ ] Lower the TTL first\n- [x] Tell support\n")
    build = subprocess.run(
        [str(MKDOCS), "build", "--strict"], cwd=target, capture_output=True, text=True
    )
    assert build.returncode == 0, build.stderr
    assert (target / "site/index.html").is_file()
    # A task list in a review's body is a list of check boxes, not "[ ]" as text.
    page = (target / "site/reviews/2026/2026-05-01-first-review/index.html").read_text()
    assert "[ ] Lower the TTL" not in page and "[x] Tell support" not in page
    boxes = re.findall(r'<li class="task-list-item">.*?<input type="checkbox"[^>]*>', page)
    assert len(boxes) == 2 and sum("checked" in box for box in boxes) == 1, boxes
    assert "not included in the" not in build.stderr  # omitted_files: ignore
    assert "Material's search is turned off" not in build.stderr  # not listed at all


def test_a_teams_own_mkdocs_yml_is_kept_and_what_it_lacks_is_said(tmp_path: Path) -> None:
    # An MkDocs site of the team's own: kept as it is, its docs_dir used, and what the
    # library still needs in it said (the plugin; nav entries, as the plugin keeps a nav).
    target = tmp_path / "handbook"
    (target / "content").mkdir(parents=True)
    (target / "content/index.md").write_text("# Ops handbook\n")
    own = (
        "site_name: Ops handbook\ndocs_dir: content\ntheme:\n  name: material\n"
        "plugins:\n  - search\nnav:\n  - Welcome: index.md\n  - Ops:\n    - ops/on-call.md\n"
    )
    (target / "mkdocs.yml").write_text(own)
    result = run("init", str(target), "--ci", "none")
    assert result.exit_code == 0, result.output
    assert (target / "mkdocs.yml").read_text() == own
    assert not (target / "docs").exists()
    assert "  content/\n" in result.output.split("Already there, left as they were:\n")[1]
    todo = result.output.split("To do by hand:\n", 1)[1].split("Next:\n", 1)[0]
    assert todo == (
        "  mkdocs.yml does not load the retro plugin, so the site would have no library in it:"
        " add it to the plugins:\n"
        "  plugins:\n"
        "    - retro:\n"
        "        show_status: [published, imported]\n"
        "  With the plugin, the search box in the header is the library's (Pagefind) in place"
        " of Material's search; it finds the reviews and the site's own pages. Imported"
        " postmortems' task lists (- [ ] / - [x]) show as check boxes with:\n"
        "  markdown_extensions:\n"
        "    - pymdownx.tasklist:\n"
        "        custom_checkbox: true\n"
        "  mkdocs.yml has a nav: of its own, which the plugin keeps, and none of it reaches"
        " the library: add entries such as:\n"
        "  nav:\n"
        "    - Reviews: reviews/index.md\n"
        "    - Checklists: checklists/index.md\n"
        "    - Actions: actions/index.md\n"
        "    - Patterns: patterns/index.md\n"
        "    - Tags: tags/index.md\n"
        "    - Guide: guide/index.md\n"
    )
    again = run("init", str(target), "--ci", "none")
    assert "To do by hand:" in again.output  # said until it is done
    assert "Nothing to change" not in again.output


def _site_with_own_tags_page(root: Path, option: str) -> None:
    """A team's site with its own home and tags pages in its nav, and ``option`` set."""
    (root / "docs").mkdir()
    (root / "docs" / "tags.md").write_text("# Tags\n")
    (root / "docs" / "index.md").write_text("# Home\n")
    (root / "mkdocs.yml").write_text(
        f"site_name: Docs\n{option}\nnav:\n  - Home: index.md\n  - Tags: tags.md\n"
    )


def test_a_teams_site_dir_and_own_tags_page_are_followed(tmp_path: Path) -> None:
    """site_dir: public goes to .gitignore and the GitHub workflow's uploads; a docs/tags.md
    of the team's is at /tags/, so the nav suggestion leaves the library's Tags out."""
    _site_with_own_tags_page(tmp_path, "site_dir: public")
    result = run("init", str(tmp_path), "--ci", "github")
    assert result.exit_code == 0, result.output
    assert (tmp_path / ".gitignore").read_text() == "public/\n"
    workflow = (tmp_path / ".github" / "workflows" / "reviews.yml").read_text()
    assert "path: public/" in workflow and "path: site/" not in workflow
    todo = result.output.split("To do by hand:\n", 1)[1]
    assert "- Reviews: reviews/index.md" in todo and "tags/index.md" not in todo


def test_without_directory_urls_a_flat_tags_page_is_another_address(tmp_path: Path) -> None:
    """With use_directory_urls: false, docs/tags.md is tags.html, not the library's
    tags/index.html: the suggestion keeps the library's Tags."""
    _site_with_own_tags_page(tmp_path, "use_directory_urls: false")
    result = run("init", str(tmp_path), "--ci", "none")
    assert result.exit_code == 0, result.output
    assert "- Tags: tags/index.md" in result.output.split("To do by hand:\n", 1)[1]


def test_init_inside_the_docs_folder_of_a_site_above_is_refused(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: Docs\n")
    result = run("init", str(tmp_path / "docs"), "--ci", "none")
    assert result.exit_code == 2, result.output
    assert "is inside the docs folder of" in result.output
    assert f"run retro init in {tmp_path} instead" in result.output
    assert sorted(p.name for p in (tmp_path / "docs").iterdir()) == []
    # Beside the site, not in its docs folder: a library of its own is fine.
    assert run("init", str(tmp_path / "other"), "--ci", "none").exit_code == 0


def test_a_mkdocs_yml_that_cannot_be_read_is_kept_and_said(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: [unclosed\n")
    result = run("init", str(tmp_path), "--ci", "none")
    assert result.exit_code == 0
    assert (tmp_path / "mkdocs.yml").read_text() == "site_name: [unclosed\n"
    assert "To do by hand:\n  mkdocs.yml could not be read, so retro could not look into it:" in (
        result.output
    )
    assert result.output.count("could not be read") == 1
    assert "does not load the retro plugin" not in result.output  # not known, so not said


def test_a_nav_that_reaches_the_library_and_an_inherited_plugin_need_nothing(
    tmp_path: Path,
) -> None:
    (tmp_path / "base.yml").write_text("site_name: Base\nplugins:\n  - tags\n  - retro\n")
    (tmp_path / "mkdocs.yml").write_text(
        "INHERIT: base.yml\nnav:\n  - Home: index.md\n  - Learning: reviews/index.md\n"
    )
    result = run("init", str(tmp_path), "--ci", "none")
    assert result.exit_code == 0, result.output
    assert "To do by hand" not in result.output


@pytest.mark.parametrize("docs_dir", ["/elsewhere", "../outside", "mkdocs.yml", "a\\0b", "."])
def test_a_docs_dir_outside_the_project_or_not_a_folder_gets_nothing_made(
    tmp_path: Path, docs_dir: str
) -> None:
    target = tmp_path / "team"
    target.mkdir()
    (target / "mkdocs.yml").write_text(f'site_name: X\ndocs_dir: "{docs_dir}"\nplugins: [retro]\n')
    around = sorted(tmp_path.iterdir())
    result = run("init", str(target), "--ci", "none")
    assert result.exit_code == 0, result.output
    assert "is not a folder inside the project" in result.output
    assert sorted(tmp_path.iterdir()) == around  # nothing made outside
    assert not (target / "docs").exists()
