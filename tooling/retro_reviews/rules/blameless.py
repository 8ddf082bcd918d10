"""Blameless language: flag words that make a person the cause instead of a condition.

The grammar lives in :mod:`retro_reviews.blame`; this rule turns what it finds into findings,
adds the team's own phrases (``blameless.add``) and sets the level from the review's status.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from ..blame import KINDS, Kind, find_blame
from ..config import BlamelessPhrase, RetroConfig
from ..findings import Finding, Level
from ..markdown import COMMENT
from ..model import Review
from .base import CheckContext, Rule, finding


def phrases_for(config: RetroConfig) -> tuple[Kind | BlamelessPhrase, ...]:
    """The kinds of blaming language checked: the defaults less the removed, plus the team's."""
    removed = {name.casefold() for name in config.blameless_remove}
    return tuple(k for k in KINDS if k.name.casefold() not in removed) + config.blameless_add


@lru_cache(maxsize=16)
def _compiled(phrases: tuple[BlamelessPhrase, ...]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p.pattern, re.IGNORECASE) for p in phrases)


def find_team_phrases(
    text: str, phrases: tuple[BlamelessPhrase, ...]
) -> list[tuple[re.Match[str], BlamelessPhrase]]:
    """Every match of the team's own phrases in ``text``, in text order."""
    lowered = text.lower()
    found: list[tuple[re.Match[str], BlamelessPhrase]] = []
    for phrase, pattern in zip(phrases, _compiled(phrases), strict=True):
        if phrase.needles and not any(needle in lowered for needle in phrase.needles):
            continue
        found.extend((match, phrase) for match in pattern.finditer(text))
    return sorted(found, key=lambda pair: pair[0].start())


def _people(review: Review) -> set[str]:
    """Words of the names in ``authors`` and ``responders``: names the finder should know."""
    names: set[str] = set()
    for key in ("authors", "responders"):
        value = review.meta.get(key) if review.parsed else None
        for entry in value if isinstance(value, list) else []:
            if isinstance(entry, str):
                names.update(w for w in re.findall(r"[A-Z][a-z]+", entry))
    return names


def check_blameless(review: Review, ctx: CheckContext) -> Iterator[Finding]:
    text = review.text
    if not text:
        return
    config = ctx.config
    found: list[tuple[int, str]] = [
        (blame.start, blame.message)
        for blame in find_blame(
            text,
            roles=config.blameless_roles,
            systems=config.blameless_systems,
            names=_people(review),
            removed=config.blameless_remove,
        )
    ]
    if config.blameless_add:
        comments = [m.span() for m in COMMENT.finditer(text)] if "<!--" in text else []
        for match, phrase in find_team_phrases(text, config.blameless_add):
            start = match.start()
            if not any(a <= start < b for a, b in comments):
                said = " ".join(match.group(0).split())
                found.append((start, f"'{said}': {phrase.why}. Instead, {phrase.suggest}"))
    for start, message in sorted(found):
        line = text.count("\n", 0, start) + 1
        column = start - text.rfind("\n", 0, start)
        yield finding(review, "blameless-language", message, line, column)


RULES = (
    Rule(
        "blameless-language",
        Level.ERROR,
        "Language that makes a person the cause (warning at draft and imported).",
        "Flags a person (a name, an @handle, he/she/I/you, a role such as 'the on-call "
        "engineer') as the subject of 'forgot to', 'failed to', 'did not', 'missed', "
        "'neglected to', 'should have'; 'human error', 'operator error', 'X's fault'; "
        "'X is to blame'; and judgements of people ('careless', 'sloppy', 'lazy', "
        "'negligent', 'incompetent'). Systems and things as subjects ('the job failed to "
        "start'), passives about things, 'we' (the team owning a gap), refusals of blame "
        "('nobody is to blame'), quotations, code and HTML comments are not flagged. Errors "
        "at in-review and published, warnings at draft and imported. Configurable with "
        "blameless.add / remove / roles / systems; to keep one occurrence put "
        "`retro-allow: blameless-language` in a comment on that line or the line above.",
        check=check_blameless,
        reads_text_only=True,
        relaxed_while_unfinished=True,
    ),
)
