"""Output formats of ``retro check``: each turns a :class:`CheckResult` into text."""

from __future__ import annotations

from collections.abc import Callable

from ..check import CheckResult
from .text import render_text

Formatter = Callable[[CheckResult], str]

FORMATS: dict[str, Formatter] = {
    "text": render_text,
}

__all__ = ["FORMATS", "Formatter", "render_text"]
