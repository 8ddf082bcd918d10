"""The front-matter schema, declared once.

This declaration drives validation (``retro check``), its messages, ``retro schema`` (the
JSON Schema of the front matter) and the field reference in the site's guide.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Hashable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from .config import STATUSES, RetroConfig
from .model import ReviewOptions, parse_date, parse_datetime
from .zones import UnclearZone, checked, zone_after_time

ALWAYS, COMPLETE, OPTIONAL = "always", "complete", "optional"
# A value or a section holding only one of these counts as missing (compared ignoring case).
PLACEHOLDERS = (
    "TBD", "TBC", "TODO", "FIXME", "XXX", "N/A", "NA", "?", "-", "...", "…", "none yet",
)  # fmt: skip
_PLACEHOLDER_KEYS = {p.casefold() for p in PLACEHOLDERS}
URL = re.compile(r"^https?://\S+$")
SHA256 = re.compile(r"^[0-9a-fA-F]{64}$")


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
    optional_for_statuses: tuple[str, ...] = ()  # an "always" field these statuses may omit
    aliases: str = ""  # the name of a RetroConfig mapping of other accepted names -> a choice

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
        "`draft` may be incomplete; `in-review` and `published` must be complete; "
        "`imported` is history brought in from an earlier document, kept as written.",
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
        "severity",
        "choice",
        ALWAYS,
        "How serious it was: a configured level, or one of the configured `severity_aliases` "
        "(a team's own scale, such as SEV1). May be left out of an `imported` review.",
        choices="severities",
        example="medium",
        optional_for_statuses=("imported",),
        aliases="severity_aliases",
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
        "responders",
        "strings",
        OPTIONAL,
        "Who worked on the incident (roles or names).",
        example='["On-call engineer", "Support lead"]',
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
        "detection",
        "mapping",
        OPTIONAL,
        "How the team learned of it.",
        fields=(
            Field(
                "method",
                "choice",
                OPTIONAL,
                "Who or what noticed it first (configured `detection_methods`).",
                choices="detection_methods",
            ),
            Field("summary", "string", OPTIONAL, "How it was found, in a sentence or two."),
        ),
    ),
    Field(
        "timeline",
        "mapping",
        OPTIONAL,
        "ISO date-times, in order; used for time to detect and time to resolve. A date-time "
        "may carry an offset (`+02:00`, `Z`); one without is read in the configured "
        "`time_zone` (default UTC).",
        fields=(
            Field("started", "datetime", OPTIONAL, "When the mistake began to affect anyone."),
            Field("detected", "datetime", OPTIONAL, "When the team noticed."),
            Field("resolved", "datetime", OPTIONAL, "When customers were no longer affected."),
            Field(
                "events",
                "mappings",
                OPTIONAL,
                "A detailed timeline: moments in time order.",
                fields=(
                    Field("at", "datetime", ALWAYS, "When (an ISO date-time)."),
                    Field("what", "string", ALWAYS, "What happened or was decided then."),
                ),
            ),
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
            Field(
                "not_contacted",
                "string",
                OPTIONAL,
                "Why customers were not told; stands in for acknowledged, apology and remedy.",
            ),
        ),
    ),
    Field(
        "checklist_changes",
        "mappings",
        COMPLETE,
        "How checklists and procedures change so it does not happen again "
        "(or say why none does in `no_checklist_change`).",
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
        "no_checklist_change",
        "string",
        OPTIONAL,
        "Why this review changes no checklist; stands in for `checklist_changes`.",
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
            Field(
                "type",
                "choice",
                OPTIONAL,
                "What the action does (configured `action_types`).",
                choices="action_types",
            ),
            Field("link", "url", OPTIONAL, "A ticket or pull request URL."),
        ),
    ),
    Field("lessons", "strings", COMPLETE, "What the team learned."),
    Field(
        "links",
        "links",
        OPTIONAL,
        "Tickets, pull requests, status pages, chat threads: `{title, url}` or a bare URL.",
        fields=(
            Field("title", "string", OPTIONAL, "What the link is."),
            Field("url", "url", ALWAYS, "The address (https://...)."),
        ),
    ),
    Field("related", "strings", OPTIONAL, "Ids of related reviews; they must exist."),
    Field(
        "source",
        "mapping",
        OPTIONAL,
        "For an imported review: where the original is.",
        fields=(
            Field("path", "string", OPTIONAL, "The original document's path or address."),
            Field("imported", "date", OPTIONAL, "The day it was imported."),
            Field("sha256", "sha256", OPTIONAL, "The SHA-256 of the original's bytes (64 hex)."),
        ),
    ),
)
# A field that stands in for a complete-required one, when it holds a reason.
ALTERNATIVES = {"checklist_changes": "no_checklist_change"}
NESTED_ALTERNATIVES = {
    "customer_response": ("not_contacted", ("acknowledged", "apology", "remedy")),
}

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


def placeholder_of(value: Any) -> str | None:
    """The placeholder ``value`` holds (``TBD``, ``N/A``...), or ``None``.

    A list holds a placeholder when every item is one (``lessons: [TBD]``).
    """
    if isinstance(value, str):
        text = value.strip()
        return text if text.casefold() in _PLACEHOLDER_KEYS else None
    if isinstance(value, list) and value:
        found = [placeholder_of(item) for item in value]
        return found[0] if all(found) else None
    return None


def is_empty(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str) and not value.strip():
        return True
    if isinstance(value, list | dict) and not value:
        return True
    return placeholder_of(value) is not None


def complete_fields(config: RetroConfig, kind: str) -> tuple[str, ...]:
    """The top-level fields a complete review of ``kind`` needs."""
    configured = config.requirements.get(kind)
    if configured is not None and configured.fields is not None:
        return configured.fields
    return tuple(
        f.name
        for f in FRONT_MATTER
        if f.required == COMPLETE and (not f.complete_for_kinds or kind in f.complete_for_kinds)
    )


def validate(
    meta: Mapping[str, Any],
    config: RetroConfig,
    kind: str,
    status: str = "draft",
    file_date: str = "",
) -> list[SchemaIssue]:
    """Every schema issue of a front matter, in field order. ``file_date`` is the date in
    the file's name (suggested when ``date`` is missing)."""
    state = _State(config, kind, status, complete_fields(config, kind), file_date)
    return list(_validate_mapping(meta, fields_for(config), (), state))


