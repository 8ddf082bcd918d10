"""An action item's due date and owner as a table's cell or a list item writes them: read
with the rules of a labelled date, struck-out text (``~~2023-04-01~~``) left out, and what
cannot be read said, never guessed.

A list item says them after its action, as parts of their own: in brackets ("Add quorum
alert (owner: Jo Kim, due: 2023-06-15)") or after " - ", " — ", ";" or "," ("Add canary
stage — Owner: Nina — Due: 2023-06-01", "Fix alert routing - @priya - 2023-06-20"). Only
such parts are read and taken off the action; "ask @priya about the routing" names no owner.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from .dates import DateReading, date_alone, read_labelled_date
from .placeholders import is_placeholder_value

_MOST_PARTS = 6  # an item says its owners and due date in a few parts, at its end
_STRUCK = re.compile(r"~~.*?~~")
_BREAK = re.compile(r"\s*<br\s*/?>\s*", re.I)
_TAG = re.compile(r"</?[A-Za-z][\w-]*(?:\s[^<>]*)?/?>")
_CODE = re.compile(r"(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)")  # each run of backticks whole
_LINK = re.compile(r"\[(?P<text>[^\[\]]*)\]\([^()]*\)")
_OWNER_LABELS = r"owners?|assignees?|assigned to|who"
DUE_LABELS = r"due(?: date)?|deadline|eta|target(?: date)?|by"
# Between parts: a dash or a semicolon; a comma only before a label, a handle or a date (not
# a year alone, as in "June 1, 2023"), so that "Add alerts for A, B and C" stays one part
# and "owner: Jo Kim, Ann Lee" one owner.
_SEPARATOR = re.compile(
    rf"\s+[-–]\s+|\s*—\s*|;\s+"
    rf"|,\s+(?=(?:{_OWNER_LABELS}|{DUE_LABELS})\b|@\w|\d)(?!(?:19|20)\d\d(?![-/.\d]))",
    re.I,
)
_BRACKETS = re.compile(r"\s*(?:\((?P<round>[^()]*)\)|\[(?P<square>[^\[\]]*)\])\s*$")
_OWNER = re.compile(rf"^(?:{_OWNER_LABELS})\s*:\s*(?P<value>.+)$", re.I)
_HANDLE = r"@[A-Za-z0-9][\w.-]*"
_HANDLES = re.compile(rf"^{_HANDLE}(?:\s*(?:,|&|\band\b)?\s*{_HANDLE})*$")
_DUE = re.compile(rf"^(?P<label>{DUE_LABELS})\s*(?P<colon>:)?\s*(?P<value>.+)$", re.I)


@dataclass(frozen=True)
class Part:
    """An owner or a due date written as a part of its own."""

    kind: str  # "owner", "due", or "date" (a date alone, the due date only beside an owner)
    owner: str = ""
    due: DateReading | None = None  # None: a placeholder ("due: TBD")


@dataclass(frozen=True)
class Said:
    """A list item's action, and the owner and due date its parts say."""

    action: str
    owner: str = ""
    due: DateReading | None = None


def read_due(written: str) -> DateReading | None:
    """The due date ``written`` gives, ``None`` when it gives none (empty, a placeholder,
    only struck-out text); ``15.04.2023`` and ``04/15/2023`` are read, ``04/05/2023`` and
    ``Q3`` come back with their problem."""
    text = unstruck(written)
    if not text or is_placeholder_value(text):
        return None
    return read_labelled_date(text)


def owner_text(written: str) -> str:
    """An owner as written, without its markup: ``Ann <br> Bob`` is ``Ann, Bob`` and
    ``[Ann](mailto:ann@example.com)`` is ``Ann``; struck-out names are no longer owners."""
    text = _LINK.sub(r"\g<text>", _TAG.sub("", _BREAK.sub(", ", unstruck(written))))
    return " ".join(text.replace("**", "").replace("__", "").split()).strip(" ,")


