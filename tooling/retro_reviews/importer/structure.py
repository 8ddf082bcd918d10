"""Structure from prose: action items from tables and task lists, timeline events from
timeline tables, timestamped lists and one heading per timestamp, links from the text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from ..zones import UnclearZone, Zone
from .actions import (
    DUE_LABELS,
    Said,
    decoded,
    due_note,
    owner_text,
    read_details,
    read_due,
    read_item,
)
from .blocks import Item, Table, items, paragraphs, tables
from .dates import (
    MONTH_NAMES,
    TIME_RANGE,
    date_alone,
    date_without_year,
    find_date,
    iso,
    leading_moment,
    looks_like_a_stamp,
    read_labelled_date,
    starts_with_time,
    zone_in,
)
from .outline import LIST_MARK, RELATIVE_TARGET, Outline, Section
from .placeholders import is_placeholder_value

# Column header words -> the action item's field (compared lowercase, first word that fits).
COLUMNS: dict[str, tuple[str, ...]] = {
    "owner": ("owner", "owners", "assignee", "assigned", "who", "responsible", "dri", "team"),
    "due": ("due", "deadline", "by when", "eta", "target"),
    "status": ("status", "state", "done", "complete", "completed", "progress"),
    "link": ("ticket", "bug", "issue", "jira", "link", "tracking", "url", "ref", "pr", "tracker"),
    "type": ("type", "category", "kind", "class"),
    "action": ("action", "item", "task", "description", "what", "title", "remediation", "fix"),
}
# A column called only "Date" or "When" is the due date when no column says "due": beside a
# "Due" column it is the day the item was raised.
PLAIN_DATE_COLUMNS = ("date", "when")
# A cell that names a ticket, not an action: "OPS-9", "#12", "12", a URL (or a link to one).
_TICKET = re.compile(r"^(?:#?\d+|[A-Z][A-Z0-9_]*-\d+|https?://\S+)$")
DONE = {"done", "complete", "completed", "closed", "fixed", "resolved", "yes", "✅", "✔", "x"}
OPEN = {"open", "todo", "to do", "in progress", "pending", "not started", "planned", "new"}
OPEN |= {"ongoing", "started", "no", "wip", "backlog", "in review", "❌", "☐"}
TYPES = {"prevent": "prevent", "prevention": "prevent", "preventive": "prevent"}
TYPES |= {"mitigate": "mitigate", "mitigation": "mitigate", "detect": "detect"}
TYPES |= {"detection": "detect", "process": "process"}
URL = re.compile(r"https?://[^\s<>()\[\]\"'`|]+[^\s<>()\[\]\"'`|.,;:!?]")
MD_LINK = re.compile(r"\[(?P<title>[^\]]{1,200})\]\((?P<url>https?://[^\s)]+)\)")
_DUE = re.compile(rf"\b(?:{DUE_LABELS})\b:?\s*(?P<rest>.{{6,30}})", re.I)
_STARTED = re.compile(
    r"\b(?:incident|outage|impact|problem|issue|errors?)\s+(?:begins|began|starts|started)\b"
    r"|^(?:start|begin|beginning) of (?:the )?(?:incident|outage|impact)",
    re.I,
)
_DETECTED = re.compile(
    r"\b(?:detected|noticed|alerted|paged|alert (?:fires|fired)|first alert)\b", re.I
)
_RESOLVED = re.compile(
    r"\b(?:resolved|fully recovered|recovered|fully restored|service restored"
    r"|back to normal|incident closed)\b",
    re.I,
)


@dataclass(frozen=True)
class Found:
    """A structured value and where it came from, for the report."""

    value: Any
    source: str  # "table", "task list", "list", "paragraphs", ...
    line: int  # body line index
    notes: tuple[tuple[int, str], ...] = ()  # (body line index, what could not be read)


def text_of(outline: Outline, section: Section, inline: str = "") -> tuple[str, list[int]]:
    """The section's words as one text (placeholders, comments and code left out)."""
    kept: list[str] = [inline] if inline and not is_placeholder_value(inline) else []
    placeholders: list[int] = []
    metadata = {h.index for h in outline.headings if h.style == "label" and h.section is None}
    for index in range(section.start, section.stop):
        line = outline.text[index]
        if index in metadata or index in section.others:
            continue  # "**Severity:** High" inside a summary is metadata, not its text
        if index in outline.code or not line.strip():
            if kept and kept[-1] != "":
                kept.append("")
            continue
        if is_placeholder_value(line):
            placeholders.append(index)
            continue
        kept.append(re.sub(r"^\s{0,3}#{1,6}\s+", "", line.rstrip()).strip())
    return "\n".join(kept).strip(), placeholders


