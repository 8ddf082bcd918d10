"""``--format json``: a stable structure for scripts (documented in the README).

Version 1::

    {
      "version": 1,
      "tool": "retro",
      "retro_version": "0.2.0",
      "summary": {"files": 3, "errors": 1, "warnings": 2, "exit_code": 1},
      "files": ["reviews/2026/2026-03-14-wrong-guest-intro.md", ...],
      "findings": [
        {"path": "...", "line": 12, "column": 3, "rule": "missing-field",
         "level": "error", "message": "..."}
      ]
    }

``line`` and ``column`` are 1-based, or ``null`` when the finding concerns the whole file.
Fields may be added in a later version 1; none is removed or renamed without raising
``version``.
"""

from __future__ import annotations

import json
from typing import Any

from .. import __version__
from ..check import CheckResult

JSON_VERSION = 1


def report_data(result: CheckResult) -> dict[str, Any]:
    return {
        "version": JSON_VERSION,
        "tool": "retro",
        "retro_version": __version__,
        "summary": {
            "files": result.files_checked,
            "errors": result.errors,
            "warnings": result.warnings,
            "exit_code": result.exit_code,
        },
        "files": [review.relpath for review in result.reviews],
        "findings": [
            {
                "path": f.path,
                "line": f.line,
                "column": f.column,
                "rule": f.rule,
                "level": f.level.value,
                "message": f.message,
            }
            for f in result.findings
        ],
    }


def render_json(result: CheckResult) -> str:
    return json.dumps(report_data(result), indent=2, ensure_ascii=False) + "\n"
