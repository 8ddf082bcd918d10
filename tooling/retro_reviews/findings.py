"""Findings are data: rules return them, one reporter prints them."""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum


class Level(StrEnum):
    """How serious a finding is. ``error`` fails ``retro check`` (exit 1)."""

    ERROR = "error"
    WARNING = "warning"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, order=True)
class Finding:
    """One thing a rule has to say about one place in one file.

    ``path`` is relative to the project root, with ``/`` separators. ``line`` and ``column``
    are 1-based; ``None`` when the finding concerns the whole file.
    """

    path: str
    line: int | None
    column: int | None
    rule: str
    level: Level
    message: str

    def with_level(self, level: Level) -> Finding:
        return replace(self, level=level)

    @property
    def is_error(self) -> bool:
        return self.level is Level.ERROR

    def location(self) -> str:
        """``path:line:column`` with the parts that are known."""
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return where


def sort_key(finding: Finding) -> tuple[str, int, int, str]:
    return (finding.path, finding.line or 0, finding.column or 0, finding.rule)
