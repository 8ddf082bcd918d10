"""retro_reviews.render.review_page: a review read top to bottom, each fact once."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from retro_reviews.gitrepo import LastChange
from retro_reviews.model import Review
from retro_reviews.render.context import SiteContext
from retro_reviews.render.review_page import review_page_blocks
from test_render_site import TODAY, pages_for, write

R = "2026-01-01-one"
# A format-v2 body: narrative only, no section that restates a field.
BODY = (
    "## What happened\n\nThe two colours shared a bin.\n\n"
    "## What went well\n\nSupport spotted it. Bins are split per variant now.\n"
)
URI = f"reviews/2026/{R}.md"


def review_page_text(review: Review, ctx: SiteContext) -> str:
    """The page's Markdown, its blocks joined."""
    return "".join(block.text for block in review_page_blocks(review, ctx)[1])


# The sections in the order a reader meets them (the body's own between the story and the
# conclusions); a review shows those it has.
ORDER = [
    "what-went-wrong",
    "timeline",
    "BODY",
    "root-cause",
    "how-it-was-found",
    "customer-response",
    "what-changed",
    "lessons",
    "related-reviews",
]


def section_ids(text: str) -> list[str]:
    """The generated sections' ids in page order, with ``BODY`` where the body starts."""
    found = [(m.start(), m.group(1)) for m in re.finditer(r'^<h2 id="([^"]+)">', text, re.M)]
    found = [(at, name) for at, name in found if name in ORDER or name == "links"]
    found.append((text.index('<hr class="retro-body-start">'), "BODY"))
    return [name for _, name in sorted(found)]


def at(text: str, title: str) -> int:
    """Where the generated section headed ``title`` starts."""
    found = re.search(rf'^<h2 id="[^"]*">{re.escape(title)}</h2>$', text, re.M)
    assert found is not None, title
    return found.start()


def test_the_parts_come_in_story_order(project: Path) -> None:
    write(project, R, body=BODY, related=[])
    write(project, "2026-02-01-two", body=BODY, related=[R])
    text = pages_for(project)[URI]
    ids = section_ids(text)
    assert ids == [name for name in ORDER if name in ids]
    assert {"what-went-wrong", "BODY", "root-cause", "customer-response"} <= set(ids)
    assert text.index("<h1 ") < text.index('class="retro-header') < at(text, "What went wrong")
    assert text.index("Bins are split per variant") < at(text, "Root cause")


def test_nothing_is_said_twice(project: Path) -> None:
    write(project, R, body=BODY, status="draft", tags=["deploy", "config"], related=[])
    (project / "retro.yml").write_text("show_status: [published, draft]\n")
    text = pages_for(project)[URI]
    assert text.count(">Draft<") == 1 and "draft Draft" not in text.replace("\n", " ")
    assert text.count(">deploy</a>") == 1  # a chip, once; the theme's own row is hidden
    assert '"hide": ["tags"]' in text
    assert text.count(">Customers affected<") == 1
    assert "Customers affected:" not in text  # not again under the impact
    headings = re.findall(r"^## (.+)$|^<h2 id=\"[^\"]*\">(.+)</h2>$", text, re.M)
    assert len(headings) > 5 and len(headings) == len(set(headings))
    # The table of contents: the generated sections plus the body's, about ten at most.
    assert len(re.findall(r"^(#{2,3} |<h[23] )", text, re.MULTILINE)) <= 11


def test_a_checklist_change_links_to_the_checklist_as_it_stands(project: Path) -> None:
    write(project, R, body=BODY, related=[])
    text = pages_for(project)[URI]
    assert 'Added to <a href="../../../checklists/pick-and-pack-checklist/">' in text


def test_overdue_action_items_are_marked_and_come_first(project: Path) -> None:
    items = [
        {"action": "Later one", "owner": "Ops", "due": "2026-09-01", "status": "open"},
        {"action": "Late one", "owner": "Ops", "due": "2026-05-01", "status": "open"},
    ]
    write(project, R, body=BODY, related=[], action_items=items)
    text = pages_for(project)[URI]
    assert text.index("Late one") < text.index("Later one")
    row = next(line for line in text.splitlines() if "Late one" in line)
    assert row.startswith('<tr class="retro-overdue">') and "retro-badge--overdue" in row


def test_status_reads_once_for_each_status(project: Path) -> None:
    from retro_reviews.check import load_library
    from retro_reviews.config import load_config

    write(project, R, body=BODY, related=[])
    config = load_config(project)
    review = load_library(config)[0]
    ctx = SiteContext(reviews=[review], config=config, today=TODAY)
    for status, shown in (
        ("published", "<dd>Published</dd>"),
        ("in-review", 'retro-badge--in-review">In review<'),
        ("draft", 'retro-badge--draft">Draft<'),
        ("imported", 'retro-badge--imported">Imported<'),
    ):
        review.__dict__["status"] = status  # the cached view, as the loader would set it
        text = review_page_text(review, ctx)
        assert shown in text, status
        assert text.count("<dt>Status</dt>") == 1


