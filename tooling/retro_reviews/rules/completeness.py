"""Completeness: what a review in review or published must hold (warnings on a draft)."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from ..findings import Finding, Level
from ..markdown import SECTION_LEVELS, Section, split_sections, strip_prompts
from ..model import Review
from ..schema import placeholder_of
from ..templates import RequiredSection
from .base import CheckContext, Rule, finding, schema_findings

FIELD_RULES = {"incomplete-field", "incomplete-action-item", "incomplete-checklist-change"}


def check_fields(review: Review, ctx: CheckContext) -> Iterator[Finding]:
    yield from schema_findings(review, ctx, FIELD_RULES)


def check_sections(review: Review, ctx: CheckContext) -> Iterator[Finding]:
    if not review.parsed or review.kind not in ctx.config.kinds:
        return
    required = ctx.sections_of(review.kind)
    if not required:
        return
    sections = split_sections(review.body, review.body_line)
    found: dict[str, Section] = {}
    for each in sections:
        found.setdefault(each.key, each)
    for wanted in required:
        section = next((found[key] for key in wanted.keys if key in found), None)
        if section is None:
            yield finding(
                review,
                "missing-section",
                _missing_message(review, wanted, sections),
                review.body_line,
            )
            continue
        placeholder = placeholder_of(strip_prompts(section.content))
        if placeholder is not None:
            yield finding(
                review,
                "empty-section",
                f"the section '{section.heading}' holds only the placeholder '{placeholder}'; "
                "answer it in a few sentences",
                section.line,
                1,
            )
        elif not section.answered:
            yield finding(
                review,
                "empty-section",
                f"the section '{section.heading}' has no content yet (only the template's "
                "prompt); answer the prompt in a few sentences",
                section.line,
                1,
            )


def _missing_message(review: Review, wanted: RequiredSection, sections: list[Section]) -> str:
    start = f"the section '## {wanted.name}' of the {review.kind} template is missing"
    deeper = [
        s
        for s in split_sections(review.body, review.body_line, levels=6)
        if s.level > SECTION_LEVELS and s.key in wanted.keys
    ]
    if deeper:
        near = deeper[0]
        return (
            f"{start}; the heading '{near.heading}' on line {near.line} is level {near.level}: "
            f"make it level 1 to 3 ('## {near.title}')"
        )
    near_key = difflib.get_close_matches(wanted.keys[0], [s.key for s in sections], n=1, cutoff=0.7)
    if near_key:
        near = next(s for s in sections if s.key == near_key[0])
        return (
            f"{start}; the heading '{near.heading}' on line {near.line} is close: rename it "
            f"'{wanted.name}', or add '{near.title}' to its synonyms (section_synonyms in the "
            "configuration)"
        )
    return (
        f"{start}; add it with what the template's prompt asks, or name the heading you use "
        f"for it in the configuration (section_synonyms: {{{wanted.name}: [...]}})"
    )


RULES = (
    Rule(
        "incomplete-field",
        Level.ERROR,
        "A field a complete review needs is missing or empty.",
        "At in-review and published: authors, what_went_wrong, impact.summary, root_cause, "
        "checklist_changes, action_items, lessons, and customer_response for customer "
        "mistakes (configurable per kind: `requirements: {kind: {fields: [...]}}`). "
        "`no_checklist_change` stands in for checklist_changes, and "
        "`customer_response.not_contacted` for its acknowledged, apology and remedy. "
        "Placeholders (TBD, TODO, N/A, NA, ?, -, ..., none yet) count as missing.",
        check=check_fields,
        completeness=True,
    ),
    Rule(
        "incomplete-action-item",
        Level.ERROR,
        "An action item lacks its action, owner, due date or status.",
        "Follow-through needs a name and a date: each action item has an owner (a person, "
        "team or role) and a due date.",
        completeness=True,
    ),
    Rule(
        "incomplete-checklist-change",
        Level.ERROR,
        "A checklist change is not well formed.",
        "Each change names the checklist, the change (add, remove, reword) and the item; a "
        "reword also gives the old text in `was`.",
        completeness=True,
    ),
    Rule(
        "missing-section",
        Level.ERROR,
        "A section of the kind's template is missing.",
        "The headings of templates/<kind>.md.j2 (or the kind's `requirements.sections` in "
        "the configuration) are the sections a complete review has. A section is found "
        "under a heading of level 1 to 3 (`#`, `##`, `###`, or underlined with `===` or "
        "`---`) whose text matches the section's name or one of its synonyms "
        "(`section_synonyms`), ignoring case, leading numbering or emoji and a trailing "
        "qualifier such as '(all times UTC)'. The message names a near-match heading.",
        check=check_sections,
        completeness=True,
    ),
    Rule(
        "empty-section",
        Level.ERROR,
        "A required section holds only its prompt or a placeholder.",
        "Prompts are HTML comments (`<!-- ... -->`); they are invisible on the site and may "
        "stay, but the section needs real content besides them. A section holding only a "
        "placeholder (TBD, TODO, N/A, NA, ?, -, ..., none yet) is unanswered too.",
        completeness=True,
    ),
)
