"""Placeholders a template left in place: ``TBD``, ``N/A``, ``ISSUE NAME``, "[Describe the
impact here]", "<What caused the incident?>", a prompt in italics ("*A brief summary of the
incident.*", "_Who was affected?_"), a lone "Item". They are reported and kept out of the
fields; in the body they become HTML comments, so the words stay in the file but do not read
as an answer."""

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
# An instruction that points at its own place ("Describe the impact here.", "List the
# actions below:"), not an action with "above 5%" or "below the gateway section" in it.
_INSTRUCTION = re.compile(
    rf"^(?:please\s+)?(?:{_INSTRUCTION_VERBS})\b.*\b(?:here|below|above)\s*[.:)\]]*\s*$", re.I
)
_SHOUTED = re.compile(r"^[A-Z][A-Z _/-]{2,40}$")
# A line in italics, whole: "*A brief summary.*", "_Who was affected?_" (not "**bold**").
_ITALIC = re.compile(r"^([*_])(?=[^\s*_])(?P<text>(?:(?!\1).)+)(?<=\S)\1$")
# How a template's prompt starts; a question ("Who was affected?") is one too.
# An imperative verb followed by what it asks for ("List the customers affected."), not prose
# that starts with the same word ("List prices were shown", "Write traffic needs an alert"),
# or "a brief / short summary" (not "A short network partition split the cluster").
_PROMPT = re.compile(
    r"^(?:please\s+)?(?:(?:describe|list|explain|summari[sz]e|outline|provide|include|insert|"
    r"enter|add|write|fill(?:\s+in)?|specify|identify)\s+(?:the|a|an|any|all|each|every|who|"
    r"what|when|where|why|how|which|here|below|in|your|our|this|these|relevant|key|details|"
    r"links|one|two|three)\b"
    r"|a\s+(?:brief|short)\b.*\b(?:summary|description|overview|explanation|paragraph)\b)",
    re.I,
)
# A list's example item never replaced: "Item", "Item 2", "Bullet point".
_GENERIC_ITEM = re.compile(r"^(?:item|list item|bullet(?: point)?|entry)(?:\s*\d+)?$", re.I)
_DECORATION = re.compile(r"^[*_`>]+|[*_`]+$")


def placeholder_text(line: str) -> str | None:
    """The placeholder a line holds (the whole line, without list marks), else ``None``."""
    unmarked = LIST_MARK.sub("", line, count=1).strip()
    text = _DECORATION.sub("", unmarked).strip()
    if not text:
        return None
    if text.casefold().rstrip(".:") in WORDS or text.casefold() in WORDS:
        return text
    if _GENERIC_ITEM.match(text.rstrip(".:")):
        return text
    italic = _ITALIC.match(unmarked.lstrip("> "))
    if italic and _is_prompt(italic.group("text").strip()):
        return text
    if text.startswith("{{") and text.endswith("}}"):
        return text  # a template variable never filled in
    if _BRACKETED.match(text):
        inner = text.strip("[]<>{}()").strip()
        if not inner or re.match(rf"^(?:{_INSTRUCTION_VERBS})\b", inner, re.I):
            return text
        if inner.endswith("?"):  # "<What caused the incident?>"
            return text
        if _SHOUTED.match(inner) or inner.casefold() in WORDS | BRACKETED:
            return text
        return None
    if _INSTRUCTION.match(text):
        return text
    if text in {"ISSUE NAME", "INCIDENT NAME", "DATE", "YOUR NAME", "NAME"}:
        return text
    return None


def _is_prompt(text: str) -> bool:
    """Whether words in italics ask for an answer rather than give one."""
    return text.endswith("?") or bool(_PROMPT.match(text))


def placeholder_line(line: str) -> str | None:
    """The placeholder a line of the body holds, as :func:`placeholder_text` finds it; a
    line that starts with ``<`` holds one only in words ("<What caused it?>"), never as a
    tag (``<details>``)."""
    text = placeholder_text(line)
    if text is not None and line.lstrip().startswith("<") and " " not in text:
        return None
    return text


def is_placeholder_value(value: str) -> bool:
    """A field value that says nothing (``TBD``, ``[owner]``, ``-``)."""
    return placeholder_text(value) is not None


def as_comment(line: str) -> str:
    """``line`` kept in the body as an HTML comment, its words unchanged where possible."""
    return f"<!-- placeholder in the original: {line.strip().replace('--', '- -')} -->"
