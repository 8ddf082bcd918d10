"""An imported review's body on its page, without what its fields already say.

`retro import` keeps every line of the original under its own heading and fills the review's
fields from the sections it recognises (a "Root cause" section becomes ``root_cause``). The
review page shows the fields in their fixed places, so such a section would be read twice.
Left out of the page (never out of the file), only where the page then says the same:

- a section the field's place shows word for word, in order and in the same shape: its
  heading is the section's plain name ("Root cause", "What was the impact?"; a qualifier
  only "(s)" or, over events in UTC, "(all times UTC)"); its text is the field's (one
  paragraph for a sentence field; the same items in the same order for a list field; for
  action items the same items, or a table of action, owner, due and status saying each
  item's; for the timeline a time-and-event table or list saying each event's UTC time and
  words). A section with subsections of other meanings keeps its heading and those, unless
  they go too.
- a first heading that reads the title;
- before the first section, facts ("Date: ...", a Date/Severity table) that state the same
  value as the front matter (a date the same day, a time the same instant, a severity the
  same word); and, before any heading, a paragraph that is what went wrong.

Anything else keeps the section as written: another word, order or shape (a second
paragraph, an image, a quote, a nested list, code, a ticket or type column), a heading
saying more ("Impact on EU customers", "(preliminary)"), times in another zone, a status or
scale the front matter does not hold, HTML that would not stay whole, and link reference
definitions, which other sections may use. Where lines are left out, one blank line stands,
so that what is around them stays apart.

Only reviews with a ``source`` (those `retro import` wrote) are read: the bodies of reviews
written from the templates restate no field (review-format.md, "Body"). This module reads
bodies as the importer does, so it loads the importer: the review page imports it only for
such a review.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

from ..importer.blocks import is_divider, split_cells
from ..importer.build import clean_title
from ..importer.dates import find_date, leading_moment
from ..importer.metadata import KEYS, key_of, split_names
from ..importer.outline import (
    DETAILS_START,
    FENCE,
    LIST_MARK,
    Heading,
    Outline,
    read_outline,
    unlinked,
)
from ..importer.synonyms import SECTION_FIELDS, SectionTable
from ..model import Review

_KEYS = frozenset(KEYS)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_TAG = re.compile(r"</?([A-Za-z][\w-]*)[^>]*>")
_VOID = {"br", "hr", "img", "input", "meta", "link", "wbr", "source", "col", "area"}
_TASK_BOX = re.compile(r"^\[[ xX]\]\s+")
_DETAILS_END = re.compile(r"^\s*</details>\s*$", re.I)
_SUMMARY_ELEMENT = re.compile(r"<summary\b[^>]*>.*?</summary>", re.I)
_HTML_LIST = re.compile(r"^[ \t]*</?(?:ul|ol)>[ \t]*$", re.I | re.M)
_HTML_ITEM = re.compile(r"^[ \t]*<li>([^<>]*)</li>[ \t]*$", re.I | re.M)
_LINK_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:\s*\S")
# Markup a field's place shows as written, not as the body's Markdown renders it: a reference
# link, a footnote, inline HTML (an autolink is rendered).
_UNRENDERED = re.compile(r"\]\s?\[|\[\^|<(?!https?://|mailto:)[A-Za-z/!]")
# A heading's qualifier: "(all times UTC)", "[draft]".
_QUALIFIER = re.compile(r"\((.*?)\)|\[(.*?)\]")
_UTC_NOTE = {"all", "times", "time", "are", "is", "in", "utc", "given"}
# Words a first heading may add to the title and say nothing more ("Postmortem: ...").
# What may stand around a date or a time in a fact and say nothing ("2024-01-17.").
_SPARE = " \t*_.,;"
_TITLE_WORDS = {"postmortem", "post", "mortem", "incident", "report", "review", "retrospective"}
# Words and numbers: letters and digits apart ("17T18:02" is 17, t, 18, 2).
_TOKEN = re.compile(r"[^\W\d_]+|\d+")

# Column names of tables the page shows as its own (compared after _plain).
_ACTION_HEADERS = {
    "action": "action",
    "actions": "action",
    "action item": "action",
    "action items": "action",
    "item": "action",
    "task": "action",
    "owner": "owner",
    "assignee": "owner",
    "due": "due",
    "due date": "due",
    "deadline": "due",
    "status": "status",
    "state": "status",
}
_TIME_HEADERS = {"time", "time utc", "timestamp", "when", "time and date", "date and time"}
_EVENT_HEADERS = {"event", "events", "what happened", "what", "description"}
_GENERIC_HEADERS = {"field", "value", "key", "property", "detail", "details", "item", ""}
# Labels that name a list of names and nothing more ("Incident commander: Jo" says a role).
_NAME_LABELS = {
    "authors": {"author", "authors", "written by", "prepared by", "owner", "owners"}
    | {"document owner", "postmortem owner", "post mortem owner"},
    "responders": {"responders", "attendees", "participants"},
    "areas": {"area", "areas", "service", "services", "affected services", "components"},
    "tags": {"tag", "tags", "labels", "categories"},
}


def shown_body(review: Review, table: SectionTable) -> str:
    """``review``'s body as its page shows it: without what its fields already say."""
    body = review.body
    if not isinstance(review.meta.get("source"), dict) or not body.strip():
        return body
    outline = read_outline(body, table, _KEYS)
    lines = outline.lines
    meta = review.meta
    facts = _fact_lines(outline.headings, lines, meta)
    shared = _shared_lines(outline.headings)
    keep = {i for i, line in enumerate(lines) if _LINK_DEFINITION.match(line)}
    drop: set[int] = set()
    title = _title_heading(outline, review.title)
    if title is not None:
        drop.update(range(title[0], title[1] + 1))
    drop.update(_preamble(outline, meta, facts, title))
    parents = []
    for section in outline.sections():
        heading = section.heading
        field = SECTION_FIELDS.get(heading.section or "")
        if field is None or not _plain_heading(heading, lines[heading.index], table, meta):
            continue
        if heading.index in shared:
            continue  # "Date: ... | Summary: ...": the line says more than the section's name
        # (A <details> subsection's own <details> lines are among the others.)
        own = [i for i in range(section.start, section.stop) if i not in section.others]
        content = [i for i in own if i not in facts and i not in keep]
        if not _restates(lines, content, heading.inline, meta, field):
            continue
        if section.others:  # its subsections of other meanings stay, under its heading
            if all(_balanced(lines, run) for run in _runs(own)):
                drop.update(own)
                parents.append((heading, section.others))
        else:
            drop.update(_whole(outline, heading.index, section.stop))
    for heading, others in parents:  # and if they went too, so does the heading
        if others <= drop:
            drop.update(range(heading.index, heading.end + 1))
    shown = [line if i in outline.code else unlinked(line) for i, line in enumerate(lines)]
    return _without(shown, drop - keep)


