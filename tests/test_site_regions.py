"""Generated HTML regions in a real build: headings, table of contents, search, sanitising.

The plugin lifts each generated region out of Markdown and puts it back (see
``retro.render.raw_blocks``); these tests check that what a reader and the search index get
is what Markdown would have made of the same headings.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from mkdocs.structure.toc import AnchorLink, TableOfContents

from retro_reviews.mkdocs_plugin.toc import RegionHeadings, TocStyle, taken_ids
from retro_reviews.render.raw_blocks import Heading
from sitelib import MKDOCS_YML, all_output, build, page, review, write_library

pytestmark = pytest.mark.slow

R1 = "2026-01-10-checkout-errors-after-a-config-deploy"
PHRASE = "the deploy tool accepted a staging file"
BODY = (
    "## Impact\n\nThe body's own impact section.\n\n"
    "## What happened\n\nA body paragraph about zebracrossing.\n\n"
    "### Detail\n\nMore.\n\n"
    "<script>window.__pwned = 1;</script>\n\n<!--retro-block:0-->\n"
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("regions")
    write_library(
        root,
        {
            R1: review(
                R1,
                title="Checkout errors after a config deploy",
                body=BODY,
                root_cause=f"Nothing stopped it: {PHRASE}.",
                lessons=["Prompts beat memory"],
                action_items=[
                    {
                        "action": "Open one",
                        "owner": "Platform team",
                        "due": "2027-01-01",
                        "status": "open",
                    },
                    {
                        "action": "Done one",
                        "owner": "Platform team",
                        "due": "2026-01-01",
                        "status": "done",
                    },
                ],
            ),
        },
    )
    config = (root / "mkdocs.yml").read_text()
    permalinks = "markdown_extensions:\n  - toc:\n      permalink: true\n"
    (root / "mkdocs.yml").write_text(config + permalinks)
    result = build(root)
    assert result.returncode == 0, result.stderr
    return root


def toc_links(source: str) -> list[str]:
    """The anchors of the page's table of contents (the secondary sidebar), in order."""
    nav = source.split("md-nav--secondary", 1)[1].split("md-content", 1)[0]
    # Material writes the table of contents twice (sidebar, and inside the menu on phones).
    return list(dict.fromkeys(re.findall(r'href="#([^"]+)"', nav)))


def test_generated_headings_have_permalinks_and_unique_ids(site: Path) -> None:
    source = page(site, f"reviews/2026/{R1}/index.html")
    assert (
        '<h2 id="lessons">Lessons<a class="headerlink" href="#lessons" '
        'title="Permanent link">&para;</a></h2>'
    ) in source
    # The body has its own "Impact": both stay, with different ids.
    ids = re.findall(r'<h[1-6] id="([^"]+)"', source)
    assert len(ids) == len(set(ids))
    assert {"impact", "impact_1", "what-happened", "detail", "root-cause"} <= set(ids)


def test_table_of_contents_lists_generated_sections_then_the_body(site: Path) -> None:
    links = toc_links(page(site, f"reviews/2026/{R1}/index.html"))
    assert links.index("what-went-wrong") < links.index("root-cause") < links.index("lessons")
    assert links.index("lessons") < links.index("what-happened") < links.index("detail")
    assert links.count("impact") == 1 and links.count("impact_1") == 1


def test_body_is_sanitised_and_a_fake_placeholder_stays_inert(site: Path) -> None:
    source = page(site, f"reviews/2026/{R1}/index.html")
    assert "window.__pwned" not in source
    assert "<!--retro-block:" not in source
    assert source.count("<th>Kind</th>") == 1  # the summary came back once


def test_search_index_has_the_summary_under_the_title_and_body_sections(site: Path) -> None:
    docs = json.loads(page(site, "search/search_index.json"))["docs"]
    mine = {d["location"]: d for d in docs if d["location"].startswith(f"reviews/2026/{R1}/")}
    top = mine[f"reviews/2026/{R1}/"]
    assert top["title"] == "Checkout errors after a config deploy"
    assert PHRASE in top["text"] and "Prompts beat memory" in top["text"]
    assert "zebracrossing" in mine[f"reviews/2026/{R1}/#what-happened"]["text"]
    assert not any(loc.startswith("tags/") for loc in (d["location"] for d in docs))
    for name, text in all_output(site / "site").items():
        assert "retro-search-copy" not in text, name


def test_listing_headings_repeat_without_clashing(site: Path) -> None:
    source = page(site, "actions/index.html")
    assert re.search(r'<h3 id="platform-team">Platform team', source)
    assert re.search(r'<h3 id="platform-team_1">Platform team', source)
    links = toc_links(source)
    assert links == ["open", "platform-team", "done", "platform-team_1"]
    docs = json.loads(page(site, "search/search_index.json"))["docs"]
    assert any(
        d["location"] == "actions/#platform-team_1" and "Done one" in d["text"] for d in docs
    )


def test_without_permalinks_generated_headings_have_none(tmp_path: Path) -> None:
    root = write_library(tmp_path, {R1: review(R1, body=BODY)})
    assert "permalink" not in MKDOCS_YML  # the toc extension's default
    result = build(root)
    assert result.returncode == 0, result.stderr
    source = page(root, f"reviews/2026/{R1}/index.html")
    assert '<h2 id="lessons">Lessons</h2>' in source and "headerlink" not in source


# ----------------------------------------------------------------------------- toc module


def test_toc_style_reads_the_toc_extension_options() -> None:
    assert TocStyle.from_options(None).permalink == ""
    assert TocStyle.from_options({"permalink": True}).permalink == "&para;"
    style = TocStyle.from_options(
        {
            "permalink": "#<",
            "permalink_leading": True,
            "permalink_class": "p",
            "permalink_title": "",
            "toc_depth": "2-3",
            "baselevel": 2,
        }
    )
    assert (style.permalink, style.permalink_leading, style.top, style.bottom, style.shift) == (
        "#&lt;",
        True,
        2,
        3,
        1,
    )
    heads = RegionHeadings(style, set())
    assert heads.write(Heading(2, "a", "A &amp; B")) == (
        '<h3 id="a"><a class="p" href="#a">#&lt;</a>A &amp; B</h3>'
    )
    assert heads.write(Heading(3, "b", "B")).startswith('<h4 id="b">')  # deeper than 3
    assert [(a.id, a.level, a.title) for a in heads.listed] == [("a", 3, "A &amp; B")]


def test_region_headings_nest_among_markdown_headings_in_page_order() -> None:
    title = AnchorLink("T", "t", 1)
    body = AnchorLink("Body", "x", 2)
    title.children.append(body)
    toc = TableOfContents([title])
    heads = RegionHeadings(TocStyle(), taken_ids(toc))
    first = heads.write(Heading(2, "x", "Ours"))  # clashes with the Markdown heading
    sub = heads.write(Heading(3, "y", "Sub"))
    assert 'id="x_1"' in first
    html = '<h1 id="t">T</h1>' + first + sub + '<h2 id="x">Body</h2>'
    heads.add_to(toc, html)
    assert [(a.id, [c.id for c in a.children]) for a in toc.items] == [("t", ["x_1", "x"])]
    assert [c.id for c in toc.items[0].children[0].children] == ["y"]
    assert heads.plain(Heading(2, "x", "Ours")) == '<h2 id="x_1">Ours</h2>'
