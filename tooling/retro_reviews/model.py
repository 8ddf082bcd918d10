"""The review as the rest of retro sees it: raw front matter plus lenient typed views.

A :class:`Review` is built even from a broken file (its ``problems`` say what is wrong), so
that one bad file never stops the checker or the site. The typed views return ``None`` or an
empty value where the front matter holds the wrong type; the schema rules report those.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, tzinfo
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, Generic, TypeVar, overload
from zoneinfo import ZoneInfo

from .findings import Finding

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_date(value: Any) -> date | None:
    """A ``YYYY-MM-DD`` value as a date, or ``None``."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str) and ISO_DATE.match(value.strip()):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


@lru_cache(maxsize=32)
def zone_of(name: str) -> tzinfo:
    """The time zone named ``name`` (``UTC`` without the zone database)."""
    return UTC if name.upper() in ("UTC", "Z") else ZoneInfo(name)


def parse_datetime(value: Any, zone: tzinfo = UTC) -> datetime | None:
    """An ISO 8601 date-time (or date) as an aware datetime; one without an offset is read
    in ``zone`` (the configured time zone, UTC by default)."""
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, date):
        parsed = datetime(value.year, value.month, value.day)
    elif isinstance(value, str) and len(value) <= 40:
        try:
            parsed = datetime.fromisoformat(value.strip())
        except ValueError:
            return None
    else:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=zone)