def _without(lines: list[str], drop: set[int]) -> str:
    """The lines but those in ``drop``; one blank line where they were (none at the start),
    never two in a row there."""
    if not drop:
        return "\n".join(lines)
    kept: list[str] = []
    gap = False
    for index, line in enumerate(lines):
        if index in drop:
            gap = True
            continue
        if gap:
            gap = False
            if kept and kept[-1].strip():
                kept.append("")
            if not line.strip() and (not kept or not kept[-1].strip()):
                gap = True  # more blank lines after the gap: one is enough
                continue
        kept.append(line)
    return "\n".join(kept)


# --------------------------------------------------------------------------- headings


def _plain_heading(heading: Heading, line: str, table: SectionTable, meta: dict[str, Any]) -> bool:
    """Whether the heading says nothing but its section's name."""
    if heading.style == "label":
        if line != line.lstrip() or _quoted(line):
            return False  # in a list item, a quote or indented code: not a section's start
    elif heading.style == "details":
        if _plain(_TAG.sub(" ", _SUMMARY_ELEMENT.sub(" ", line))):
            return False  # words beside the summary on its line
    elif heading.style not in ("atx", "setext", "html"):
        return False
    text = _TAG.sub(" ", heading.text)
    if table.exact(text) != heading.section:
        return False  # "Impact on EU customers": more than the name
    for match in _QUALIFIER.finditer(text):
        words = set(_tokens(next(group for group in match.groups() if group is not None)))
        if words <= {"s", "es"}:  # "Root Cause(s)"
            continue
        if heading.section == "timeline" and words <= _UTC_NOTE and _events_in_utc(meta):
            continue  # "(all times UTC)" over events in UTC
        return False
    return True


