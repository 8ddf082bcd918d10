"""Small inline SVG charts, made at build time: no script, no CDN, no dependency.

Each function returns one ``<svg>`` element as a string, with ``role="img"``, a ``<title>``
and a ``<desc>`` referenced by ``aria-labelledby``. Text and axes use ``currentColor`` so the
chart follows the page's light or dark scheme; series use a fixed palette and get a legend.
Every label is HTML-escaped here, so callers may pass text straight from a review.

The output has no blank line, so Python-Markdown keeps it as one raw HTML block.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

# Okabe-Ito colours: told apart with the common colour-vision deficiencies, and readable on
# both Material's white and slate backgrounds.
PALETTE = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#D55E00",
    "#CC79A7",
    "#56B4E9",
    "#F0E442",
    "#999999",
)

WIDTH = 720
LEFT = 56  # room for the value axis labels
RIGHT = 12
TOP = 12
PLOT_HEIGHT = 180
AXIS_LABELS = 40  # room under the plot for category labels
LEGEND_ROW = 24
MAX_LABELS = 12  # category labels shown on the axis; the table under the chart has them all
# Text size in chart units. The site never shows a chart narrower than 540 px (it scrolls
# sideways instead, see render.style), so 15 units are at least 11 px on screen.
FONT_SIZE = 15
CHAR_WIDTH = 8.5  # a generous average advance at FONT_SIZE, to lay out the legend
_ID = re.compile(r"[^a-z0-9-]+")


@dataclass(frozen=True)
class Series:
    """One stacked layer: a name for the legend and one value per category."""

    name: str
    values: Sequence[float]
    color: str = ""


def chart_id(text: str) -> str:
    """A safe id prefix for ``aria-labelledby`` from any text."""
    cleaned = _ID.sub("-", text.casefold()).strip("-")
    return cleaned or "chart"


def color_for(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


def nice_ceiling(value: float) -> float:
    """The top of the value axis: 1, 2, 2.5 or 5 times a power of ten, at least ``value``."""
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if step * power >= value:
            return float(step * power)
    return float(10 * power)  # pragma: no cover - the loop always returns


def _number(value: float) -> str:
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"


def _open(ident: str, title: str, desc: str, height: float) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="retro-chart" role="img" '
        f'aria-labelledby="{ident}-title {ident}-desc" viewBox="0 0 {WIDTH} {height:.0f}" '
        f'width="{WIDTH}" height="{height:.0f}" style="max-width:100%;height:auto" '
        f'font-size="{FONT_SIZE}" '
        f'font-family="inherit">',
        f'<title id="{ident}-title">{escape(title)}</title>',
        f'<desc id="{ident}-desc">{escape(desc)}</desc>',
    ]


def _value_axis(top_value: float, unit: str, *, whole: bool = False) -> list[str]:
    """Gridlines at 0, 1/2 and the top of the scale; ``whole``: no label such as ``0.5``."""
    parts = ['<g fill="currentColor" stroke="currentColor" text-anchor="end">']
    for fraction in (0.0, 0.5, 1.0):
        y = TOP + PLOT_HEIGHT * (1 - fraction)
        opacity = "0.6" if fraction == 0 else "0.15"
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke-opacity="{opacity}"/>'
        )
        if whole and not float(top_value * fraction).is_integer():
            continue
        label = _number(top_value * fraction) + unit
        parts.append(f'<text x="{LEFT - 5}" y="{y + 5:.1f}" stroke="none">{escape(label)}</text>')
    parts.append("</g>")
    return parts


def _category_labels(categories: Sequence[str], slot: float) -> list[str]:
    every = max(1, math.ceil(len(categories) / MAX_LABELS))
    parts = ['<g fill="currentColor" text-anchor="middle">']
    y = TOP + PLOT_HEIGHT + 20
    for index, label in enumerate(categories):
        if index % every:
            continue
        x = LEFT + slot * (index + 0.5)
        parts.append(f'<text x="{x:.1f}" y="{y}">{escape(label)}</text>')
    parts.append("</g>")
    return parts


def _legend(names: Sequence[str], colors: Sequence[str], y: float) -> list[str]:
    parts = ['<g fill="currentColor">']
    x = float(LEFT)
    for name, color in zip(names, colors, strict=True):
        width = 26 + CHAR_WIDTH * len(name)
        if x + width > WIDTH - RIGHT and x > LEFT:
            x = float(LEFT)
            y += LEGEND_ROW
        parts.append(f'<rect x="{x:.1f}" y="{y - 11:.1f}" width="12" height="12" fill="{color}"/>')
        parts.append(f'<text x="{x + 17:.1f}" y="{y:.1f}">{escape(name)}</text>')
        x += width
    parts.append("</g>")
    return parts


def _legend_rows(names: Sequence[str]) -> int:
    rows, x = 1, float(LEFT)
    for name in names:
        width = 26 + CHAR_WIDTH * len(name)
        if x + width > WIDTH - RIGHT and x > LEFT:
            rows += 1
            x = float(LEFT)
        x += width
    return rows


def stacked_bar_chart(
    title: str,
    desc: str,
    categories: Sequence[str],
    series: Sequence[Series],
    *,
    ident: str | None = None,
) -> str:
    """Vertical bars, one per category, each stacked from the series in the given order.

    Bar heights are proportional to the totals; the scale starts at zero.
    """
    ident = chart_id(ident or title)
    for layer in series:
        if len(layer.values) != len(categories):
            raise ValueError(f"series {layer.name!r} has {len(layer.values)} values")
    names = [layer.name for layer in series]
    colors = [layer.color or color_for(i) for i, layer in enumerate(series)]
    totals = [sum(layer.values[i] for layer in series) for i in range(len(categories))]
    top_value = nice_ceiling(max(totals, default=0))
    legend_top = TOP + PLOT_HEIGHT + AXIS_LABELS
    height = legend_top + LEGEND_ROW * _legend_rows(names) if series else legend_top
    parts = _open(ident, title, desc, height)
    whole = all(float(v).is_integer() for layer in series for v in layer.values)
    parts += _value_axis(top_value, "", whole=whole)
    slot = (WIDTH - LEFT - RIGHT) / max(1, len(categories))
    bar = max(1.0, slot * 0.72)
    parts.append("<g>")
    for index, category in enumerate(categories):
        x = LEFT + slot * index + (slot - bar) / 2
        base = float(TOP + PLOT_HEIGHT)
        for layer, color in zip(series, colors, strict=True):
            value = layer.values[index]
            if value <= 0:
                continue
            h = PLOT_HEIGHT * value / top_value
            base -= h
            tip = f"{category}: {layer.name} {_number(value)}"
            parts.append(
                f'<rect x="{x:.1f}" y="{base:.1f}" width="{bar:.1f}" height="{h:.1f}" '
                f'fill="{color}"><title>{escape(tip)}</title></rect>'
            )
    parts.append("</g>")
    parts += _category_labels(categories, slot)
    if series:
        parts += _legend(names, colors, legend_top + 14)
    parts.append("</svg>")
    return "\n".join(parts)


def bar_chart(
    title: str,
    desc: str,
    categories: Sequence[str],
    values: Sequence[float | None],
    *,
    value_labels: Sequence[str] | None = None,
    unit: str = "",
    color: str = PALETTE[0],
    ident: str | None = None,
) -> str:
    """One bar per category (``None``: no data, no bar), each labelled with its value.

    ``value_labels`` replaces the numbers printed over the bars (a duration such as
    ``3 h 20 min`` for a value in hours); ``unit`` follows the numbers on the value axis.
    """
    ident = chart_id(ident or title)
    if len(values) != len(categories):
        raise ValueError(f"{len(values)} values for {len(categories)} categories")
    labels = (
        list(value_labels)
        if value_labels is not None
        else ["" if v is None else _number(v) for v in values]
    )
    top_value = nice_ceiling(max((v for v in values if v is not None), default=0))
    height = TOP + PLOT_HEIGHT + AXIS_LABELS
    parts = _open(ident, title, desc, height)
    parts += _value_axis(top_value, unit)
    slot = (WIDTH - LEFT - RIGHT) / max(1, len(categories))
    bar = max(1.0, slot * 0.6)
    show_values = len(categories) <= MAX_LABELS
    parts.append('<g fill="currentColor" text-anchor="middle">')
    for index, (category, value) in enumerate(zip(categories, values, strict=True)):
        if value is None:
            continue
        h = PLOT_HEIGHT * max(0.0, value) / top_value
        x = LEFT + slot * index + (slot - bar) / 2
        y = TOP + PLOT_HEIGHT - h
        tip = f"{category}: {labels[index]}"
        parts.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}" '
            f'fill="{color}"><title>{escape(tip)}</title></rect>'
        )
        if show_values and labels[index]:
            label_y = max(y - 4, 14)
            parts.append(
                f'<text x="{x + bar / 2:.1f}" y="{label_y:.1f}">{escape(labels[index])}</text>'
            )
    parts.append("</g>")
    parts += _category_labels(categories, slot)
    parts.append("</svg>")
    return "\n".join(parts)


def sparkline(desc: str, values: Sequence[float | None], *, color: str = PALETTE[0]) -> str:
    """A tiny bar chart without axes (one bar per value, ``None``: no bar) for a card; its
    figures are told in ``desc`` for screen readers and as a tooltip."""
    count = max(1, len(values))
    top_value = max((v for v in values if v is not None), default=0) or 1.0
    slot = 100 / count
    bar = max(0.8, slot * 0.7)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{escape(desc)}" '
        f'viewBox="0 0 100 24" preserveAspectRatio="none"><title>{escape(desc)}</title>',
        '<line x1="0" x2="100" y1="23.5" y2="23.5" stroke="currentColor" stroke-opacity=".25" '
        'stroke-width=".5"/>',
    ]
    for index, value in enumerate(values):
        if value is None or value <= 0:
            continue
        h = max(1.0, 22 * value / top_value)
        x = slot * index + (slot - bar) / 2
        parts.append(
            f'<rect x="{x:.2f}" y="{23.5 - h:.2f}" width="{bar:.2f}" height="{h:.2f}" '
            f'fill="{color}"/>'
        )
    parts.append("</svg>")
    return "".join(parts)