Path = tuple[Hashable, ...]
Issues = Iterator[SchemaIssue]


@dataclass(frozen=True)
class _State:
    config: RetroConfig
    kind: str
    status: str
    required: tuple[str, ...]
    file_date: str = ""


def _validate_mapping(
    data: Mapping[Any, Any],
    fields: tuple[Field, ...],
    path: tuple[Hashable, ...],
    state: _State,
    enforce: bool = True,
) -> Iterator[SchemaIssue]:
    known = {f.name: f for f in fields}
    yield from _unknown_issues(data, known, path)
    typos = _typo_targets(data, known)
    stand_in = NESTED_ALTERNATIVES.get(str(path[-1])) if path else None
    excused = stand_in[1] if stand_in and not is_empty(data.get(stand_in[0])) else ()
    for spec in fields:
        value = data.get(spec.name)
        where = (*path, spec.name)
        if is_empty(value):
            if spec.name in typos or spec.name in excused:
                continue
            if spec.required == ALWAYS and state.status not in spec.optional_for_statuses:
                yield SchemaIssue(
                    "missing-field", where, _missing_message(where, spec, value, state)
                )
            elif _required_now(spec, path, data, state, enforce):
                yield SchemaIssue(
                    _completeness_rule(path), where, _incomplete_message(where, spec, value)
                )
            if value is None or placeholder_of(value) is not None:
                continue
        applies = enforce and (bool(path) or spec.name in state.required)
        yield from _validate_value(value, spec, where, state, applies)
    is_reword = path and path[0] == "checklist_changes" and data.get("change") == "reword"
    if enforce and is_reword and is_empty(data.get("was")):
        yield SchemaIssue(
            "incomplete-checklist-change",
            (*path, "was"),
            f"'{field_label(path)}' is a reword: add `was:` with the old text of the item",
        )


