"""Inline SVG charts: valid XML, accessible, escaped, bars in proportion to their values."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from retro_reviews.render.svg import (
    PALETTE,
    Series,
    bar_chart,
    chart_id,
    nice_ceiling,
    stacked_bar_chart,
)

NS = "{http://www.w3.org/2000/svg}"
HOSTILE = '<script>alert("x")</script> & co'


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def bars(root: ET.Element) -> list[ET.Element]:
    """Data bars: the rects that carry a tooltip (legend swatches have none)."""
    return [rect for rect in root.iter(f"{NS}rect") if rect.find(f"{NS}title") is not None]


def texts(root: ET.Element) -> list[str]:
    return [el.text or "" for el in root.iter(f"{NS}text")]


def test_stacked_chart_is_accessible_xml_with_title_desc_and_legend() -> None:
    svg = stacked_bar_chart(
        "Reviews by severity per month",
        "Two months of reviews.",
        ["Jan 26", "Feb 26"],
        [Series("low", [1, 0]), Series("high", [2, 3])],
    )
    root = parse(svg)
    assert root.tag == f"{NS}svg"
    assert root.get("role") == "img"
    title_id, desc_id = root.get("aria-labelledby", "").split()
    assert root.find(f"{NS}title").get("id") == title_id
    assert root.find(f"{NS}title").text == "Reviews by severity per month"
    assert root.find(f"{NS}desc").get("id") == desc_id
    assert root.find(f"{NS}desc").text == "Two months of reviews."
    assert {"low", "high", "Jan 26", "Feb 26"} <= set(texts(root))
    # Text and axes follow the page's colour scheme; the series use the fixed palette.
    assert 'fill="currentColor"' in svg
    assert {rect.get("fill") for rect in bars(root)} == {PALETTE[0], PALETTE[1]}
    assert "\n\n" not in svg  # one raw HTML block for Markdown


def test_hostile_labels_are_escaped_and_stay_text() -> None:
    svg = stacked_bar_chart(
        HOSTILE, HOSTILE, [HOSTILE, "A & B"], [Series(HOSTILE, [1, 2]), Series("x|y", [0, 1])]
    )
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg
    root = parse(svg)
    assert root.find(f"{NS}title").text == HOSTILE
    assert root.find(f"{NS}desc").text == HOSTILE
    assert HOSTILE in texts(root)  # the axis label, as text
    assert "A & B" in texts(root)
    assert "<script>" not in bar_chart(HOSTILE, HOSTILE, [HOSTILE], [1.0], value_labels=[HOSTILE])
    parse(bar_chart(HOSTILE, HOSTILE, [HOSTILE], [1.0], value_labels=[HOSTILE]))


def test_ids_are_safe_whatever_the_title() -> None:
    assert chart_id('Median time "to" <detect>') == "median-time-to-detect"
    assert chart_id("<>") == "chart"
    root = parse(bar_chart("x", "y", ["a"], [1], ident='" onload="alert(1)'))
    assert root.get("onload") is None
    assert root.get("aria-labelledby") == "onload-alert-1-title onload-alert-1-desc"


def test_stacked_bar_heights_are_proportional_to_the_values() -> None:
    root = parse(
        stacked_bar_chart(
            "t", "d", ["a", "b", "c"], [Series("s1", [2, 4, 0]), Series("s2", [2, 0, 8])]
        )
    )
    heights = {rect.find(f"{NS}title").text: float(rect.get("height")) for rect in bars(root)}
    assert set(heights) == {"a: s1 2", "a: s2 2", "b: s1 4", "c: s2 8"}  # no zero-height bars
    assert heights["b: s1 4"] == pytest.approx(2 * heights["a: s1 2"], abs=0.1)
    assert heights["c: s2 8"] == pytest.approx(4 * heights["a: s2 2"], abs=0.1)
    # The stack: s2 sits directly on top of s1 in category a.
    by_tip = {rect.find(f"{NS}title").text: rect for rect in bars(root)}
    s1, s2 = by_tip["a: s1 2"], by_tip["a: s2 2"]
    assert float(s2.get("y")) + float(s2.get("height")) == pytest.approx(float(s1.get("y")), 0.1)


def test_bar_chart_heights_labels_and_gaps() -> None:
    root = parse(
        bar_chart(
            "Median time to detect",
            "d",
            ["Q1 26", "Q2 26", "Q3 26"],
            [1.5, None, 4.5],
            value_labels=["1 h 30 min", "", "4 h 30 min"],
            unit=" h",
        )
    )
    rects = bars(root)
    assert [r.find(f"{NS}title").text for r in rects] == ["Q1 26: 1 h 30 min", "Q3 26: 4 h 30 min"]
    low, high = (float(r.get("height")) for r in rects)
    assert high == pytest.approx(3 * low, abs=0.1)
    assert {"1 h 30 min", "4 h 30 min", "0 h", "5 h"} <= set(texts(root))


def test_whole_counts_get_no_fractional_axis_label() -> None:
    root = parse(stacked_bar_chart("t", "d", ["a"], [Series("s", [1])]))
    assert "0.5" not in texts(root)
    assert {"0", "1"} <= set(texts(root))


def test_empty_and_mismatched_input() -> None:
    parse(stacked_bar_chart("t", "d", [], []))
    parse(bar_chart("t", "d", [], []))
    with pytest.raises(ValueError):
        stacked_bar_chart("t", "d", ["a", "b"], [Series("s", [1])])
    with pytest.raises(ValueError):
        bar_chart("t", "d", ["a"], [1, 2])


@pytest.mark.parametrize(
    ("value", "top"), [(0, 1), (1, 1), (3, 5), (7, 10), (12, 20), (21, 25), (260, 500)]
)
def test_nice_ceiling(value: float, top: float) -> None:
    assert nice_ceiling(value) == top


def test_a_long_axis_shows_evenly_spaced_labels_only() -> None:
    months = [f"m{i}" for i in range(40)]
    root = parse(stacked_bar_chart("t", "d", months, [Series("s", [1] * 40)]))
    shown = [t for t in texts(root) if t.startswith("m")]
    assert shown == [f"m{i}" for i in range(0, 40, 4)]  # every fourth, none crowded at the end
    assert len(bars(root)) == 40  # every month still has its bar
