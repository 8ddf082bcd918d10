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

DEFAULT_PHRASES: tuple[BlamelessPhrase, ...] = (
    BlamelessPhrase(
        r"\bhuman[\s-]+errors?\b",
        "'human error' names a person as the cause and ends the inquiry where it should begin",
        "describe what in the process, tool or context made that action likely "
        "(e.g. 'two similar files had the same name and no preview step')",
        "human error",
    ),
    BlamelessPhrase(
        r"\b(?:should|shouldn't|should\s+not)\s+have\b|\bshould've\b",
        "'should have' is hindsight: it judges a choice with knowledge nobody had at the time",
        "say what was known then and what would make the safer action the easy one "
        "(e.g. 'the checklist did not include a step to ...')",
        "should have",
    ),
    BlamelessPhrase(r"\bcareless(?:ly|ness)?\b",
                    "'careless' judges a person's character, not the conditions", _CONDITIONS,
                    "careless"),
    BlamelessPhrase(r"\bnegligen(?:ce|t|tly)\b",
                    "'negligence' is a legal and personal judgement, not a cause",
                    _CONDITIONS, "negligence"),
    BlamelessPhrase(r"\b(?:fault\s+of|(?:his|her|their|my|your)\s+fault|at\s+fault)\b",
                    "assigning fault to someone makes people hide mistakes next time",
                    "name the process, tool or system gap instead", "fault of"),
    BlamelessPhrase(r"\bblam(?:e|ed|es|ing)\b",
                    "a review looks for conditions to change, not for someone to blame",
                    "describe what made the mistake possible and what will change",
                    "blame"),
    BlamelessPhrase(rf"\b{_PERSON}\s+(?:failed|forgot|neglected|didn't\s+bother|"
                    r"did\s+not\s+bother)\s+to\b",
                    "this makes a person's action the cause",
                    "describe the step that was missing or hard to do: 'the release had no "
                    "step that checked ...'",
                    "failed to"),
    BlamelessPhrase(r"\blaz(?:y|iness)\b", "'lazy' judges a person, not the work conditions",
                    _CONDITIONS, "lazy"),
    BlamelessPhrase(r"\bincompeten(?:t|ce)\b",
                    "'incompetent' judges a person and teaches nothing about the system",
                    "describe the training, tooling or information that was missing",
                    "incompetent"),
    BlamelessPhrase(r"\b(?:stupid|sloppy|dumb|idiot(?:ic)?)\b",
                    "insulting words make people hide mistakes", _CONDITIONS, "stupid"),
    BlamelessPhrase(r"\bdropped\s+the\s+ball\b", "this points at a person", _CONDITIONS,
                    "dropped the ball"),
    BlamelessPhrase(r"\bnot\s+paying\s+attention\b|\bwasn't\s+paying\s+attention\b",
                    "attention is a limited resource; systems have to expect lapses",
                    "describe what made the detail easy to miss (layout, load, interruptions)",
                    "not paying attention"),
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


def _matcher(config: RetroConfig) -> re.Pattern[str] | None:
    return _compiled(phrases_for(config))


@lru_cache(maxsize=16)
def _compiled(phrases: tuple[BlamelessPhrase, ...]) -> re.Pattern[str] | None:
    if not phrases:
        return None
    return re.compile(
        "|".join(f"(?P<p{i}>{p.pattern})" for i, p in enumerate(phrases)), re.IGNORECASE
    )


def check_blameless(review: Review, ctx: CheckContext) -> Iterator[Finding]:
    matcher = _matcher(ctx.config)
    if matcher is None or not review.text:
        return
    text = review.text
    phrases = phrases_for(ctx.config)
    comments = [m.span() for m in COMMENT.finditer(text)] if "<!--" in text else []
    for match in matcher.finditer(text):
        start = match.start()
        if any(a <= start < b for a, b in comments):
            continue
        phrase = phrases[int((match.lastgroup or "p0")[1:])]
        line = text.count("\n", 0, start) + 1
        column = start - text.rfind("\n", 0, start)
        said = " ".join(match.group(0).split())
        yield finding(
            review, "blameless-language",
            f"'{said}': {phrase.why}. Instead, {phrase.suggest}",
            line, column,
        )


RULES = (
    Rule("blameless-language", Level.ERROR,
         "Blaming language in the review's text (front matter or body).",
         "Words such as 'human error', 'should have', 'careless' or 'X failed to' point at "
         "a person. A blameless review describes the conditions that made an action "
         "reasonable at the time, so people keep reporting mistakes. The list is "
         "configurable (blameless.add / blameless.remove); to keep a phrase in one place "
         "(a quotation, say) put `retro-allow: blameless-language` in a comment on that line "
         "or the line above. Text inside HTML comments is not checked.",
         check=check_blameless),
)


