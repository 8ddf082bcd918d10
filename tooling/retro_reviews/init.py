"""``retro init``: set up retro in a team's repository, never overwriting a file.

Creates the reviews folder, the kinds' templates, ``docs/``, a ``mkdocs.yml`` with the plugin
configured, ``site/`` in ``.gitignore``, the CI files of the repository's forge (with
``reminders``, its weekly reminder of overdue action items too) and a pre-commit
configuration. Whatever already exists is left as it is and reported.

Each part is a step in :data:`STEPS`: a function of the folder, the options and the report.
A new part of the set-up is one more step.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from . import DISTRIBUTION, __version__
from .atomic import append_to_file, write_new_file
from .config import PLUGIN_LINES, lists_retro_plugin, read_site_config, site_plugin_advice
from .errors import RetroError, WriteRefused
from .forge import FORGES, Forge, detect_forge

DATA = Path(__file__).parent / "data" / "ci"
TEMPLATES = Path(__file__).parent / "default_templates"
INSTALL_PLACEHOLDER = "@RETRO_INSTALL@"
SITE_DIR_PLACEHOLDER = "@RETRO_SITE_DIR@"  # the folder a build writes (site_dir)
ADOPTER_SPEC = f"{DISTRIBUTION}=={__version__}"

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
# The CI files each forge gets; the pre-commit configuration works with any.
FORGE_FILES: dict[str, tuple[str, ...]] = {
    "github": (".github/workflows/reviews.yml", ".github/pull_request_template.md"),
    "gitlab": (".gitlab-ci.yml",),
    "none": (),
}
FORGE_REMINDERS: dict[str, tuple[str, ...]] = {
    "github": (".github/workflows/review-reminders.yml",),
    "gitlab": (".gitlab/review-reminders.yml",),
    "none": (),
}
ANY_FORGE_FILES = (".pre-commit-config.yaml",)
FOLDERS = ("reviews", "docs")  # kept in git by an empty .gitkeep (docs: the site's docs_dir)
SITE_CONFIG = "mkdocs.yml"
IGNORED = "site/"  # what a build writes, unless the team's mkdocs.yml names its site_dir
NEXT_COMMANDS = (
    'retro new "What happened, in a few words" --kind incident',
    "retro check",
    "retro serve",
)
# A requirement for retro-reviews (a version, or ``@ URL``) that is safe to put between double
# quotes in a shell command and a YAML plain scalar.
_VERSIONS = r"[=<>!~]=?\s*[\w.*+!-]+(\s*,\s*[=<>!~]=?\s*[\w.*+!-]+)*"
_SPEC = re.compile(
    rf"retro[-_.]reviews\s*(\[[\w,\s-]*\])?\s*(@\s*[^\s\"'`$\\]+|{_VERSIONS})?",
    re.IGNORECASE,
)


def install_command(spec: str) -> str:
    """The shell command that installs retro from ``spec`` (a pip requirement)."""
    return f'pip install "{spec}"'


ADOPTER_INSTALL = install_command(ADOPTER_SPEC)


@dataclass(frozen=True)
class InitOptions:
    """What ``retro init`` was asked: the forge (``None``: detect it), the install spec, and
    whether to add the weekly reminder of overdue action items."""

    ci: str | None = None
    install_spec: str = ADOPTER_SPEC
    reminders: bool = False

    @property
    def install(self) -> str:
        return install_command(self.install_spec)


@dataclass
class InitReport:
    """Paths relative to the initialised folder (folders end with ``/``)."""

    created: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    existing: list[str] = field(default_factory=list)
    todo: list[str] = field(default_factory=list)  # what a file kept as it was still needs
    forge: Forge = field(default_factory=lambda: Forge("none", "not looked for"))


Step = Callable[[Path, InitOptions, InitReport], None]


TASKLIST_LINES = "  - pymdownx.tasklist:\n      custom_checkbox: true\n"
# Said with the plugin's lines to a site of the team's own, until the plugin is added.
WITH_THE_PLUGIN = (
    "With the plugin, the search box in the header is the library's (Pagefind) in place of "
    "Material's search; it finds the reviews and the site's own pages. Imported "
    "postmortems' task lists (- [ ] / - [x]) show as check boxes with:\n"
    f"markdown_extensions:\n{TASKLIST_LINES.rstrip()}"
)


def render_ci_file(data_name: str, install: str = ADOPTER_INSTALL, site_dir: str = "site") -> str:
    """A CI file from the package data, with ``install`` as the command installing retro and
    ``site_dir`` as the folder the build writes."""
    text = (DATA / data_name).read_text(encoding="utf-8")
    return text.replace(INSTALL_PLACEHOLDER, install).replace(SITE_DIR_PLACEHOLDER, site_dir)


def mkdocs_yml(folder: Path) -> str:
    """The ``mkdocs.yml`` of a new library, with the retro plugin configured."""
    return (
        f"site_name: {_yaml_scalar(_site_title(folder))}\n"
        "docs_dir: docs\n"
        "validation:\n"
        "  nav:\n"
        "    omitted_files: ignore  # pages left out of a nav of your own: not listed\n"
        "theme:\n"
        "  name: material\n"
        "  font: false\n"
        "  features: [navigation.indexes, content.action.edit]\n"
        "plugins:  # no Material search: the retro plugin's Pagefind search replaces it\n"
        f"{PLUGIN_LINES}"
        "markdown_extensions:  # task lists (- [ ] / - [x]) as check boxes, as reviews use them\n"
        f"{TASKLIST_LINES}"
    )


def check_install_spec(spec: str) -> str:
    """``spec`` if it can stand in the CI files, else a :class:`RetroError` saying why."""
    spec = spec.strip()
    if not _SPEC.fullmatch(spec) or " #" in spec:
        raise RetroError(
            f"--install {spec!r}: give a pip requirement for {DISTRIBUTION}, such as "
            f"'{ADOPTER_SPEC}' or '{DISTRIBUTION} @ git+https://host/retro@v{__version__}'"
        )
    return spec


def init_project(folder: Path, options: InitOptions | None = None) -> InitReport:
    """Set up retro in ``folder`` (created if missing); never overwrites anything."""
    options = options or InitOptions()
    if options.ci is not None and options.ci not in FORGES:
        raise RetroError(f"unknown forge {options.ci!r}; use one of {', '.join(FORGES)}")
    options = InitOptions(options.ci, check_install_spec(options.install_spec), options.reminders)
    if folder.exists() and not folder.is_dir():
        raise RetroError(f"{folder} is a file, not a folder")
    above = _inside_a_site_above(folder)
    if above is not None and not (folder / SITE_CONFIG).exists():
        raise RetroError(
            f"{folder} is inside the docs folder of {above}: a library made here would be "
            f"published as pages of that site; run retro init in {above.parent} instead"
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise RetroError(f"cannot create {folder}: {exc.strerror or exc}") from None
    report = InitReport()
    for step in STEPS:
        step(folder, options, report)
    return report


def _folders(root: Path, _options: InitOptions, report: InitReport) -> None:
    site = _site_config(root)
    docs, problem = _docs_folder(root, site.data)
    if problem:
        report.todo.append(problem)
    for name in FOLDERS:
        if name == "docs":
            if docs is None:
                continue
            name = docs
        path = root / name
        if path.exists():
            report.existing.append(f"{name}/")
            continue
        try:
            write_new_file(path / ".gitkeep", "")
        except OSError as exc:
            raise RetroError(f"cannot create {name}/: {exc.strerror or exc}") from None
        report.created.append(f"{name}/")


def _templates(root: Path, _options: InitOptions, report: InitReport) -> None:
    for template in sorted(TEMPLATES.glob("*.md.j2")):
        _write(root, f"templates/{template.name}", template.read_text(encoding="utf-8"), report)


def _site(root: Path, _options: InitOptions, report: InitReport) -> None:
    site = _site_config(root)
    if not site.exists:
        _write(root, SITE_CONFIG, mkdocs_yml(root), report)
        return
    report.existing.append(SITE_CONFIG)
    if site.data is None:  # of a file that cannot be read, nothing more can be said
        report.todo.append(
            f"{SITE_CONFIG} could not be read, so retro could not look into it: {site.problem}"
        )
        return
    if not lists_retro_plugin(site.data):
        report.todo.append(site_plugin_advice(SITE_CONFIG))
        report.todo.append(WITH_THE_PLUGIN)
    nav = site.data.get("nav")
    if isinstance(nav, list) and nav:
        from .render.site import NAV_PAGES  # the library's index pages, in their order

        docs, _ = _docs_folder(root, site.data)
        folders = site.data.get("use_directory_urls", True) is not False
        wanted = [(t, uri) for t, uri in NAV_PAGES if not _own_page(root, docs, uri, folders)]
        if set(_nav_targets(nav)).isdisjoint(uri for _, uri in wanted):  # reaches none of them
            entries = "\n".join(f"  - {title}: {uri}" for title, uri in wanted)
            report.todo.append(
                f"{SITE_CONFIG} has a nav: of its own, which the plugin keeps, and none of it "
                f"reaches the library: add entries such as:\nnav:\n{entries}"
            )


def _own_page(root: Path, docs: str | None, uri: str, folders: bool) -> bool:
    """Whether the team has a page of its own at the address of the library's ``uri``
    (``index.md`` is also ``README.md``; with ``use_directory_urls``, ``folders``,
    ``tags/index.md`` is also ``tags.md``): that page is kept and the library's is not made,
    so the nav should not name it twice."""
    if docs is None:
        return False
    folder = root / docs
    names = [uri]
    if uri == "index.md":
        names.append("README.md")
    elif uri.endswith("/index.md") and folders:
        names += [uri.removesuffix("/index.md") + ".md", uri.removesuffix("index.md") + "README.md"]
    return any((folder / name).is_file() for name in names)


def _inside_a_site_above(folder: Path) -> Path | None:
    """The ``mkdocs.yml`` of a project above ``folder`` whose docs folder holds ``folder``:
    a library made there would be published as that site's pages, its own mkdocs.yml too."""
    here = folder.resolve()
    for parent in here.parents:
        config = parent / SITE_CONFIG
        if config.is_file():
            docs, _ = _docs_folder(parent, _site_config(parent).data)
            if docs is not None and here.is_relative_to((parent / docs).resolve()):
                return config
    return None