def _required_now(
    spec: Field,
    path: tuple[Hashable, ...],
    data: Mapping[Any, Any],
    state: _State,
    enforce: bool,
) -> bool:
    if not enforce:
        return False
    if path:
        return spec.required == COMPLETE
    if spec.name not in state.required:
        return False
    stand_in = ALTERNATIVES.get(spec.name)
    return not (stand_in and not is_empty(data.get(stand_in)))


def _missing_message(where: tuple[Hashable, ...], spec: Field, value: Any, state: _State) -> str:
    label = field_label(where)
    placeholder = placeholder_of(value)
    if placeholder is not None:
        return f"'{label}' is required and holds only the placeholder '{placeholder}'"
    if where == ("date",) and parse_date(state.file_date) is not None:
        return f"'date' is required; add `date: {state.file_date}` (the date in the file name)"
    if value is None:
        return f"'{label}' is required; add `{spec.name}: {spec.example or '...'}`"
    return f"'{label}' is required and empty"


def _validate_value(
    value: Any,
    spec: Field,
    where: tuple[Hashable, ...],
    state: _State,
    enforce: bool,
) -> Iterator[SchemaIssue]:
    yield from TYPES[spec.type].check(value, spec, where, state, enforce)


Check = Callable[[Any, "Field", tuple[Hashable, ...], _State, bool], Iterator[SchemaIssue]]


def _check_text(value: Any, spec: Field, where: Path, state: _State, enforce: bool) -> Issues:
    if not isinstance(value, str):
        yield _type_issue(where, "a text", value)


def _check_url(value: Any, spec: Field, where: Path, state: _State, enforce: bool) -> Issues:
    if not isinstance(value, str):
        yield _type_issue(where, "a text", value)
    elif value.strip() and not URL.match(value.strip()):
        yield SchemaIssue(
            "invalid-value",
            where,
            f"'{field_label(where)}' must be a web address starting with https://",
        )


def _check_sha256(value: Any, spec: Field, where: Path, state: _State, enforce: bool) -> Issues:
    if not isinstance(value, str):
        yield _type_issue(where, "a text", value)
    elif value.strip() and not SHA256.match(value.strip()):
        yield SchemaIssue(
            "invalid-value",
            where,
            f"'{field_label(where)}' must be the 64 hexadecimal digits of a SHA-256 "
            "(`sha256sum FILE` prints them)",
        )


def _check_texts(value: Any, spec: Field, where: Path, state: _State, enforce: bool) -> Issues:
    if not isinstance(value, list):
        yield _type_issue(where, "a list of texts", value, _list_hint(spec, value))
        return
    for index, item in enumerate(value):
        if not isinstance(item, str):
            yield _type_issue((*where, index), "a text", item)


# A date or date-time written in the right form whose day does not exist: 2026-02-30.
_DATE_SHAPE = re.compile(r"\s*(\d{4})-(\d{2})-(\d{2})")  # what follows the day does not matter


def _no_such_day(value: Any) -> str | None:
    """``"February 2026 has no day 30"`` for ``2026-02-30``; None when the value is not in
    the ISO form or its day exists."""
    shape = _DATE_SHAPE.match(value) if isinstance(value, str) else None
    if shape is None:
        return None
    year, month, day = (int(part) for part in shape.groups())
    if not 1 <= month <= 12:
        return f"there is no month {month}"
    try:
        date(year, month, day)
    except ValueError:
        return f"{date(year, month, 1):%B %Y} has no day {day}"
    return None


def _check_date(value: Any, spec: Field, where: Path, state: _State, enforce: bool) -> Issues:
    if parse_date(value) is None:
        missing = _no_such_day(value)
        said = f"'{field_label(where)}' is {_show(value)}"
        yield SchemaIssue(
            "invalid-date",
            where,
            f"{said}: {missing}"
            if missing
            else f"{said}, not a valid date; write it as YYYY-MM-DD",
        )


def _check_datetime(value: Any, spec: Field, where: Path, state: _State, enforce: bool) -> Issues:
    if parse_datetime(value) is None:
        yield SchemaIssue("invalid-date", where, _datetime_message(where, value))


