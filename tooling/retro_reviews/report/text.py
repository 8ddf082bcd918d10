"""The default format, for people: one line a finding, then a summary line."""

from __future__ import annotations

from ..check import CheckResult
from ..findings import Finding, Level


def finding_line(finding: Finding, *, color: bool = False) -> str:
    level = finding.level.value
    if color:
        code = "31" if finding.level is Level.ERROR else "33"
        level = f"\x1b[{code};1m{level}\x1b[0m"
    return f"{finding.location()}: {level} [{finding.rule}] {finding.message}"


def summary_line(result: CheckResult) -> str:
    files = f"{result.files_checked} file{'s' if result.files_checked != 1 else ''}"
    errors = f"{result.errors} error{'s' if result.errors != 1 else ''}"
    warnings = f"{result.warnings} warning{'s' if result.warnings != 1 else ''}"
    return f"Checked {files}: {errors}, {warnings}."


def render_text(result: CheckResult, *, color: bool = False) -> str:
    lines = [finding_line(f, color=color) for f in result.findings]
    lines.append(summary_line(result))
    return "\n".join(lines) + "\n"
