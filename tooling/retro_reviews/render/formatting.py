"""Small formats shared by the pages: durations, dates, counts, badges."""

from __future__ import annotations

from datetime import date, timedelta

from .escape import html_text


def duration(delta: timedelta | None) -> str:
    """``45 min``, ``3 h 20 min``, ``2 d 4 h`` (two units at most); ``–`` when unknown."""
    if delta is None:
        return "–"
    minutes = max(0, round(delta.total_seconds() / 60))
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    if days:
        return f"{days} d {hours} h" if hours else f"{days} d"
    if hours:
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    return f"{minutes} min"


def day(value: date | None) -> str:
    return value.isoformat() if value else "–"


def plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"


def badge(text: str, kind: str) -> str:
    """An inline badge (``retro-badge--<kind>``) styled by the plugin's stylesheet."""
    return f'<span class="retro-badge retro-badge--{kind}">{html_text(text)}</span>'


def status_badge(status: str) -> str:
    """A visible badge for a review that is not published yet (empty when published)."""
    if status == "published":
        return ""
    label = {"draft": "Draft", "in-review": "In review", "imported": "Imported"}.get(status, status)
    return badge(label, "draft" if status == "draft" else "in-review")
