"""An action item's due date and owner as a table's cell or a list item writes them: read
with the rules of a labelled date, struck-out text (``~~2023-04-01~~``) left out, and what
cannot be read said, never guessed."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .dates import read_labelled_date
from .placeholders import is_placeholder_value

_STRUCK = re.compile(r"~~.*?~~")


@dataclass(frozen=True)
class Due:
    """A due date as written: the day, or why it cannot be read (``problem``)."""

    day: date | None
    problem: str = ""


def read_due(written: str) -> Due | None:
    """The due date ``written`` gives, ``None`` when it gives none (empty, a placeholder,
    only struck-out text); ``15.04.2023`` and ``04/15/2023`` are read, ``04/05/2023`` and
    ``Q3`` come back with their problem."""
    text = unstruck(written)
    if not text or is_placeholder_value(text):
        return None
    reading = read_labelled_date(text)
    return Due(reading.day, reading.problem)


def unstruck(text: str) -> str:
    """``text`` without its struck-out parts: a date or a name crossed out is no longer it."""
    return " ".join(_STRUCK.sub(" ", text).split())


def due_note(action: str, problem: str) -> str:
    """The report's words for a due date left out."""
    short = action if len(action) <= 60 else action[:57] + "..."
    return f"the due date of '{short}' is left out: {problem}; it stays in the body, not guessed"
