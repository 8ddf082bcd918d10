"""``--format github``: GitHub Actions workflow commands, and a step summary table.

Each finding becomes ``::error file=…,line=…,col=…,title=retro <rule>::message`` (or
``::warning``), escaped as GitHub's toolkit escapes them. GitHub shows only ten annotations
of each level per step, so :func:`step_summary` renders every finding as a Markdown table
that the CLI appends to the file named by ``GITHUB_STEP_SUMMARY``.
"""

from __future__ import annotations

from ..check import CheckResult
from ..findings import Finding
from .text import summary_line


def escape_data(value: str) -> str:
    """Escape a command's message: ``%``, CR and LF."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """Escape a property value: as data, plus ``:`` and ``,``."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def annotation(finding: Finding) -> str:
    properties = [f"file={escape_property(finding.path)}"]
    if finding.line is not None:
        properties.append(f"line={finding.line}")
        if finding.column is not None:
            properties.append(f"col={finding.column}")
    properties.append(f"title={escape_property('retro ' + finding.rule)}")
    return f"::{finding.level.value} {','.join(properties)}::{escape_data(finding.message)}"


def render_github(result: CheckResult) -> str:
    lines = [annotation(f) for f in result.findings]
    lines.append(summary_line(result))
    return "\n".join(lines) + "\n"


def _cell(value: str) -> str:
    return value.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ")


def step_summary(result: CheckResult, heading: str = "retro check") -> str:
    """Every finding as a Markdown table (the annotations stop at ten per level)."""
    lines = [f"### {heading}", "", summary_line(result), ""]
    if result.findings:
        lines += ["| File | Line | Level | Rule | Message |", "|---|---|---|---|---|"]
        for f in result.findings:
            where = "" if f.line is None else str(f.line)
            lines.append(
                f"| {_cell(f.path)} | {where} | {f.level.value} | {_cell(f.rule)} "
                f"| {_cell(f.message)} |"
            )
        lines.append("")
    return "\n".join(lines) + "\n"
