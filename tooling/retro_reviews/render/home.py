"""/ : what the library is, the latest reviews, the counts, and where to go next."""

from __future__ import annotations

from .actions import action_rows
from .context import SiteContext
from .escape import html_line, html_link
from .formatting import plural
from .index_pages import review_list
from .links import ACTIONS, CHECKLISTS, GUIDE, HOME, PATTERNS, REVIEWS, TAGS
from .page import heading, page

LATEST = 5


def render_home(ctx: SiteContext, *, with_patterns: bool = True) -> str:
    rows = action_rows(ctx.reviews)
    open_rows = [r for r in rows if r.item.is_open]
    overdue = [r for r in open_rows if r.item.is_overdue(ctx.today)]
    checklists = ctx.replay.checklists.values()
    steps = sum(len(state.items) for state in checklists)
    kinds = ", ".join(
        f"{len(reviews)} {html_line(kind)}" for kind, reviews in ctx.facets["kind"].items()
    )
    out = [
        "<p>Blameless reviews of our mistakes (outages, wrong orders, billing errors, near "
        "misses) and what we changed because of them. Each review describes the conditions "
        "that made a mistake possible, never a person to blame, so that everyone can learn "
        "from it.</p>",
        heading(2, "in-numbers", "In numbers"),
        "<ul>",
        f"<li><strong>{plural(len(ctx.reviews), 'review')}</strong>"
        + (f" ({kinds})" if kinds else "")
        + "</li>",
        f"<li><strong>{plural(len(open_rows), 'open action item')}</strong>, "
        f"{len(overdue)} overdue</li>",
        f"<li><strong>{plural(len(checklists), 'checklist')}</strong> with "
        f"{plural(steps, 'step')} that reviews added or changed</li>",
        "</ul>",
        heading(2, "latest-reviews", "Latest reviews"),
    ]
    latest = list(ctx.reviews[:LATEST])
    if latest:
        out.append(review_list(latest, ctx, HOME).rstrip("\n"))
    else:
        out.append("<p>No reviews are published yet.</p>")
    entries = [
        (REVIEWS, "Every review", "newest first, by kind, severity and area."),
        (TAGS, "Tags", "reviews that share a theme."),
        (CHECKLISTS, "Checklists", "each step as it stands now, and the review that put it there."),
        (ACTIONS, "Action items", "what is still open, by owner, overdue ones first to see."),
    ]
    if with_patterns:
        entries.append((PATTERNS, "Patterns", "what the reviews say together, in charts."))
    entries.append((GUIDE, "How to write a review", "the workflow, the fields and the language."))
    out.append(heading(2, "where-to-go-next", "Where to go next"))
    out.append("<ul>")
    out.extend(
        f"<li>{html_link(title, ctx.href(HOME, uri))}: {text}</li>" for uri, title, text in entries
    )
    out.append("</ul>")
    return page("Learning library", "\n".join(out))
