"""``retro init``: set up retro in a team's repository, never overwriting a file.

Creates the reviews folder, the kinds' templates, ``docs/``, a ``mkdocs.yml`` with the
plugin configured, the CI files for GitHub and GitLab, a pull-request template and a
pre-commit configuration. Whatever already exists is left as it is and reported.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__
from .atomic import write_new_file
from .errors import RetroError, WriteRefused

DATA = Path(__file__).parent / "data" / "ci"
TEMPLATES = Path(__file__).parent / "default_templates"
INSTALL_PLACEHOLDER = "@RETRO_INSTALL@"
ADOPTER_INSTALL = f'pip install "retro-reviews=={__version__}"'

# Where each CI file goes in a repository, and the package data it comes from.
CI_FILES: dict[str, str] = {
    ".github/workflows/reviews.yml": "github-reviews.yml",
    ".github/pull_request_template.md": "pull_request_template.md",
    ".gitlab-ci.yml": "gitlab-ci.yml",
    ".pre-commit-config.yaml": "pre-commit-config.yaml",
}
# Written only with ``retro init --reminders``: the weekly overdue-actions reminder.
REMINDER_FILES: dict[str, str] = {
    ".github/workflows/review-reminders.yml": "github-reminders.yml",
    ".gitlab/review-reminders.yml": "gitlab-reminders.yml",
}
FOLDERS = ("reviews", "docs")  # kept in git by an empty .gitkeep


@dataclass
class InitReport:
    """Paths relative to the initialised folder (folders end with ``/``)."""

    created: list[str] = field(default_factory=list)
    existing: list[str] = field(default_factory=list)


def render_ci_file(data_name: str, install: str = ADOPTER_INSTALL) -> str:
    """A CI file from the package data, with ``install`` as the command installing retro."""
    return (DATA / data_name).read_text(encoding="utf-8").replace(INSTALL_PLACEHOLDER, install)


def mkdocs_yml(folder: Path) -> str:
    """The ``mkdocs.yml`` of a new library, with the retro plugin configured."""
    return (
        f"site_name: {_yaml_scalar(_site_title(folder))}\n"
        "docs_dir: docs\n"
        "theme:\n"
        "  name: material\n"
        "  font: false\n"
        "  features: [navigation.indexes, search.highlight, content.action.edit]\n"
        "plugins:\n"
        "  - search\n"
        "  - tags\n"
        "  - retro:\n"
        "      show_status: [published]\n"
    )


def init_project(folder: Path, *, reminders: bool = False) -> InitReport:
    """Set up retro in ``folder`` (created if missing); never overwrites anything.

    With ``reminders``, also the scheduled reminders of overdue action items.
    """
    if folder.exists() and not folder.is_dir():
        raise RetroError(f"{folder} is a file, not a folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise RetroError(f"cannot create {folder}: {exc.strerror or exc}") from None
    report = InitReport()
    for name in FOLDERS:
        _folder_with_gitkeep(folder, name, report)
    for template in sorted(TEMPLATES.glob("*.md.j2")):
        _write(folder, f"templates/{template.name}", template.read_text(encoding="utf-8"), report)
    _write(folder, "mkdocs.yml", mkdocs_yml(folder), report)
    for target, data_name in CI_FILES.items():
        _write(folder, target, render_ci_file(data_name), report)
    for target, data_name in REMINDER_FILES.items() if reminders else ():
        _write(folder, target, render_ci_file(data_name), report)
    return report


def _folder_with_gitkeep(root: Path, name: str, report: InitReport) -> None:
    path = root / name
    if path.exists():
        report.existing.append(f"{name}/")
        return
    try:
        write_new_file(path / ".gitkeep", "")
    except OSError as exc:
        raise RetroError(f"cannot create {name}/: {exc.strerror or exc}") from None
    report.created.append(f"{name}/")


def _write(root: Path, relative: str, content: str, report: InitReport) -> None:
    path = root / relative
    if path.exists() or path.is_symlink():
        report.existing.append(relative)
        return
    try:
        write_new_file(path, content)
    except WriteRefused:
        report.existing.append(relative)
        return
    except OSError as exc:
        raise RetroError(f"cannot write {relative}: {exc.strerror or exc}") from None
    report.created.append(relative)


def _site_title(folder: Path) -> str:
    name = folder.resolve().name or "Team"
    return f"{name[:1].upper()}{name[1:]} learning library"


def _yaml_scalar(text: str) -> str:
    """``text`` plain when YAML reads it back as the same string, else double-quoted."""
    if re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9 ._()-]*", text):
        return text
    return json.dumps(text, ensure_ascii=False)
