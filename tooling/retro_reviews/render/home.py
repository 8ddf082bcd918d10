"""/ : the site's own name, how the team is doing in numbers (with trends by quarter), the
overdue action items, the latest reviews and the checklists that changed most recently."""

from __future__ import annotations

from datetime import date, timedelta

from ..figures import LibraryFigures, Trend, library_figures, quarter_label, trends
from ..library import ChecklistState
from .actions import NO_OWNER, action_rows, open_first
from .context import SiteContext
from .escape import html_inline, html_line, html_link
from .formatting import badge, day, duration, plural
from .index_pages import review_list
from .links import ACTIONS, CHECKLISTS, GUIDE, HOME, PATTERNS, REVIEWS, TAGS
from .page import heading, page
from .svg import PALETTE, sparkline

LATEST = 5
RECENT_CHECKLISTS = 5
OVERDUE_SHOWN = 10


def render_home(ctx: SiteContext, *, with_patterns: bool = True) -> str:
    figures = library_figures(ctx.reviews, ctx.today)
    out = [
        "<p>Blameless reviews of our mistakes (outages, wrong orders, billing errors, near "
        "misses) and what we changed because of them. Each review describes the conditions "
        "that made a mistake possible, never a person to blame, so that everyone can learn "
        "from it.</p>",
        _cards(ctx, figures, with_patterns=with_patterns),
        *_overdue(ctx, figures),
        heading(2, "latest-reviews", "Latest reviews"),
    ]
    latest = list(ctx.reviews[:LATEST])
    if latest:
        out.append(review_list(latest, ctx, HOME).rstrip("\n"))
        more = len(ctx.reviews) - len(latest)
        if more > 0:
            out.append(
                f"<p>{html_link(f'All {len(ctx.reviews)} reviews', ctx.href(HOME, REVIEWS))}</p>"
            )
    else:
        out.append("<p>No reviews are published yet.</p>")
    out += _recent_checklists(ctx)
    out += _where_next(ctx, with_patterns)
    return page(ctx.site_name, "\n".join(out))


def _cards(ctx: SiteContext, figures: LibraryFigures, *, with_patterns: bool) -> str:
    trend = trends(ctx.reviews)
    facts_page = PATTERNS if with_patterns else REVIEWS
    cards = [
        _card(
            str(figures.reviews),
            "reviews" if figures.reviews != 1 else "review",
            ctx.href(HOME, REVIEWS),
            _spark("Reviews per quarter", trend.get("reviews"), str, 0),
        ),
        _card(
            str(figures.open_actions),
            "open action items" if figures.open_actions != 1 else "open action item",
            ctx.href(HOME, ACTIONS),
        ),
        _card(
            str(figures.overdue_actions),
            "overdue" + f" on {ctx.today.isoformat()}",
            ctx.href(HOME, ACTIONS),
            alert=figures.overdue_actions > 0,
        ),
        _card(
            str(figures.checklists_changed_this_quarter),
            "checklists changed this quarter"
            if figures.checklists_changed_this_quarter != 1
            else "checklist changed this quarter",
            ctx.href(HOME, CHECKLISTS),
            _spark("Checklists changed per quarter", trend.get("checklists"), str, 2),
        ),
        _card(
            duration(figures.median_time_to_detect),
            "median time to detect",
            ctx.href(HOME, facts_page),
            _spark("Median time to detect per quarter", trend.get("detect"), _hours, 3),
        ),
        _card(
            duration(figures.median_time_to_resolve),
            "median time to resolve",
            ctx.href(HOME, facts_page),
            _spark("Median time to resolve per quarter", trend.get("resolve"), _hours, 1),
        ),
    ]
    return (
        heading(2, "in-numbers", "In numbers")
        + '\n<div class="retro-cards">\n'
        + "\n".join(cards)
        + "\n</div>"
    )


def _card(value: str, label: str, href: str, chart: str = "", *, alert: bool = False) -> str:
    css = "retro-card retro-card--alert" if alert else "retro-card"
    return (
        f'<a class="{css}" href="{html_line(href)}"><span class="retro-card__value">'
        f'{html_line(value)}</span><span class="retro-card__label">{html_line(label)}</span>'
        f"{chart}</a>"
    )