def decoded(text: str) -> str:
    """``text`` with its HTML entities decoded (``&mdash;`` is ``—``), but in code spans,
    where ``&lt;br&gt;`` is what was written."""
    out, start = [], 0
    for code in _CODE.finditer(text):
        out += [html.unescape(text[start : code.start()]), code.group(0)]
        start = code.end()
    return "".join([*out, html.unescape(text[start:])])


def unstruck(text: str) -> str:
    """``text`` without its struck-out parts: a date or a name crossed out is no longer it."""
    return " ".join(_STRUCK.sub(" ", text).split())


def due_note(action: str, problem: str) -> str:
    """The report's words for a due date left out."""
    short = action if len(action) <= 60 else action[:57] + "..."
    return f"the due date of '{short}' is left out: {problem}; it stays in the body, not guessed"


def read_item(text: str, done: bool = False) -> Said:
    """``text`` with the owner and due parts after its action taken off and read. A date
    alone is the due date only right after an owner ("- @priya - 2023-06-20"), and never on
    an item ticked done, where it may be the day it was done."""
    text = " ".join(text.split())
    end, parts = len(text), list[Part]()
    for _ in range(_MOST_PARTS):
        found = _trailing(text[:end], done)
        if found is None:
            break
        end, said = found
        parts = said + parts
    return _said(text[:end].rstrip(), parts)


def read_details(text: str) -> Said | None:
    """The owner and due date of a text made only of such parts ("owner: Jo, due:
    2023-06-01", nested under its action), else ``None``."""
    parts = _fitting([_part(p) for p in _SEPARATOR.split(" ".join(text.split()))], done=False)
    return None if parts is None else _said("", parts)


def _trailing(head: str, done: bool, dates: bool = True) -> tuple[int, list[Part]] | None:
    """Where the last owner or due part of ``head`` starts, and what it says (a date alone
    only with ``dates``: the part before a date is an owner, never another date)."""
    brackets = _BRACKETS.search(head)
    if brackets is not None and head[: brackets.start()].strip():
        inner = brackets.group("round") or brackets.group("square") or ""
        parts = _fitting([_part(p) for p in _SEPARATOR.split(inner)], done)
        return (brackets.start(), parts) if inner and parts is not None else None
    separators = list(_SEPARATOR.finditer(head))
    if not separators or not head[: separators[-1].start()].strip():
        return None
    last = separators[-1]
    part = _part(head[last.end() :])
    if part is None:
        return None
    if part.kind == "date":
        before = _trailing(head[: last.start()], done, dates=False) if dates else None
        if before is None or _fitting([*before[1], part], done) is None:
            return None
    return last.start(), [part]


def _fitting(parts: list[Part | None], done: bool) -> list[Part] | None:
    """``parts`` when each is an owner or a due date, a date alone only right after an
    owner and not on an item ticked done; else ``None``."""
    fit: list[Part] = []
    for part in parts:
        if part is None:
            return None
        if part.kind == "date" and (done or not fit or fit[-1].kind != "owner"):
            return None
        fit.append(part)
    return fit


def _part(text: str) -> Part | None:
    written = unstruck(text).strip().rstrip(".")
    owner = _OWNER.match(written)
    if owner is not None:
        return Part("owner", owner=owner.group("value").strip())
    if _HANDLES.match(written):
        return Part("owner", owner=written)
    due = _DUE.match(written)
    if due is not None:
        alone = date_alone(due.group("value"))
        if alone is not None:
            return Part("due", due=alone)
        if due.group("colon") and due.group("label").lower() != "by":
            return Part("due", due=read_due(due.group("value")))
        return None
    alone = date_alone(written)
    return Part("date", due=alone) if alone is not None else None


def _said(action: str, parts: list[Part]) -> Said:
    owners = [p.owner for p in parts if p.owner and not is_placeholder_value(p.owner)]
    dues = list(dict.fromkeys(p.due for p in parts if p.due is not None))
    due = dues[0] if len(dues) == 1 else None
    if len(dues) > 1:
        due = DateReading(None, "it is written more than once, differently")
    return Said(action, ", ".join(owners), due)