def test_last_changed_names_the_commit_and_reads_well_without_history(project: Path) -> None:
    from datetime import UTC, datetime

    from retro_reviews.check import load_library
    from retro_reviews.config import load_config

    write(project, R, body=BODY, related=[])
    write(project, "2026-02-01-two", related=[])
    config = load_config(project)
    one, two = sorted(load_library(config), key=lambda r: r.id)
    fact = LastChange(datetime(2026, 3, 1, tzinfo=UTC), "Dana <x>", "abc1234", 'Fix "dates"')
    ctx = SiteContext([one, two], config, TODAY, git_facts={one.relpath: fact})
    assert (
        "Last changed 2026-03-01 by Dana &lt;x&gt; in commit "
        '<code title="Fix &quot;dates&quot;">abc1234</code>'
    ) in review_page_text(one, ctx)
    assert "Not committed yet" in review_page_text(two, ctx)
    bare = SiteContext([one], config, TODAY)  # no git at all: nothing to say
    text = review_page_text(one, bare)
    assert "Last changed" not in text and "Not committed" not in text

    # A commit's subject is the team's own words, written for the repository: it may name
    # an internal review or a customer, so a public build shows the commit without it.
    public = SiteContext([one, two], replace(config, public=True), TODAY, {one.relpath: fact})
    text = review_page_text(one, public)
    assert "in commit <code>abc1234</code>" in text and "dates" not in text


def test_a_review_without_a_body_is_one_region(project: Path) -> None:
    write(project, R, body="", related=[])
    text = pages_for(project)[URI]
    assert "retro-body-start" not in text and '\n<h2 id="lessons">Lessons</h2>\n' in text


def test_format_v2_parts_in_their_places(project: Path) -> None:
    write(
        project,
        R,
        body=BODY,
        related=[],
        timeline={
            "started": "2026-03-01T08:00:00Z",
            "detected": "2026-03-01T09:30:00Z",
            "resolved": "2026-03-01T11:00:00Z",
            "events": [
                {"at": "2026-03-01T08:00:00Z", "what": "A bad batch is released."},
                {"at": "2026-03-01T10:15:00Z", "what": "The batch is pulled <back>."},
            ],
        },
        detection={"method": "customer", "summary": "A customer phoned support."},
        links=[{"title": "Ticket", "url": "https://tracker.example.com/T-1"}],
        customer_response={"not_contacted": "Nobody had received a parcel yet."},
        checklist_changes=[],
        no_checklist_change="The existing checklist already covers it.",
    )
    text = pages_for(project)[URI]
    ids = section_ids(text)
    assert ids == [name for name in ORDER if name in ids] + ["links"]
    assert {"timeline", "how-it-was-found", "customer-response", "what-changed"} <= set(ids)
    timeline = text.split('<h2 id="timeline">Timeline</h2>\n', 1)[1].split("</ol>", 1)[0]
    assert "<p>All times on 2026-03-01.</p>" in timeline
    lines = [line for line in timeline.splitlines() if line.startswith("<li")]
    assert lines == [
        '<li class="retro-milestone"><time datetime="2026-03-01T08:00:00+00:00">08:00 UTC</time>'
        "<strong>Started:</strong> A bad batch is released.</li>",
        '<li class="retro-milestone"><time datetime="2026-03-01T09:30:00+00:00">09:30 UTC</time>'
        "<strong>Detected</strong></li>",
        '<li><time datetime="2026-03-01T10:15:00+00:00">10:15 UTC</time>'
        "The batch is pulled &lt;back&gt;.</li>",
        '<li class="retro-milestone"><time datetime="2026-03-01T11:00:00+00:00">11:00 UTC</time>'
        "<strong>Resolved</strong></li>",
    ]
    assert "<p><strong>Found by a customer.</strong> A customer phoned support.</p>" in text
    assert "<strong>Customers were not contacted:</strong> Nobody had received" in text
    assert "<strong>No checklist changes:</strong> The existing checklist" in text
    assert '<a href="https://tracker.example.com/T-1">Ticket</a>' in text


def test_without_events_the_times_given_are_the_timeline(project: Path) -> None:
    # The card says how long it took to detect and to resolve; only the timeline says when.
    write(project, R, body=BODY, related=[])  # started, detected and resolved; no events
    text = pages_for(project)[URI]
    assert "<dt>Time to detect</dt><dd>1 d 2 h</dd>" in text
    timeline = text.split('<h2 id="timeline">Timeline</h2>\n', 1)[1].split("\n<h2 ", 1)[0]
    stamps = re.findall(
        r'<li class="retro-milestone"><time datetime="([^"]+)">[^<]+</time>'
        r"<strong>(\w+)</strong></li>",
        timeline,
    )
    assert [label for _, label in stamps] == ["Started", "Detected", "Resolved"]
    assert [at for at, _ in stamps] == sorted(at for at, _ in stamps)


def test_without_times_or_events_there_is_no_timeline_section(project: Path) -> None:
    write(project, R, body=BODY, related=[], timeline={"started": None})
    text = pages_for(project)[URI]
    assert 'id="timeline"' not in text and "retro-timeline" not in text


