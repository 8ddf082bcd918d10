"""The kinds of blaming language, each with why it blames and what to write instead.

A kind's name is what ``blameless.remove`` in the configuration names to stop flagging it,
and what the guide's examples are keyed by.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CONDITIONS = "describe the conditions that made the action reasonable at the time"


@dataclass(frozen=True)
class Kind:
    name: str
    why: str
    suggest: str


KINDS: tuple[Kind, ...] = (
    Kind(
        "human error",
        "'human error' names a person as the cause and ends the inquiry where it should begin",
        "describe what in the process, tool or context made that action likely "
        "(e.g. 'two similar files had the same name and no preview step')",
    ),
    Kind(
        "should have",
        "'should have' about a person is hindsight: it judges a choice with knowledge "
        "nobody had at the time",
        "say what was known and seen then, and what would make the safer action the easy "
        "one (e.g. 'the checklist had no step to ...')",
    ),
    Kind(
        "failed to",
        "this makes a person's omission the cause",
        "describe the step that was missing or hard to do: 'the release had no step "
        "that checked ...'",
    ),
    Kind(
        "caused",
        "this makes a person the cause",
        "describe the action as it was taken and what let it do harm (e.g. 'the command "
        "ran against production without a prompt')",
    ),
    Kind(
        "fault of",
        "assigning fault to someone makes people hide mistakes next time",
        "name the process, tool or system gap that let it happen",
    ),
    Kind(
        "blame",
        "a review looks for conditions to change, not for someone to blame",
        "describe what made the mistake possible and what will change",
    ),
    Kind(
        "careless",
        "'careless' judges a person's character, not the conditions",
        _CONDITIONS,
    ),
    Kind(
        "negligence",
        "'negligence' is a legal and personal judgement, not a cause",
        _CONDITIONS,
    ),
    Kind("lazy", "'lazy' judges a person, not the work conditions", _CONDITIONS),
    Kind(
        "incompetent",
        "'incompetent' judges a person and teaches nothing about the system",
        "describe the training, tooling or information that was missing",
    ),
    Kind("stupid", "insulting or belittling words make people hide mistakes", _CONDITIONS),
    Kind(
        "rushed",
        "'rushed' lays the haste on a person, where a deadline, a queue or a missing step "
        "made haste likely",
        "describe the pressure and what was missing: the deadline, the queue, the step "
        "that would have slowed the change down",
    ),
    Kind("dropped the ball", "this points at a person", _CONDITIONS),
    Kind(
        "not paying attention",
        "attention is a limited resource; systems have to expect lapses",
        "describe what made the detail easy to miss (layout, load, interruptions)",
    ),
)
KIND_BY_NAME = {kind.name: kind for kind in KINDS}

_QUOTED = re.compile(r"'([^']+)'")
_MODAL = re.compile(
    r"\b(?:should|could|ought\s+to)(?:n['’]t|\s+not)?\s+have\b"
    r"|\b(?:should|could)(?:n['’]t)?['’]ve\b"
    r"|\bif\b.*\bhad(?:n['’]t)?\b",
    re.IGNORECASE,
)


def why_for(kind: Kind, said: str) -> str:
    """The kind's reason, quoting the phrase that was found rather than the kind's name:
    "'could have' about a person is hindsight", "'reckless' judges ..."."""
    quoted = _QUOTED.match(kind.why)
    if quoted is None:
        return kind.why
    if kind.name == "should have":
        found = _MODAL.search(said)
        if found is None:
            return kind.why
        phrase = " ".join(found.group(0).lower().split())
        if phrase.startswith("if"):
            phrase = "if ... had"
    else:
        phrase = " ".join(said.lower().split())
    return f"'{phrase}'{kind.why[quoted.end() :]}"
