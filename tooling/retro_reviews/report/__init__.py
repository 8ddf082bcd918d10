"""Output formats of ``retro check``: each turns a :class:`CheckResult` into text."""

from __future__ import annotations

from collections.abc import Callable

from ..check import CheckResult
from .github import render_github
from .json_report import render_json
from .junit import render_junit
from .sarif import render_sarif
from .text import render_text

Formatter = Callable[[CheckResult], str]

FORMATS: dict[str, Formatter] = {
    "text": render_text,
    "json": render_json,
    "github": render_github,
    "sarif": render_sarif,
    "junit": render_junit,
}

__all__ = ["FORMATS", "Formatter", "render_text"]
