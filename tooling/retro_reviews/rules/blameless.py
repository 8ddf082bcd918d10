"""Blameless language: flag words that point at a person instead of a condition."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from ..config import BlamelessPhrase, RetroConfig
from ..findings import Finding, Level
from ..markdown import COMMENT
from ..model import Review
from .base import CheckContext, Rule, finding

_CONDITIONS = "describe the conditions that made the action reasonable at the time"
_PERSON = (
    r"(?:he|she|they|you|i|we|someone|somebody|nobody|(?:the|our|an?)\s+"
    r"(?:engineer|developer|agent|operator|picker|packer|editor|producer|host|driver|"
    r"on-call|person|employee|admin|analyst|intern|staff member|team member|new hire))"
)


def _phrase(
    pattern: str, why: str, suggest: str, label: str, needles: tuple[str, ...]
) -> BlamelessPhrase:
    return BlamelessPhrase(pattern, why, suggest, label, needles)


DEFAULT_PHRASES: tuple[BlamelessPhrase, ...] = (
    _phrase(
        r"\bhuman[\s-]+errors?\b",
        "'human error' names a person as the cause and ends the inquiry where it should begin",
        "describe what in the process, tool or context made that action likely "
        "(e.g. 'two similar files had the same name and no preview step')",
        "human error",
        ("human",),
    ),
    _phrase(
        r"\b(?:should|shouldn't|should\s+not)\s+have\b|\bshould've\b",
        "'should have' is hindsight: it judges a choice with knowledge nobody had at the time",
        "say what was known then and what would make the safer action the easy one "
        "(e.g. 'the checklist did not include a step to ...')",
        "should have",
        ("should",),
    ),
    _phrase(
        r"\bcareless(?:ly|ness)?\b",
        "'careless' judges a person's character, not the conditions",
        _CONDITIONS,
        "careless",
        ("careless",),
    ),
    _phrase(
        r"\bnegligen(?:ce|t|tly)\b",
        "'negligence' is a legal and personal judgement, not a cause",
        _CONDITIONS,
        "negligence",
        ("negligen",),
    ),
    _phrase(
        r"\b(?:fault\s+of|(?:his|her|their|my|your)\s+fault|at\s+fault)\b",
        "assigning fault to someone makes people hide mistakes next time",
        "name the process, tool or system gap instead",
        "fault of",
        ("fault",),
    ),
    _phrase(
        r"\bblam(?:e|ed|es|ing)\b",
        "a review looks for conditions to change, not for someone to blame",
        "describe what made the mistake possible and what will change",
        "blame",
        ("blam",),
    ),
    _phrase(
        rf"\b{_PERSON}\s+(?:failed|forgot|neglected|didn't\s+bother|"
        r"did\s+not\s+bother)\s+to\b",
        "this makes a person's action the cause",
        "describe the step that was missing or hard to do: 'the release had no step "
        "that checked ...'",
        "failed to",
        ("failed", "forgot", "neglected", "bother"),
    ),
    _phrase(
        r"\blaz(?:y|iness)\b",
        "'lazy' judges a person, not the work conditions",
        _CONDITIONS,
        "lazy",
        ("laz",),
    ),
    _phrase(
        r"\bincompeten(?:t|ce)\b",
        "'incompetent' judges a person and teaches nothing about the system",
        "describe the training, tooling or information that was missing",
        "incompetent",
        ("incompeten",),
    ),
    _phrase(
        r"\b(?:stupid|sloppy|dumb|idiot(?:ic)?)\b",
        "insulting words make people hide mistakes",
        _CONDITIONS,
        "stupid",
        ("stupid", "sloppy", "dumb", "idiot"),
    ),
    _phrase(
        r"\bdropped\s+the\s+ball\b",
        "this points at a person",
        _CONDITIONS,
        "dropped the ball",
        ("dropped",),
    ),
    _phrase(
        r"\b(?:not|wasn't|weren't)\s+paying\s+attention\b",
        "attention is a limited resource; systems have to expect lapses",
        "describe what made the detail easy to miss (layout, load, interruptions)",
        "not paying attention",
        ("paying",),
    ),
)


def phrases_for(config: RetroConfig) -> tuple[BlamelessPhrase, ...]:
    """The default phrases less the removed ones, plus the team's own."""
    return _phrases(config.blameless_add, config.blameless_remove)


@lru_cache(maxsize=16)
def _phrases(
    add: tuple[BlamelessPhrase, ...], remove: tuple[str, ...]
) -> tuple[BlamelessPhrase, ...]:
    removed = {name.casefold() for name in remove}
    return tuple(p for p in DEFAULT_PHRASES if p.name.casefold() not in removed) + add


@lru_cache(maxsize=16)
def _compiled(phrases: tuple[BlamelessPhrase, ...]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p.pattern, re.IGNORECASE) for p in phrases)


def find_blaming_phrases(
    text: str, phrases: tuple[BlamelessPhrase, ...]
) -> list[tuple[re.Match[str], BlamelessPhrase]]:
    """Every match of every phrase in ``text``, in text order (HTML comments included)."""
    lowered = text.lower()
    found: list[tuple[re.Match[str], BlamelessPhrase]] = []
    for phrase, pattern in zip(phrases, _compiled(phrases), strict=True):
        # The needles are a cheap pre-filter: most reviews contain none of them.
        if phrase.needles and not any(needle in lowered for needle in phrase.needles):
            continue
        found.extend((match, phrase) for match in pattern.finditer(text))
    return sorted(found, key=lambda pair: pair[0].start())


def check_blameless(review: Review, ctx: CheckContext) -> Iterator[Finding]:
    text = review.text
    if not text:
        return
    comments = [m.span() for m in COMMENT.finditer(text)] if "<!--" in text else []
    for match, phrase in find_blaming_phrases(text, phrases_for(ctx.config)):
        start = match.start()
        if any(a <= start < b for a, b in comments):
            continue
        line = text.count("\n", 0, start) + 1
        column = start - text.rfind("\n", 0, start)
        said = " ".join(match.group(0).split())
        yield finding(
            review,
            "blameless-language",
            f"'{said}': {phrase.why}. Instead, {phrase.suggest}",
            line,
            column,
        )


RULES = (
    Rule(
        "blameless-language",
        Level.ERROR,
        "Blaming language in the review's text (front matter or body).",
        "Words such as 'human error', 'should have', 'careless' or 'X failed to' point at "
        "a person. A blameless review describes the conditions that made an action "
        "reasonable at the time, so people keep reporting mistakes. The list is "
        "configurable (blameless.add / blameless.remove); to keep a phrase in one place "
        "(a quotation, say) put `retro-allow: blameless-language` in a comment on that line "
        "or the line above. Text inside HTML comments is not checked.",
        check=check_blameless,
        reads_text_only=True,
        relaxed_while_unfinished=True,
    ),
)
