"""The ``retro`` command line: a thin click adapter over the core."""

from __future__ import annotations

import importlib
import json
import os
import shlex
import sys
import textwrap
from datetime import date
from pathlib import Path

import click

from . import __version__
from .atomic import append_to_file, write_output_file
from .changes import check_changed
from .check import CheckResult, run_check, today_for_checks
from .commands import FOLLOW_THROUGH
from .commands.state import CommandFailed
from .commands.state import State as _State
from .config import RetroConfig
from .errors import BranchRefused, RetroError, WriteRefused
from .forge import FORGES
from .gitrepo import create_branch, git_user_name
from .init import ADOPTER_SPEC, NEXT_COMMANDS, InitOptions, init_project
from .report import FORMATS
from .report.github import step_summary
from .report.text import render_text
from .rules import RULES
from .scaffold import NewReview, create_review, render_review, review_path
from .schema import json_schema
from .sitegen import run_site

EXIT_INTERNAL = 3

# Commands imported when they run or are listed (module, attribute), not when retro starts.
LAZY_COMMANDS = {
    "import": ("retro_reviews.cli_import", "import_command"),
    **{
        name: (f"retro_reviews.commands.{module}", attribute)
        for name, (module, attribute) in FOLLOW_THROUGH.items()
    },
}


class _Group(click.Group):
    """click's group, with the commands of :data:`LAZY_COMMANDS` imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *LAZY_COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in LAZY_COMMANDS and cmd_name not in self.commands:
            module, attribute = LAZY_COMMANDS[cmd_name]
            self.add_command(getattr(importlib.import_module(module), attribute), cmd_name)
        return super().get_command(ctx, cmd_name)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="retro")
@click.option(
    "--config",
    "config_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="retro.yml or mkdocs.yml to use (default: the nearest one above this folder).",
)
@click.pass_context
def cli(ctx: click.Context, config_file: Path | None) -> None:
    """Blameless post-incident reviews kept as Markdown in git.

    \b
    Start a review, then check it:
      retro new "Checkout API down after a config deploy" --kind incident
      retro check
    """
    ctx.obj = _State(config_file)


def stdin_is_terminal() -> bool:
    return sys.stdin.isatty()


def _parse_date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> date:
    if value is None:
        return today_for_checks()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a date; use YYYY-MM-DD") from None


@cli.command("new")
@click.argument("title", required=False)
@click.option("--kind", "-k", default=None, help="Kind of review (default: the first kind).")
@click.option(
    "--date",
    "-d",
    "day",
    callback=_parse_date,
    metavar="YYYY-MM-DD",
    help="The day it happened (default: today).",
)
@click.option(
    "--severity",
    "-s",
    default=None,
    help="Severity level (default: the second lowest, e.g. medium).",
)
@click.option(
    "--author",
    "-a",
    "authors",
    multiple=True,
    help="Who writes the review; repeatable (default: git config user.name).",
)
@click.option("--area", "areas", multiple=True, help="Product, service or team; repeatable.")
@click.option("--tag", "tags", multiple=True, help="Tag; repeatable.")
@click.option(
    "--branch",
    "-b",
    is_flag=True,
    help="Also create and switch to the git branch review/<id> first; refused when "
    "the branch exists or tracked files have uncommitted changes.",
)
@click.pass_obj
def new_command(
    state: _State,
    title: str | None,
    kind: str | None,
    day: date,
    severity: str | None,
    authors: tuple[str, ...],
    areas: tuple[str, ...],
    tags: tuple[str, ...],
    branch: bool,
) -> None:
    """Start a review from its kind's template and print the new file's path.

    The file is reviews/<YYYY>/<date>-<slug>.md, the slug made from the title. An
    existing file is never overwritten (exit 1). Without TITLE, retro asks for it
    when a terminal is attached.

    With --branch, retro first creates and switches to the branch review/<id>, so the
    review starts in its own pull request. It refuses (exit 1, nothing written) when
    that branch exists or when tracked files have uncommitted changes that would move
    to the new branch; untracked files do not stop it. Outside a git repository,
    --branch cannot run (exit 2).

    \b
    Examples:
      retro new "Wrong item shipped to a customer" --kind customer-mistake \\
          --severity high --area warehouse --tag checklist
      retro new "Checkout API down after a config deploy" --kind incident --branch
    """
    config = state.config
    if title is None:
        if not stdin_is_terminal():
            raise click.UsageError("Missing argument 'TITLE': what happened, in a few words.")
        title = click.prompt("What happened, in a few words")
    if not authors:
        name = git_user_name(config.root)
        authors = (name,) if name else ()
    request = NewReview(
        title=title.strip(),
        day=day,
        kind=kind or config.kinds[0],
        severity=severity or config.severities[min(1, len(config.severities) - 1)],
        authors=authors,
        areas=areas,
        tags=tags,
    )
    try:
        if branch:
            _start_branch(config, request)
        path = create_review(config, request)
    except BranchRefused as exc:
        click.echo(f"Error: {exc}.", err=True)
        sys.exit(1)
    except WriteRefused as exc:
        click.echo(f"Error: {exc}. Choose another title, or edit the existing review.", err=True)
        sys.exit(1)
    except RetroError as exc:
        raise CommandFailed(str(exc)) from None
    click.echo(config.relpath(path))
    if branch:
        click.echo(f"On the new branch review/{request.id}.", err=True)


def _start_branch(config: RetroConfig, request: NewReview) -> None:
    """Create the branch only for a review that can be written, and before writing it."""
    render_review(config, request)
    path = review_path(config, request)
    if path.exists():
        raise WriteRefused(f"{config.relpath(path)} already exists; retro never overwrites a file")
    create_branch(config.root, f"review/{request.id}")


@cli.command("check")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option(
    "--changed",
    is_flag=True,
    help="Check only the reviews this branch adds or changes against its merge base "
    "with --base (committed, staged, unstaged and untracked).",
)
@click.option(
    "--base",
    "base",
    metavar="REF",
    help="Branch, tag or commit to compare with for --changed (default: main, else "
    "master, origin/main, origin/master).",
)
@click.option(
    "--format",
    "-f",
    "fmt",
    type=click.Choice(list(FORMATS)),
    default="text",
    show_default=True,
    help="Output format: text for people, json for scripts, github for Actions "
    "annotations, sarif for code scanning, junit for GitLab.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write the report to FILE instead of standard output.",
)
@click.pass_obj
def check_command(
    state: _State,
    paths: tuple[Path, ...],
    strict: bool,
    changed: bool,
    base: str | None,
    fmt: str,
    output: Path | None,
) -> None:
    """Check reviews: schema, completeness, blameless language, privacy, unsafe HTML.

    Checks the given files or folders, or the whole reviews folder. Every finding
    names the file, line, rule id and what to do. Drafts get completeness findings
    as warnings, so they can be pushed early. Private data (emails, phone numbers,
    cards, IBANs, secrets) is shown masked: an error in a public review, a warning
    in an internal one. Allow one occurrence with a `retro-allow: <rule-id>`
    comment on its line or the line above. Reviews are only read, never changed.

    With --changed, only the reviews that the branch adds, modifies or renames since
    its merge base with --base are checked (deleted ones are not), together with the
    changes not yet committed; the whole library is still read for unique and related
    ids, and an id already taken on the base branch by another file is an error. The
    first line says which base was used.

    With --format github and GITHUB_STEP_SUMMARY set, a table of every finding is also
    appended to the job summary (GitHub shows only ten annotations per step).

    \b
    Environment: RETRO_TODAY=YYYY-MM-DD fixes the date overdue action items
    are judged against; RETRO_JOBS=1 reads and checks a large library in one
    process (by default, on Linux, two cores share it).

    Exit codes: 0 no errors (warnings may be printed), 1 at least one error,
    2 the command could not run (bad option, configuration, path not found,
    not a git repository or unknown --base REF).

    \b
    Examples:
      retro check
      retro check reviews/2026/2026-03-14-wrong-guest-intro.md --strict
      retro check --changed --base origin/main --format github
      retro check --format sarif --output retro.sarif
    """
    config = state.config
    if paths and changed:
        raise click.UsageError("give either PATHS or --changed, not both")
    if base is not None and not changed:
        raise click.UsageError("--base REF goes with --changed")
    try:
        if changed:
            checked = check_changed(config, base, strict=strict)
            result = checked.result
            _say(checked.describe(), fmt, output)
            if not checked.changes.paths and fmt == "text" and output is None:
                sys.exit(0)
        else:
            if not paths and not config.reviews_path.is_dir():
                raise RetroError(
                    f"no reviews folder: {config.reviews_dir}/ does not exist in "
                    f"{config.root} (run `retro init`, or set reviews_dir)"
                )
            result = run_check(config, list(paths) or None, strict=strict)
    except RetroError as exc:
        raise CommandFailed(str(exc)) from None
    _report(result, fmt, output)
    if not changed and result.files_checked == 0:
        _say_nothing_checked(config, paths)
    sys.exit(result.exit_code)


def _say_nothing_checked(config: RetroConfig, paths: tuple[Path, ...]) -> None:
    """An empty folder is not a success to pass over in silence (on stderr: reports stay clean)."""
    if paths:
        click.echo(f"No review files in {', '.join(str(p) for p in paths)}.", err=True)
    else:
        click.echo(
            f"No reviews in {config.reviews_dir}/ yet: start one with "
            '`retro new "What happened, in a few words"`.',
            err=True,
        )


def _say(line: str, fmt: str, output: Path | None) -> None:
    """A line for people: on standard output, unless that carries a machine format."""
    to_stderr = output is None and fmt not in ("text", "github")
    click.echo(line, err=to_stderr)


def _report(result: CheckResult, fmt: str, output: Path | None) -> None:
    if fmt == "text" and output is None:
        click.echo(render_text(result, color=sys.stdout.isatty()), nl=False)
    else:
        report = FORMATS[fmt](result)
        if output is not None:
            try:
                write_output_file(output, report)
            except OSError as exc:
                raise CommandFailed(f"cannot write {output}: {exc.strerror or exc}") from None
        else:
            click.echo(report, nl=False)
    summary = os.environ.get("GITHUB_STEP_SUMMARY", "").strip()
    if fmt == "github" and summary:
        try:
            append_to_file(Path(summary), step_summary(result))
        except OSError as exc:
            click.echo(
                f"retro: cannot append to GITHUB_STEP_SUMMARY ({summary}): {exc.strerror or exc}",
                err=True,
            )


@cli.command("schema")
@click.pass_obj
def schema_command(state: _State) -> None:
    """Print the JSON Schema of a review's front matter.

    Editors and other tools can validate reviews with it; it includes the kinds,
    severities and extra fields of this project's configuration.

    \b
    Example:
      retro schema > review.schema.json
    """
    click.echo(json.dumps(json_schema(state.config), indent=2, ensure_ascii=False))


@cli.command("init")
@click.argument(
    "folder", required=False, default=".", type=click.Path(path_type=Path, file_okay=False)
)
@click.option(
    "--ci",
    type=click.Choice(FORGES),
    default=None,
    help="Write the CI files of this forge (default: found from the git remote origin).",
)
@click.option(
    "--install",
    "install_spec",
    metavar="SPEC",
    default=ADOPTER_SPEC,
    show_default=True,
    help="The pip requirement the CI files install retro from: a pinned version, or "
    "'retro-reviews @ git+URL@TAG' for a git repository.",
)
@click.option(
    "--reminders",
    is_flag=True,
    help="Also write the weekly reminder of overdue action items for the forge: "
    ".github/workflows/review-reminders.yml or .gitlab/review-reminders.yml.",
)
def init_command(folder: Path, ci: str | None, install_spec: str, reminders: bool) -> None:
    """Set up retro in a repository: reviews, templates, site, .gitignore, CI, pre-commit.

    Creates FOLDER (default: the current folder) if needed, with reviews/, templates/
    (the default templates, to adapt), docs/, mkdocs.yml with the retro plugin,
    site/ in .gitignore (created, or the line appended), .pre-commit-config.yaml, and
    the CI files of the repository's forge, found from the git remote origin: GitHub
    (.github/workflows/reviews.yml and a pull-request template), GitLab
    (.gitlab-ci.yml) or none. It never overwrites a file: it lists what it created,
    changed and found already there, what a file it kept still needs (a mkdocs.yml of
    the team's own without the retro plugin, or with a nav: that does not reach the
    library; its docs_dir is used instead of docs/), then the next commands. Run again,
    it changes nothing and says so.

    With --reminders (also in a folder already set up), it adds, for the forge, a
    scheduled workflow that every Monday lists the overdue action items in the job
    summary and keeps one issue, "Overdue review actions", up to date with gh (GitHub);
    or the same job with glab, to include from .gitlab-ci.yml (GitLab; the file says
    how).

    \b
    Examples:
      retro init
      retro init my-team-reviews --ci gitlab
      retro init --install "retro-reviews @ git+https://git.example.com/learning/retro@v0.2.0"
      retro init --reminders
    """
    try:
        options = InitOptions(ci=ci, install_spec=install_spec, reminders=reminders)
        report = init_project(folder, options)
    except RetroError as exc:
        raise CommandFailed(str(exc)) from None
    for title, names in (
        (f"Created in {folder}:", report.created),
        ("Changed:", report.changed),
        ("Already there, left as they were:", report.existing),
    ):
        if names:
            click.echo(title)
            for name in names:
                click.echo(f"  {name}")
    forge = report.forge
    if forge.name == "none":
        click.echo(
            f"CI: no CI file ({forge.reason}); `retro init --ci github` or "
            "`retro init --ci gitlab` writes one."
        )
    else:
        click.echo(f"CI: {forge.title}, {forge.reason}.")
    if reminders and forge.name == "none":
        click.echo(
            "Reminders: not written, as there is no forge to run them; "
            "`retro init --reminders --ci github` or `--ci gitlab` writes them."
        )
    if report.todo:
        click.echo("To do by hand:")
        for todo in report.todo:
            click.echo(textwrap.indent(todo, "  "))
    if not report.created and not report.changed and not report.todo:
        click.echo("Nothing to change: retro is already set up here.")
        return
    click.echo("Next:")
    if folder.resolve() != Path.cwd().resolve():
        click.echo(f"  cd {shlex.quote(str(folder))}")
    for command in NEXT_COMMANDS:
        click.echo(f"  {command}")


@cli.command("serve")
@click.option(
    "--dev-addr",
    "-a",
    metavar="IP:PORT",
    help="Address to serve on (default: the site's dev_addr, 127.0.0.1:8000).",
)
@click.option("--strict", is_flag=True, help="Stop a rebuild on the site's warnings.")
@click.option("--open", "open_browser", is_flag=True, help="Open the site in a browser.")
@click.option("--no-check", is_flag=True, help="Serve without running `retro check` first.")
@click.pass_obj
def serve_command(
    state: _State, dev_addr: str | None, strict: bool, open_browser: bool, no_check: bool
) -> None:
    """Check the reviews, then serve the library, rebuilt when a review changes.

    Runs `retro check` on every review first (errors stop here), then MkDocs' or
    ProperDocs' `serve` (ProperDocs when it is installed) with the project's
    mkdocs.yml, from any folder of the project. Stop it with Ctrl-C.

    \b
    Examples:
      retro serve
      retro serve --dev-addr 127.0.0.1:8100
    """
    options = [*(["--dev-addr", dev_addr] if dev_addr else []), *(["--strict"] if strict else [])]
    if open_browser:
        options.append("--open")
    _site(state, "serve", options, no_check)


@cli.command("build")
@click.option("--strict", is_flag=True, help="Fail on the site's warnings (as CI should).")
@click.option(
    "--site-dir",
    "-d",
    type=click.Path(path_type=Path, file_okay=False),
    help="Folder to write the site into (default: site/ beside mkdocs.yml).",
)
@click.option("--no-check", is_flag=True, help="Build without running `retro check` first.")
@click.pass_obj
def build_command(state: _State, strict: bool, site_dir: Path | None, no_check: bool) -> None:
    """Check the reviews, then build the library into site/.

    Runs `retro check` on every review first (errors stop here), then MkDocs' or
    ProperDocs' `build` (ProperDocs when it is installed) with the project's
    mkdocs.yml, from any folder of the project.

    \b
    Examples:
      retro build --strict
      retro build --site-dir public
    """
    options = ["--strict"] if strict else []
    if site_dir is not None:
        options += ["--site-dir", str(site_dir.resolve())]
    _site(state, "build", options, no_check)


def _site(state: _State, verb: str, options: list[str], no_check: bool) -> None:
    config = state.config
    try:
        if not no_check:
            result = run_check(config)
            _report(result, "text", None)
            if result.exit_code:
                click.echo(
                    f"Error: the reviews have errors; fix them, or {verb} with --no-check.",
                    err=True,
                )
                sys.exit(result.exit_code)
        code = run_site(config, verb, options)
    except RetroError as exc:
        raise CommandFailed(str(exc)) from None
    sys.exit(code)


@cli.command("rules")
def rules_command() -> None:
    """List the rules of `retro check`: id, default level and what each checks.

    \b
    Example:
      retro rules
    """
    for rule in RULES:
        click.echo(f"{rule.id:30} {rule.level.value:8} {rule.summary}")


def main() -> None:
    """Entry point: click's own errors as usual, anything unexpected without a traceback."""
    try:
        cli.main(prog_name="retro")
    except SystemExit:
        raise
    except KeyboardInterrupt:
        click.echo("Interrupted.", err=True)
        sys.exit(130)
    except Exception as exc:  # noqa: BLE001 - the last line of defence
        click.echo(
            f"retro: internal error: {type(exc).__name__}: {exc}\n"
            "This is a bug in retro; please report it with the command you ran.",
            err=True,
        )
        sys.exit(EXIT_INTERNAL)


if __name__ == "__main__":  # pragma: no cover
    main()