def list_values(outline: Outline, section: Section, inline: str = "") -> Found | None:
    """List items of a section, else its paragraphs (placeholders left out)."""
    skip = outline.code | section.others
    found = items(outline.text, section.start, section.stop, skip)
    values = [i.text for i in found if not is_placeholder_value(i.text)]
    if values:
        return Found(values, "list", found[0].line)
    texts = paragraphs(outline.text, section.start, section.stop, skip)
    values = [t for _, t in texts if not is_placeholder_value(t) and not _is_heading(t)]
    if inline and not is_placeholder_value(inline):
        values.insert(0, inline)
    if values:
        return Found(values, "paragraphs", texts[0][0] if texts else section.heading.index)
    return None


def own_tables(outline: Outline, section: Section) -> list[Table]:
    """The section's tables, those of its subsections that mean another section left out."""
    found = tables(outline.lines, section.start, section.stop)
    return [table for table in found if table.line not in section.others]


def _is_heading(text: str) -> bool:
    return text.lstrip().startswith("#") or text.lstrip().startswith("|")


# --------------------------------------------------------------------------- action items


def action_items(outline: Outline, section: Section, inline: str = "") -> Found | None:
    lines = outline.text
    notes: list[tuple[int, str]] = []
    for table in own_tables(outline, section):
        found = _from_table(table, notes)
        if found:
            return Found(found, "table", table.line, tuple(notes))
    listed = items(lines, section.start, section.stop, outline.code | section.others)
    chosen = [
        i
        for n, i in enumerate(listed)
        if _is_action(i, listed[n + 1 : n + 2]) and not _a_detail(i, listed[:n])
    ]
    if chosen:
        made = _from_list(chosen, notes)
        tasks = all(i.task is not None for i in chosen)
        return Found(made, "task list" if tasks else "list", chosen[0].line, tuple(notes))
    texts = list_values(outline, section, inline)
    if texts is not None:
        return Found([{"action": decoded(t)} for t in texts.value], texts.source, texts.line)
    return None


def _is_action(item: Item, after: list[Item]) -> bool:
    """Every item of the list is an action, checkbox or not, but a placeholder, a label
    that introduces the items nested under it ("Monitoring:"), and a group's short name
    ending in a colon ("**Short term:**")."""
    if is_placeholder_value(item.text):
        return False
    introduces = item.text.rstrip("*_ ").endswith(":")
    if introduces and len(item.text.split()) <= 4:
        return False  # "**Short term:**", "Long-term fixes:": a group's name, nested or not
    return not (introduces and after and after[0].indent > item.indent)


def _a_detail(item: Item, before: list[Item]) -> bool:
    """A plain item nested under an action ("- [ ] Add a disk alert" / "  - threshold at
    80%"): a detail of it, not an action of its own. A checkbox is an action wherever it is;
    an item under a label ("Monitoring:") is one; an owner or due line nested under an action
    ("  - owner: Jo") is kept, to give them to it."""
    if item.task is not None:
        return False
    parent = next((b for b in reversed(before) if b.indent < item.indent), None)
    if parent is None or parent.text.rstrip("*_ ").endswith(":"):
        return False
    return read_details(decoded(item.text)) is None


def _columns(table: Table) -> dict[str, int]:
    """Which column holds which field: by their names, and else the action is the first
    column holding text, not ticket ids or URLs (an "Issue" column may hold either)."""
    taken = _named_columns(table.header)
    if "action" not in taken:
        _choose_action(table, taken)
    return taken


