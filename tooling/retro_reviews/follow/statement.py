"""`retro statement`: a draft of the customer-facing message for a review.

The words are the team's: :data:`TEMPLATE` (``templates/statement.md.j2``, falling back to the
packaged copy) turns the context built here into Markdown. The context holds only what a
customer may read: what happened, how it affected them, the remedy, the goodwill gesture,
what is changing and how to reach the team. Authors, responders, owners, links, internal
notes and costs are never put in it, so no template can leak them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from ..config import RetroConfig, nests_options
from ..errors import RetroError
from ..model import Review
from ..schema import is_empty
from ..templates import render_template

TEMPLATE = "statement"  # templates/statement.md.j2
CONTACT_EXAMPLE = 'contact: "Reply to this email, or write to support@example.com."'
MONTHS = (
    *("January", "February", "March", "April", "May", "June"),
    *("July", "August", "September", "October", "November", "December"),
)


class StatementRefused(RetroError):
    """The review lacks what the message needs; the message names the missing fields."""


def human_date(day: date | None) -> str:
    """``6 May 2025``: how a date reads in a letter."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}" if day else ""


@dataclass(frozen=True)
class Need:
    field: str  # as the review writes it
    present: bool


def missing_fields(review: Review) -> list[str]:
    """The fields the message needs that the review leaves empty (or holds a placeholder)."""
    response = review.meta.get("customer_response")
    response = response if isinstance(response, dict) else {}
    impact = review.meta.get("impact")
    impact = impact if isinstance(impact, dict) else {}
    needs = [
        Need("what_went_wrong", not is_empty(review.meta.get("what_went_wrong"))),
        Need("impact.summary", not is_empty(impact.get("summary"))),
        Need("customer_response.remedy", not is_empty(response.get("remedy"))),
        Need(
            "checklist_changes or action_items",
            any(not is_empty(c.item) for c in review.checklist_changes if c.change != "remove")
            or any(not is_empty(a.action) for a in review.action_items),
        ),
    ]
    return [need.field for need in needs if not need.present]


def statement_context(review: Review, config: RetroConfig) -> dict[str, Any]:
    """What the template may use; refuses (``StatementRefused``) when something is missing."""
    not_contacted = review.customer_response.get("not_contacted", "")
    if not_contacted:
        raise StatementRefused(
            f"{review.id} records that customers were not contacted "
            f"(customer_response.not_contacted: {not_contacted!r}); a statement would "
            "contradict it. To write to customers, record customer_response.remedy instead"
        )
    missing = missing_fields(review)
    if missing:
        raise StatementRefused(
            f"{review.id} lacks what the message needs: {', '.join(missing)}. "
            "Fill these in the review, then run retro statement again"
        )
    if not config.contact:
        raise RetroError(no_contact_message(config))
    response = review.customer_response
    return {
        "title": review.title,
        "date": human_date(review.date),
        "what_went_wrong": review.what_went_wrong,
        "impact": review.impact_summary,
        "customers_affected": review.customers_affected,
        "acknowledged": human_date(_parse(response.get("acknowledged"))),
        "remedy": response.get("remedy", ""),
        "goodwill": response.get("goodwill", ""),
        "checklist_changes": [
            {"checklist": c.checklist, "change": c.change, "item": c.item}
            for c in review.checklist_changes
            if c.change in ("add", "reword") and c.item
        ],
        "actions": [
            {"action": a.action, "done": not a.is_open} for a in review.action_items if a.action
        ],
        "contact": config.contact,
    }


def no_contact_message(config: RetroConfig) -> str:
    """What to write, and where, when the `contact` option the message ends with is not set."""
    retro_yml = next((p for p in config.sources if p.name != "mkdocs.yml"), None)
    if retro_yml is None:
        where = f"to {config.root / 'retro.yml'} (a new file)"
    elif nests_options(retro_yml):  # the options under a `retro:` key: the line goes there too
        where = f"under `retro:` in {retro_yml}, indented as the other options"
    else:
        where = f"to {retro_yml}"
    return (
        "no contact configured: the statement ends with how customers reach the team. "
        f"Add the line {CONTACT_EXAMPLE} {where}, or under `- retro:` in the plugins "
        "of mkdocs.yml, beside the plugin's other options"
    )


def _parse(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def render_statement(review: Review, config: RetroConfig) -> str:
    return render_template(config, TEMPLATE, statement_context(review, config))
