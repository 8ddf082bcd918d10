"""What a rule is, and what it can see while it checks a review."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from ..config import RetroConfig
from ..findings import Finding, Level
from ..model import Review
from ..schema import SchemaIssue, validate
from ..templates import RequiredSection, required_sections


@dataclass
class CheckContext:
    """The library around the reviews being checked, computed once per run."""

    config: RetroConfig
    library: Sequence[Review]
    today: date
    _schema_cache: dict[str, list[SchemaIssue]] = field(default_factory=dict)
    _sections: dict[str, tuple[RequiredSection, ...] | None] = field(default_factory=dict)

    def prepare(self) -> None:
        """Work out the views of the whole library now, before the rules run, so that the
        two halves of a large library checked at once (see :mod:`retro.parallel`) do not
        both work them out."""
        _ = self.by_id, self.checklist_warnings

    @cached_property
    def by_id(self) -> dict[str, list[Review]]:
        ids: dict[str, list[Review]] = {}
        for review in self.library:
            ids.setdefault(review.id, []).append(review)
        return ids

    def schema_issues(self, review: Review) -> list[SchemaIssue]:
        """The schema's issues for ``review``, computed once however many rules ask."""
        key = review.relpath
        if key not in self._schema_cache:
            self._schema_cache[key] = validate(
                review.meta, self.config, review.kind, review.status, review.id[:10]
            )
        return self._schema_cache[key]

    def sections_of(self, kind: str) -> tuple[RequiredSection, ...] | None:
        """The sections a complete review of ``kind`` needs, worked out once per run: the
        configured ``requirements``, or else the headings of the kind's template."""
        if kind not in self._sections:
            self._sections[kind] = required_sections(self.config, kind)
        return self._sections[kind]

    @cached_property
    def checklist_warnings(self) -> dict[tuple[str, int], tuple[str, str]]:
        from ..library import replay_checklists

        return replay_checklists(r for r in self.library if r.parsed).warnings


Check = Callable[[Review, CheckContext], Iterable[Finding]]
LevelFor = Callable[[Review], Level]


def schema_findings(review: Review, ctx: CheckContext, rule_ids: set[str]) -> Iterable[Finding]:
    """Findings for the schema issues of ``review`` whose rule is one of ``rule_ids``."""
    if not review.parsed:
        return
    for issue in ctx.schema_issues(review):
        if issue.rule in rule_ids:
            line, column = at(review, issue.path)
            yield finding(review, issue.rule, issue.message, line or 2, column)


@dataclass(frozen=True)
class Rule:
    """A check with an id, a default level, a one-line summary and a help text.

    ``check`` is ``None`` for rules whose findings come from the loader or from another
    rule's pass (the schema pass reports several rule ids at once).
    ``completeness`` rules (and other ``relaxed`` ones, such as blameless language) are
    warnings on drafts and imported reviews, whatever their level.
    ``level_for``, when set, picks the level from the review (privacy findings are errors in
    a public review and warnings in an internal one); ``level`` is then the strictest one.
    ``reads_text_only`` rules look at the file's text or name alone, so they also run on a
    file whose front matter cannot be read (a secret there must still be reported).
    """

    id: str
    level: Level
    summary: str
    help: str
    check: Check | None = None
    completeness: bool = False
    level_for: LevelFor | None = None
    reads_text_only: bool = False
    relaxed_while_unfinished: bool = False

    @property
    def relaxed(self) -> bool:
        """Warnings on a draft or an imported review, whatever the level."""
        return self.completeness or self.relaxed_while_unfinished

    def level_in(self, review: Review) -> Level:
        """This rule's level for a finding in ``review``, before configuration."""
        return self.level_for(review) if self.level_for is not None else self.level


def finding(
    review: Review,
    rule: str,
    message: str,
    line: int | None = None,
    column: int | None = None,
) -> Finding:
    """A finding at its rule's default level (the checker settles the final level)."""
    return Finding(review.relpath, line, column, rule, Level.ERROR, message)


def at(review: Review, path: tuple[Hashable, ...]) -> tuple[int | None, int | None]:
    """File line and column of a front-matter path (its deepest known part)."""
    for end in range(len(path), 0, -1):
        found = review.positions.get(tuple(path[:end]))
        if found:
            return found
    return None, None