def _named_columns(header: list[str]) -> dict[str, int]:
    taken: dict[str, int] = {}
    for position, cell in enumerate(header):
        for name in ("owner", "due", "status", "link", "type", "action"):
            if name not in taken and _says(cell, COLUMNS[name]):
                taken[name] = position
                break
    free = [p for p in range(len(header)) if p not in taken.values()]
    plain_date = [p for p in free if _says(header[p], PLAIN_DATE_COLUMNS)]
    if "due" not in taken and plain_date:
        taken["due"] = plain_date[0]
    return taken


def _says(cell: str, words: tuple[str, ...]) -> bool:
    name = cell.casefold().strip("*_ ")
    return any(re.search(rf"\b{re.escape(w)}\b", name) for w in words)


def _choose_action(table: Table, taken: dict[str, int]) -> None:
    link = taken.get("link")
    free = [i for i in range(len(table.header)) if i not in taken.values()]
    texts = [i for i in sorted([*free, *([link] if link is not None else [])]) if _text(table, i)]
    if texts and texts[0] == link:
        del taken["link"]
        tickets = [i for i in free if _tickets(table, i)]
        if tickets:
            taken["link"] = tickets[0]
    if texts or free:
        taken["action"] = texts[0] if texts else free[0]


def _cells(table: Table, position: int) -> list[str]:
    """The column's cells that say something, each as plain text (a link as its URL)."""
    cells = (cells[position] for _line, cells in table.rows if position < len(cells))
    plain = (MD_LINK.sub(r"\g<url>", _plain(c).strip("`")) for c in cells)
    return [c for c in plain if c and not is_placeholder_value(c)]


def _text(table: Table, position: int) -> bool:
    """Whether the column holds text: a cell that is no ticket id, URL, number or date."""
    return any(not _TICKET.match(c) and date_alone(c) is None for c in _cells(table, position))


def _tickets(table: Table, position: int) -> bool:
    """Whether the column holds only ticket ids or URLs."""
    cells = _cells(table, position)
    return bool(cells) and all(_TICKET.match(c) for c in cells)


def _from_table(table: Table, notes: list[tuple[int, str]]) -> list[dict[str, Any]]:
    """The table's action items; a due date that cannot be read is a note of its line."""
    columns = _columns(table)
    made = []
    for line, cells in table.rows:

        def cell(name: str, cells: list[str] = cells) -> str:
            position = columns.get(name)
            if position is None or position >= len(cells):
                return ""
            value = cells[position].strip()
            return "" if is_placeholder_value(value) else value

        action = cell("action")
        if not action:
            continue
        item: dict[str, Any] = {"action": _plain(decoded(action))}
        owner = _plain(decoded(owner_text(cell("owner"))))
        if owner and not is_placeholder_value(owner):
            item["owner"] = owner
        due = read_due(cell("due"))
        if due is not None and due.day is not None:
            item["due"] = due.day
        elif due is not None:
            notes.append((line, due_note(item["action"], due.problem)))
        status = _status(cell("status"))
        if status:
            item["status"] = status
        kind = TYPES.get(cell("type").casefold().strip())
        if kind:
            item["type"] = kind
        link = _first_url(cell("link")) or _first_url(action)
        if link:
            item["link"] = link
        made.append(item)
    return made


def _from_list(listed: list[Item], notes: list[tuple[int, str]]) -> list[dict[str, Any]]:
    """The list's action items; an item nested under one and made only of its owner or due
    date ("  - owner: Jo") gives them to it."""
    made: list[tuple[Item, dict[str, Any]]] = []
    for item in listed:
        under = made[-1] if made and item.indent > made[-1][0].indent else None
        details = (
            read_details(decoded(item.text)) if under is not None and item.task is None else None
        )
        if under is not None and details is not None:
            _take(under[1], details, item.line, notes)
        else:
            made.append((item, _from_item(item, notes)))
    return [value for _item, value in made]