def _title_heading(outline: Outline, title: str) -> tuple[int, int] | None:
    """The first heading's lines, when it is a heading (not a section) reading the title."""
    if not outline.headings:
        return None
    first = outline.headings[0]
    if first.style not in ("atx", "setext", "html") or first.section is not None:
        return None
    text = _TAG.sub(" ", first.text)
    # "Postmortem: <title>" reads the title; "<title> (incident #2291)" says more.
    if (
        _plain(clean_title(text)) != _plain(title)
        or not set(_tokens(text)) <= set(_tokens(title)) | _TITLE_WORDS
    ):
        return None
    return first.index, first.end


# --------------------------------------------------------------------------- sections


def _restates(
    lines: list[str], indexes: list[int], inline: str, meta: dict[str, Any], field: str
) -> bool:
    """Whether these lines say the field, word for word, in a shape its place shows."""
    text = _COMMENT.sub(" ", "\n".join(lines[i] for i in indexes))
    # A list written in HTML, an item a line (as wiki exports have them), is a list.
    text = _HTML_LIST.sub("", _HTML_ITEM.sub(r"- \1", text))
    rows = [row for row in text.split("\n") if row.strip()]
    if any(_structure(row) for row in rows) or _UNRENDERED.search(text):
        return False
    blocks = _blocks(text)
    check = _CHECKS.get(field)
    return (
        check is not None and bool(blocks or inline.strip()) and check(blocks, inline, meta, field)
    )


def _structure(line: str) -> bool:
    """A line the field's place cannot show: code (fenced or indented), a quote, HTML other
    than a ``<details>`` block's own lines, an image, a nested list item, a table's divider
    other than a plain one."""
    if line.startswith(("    ", "\t")) or FENCE.match(line.lstrip()):
        return True
    stripped = line.strip()
    if stripped.startswith(">") or "![" in stripped:
        return True
    if stripped.startswith("<") and not (DETAILS_START.match(line) or _DETAILS_END.match(line)):
        return True
    return bool(LIST_MARK.match(line)) and len(line) - len(line.lstrip()) > 1


def _text_field(blocks: list[list[str]], inline: str, meta: dict[str, Any], field: str) -> bool:
    value = _at(meta, field)
    if not isinstance(value, str) or len(blocks) + bool(inline.strip()) != 1:
        return False
    if any(_is_table(block) or LIST_MARK.match(block[0]) for block in blocks):
        return False
    said = " ".join([inline, *(" ".join(block) for block in blocks)])
    return _same_text(said, value)


def _list_field(blocks: list[list[str]], inline: str, meta: dict[str, Any], field: str) -> bool:
    value = _at(meta, field)
    if not isinstance(value, list) or any(_is_table(block) for block in blocks):
        return False
    items = _items(blocks, inline)
    if items is None:
        return False
    return len(items) == len(value) and all(
        _same_text(item, str(v)) for item, v in zip(items, value, strict=True)
    )


def _actions(blocks: list[list[str]], inline: str, meta: dict[str, Any], field: str) -> bool:
    value = meta.get("action_items")
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        return False
    if len(blocks) == 1 and _is_table(blocks[0]) and not inline.strip():
        header = [_ACTION_HEADERS.get(_plain(c)) for c in split_cells(blocks[0][0])]
        rows = [split_cells(row) for row in blocks[0][2:]]
        if None in header or len(set(header)) != len(header) or len(rows) != len(value):
            return False
        return all(
            len(cells) == len(header)
            and all(
                _same_text(cell, _shown_value(item.get(str(column))), fold=column == "status")
                for cell, column in zip(cells, header, strict=True)
            )
            for cells, item in zip(rows, value, strict=True)
        )
    items = _items(blocks, inline)
    if items is None:
        return False
    return len(items) == len(value) and all(
        _same_text(item, str(v.get("action", ""))) for item, v in zip(items, value, strict=True)
    )


