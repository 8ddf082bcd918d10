"""The /patterns/ page: what the reviews say together.

:func:`render_patterns_page` turns the reviews chosen for the site into Markdown with inline SVG
charts (reviews per month by severity, kind and area; median time to detect and to resolve per
quarter) and tables of the contributing factors, tags and checklists that come up most. Each
chart has a title, a description and a table with the same figures below it.

The reviews given are the ones the site shows (drafts and internal reviews already left out
as configured); nothing here looks for other reviews. Links are relative to the page's URI,
``patterns/index.md``; text from reviews is escaped by :mod:`retro.render.escape`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from html import escape

from ..config import RetroConfig
from ..figures import UNKNOWN_METHOD, detection_by_quarter, quarter_label, quarterly_durations
from ..library import item_key
from ..model import Review
from ..stats import (
    Mentions,
    area_mentions,
    checklist_mentions,
    factor_mentions,
    kind_of,
    median_duration,
    ordered_names,
    severity_of,
    tag_mentions,
    time_to_detect,
    time_to_resolve,
)
from .context import SiteContext
from .escape import html_text, md_text
from .formatting import duration, plural
from .links import PATTERNS, link, review_uri
from .page import region
from .svg import Series, bar_chart, color_for, stacked_bar_chart

TOP_ITEMS = 12  # rows in each "comes up most" table
LINKS_PER_ROW = 5  # reviews linked in each row, newest first; the rest are counted
TOP_AREAS = 6  # areas charted one by one; the others are grouped
MAX_MONTHS = 72  # a longer span is charted per quarter, so the bars stay readable
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


# --------------------------------------------------------------------------- text helpers


def review_link(review: Review, config: RetroConfig) -> str:
    return link(review.title, PATTERNS, review_uri(review, config))


def _html_table(
    caption: str,
    header: Sequence[str],
    rows: Iterable[Sequence[str]],
    links: dict[str, str] | None = None,
) -> str:
    """A table of figures folded under the chart (its text equivalent); cells are escaped.
    A heading named in ``links`` links to that URL (final, as raw HTML needs)."""
    links = links or {}
    head = "".join(
        f'<th><a href="{escape(links[cell])}">{escape(cell)}</a></th>'
        if cell in links
        else f"<th>{escape(cell)}</th>"
        for cell in header
    )
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>" for row in rows
    )
    return (
        f'<details class="retro-chart-table"><summary>{escape(caption)}</summary>\n'
        f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>\n</details>"
    )


def _figure(svg: str, table: str) -> str:
    """The chart and its table, as raw HTML (see :func:`retro.render.page.region`)."""
    return region(f'<div class="retro-chart">\n{svg}\n</div>\n\n{table}')


# --------------------------------------------------------------------------- time axes


@dataclass(frozen=True, order=True)
class Period:
    """A month (``step`` 1) or a quarter (``step`` 3), named by its first month."""

    year: int
    month: int
    step: int = 1

    @classmethod
    def of(cls, day: date, step: int) -> Period:
        return cls(day.year, (day.month - 1) // step * step + 1, step)

    def next(self) -> Period:
        month = self.month + self.step
        return Period(self.year + (month - 1) // 12, (month - 1) % 12 + 1, self.step)

    @property
    def label(self) -> str:
        if self.step == 3:
            return f"{self.year} Q{(self.month - 1) // 3 + 1}"
        return f"{MONTHS[self.month - 1]} {self.year}"

    @property
    def short_label(self) -> str:
        """Axis label: ``Jan 26`` / ``Q1 26``."""
        year = f"{self.year % 100:02d}"
        if self.step == 3:
            return f"Q{(self.month - 1) // 3 + 1} {year}"
        return f"{MONTHS[self.month - 1]} {year}"


def period_range(first: date, last: date, step: int) -> list[Period]:
    """Every period from ``first``'s to ``last``'s, empty ones included (continuous axis)."""
    periods = [Period.of(first, step)]
    end = Period.of(last, step)
    while periods[-1] < end:
        periods.append(periods[-1].next())
    return periods


# --------------------------------------------------------------------------- counting


# --------------------------------------------------------------------------- the page


def render_patterns_page(
    reviews: Sequence[Review],
    config: RetroConfig,
    today: date,
    ctx: SiteContext | None = None,
) -> str:
    """The Markdown of ``patterns/index.md`` for the reviews shown on the site (``ctx``: the
    site's, for links to the checklist and area pages; made here when not given)."""
    ctx = ctx or SiteContext(reviews=reviews, config=config, today=today)
    dated = sorted((r for r in reviews if r.date), key=lambda r: (r.date, r.id))
    parts = ["# Patterns", ""]
    if not reviews:
        parts.append(
            "Nothing to show yet: no review is in the library. Once reviews are published, "
            "this page shows what they say together: how many there are each month by "
            "severity, kind and area, how long problems took to detect and to resolve, and "
            "the contributing factors, tags and checklists that come up most."
        )
        return "\n".join(parts) + "\n"
    parts.append(_intro(reviews, dated, today))
    days = [r.date for r in dated if r.date]
    if days:
        months = period_range(days[0], days[-1], 1)
        periods = months if len(months) <= MAX_MONTHS else period_range(days[0], days[-1], 3)
        parts += _by_severity(dated, periods, config)
        parts += _by_kind(dated, periods, config)
        parts += _by_area(dated, periods, ctx)
        parts += _timing(dated)
        parts += _detection(dated, config)
    parts += _top_factors(reviews, config)
    parts += _top_tags(reviews, config, ctx)
    parts += _top_checklists(reviews, config, ctx)
    return "\n".join(parts).rstrip() + "\n"


def _intro(reviews: Sequence[Review], dated: Sequence[Review], today: date) -> str:
    count = len(reviews)
    text = f"What {plural(count, 'review')} {'says' if count == 1 else 'say'} together"
    if dated:
        first, last = dated[0].date, dated[-1].date
        assert first and last
        text += f", from {first.isoformat()} to {last.isoformat()}"
    text += f" (figures as of {today.isoformat()})."
    undated = count - len(dated)
    if undated:
        text += f" {plural(undated, 'review')} without a valid date "
        text += (
            f"{'is' if undated == 1 else 'are'} counted in the tables but not on the time charts."
        )
    text += (
        " Each chart has a table with the same figures below it. A recurring factor or a "
        "checklist that keeps changing is a place to look first."
    )
    return text + "\n"


def _per_period(
    reviews: Sequence[Review],
    periods: Sequence[Period],
    names: Sequence[str],
    keys_of: Callable[[Review], Iterable[str]],
) -> dict[str, list[int]]:
    index = {period: i for i, period in enumerate(periods)}
    counts = {name: [0] * len(periods) for name in names}
    for review in reviews:
        assert review.date
        slot = index[Period.of(review.date, periods[0].step)]
        for key in keys_of(review):
            counts[key][slot] += 1
    return counts


def _stacked_section(
    heading: str,
    intro: str,
    what: str,
    periods: Sequence[Period],
    counts: dict[str, list[int]],
    colors: dict[str, str] | None = None,
    links: dict[str, str] | None = None,
) -> list[str]:
    unit = "month" if periods[0].step == 1 else "quarter"
    names = [name for name, values in counts.items() if any(values)]
    series = [
        Series(name, counts[name], (colors or {}).get(name, color_for(i)))
        for i, name in enumerate(names)
    ]
    totals = [sum(counts[name][i] for name in names) for i in range(len(periods))]
    busiest = max(range(len(periods)), key=lambda i: totals[i])
    desc = (
        f"Stacked bars, one per {unit} from {periods[0].label} to {periods[-1].label}, "
        f"split by {what}: {', '.join(names)}. The busiest {unit} is "
        f"{periods[busiest].label} with {totals[busiest]}."
    )
    title = f"{heading} per {unit}"
    svg = stacked_bar_chart(title, desc, [p.short_label for p in periods], series)
    rows = [
        [p.label, *(str(counts[name][i]) for name in names), str(totals[i])]
        for i, p in enumerate(periods)
    ]
    table = _html_table(
        f"Table: {heading.lower()} per {unit}", [unit.capitalize(), *names, "Total"], rows, links
    )
    return [f"## {title}", "", intro, "", _figure(svg, table), ""]


SEVERITY_COLORS = ("#56B4E9", "#E69F00", "#D55E00", "#9E1B32")


def _by_severity(
    reviews: Sequence[Review], periods: Sequence[Period], config: RetroConfig
) -> list[str]:
    seen = Counter(map(severity_of, reviews))
    names = ordered_names(config.severities, seen)
    counts = _per_period(reviews, periods, names, lambda r: [severity_of(r)])
    colors = {}
    if len(config.severities) <= len(SEVERITY_COLORS):
        colors = dict(zip(config.severities, SEVERITY_COLORS, strict=False))
    return _stacked_section(
        "Reviews by severity",
        "How many reviews each period, from the least to the most severe.",
        "severity",
        periods,
        counts,
        colors,
    )


def _by_kind(
    reviews: Sequence[Review], periods: Sequence[Period], config: RetroConfig
) -> list[str]:
    seen = Counter(map(kind_of, reviews))
    names = ordered_names(config.kinds, seen)
    counts = _per_period(reviews, periods, names, lambda r: [kind_of(r)])
    return _stacked_section(
        "Reviews by kind",
        "Incidents, mistakes that reached a customer, and near misses caught in time.",
        "kind",
        periods,
        counts,
    )


def _by_area(reviews: Sequence[Review], periods: Sequence[Period], ctx: SiteContext) -> list[str]:
    mentions = area_mentions(reviews)
    charted = {item_key(m.name): m.name for m in mentions[:TOP_AREAS]}
    others = len(mentions) - len(charted)
    other_label = f"{others} other area{'s' if others != 1 else ''}"

    def keys(review: Review) -> list[str]:
        found = {charted.get(item_key(area), other_label) for area in review.areas}
        return sorted(found) if found else ["no area"]

    names = [*charted.values(), other_label, "no area"]
    counts = _per_period(reviews, periods, names, keys)
    intro = (
        "The areas named most often, one colour each"
        + (f"; the other {others} are grouped" if others > 0 else "")
        + ". A review that names several areas counts once in each, so a bar can be taller "
        "than the number of reviews."
    )
    links = {}
    for name in charted.values():
        target = ctx.facet_page("area", name)
        if target:
            links[name] = ctx.href(PATTERNS, target)
    return _stacked_section("Reviews by area", intro, "area", periods, counts, links=links)


def _timing(reviews: Sequence[Review]) -> list[str]:
    parts = ["## Time to detect and to resolve", ""]
    detect: dict[Period, list[timedelta]] = defaultdict(list)
    resolve: dict[Period, list[timedelta]] = defaultdict(list)
    for start, values in quarterly_durations(reviews, time_to_detect).items():
        detect[Period.of(start, 3)] = values
    for start, values in quarterly_durations(reviews, time_to_resolve).items():
        resolve[Period.of(start, 3)] = values
    if not detect and not resolve:
        parts.append(
            "No review records a timeline yet. Fill in `timeline` (started, detected, "
            "resolved) to see how long problems take to notice and to fix."
        )
        return [*parts, ""]
    first = min([*detect, *resolve])
    last = max([*detect, *resolve])
    quarters = period_range(date(first.year, first.month, 1), date(last.year, last.month, 1), 3)
    parts.append(
        "The median per quarter of the review date, over the reviews whose timeline gives "
        "the figure: time to detect runs from `started` to `detected`, time to resolve from "
        "`started` (or `detected`) to `resolved`. The table says how many reviews each "
        "median is over."
    )
    parts.append("")
    medians = {}
    for name, data in (("detect", detect), ("resolve", resolve)):
        medians[name] = {q: median_duration(v) for q, v in data.items()}
        parts.append(f"**Median time to {name}** per quarter:")
        parts.append("")
        parts.append(_timing_chart(name, quarters, medians[name], data))
        parts.append("")
    rows = []
    for quarter in quarters:
        row = [quarter.label]
        for name, data in (("detect", detect), ("resolve", resolve)):
            value = medians[name].get(quarter)
            row += [duration(value) if value is not None else "–", str(len(data[quarter]))]
        rows.append(row)
    header = ["Quarter", "Median time to detect", "Reviews", "Median time to resolve", "Reviews"]
    parts.append(region(_html_table("Table: median times per quarter", header, rows)))
    return [*parts, ""]


def _timing_chart(
    name: str,
    quarters: Sequence[Period],
    medians: dict[Period, timedelta],
    data: dict[Period, list[timedelta]],
) -> str:
    longest = max((v.total_seconds() for v in medians.values()), default=0)
    unit, seconds = ("d", 86400) if longest >= 3 * 86400 else ("h", 3600)
    if longest < 2 * 3600:
        unit, seconds = "min", 60
    values = [medians[q].total_seconds() / seconds if q in medians else None for q in quarters]
    labels = [duration(medians[q]) if q in medians else "" for q in quarters]
    summary = "; ".join(
        f"{q.label}: {duration(medians[q])} over {len(data[q])}" for q in quarters if q in medians
    )
    title = f"Median time to {name} per quarter"
    desc = (
        f"Bars in {unit}, one per quarter from {quarters[0].label} to {quarters[-1].label}; "
        f"no bar where no review gives the figure. {summary}."
    )
    color = color_for(0 if name == "detect" else 1)
    svg = bar_chart(
        title,
        desc,
        [q.short_label for q in quarters],
        values,
        value_labels=labels,
        unit=f" {unit}",
        color=color,
        ident=f"median-{name}",
    )
    return f'<div class="retro-chart">\n{svg}\n</div>'


# --------------------------------------------------------------------------- how it was found


def _detection(reviews: Sequence[Review], config: RetroConfig) -> list[str]:
    """Reviews per quarter by ``detection.method``, and the share found by customers."""
    parts = ["## How mistakes were found", ""]
    methods = config.detection_methods
    quarters, counts = detection_by_quarter(reviews, methods)
    recorded = sum(sum(v) for name, v in counts.items() if name != UNKNOWN_METHOD)
    if not recorded:
        parts.append(
            "No review says yet how the mistake was found. Fill in `detection` (`method` and "
            "`summary`) to see how many mistakes customers found before the team did."
        )
        return [*parts, ""]
    by_customer = sum(counts.get("customer", []))
    share = f"{round(100 * by_customer / recorded)}%"
    text = (
        f"Of the {plural(recorded, 'review')} that say how the mistake was found, "
        f"{by_customer} {'was' if by_customer == 1 else 'were'} found by a customer ({share}): "
        "the number to bring down, by finding mistakes before customers do."
    )
    last = quarters[-1]
    last_total = sum(v[-1] for name, v in counts.items() if name != UNKNOWN_METHOD)
    if last_total:
        text += (
            f" In {quarter_label(last)}: {counts.get('customer', [0] * len(quarters))[-1]} "
            f"of {last_total}."
        )
    parts += [text, ""]
    periods = [Period.of(q, 3) for q in quarters]
    section = _stacked_section(
        "Reviews by how the mistake was found",
        "One colour per `detection.method`; reviews that do not say are counted apart.",
        "detection method",
        periods,
        counts,
        {"customer": "#D55E00", UNKNOWN_METHOD: "#999999"},
    )
    return [*parts, *section[2:]]  # the section's own heading is replaced by ours


# --------------------------------------------------------------------------- what comes up most


def _mentions_table(
    heading: str,
    intro: str,
    empty: str,
    column: str,
    mentions: Sequence[Mentions],
    config: RetroConfig,
    extra: Callable[[Mentions], str] | None = None,
    name_link: Callable[[str], str] | None = None,
) -> list[str]:
    """A Markdown table of what comes up most; ``name_link`` gives a name's link (Markdown)."""
    parts = [f"## {heading}", ""]
    if not mentions:
        return [*parts, empty, ""]
    parts += [intro, ""]
    header = [column, "Reviews", *(["Changes"] if extra else []), "Most recent reviews"]
    parts.append("| " + " | ".join(header) + " |")
    parts.append("|" + "---|" * len(header))
    for item in mentions[:TOP_ITEMS]:
        links = [review_link(r, config) for r in item.reviews[:LINKS_PER_ROW]]
        more = len(item.reviews) - LINKS_PER_ROW
        if more > 0:
            links.append(f"and {more} more")
        cells = [name_link(item.name) if name_link else md_text(item.name), str(len(item.reviews))]
        if extra:
            cells.append(extra(item))
        cells.append(", ".join(links))
        parts.append("| " + " | ".join(cells) + " |")
    if len(mentions) > TOP_ITEMS:
        parts += ["", f"{len(mentions) - TOP_ITEMS} more appear in fewer reviews."]
    return [*parts, ""]


def _top_factors(reviews: Sequence[Review], config: RetroConfig) -> list[str]:
    return _mentions_table(
        "Contributing factors that come up most",
        "Counted once per review; the same wording in different reviews counts together, so "
        "reuse an earlier review's wording when a factor recurs.",
        "No review lists contributing factors yet.",
        "Contributing factor",
        factor_mentions(reviews),
        config,
    )


def _top_tags(reviews: Sequence[Review], config: RetroConfig, ctx: SiteContext) -> list[str]:
    # A raw link, as on review pages (see SiteContext.tag_href).
    return _mentions_table(
        "Tags that come up most",
        "The tags page lists every review under each tag.",
        "No review has tags yet.",
        "Tag",
        tag_mentions(reviews),
        config,
        name_link=lambda tag: (
            f'<a href="{html_text(ctx.tag_href(PATTERNS, tag))}">{md_text(tag)}</a>'
        ),
    )


def _top_checklists(reviews: Sequence[Review], config: RetroConfig, ctx: SiteContext) -> list[str]:
    mentions = checklist_mentions(reviews)

    def changes(item: Mentions) -> str:
        return ", ".join(f"{n} {md_text(kind)}" for kind, n in sorted(item.changes.items()))

    return _mentions_table(
        "Checklists that change most",
        "Each review that adds, removes or rewords an item counts once; the checklists "
        "pages show each checklist as it stands now.",
        "No review changes a checklist yet.",
        "Checklist",
        mentions,
        config,
        changes,
        name_link=lambda name: _page_link(name, ctx.checklist_page(name)),
    )


def _page_link(name: str, uri: str | None) -> str:
    return link(name, PATTERNS, uri) if uri else md_text(name)