def _due_in(action: str) -> date | None:
    """A due date said in the action's sentence: after "due", "deadline" or "ETA" ("Size
    the cache, due 2024-02-28 from the peak set"), or after "by" only when the date ends it
    ("Rotate the keys by 2023-06-30"; not "Backfill the orders placed by 2023-05-31 into
    the warehouse")."""
    for found in _DUE.finditer(action):
        if found.group(0)[:2].lower() == "by":
            rest = action[found.start("rest") :].strip(" .;,)")
            reading = date_alone(rest)
            day = reading.day if reading is not None else None
        else:
            day = read_labelled_date(found.group("rest")).day
        if day is not None:
            return day
    return None


def _from_item(item: Item, notes: list[tuple[int, str]]) -> dict[str, Any]:
    said = read_item(decoded(item.text), done=item.task == "x")
    made: dict[str, Any] = {"action": _plain(said.action)}
    _take(made, said, item.line, notes)
    if said.due is None and item.task != "x":  # on a done item, a date is when it was done
        day = _due_in(said.action)
        if day is not None:
            made["due"] = day
    if item.task is not None:
        made["status"] = "done" if item.task == "x" else "open"
    link = _first_url(item.text)
    if link:
        made["link"] = link
    return made


def _take(item: dict[str, Any], said: Said, line: int, notes: list[tuple[int, str]]) -> None:
    """The owner and due date ``said`` gives, where ``item`` has none yet; a due date that
    cannot be read is a note of ``line``."""
    owner = owner_text(said.owner)
    if owner and not is_placeholder_value(owner) and "owner" not in item:
        item["owner"] = owner
    if said.due is None or "due" in item:
        return
    if said.due.day is not None:
        item["due"] = said.due.day
    else:
        notes.append((line, due_note(item["action"], said.due.problem)))


def _status(value: str) -> str | None:
    key = value.casefold().strip(" *_.`[]")
    if key in DONE or key.startswith(("done", "complete", "fixed", "closed")):
        return "done"
    if key in OPEN or key.startswith(("open", "in progress", "todo", "to do")):
        return "open"
    return None


def _plain(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"(?:\*\*|__)", "", text)).strip()


def _first_url(text: str) -> str | None:
    match = URL.search(text)
    return match.group(0) if match else None


# --------------------------------------------------------------------------- timeline


# A time earlier than the one above it, on no day of its own, is on the next day only when
# that makes a short step across midnight (23:40, then 00:15); any other step back is not
# read (an event found later, another day the text does not name).
_PAST_MIDNIGHT = timedelta(hours=6)
_DITTO = re.compile(r"^[\W_]*$")  # a Date cell of "", "—" or '"': the day of the row above
# A stamp in code, brackets or parentheses: "`14:40` Rollback", "[14:45] ...", "(14:45) ...".
_WRAPPED = re.compile(r"^(?:`([^`]{1,40})`|\[([^\[\]]{1,40})\](?!\()|\(([^()]{1,40})\))")
_APPROXIMATE = re.compile(r"^[~≈]\s*")  # "~14:50": read, and the "~" kept in the words

# (moment, its day written: its own date or a day line above it, what, body line)
Event = tuple[datetime, bool, str, int]


@dataclass
class Timeline:
    events: list[dict[str, str]]
    started: str | None = None
    detected: str | None = None
    resolved: str | None = None
    source: str = ""
    line: int = 0  # where the events are, or the line of the problem below
    disorder: str = ""  # why it is out of order ("13:45 is earlier than 14:00 above it ...")
    unclear: str = ""  # why a time's zone cannot be read ("'IST' could be ...")
    unreadable: str = ""  # a day or time that cannot be read ("'June 31' is not a real date")
    undated: bool = False  # a time with no date, and no day known to put it on

    @property
    def out_of_order(self) -> bool:
        return bool(self.disorder)


class _NotTaken(ValueError):
    """Why a timeline is not taken, at a line of the section."""

    def __init__(self, line: int, why: str) -> None:
        super().__init__(why)
        self.line = line


class _Unreadable(_NotTaken):
    """A day or a time of a timeline that cannot be read."""