def _events(blocks: list[list[str]], inline: str, meta: dict[str, Any], field: str) -> bool:
    timeline = meta.get("timeline")
    events = timeline.get("events") if isinstance(timeline, dict) else None
    if not isinstance(events, list) or not events or not _events_in_utc(meta) or inline.strip():
        return False
    # "All times are UTC.": said by the events' own times.
    blocks = [b for b in blocks if not set(_tokens(" ".join(b))) <= _UTC_NOTE]
    if len(blocks) == 1 and _is_table(blocks[0]):
        header = [_plain(cell) for cell in split_cells(blocks[0][0])]
        if len(header) != 2 or header[0] not in _TIME_HEADERS or header[1] not in _EVENT_HEADERS:
            return False
        rows = [split_cells(row) for row in blocks[0][2:]]
        said = [(r[0], r[1]) for r in rows if len(r) == 2]
        return len(said) == len(rows) == len(events) and all(
            _same_time(when, event) and _same_text(what, str(event.get("what", "")))
            for (when, what), event in zip(said, events, strict=True)
        )
    items = _items(blocks, "")
    if items is None or len(items) != len(events):
        return False
    return all(_timed_item(item, event) for item, event in zip(items, events, strict=True))


_CHECKS: dict[str, Callable[[list[list[str]], str, dict[str, Any], str], bool]] = {
    "what_went_wrong": _text_field,
    "impact.summary": _text_field,
    "detection.summary": _text_field,
    "root_cause": _text_field,
    "contributing_factors": _list_field,
    "lessons": _list_field,
    "responders": _list_field,
    "action_items": _actions,
    "timeline.events": _events,
}


def _items(blocks: list[list[str]], inline: str) -> list[str] | None:
    """A list's items, one line each (marks left out), or paragraphs; ``None`` for a mix,
    or an item over several lines."""
    listed = [b for b in blocks if LIST_MARK.match(b[0])]
    if listed:
        if inline.strip() or len(listed) != len(blocks):
            return None
        if any(not LIST_MARK.match(row) for b in listed for row in b):
            return None
        return [
            _TASK_BOX.sub("", LIST_MARK.sub("", row, count=1).strip()) for b in blocks for row in b
        ]
    return [text for text in [inline.strip(), *(" ".join(b) for b in blocks)] if text]


def _events_in_utc(meta: dict[str, Any]) -> bool:
    timeline = meta.get("timeline")
    events = timeline.get("events") if isinstance(timeline, dict) else None
    if not isinstance(events, list):
        return False
    moments = [_moment(e.get("at")) if isinstance(e, dict) else None for e in events]
    return bool(moments) and all(m is not None and m.utcoffset() == timedelta(0) for m in moments)


def _same_time(said: str, event: Any) -> bool:
    moment = _moment(event.get("at")) if isinstance(event, dict) else None
    if moment is None:
        return False
    written = _tokens(said)
    if written[-1:] == ["utc"]:
        written = written[:-1]
    return written in (_tokens(f"{moment:%H:%M}"), _tokens(f"{moment:%Y-%m-%d %H:%M}"))


def _timed_item(item: str, event: Any) -> bool:
    """ "18:02 Eviction change deployed" (a UTC after the time, marks between, allowed)."""
    moment = _moment(event.get("at")) if isinstance(event, dict) else None
    if moment is None:
        return False
    stamp = re.match(
        r"\s*(?:\*\*)?(?:\d{4}-\d\d-\d\d[ T])?\d{1,2}:\d\d(?::\d\d)?(?:\s*UTC)?(?:\*\*)?"
        r"\s*(?:[-–—:|]\s*)?",
        item,
    )
    if stamp is None or not _same_time(stamp.group(0).strip(" -–—:|*"), event):
        return False
    return _same_text(item[stamp.end() :], str(event.get("what", "")))


def _same_text(said: str, held: str, *, fold: bool = False) -> bool:
    """The same text but for spacing (and case, when ``fold``)."""
    one, other = " ".join(said.split()), " ".join(held.split())
    return one.casefold() == other.casefold() if fold else one == other


def _shown_value(value: Any) -> str:
    if isinstance(value, date):
        return value.isoformat()
    return "" if value is None else str(value)