TIMELINE = {
    "started": "2026-03-01T08:00:00Z",
    "resolved": "2026-03-01T11:00:00Z",
    "events": [
        {"at": "2026-03-01T08:00:00Z", "what": "A bad batch is released."},
        {"at": "2026-03-01T11:00:00Z", "what": "Resolved: the batch is pulled back."},
    ],
}


def test_a_body_opening_with_its_own_timeline_gets_the_events_under_that_heading(
    project: Path,
) -> None:
    # The templates' bodies open with "## Timeline" (the story in time): the events go
    # under it, not under a second "Timeline" heading before it.
    body = (
        "<!--\nThe story in time.\n-->\n\n## Timeline ##\n\n"
        "The batch looked fine on screen.\n\n## What happened\n\nThe bins were shared.\n"
    )
    write(project, R, body=body, related=[], timeline=TIMELINE)
    text = pages_for(project)[URI]
    assert len(re.findall(r"^## Timeline", text, re.M)) == 1 and 'id="timeline"' not in text
    heading = text.index("\n## Timeline ##\n")
    events = text.index('<ol class="retro-timeline">')
    story = text.index("The batch looked fine on screen.")
    assert text.index('<hr class="retro-body-start">') < heading < events < story
    assert "<!--\nThe story in time.\n-->" in text  # the body as written, comment included
    assert text.index("## What happened") > story


def test_a_timeline_heading_after_other_words_takes_the_events_too(project: Path) -> None:
    body = "An intro the team wrote.\n\n- a list\n- of points\n\n## Timeline\n\nLater.\n"
    write(project, R, body=body, related=[], timeline=TIMELINE)
    text = pages_for(project)[URI]
    assert len(re.findall(r"^## Timeline", text, re.M)) == 1 and 'id="timeline"' not in text
    start = text.index('<hr class="retro-body-start">')
    intro, heading = text.index("An intro the team wrote."), text.index("\n## Timeline\n")
    assert start < intro < heading < text.index('<ol class="retro-timeline">')
    assert text.index('<ol class="retro-timeline">') < text.index("Later.")


def test_a_timeline_heading_the_body_cannot_be_cut_at_keeps_the_generated_one(
    project: Path,
) -> None:
    for body in (
        BODY,  # no heading
        "```\n## Timeline\n```\n",  # in a code fence
        "~~~~\n```\n## Timeline\n~~~~\n",  # in a longer fence of the other kind
        "<!--\n## Timeline\n-->\n",  # in a comment
        "<div markdown>\n\n## Timeline\n\n</div>\n",  # after raw HTML
        "Words\n## Timeline\n",  # no blank line before it
    ):
        write(project, R, body=body, related=[], timeline=TIMELINE)
        text = pages_for(project)[URI]
        generated = text.index('<h2 id="timeline">Timeline</h2>')
        events = text.index('class="retro-timeline"')
        assert generated < events < text.index('<hr class="retro-body-start">'), body


def test_a_milestone_event_that_names_itself_is_not_labelled_twice(project: Path) -> None:
    write(project, R, body=BODY, related=[], timeline=TIMELINE)
    text = pages_for(project)[URI]
    assert "<strong>Resolved:</strong> the batch is pulled back.</li>" in text
    assert "Resolved: Resolved" not in text


def test_inline_markdown_in_the_fields_is_rendered_as_an_imported_postmortem_writes_it(
    project: Path,
) -> None:
    # Imported postmortems carry their Markdown into the fields: `code`, **bold** and links
    # read as such on the page; HTML and a link a browser would run stay text.
    write(
        project,
        R,
        body=BODY,
        related=[],
        what_went_wrong="A deploy of `api-gateway` v2.3 returned errors <b>for 40 minutes</b>.",
        impact={
            "summary": "About **12,000** requests failed; see the [status page]"
            "(https://status.example.test/42)."
        },
        root_cause="The `rate_limit` setting defaulted to `0` ([why](javascript:alert(1))).",
        contributing_factors=["No *canary* stage"],
        lessons=["Defaults matter: check `0`."],
        action_items=[
            {
                "action": "Check `rate_limit` before a deploy",
                "owner": "Platform team",
                "due": "2026-02-01",
                "status": "open",
            }
        ],
    )
    pages = pages_for(project)
    page = pages[URI]
    # The action reads the same everywhere: here, on the actions page, on the home page's
    # overdue list.
    for shown in (page, pages["actions/index.md"], pages["index.md"]):
        assert "Check <code>rate_limit</code> before a deploy" in shown
    assert "A deploy of <code>api-gateway</code> v2.3 returned errors &lt;b&gt;for 40" in page
    assert (
        "About <strong>12,000</strong> requests failed; see the "
        '<a href="https://status.example.test/42">status page</a>.'
    ) in page
    assert (
        "The <code>rate_limit</code> setting defaulted to <code>0</code> ([why](javascript:" in page
    )
    assert "<li>No <em>canary</em> stage</li>" in page
    assert "<li>Defaults matter: check <code>0</code>.</li>" in page
    assert 'href="javascript' not in page.lower()