class _OutOfOrder(_NotTaken):
    """A time earlier than the one above it, which no day written or midnight explains."""


def timeline(outline: Outline, section: Section, day: date | None) -> Timeline | None:
    """Events of a timeline section, in time order (a short step back across midnight rolls
    the day; a list going back at every step is read newest first).

    A time whose zone names no single offset ("09:40 IST", or "all times IST" above a time
    without one) gives no events: ``unclear`` says why and ``line`` where; so do a day that
    cannot be read (``unreadable``) and any other step back in time (``disorder``)."""
    try:
        return _timeline(outline, section, day)
    except UnclearZone as exc:
        line = exc.line if exc.line is not None else section.heading.index
        return Timeline([], source="", line=line, unclear=str(exc))
    except _Unreadable as exc:
        return Timeline([], source="", line=exc.line, unreadable=str(exc))


def _timeline(outline: Outline, section: Section, day: date | None) -> Timeline | None:
    zone = zone_in(section.heading.text) or _zone_near(outline, section)
    if zone is None:
        _no_place(section.heading.text, section.heading.index)
    for table in own_tables(outline, section):
        # "| Time (PDT) | Event |": the times' zone, when the heading names none.
        column = next((z for z in map(zone_in, table.header) if z is not None), None)
        if zone is None and column is None:
            for cell in table.header:
                _no_place(cell, table.line)
        rows = _table_events(table, day, zone or column)
        if isinstance(rows, int):
            return Timeline([], source="table", line=rows, undated=True)
        if rows:
            return _finish(rows, "table", table.line)
    listed = _listed_events(outline, section, day, zone)
    if isinstance(listed, int):
        return Timeline([], source="timestamped lines", line=listed, undated=True)
    if not listed:
        return None
    return _finish(listed, "timestamped lines", listed[0][3])


def _listed_events(
    outline: Outline, section: Section, day: date | None, zone: Zone | None
) -> list[Event] | int:
    """The events of lines, list items or headings that start with a time, each on the
    day of the date line above it; or the line of a time with no date when no day is known."""
    lines = outline.text
    events: list[Event] = []
    current_day = day
    labelled = False  # a day line above: the next time's day is written
    for index in range(section.start, section.stop):
        if index in outline.code or index in section.others:
            continue
        raw = lines[index]
        text = re.sub(r"^\s{0,3}#{1,6}\s+", "", LIST_MARK.sub("", raw.strip(), count=1))
        text = text.replace("**", "").replace("__", "").strip()
        if not text:
            continue
        stamp, mark = _stamp_first(text)
        moment = _moment_at(index, stamp, current_day, zone)
        if moment is None and current_day is None and starts_with_time(stamp):
            return index
        if moment is None:
            on = _day_line(text, current_day, index)
            if on is not None:
                current_day, labelled = on, True  # a date line: the times below are on that day
            elif looks_like_a_stamp(text):
                raise _Unreadable(index, f"'{text[:40]}'")
            continue
        at, own_date, end = moment
        until = TIME_RANGE.match(stamp, end)  # "10:00-10:30 Maintenance"
        what = stamp[until.end() if until else end :].lstrip(" :-–—|,.").strip()
        if not what:
            what = _next_text(lines, index + 1, section.stop)
        if what and until:
            what = f"{what} (until {until.group(1)}:{until.group(2)})"
        if not what:
            continue
        if own_date:
            current_day = at.date()
        events.append((at, own_date or labelled, f"{mark}{what}", index))
        labelled = False
    return events


# "(local time)", "(Berlin)": a place or "local" where a zone would be, which names no
# offset that can be read; the times are not taken (written as UTC they would be wrong).
_PLACE = re.compile(r"[(\[]([^)\]]*\b(?:local\b|[A-Z][a-z]{2,})[^)\]]*)[)\]]")