def _at(meta: dict[str, Any], dotted: str) -> Any:
    value: Any = meta
    for part in dotted.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


# --------------------------------------------------------------------------- facts


def _fact_lines(headings: list[Heading], lines: list[str], meta: dict[str, Any]) -> set[int]:
    """Lines whose every label is a known fact (one line may hold several labels)."""
    known: dict[int, bool] = {}
    for heading in headings:
        fact = _is_known_fact(heading, lines[heading.index], meta)
        known[heading.index] = known.get(heading.index, True) and fact
    return {index for index, fact in known.items() if fact}


def _shared_lines(headings: list[Heading]) -> set[int]:
    """Lines that hold more than one heading ("Date: ... · Severity: ...")."""
    seen: set[int] = set()
    shared: set[int] = set()
    for heading in headings:
        (shared if heading.index in seen else seen).add(heading.index)
    return shared


def _is_known_fact(heading: Heading, line: str, meta: dict[str, Any]) -> bool:
    """A "Severity: High" line stating what the front matter states of that same fact."""
    if heading.style != "label" or heading.section is not None:
        return False
    if line != line.lstrip() or _quoted(line):
        return False
    return _same_fact(heading.text, heading.inline, meta)


def _same_fact(label: str, value: str, meta: dict[str, Any]) -> bool:
    """Whether ``value`` under ``label`` states what the front matter states of that fact,
    and nothing more."""
    label = _TAG.sub(" ", label)
    key = key_of(label)
    value = _TAG.sub(" ", value).strip().strip("*_").strip()
    if key is None or not value:
        return False
    if key == "date":
        found = find_date(value)
        rest = value[: found[1]] + value[found[2] :] if found else value
        return (
            found is not None
            and not rest.strip(_SPARE)
            and found[0].isoformat() == str(meta.get("date"))
        )
    if key in ("started", "detected", "resolved"):
        timeline = meta.get("timeline")
        held = _moment(timeline.get(key)) if isinstance(timeline, dict) else None
        try:
            stamp = leading_moment(value, None, None)
        except Exception:  # an unclear zone, or a time the importer cannot read
            return False
        return (
            held is not None
            and stamp is not None
            and not value[stamp[2] :].strip(_SPARE)
            and _equal_moments(stamp[0], held)
        )
    if key == "title":  # "Incident: <title> (INC-2291)" says more
        title = str(meta.get("title", ""))
        return (
            _same_text(clean_title(value), title, fold=True)
            and set(_tokens(value)) <= set(_tokens(title)) | _TITLE_WORDS
        )
    if key == "summary":
        return _same_text(value, str(meta.get("what_went_wrong", "")))
    held_value = meta.get(key)
    if isinstance(held_value, list):
        if _plain(label) not in _NAME_LABELS.get(key, set()):
            return False
        names = split_names(value)
        return len(names) == len(held_value) and all(
            _same_text(n, str(h), fold=True) for n, h in zip(names, held_value, strict=True)
        )
    return held_value is not None and _same_text(value, str(held_value), fold=True)


def _equal_moments(one: datetime, other: datetime) -> bool:
    try:
        return one == other and (one.tzinfo is None) == (other.tzinfo is None)
    except TypeError:
        return False


def _preamble(
    outline: Outline, meta: dict[str, Any], facts: set[int], title: tuple[int, int] | None
) -> set[int]:
    """Lines before the first section that the header card or what went wrong shows."""
    lines = outline.lines
    first = next((h.index for h in outline.headings if h.section is not None), len(lines))
    drop: set[int] = set()
    headed = {h.index for h in outline.headings if h.style != "label"}
    if title is not None:
        headed.discard(title[0])
    story_start = min(headed, default=len(lines))  # before any heading but the title
    summary = str(meta.get("what_went_wrong") or "")
    index = 0
    while index < first:
        if index in outline.code or not lines[index].strip():
            index += 1
            continue
        end = index
        while end < first and lines[end].strip() and end not in outline.code:
            end += 1
        block = list(range(index, end))
        rows = [lines[i] for i in block]
        if all(i in facts for i in block):  # a line of facts alone: gone, and nothing joins
            drop.update(block)
        elif headed.intersection(block) or any(i in facts for i in block):
            pass
        elif _is_table(rows):
            if _facts_table(rows, meta):
                drop.update(block)
        elif (
            end <= story_start
            and summary
            and _same_text(" ".join(rows), summary)
            and not any(_structure(row) for row in rows)
            and not _UNRENDERED.search("\n".join(rows))
        ):
            drop.update(block)
        index = end
    return drop


