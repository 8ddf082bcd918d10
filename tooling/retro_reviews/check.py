"""The checker: load the library, run every rule on the chosen reviews, settle the levels."""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path

from .config import RetroConfig
from .errors import RetroError
from .findings import Finding, Level, sort_key
from .load import (
    discover_files,
    discover_review_files,
    expand_targets,
    is_misnamed,
    read_review,
    real_path,
)
from .model import Review
from .parallel import map_in_two, will_share
from .rules import RULES, RULES_BY_ID, CheckContext

# Statuses whose completeness and blameless findings are warnings, whatever their level: a
# draft is unfinished, an imported review is history kept as it was written.
RELAXED_STATUSES = ("draft", "imported")
ALLOW = re.compile(r"retro-allow:\s*([a-z0-9][a-z0-9,\s-]*)", re.IGNORECASE)
RULE_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass
class CheckResult:
    findings: list[Finding] = field(default_factory=list)
    files_checked: int = 0
    reviews: list[Review] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.level is Level.ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.level is Level.WARNING)

    @property
    def exit_code(self) -> int:
        return 1 if self.errors else 0


def today_for_checks() -> date:
    """Today, or ``RETRO_TODAY`` (YYYY-MM-DD) for reproducible builds and tests."""
    forced = os.environ.get("RETRO_TODAY", "").strip()
    if forced:
        try:
            return date.fromisoformat(forced)
        except ValueError as exc:
            raise RetroError(f"RETRO_TODAY={forced!r} is not a date (YYYY-MM-DD)") from exc
    return date.today()


def load_library(config: RetroConfig) -> list[Review]:
    """Every review under the reviews folder, loaded (broken ones carry their problems).

    A large library is loaded on two cores where that is safe (see :mod:`retro.parallel`);
    :func:`run_check` runs the rules the same way.
    """
    return _read_all(discover_review_files(config), config)


def _read_all(paths: list[Path], config: RetroConfig) -> list[Review]:
    return map_in_two(partial(read_review, config=config), paths)


def run_check(
    config: RetroConfig,
    targets: Sequence[Path] | None = None,
    *,
    strict: bool = False,
    today: date | None = None,
    library: list[Review] | None = None,
) -> CheckResult:
    """Check ``targets`` (files or folders; default: the whole reviews folder).

    The whole library is loaded either way, for the rules that span it (unique ids,
    ``related`` ids, checklist history). Markdown files that are not read as reviews because
    of their suffix (``.markdown``, ``.MD``...) are checked too, for the one finding that
    says so; they stay out of the library.
    """
    if library is None:  # what load_library does, keeping the misnamed files of its walk
        found, misnamed = discover_files(config)
        library = _read_all(found, config)
    else:
        misnamed = discover_files(config)[1] if targets is None else []
    if targets is None:
        chosen = [*library, *(read_review(path, config) for path in misnamed)]
    else:
        missing = [p for p in targets if not p.exists() and not p.is_symlink()]
        if missing:
            raise RetroError(f"path not found: {missing[0]}")
        loaded = {real_path(review.path): review for review in library}
        chosen = []
        for path in expand_targets(targets, config.reviews_path):
            review = loaded.get(real_path(path))
            if review is None:
                review = read_review(path, config)
                if not is_misnamed(path.name):
                    library.append(review)
                loaded[real_path(path)] = review
            chosen.append(review)
        chosen = list({id(r): r for r in chosen}.values())
    ctx = CheckContext(config=config, library=library, today=today or today_for_checks())
    if will_share(len(chosen)):  # the library-wide views, once, before the work is shared
        ctx.prepare()
    per_review = map_in_two(partial(_findings_of, ctx=ctx, strict=strict), chosen)
    findings = [item for found in per_review for item in found]
    findings.sort(key=sort_key)
    return CheckResult(findings=findings, files_checked=len(chosen), reviews=chosen)