# Capitalised words in brackets after "Timeline" that name no place: a day, a month, a part.
_NOT_A_PLACE = re.compile(
    r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|\b(?:" + "|".join(MONTH_NAMES) + r")\b"
    r"|\b(?:Phase|Part|Day|Stage|Step|Round|Wave|Week|Update|Follow-up|Recovery|Rollback"
    r"|Response|Detection|Impact)\b"
)
_NOT_PLACES = {"detailed", "draft", "approximate", "approx", "partial", "summary", "abridged"}
_NOT_PLACES |= {"simplified", "preliminary", "updated", "continued", "times", "time", "all"}


def _stamp_first(text: str) -> tuple[str, str]:
    """``text`` with its stamp out of code, brackets or parentheses ("[14:45] x" -> "14:45
    x"), and ``"~ "`` when the stamp says it is approximate ("~14:50 x"), for its words."""
    approximate = _APPROXIMATE.match(text)
    mark = "~ " if approximate else ""
    text = text[approximate.end() :] if approximate else text
    wrapped = _WRAPPED.match(text)
    if wrapped is not None:
        inner = next(group for group in wrapped.groups() if group is not None)
        text = f"{inner} {text[wrapped.end() :].lstrip()}".rstrip()
    return text, mark


def _timed(cell: str) -> bool:
    """Whether a cell holds a stamp, read or not ("14:32", "[14:45]", "Feb 30, 14:32")."""
    return starts_with_time(_stamp_first(cell)[0]) or looks_like_a_stamp(cell)


_DAY_LABEL = re.compile(r"^(?:date|day)\s*:\s*", re.I)


def _day_line(text: str, day: date | None, line: int) -> date | None:
    """The day a date line gives the times below it: "2024-06-25", or a day without its
    year ("**June 3**") in the year of ``day``, after a "Date:" or "Day:" label or not;
    ``None`` for any other line."""
    text = _DAY_LABEL.sub("", text, count=1)
    found = find_date(text[:40])
    if found is not None and found[1] <= 1 and len(text) < 60:
        return found[0]
    return _day_alone(text, day, line) if day is not None else None


def _day_alone(written: str, day: date, line: int) -> date | None:
    """``written`` when it is a day without its year and nothing else ("June 3", "3 Jun:"),
    in the year of ``day``; ``None`` when it is something else."""
    found = date_without_year(written, day.year)
    if found is None or written[found[1] :].strip(" :.,"):
        return None
    if found[0] is None:
        raise _Unreadable(line, f"'{written}' is not a real date")
    return found[0]


def _no_place(text: str, line: int) -> None:
    """Raise :class:`UnclearZone` when ``text`` says the times are in a place or "local"
    time that names no zone retro can read ("Timeline (local time, Berlin)")."""
    found = _PLACE.search(text)
    if found is None or set(re.findall(r"\w+", found.group(1).casefold())) <= _NOT_PLACES:
        return
    said = found.group(1)
    about_time = re.search(r"\blocal\b|\btimes?\b", text, re.I) is not None
    if not about_time and (re.search(r"\d", said) or _NOT_A_PLACE.search(said)):
        return  # "Timeline (Phase 1)", "Timeline (Tuesday)": no place the times are in
    if zone_in(text) is None:
        error = UnclearZone(found.group(1).strip(), "names no time zone retro can read")
        error.line = line
        raise error


def _moment_at(
    line: int, text: str, day: date | None, zone: Zone | None
) -> tuple[datetime, bool, int] | None:
    """:func:`leading_moment` of ``text``; an :class:`UnclearZone` it raises learns the
    line it is on."""
    try:
        return leading_moment(text, day, zone)
    except UnclearZone as exc:
        exc.line = line
        raise


# A line that states the document's zone, and says nothing else: "All times are PST.",
# "*Note: all times in UTC*", "Times are given in Pacific time." (not "Response times were
# high during business hours (CET)", nor an action "Show all times in UTC on the dashboard").
_ZONE_STATEMENT = re.compile(
    r"^[\s>*_-]*(?:\(?\s*note:?\s*)?(?:all\s+(?:the\s+)?)?(?:times|timestamps)\b"
    r"(?:\s+(?:are|were|is|in|shown|given|listed)\b)?[^.;!?]{0,40}[.)*_\s]*$",
    re.I,
)