def _facts_table(rows: list[str], meta: dict[str, Any]) -> bool:
    """A table of facts, each stating what the front matter states of it: a row a fact
    ("| Severity | High |", the first row too, unless it names the columns) or a column a
    fact under a row of their names."""
    header = split_cells(rows[0])
    data = [split_cells(row) for row in rows[2:]]
    if not data:
        return False
    if all(key_of(cell) is not None for cell in header) and len(data) == 1:
        return len(data[0]) == len(header) and all(
            _same_fact(key, value, meta) for key, value in zip(header, data[0], strict=True)
        )
    if len(header) != 2 or any(len(row) != 2 for row in data):
        return False
    pairs = data if {_plain(c) for c in header} <= _GENERIC_HEADERS else [header, *data]
    return all(_same_fact(key, value, meta) for key, value in pairs)


# --------------------------------------------------------------------------- HTML and lines


def _whole(outline: Outline, start: int, stop: int) -> list[int]:
    """A section's lines, its ``<details>`` block's own lines included; none when what is
    left would not be whole HTML."""
    lines = outline.lines
    if start > 0 and DETAILS_START.match(lines[start - 1]):
        start -= 1
    if stop < len(lines) and _DETAILS_END.match(lines[stop]):
        stop += 1
    span = list(range(start, stop))
    return span if _balanced(lines, span) else []


def _runs(indexes: list[int]) -> list[list[int]]:
    """Consecutive runs of line indexes."""
    found: list[list[int]] = []
    for index in indexes:
        if found and found[-1][-1] == index - 1:
            found[-1].append(index)
        else:
            found.append([index])
    return found


def _balanced(lines: list[str], indexes: list[int]) -> bool:
    """Whether the HTML tags on these lines (comments and code spans aside) close each
    other: leaving them out leaves no element open or closed twice."""
    text = _COMMENT.sub(" ", "\n".join(lines[i] for i in indexes))
    text = re.sub(r"`[^`\n]*`", " ", text)
    depth: dict[str, int] = {}
    for match in _TAG.finditer(text):
        name = match.group(1).lower()
        if name in _VOID or match.group(0).endswith("/>"):
            continue
        depth[name] = depth.get(name, 0) + (-1 if match.group(0).startswith("</") else 1)
        if depth[name] < 0:
            return False
    return not any(depth.values())


def _blocks(text: str) -> list[list[str]]:
    """Runs of non-blank lines."""
    found: list[list[str]] = []
    current: list[str] = []
    for line in text.split("\n"):
        if line.strip():
            current.append(line)
        elif current:
            found.append(current)
            current = []
    if current:
        found.append(current)
    return found


def _is_table(block: list[str]) -> bool:
    """A pipe table: a row, a divider (with or without outer pipes), rows."""
    return len(block) >= 2 and "|" in block[0] and is_divider(block[1])


def _quoted(line: str) -> bool:
    """A label inside a list item or a quote: the item's line, not a section of its own."""
    return bool(LIST_MARK.match(line)) or line.lstrip().startswith((">", "<"))


# --------------------------------------------------------------------------- words


def _moment(value: Any) -> datetime | None:
    """A time written as ISO 8601 ("2024-01-17T18:02:00Z"), or ``None``."""
    if isinstance(value, datetime):
        return value
    text = str(value) if value is not None else ""
    if not (16 <= len(text) <= 32 and text[:4].isdigit()):
        return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None


def _tokens(text: str) -> list[str]:
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    # Numbers without leading zeros: "09:05" as "9:5", as "9:05" is.
    return [
        (token.lstrip("0") or "0") if token.isdigit() else token
        for token in _TOKEN.findall(_TAG.sub(" ", text).casefold())
    ]


def _plain(text: str) -> str:
    return " ".join(_tokens(text))
