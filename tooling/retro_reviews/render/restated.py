"""An imported review's body on its page, without what its fields already say.

`retro import` keeps every line of the original under its own heading and fills the review's
fields from the sections it recognises (a "Root cause" section becomes ``root_cause``). The
review page shows the fields in their fixed places, so such a section would be read twice.
Left out of the page (never out of the file):

- a section the page shows whole in its field's place: every word of it, its heading's
  qualifier included ("Timeline (all times UTC)"), is in what the page shows of the field,
  and its Markdown is of a shape the field's place shows (one paragraph for a sentence field;
  a plain list, or for action items a table of action, owner, due and status, for a list
  field). A section with subsections of other meanings keeps its heading and those.
- a first heading that reads the title;
- before the first section, facts ("Date: ...", a Date/Severity table) that say what the
  front matter says of the same fact, as the header card shows it; and, before any heading, a
  paragraph that is what went wrong.

Anything more (a ticket or type column, a second paragraph, an image, a nested list, code, a
heading's "(preliminary)", times in another zone, a status the front matter does not hold)
keeps the section as written, and so does HTML that would not stay whole without it.

Only reviews with a ``source`` (those `retro import` wrote) are read: the bodies of reviews
written from the templates restate no field (review-format.md, "Body"). This module reads
bodies as the importer does, so it loads the importer: the review page imports it only for
such a review.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import Any

from ..importer.blocks import split_cells
from ..importer.build import clean_title
from ..importer.metadata import KEYS, key_of
from ..importer.outline import FENCE, LIST_MARK, Heading, Outline, read_outline
from ..importer.structure import COLUMNS
from ..importer.synonyms import SECTION_FIELDS, SectionTable
from ..model import Review

# How the page shows each field a section can fill.
_TEXT, _LIST, _ACTIONS, _EVENTS = "text", "list", "actions", "events"
_SHOWN_AS = {
    "what_went_wrong": _TEXT,
    "impact.summary": _TEXT,
    "detection.summary": _TEXT,
    "root_cause": _TEXT,
    "contributing_factors": _LIST,
    "lessons": _LIST,
    "responders": _LIST,
    "action_items": _ACTIONS,
    "timeline.events": _EVENTS,
}
# The action table's columns (the tracker link is a link, not words).
_ACTION_COLUMNS = ("action", "owner", "due", "status")
# A fact's label -> where the front matter holds it (see importer.metadata.KEYS).
_FACT_PLACES = {"started": "timeline.started", "detected": "timeline.detected"}
_FACT_PLACES |= {"resolved": "timeline.resolved", "summary": "what_went_wrong"}

_KEYS = frozenset(KEYS)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_TAG = re.compile(r"</?([A-Za-z][\w-]*)[^>]*>")
_VOID = {"br", "hr", "img", "input", "meta", "link", "wbr", "source", "col", "area"}
_DIVIDER = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_TASK_BOX = re.compile(r"^\[[ xX]\]\s+")
_DETAILS = re.compile(r"^\s*<details(?:\s[^>]*)?>\s*$", re.I)
_DETAILS_END = re.compile(r"^\s*</details>\s*$", re.I)
_HTML_LIST = re.compile(r"^[ \t]*</?(?:ul|ol)>[ \t]*$", re.I | re.M)
_HTML_ITEM = re.compile(r"^[ \t]*<li>([^<>]*)</li>[ \t]*$", re.I | re.M)
_SUMMARY_ELEMENT = re.compile(r"<summary\b[^>]*>.*?</summary>", re.I)
# A heading's qualifier: "(all times UTC)", "[draft]", or what follows ": " or " - ".
_QUALIFIER = re.compile(r"\((.*?)\)|\[(.*?)\]|(?::|\s[-–—])\s+(.*)$")
# Words a qualifier or a timeline's note may hold and say nothing by themselves.
_PLAIN_WORDS = {"all", "times", "time", "are", "is", "in", "the", "of", "a", "an", "given"}
# Words a first heading may add to the title and say nothing more ("Postmortem: ...").
_TITLE_WORDS = {"postmortem", "post", "mortem", "incident", "report", "review", "retrospective"}
# Words and numbers: letters and digits apart ("17T18:02" is 17, t, 18, 2).
_TOKEN = re.compile(r"[^\W\d_]+|\d+")


def shown_body(review: Review, table: SectionTable) -> str:
    """``review``'s body as its page shows it: without what its fields already say."""
    body = review.body
    if not isinstance(review.meta.get("source"), dict) or not body.strip():
        return body
    outline = read_outline(body, table, _KEYS)
    lines = outline.lines
    facts = {h.index for h in outline.headings if _is_known_fact(h, review.meta)}
    drop: set[int] = set()
    title = _title_heading(outline, review.title)
    if title is not None:
        drop.update(range(title[0], title[1] + 1))
    drop.update(_preamble(outline, review.meta, facts, title))
    shown: dict[str, set[str]] = {}  # each field's words as the page shows them
    for section in outline.sections():
        heading = section.heading
        field = SECTION_FIELDS.get(heading.section or "")
        if field is None or (heading.style == "label" and _quoted(lines[heading.index])):
            continue
        own = _own_lines(lines, section.start, section.stop, section.others)
        content = [i for i in own if i not in facts]
        said = _tokens_of(lines, content) | set(_tokens(heading.inline))
        said |= _heading_line_extra(heading, lines[heading.index])
        if field == "timeline.events":
            said -= _PLAIN_WORDS  # "All times are UTC."
        if not said or not _shaped(lines, content, _SHOWN_AS[field], heading.inline):
            continue
        if field not in shown:
            shown[field] = _field_tokens(review.meta, field)
        if not said <= shown[field]:
            continue
        if section.others:  # its subsections of other meanings stay, under its heading
            if all(_balanced(lines, run) for run in _runs(own)):
                drop.update(own)
        else:
            drop.update(_whole(outline, heading.index, section.stop))
    if not drop:
        return body
    kept: list[str] = []
    for index, line in enumerate(lines):
        if index in drop:
            continue
        # Where something was left out, the blank lines around it are not doubled.
        if index - 1 in drop and not line.strip() and (not kept or not kept[-1].strip()):
            drop.add(index)
            continue
        kept.append(line)
    return "\n".join(kept)