def _zone_near(outline: Outline, section: Section) -> Zone | None:
    """The zone said at the top of the timeline's section, else the one zone that a
    sentence of the document gives its times in ("All times are PST." above the heading);
    None when there is none, or two different ones."""
    lines = outline.text
    for index in range(section.start, min(section.stop, section.start + 4)):
        if re.search(r"\btimes?\b|\ball\b", lines[index], re.I):
            zone = zone_in(lines[index])
            if zone is not None:
                return zone
    said = [
        zone
        for index, line in enumerate(lines)
        if index not in outline.code
        and _ZONE_STATEMENT.search(line)
        and (zone := zone_in(line)) is not None
    ]
    return said[0] if said and all(z.written == said[0].written for z in said) else None


def _next_text(lines: list[str], start: int, stop: int) -> str:
    for index in range(start, min(stop, start + 4)):
        text = lines[index].strip()
        if text.startswith("#"):
            return ""
        if text:
            return LIST_MARK.sub("", text, count=1).strip()
    return ""


def _table_events(table: Table, day: date | None, zone: Zone | None) -> list[Event] | int:
    """The table's events, or the line of a time with no date when no day is known.

    A Date column ("| Date | Time (UTC) | Event |") gives its row's day, and the rows below
    it with an empty cell; it is no part of the event's words."""
    events: list[Event] = []
    if not any(_timed(cell) for _line, cells in table.rows for cell in cells):
        return events  # no time in it: another table ("| Date | Ticket |"), its days unread
    dates_at = _date_column(table.header)
    for line, cells in table.rows:
        dated = dates_at is not None and dates_at < len(cells) and not _DITTO.match(cells[dates_at])
        if dated and dates_at is not None:
            day = _day_cell(cells[dates_at], day, line)
        stamps = [_stamp_first(cell.replace("**", "")) for cell in cells]
        moments = ((i, _moment_at(line, stamp, day, zone)) for i, (stamp, _) in enumerate(stamps))
        stamp_at, moment = next(((i, m) for i, m in moments if m is not None), (None, None))
        if day is None and stamp_at is None and any(starts_with_time(s) for s, _ in stamps):
            return line
        if stamp_at is None or moment is None:
            _no_stamp_unread(cells, dates_at, line)
            continue
        words = (c for i, c in enumerate(cells) if i not in (stamp_at, dates_at) and c.strip())
        what = " — ".join(words)
        if what.strip():
            mark = stamps[stamp_at][1]
            events.append((moment[0], moment[1] or dated, f"{mark}{_plain(what)}", line))
            if moment[1]:
                day = moment[0].date()
    return events


def _no_stamp_unread(cells: list[str], dates_at: int | None, line: int) -> None:
    """Raise :class:`_Unreadable` when a row with no time read holds a cell that starts as a
    time does ("Feb 30, 14:32", "6/1 14:32"): the timeline would miss it, unsaid."""
    for position, cell in enumerate(cells):
        if position != dates_at and looks_like_a_stamp(cell):
            raise _Unreadable(line, f"'{cell[:40]}'")


def _date_column(header: list[str]) -> int | None:
    """The column of the rows' days, when the times are in another ("Date", "Day")."""
    for position, cell in enumerate(header):
        words = cell.casefold()
        if re.search(r"\b(?:date|day)\b", words) and not re.search(r"\btime\b", words):
            return position
    return None


def _day_cell(text: str, day: date | None, line: int) -> date | None:
    """The day of a Date cell: "2023-06-01", "June 1, 2023", or "Jun 1" in the year of
    ``day``; ``None`` when no year is known (a time on the row is then undated)."""
    written = _plain(text)
    reading = read_labelled_date(written)
    if reading.day is not None:
        return reading.day
    if day is None:
        return None
    found = _day_alone(written, day, line)
    if found is None:
        raise _Unreadable(line, reading.problem)
    return found


