"""Completeness: what a review in review or published must hold (warnings on a draft)."""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding, Level
from ..markdown import heading_key, split_sections
from ..model import Review
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
    present = {s.key: s for s in split_sections(review.body, review.body_line)}
    for title in required:
        section = present.get(heading_key(title))
        if section is None:
            yield finding(
                review,
                "missing-section",
                f"the section '## {title}' of the {review.kind} template is missing; add it "
                "with what the template's prompt asks",
                review.body_line,
            )
        elif not section.answered:
            yield finding(
                review,
                "empty-section",
                f"the section '## {title}' has no content yet (only the template's prompt); "
                "answer the prompt in a few sentences",
                section.line,
            )


RULES = (
    Rule(
        "incomplete-field",
        Level.ERROR,
        "A field a complete review needs is missing or empty.",
        "At in-review and published: authors, what_went_wrong, impact.summary, root_cause, "
        "checklist_changes, action_items, lessons, and customer_response for customer "
        "mistakes. Placeholders such as TODO or TBD count as empty.",
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
        "The `##` headings of templates/<kind>.md.j2 are the sections a complete review has.",
        check=check_sections,
        completeness=True,
    ),
    Rule(
        "empty-section",
        Level.ERROR,
        "A template section holds only its prompt (an unanswered prompt).",
        "Prompts are HTML comments (`<!-- ... -->`); they are invisible on the site and may "
        "stay, but the section needs real content besides them.",
        completeness=True,
    ),
)