def _own_lines(lines: list[str], start: int, stop: int, others: frozenset[int]) -> list[int]:
    """A section's lines but its subsections of other meanings, with the ``<details>`` and
    ``</details>`` lines around such a subsection (they are the subsection's)."""
    own = []
    for index in range(start, stop):
        if index in others:
            continue
        if _DETAILS.match(lines[index]) and index + 1 in others:
            continue
        if _DETAILS_END.match(lines[index]) and index - 1 in others:
            continue
        own.append(index)
    return own


# --------------------------------------------------------------------------- shapes


def _shaped(lines: list[str], indexes: list[int], shown_as: str, inline: str) -> bool:
    """Whether the section's Markdown is of a shape its field's place shows whole: the words
    alone would flatten a table, a second paragraph, a quote, an image, a nested list or code."""
    text = _COMMENT.sub(" ", "\n".join(lines[i] for i in indexes))
    # A list written in HTML, an item a line (as wiki exports have them), is a list.
    text = _HTML_LIST.sub("", _HTML_ITEM.sub(r"- \1", text))
    rows = [line for line in text.split("\n") if line.strip()]
    if any(_structure(line) for line in rows):
        return False
    blocks = _blocks(text)
    if shown_as == _EVENTS:  # "All times are UTC.": said by the events' own times
        blocks = [b for b in blocks if not set(_tokens(" ".join(b))) <= _PLAIN_WORDS | {"utc"}]
    tables = [b for b in blocks if b[0].lstrip().startswith("|")]
    items = [b for b in blocks if LIST_MARK.match(b[0])]
    if any(not all(LIST_MARK.match(row) for row in b) for b in items):
        return False  # a list item over several lines, or a paragraph run into a list
    if shown_as == _TEXT:
        return not tables and not items and len(blocks) + bool(inline.strip()) <= 1
    if shown_as == _LIST:
        return not tables and (not items or len(items) == len(blocks))
    if tables:
        one = len(tables) == 1 and len(blocks) == 1 and _table_shape(tables[0], shown_as)
        return one and not inline.strip()
    return len(items) == len(blocks)