def _finish(events: list[Event], source: str, line: int) -> Timeline:
    zoned = events[0][0].tzinfo is not None
    mixed = next((e[3] for e in events if (e[0].tzinfo is not None) != zoned), None)
    if mixed is not None:
        why = "times with and without a time zone"
        return Timeline([], source=source, line=mixed, disorder=why)
    try:
        ordered = _in_order(events)
    except _OutOfOrder as back:
        newest_first = _newest_first(events)
        if newest_first is None:
            return Timeline([], source=source, line=back.line, disorder=str(back))
        ordered, source = newest_first, f"{source}, newest first"
    result = Timeline(
        [{"at": iso(at), "what": what} for at, what in ordered], source=source, line=line
    )
    for at, what in ordered:
        if result.started is None and _STARTED.search(what):
            result.started = iso(at)
        if result.detected is None and _DETECTED.search(what):
            result.detected = iso(at)
        if _RESOLVED.search(what):
            result.resolved = iso(at)
    return result


def _in_order(events: list[Event]) -> list[tuple[datetime, str]]:
    """The events' moments and words, in the order given; a time on no day of its own that
    steps back a little across midnight is on the next day. Raises :class:`_OutOfOrder` at
    any other step back."""
    ordered: list[tuple[datetime, str]] = []
    days_on = timedelta(0)  # midnights passed since the last day written
    for at, dated, what, line in events:
        days_on = timedelta(0) if dated else days_on
        at += days_on
        if ordered and at < ordered[-1][0]:
            before = ordered[-1][0]
            if dated or not _past_midnight(before, at):
                raise _OutOfOrder(line, _step_back(before, at, dated))
            days_on += timedelta(days=1)
            at += timedelta(days=1)
        ordered.append((at, what))
    return ordered


def _past_midnight(before: datetime, at: datetime) -> bool:
    """Whether ``at`` on the next day is a short step after ``before`` (23:40, then 00:15)."""
    return timedelta(0) <= at + timedelta(days=1) - before <= _PAST_MIDNIGHT


def _step_back(before: datetime, at: datetime, dated: bool) -> str:
    shown = "%Y-%m-%d %H:%M" if dated else "%H:%M"
    why = f"{at.strftime(shown)} is earlier than {before.strftime(shown)} above it"
    return why if dated else f"{why}, and not just past midnight"


def _newest_first(events: list[Event]) -> list[tuple[datetime, str]] | None:
    """The events read from the last up, when every step of the list goes back in time
    (three events at least: one step back is as much an event out of place)."""
    if len(events) < 3:
        return None
    try:
        return _in_order(events[::-1])
    except _OutOfOrder:
        return None


# --------------------------------------------------------------------------- links


# A Markdown link's or image's target, or an HTML src/href, that is a path relative to the
# document ("img/latency.png", "../runbooks/failover.md"): not a URL, an anchor or a path
# from the site's root.
_RELATIVE = re.compile(
    rf"\]\(\s*<?{RELATIVE_TARGET}(?P<md>[^)\s>]+)"
    rf"|\b(?:src|href)\s*=\s*[\"']{RELATIVE_TARGET}(?P<html>[^\"']+)[\"']",
    re.I,
)


def relative_paths(outline: Outline) -> list[tuple[int, str]]:
    """``(line index, path)`` of each relative link or image of the body, outside code."""
    return [
        (index, match.group("md") or match.group("html"))
        for index, line in enumerate(outline.lines)
        if index not in outline.code
        for match in _RELATIVE.finditer(line)
    ]


def links(lines: list[str]) -> list[dict[str, str] | str]:
    """Every distinct URL of the body: ``{title, url}`` for a Markdown link, else the URL."""
    found: list[dict[str, str] | str] = []
    seen: set[str] = set()
    for line in lines:
        for match in MD_LINK.finditer(line):
            url = match.group("url").rstrip(".,;:")
            if url not in seen:
                seen.add(url)
                title = _plain(match.group("title"))
                found.append({"title": title, "url": url} if title != url else url)
        for match in URL.finditer(MD_LINK.sub("", line)):
            url = match.group(0)
            if url not in seen:
                seen.add(url)
                found.append(url)
    return found