def _check_number(whole: bool) -> Check:
    numeric: tuple[type, ...] = (int,) if whole else (int, float)

    def check(value: Any, spec: Field, where: Path, state: _State, enforce: bool) -> Issues:
        if isinstance(value, bool) or not isinstance(value, numeric):
            yield _type_issue(where, "a whole number" if whole else "a number", value)
        elif spec.minimum is not None and isinstance(value, int | float) and value < spec.minimum:
            yield SchemaIssue(
                "invalid-value",
                where,
                f"'{field_label(where)}' is {value}; it must be {spec.minimum} or more",
            )

    return check


def _check_instance(kind: type, expected: str) -> Check:
    def check(value: Any, spec: Field, where: Path, state: _State, enforce: bool) -> Issues:
        if not isinstance(value, kind):
            yield _type_issue(where, expected, value)

    return check


def _check_any(value: Any, spec: Field, where: Path, state: _State, enforce: bool) -> Issues:
    return iter(())


def _check_choice(value: Any, spec: Field, where: Path, state: _State, enforce: bool) -> Issues:
    yield from _choice_issues(value, spec, where, state.config)


def _check_mapping(value: Any, spec: Field, where: Path, state: _State, enforce: bool) -> Issues:
    if not isinstance(value, Mapping):
        yield _type_issue(where, "a mapping of fields", value)
    elif spec.fields:
        yield from _validate_mapping(value, spec.fields, where, state, enforce)


def _check_mappings(value: Any, spec: Field, where: Path, state: _State, enforce: bool) -> Issues:
    if not isinstance(value, list):
        yield _type_issue(where, "a list of entries (`- field: ...`)", value)
        return
    for index, item in enumerate(value):
        if not isinstance(item, Mapping):
            yield _type_issue((*where, index), "an entry with fields (`- field: ...`)", item)
        else:
            yield from _validate_mapping(item, spec.fields, (*where, index), state, enforce)


def _check_links(value: Any, spec: Field, where: Path, state: _State, enforce: bool) -> Issues:
    if not isinstance(value, list):
        yield _type_issue(where, "a list of links (`- https://...` or `- {title, url}`)", value)
        return
    url = next(f for f in spec.fields if f.type == "url")
    for index, item in enumerate(value):
        if isinstance(item, str):
            yield from _check_url(item, url, (*where, index), state, enforce)
        elif isinstance(item, Mapping):
            yield from _validate_mapping(item, spec.fields, (*where, index), state, enforce)
        else:
            yield _type_issue((*where, index), "a URL or `{title, url}`", item)


def _choice_issues(
    value: Any, spec: Field, where: tuple[Hashable, ...], config: RetroConfig
) -> Iterator[SchemaIssue]:
    choices = spec.choices_for(config)
    if isinstance(value, str) and value in choices:
        return
    aliases: Mapping[str, str] = getattr(config, spec.aliases) if spec.aliases else {}
    if isinstance(value, str) and aliases and _alias_level(config, value, choices) in choices:
        return
    text = str(value)
    folded = [c for c in choices if c.casefold() == text.casefold()]
    near = folded or difflib.get_close_matches(text, [*choices, *aliases], n=1)
    hint = f"; did you mean '{near[0]}'?" if near else ""
    yield SchemaIssue(
        "invalid-value",
        where,
        f"'{field_label(where)}' is {_show(value)}; expected one of {', '.join(choices)}{hint}",
    )


def _alias_level(config: RetroConfig, value: str, choices: tuple[str, ...]) -> str | None:
    return config.review_options.severity_level(value, choices)


def _list_hint(spec: Field, value: Any) -> str:
    if not isinstance(value, str):
        return ""
    parts = [p.strip() for p in value.split(",") if p.strip()]
    if len(parts) > 1:
        return f" (write it as a list: `{spec.name}: [{', '.join(parts)}]`)"
    return f' (write it as a list: `{spec.name}: ["{value}"]`)'


_ZONED = re.compile(r"^(?P<moment>\d{4}-\d{2}-\d{2}[T ]\d{1,2}:\d{2}(?::\d{2})?)(?=\s*\S)")