@dataclass(frozen=True)
class ReviewOptions:
    """The little of the configuration a review needs to read its own fields."""

    severity_aliases: Mapping[str, str] = field(default_factory=dict)
    time_zone: str = "UTC"

    @property
    def zone(self) -> tzinfo:
        return zone_of(self.time_zone)

    def severity_level(self, value: str, levels: tuple[str, ...] = ()) -> str | None:
        """The level ``value`` names: itself, or through an alias (exact, then ignoring case)."""
        if value in levels:
            return value
        if value in self.severity_aliases:
            return self.severity_aliases[value]
        folded = {name.casefold(): level for name, level in self.severity_aliases.items()}
        return folded.get(value.casefold())


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _texts(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(v.strip() for v in value if isinstance(v, str) and v.strip())


@dataclass(frozen=True)
class ActionItem:
    review_id: str
    index: int
    action: str
    owner: str
    due: date | None
    status: str
    link: str
    type: str = ""

    @property
    def is_open(self) -> bool:
        """Not done: open, or a status the review does not give (still to follow up)."""
        return self.status != "done"

    @property
    def status_shown(self) -> str:
        """The status as written, or ``unknown`` where the review gives none (an imported
        review's items often have none): never ``open`` by guess."""
        return self.status or "unknown"

    def is_overdue(self, today: date) -> bool:
        return self.is_open and self.due is not None and self.due < today


@dataclass(frozen=True)
class ChecklistChange:
    review_id: str
    index: int
    checklist: str
    change: str
    item: str
    was: str
    ref: str


@dataclass(frozen=True)
class TimelineEvent:
    """One moment of a detailed timeline."""

    at: datetime | None
    what: str
    at_as_written: str = ""


@dataclass(frozen=True)
class Timeline:
    started: datetime | None
    detected: datetime | None
    resolved: datetime | None
    events: tuple[TimelineEvent, ...] = ()

    @property
    def time_to_detect(self) -> timedelta | None:
        if self.started and self.detected:
            return self.detected - self.started
        return None

    @property
    def time_to_resolve(self) -> timedelta | None:
        start = self.started or self.detected
        if start and self.resolved:
            return self.resolved - start
        return None


@dataclass(frozen=True)
class Detection:
    """How the team learned of the mistake."""

    method: str
    summary: str


@dataclass(frozen=True)
class Link:
    """A link to a ticket, pull request, status page or chat thread."""

    url: str
    title: str = ""


@dataclass(frozen=True)
class Source:
    """Where an imported review came from."""

    path: str
    imported: date | None
    sha256: str


T = TypeVar("T")


class FieldView(Generic[T]):
    """A review's view of one top-level field, as the schema's declaration of the field's
    type gives it (its default for a missing or wrong value), computed once."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __set_name__(self, owner: type, attribute: str) -> None:
        self.attribute = attribute

    @overload
    def __get__(self, review: None, owner: type | None = None) -> FieldView[T]: ...
    @overload
    def __get__(self, review: Review, owner: type | None = None) -> T: ...
    def __get__(self, review: Review | None, owner: type | None = None) -> T | FieldView[T]:
        if review is None:
            return self
        from .schema import view  # the schema reads the model's parsers: imported when needed

        value: T = view(self.name, review.meta, review.options)
        review.__dict__[self.attribute] = value
        return value


@dataclass
class Review:
    """One review file, loaded.

    The typed views are computed once, on first use: a review's ``meta`` is set by the
    loader before anything reads them, and never changed after.
    """

    path: Path
    relpath: str
    text: str = ""
    meta: dict[str, Any] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1
    problems: list[Finding] = field(default_factory=list)
    parsed: bool = False
    options: ReviewOptions = field(default_factory=ReviewOptions)
    # Set by the loader, or worked out from ``text`` on first use (see ``positions``).
    _positions: dict[tuple[Hashable, ...], tuple[int, int]] | None = field(
        default=None, repr=False, compare=False
    )

    @property
    def positions(self) -> dict[tuple[Hashable, ...], tuple[int, int]]:
        """File ``(line, column)`` of each front-matter key and list item, by key path.

        Only findings need them, so the loader may leave them out; they are then read again
        from ``text`` the first time a finding asks (see :func:`retro.load.positions_of`).
        """
        if self._positions is None:
            from .load import positions_of  # load builds reviews: imported when needed

            self._positions = positions_of(self)
        return self._positions

    @positions.setter
    def positions(self, value: dict[tuple[Hashable, ...], tuple[int, int]]) -> None:
        self._positions = value

    @cached_property
    def id(self) -> str:
        name = self.path.name
        return name[:-3] if name.endswith(".md") else self.path.stem

    def line_of(self, *keys: Hashable) -> int | None:
        """File line of the deepest known part of ``keys`` (the field, or its item)."""
        for end in range(len(keys), 0, -1):
            found = self.positions.get(tuple(keys[:end]))
            if found:
                return found[0]
        return None

    def column_of(self, *keys: Hashable) -> int | None:
        found = self.positions.get(tuple(keys))
        return found[1] if found else None

    # ----------------------------------------------------------------- typed views (lenient)

    @cached_property
    def title(self) -> str:
        return _text(self.meta.get("title")) or self.id

    @cached_property
    def date(self) -> date | None:
        return parse_date(self.meta.get("date"))

    @cached_property
    def status(self) -> str:
        return _text(self.meta.get("status")) or "draft"

    @cached_property
    def kind(self) -> str:
        return _text(self.meta.get("kind"))

    @cached_property
    def severity(self) -> str:
        """The configured level: the value written, or the level its alias maps to."""
        written = self.severity_as_written
        return self.options.severity_level(written) or written

    @cached_property
    def severity_as_written(self) -> str:
        return _text(self.meta.get("severity"))

    @property
    def is_imported(self) -> bool:
        return self.status == "imported"

    @cached_property
    def visibility(self) -> str:
        return _text(self.meta.get("visibility")) or "internal"

    @property
    def is_public(self) -> bool:
        return self.visibility == "public"

    authors = FieldView[tuple[str, ...]]("authors")

    responders = FieldView[tuple[str, ...]]("responders")

    areas = FieldView[tuple[str, ...]]("areas")

    tags = FieldView[tuple[str, ...]]("tags")

    what_went_wrong = FieldView[str]("what_went_wrong")

    @cached_property
    def impact(self) -> Mapping[str, Any]:
        value = self.meta.get("impact")
        return value if isinstance(value, Mapping) else {}

    @cached_property
    def impact_summary(self) -> str:
        return _text(self.impact.get("summary"))

    @cached_property
    def customers_affected(self) -> int | None:
        value = self.impact.get("customers_affected")
        if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            return value
        return None

    @property
    def cost(self) -> str:
        value = self.impact.get("cost")
        return str(value).strip() if isinstance(value, str | int | float) else ""

    @cached_property
    def timeline(self) -> Timeline:
        value = self.meta.get("timeline")
        value = value if isinstance(value, Mapping) else {}
        zone = self.options.zone
        events = value.get("events")
        return Timeline(
            started=parse_datetime(value.get("started"), zone),
            detected=parse_datetime(value.get("detected"), zone),
            resolved=parse_datetime(value.get("resolved"), zone),
            events=tuple(
                TimelineEvent(
                    at=parse_datetime(event.get("at"), zone),
                    what=_text(event.get("what")),
                    at_as_written=str(event.get("at") or "").strip(),
                )
                for event in (events if isinstance(events, list) else [])
                if isinstance(event, Mapping)
            ),
        )

    @cached_property
    def detection(self) -> Detection | None:
        value = self.meta.get("detection")
        if not isinstance(value, Mapping):
            return None
        return Detection(method=_text(value.get("method")), summary=_text(value.get("summary")))

    @cached_property
    def links(self) -> tuple[Link, ...]:
        value = self.meta.get("links")
        out = []
        for item in value if isinstance(value, list) else []:
            if isinstance(item, str) and item.strip():
                out.append(Link(url=item.strip()))
            elif isinstance(item, Mapping) and _text(item.get("url")):
                out.append(Link(url=_text(item.get("url")), title=_text(item.get("title"))))
        return tuple(out)

    @cached_property
    def source(self) -> Source | None:
        value = self.meta.get("source")
        if not isinstance(value, Mapping):
            return None
        return Source(
            path=_text(value.get("path")),
            imported=parse_date(value.get("imported")),
            sha256=_text(value.get("sha256")),
        )

    no_checklist_change = FieldView[str]("no_checklist_change")

    root_cause = FieldView[str]("root_cause")

    contributing_factors = FieldView[tuple[str, ...]]("contributing_factors")

    @cached_property
    def customer_response(self) -> Mapping[str, str]:
        value = self.meta.get("customer_response")
        if not isinstance(value, Mapping):
            return {}
        out: dict[str, str] = {}
        for key in ("acknowledged", "apology", "remedy", "goodwill", "not_contacted"):
            item = value.get(key)
            if key == "acknowledged":
                parsed = parse_date(item)
                if parsed:
                    out[key] = parsed.isoformat()
            elif isinstance(item, str) and item.strip():
                out[key] = item.strip()
        return out

    @property
    def customers_not_contacted(self) -> str:
        """Why customers were not told ("" when they were, or when it does not say)."""
        return self.customer_response.get("not_contacted", "")

    @cached_property
    def checklist_changes(self) -> tuple[ChecklistChange, ...]:
        value = self.meta.get("checklist_changes")
        if not isinstance(value, list):
            return ()
        changes = []
        for index, entry in enumerate(value):
            if not isinstance(entry, Mapping):
                continue
            changes.append(
                ChecklistChange(
                    review_id=self.id,
                    index=index,
                    checklist=_text(entry.get("checklist")),
                    change=_text(entry.get("change")),
                    item=_text(entry.get("item")),
                    was=_text(entry.get("was")),
                    ref=_text(entry.get("ref")),
                )
            )
        return tuple(changes)

    @cached_property
    def action_items(self) -> tuple[ActionItem, ...]:
        value = self.meta.get("action_items")
        if not isinstance(value, list):
            return ()
        items = []
        for index, entry in enumerate(value):
            if not isinstance(entry, Mapping):
                continue
            items.append(
                ActionItem(
                    review_id=self.id,
                    index=index,
                    action=_text(entry.get("action")),
                    owner=_text(entry.get("owner")),
                    due=parse_date(entry.get("due")),
                    status=_text(entry.get("status")),  # "" when the review does not say
                    link=_text(entry.get("link")),
                    type=_text(entry.get("type")),
                )
            )
        return tuple(items)

    lessons = FieldView[tuple[str, ...]]("lessons")

    related = FieldView[tuple[str, ...]]("related")
