"""``--format sarif``: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

The driver lists every rule of :data:`retro.rules.RULES`. Each result carries a
``partialFingerprints`` entry made from the rule, the path and the message (not the line), so
a finding keeps its identity when lines are added above it.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any
from urllib.parse import quote

from .. import __version__
from ..check import CheckResult
from ..findings import Finding
from ..rules import RULES

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "retroFinding/v1"


def _information_uri() -> str | None:
    """The project's home page from the installed package's metadata, when it has one."""
    from importlib import metadata  # slow to import, and only this report needs it

    try:
        meta = metadata.metadata("retro-reviews")
    except metadata.PackageNotFoundError:
        return None
    for entry in meta.get_all("Project-URL") or []:
        _label, _, url = entry.partition(",")
        if url.strip().startswith("https://"):
            return url.strip()
    homes = meta.get_all("Home-page") or []
    return next((home for home in homes if home.startswith("https://")), None)


def _driver() -> dict[str, Any]:
    driver: dict[str, Any] = {"name": "retro", "version": __version__}
    uri = _information_uri()
    if uri:
        driver["informationUri"] = uri
    driver["rules"] = [
        {
            "id": rule.id,
            "name": rule.id,
            "shortDescription": {"text": rule.summary},
            "fullDescription": {"text": f"{rule.summary} {rule.help}".strip()},
            "help": {"text": rule.help or rule.summary},
            "defaultConfiguration": {"level": rule.level.value},
        }
        for rule in RULES
    ]
    return driver


def fingerprint(finding: Finding, occurrence: int) -> str:
    digest = hashlib.sha256(
        "\0".join((finding.rule, finding.path, finding.message)).encode("utf-8")
    ).hexdigest()
    return f"{digest[:32]}:{occurrence}"


def artifact_uri(path: str) -> str:
    """``path`` (relative to the project, as findings name files) as the relative URI SARIF
    asks for: ``/`` between folders, and a space, ``#``, ``%`` or a letter beyond ASCII
    percent-encoded (UTF-8), so that a viewer finds ``sub dir/é.md``."""
    return quote(path.replace("\\", "/"), safe="/-._~!$&'()*+,;=:@")


def _result(finding: Finding, occurrence: int, index: dict[str, int]) -> dict[str, Any]:
    # GitHub code scanning needs a start line; a finding about the whole file points at 1.
    region: dict[str, int] = {"startLine": max(finding.line or 1, 1)}
    if finding.line is not None and finding.column is not None and finding.column >= 1:
        region["startColumn"] = finding.column
    result: dict[str, Any] = {"ruleId": finding.rule}
    if finding.rule in index:
        result["ruleIndex"] = index[finding.rule]
    result.update(
        {
            "level": finding.level.value,
            "message": {"text": finding.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {
                            "uri": artifact_uri(finding.path),
                            "uriBaseId": "%SRCROOT%",
                        },
                        "region": region,
                    }
                }
            ],
            "partialFingerprints": {FINGERPRINT_KEY: fingerprint(finding, occurrence)},
        }
    )
    return result


def sarif_log(result: CheckResult) -> dict[str, Any]:
    index = {rule.id: position for position, rule in enumerate(RULES)}
    seen: dict[tuple[str, str, str], int] = {}
    results = []
    for finding in result.findings:
        key = (finding.rule, finding.path, finding.message)
        seen[key] = seen.get(key, 0) + 1
        results.append(_result(finding, seen[key], index))
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": _driver()},
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def render_sarif(result: CheckResult) -> str:
    return json.dumps(sarif_log(result), indent=2, ensure_ascii=False) + "\n"