def _datetime_message(where: tuple[Hashable, ...], value: Any) -> str:
    label = field_label(where)
    zoned = _with_offset(value) if isinstance(value, str) else None
    if zoned is not None:
        suggestion, why = zoned
        if suggestion:
            return (
                f"'{label}' is {_show(value)}: a zone name is not part of an ISO date-time; "
                f"write the same moment with an offset: {suggestion}"
            )
        return (
            f"'{label}' is {_show(value)}: {why}; write the moment with the offset meant, "
            "as in 2026-03-14T09:30:00+05:30"
        )
    missing = _no_such_day(value)
    if missing:
        return f"'{label}' is {_show(value)}: {missing}"
    return f"'{label}' is {_show(value)}, not an ISO date-time; write it as 2026-03-14T09:30:00Z"


def _with_offset(value: str) -> tuple[str, str] | None:
    """For ``2026-03-14 09:30 PST``: ``("2026-03-14T09:30:00-08:00", "")``; for a zone that
    names no single offset (``IST``) or a local time a daylight-saving change skips:
    ``("", why)``. ``None``: not a date-time followed by a zone (see :mod:`retro.zones`,
    which the importer reads zones with too)."""
    text = value.strip()
    match = _ZONED.match(text)
    if match is None:
        return None
    try:
        naive = datetime.fromisoformat(match["moment"].replace(" ", "T"))
    except ValueError:
        return None
    zone = zone_after_time(text, match.end())
    if zone is None:  # "msk": right after a time, an abbreviation in any case is one
        zone = zone_after_time(text[: match.end()] + text[match.end() :].upper(), match.end())
    if zone is None or text[zone.end :].strip():
        return None
    try:
        moment = checked(naive.replace(tzinfo=zone.check()), zone)
    except UnclearZone as unclear:
        return "", str(unclear)
    return moment.isoformat(), ""


def _completeness_rule(path: tuple[Hashable, ...]) -> str:
    if path and path[0] == "action_items":
        return "incomplete-action-item"
    if path and path[0] == "checklist_changes":
        return "incomplete-checklist-change"
    return "incomplete-field"


def _incomplete_message(where: tuple[Hashable, ...], spec: Field, value: Any) -> str:
    label = field_label(where)
    what = spec.description.rstrip(".")
    placeholder = placeholder_of(value)
    if placeholder is not None:
        return (
            f"'{label}' holds only the placeholder '{placeholder}'; a complete review needs "
            f"it ({what})"
        )
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


def _near(name: str, known: Mapping[str, Field]) -> str | None:
    near = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return near[0] if near else None


def misspelt_fields(meta: Mapping[Any, Any], config: RetroConfig) -> list[tuple[str, str]]:
    """The front matter's top-level keys that are no field but close to one, with that
    field: ``[("root_casue", "root_cause")]``. Their text shows nowhere on the site."""
    known = {f.name: f for f in fields_for(config)}
    return [
        (str(key), near)
        for key in meta
        if key not in known and (near := _near(str(key), known)) is not None
    ]


def _typo_targets(data: Mapping[Any, Any], known: Mapping[str, Field]) -> set[str]:
    """Known fields that an unknown key of ``data`` is probably a typo of."""
    return {
        near
        for key in data
        if key not in known and (near := _near(str(key), known)) is not None and near not in data
    }


def _unknown_issues(
    data: Mapping[Any, Any], known: Mapping[str, Field], path: tuple[Hashable, ...]
) -> Iterator[SchemaIssue]:
    """A typo gets its own finding; keys unlike any field (a front matter written for another
    site generator: ``layout``, ``nav_order``) get one finding together."""
    strangers: list[str] = []
    for key in data:
        if key in known:
            continue
        name = str(key)
        near = _near(name, known)
        if near is not None:
            label = field_label((*path, name))
            yield SchemaIssue(
                "unknown-field", (*path, key), f"unknown field '{label}'; did you mean '{near}'?"
            )
        else:
            strangers.append(name)
    if not strangers:
        return
    first = next(k for k in data if str(k) == strangers[0])
    names = ", ".join(f"'{field_label((*path, n))}'" for n in strangers)
    fields = "field" if len(strangers) == 1 else "fields"
    if path:
        message = f"unknown {fields} {names}; the fields here are {', '.join(known)}"
    else:
        message = (
            f"unknown {fields} {names}; to keep {'it' if len(strangers) == 1 else 'them'}, "
            f"declare {'it' if len(strangers) == 1 else 'them'} in the configuration "
            f"(retro.yml): `extra_fields: [{', '.join(strangers)}]`"
        )
    yield SchemaIssue("unknown-field", (*path, first), message)


