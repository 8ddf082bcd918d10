"""Rules that hold whatever the status: known fields, right types, valid values and dates."""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding, Level
from ..model import Review
from .base import CheckContext, Rule, schema_findings

SCHEMA_RULES = {"unknown-field", "missing-field", "field-type", "invalid-value", "invalid-date"}


def check_schema(review: Review, ctx: CheckContext) -> Iterator[Finding]:
    yield from schema_findings(review, ctx, SCHEMA_RULES)


RULES = (
    Rule(
        "schema",
        Level.ERROR,
        "Front-matter fields, types and values follow the schema.",
        "Runs the schema declared in retro.schema (the one `retro schema` prints) and "
        "reports under the rule ids below.",
        check=check_schema,
    ),
    Rule(
        "unknown-field",
        Level.ERROR,
        "A front-matter field the schema does not know.",
        "A typo such as `root_casue` must not pass silently; the message suggests the "
        "closest known field. Teams declare their own fields under extra_fields.",
    ),
    Rule(
        "missing-field",
        Level.ERROR,
        "A field required at every status is missing.",
        "title, date, status, kind and severity are required even in a draft.",
    ),
    Rule(
        "field-type",
        Level.ERROR,
        "A field has the wrong type.",
        "For example a list written as a single text, or a number where text is expected.",
    ),
    Rule(
        "invalid-value",
        Level.ERROR,
        "A field's value is not one of the allowed values.",
        "status, kind, severity, visibility, change and action status take fixed values; "
        "kinds and severities come from the configuration.",
    ),
    Rule(
        "invalid-date",
        Level.ERROR,
        "A date or date-time cannot be read.",
        "Dates are YYYY-MM-DD; timeline entries are ISO date-times such as 2026-03-14T09:30:00Z.",
    ),
)
