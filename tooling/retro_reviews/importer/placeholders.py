"""Placeholders a template left in place: ``TBD``, ``N/A``, ``ISSUE NAME``, "[Describe the
impact here]". They are reported and kept out of the fields; in the body they become HTML
comments, so the words stay in the file but do not read as an answer."""

from __future__ import annotations

import re

from .outline import LIST_MARK

WORDS = {
    "tbd",
    "tbc",
    "todo",
    "to do",
    "n/a",
    "na",
    "none yet",
    "?",
    "??",
    "???",
    "-",
    "--",
    "...",
    "…",
    "xxx",
    "fixme",
    "issue name",
    "incident name",
    "insert here",
    "placeholder",
    "lorem ipsum",
    "yyyy-mm-dd",
    "hh:mm",
    "hh:mm utc",
}
# Words that, alone in brackets, name what should have been written: "[Name]", "<owner>".
BRACKETED = {"name", "names", "owner", "date", "title", "link", "team", "author", "authors"}
BRACKETED |= {"description", "summary", "details", "url", "ticket", "time"}
_INSTRUCTION_VERBS = (
    r"describe|insert|add|list|enter|explain|replace|summari[sz]e|include|fill|link|provide|"
    r"write|put|outline|detail|document|note|name|give|specify|state|identify|record"
)
_BRACKETED = re.compile(r"^(?:\[[^\]]*\]|<[^>]*>|\{\{?[^}]*\}?\}|\([^)]*\))$")
_INSTRUCTION = re.compile(
    rf"^(?:please\s+)?(?:{_INSTRUCTION_VERBS})\b.*\b(?:here|below|above)\b", re.I
)
_SHOUTED = re.compile(r"^[A-Z][A-Z _/-]{2,40}$")
_DECORATION = re.compile(r"^[*_`>]+|[*_`]+$")


def placeholder_text(line: str) -> str | None:
    """The placeholder a line holds (the whole line, without list marks), else ``None``."""
    text = _DECORATION.sub("", LIST_MARK.sub("", line, count=1).strip()).strip()
    if not text:
        return None
    if text.casefold().rstrip(".:") in WORDS or text.casefold() in WORDS:
        return text
    if text.startswith("{{") and text.endswith("}}"):
        return text  # a template variable never filled in
    if _BRACKETED.match(text):
        inner = text.strip("[]<>{}()").strip()
        if not inner or re.match(rf"^(?:{_INSTRUCTION_VERBS})\b", inner, re.I):
            return text
        if _SHOUTED.match(inner) or inner.casefold() in WORDS | BRACKETED:
            return text
        return None
    if _INSTRUCTION.match(text):
        return text
    if text in {"ISSUE NAME", "INCIDENT NAME", "DATE", "YOUR NAME", "NAME"}:
        return text
    return None


def is_placeholder_value(value: str) -> bool:
    """A field value that says nothing (``TBD``, ``[owner]``, ``-``)."""
    return placeholder_text(value) is not None


def as_comment(line: str) -> str:
    """``line`` kept in the body as an HTML comment, its words unchanged where possible."""
    return f"<!-- placeholder in the original: {line.strip().replace('--', '- -')} -->"
