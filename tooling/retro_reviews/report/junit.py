"""``--format junit``: JUnit XML for GitLab's test reports.

One test suite ``retro``; one test case per review checked (``classname`` and ``file`` are
its path); a ``<failure>`` listing the review's errors; warnings go to ``<system-out>``.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ..check import CheckResult
from ..findings import Finding, Level


def _lines(findings: list[Finding]) -> str:
    return "\n".join(f"{f.location()}: {f.level.value} [{f.rule}] {f.message}" for f in findings)


def render_junit(result: CheckResult) -> str:
    by_path: dict[str, list[Finding]] = {review.relpath: [] for review in result.reviews}
    for finding in result.findings:
        by_path.setdefault(finding.path, []).append(finding)
    failed = sum(1 for found in by_path.values() if any(f.is_error for f in found))
    suites = ET.Element(
        "testsuites", name="retro", tests=str(len(by_path)), failures=str(failed), errors="0"
    )
    suite = ET.SubElement(
        suites,
        "testsuite",
        name="retro",
        tests=str(len(by_path)),
        failures=str(failed),
        errors="0",
        skipped="0",
    )
    for path, found in by_path.items():
        case = ET.SubElement(suite, "testcase", name=path, classname=path, file=path)
        errors = [f for f in found if f.level is Level.ERROR]
        warnings = [f for f in found if f.level is Level.WARNING]
        if errors:
            noun = "error" if len(errors) == 1 else "errors"
            failure = ET.SubElement(
                case, "failure", type="retro", message=f"{len(errors)} {noun}: {errors[0].message}"
            )
            failure.text = _lines(errors)
        if warnings:
            ET.SubElement(case, "system-out").text = _lines(warnings)
    ET.indent(suites)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
    )