def _findings_of(review: Review, ctx: CheckContext, strict: bool) -> list[Finding]:
    """Every rule on ``review``, the levels settled."""
    return settle(review, _raw_findings(review, ctx), ctx.config, strict=strict)


def _raw_findings(review: Review, ctx: CheckContext) -> Iterable[Finding]:
    yield from review.problems
    if is_misnamed(review.path.name):
        return  # not read, so not a review: the one finding says how to make it one
    for rule in RULES:
        if rule.check is None:
            continue
        if not review.parsed and not rule.reads_text_only:
            continue
        yield from rule.check(review, ctx)


def settle(
    review: Review,
    findings: Iterable[Finding],
    config: RetroConfig,
    *,
    strict: bool = False,
    report_unused: bool = True,
) -> list[Finding]:
    """Final levels: configuration overrides, completeness and blameless findings as warnings
    on drafts and imported reviews, allow markers (one that keeps nothing is reported), and
    ``--strict``. Findings of rules set to ``off`` are dropped. ``report_unused=False`` when
    ``findings`` are only some of the review's (a second pass over the same file)."""
    markers = allow_markers(review.text)
    used: set[tuple[int, str]] = set()
    settled = [
        item
        for item in (_settle_one(review, f, config, strict, markers, used) for f in findings)
        if item is not None
    ]
    unused = (
        _unused_marker(review, line, rule)
        for line, rules in markers.items()
        for rule in rules
        if report_unused and (line, rule) not in used and config.rule_levels.get(rule) != "off"
    )
    settled.extend(
        item
        for item in (_settle_one(review, f, config, strict, {}, used) for f in unused)
        if item is not None
    )
    return settled


def _settle_one(
    review: Review,
    item: Finding,
    config: RetroConfig,
    strict: bool,
    markers: dict[int, tuple[str, ...]],
    used: set[tuple[int, str]],
) -> Finding | None:
    rule = RULES_BY_ID.get(item.rule)
    configured = config.rule_levels.get(item.rule)
    if configured == "off":
        return None
    level = Level(configured) if configured else (rule.level_in(review) if rule else item.level)
    if rule is not None and rule.relaxed and review.status in RELAXED_STATUSES:
        level = Level.WARNING
    if strict:
        level = Level.ERROR
    if item.line is not None:
        for line in (item.line, item.line - 1):
            if item.rule in markers.get(line, ()):
                used.add((line, item.rule))
                return None
    return item.with_level(level)


def allow_markers(text: str) -> dict[int, tuple[str, ...]]:
    """File line -> the rule ids its ``retro-allow:`` marker names."""
    if "retro-allow" not in text:
        return {}
    found: dict[int, tuple[str, ...]] = {}
    for index, line in enumerate(text.split("\n")):
        if "retro-allow" not in line:
            continue
        match = ALLOW.search(line)
        if match:
            parts = re.split(r"[,\s]+", match.group(1))
            rules = tuple(p for p in parts if RULE_ID.match(p))
            if rules:
                found[index + 1] = rules
    return found


def _unused_marker(review: Review, line: int, rule: str) -> Finding:
    if rule not in RULES_BY_ID:
        near = difflib.get_close_matches(rule, list(RULES_BY_ID), n=1)
        hint = f"; did you mean '{near[0]}'?" if near else "; `retro rules` lists them"
        message = f"`retro-allow: {rule}` names no rule{hint}"
    else:
        message = (
            f"`retro-allow: {rule}` keeps nothing: no {rule} finding is on this line or the "
            "next. Put the marker on the line of the finding or the line above it, or remove it"
        )
    column = _column_of_marker(review.text, line)
    return Finding(review.relpath, line, column, "misplaced-allow", Level.WARNING, message)


def _column_of_marker(text: str, line: int) -> int | None:
    lines = text.split("\n")
    if 0 < line <= len(lines):
        position = lines[line - 1].find("retro-allow")
        return position + 1 if position >= 0 else None
    return None
