"""What ``retro import`` says about each document: where it went, what came from where,
what was not found, the placeholders left out. Data first; text and JSON are two views."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

IMPORTED, WOULD_IMPORT, ALREADY, SKIPPED, REFUSED = (
    "imported",
    "would import",
    "already imported",
    "skipped",
    "refused",
)


@dataclass(frozen=True)
class Mapping:
    """One field filled from the document."""

    field: str
    source: str  # "'## Root cause'", "table 'Severity'", "file name"
    line: int | None = None  # line in the original file
    detail: str = ""  # "3 items", "'SEV1' through the alias"


@dataclass(frozen=True)
class Placeholder:
    line: int
    text: str


@dataclass
class DocumentReport:
    source: str  # the original, relative to the project
    outcome: str
    target: str | None = None  # the review, relative to the project
    reason: str = ""  # why skipped, refused or already imported
    mapped: list[Mapping] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    placeholders: list[Placeholder] = field(default_factory=list)
    body_only: list[str] = field(default_factory=list)  # recognised, but no field for them
    unrecognised: list[str] = field(default_factory=list)  # headings not in the synonym table
    notes: list[str] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return self.outcome in (SKIPPED, REFUSED)


@dataclass
class ImportReport:
    documents: list[DocumentReport] = field(default_factory=list)
    dry_run: bool = False

    @property
    def exit_code(self) -> int:
        """0 when every document is in the library (or would be); 1 when any was not."""
        return 1 if any(d.failed for d in self.documents) else 0

    def counts(self) -> dict[str, int]:
        counted: dict[str, int] = {}
        for document in self.documents:
            counted[document.outcome] = counted.get(document.outcome, 0) + 1
        return counted


def render_text(report: ImportReport) -> str:
    out: list[str] = []
    for document in report.documents:
        if document.outcome in (IMPORTED, WOULD_IMPORT):
            verb = "->" if document.outcome == IMPORTED else "-> (dry run)"
            out.append(f"{document.source} {verb} {document.target}")
        elif document.outcome == ALREADY:
            out.append(f"{document.source}: already imported as {document.target}")
        else:
            out.append(f"{document.source}: {document.outcome}: {document.reason}")
        for mapped in document.mapped:
            where = f" (line {mapped.line})" if mapped.line else ""
            detail = f": {mapped.detail}" if mapped.detail else ""
            out.append(f"  {mapped.field} <- {mapped.source}{where}{detail}")
        if document.missing:
            out.append(f"  not found: {', '.join(document.missing)}")
        if document.body_only:
            out.append(f"  kept in the body only: {', '.join(document.body_only)}")
        if document.unrecognised:
            out.append(f"  not recognised (kept in the body): {', '.join(document.unrecognised)}")
        for placeholder in document.placeholders:
            out.append(f"  placeholder left out (line {placeholder.line}): {placeholder.text}")
        for note in document.notes:
            out.append(f"  note: {note}")
    counts = report.counts()
    summary = ", ".join(f"{n} {outcome}" for outcome, n in counts.items()) or "nothing to import"
    out.append(f"{summary}." + (" Nothing was written (--dry-run)." if report.dry_run else ""))
    return "\n".join(out) + "\n"


def render_json(report: ImportReport) -> str:
    data = {
        "dry_run": report.dry_run,
        "counts": report.counts(),
        "documents": [asdict(d) for d in report.documents],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