def _structure(line: str) -> bool:
    """A line the field's place cannot show: code (fenced or indented), a quote, HTML other
    than a ``<details>`` block's own lines, an image, a nested list item."""
    if line.startswith(("    ", "\t")) or FENCE.match(line.lstrip()):
        return True
    stripped = line.strip()
    if stripped.startswith(">") or "![" in stripped:
        return True
    if stripped.startswith("<") and not (_DETAILS.match(line) or _DETAILS_END.match(line)):
        return True
    marked = LIST_MARK.match(line)
    return bool(marked) and len(line) - len(line.lstrip()) > 1


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


def _table_shape(rows: list[str], shown_as: str) -> bool:
    """A table of action items whose columns are the action table's own; a timeline table
    of a time and an event."""
    if len(rows) < 2 or not _is_divider(rows[1]):
        return False
    header = [cell.casefold().strip("*_ ") for cell in split_cells(rows[0])]
    if shown_as == _EVENTS:
        return len(header) == 2
    names = [_column(cell) for cell in header]
    return all(name in _ACTION_COLUMNS for name in names) and len(set(names)) == len(names)


def _column(cell: str) -> str | None:
    for name, words in COLUMNS.items():
        if any(re.search(rf"\b{re.escape(w)}\b", cell) for w in words):
            return name
    return None


# --------------------------------------------------------------------------- what is said


def _heading_line_extra(heading: Heading, line: str) -> set[str]:
    """What a heading says beyond the section's name: its qualifier ("(preliminary)") and,
    on a ``<summary>`` line, the text around the summary."""
    said: set[str] = set()
    if heading.style == "details":
        said.update(_tokens(_TAG.sub(" ", _SUMMARY_ELEMENT.sub(" ", line))))
    for match in _QUALIFIER.finditer(heading.text):
        words = next(group for group in match.groups() if group is not None)
        if words.strip().casefold() not in ("s", "es"):  # "Root Cause(s)"
            said.update(_tokens(_TAG.sub(" ", words)))
    return said - _PLAIN_WORDS


def _tokens_of(lines: list[str], indexes: list[int]) -> set[str]:
    """The words these lines show a reader: comments, tags, list and task marks left out; a
    table's header row kept, but for the plain names of its columns."""
    text = _COMMENT.sub(" ", "\n".join(lines[i] for i in indexes))
    shown = text.split("\n")
    said: set[str] = set()
    for position, line in enumerate(shown):
        following = shown[position + 1] if position + 1 < len(shown) else ""
        if _is_divider(line):
            continue
        line = LIST_MARK.sub("", _TAG.sub(" ", line), count=1).strip()
        words = _tokens(_TASK_BOX.sub("", line))
        if "|" in line and _is_divider(following):
            header = [cell.casefold().strip("*_ ") for cell in split_cells(line)]
            names = {w for cell in header if _column(cell) for w in _tokens(cell)}
            words = [w for w in words if w not in names and w not in _PLAIN_WORDS]
            words = [w for w in words if w not in ("event", "events", "happened", "what")]
        said.update(words)
    return said


def _field_tokens(meta: dict[str, Any], field: str) -> set[str]:
    """The words of ``field`` as the review page shows it."""
    if field == "action_items":
        items = meta.get("action_items")
        found: set[str] = set()
        for item in items if isinstance(items, list) else []:
            if isinstance(item, dict):
                found |= _value_tokens([item.get(column) for column in _ACTION_COLUMNS])
            else:
                found |= _value_tokens(item)
        return found
    if field == "timeline.events":
        timeline = meta.get("timeline")
        return _value_tokens(timeline) if isinstance(timeline, dict) else set()
    return _value_tokens(_at(meta, field))


def _at(meta: dict[str, Any], dotted: str) -> Any:
    value: Any = meta
    for part in dotted.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


# --------------------------------------------------------------------------- before the story


def _is_known_fact(heading: Heading, meta: dict[str, Any]) -> bool:
    """A "Severity: High" line saying what the front matter says of that same fact."""
    if heading.style != "label" or heading.section is not None:
        return False
    return _same_fact(heading.text, heading.inline, meta)


