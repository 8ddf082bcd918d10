"""retro_reviews.render: the site's pages as Markdown, from reviews loaded from real files."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

import yaml

from retro_reviews.check import load_library
from retro_reviews.config import load_config
from retro_reviews.gitrepo import LastChange
from retro_reviews.render.escape import read_front_matter
from retro_reviews.render.page import Page
from retro_reviews.render.related import related_reviews
from retro_reviews.render.site import render_site, site_pages
from retro_reviews.site import select_reviews
from sitelib import review

TODAY = date(2026, 6, 1)


def pages_for(project: Path) -> dict[str, str]:
    config = load_config(project)
    shown = select_reviews(load_library(config), config).shown
    facts = {r.relpath: LastChange(datetime(2026, 5, 2, tzinfo=UTC), "Ana <ops>") for r in shown}
    return render_site(shown, config, TODAY, facts)


def write(project: Path, review_id: str, **fields: object) -> None:
    path = project / "reviews" / review_id[:4] / f"{review_id}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(review(review_id, **fields), encoding="utf-8")


def test_the_pages_and_their_addresses(project: Path, write_review: Callable[..., Path]) -> None:
    write_review("2026-01-01-one", areas="warehouse, Café ☕")
    pages = pages_for(project)
    assert {
        "index.md",
        "reviews/index.md",
        "tags/index.md",
        "checklists/index.md",
        "actions/index.md",
        "guide/index.md",
        "assets/retro.css",
        "reviews/2026/2026-01-01-one.md",
        "reviews/by-kind/customer-mistake.md",
        "reviews/by-severity/medium.md",
        "reviews/by-area/warehouse.md",
        "reviews/by-area/cafe.md",
        "checklists/pick-and-pack-checklist.md",
    } <= set(pages)


def test_review_page_escapes_and_shows_git_facts(project: Path) -> None:
    write(project, "2026-01-01-one", title="**Bold** <b>tag</b>", tags=["a<b"], related=[])
    text = pages_for(project)["reviews/2026/2026-01-01-one.md"]
    # The front matter is JSON, which any YAML reader (MkDocs' own, another engine's) reads.
    meta = yaml.safe_load(text.split("---\n", 2)[1])
    assert meta == {
        "title": "**Bold** &lt;b&gt;tag&lt;/b&gt;",
        "tags": ["a&lt;b"],
        "hide": ["tags"],  # the header card shows the tags, once
    }
    assert read_front_matter(text)[0] == meta
    # A generated heading, escaped, with its id.
    assert '\n<h1 id="bold-b-tag-b">**Bold** &lt;b&gt;tag&lt;/b&gt;</h1>\n' in text
    # The header card is raw HTML: Markdown does no inline work on it.
    assert "Last changed 2026-05-02 by Ana &lt;ops&gt;" in text
    assert "<div><dt>Time to detect</dt><dd>1 d 2 h</dd></div>" in text
    assert '<a class="retro-chip" href="../../../tags/#tag:ab">a&lt;b</a>' in text
    # The body sits between the story and the conclusions.
    body_end = text.index("Bins are split per variant and slips show the colour.")
    assert text.index(">What went wrong</h2>") < body_end < text.index(">Root cause</h2>")


def test_reword_of_an_item_that_predates_the_library(project: Path) -> None:
    write(
        project,
        "2026-01-01-one",
        checklist_changes=[
            {
                "checklist": "Night shift",
                "change": "reword",
                "was": "Lock the door",
                "item": "Lock both doors",
            }
        ],
    )
    page = pages_for(project)["checklists/night-shift.md"]
    steps = page.split(">Steps</h2>", 1)[1].split(">History</h2>", 1)[0]
    assert "<li>Lock both doors<br><em>Why this step is here:</em> changed on 2026-01-01" in steps
    assert "reworded (not on the checklist then)" in page


def test_an_add_of_a_step_already_on_the_checklist_is_not_called_missing(project: Path) -> None:
    change = {"checklist": "Night shift", "change": "add", "item": "Lock the door"}
    write(project, "2026-01-01-one", checklist_changes=[change])
    write(project, "2026-01-02-two", checklist_changes=[change])
    page = pages_for(project)["checklists/night-shift.md"]
    assert "<td>added (already on the checklist)</td>" in page
    assert "not on the checklist" not in page


def test_overdue_and_done_actions(project: Path) -> None:
    write(
        project,
        "2026-01-01-one",
        action_items=[
            {"action": "Late one", "owner": "Ops", "due": "2026-05-31", "status": "open"},
            {"action": "Due today", "owner": "Ops", "due": "2026-06-01", "status": "open"},
            {"action": "Done late", "owner": "Ops", "due": "2026-01-31", "status": "done"},
        ],
    )
    page = pages_for(project)["actions/index.md"]
    rows = {
        line.split("<td>", 1)[1].split("</td>")[0]: line
        for line in page.splitlines()
        if line.startswith("<tr") and "<td>" in line
    }
    assert rows["Late one"].startswith('<tr class="retro-overdue">')
    assert "retro-badge--overdue" in rows["Late one"]
    assert "Overdue" not in rows["Due today"]
    assert "Overdue" not in rows["Done late"]
    assert "<td>Ops</td>" in rows["Due today"]  # the owner is a column, not a heading
    assert "2 open action items (1 overdue on 2026-06-01) and 1 done" in page
    assert page.index("Late one") < page.index("Due today")  # overdue first
    assert page.index("Due today") < page.index(">Done</h2>") < page.index("Done late")
    done = page[page.index(">Done</h2>") :]
    assert done.index('<details class="retro-fold"><summary>1 done item</summary>') < done.index(
        "Done late"
    )
    assert page.count("<table data-retro-sort>") == 2  # one table of open items, one of done


def test_related_named_first_then_closest(project: Path) -> None:
    write(project, "2026-01-01-a", areas=["x"], tags=["t1", "t2"], related=["2026-03-01-c"])
    write(project, "2026-02-01-b", areas=["x"], tags=["t1", "t2"], related=[])
    write(
        project,
        "2026-03-01-c",
        areas=["y"],
        tags=["other"],
        related=[],
        contributing_factors=["Something else"],
    )
    write(
        project,
        "2026-04-01-d",
        areas=["x"],
        tags=["t9"],
        related=[],
        contributing_factors=["Something else"],
    )
    config = load_config(project)
    reviews = select_reviews(load_library(config), config).shown
    related = {k: [r.id for r in v] for k, v in related_reviews(reviews).items()}
    assert related["2026-01-01-a"][:2] == ["2026-03-01-c", "2026-02-01-b"]
    assert related["2026-02-01-b"][0] == "2026-01-01-a"
    assert "2026-02-01-b" not in related["2026-02-01-b"]


def test_an_empty_library_still_has_every_index_page(project: Path) -> None:
    pages = pages_for(project)
    assert "No reviews are published yet." in pages["index.md"]
    assert "No review has changed a checklist yet." in pages["checklists/index.md"]
    assert "No open action items." in pages["actions/index.md"]


def test_related_ties_go_to_the_nearest_in_date_and_most_shared_wins(project: Path) -> None:
    write(project, "2026-01-01-far", areas=["x"], tags=["t1"], related=[])
    write(project, "2026-03-01-near", areas=["x"], tags=["t1"], related=[])
    write(project, "2026-03-05-here", areas=["x"], tags=["t1", "t2"], related=[])
    write(project, "2026-01-02-most", areas=["x"], tags=["t1", "t2"], related=[])
    write(
        project,
        "2026-03-06-none",
        areas=["y"],
        tags=["t9"],
        related=[],
        contributing_factors=["A factor of its own"],
    )
    config = load_config(project)
    reviews = select_reviews(load_library(config), config).shown
    related = {k: [r.id for r in v] for k, v in related_reviews(reviews).items()}
    assert related["2026-03-05-here"] == ["2026-01-02-most", "2026-03-01-near", "2026-01-01-far"]
    assert related["2026-03-06-none"] == []


def test_a_checklist_called_index_does_not_take_the_checklists_index(project: Path) -> None:
    write(
        project,
        "2026-01-01-one",
        checklist_changes=[{"checklist": "Index", "change": "add", "item": "Sort the cards"}],
    )
    pages = pages_for(project)
    assert "Sort the cards" in pages["checklists/index-2.md"]
    assert "as they stand now" in pages["checklists/index.md"]
    assert 'href="index-2/"' in pages["checklists/index.md"]


def test_every_listing_page_comes_from_the_one_registry(project: Path) -> None:
    from retro_reviews.render.checklists import render_checklist_pages
    from retro_reviews.render.context import SiteContext
    from retro_reviews.render.index_pages import render_facet_pages
    from retro_reviews.render.site import NAV_PAGES, SECTIONS, site_pages

    write(
        project,
        "2026-01-01-one",
        areas=["x", "Café"],
        checklist_changes=[
            {"checklist": "Night shift", "change": "add", "item": "Lock both doors"},
            {"checklist": "Index", "change": "add", "item": "Sort the cards"},
        ],
    )
    write(project, "2026-02-01-two", kind="near-miss", severity="low", areas=["y"])
    config = load_config(project)
    shown = select_reviews(load_library(config), config).shown
    pages = site_pages(shown, config, TODAY)
    ctx = SiteContext(reviews=shown, config=config, today=TODAY)
    made = {**render_checklist_pages(ctx), **render_facet_pages(ctx)}
    listing = [p.uri for p in pages if p.review is None]
    assert set(listing) == set(made) | {
        "index.md",
        "reviews/index.md",
        "tags/index.md",
        "actions/index.md",
        "guide/index.md",
        "patterns/index.md",
    }
    assert [p.uri for p in pages[:2]] == [f"reviews/2026/{r.id}.md" for r in shown]
    # The navigation is the registry's, in its order; each page is named once.
    assert [uri for _, uri in NAV_PAGES] == [s.uri for s in SECTIONS if s.nav]
    assert len(listing) == len(set(listing))
    nav = [uri for _, uri in NAV_PAGES]
    assert [uri for uri in listing if uri in nav] == nav


def test_a_page_as_data(project: Path) -> None:
    from retro_reviews.render.page import Heading
    from retro_reviews.render.site import site_pages

    write(project, "2026-01-01-one", title="Jam (marmalade) & <toast>", areas=["x"], tags=["t"])
    config = load_config(project)
    shown = select_reviews(load_library(config), config).shown
    review_page = site_pages(shown, config, TODAY)[0]
    assert review_page.uri == "reviews/2026/2026-01-01-one.md"
    assert review_page.title == "Jam (marmalade) & <toast>"
    assert review_page.meta["title"] == "Jam (marmalade) & <toast>"
    assert review_page.text.startswith('---\n{"title": "Jam (marmalade) &amp; &lt;toast&gt;"')
    assert review_page.headings[:2] == [
        Heading(1, "Jam (marmalade) & <toast>", "jam-marmalade-toast"),
        Heading(2, "What went wrong", "what-went-wrong"),
    ]
    body = [h for h in review_page.headings if h.anchor is None]
    assert body and body[0] == Heading(2, "Summary")  # the body's: its id is the engine's
    assert review_page.search is not None
    assert review_page.search.filters["area"] == ["x"]
    assert review_page.search.filters["year"] == ["2026"]
    assert review_page.search.meta["date"] == "2026-01-01"
    assert review_page.search.sort == {"date": "2026-01-01"}  # a filter alone lists by it


def test_a_review_without_a_date_sorts_as_the_oldest_and_its_page_is_marked_so() -> None:
    # An index leaves a page without a sort key out of a sorted list: a review whose date
    # cannot be read (never published, but a page may still be drawn from it) would vanish
    # from a list filtered alone, instead of coming last.
    from retro_reviews.model import Review
    from retro_reviews.render.page import Page, review_search_facts
    from retro_reviews.render.search_marks import mark_for_search

    undated = Review(Path("reviews/x.md"), "reviews/x.md", meta={"title": "X", "kind": "incident"})
    facts = review_search_facts(undated, [], [])
    assert facts.sort == {"date": "0000-00-00"}
    assert "year" not in facts.filters and "date" not in facts.meta
    marked = mark_for_search("<p>Body</p>", Page("x.md", "X", {}, (), search=facts))
    assert '<span data-pagefind-sort="date">0000-00-00</span>' in marked


def test_a_result_listed_by_filters_alone_shows_what_went_wrong_in_short() -> None:
    # Listed with no word searched for, a result has no words to show in context: it shows
    # what went wrong, its Markdown read, cut after SUMMARY_WORDS words.
    from retro_reviews.model import Review
    from retro_reviews.render.page import SUMMARY_CHARACTERS, SUMMARY_WORDS, review_search_facts

    long = "The `refund-worker` sent **312** refunds twice " + "and then again " * 20
    meta = {"title": "X", "what_went_wrong": long}
    facts = review_search_facts(Review(Path("r.md"), "r.md", meta=meta), [], [])
    words = facts.meta["summary"].split()
    assert words[:6] == ["The", "refund-worker", "sent", "312", "refunds", "twice"]
    assert len(words) == SUMMARY_WORDS + 1 and words[-1] == "…"
    short = {"title": "X", "what_went_wrong": "Jars  went\n out *unlabelled*."}
    facts = review_search_facts(Review(Path("r.md"), "r.md", meta=short), [], [])
    assert facts.meta["summary"] == "Jars went out unlabelled."
    # A language written without spaces has no words to count: cut by its characters.
    unspaced = {"title": "X", "what_went_wrong": "返金が二重に送られた。" * 60}
    summary = review_search_facts(Review(Path("r.md"), "r.md", meta=unspaced), [], [])
    assert summary.meta["summary"] == ("返金が二重に送られた。" * 60)[:SUMMARY_CHARACTERS] + " …"
    # Long words: cut at the last space within the characters.
    wordy = {"title": "X", "what_went_wrong": " ".join(["internationalisation"] * 29)}
    summary = review_search_facts(Review(Path("r.md"), "r.md", meta=wordy), [], [])
    assert len(summary.meta["summary"]) <= SUMMARY_CHARACTERS + 2
    assert summary.meta["summary"].endswith("internationalisation …")
    # An imported review may not say what went wrong: nothing is made up for it.
    none = review_search_facts(Review(Path("r.md"), "r.md", meta={"title": "X"}), [], [])
    assert "summary" not in none.meta


def test_a_listed_review_without_a_severity_has_no_empty_fact(project: Path) -> None:
    # An imported review may have no severity (or no areas): its line in a listing shows
    # what it has, with no separator left dangling.
    write(project, "2026-01-01-one", status="imported", severity=None, areas=[])
    listing = pages_for(project)["reviews/index.md"]
    line = next(x for x in listing.splitlines() if "2026-01-01-one" in x)
    assert line.endswith(" · customer-mistake</li>"), line
    assert "·  ·" not in line and " · </li>" not in line, line


def test_an_action_item_without_a_status_shows_as_unknown(project: Path) -> None:
    write(
        project,
        "2026-01-01-one",
        status="imported",
        action_items=[{"action": "Lock the send button", "owner": "Editorial lead"}],
    )
    pages = pages_for(project)
    for uri in ("actions/index.md", "reviews/2026/2026-01-01-one.md"):
        row = next(x for x in pages[uri].split("<tr") if "Lock the send button" in x)
        assert ">Unknown<" in row and ">Open<" not in row, row


def test_areas_and_tags_differing_only_in_case_are_one_on_the_site(project: Path) -> None:
    # As retro stats counts them: case, spacing and a final period aside, one area or tag,
    # shown in its most frequent spelling (the oldest on a tie).
    write(project, "2026-01-01-one", areas=["Checkout"], tags=["Deploy"], related=[])
    write(project, "2026-02-01-two", areas=["checkout"], tags=["deploy"], related=[])
    write(
        project,
        "2026-03-01-three",
        areas=["checkout ", "Checkout"],
        tags=["deploy", "Deploy."],
        related=[],
    )
    config = load_config(project)
    shown = select_reviews(load_library(config), config).shown
    pages = {p.uri: p for p in site_pages(shown, config, TODAY)}
    areas = [uri for uri in pages if uri.startswith("reviews/by-area/")]
    assert areas == ["reviews/by-area/checkout.md"]
    listing = pages["reviews/by-area/checkout.md"]
    assert listing.title == "Area: checkout"
    for review_id in ("2026-01-01-one", "2026-02-01-two", "2026-03-01-three"):
        assert review_id in listing.markdown
        page = pages[f"reviews/2026/{review_id}.md"]
        assert page.meta["tags"] == ["deploy"]  # one tag, for Material's tags plugin too
        assert page.search is not None
        assert page.search.filters["area"] == ["checkout"]
        assert page.search.filters["tag"] == ["deploy"]
        assert page.markdown.count('href="../../by-area/checkout/"') == 1  # one link there
        assert page.markdown.count('class="retro-chip"') == 1
    first = pages["reviews/2026/2026-01-01-one.md"].markdown
    assert ">Checkout</a>" in first and ">Deploy</a>" in first  # written as the review wrote it
    assert "tags/#tag:deploy" in first
    # The tags page: the tag once, with its three reviews, newest first.
    tags = pages["tags/index.md"]
    assert [(h.title, h.anchor) for h in tags.headings] == [
        ("Tags", "tags"),
        ("deploy", "tag:deploy"),
    ]
    found = [
        tags.markdown.index(r) for r in ("2026-03-01-three", "2026-02-01-two", "2026-01-01-one")
    ]
    assert found == sorted(found)


def test_the_tags_page_lists_each_tag_with_its_reviews(project: Path) -> None:
    write(project, "2026-01-01-one", tags=["Zebra crossing", "<b>bold</b>"], related=[])
    write(project, "2026-02-01-two", tags=["alpha"], related=[])
    write(project, "2026-03-01-three", tags=[], related=[])
    tags = {p.uri: p for p in site_pages_for(project)}["tags/index.md"]
    assert [(h.title, h.anchor) for h in tags.headings[1:]] == [
        ("<b>bold</b>", "tag:bboldb"),
        ("alpha", "tag:alpha"),
        ("Zebra crossing", "tag:zebra-crossing"),
    ]
    assert "&lt;b&gt;bold&lt;/b&gt;</h2>" in tags.markdown  # escaped
    section = tags.markdown.split('id="tag:alpha"', 1)[1].split("<h2", 1)[0]
    assert "2026-02-01-two" in section and "2026-01-01-one" not in section
    assert "2026-03-01-three" not in tags.markdown  # no tags: not listed
    write(project, "2026-01-01-one", tags=[], related=[])
    write(project, "2026-02-01-two", tags=[], related=[])
    tags = {p.uri: p for p in site_pages_for(project)}["tags/index.md"]
    assert "<p>No review has tags yet.</p>" in tags.markdown


def site_pages_for(project: Path) -> list[Page]:
    config = load_config(project)
    return site_pages(select_reviews(load_library(config), config).shown, config, TODAY)
