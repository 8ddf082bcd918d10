"""The front-matter schema, declared once.

This declaration drives validation (``retro check``), its messages, ``retro schema`` (the
JSON Schema of the front matter) and the field reference in the site's guide.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Hashable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from .config import STATUSES, RetroConfig
from .model import parse_date, parse_datetime

ALWAYS, COMPLETE, OPTIONAL = "always", "complete", "optional"
PLACEHOLDERS = {"todo", "tbd", "tbc", "...", "…", "fixme", "xxx", "n/a?"}
URL = re.compile(r"^https?://\S+$")


@dataclass(frozen=True)
class Field:
    """One front-matter field (or a field of a nested mapping)."""

    name: str
    type: str  # string, strings, date, datetime, integer, choice, mapping, mappings, url, any...
    required: str = OPTIONAL
    description: str = ""
    choices: tuple[str, ...] | str = ()  # a tuple, or the name of a RetroConfig attribute
    fields: tuple[Field, ...] = ()
    minimum: int | None = None
    complete_for_kinds: tuple[str, ...] = ()  # "complete" only for these kinds (empty: all)
    example: str = ""

    def choices_for(self, config: RetroConfig) -> tuple[str, ...]:
        if isinstance(self.choices, str):
            return tuple(getattr(config, self.choices))
        return self.choices


FRONT_MATTER: tuple[Field, ...] = (
    Field(
        "title",
        "string",
        ALWAYS,
        "What happened, in a few words, naming no person.",
        example='"Podcast episode published with the wrong guest intro"',
    ),
    Field(
        "date",
        "date",
        ALWAYS,
        "The day it happened (YYYY-MM-DD); must equal the date in the file name.",
        example="2026-03-14",
    ),
    Field(
        "status",
        "choice",
        ALWAYS,
        "`draft` may be incomplete; `in-review` and `published` must be complete.",
        choices=STATUSES,
        example="draft",
    ),
    Field(
        "kind",
        "choice",
        ALWAYS,
        "Picks the template and its required sections.",
        choices="kinds",
        example="incident",
    ),
    Field(
        "severity", "choice", ALWAYS, "How serious it was.", choices="severities", example="medium"
    ),
    Field(
        "visibility",
        "choice",
        OPTIONAL,
        "`internal` (default) or `public`; a public build leaves internal reviews out.",
        choices=("internal", "public"),
        example="internal",
    ),
    Field(
        "authors",
        "strings",
        COMPLETE,
        "Who wrote the review (roles or names).",
        example='["Support team"]',
    ),
    Field(
        "areas",
        "strings",
        OPTIONAL,
        "Products, services, teams or channels involved.",
        example='["billing"]',
    ),
    Field(
        "tags",
        "strings",
        OPTIONAL,
        "Free tags, or from the configured allowed list.",
        example='["checklist"]',
    ),
    Field("what_went_wrong", "string", COMPLETE, "Short statement of the mistake, as facts."),
    Field(
        "impact",
        "mapping",
        COMPLETE,
        "The impact on customers and the business.",
        fields=(
            Field("summary", "string", COMPLETE, "Who was affected and how."),
            Field(
                "customers_affected", "integer", OPTIONAL, "How many customers (>= 0).", minimum=0
            ),
            Field("cost", "string", OPTIONAL, "What it cost (refunds, credits, hours)."),
        ),
    ),
    Field(
        "timeline",
        "mapping",
        OPTIONAL,
        "ISO date-times, in order; used for time to detect and time to resolve.",
        fields=(
            Field("started", "datetime", OPTIONAL, "When the mistake began to affect anyone."),
            Field("detected", "datetime", OPTIONAL, "When the team noticed."),
            Field("resolved", "datetime", OPTIONAL, "When customers were no longer affected."),
        ),
    ),
    Field(
        "root_cause",
        "string",
        COMPLETE,
        "The conditions that made the mistake possible: a process, tool or system gap, "
        "never a person.",
    ),
    Field(
        "contributing_factors",
        "strings",
        OPTIONAL,
        "The other conditions; complex failures rarely have a single cause.",
    ),
    Field(
        "customer_response",
        "mapping",
        COMPLETE,
        "How customers were answered (required for customer mistakes).",
        complete_for_kinds=("customer-mistake",),
        fields=(
            Field("acknowledged", "date", COMPLETE, "The date customers were told."),
            Field("apology", "string", COMPLETE, "What was said to them."),
            Field(
                "remedy",
                "string",
                COMPLETE,
                "What was fixed for them: refund, exchange, re-send, correction.",
            ),
            Field(
                "goodwill",
                "string",
                OPTIONAL,
                "An extra gesture where it fits: discount, credit, personal note.",
            ),
        ),
    ),
    Field(
        "checklist_changes",
        "mappings",
        COMPLETE,
        "How checklists and procedures change so it does not happen again.",
        fields=(
            Field("checklist", "string", COMPLETE, "Name of the checklist or procedure."),
            Field(
                "change",
                "choice",
                COMPLETE,
                "`add`, `remove` or `reword`.",
                choices=("add", "remove", "reword"),
            ),
            Field(
                "item",
                "string",
                COMPLETE,
                "The new text (add, reword), or the text removed (remove).",
            ),
            Field("was", "string", OPTIONAL, "The old text; required for `reword`."),
            Field("ref", "string", OPTIONAL, "A link or commit for the change."),
        ),
    ),
    Field(
        "action_items",
        "mappings",
        COMPLETE,
        "Follow-up work, each with an owner and a date.",
        fields=(
            Field("action", "string", COMPLETE, "What will be done."),
            Field("owner", "string", COMPLETE, "A person, team or role."),
            Field("due", "date", COMPLETE, "When it is due (YYYY-MM-DD)."),
            Field("status", "choice", COMPLETE, "`open` or `done`.", choices=("open", "done")),
            Field("link", "url", OPTIONAL, "A ticket or pull request URL."),
        ),
    ),
    Field("lessons", "strings", COMPLETE, "What the team learned."),
    Field("related", "strings", OPTIONAL, "Ids of related reviews; they must exist."),
)

FIELDS_BY_NAME = {f.name: f for f in FRONT_MATTER}
_EXTRA_TYPES = {
    "string": "string",
    "integer": "integer",
    "number": "number",
    "boolean": "boolean",
    "date": "date",
    "list": "list",
    "mapping": "mapping",
    "any": "any",
}

TYPE_LABELS = {
    "string": "text",
    "strings": "list of texts",
    "date": "date (YYYY-MM-DD)",
    "datetime": "ISO date-time",
    "integer": "whole number",
    "choice": "one of",
    "mapping": "mapping",
    "mappings": "list of mappings",
    "url": "URL",
    "number": "number",
    "boolean": "true or false",
    "list": "list",
    "any": "any value",
}


def fields_for(config: RetroConfig) -> tuple[Field, ...]:
    """The schema's fields plus the team's declared extra fields."""
    extra = tuple(
        Field(name, _EXTRA_TYPES[kind], OPTIONAL, "Declared by this team (extra_fields).")
        for name, kind in config.extra_fields.items()
        if name not in FIELDS_BY_NAME
    )
    return FRONT_MATTER + extra


# --------------------------------------------------------------------------- validation


@dataclass(frozen=True)
class SchemaIssue:
    """What the schema has to say about one place; the rules turn it into a finding."""

    rule: str
    path: tuple[Hashable, ...]
    message: str


def field_label(path: tuple[Hashable, ...]) -> str:
    """``action_items[2].owner`` for the path ``("action_items", 1, "owner")``."""
    label = ""
    for part in path:
        if isinstance(part, int):
            label += f"[{part + 1}]"
        else:
            label += f".{part}" if label else str(part)
    return label


def is_empty(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip() or value.strip().lower() in PLACEHOLDERS
    if isinstance(value, list | dict):
        return not value
    return False


def validate(meta: Mapping[str, Any], config: RetroConfig, kind: str) -> list[SchemaIssue]:
    """Every schema issue of a front matter, in field order."""
    return list(_validate_mapping(meta, fields_for(config), (), config, kind))


def _validate_mapping(
    data: Mapping[Any, Any],
    fields: tuple[Field, ...],
    path: tuple[Hashable, ...],
    config: RetroConfig,
    kind: str,
    enforce: bool = True,
) -> Iterator[SchemaIssue]:
    known = {f.name: f for f in fields}
    for key in data:
        if key not in known:
            yield SchemaIssue("unknown-field", (*path, key), _unknown_message(key, known, path))
    for spec in fields:
        value = data.get(spec.name)
        where = (*path, spec.name)
        if is_empty(value):
            if spec.required == ALWAYS:
                label = field_label(where)
                yield SchemaIssue(
                    "missing-field",
                    where,
                    f"'{label}' is required; add `{spec.name}: {spec.example or '...'}`"
                    if value is None
                    else f"'{label}' is required and empty",
                )
            elif spec.required == COMPLETE and enforce and _complete_applies(spec, kind):
                yield SchemaIssue(_completeness_rule(path), where, _incomplete_message(where, spec))
            if value is None:
                continue
        yield from _validate_value(
            value, spec, where, config, kind, enforce and _complete_applies(spec, kind)
        )
    is_reword = path and path[0] == "checklist_changes" and data.get("change") == "reword"
    if enforce and is_reword and is_empty(data.get("was")):
        yield SchemaIssue(
            "incomplete-checklist-change",
            (*path, "was"),
            f"'{field_label(path)}' is a reword: add `was:` with the old text of the item",
        )


def _validate_value(
    value: Any,
    spec: Field,
    where: tuple[Hashable, ...],
    config: RetroConfig,
    kind: str,
    enforce: bool,
) -> Iterator[SchemaIssue]:
    kind_of = spec.type
    if kind_of in ("string", "url"):
        if not isinstance(value, str):
            yield _type_issue(where, "a text", value)
        elif kind_of == "url" and value.strip() and not URL.match(value.strip()):
            yield SchemaIssue(
                "invalid-value",
                where,
                f"'{field_label(where)}' must be a web address starting with https://",
            )
    elif kind_of == "strings":
        if not isinstance(value, list):
            hint = (
                f' (write it as a list: `{spec.name}: ["{value}"]`)'
                if isinstance(value, str)
                else ""
            )
            yield _type_issue(where, "a list of texts", value, hint)
        else:
            for index, item in enumerate(value):
                if not isinstance(item, str):
                    yield _type_issue((*where, index), "a text", item)
    elif kind_of == "date":
        if parse_date(value) is None:
            yield SchemaIssue(
                "invalid-date",
                where,
                f"'{field_label(where)}' is {_show(value)}, not a valid date; "
                "write it as YYYY-MM-DD",
            )
    elif kind_of == "datetime":
        if parse_datetime(value) is None:
            yield SchemaIssue(
                "invalid-date",
                where,
                f"'{field_label(where)}' is {_show(value)}, not an ISO date-time; "
                "write it as 2026-03-14T09:30:00Z",
            )
    elif kind_of in ("integer", "number"):
        numeric = (int,) if kind_of == "integer" else (int, float)
        if isinstance(value, bool) or not isinstance(value, numeric):
            yield _type_issue(
                where, "a whole number" if kind_of == "integer" else "a number", value
            )
        elif spec.minimum is not None and value < spec.minimum:
            yield SchemaIssue(
                "invalid-value",
                where,
                f"'{field_label(where)}' is {value}; it must be {spec.minimum} or more",
            )
    elif kind_of == "boolean":
        if not isinstance(value, bool):
            yield _type_issue(where, "true or false", value)
    elif kind_of == "list":
        if not isinstance(value, list):
            yield _type_issue(where, "a list", value)
    elif kind_of == "choice":
        choices = spec.choices_for(config)
        if not isinstance(value, str) or value not in choices:
            near = difflib.get_close_matches(str(value), choices, n=1)
            hint = f"; did you mean '{near[0]}'?" if near else ""
            yield SchemaIssue(
                "invalid-value",
                where,
                f"'{field_label(where)}' is {_show(value)}; expected one of "
                f"{', '.join(choices)}{hint}",
            )
    elif kind_of == "mapping":
        if not isinstance(value, Mapping):
            yield _type_issue(where, "a mapping of fields", value)
        elif spec.fields:
            yield from _validate_mapping(value, spec.fields, where, config, kind, enforce)
    elif kind_of == "mappings":
        if not isinstance(value, list):
            yield _type_issue(where, "a list of entries (`- field: ...`)", value)
            return
        for index, item in enumerate(value):
            if not isinstance(item, Mapping):
                yield _type_issue((*where, index), "an entry with fields (`- field: ...`)", item)
            else:
                yield from _validate_mapping(
                    item, spec.fields, (*where, index), config, kind, enforce
                )


def _complete_applies(spec: Field, kind: str) -> bool:
    return not spec.complete_for_kinds or kind in spec.complete_for_kinds


def _completeness_rule(path: tuple[Hashable, ...]) -> str:
    if path and path[0] == "action_items":
        return "incomplete-action-item"
    if path and path[0] == "checklist_changes":
        return "incomplete-checklist-change"
    return "incomplete-field"


def _incomplete_message(where: tuple[Hashable, ...], spec: Field) -> str:
    label = field_label(where)
    what = spec.description.rstrip(".")
    return f"'{label}' is missing or empty; a complete review needs it ({what})"


def _type_issue(
    where: tuple[Hashable, ...], expected: str, value: Any, hint: str = ""
) -> SchemaIssue:
    label = field_label(where)
    got = _type_name(value)
    if not hint and isinstance(value, bool | int | float) and expected == "a text":
        hint = " (put it in quotes)"
    return SchemaIssue("field-type", where, f"'{label}' must be {expected}, not {got}{hint}")


def _type_name(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if isinstance(value, str):
        return "a text"
    if isinstance(value, int | float):
        return f"a number ({value})"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _show(value: Any) -> str:
    text = repr(value) if not isinstance(value, str) else f"'{value}'"
    return text if len(text) <= 60 else text[:57] + "...'"


def _unknown_message(key: Any, known: Mapping[str, Field], path: tuple[Hashable, ...]) -> str:
    name = str(key)
    label = field_label((*path, name))
    near = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    if near:
        return f"unknown field '{label}'; did you mean '{near[0]}'?"
    where = "the configuration's extra_fields" if not path else "this entry"
    return f"unknown field '{label}'; known fields are {', '.join(known)}" + (
        f" (or declare it in {where})" if not path else ""
    )


# --------------------------------------------------------------------------- JSON Schema


def json_schema(config: RetroConfig) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a review's front matter under ``config``."""
    fields = fields_for(config)
    complete = [f.name for f in fields if f.required == COMPLETE and not f.complete_for_kinds]
    schema: dict[str, Any] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://retro.invalid/review-front-matter.schema.json",
        "title": "retro review front matter",
        "description": "The YAML front matter of a blameless post-incident review.",
        "type": "object",
        "properties": {f.name: _json_field(f, config) for f in fields},
        "required": [f.name for f in fields if f.required == ALWAYS],
        "additionalProperties": False,
        "allOf": [
            {
                "if": {"properties": {"status": {"enum": ["in-review", "published"]}}},
                "then": {"required": complete},
            },
            {
                "if": {
                    "properties": {
                        "status": {"enum": ["in-review", "published"]},
                        "kind": {"const": "customer-mistake"},
                    },
                    "required": ["kind"],
                },
                "then": {"required": ["customer_response"]},
            },
        ],
    }
    return schema