# --------------------------------------------------------------------------- JSON Schema


def json_schema(config: RetroConfig) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a review's front matter under ``config``."""
    fields = fields_for(config)
    complete = [
        name for name in complete_fields(config, "") if name not in ALTERNATIVES
    ]  # the fields every kind needs by default; kinds' own needs follow
    complete_state = {"properties": {"status": {"enum": ["in-review", "published"]}}}
    rules: list[dict[str, Any]] = [
        {"if": complete_state, "then": {"required": complete}},
        {
            "if": {"properties": {"status": {"not": {"const": "imported"}}}},
            "then": {"required": ["severity"]},
        },
    ]
    for name, stand_in in ALTERNATIVES.items():
        rules.append(
            {
                "if": complete_state,
                "then": {"anyOf": [{"required": [name]}, {"required": [stand_in]}]},
            }
        )
    for kind in config.kinds:
        extra = [
            n for n in complete_fields(config, kind) if n not in complete and n not in ALTERNATIVES
        ]
        if extra:
            rules.append(
                {
                    "if": {
                        "properties": {
                            "status": {"enum": ["in-review", "published"]},
                            "kind": {"const": kind},
                        },
                        "required": ["kind"],
                    },
                    "then": {"required": extra},
                }
            )
    schema: dict[str, Any] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://retro.invalid/review-front-matter.schema.json",
        "title": "retro review front matter",
        "description": "The YAML front matter of a blameless post-incident review.",
        "type": "object",
        "properties": {f.name: _json_field(f, config) for f in fields},
        "required": [
            f.name for f in fields if f.required == ALWAYS and not f.optional_for_statuses
        ],
        "additionalProperties": False,
        "allOf": rules,
    }
    return schema


def _json_field(spec: Field, config: RetroConfig) -> dict[str, Any]:
    out: dict[str, Any] = {"description": spec.description} if spec.description else {}
    out.update(TYPES[spec.type].json(spec, config))
    return out


def _json_fixed(**schema: Any) -> Callable[[Field, RetroConfig], dict[str, Any]]:
    return lambda spec, config: dict(schema)


def _json_integer(spec: Field, config: RetroConfig) -> dict[str, Any]:
    return {"type": "integer"} | ({"minimum": spec.minimum} if spec.minimum is not None else {})


def _json_choice(spec: Field, config: RetroConfig) -> dict[str, Any]:
    aliases = list(getattr(config, spec.aliases)) if spec.aliases else []
    return {"type": "string", "enum": [*spec.choices_for(config), *aliases]}


def _json_object(spec: Field, config: RetroConfig) -> dict[str, Any]:
    """An object of ``spec``'s fields; those required at some status are required when the
    object is written at all (or their stand-in is)."""
    obj: dict[str, Any] = {
        "type": "object",
        "properties": {f.name: _json_field(f, config) for f in spec.fields},
        "additionalProperties": False,
    }
    required = [f.name for f in spec.fields if f.required != OPTIONAL]
    stand_in = NESTED_ALTERNATIVES.get(spec.name)
    if stand_in is not None:
        obj["anyOf"] = [{"required": list(stand_in[1])}, {"required": [stand_in[0]]}]
    elif required:
        obj["required"] = required
    if spec.name == "checklist_changes":
        obj["if"] = {"properties": {"change": {"const": "reword"}}}
        obj["then"] = {"required": ["was"]}
    return obj


def _json_mappings(spec: Field, config: RetroConfig) -> dict[str, Any]:
    return {"type": "array", "items": _json_object(spec, config)}


def _json_links(spec: Field, config: RetroConfig) -> dict[str, Any]:
    url = _json_field(next(f for f in spec.fields if f.type == "url"), config)
    return {"type": "array", "items": {"anyOf": [url, _json_object(spec, config)]}}