def _same_fact(label: str, value: str, meta: dict[str, Any]) -> bool:
    key = key_of(_TAG.sub(" ", label))
    if key is None:
        return False
    said = set(_tokens(_TAG.sub(" ", value)))
    return bool(said) and said <= _value_tokens(_at(meta, _FACT_PLACES.get(key, key)))


def _preamble(
    outline: Outline, meta: dict[str, Any], facts: set[int], title: tuple[int, int] | None
) -> set[int]:
    """Lines before the first section that the header card or what went wrong shows."""
    lines = outline.lines
    first = next((h.index for h in outline.headings if h.section is not None), len(lines))
    drop = {i for i in facts if i < first and not _quoted(lines[i])}
    headed = {h.index for h in outline.headings if h.style != "label"}
    if title is not None:
        headed.discard(title[0])
    story_start = min(headed, default=len(lines))  # before any heading but the title
    summary = _value_tokens(meta.get("what_went_wrong"))
    index = 0
    while index < first:
        if index in outline.code or not lines[index].strip():
            index += 1
            continue
        end = index
        while end < first and lines[end].strip() and end not in outline.code:
            end += 1
        block = list(range(index, end))
        if headed.intersection(block):
            pass
        elif lines[index].lstrip().startswith("|"):
            if _facts_table(lines, block, meta):
                drop.update(block)
        elif (
            end <= story_start
            and _tokens_of(lines, block) == summary
            and _shaped(lines, block, _TEXT, "")
        ):
            drop.update(block)
        index = end
    return drop


def _facts_table(lines: list[str], block: list[int], meta: dict[str, Any]) -> bool:
    """A table of facts, each saying what the front matter says of it: a row per fact
    ("| Severity | High |") or a column per fact under a row of their names."""
    rows = [lines[i] for i in block]
    if (
        len(rows) < 3
        or not _is_divider(rows[1])
        or not all(r.lstrip().startswith("|") for r in rows)
    ):
        return False
    header = split_cells(rows[0])
    data = [split_cells(row) for row in rows[2:]]
    if all(key_of(cell) is not None for cell in header) and len(data) == 1:
        pairs = list(zip(header, data[0], strict=False))
        return len(data[0]) == len(header) and all(_same_fact(k, v, meta) for k, v in pairs)
    if len(header) != 2 or any(len(row) != 2 for row in data):
        return False
    return all(_same_fact(key, value, meta) for key, value in data)


# --------------------------------------------------------------------------- HTML and lines


def _whole(outline: Outline, start: int, stop: int) -> list[int]:
    """A section's lines, its ``<details>`` block's own lines included; none when what is
    left would not be whole HTML."""
    lines = outline.lines
    if start > 0 and _DETAILS.match(lines[start - 1]):
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


def _quoted(line: str) -> bool:
    """A label inside a list item or a quote: the item's line, not a section of its own."""
    return bool(LIST_MARK.match(line)) or line.lstrip().startswith((">", "<"))


def _is_divider(line: str) -> bool:
    return bool(_DIVIDER.match(line)) and "-" in line


# --------------------------------------------------------------------------- words


def _value_tokens(value: Any) -> set[str]:
    found: set[str] = set()
    for text in _texts(value):
        found.update(_tokens(text))
    return found


def _texts(value: Any) -> Iterable[str]:
    """Every text in a value; a date also with its month's name ("12 March 2024"), a time
    in UTC also as "UTC"."""
    if isinstance(value, dict):
        for item in value.values():
            yield from _texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item)
    elif isinstance(value, date):  # a datetime too
        yield value.isoformat()
        yield value.strftime("%B %b")
        if isinstance(value, datetime) and value.utcoffset() == timedelta(0):
            yield "UTC"
    elif isinstance(value, str):
        yield value
        moment = _moment(value)
        if moment is not None:
            yield from _texts(moment)
    elif value is not None and not isinstance(value, bool):
        yield str(value)


def _moment(text: str) -> datetime | None:
    """A date or time written as ISO 8601 ("2024-01-17T18:02:00Z"), or ``None``."""
    if not (10 <= len(text) <= 32 and text[:4].isdigit()):
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
        for token in _TOKEN.findall(text.casefold())
    ]


def _plain(text: str) -> str:
    return " ".join(_tokens(text))