def _json_field(spec: Field, config: RetroConfig) -> dict[str, Any]:
    out: dict[str, Any] = {"description": spec.description} if spec.description else {}
    kind = spec.type
    if kind == "string":
        out["type"] = "string"
    elif kind == "url":
        out.update(type="string", format="uri", pattern=r"^https?://")
    elif kind == "strings":
        out.update(type="array", items={"type": "string"})
    elif kind == "date":
        out.update(type="string", format="date", pattern=r"^\d{4}-\d{2}-\d{2}$")
    elif kind == "datetime":
        out.update(type="string", format="date-time")
    elif kind == "integer":
        out["type"] = "integer"
        if spec.minimum is not None:
            out["minimum"] = spec.minimum
    elif kind == "number":
        out["type"] = "number"
    elif kind == "boolean":
        out["type"] = "boolean"
    elif kind == "list":
        out["type"] = "array"
    elif kind == "choice":
        out.update(type="string", enum=list(spec.choices_for(config)))
    elif kind in ("mapping", "mappings"):
        obj: dict[str, Any] = {
            "type": "object",
            "properties": {f.name: _json_field(f, config) for f in spec.fields},
            "additionalProperties": False,
        }
        if spec.name == "checklist_changes":
            obj["required"] = ["checklist", "change", "item"]
            obj["if"] = {"properties": {"change": {"const": "reword"}}}
            obj["then"] = {"required": ["was"]}
        elif spec.name == "action_items":
            obj["required"] = ["action", "owner", "due"]
        elif spec.name == "impact":
            obj["required"] = ["summary"]
        if kind == "mapping":
            out.update(obj)
        else:
            out.update(type="array", items=obj)
    return out


def field_reference_rows(config: RetroConfig) -> list[tuple[str, str, str, str]]:
    """``(field, type, when required, meaning)`` rows for the guide, nested fields dotted."""
    rows: list[tuple[str, str, str, str]] = []

    def add(spec: Field, prefix: str) -> None:
        type_label = TYPE_LABELS.get(spec.type, spec.type)
        if spec.type == "choice":
            type_label = " / ".join(f"`{c}`" for c in spec.choices_for(config))
        if spec.required == COMPLETE and spec.complete_for_kinds:
            when = "complete, for " + ", ".join(f"`{k}`" for k in spec.complete_for_kinds)
        else:
            when = {ALWAYS: "always", COMPLETE: "complete", OPTIONAL: "no"}[spec.required]
        if spec.name == "was":
            when = "for `reword`"
        rows.append((prefix + spec.name, type_label, when, spec.description))
        for sub in spec.fields:
            add(sub, prefix + spec.name + ("[]." if spec.type == "mappings" else "."))

    for spec in fields_for(config):
        add(spec, "")
    return rows
