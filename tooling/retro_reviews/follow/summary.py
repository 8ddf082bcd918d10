"""`retro show`: one review's summary as plain text for the terminal."""

from __future__ import annotations

import textwrap
from datetime import date

from ..model import Review
from ..render.formatting import duration
from ..stats import time_to_detect, time_to_resolve

VERBS = {"add": "add", "remove": "remove", "reword": "reword"}


def review_summary(review: Review, path: str, today: date, width: int = 88) -> str:
    """The review's facts, in the order the site's review page gives them."""
    width = max(40, width)
    out: list[str] = []

    def para(label: str, text: str) -> None:
        if text:
            out.extend(
                textwrap.wrap(
                    f"{label}: {text}", width, subsequent_indent="  ", break_on_hyphens=False
                )
            )

    def items(label: str, values: list[str]) -> None:
        if values:
            out.append(f"{label}:")
            for value in values:
                out.extend(
                    textwrap.wrap(
                        value,
                        width,
                        initial_indent="  - ",
                        subsequent_indent="    ",
                        break_on_hyphens=False,
                    )
                )

    out.extend(textwrap.wrap(review.title, width))
    out.append(f"{review.id}  ({path})")
    facts = [review.status, review.kind, review.severity, review.visibility]
    out.append(" · ".join(f for f in facts if f))
    para("Areas", ", ".join(review.areas))
    para("Tags", ", ".join(review.tags))
    out.append("")
    para("What went wrong", review.what_went_wrong)
    impact = review.impact_summary
    extra = []
    if review.customers_affected is not None:
        extra.append(f"{review.customers_affected} customers affected")
    if review.cost:
        extra.append(f"cost: {review.cost}")
    if extra:
        impact = f"{impact} ({'; '.join(extra)})" if impact else "; ".join(extra)
    para("Impact", impact)
    if review.detection is not None:
        how, what = review.detection.method, review.detection.summary
        para("Detected by", f"{how}: {what}" if how and what else how or what)
    para("Root cause", review.root_cause)
    ttd, ttr = time_to_detect(review), time_to_resolve(review)
    if ttd is not None or ttr is not None:
        para("Time to detect", f"{duration(ttd)}; time to resolve: {duration(ttr)}")
    items("Contributing factors", list(review.contributing_factors))
    response = review.customer_response
    if response:
        parts = []
        if "acknowledged" in response:
            parts.append(f"acknowledged {response['acknowledged']}")
        for key in ("apology", "remedy", "goodwill", "not_contacted"):
            if key in response:
                parts.append(f"{key.replace('_', ' ')}: {response[key]}")
        items("Customer response", parts)
    items(
        "Checklist changes",
        [
            f"{c.checklist}: {VERBS.get(c.change, c.change)} "
            + (f"'{c.was}' -> '{c.item}'" if c.change == "reword" and c.was else f"'{c.item}'")
            for c in review.checklist_changes
        ],
    )
    actions = []
    for item in review.action_items:
        status = "OVERDUE" if item.is_overdue(today) else item.status_shown
        due = f", due {item.due.isoformat()}" if item.due else ""
        owner = f" ({item.owner}{due})" if item.owner else (f" ({due[2:]})" if due else "")
        actions.append(f"[{status}] {item.action}{owner}")
    items("Action items", actions)
    items("Lessons", list(review.lessons))
    items("Related", list(review.related))
    while out and not out[-1]:
        out.pop()
    return "\n".join(out) + "\n"
