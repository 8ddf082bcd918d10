"""/ : what the library is, the latest reviews, the counts, and where to go next."""

from __future__ import annotations

from .actions import action_rows
from .context import SiteContext
from .escape import md_text
from .formatting import plural
from .index_pages import review_list
from .links import ACTIONS, CHECKLISTS, GUIDE, HOME, PATTERNS, REVIEWS, TAGS, rel

LATEST = 5


def render_home(ctx: SiteContext, *, with_patterns: bool = True) -> str:
    rows = action_rows(ctx.reviews)
    open_rows = [r for r in rows if r.item.is_open]
    overdue = [r for r in open_rows if r.item.is_overdue(ctx.today)]
    checklists = ctx.replay.checklists.values()
    steps = sum(len(state.items) for state in checklists)
    kinds = ", ".join(
        f"{len(reviews)} {md_text(kind)}" for kind, reviews in ctx.facets["kind"].items()
    )
    out = [
        "# Learning library\n",
        "Blameless reviews of our mistakes (outages, wrong orders, billing errors, near misses) "
        "and what we changed because of them. Each review describes the conditions that made "
        "a mistake possible, never a person to blame, so that everyone can learn from it.\n",
        "## In numbers\n",
        f"- **{plural(len(ctx.reviews), 'review')}**" + (f" ({kinds})" if kinds else ""),
        f"- **{plural(len(open_rows), 'open action item')}**, {len(overdue)} overdue",
        f"- **{plural(len(checklists), 'checklist')}** with {plural(steps, 'step')} "
        "that reviews added or changed",
        "",
        "## Latest reviews\n",
    ]
    latest = list(ctx.reviews[:LATEST])
    if latest:
        out.append(review_list(latest, ctx, HOME))
    else:
        out.append("No reviews are published yet.\n")
    entries = [
        (REVIEWS, "Every review", "newest first, by kind, severity and area."),
        (TAGS, "Tags", "reviews that share a theme."),
        (CHECKLISTS, "Checklists", "each step as it stands now, and the review that put it there."),
        (ACTIONS, "Action items", "what is still open, by owner, overdue ones first to see."),
    ]
    if with_patterns:
        entries.append((PATTERNS, "Patterns", "what the reviews say together, in charts."))
    entries.append((GUIDE, "How to write a review", "the workflow, the fields and the language."))
    out.append("\n## Where to go next\n")
    out.extend(f"- [{title}]({rel(HOME, uri)}): {text}" for uri, title, text in entries)
    return "\n".join(out) + "\n"
