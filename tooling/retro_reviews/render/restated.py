"""An imported review's body on its page, without what its fields already say.

`retro import` keeps every line of the original under its own heading and fills the review's
fields from the sections it recognises (a "Root cause" section becomes ``root_cause``). The
review page shows the fields in their fixed places, so such a section would be read twice.
Left out of the page (never out of the file):

- a section whose every word is in the field it means (a section with subsections of other
  meanings keeps its heading and those subsections);
- a first heading that reads the title;
- before the first section, a table of facts or "Date: ..." lines whose every word is in
  the front matter (the header card shows them), and a paragraph that is what went wrong;
- a section of another name that is what went wrong, word for word.

A section holding anything more (a ticket column, a paragraph the field did not take, times
written in another zone, code) is shown as written, and so is HTML that would not stay
whole without it.

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
from ..importer.outline import FENCE, LIST_MARK, Outline, read_outline
from ..importer.synonyms import SECTION_FIELDS, SectionTable
from ..model import Review

_COMMENT = re.compile(r"<!--.*?-->", re.S)
_TAG = re.compile(r"</?([A-Za-z][\w-]*)[^>]*>")
_VOID = {"br", "hr", "img", "input", "meta", "link", "wbr", "source", "col", "area"}
_DIVIDER = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_TASK_BOX = re.compile(r"^\[[ xX]\]\s+")
_DETAILS = re.compile(r"^\s*<details(?:\s[^>]*)?>\s*$", re.I)
_DETAILS_END = re.compile(r"^\s*</details>\s*$", re.I)
# Words a first heading may add to the title and say nothing more ("Postmortem: ...").
_TITLE_WORDS = {"postmortem", "post", "mortem", "incident", "report", "review", "retrospective"}
# Words and numbers: letters and digits apart ("17T18:02" is 17, t, 18, 2).
_TOKEN = re.compile(r"[^\W\d_]+|\d+")


def shown_body(review: Review, table: SectionTable) -> str:
    """``review``'s body as its page shows it: without what its fields already say."""
    body = review.body
    if not isinstance(review.meta.get("source"), dict) or not body.strip():
        return body
    outline = read_outline(body, table, frozenset(KEYS))
    lines = outline.lines
    known = _value_tokens(review.meta)  # every fact of the front matter
    summary = _value_tokens(review.meta.get("what_went_wrong"))
    facts = {  # "**Severity:** High": a fact the header card shows
        h.index
        for h in outline.headings
        if h.style == "label" and h.section is None and set(_tokens(h.inline)) <= known
    }
    fields: dict[str, set[str]] = {}  # each field's words, as first needed
    drop: set[int] = set()
    title = _title_heading(outline, review.title)
    if title is not None:
        drop.update(range(title[0], title[1] + 1))
    first = next((h.index for h in outline.headings if h.section is not None), len(lines))
    drop.update(_preamble(outline, first, known, summary, facts))
    for section in outline.sections():
        heading = section.heading
        field = SECTION_FIELDS.get(heading.section or "")
        if heading.style not in ("atx", "setext", "html", "details", "label"):
            continue
        if heading.style == "label" and (field is None or _quoted(lines[heading.index])):
            continue
        own = [i for i in range(section.start, section.stop) if i not in section.others]
        said = _tokens_of(lines, [i for i in own if i not in facts]) | set(_tokens(heading.inline))
        if not said:
            continue
        if field is None:
            if heading.section is None and said == summary:  # what went wrong, renamed
                drop.update(_whole(outline, heading.index, section.stop))
            continue
        name = field.split(".", 1)[0]
        if not review.meta.get(name):
            continue
        if name not in fields:
            fields[name] = _value_tokens(review.meta[name])
        if not said <= fields[name] or _has_code(outline, own):
            continue
        if section.others:  # its subsections of other meanings stay, under its heading
            if _balanced(lines, own):
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


def _preamble(
    outline: Outline, first: int, known: set[str], summary: set[str], facts: set[int]
) -> set[int]:
    """Lines before the first section that the header card or what went wrong shows."""
    lines = outline.lines
    drop = {i for i in facts if i < first and not _quoted(lines[i])}
    index = 0
    while index < first:
        if index in outline.code or not lines[index].strip():
            index += 1
            continue
        end = index
        while end < first and lines[end].strip() and end not in outline.code:
            end += 1
        block = list(range(index, end))
        if any(h.index in block for h in outline.headings if h.style != "label"):
            index = end
            continue
        if lines[index].lstrip().startswith("|"):
            said = _facts_table_tokens(lines, block)
            if said and said <= known:
                drop.update(block)
        elif _tokens_of(lines, block) == summary and _balanced(lines, block):
            drop.update(block)
        index = end
    return drop


def _facts_table_tokens(lines: list[str], block: list[int]) -> set[str]:
    """The words of a table of facts: its values; a row's first cell too unless it names a
    fact ("| Severity | High |"). Nothing for a table that is not only rows."""
    said: set[str] = set()
    for position, index in enumerate(block):
        line = lines[index]
        following = lines[block[position + 1]] if position + 1 < len(block) else ""
        if not line.lstrip().startswith("|"):
            return set()
        if _is_divider(line) or _is_divider(following):
            continue  # the divider, and the header row above it
        cells = split_cells(line)
        if cells and key_of(cells[0]) is not None:
            cells = cells[1:]
        for cell in cells:
            said.update(_tokens(_TAG.sub(" ", cell)))
    return said


def _has_code(outline: Outline, indexes: list[int]) -> bool:
    """Whether fenced code is among these lines: no field shows it."""
    return any(i in outline.code and FENCE.match(outline.lines[i]) for i in indexes)


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


def _tokens_of(lines: list[str], indexes: list[int]) -> set[str]:
    """The words these lines show a reader: comments, tags, table headers and dividers, list
    and task marks left out; code and everything else kept."""
    text = _COMMENT.sub(" ", "\n".join(lines[i] for i in indexes))
    shown = text.split("\n")
    said: set[str] = set()
    for position, line in enumerate(shown):
        following = shown[position + 1] if position + 1 < len(shown) else ""
        if _is_divider(line) or ("|" in line and _is_divider(following)):
            continue  # a table's divider and header row: the column names, not what was said
        line = LIST_MARK.sub("", _TAG.sub(" ", line), count=1).strip()
        said.update(_tokens(_TASK_BOX.sub("", line)))
    return said


def _is_divider(line: str) -> bool:
    return bool(_DIVIDER.match(line)) and "-" in line


def _value_tokens(value: Any) -> set[str]:
    found: set[str] = set()
    for text in _texts(value):
        found.update(_tokens(text))
    return found


def _texts(value: Any) -> Iterable[str]:
    """Every text in a field's value; a date also with its month's name ("12 March 2024")."""
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
            if moment.utcoffset() == timedelta(0):
                yield "UTC"
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