@dataclass(frozen=True)
class _SiteConfig:
    exists: bool
    data: Mapping[str, Any] | None = None  # None: absent, or could not be read
    problem: str = ""  # why it could not be read


def _site_config(root: Path) -> _SiteConfig:
    """The team's ``mkdocs.yml`` (its ``INHERIT`` followed), if there is one."""
    path = root / SITE_CONFIG
    if not (path.exists() or path.is_symlink()):
        return _SiteConfig(False)
    try:
        return _SiteConfig(True, read_site_config(path))
    except RetroError as exc:
        return _SiteConfig(True, None, str(exc))
    except OSError as exc:  # a folder, a loop of links...
        return _SiteConfig(True, None, exc.strerror or str(exc))


def _docs_folder(root: Path, site: Mapping[str, Any] | None) -> tuple[str | None, str]:
    """The site's docs folder, relative to ``root`` (``docs`` unless the team's
    ``mkdocs.yml`` names another), or ``None`` and why when its ``docs_dir`` is not a folder
    inside the project, for which retro makes nothing."""
    value = site.get("docs_dir") if site is not None else None
    if not isinstance(value, str) or not value.strip():
        return "docs", ""
    name = value.strip().rstrip("/")
    folder = root / name
    try:  # a NUL byte or a name too long: ValueError or OSError
        where, top = folder.resolve(), root.resolve()
        inside = where.is_relative_to(top) and where != top and not Path(name).is_absolute()
        usable = inside and (folder.is_dir() or not folder.exists())
    except (OSError, ValueError):
        usable = False
    if not usable:
        return None, f"{SITE_CONFIG}'s docs_dir {value!r} is not a folder inside the project"
    return Path(name).as_posix(), ""


