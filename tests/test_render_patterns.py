"""The /patterns/ page, rendered from reviews loaded from real files."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable
from datetime import date
from html import unescape
from pathlib import Path

import pytest

from conftest import review_text
from retro_reviews.check import load_library
from retro_reviews.config import load_config
from retro_reviews.render.formatting import duration as format_duration
from retro_reviews.render.patterns import render_patterns_page

TODAY = date(2026, 6, 1)
TIMELINE = """\
timeline:
  started: 2026-03-01T08:00:00Z
  detected: 2026-03-02T10:00:00Z
  resolved: 2026-03-03T16:00:00Z
"""
FACTORS = (
    'contributing_factors: ["Look-alike items stored side by side", '
    '"Manual step without a checklist"]'
)


def text_with(
    *,
    severity: str = "medium",
    timeline: str | None = None,
    factors: list[str] | None = None,
    **overrides: str,
) -> str:
    text = review_text(**overrides).replace("severity: medium", f"severity: {severity}")
    if timeline is not None:
        text = text.replace(TIMELINE, timeline)
    if factors is not None:
        quoted = ", ".join(f'"{f}"' for f in factors)
        text = text.replace(FACTORS, f"contributing_factors: [{quoted}]")
    return text


def timeline(started: str, detected: str | None, resolved: str | None) -> str:
    lines = ["timeline:", f"  started: {started}"]
    if detected:
        lines.append(f"  detected: {detected}")
    if resolved:
        lines.append(f"  resolved: {resolved}")
    return "\n".join(lines) + "\n"


def render(project: Path) -> str:
    config = load_config(project)
    return render_patterns_page(load_library(config), config, TODAY)


def table(page: str, caption: str) -> list[list[str]]:
    """The rows (header first) of the HTML table folded under the chart named ``caption``."""
    match = re.search(
        rf"<summary>{re.escape(caption)}</summary>\s*<table>(.*?)</table>", page, re.DOTALL
    )
    assert match, f"no table {caption!r}"
    rows = re.findall(r"<tr>(.*?)</tr>", match.group(1))
    cells = [re.findall(r"<t[hd]>(.*?)</t[hd]>", row) for row in rows]
    return [[unescape(re.sub(r"<[^>]+>", "", c)) for c in row] for row in cells]


def markdown_rows(page: str, heading: str) -> list[list[str]]:
    section = page.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| ")]
    return [[cell.strip() for cell in row.strip("|").split(" | ")] for row in rows[1:]]


def svgs(page: str) -> list[ET.Element]:
    return [ET.fromstring(svg) for svg in re.findall(r"<svg .*?</svg>", page, re.DOTALL)]


def test_counts_per_month_and_severity_on_a_continuous_axis(
    project: Path, write_review: Callable[..., Path]
) -> None:
    write_review("2026-01-05-a", text_with(date="2026-01-05", severity="high"))
    write_review("2026-01-20-b", text_with(date="2026-01-20", severity="medium"))
    write_review("2026-03-02-c", text_with(date="2026-03-02", severity="medium", kind="incident"))
    page = render(project)
    assert table(page, "Table: reviews by severity per month") == [
        ["Month", "medium", "high", "Total"],  # config order, only levels that occur
        ["Jan 2026", "1", "1", "2"],
        ["Feb 2026", "0", "0", "0"],  # the empty month between is on the axis
        ["Mar 2026", "1", "0", "1"],
    ]
    assert table(page, "Table: reviews by kind per month")[1:] == [
        ["Jan 2026", "0", "2", "2"],
        ["Feb 2026", "0", "0", "0"],
        ["Mar 2026", "1", "0", "1"],
    ]
    assert "What 3 reviews say together, from 2026-01-05 to 2026-03-02" in page
    severity_chart = svgs(page)[0]
    assert severity_chart.get("role") == "img"
    ns = "{http://www.w3.org/2000/svg}"
    tips = [t.text for t in severity_chart.iter(f"{ns}title")]
    assert tips[0] == "Reviews by severity per month"
    assert sorted(tips[1:]) == ["Jan 26: high 1", "Jan 26: medium 1", "Mar 26: medium 1"]
    assert severity_chart.find(f"{ns}desc").text.startswith(
        "Stacked bars, one per month from Jan 2026 to Mar 2026"
    )


def test_severities_and_kinds_come_from_the_configuration(
    project: Path, write_review: Callable[..., Path]
) -> None:
    (project / "retro.yml").write_text("severities: [sev3, sev2, sev1]\n")
    write_review("2026-01-05-a", text_with(date="2026-01-05", severity="sev1"))
    write_review("2026-01-06-b", text_with(date="2026-01-06", severity="sev3"))
    header = table(render(project), "Table: reviews by severity per month")[0]
    assert header == ["Month", "sev3", "sev1", "Total"]


def test_a_review_without_a_severity_is_charted_as_not_given_last(
    project: Path, write_review: Callable[..., Path]
) -> None:
    write_review("2026-01-05-a", text_with(date="2026-01-05"))
    write_review("2026-01-06-b", text_with(date="2026-01-06", severity="zz-unlisted"))
    no_severity = text_with(date="2026-01-07").replace("severity: medium\n", "")
    write_review("2026-01-07-c", no_severity)
    rows = table(render(project), "Table: reviews by severity per month")
    assert rows == [
        ["Month", "medium", "zz-unlisted", "not given", "Total"],
        ["Jan 2026", "1", "1", "1", "3"],
    ]


def test_areas_count_once_per_area_named(project: Path, write_review: Callable[..., Path]) -> None:
    write_review("2026-01-05-a", areas='"warehouse", "support"')
    write_review("2026-01-06-b", areas='"warehouse"')
    write_review("2026-02-06-c", areas="")
    rows = table(render(project), "Table: reviews by area per month")
    assert rows == [
        ["Month", "warehouse", "support", "no area", "Total"],
        ["Jan 2026", "2", "1", "0", "3"],
        ["Feb 2026", "0", "0", "1", "1"],
    ]
    assert '<th><a href="../reviews/by-area/warehouse/">warehouse</a></th>' in render(project)


def test_medians_per_quarter_on_hand_computed_timelines(
    project: Path, write_review: Callable[..., Path]
) -> None:
    # 2026 Q1: detect 1 h, 2 h, 6 h -> 2 h; resolve 10 h, 30 h, 26 h -> 26 h.
    write_review(
        "2026-01-10-a",
        text_with(
            date="2026-01-10",
            timeline=timeline(
                "2026-01-10T08:00:00Z", "2026-01-10T09:00:00Z", "2026-01-10T18:00:00Z"
            ),
        ),
    )
    write_review(
        "2026-02-10-b",
        text_with(
            date="2026-02-10",
            timeline=timeline(
                "2026-02-10T08:00:00Z", "2026-02-10T10:00:00Z", "2026-02-11T14:00:00Z"
            ),
        ),
    )
    write_review(
        "2026-03-10-c",
        text_with(
            date="2026-03-10",
            timeline=timeline(
                "2026-03-10T08:00:00Z", "2026-03-10T14:00:00Z", "2026-03-11T10:00:00Z"
            ),
        ),
    )
    # 2026 Q2: no timeline at all (skipped).
    write_review("2026-05-01-d", text_with(date="2026-05-01", timeline=""))
    # 2026 Q3: detect 30 min and 90 min -> 1 h; only one resolved: 3 d.
    write_review(
        "2026-07-01-e",
        text_with(
            date="2026-07-01",
            timeline=timeline("2026-07-01T08:00:00Z", "2026-07-01T08:30:00Z", None),
        ),
    )
    write_review(
        "2026-08-01-f",
        text_with(
            date="2026-08-01",
            timeline=timeline(
                "2026-08-01T08:00:00Z", "2026-08-01T09:30:00Z", "2026-08-04T08:00:00Z"
            ),
        ),
    )
    page = render(project)
    assert table(page, "Table: median times per quarter") == [
        ["Quarter", "Median time to detect", "Reviews", "Median time to resolve", "Reviews"],
        ["2026 Q1", "2 h", "3", "1 d 2 h", "3"],
        ["2026 Q2", "–", "0", "–", "0"],
        ["2026 Q3", "1 h", "2", "3 d", "1"],
    ]
    ns = "{http://www.w3.org/2000/svg}"
    charts = {chart.find(f"{ns}title").text: chart for chart in svgs(page)}
    detect = charts["Median time to detect per quarter"]
    assert "2026 Q1: 2 h over 3; 2026 Q3: 1 h over 2" in detect.find(f"{ns}desc").text
    heights = [float(r.get("height")) for r in detect.iter(f"{ns}rect")]
    assert len(heights) == 2  # no bar for the quarter without figures
    assert heights[0] == pytest.approx(2 * heights[1], abs=0.1)


def test_no_timeline_anywhere_says_so(project: Path, write_review: Callable[..., Path]) -> None:
    write_review("2026-01-10-a", text_with(date="2026-01-10", timeline=""))
    page = render(project)
    assert "No review records a timeline yet." in page
    assert "Median time to detect per quarter" not in page


def test_top_factors_ordered_by_count_with_links(
    project: Path, write_review: Callable[..., Path]
) -> None:
    common = "Manual step without a checklist"
    write_review("2026-01-01-a", text_with(date="2026-01-01", factors=[common, "Rare factor"]))
    write_review("2026-02-01-b", text_with(date="2026-02-01", factors=["Time pressure", common]))
    # Case, spacing and a final period do not split a factor; twice in one review counts once.
    write_review(
        "2026-03-01-c",
        text_with(date="2026-03-01", factors=["manual step  without a checklist.", common]),
    )
    write_review("2026-04-01-d", text_with(date="2026-04-01", factors=["Time pressure"]))
    rows = markdown_rows(render(project), "Contributing factors that come up most")
    assert [row[:2] for row in rows] == [
        [common, "3"],
        ["Time pressure", "2"],
        ["Rare factor", "1"],
    ]
    title = "Wrong colour shipped to forty customers"
    links = re.findall(r"\[([^\]]+)\]\(([^)]+)\)", rows[0][2])
    assert links == [
        (title, "../reviews/2026/2026-03-01-c.md"),  # newest first
        (title, "../reviews/2026/2026-02-01-b.md"),
        (title, "../reviews/2026/2026-01-01-a.md"),
    ]


def test_top_tags_and_checklists(project: Path, write_review: Callable[..., Path]) -> None:
    write_review("2026-01-01-a", tags='"config", "deploy"')
    write_review("2026-02-01-b", tags='"deploy"')
    page = render(project)
    tags = markdown_rows(page, "Tags that come up most")
    assert [row[:2] for row in tags] == [
        ['<a href="../tags/#tag:deploy">deploy</a>', "2"],  # the tags page's anchor, as is
        ['<a href="../tags/#tag:config">config</a>', "1"],
    ]
    checklists = markdown_rows(page, "Checklists that change most")
    assert [row[:3] for row in checklists] == [
        ["[Pick and pack checklist](../checklists/pick-and-pack-checklist.md)", "2", "2 add"]
    ]
    assert "../reviews/2026/2026-02-01-b.md" in checklists[0][3]


def test_long_rows_link_the_newest_reviews_and_count_the_rest(
    project: Path, write_review: Callable[..., Path]
) -> None:
    for day in range(1, 9):
        write_review(f"2026-01-0{day}-r", tags='"deploy"')
    row = markdown_rows(render(project), "Tags that come up most")[0]
    assert row[1] == "8"
    assert row[2].count("](../reviews/") == 5
    assert row[2].endswith("and 3 more")
    assert "2026-01-08-r.md" in row[2]
    assert "2026-01-01-r.md" not in row[2]


def test_text_from_reviews_is_escaped(project: Path, write_review: Callable[..., Path]) -> None:
    hostile = "<script>alert(1)</script> | [x](javascript:alert(1))"
    write_review(
        "2026-01-01-a",
        text_with(date="2026-01-01", factors=[hostile], title=hostile.replace('"', "")),
    )
    write_review("2026-01-02-b", areas='"<img src=x onerror=alert(1)>", "a & b"', tags='"<b>t</b>"')
    page = render(project)
    assert "<script>" not in page
    assert "<img" not in page
    assert "<b>" not in page
    for chart in svgs(page):  # every chart still parses
        assert chart.get("role") == "img"
    row = markdown_rows(page, "Contributing factors that come up most")[0]
    assert len(row) == 3  # the "|" in the text did not add a column
    assert "&lt;script" in row[0]
    areas = table(page, "Table: reviews by area per month")[0]
    assert "<img src=x onerror=alert(1)>" in areas  # as text, once unescaped


def test_empty_library_is_a_friendly_page(project: Path) -> None:
    page = render(project)
    assert page.startswith("# Patterns\n")
    assert "Nothing to show yet" in page
    assert "<svg" not in page
    assert "<table" not in page


def test_a_long_span_is_charted_per_quarter(
    project: Path, write_review: Callable[..., Path]
) -> None:
    write_review("2018-02-01-a", text_with(date="2018-02-01", timeline=""))
    write_review("2026-01-01-b", text_with(date="2026-01-01", timeline=""))
    rows = table(render(project), "Table: reviews by severity per quarter")
    assert rows[1] == ["2018 Q1", "1", "1"]
    assert rows[-1] == ["2026 Q1", "1", "1"]
    assert len(rows) == 1 + 8 * 4 + 1


@pytest.mark.parametrize(
    ("minutes", "text"),
    [
        (0, "0 min"),
        (45, "45 min"),
        (60, "1 h"),
        (200, "3 h 20 min"),
        (1440, "1 d"),
        (3120, "2 d 4 h"),
    ],
)
def test_format_duration(minutes: int, text: str) -> None:
    from datetime import timedelta

    assert format_duration(timedelta(minutes=minutes)) == text


@pytest.mark.slow
def test_the_page_builds_in_mkdocs_strict_with_working_links(
    project: Path, write_review: Callable[..., Path], tmp_path: Path
) -> None:
    """The Markdown renders in a real MkDocs Material build: links resolve, SVG stays SVG."""
    write_review("2026-01-01-a", text_with(date="2026-01-01", title="Tricky <b>title</b> & co"))
    write_review("2026-03-01-b", text_with(date="2026-03-01", severity="high"))
    site = tmp_path / "site-src"
    docs = site / "docs"
    (docs / "patterns").mkdir(parents=True)
    (docs / "patterns" / "index.md").write_text(render(project), encoding="utf-8")
    (docs / "index.md").write_text("# Home\n")
    for review in (project / "reviews").rglob("*.md"):
        target = docs / "reviews" / review.relative_to(project / "reviews")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(f"# {review.stem}\n")
    (site / "mkdocs.yml").write_text(
        "site_name: t\ntheme:\n  name: material\n  font: false\nplugins: [search]\n"
    )
    build = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q"],
        cwd=site,
        capture_output=True,
        text=True,
    )
    assert build.returncode == 0, build.stderr
    html = (site / "site" / "patterns" / "index.html").read_text(encoding="utf-8")
    assert html.count('<svg xmlns="http://www.w3.org/2000/svg" class="retro-chart"') == 5
    assert 'href="../reviews/2026/2026-03-01-b/"' in html
    assert "Tricky &lt;b&gt;title&lt;/b&gt; &amp; co" in html
    assert "<b>title</b>" not in html