def _hours(value: float) -> str:
    return duration(timedelta(hours=value))


def _spark(title: str, trend: Trend | None, fmt: object, color: int) -> str:
    """A card's small chart of a figure per quarter (nothing with fewer than two quarters)."""
    if trend is None or len(trend.quarters) < 2:
        return ""
    show = fmt if callable(fmt) else str
    told = ", ".join(
        f"{quarter_label(q)}: {show(v) if v is not None else '–'}"
        for q, v in zip(trend.quarters, trend.values, strict=True)
    )
    return sparkline(f"{title}: {told}", trend.values, color=PALETTE[color])


def _overdue(ctx: SiteContext, figures: LibraryFigures) -> list[str]:
    out = [heading(2, "overdue-action-items", "Overdue action items")]
    rows = [
        r for r in open_first(action_rows(ctx.reviews), ctx.today) if r.item.is_overdue(ctx.today)
    ]
    if not rows:
        out.append(
            "<p>No action item is overdue ("
            + html_link(plural(figures.open_actions, "open item"), ctx.href(HOME, ACTIONS))
            + " in all).</p>"
        )
        return out
    items = []
    for row in rows[:OVERDUE_SHOWN]:
        item, review = row.item, row.review
        items.append(
            f"<li>{badge('Overdue', 'overdue')} {html_inline(item.action)} · "
            f"{html_line(item.owner or NO_OWNER)} · due {day(item.due)} · "
            f"{html_link(review.title, ctx.href(HOME, ctx.uri(review)))}</li>"
        )
    out.append('<ul class="retro-overdue-list">\n' + "\n".join(items) + "\n</ul>")
    if len(rows) > OVERDUE_SHOWN:
        out.append(f"<p>{html_link(f'All {len(rows)} overdue items', ctx.href(HOME, ACTIONS))}</p>")
    return out


def _recent_checklists(ctx: SiteContext) -> list[str]:
    out = [heading(2, "checklists-changed-recently", "Checklists changed recently")]
    states = [s for s in ctx.replay.checklists.values() if _last_change(s) is not None]
    states.sort(key=lambda s: (_last_change(s) or date.min, s.name.casefold()), reverse=True)
    if not states:
        out.append("<p>No review has changed a checklist yet.</p>")
        return out
    reviews = {r.id: r for r in ctx.reviews}
    items = []
    for state in states[:RECENT_CHECKLISTS]:
        uri = ctx.checklist_page(state.name)
        name = html_link(state.name, ctx.href(HOME, uri)) if uri else html_line(state.name)
        event = max((e for e in state.history if e.date), key=lambda e: e.date or date.min)
        review = reviews.get(event.review_id)
        by = f" by {html_link(review.title, ctx.href(HOME, ctx.uri(review)))}" if review else ""
        items.append(
            f"<li>{name}: {plural(len(state.items), 'step')}, last changed "
            f"{day(event.date)}{by}</li>"
        )
    out.append("<ul>\n" + "\n".join(items) + "\n</ul>")
    return out


def _last_change(state: ChecklistState) -> date | None:
    return max((e.date for e in state.history if e.date), default=None)


def _where_next(ctx: SiteContext, with_patterns: bool) -> list[str]:
    entries = [
        (REVIEWS, "Every review", "newest first, by kind, severity and area."),
        (TAGS, "Tags", "reviews that share a theme."),
        (CHECKLISTS, "Checklists", "each step as it stands now, and the review that put it there."),
        (ACTIONS, "Action items", "every follow-up in one table, overdue ones first."),
    ]
    if with_patterns:
        entries.append((PATTERNS, "Patterns", "what the reviews say together, in charts."))
    entries.append((GUIDE, "How to write a review", "the workflow, the fields and the language."))
    items = "\n".join(
        f"<li>{html_link(title, ctx.href(HOME, uri))}: {text}</li>" for uri, title, text in entries
    )
    return [heading(2, "where-to-go-next", "Where to go next"), f"<ul>\n{items}\n</ul>"]