def _nav_targets(nav: object) -> list[str]:
    """Every page a ``nav:`` points at, at any depth."""
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, list):
        return [target for entry in nav for target in _nav_targets(entry)]
    if isinstance(nav, dict):
        return [target for value in nav.values() for target in _nav_targets(value)]
    return []


def _site_dir(root: Path) -> str:
    """The folder a build writes, relative to ``root``: the team's ``site_dir`` when it is a
    plain folder inside the project, else ``site``."""
    site = _site_config(root)
    value = site.data.get("site_dir") if site.data is not None else None
    if not isinstance(value, str) or not re.fullmatch(r"[\w.-]+(?:/[\w.-]+)*/?", value.strip()):
        return IGNORED.rstrip("/")
    name = value.strip().rstrip("/")
    return IGNORED.rstrip("/") if ".." in name.split("/") or name == "." else name


def _gitignore(root: Path, _options: InitOptions, report: InitReport) -> None:
    """The site folder in ``.gitignore``: the file created, or the line appended, never
    replaced."""
    ignored = f"{_site_dir(root)}/"
    path = root / ".gitignore"
    if not path.exists() and not path.is_symlink():
        _write(root, ".gitignore", f"{ignored}\n", report)
        return
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise RetroError(f"cannot read .gitignore: {exc.strerror or exc}") from None
    if any(line.strip().strip("/") == ignored.strip("/") for line in text.splitlines()):
        report.existing.append(".gitignore")
        return
    separator = "" if not text or text.endswith("\n") else "\n"
    try:
        append_to_file(path, f"{separator}{ignored}\n")
    except OSError as exc:
        raise RetroError(f"cannot append to .gitignore: {exc.strerror or exc}") from None
    report.changed.append(f".gitignore (added {ignored})")


def _ci(root: Path, options: InitOptions, report: InitReport) -> None:
    if options.ci is not None:
        report.forge = Forge(options.ci, "as asked with --ci")
    else:
        report.forge = detect_forge(root)
    for target in (*FORGE_FILES[report.forge.name], *ANY_FORGE_FILES):
        _write_ci_file(root, target, CI_FILES[target], options, report)


def _reminders(root: Path, options: InitOptions, report: InitReport) -> None:
    """With ``--reminders``: the scheduled reminder of overdue action items, for the forge."""
    if options.reminders:
        for target in FORGE_REMINDERS[report.forge.name]:
            _write_ci_file(root, target, REMINDER_FILES[target], options, report)


def _write_ci_file(
    root: Path, target: str, data_name: str, options: InitOptions, report: InitReport
) -> None:
    content = render_ci_file(data_name, options.install, _site_dir(root))
    if INSTALL_PLACEHOLDER in (DATA / data_name).read_text(encoding="utf-8"):
        _require_install_line(target, content, options.install)
    _write(root, target, content, report)


def _require_install_line(target: str, content: str, install: str) -> None:
    """The CI file reads back with ``install`` as one of its commands, word for word."""
    try:
        document = yaml.safe_load(content)
    except yaml.YAMLError:
        document = None
    if install not in _strings(document):
        raise RetroError(f"--install: {install!r} cannot be written into {target}")


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in _strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return []


STEPS: list[Step] = [_folders, _templates, _site, _gitignore, _ci, _reminders]


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