def field_reference_rows(config: RetroConfig) -> list[tuple[str, str, str, str]]:
    """``(field, type, when required, meaning)`` rows for the guide, nested fields dotted."""
    rows: list[tuple[str, str, str, str]] = []

    def add(spec: Field, prefix: str) -> None:
        type_label = TYPES[spec.type].label
        if spec.type == "choice":
            type_label = " / ".join(f"`{c}`" for c in spec.choices_for(config))
        if spec.required == COMPLETE and spec.complete_for_kinds:
            when = "complete, for " + ", ".join(f"`{k}`" for k in spec.complete_for_kinds)
        else:
            when = {ALWAYS: "always", COMPLETE: "complete", OPTIONAL: "no"}[spec.required]
        if spec.name == "was":
            when = "for `reword`"
        if spec.optional_for_statuses:
            when += ", except " + ", ".join(f"`{s}`" for s in spec.optional_for_statuses)
        if spec.name in ALTERNATIVES:
            when += f", or `{ALTERNATIVES[spec.name]}`"
        rows.append((prefix + spec.name, type_label, when, spec.description))
        for sub in spec.fields:
            add(sub, prefix + spec.name + ("[]." if spec.type == "mappings" else "."))

    for spec in fields_for(config):
        add(spec, "")
    return rows


# --------------------------------------------------------------------------- the field types


def _view_text(value: Any, options: ReviewOptions) -> str:
    return value.strip() if isinstance(value, str) else ""


def _view_texts(value: Any, options: ReviewOptions) -> tuple[str, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(v.strip() for v in value if isinstance(v, str) and v.strip())


def _view_integer(value: Any, options: ReviewOptions) -> int | None:
    whole = isinstance(value, int) and not isinstance(value, bool)
    return value if whole else None


@dataclass(frozen=True)
class FieldType:
    """What a type of field is: how it is labelled in the guide, how it validates, how it
    describes itself in JSON Schema, and the model's lenient view of a value (``view``
    returns the type's default for a missing or wrong value)."""

    label: str
    check: Check
    json: Callable[[Field, RetroConfig], dict[str, Any]]
    view: Callable[[Any, ReviewOptions], Any] = lambda value, options: value


TYPES: dict[str, FieldType] = {
    "string": FieldType("text", _check_text, _json_fixed(type="string"), _view_text),
    "strings": FieldType(
        "list of texts",
        _check_texts,
        _json_fixed(type="array", items={"type": "string"}),
        _view_texts,
    ),
    "url": FieldType(
        "URL",
        _check_url,
        _json_fixed(type="string", format="uri", pattern=r"^https?://"),
        _view_text,
    ),
    "sha256": FieldType(
        "64 hex digits",
        _check_sha256,
        _json_fixed(type="string", pattern=r"^[0-9a-fA-F]{64}$"),
        _view_text,
    ),
    "date": FieldType(
        "date (YYYY-MM-DD)",
        _check_date,
        _json_fixed(type="string", format="date", pattern=r"^\d{4}-\d{2}-\d{2}$"),
        lambda value, options: parse_date(value),
    ),
    "datetime": FieldType(
        "ISO date-time",
        _check_datetime,
        _json_fixed(type="string", format="date-time"),
        lambda value, options: parse_datetime(value, options.zone),
    ),
    "integer": FieldType("whole number", _check_number(True), _json_integer, _view_integer),
    "number": FieldType("number", _check_number(False), _json_fixed(type="number")),
    "boolean": FieldType(
        "true or false", _check_instance(bool, "true or false"), _json_fixed(type="boolean")
    ),
    "list": FieldType("list", _check_instance(list, "a list"), _json_fixed(type="array")),
    "any": FieldType("any value", _check_any, _json_fixed()),
    "choice": FieldType("one of", _check_choice, _json_choice, _view_text),
    "mapping": FieldType("mapping", _check_mapping, _json_object),
    "mappings": FieldType("list of mappings", _check_mappings, _json_mappings),
    "links": FieldType("list of URLs or {title, url}", _check_links, _json_links),
}


def view(name: str, meta: Mapping[str, Any], options: ReviewOptions) -> Any:
    """The model's view of the top-level field ``name`` of ``meta`` (see ``FieldType.view``)."""
    return TYPES[FIELDS_BY_NAME[name].type].view(meta.get(name), options)
