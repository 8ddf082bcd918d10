"""Real ``mkdocs build --strict`` runs of a small library: pages, choice, public builds."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from sitelib import all_output, build, page, review, write_library

pytestmark = pytest.mark.slow

DEPLOY = "Deploy checklist"
R1 = "2026-01-10-checkout-errors-after-a-config-deploy"
R2 = "2026-02-10-deploy-reached-production-without-smoke-tests"
R3 = "2026-03-01-internal-payroll-run-delayed"
R4 = "2026-04-01-draft-about-a-late-newsletter"
R5 = "2026-05-01-title-with-html"
HTML_TITLE = '<img src=x onerror="window.__pwned=1"> in the title'
ROOT_CAUSE_PHRASE = "the deploy tool accepted a staging file for production"

# Words that appear only in the internal review: none may reach a public build.
SECRET = {
    "title": "Payroll run delayed by a zanzibarquokka lock",
    "root_cause": "The zanzibarquokka scheduler held a lock the payroll export waited on.",
    "item": "Check the quokkafile lock before the payroll run",
    "action": "Rotate the quokkafile keys every month",
    "tag": "quokkatag",
    "area": "payroll-quokka",
}


def library() -> dict[str, str]:
    unsafe_body = (
        "## Summary\n\nThe body holds unsafe HTML.\n\n"
        '<script>window.__pwned = "script";</script>\n\n'
        "<iframe src=\"javascript:window.top.__pwned='iframe'\"></iframe>\n\n"
        '<img src="nothing.png" onerror="window.__pwned=\'onerror\'" alt="broken">\n\n'
        '<a id="jslink" href="javascript:window.__pwned=\'link\'">a link</a>\n\n'
        "[markdown link](javascript:window.__pwned='mdlink')\n"
    )
    return {
        R1: review(
            R1,
            title="Checkout errors after a config deploy",
            kind="incident",
            severity="high",
            areas=["checkout", "platform"],
            tags=["deploy", "config"],
            root_cause=f"Nothing stopped it: {ROOT_CAUSE_PHRASE} without a prompt.",
            checklist_changes=[
                {"checklist": DEPLOY, "change": "add", "item": "Run the smoke tests"},
                {"checklist": DEPLOY, "change": "add", "item": "Page the on-call engineer"},
            ],
            action_items=[
                {
                    "action": "Add an environment prompt to the deploy tool",
                    "owner": "Platform team",
                    "due": "2026-02-01",
                    "status": "open",
                }
            ],
        ),
        R2: review(
            R2,
            title="Deploy reached production without smoke tests",
            kind="incident",
            severity="medium",
            areas=["platform"],
            tags=["deploy"],
            checklist_changes=[
                {
                    "checklist": DEPLOY,
                    "change": "reword",
                    "was": "Run the smoke tests",
                    "item": "Run the smoke tests against staging first",
                },
                {"checklist": DEPLOY, "change": "remove", "item": "Page the on-call engineer"},
                {
                    "checklist": DEPLOY,
                    "change": "add",
                    "item": "Announce the deploy in the channel",
                },
            ],
            action_items=[
                {
                    "action": "Write the staging smoke test suite",
                    "owner": "Platform team",
                    "due": "2027-01-31",
                    "status": "open",
                },
                {
                    "action": "Document the deploy channel",
                    "owner": "Support team",
                    "due": "2026-03-01",
                    "status": "done",
                },
            ],
        ),
        R3: review(
            R3,
            title=SECRET["title"],
            visibility="internal",
            root_cause=SECRET["root_cause"],
            areas=[SECRET["area"]],
            tags=[SECRET["tag"]],
            checklist_changes=[
                {"checklist": "Payroll checklist", "change": "add", "item": SECRET["item"]}
            ],
            action_items=[
                {
                    "action": SECRET["action"],
                    "owner": "Payroll quokka team",
                    "due": "2026-01-15",
                    "status": "open",
                }
            ],
        ),
        R4: review(R4, title="Draft about a late wombatfrost newsletter", status="draft"),
        R5: review(R5, body=unsafe_body, title=HTML_TITLE),
    }


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = write_library(tmp_path_factory.mktemp("mixed"), library())
    result = build(root)
    assert result.returncode == 0, result.stderr
    (root / "build.log").write_text(result.stderr, encoding="utf-8")
    return root


def test_the_build_reports_no_missing_anchor(mixed: Path) -> None:
    """The patterns page links each tag to its place on the tags page."""
    log = (mixed / "build.log").read_text(encoding="utf-8")
    assert "does not contain an anchor" not in log, log
    assert 'href="../tags/#tag:deploy"' in page(mixed, "patterns/index.html")
    assert 'id="tag:deploy"' in page(mixed, "tags/index.html")


def test_the_tags_page_lists_each_tag_with_its_reviews(mixed: Path) -> None:
    listed, headings = contents_and_headings(mixed, "tags/index.html")
    assert listed == headings == sorted(listed)  # alphabetical
    assert {"tag:config", "tag:deploy"} <= set(listed)
    deploy = page(mixed, "tags/index.html").split('id="tag:deploy"', 1)[1].split("</ul>", 1)[0]
    assert deploy.index(R2) < deploy.index(R1)  # newest first
    assert f'<a href="../reviews/2026/{R1}/">' in deploy


def test_a_site_that_still_lists_material_s_tags_plugin_builds_the_same_tags_page(
    tmp_path: Path,
) -> None:
    root = write_library(tmp_path, {R1: review(R1, tags=["deploy"])})
    config = root / "mkdocs.yml"
    config.write_text(config.read_text().replace("  - search\n", "  - search\n  - tags\n"))
    result = build(root)
    assert result.returncode == 0, result.stderr
    tags = page(root, "tags/index.html")
    assert tags.count('id="tag:deploy"') == 1 and f"reviews/2026/{R1}/" in tags
    assert page(root, f"reviews/2026/{R1}/index.html").count('class="retro-chip"') == 1


def text_of(root: Path, uri: str) -> str:
    """The visible text of a built page's article (tags stripped, entities decoded)."""
    content = page(root, uri)
    article = content.split("<article", 1)[1].split("</article>", 1)[0]
    return html.unescape(re.sub(r"<[^>]+>", " ", article.split(">", 1)[1]))


def squash(text: str) -> str:
    return " ".join(text.split())


def test_every_generated_page_exists(mixed: Path) -> None:
    for uri in (
        "index.html",
        "reviews/index.html",
        "tags/index.html",
        "checklists/index.html",
        "checklists/deploy-checklist/index.html",
        "actions/index.html",
        "guide/index.html",
        "reviews/by-kind/incident/index.html",
        "reviews/by-severity/high/index.html",
        "reviews/by-area/platform/index.html",
        f"reviews/2026/{R1}/index.html",
        "assets/retro.css",
    ):
        assert (mixed / "site" / uri).is_file(), uri
    assert not (mixed / "reviews" / "index.md").exists()  # nothing written into reviews/
    assert sorted(p.name for p in (mixed / "docs").iterdir()) == []


def test_checklist_stands_as_after_add_remove_reword(mixed: Path) -> None:
    text = squash(text_of(mixed, "checklists/deploy-checklist/index.html"))
    steps = text.split("Steps", 1)[1].split("History", 1)[0]
    assert "Run the smoke tests against staging first" in steps
    assert "Announce the deploy in the channel" in steps
    assert "Page the on-call engineer" not in steps
    assert steps.index("against staging") < steps.index("Announce the deploy")
    history = text.split("History", 1)[1]
    assert [w for w in re.findall(r"\b(added|removed|reworded)\b", history)] == [
        "added",
        "added",
        "reworded",
        "removed",
        "added",
    ]
    source = page(mixed, "checklists/deploy-checklist/index.html")
    steps_html = source.split('id="steps"', 1)[1].split('id="history"', 1)[0]
    assert f'href="../../reviews/2026/{R2}/"' in steps_html  # why the step is here


def test_actions_open_first_by_owner_with_overdue_marked(mixed: Path) -> None:
    source = page(mixed, "actions/index.html")
    text = squash(text_of(mixed, "actions/index.html"))
    assert text.index("Open") < text.index("Done")
    open_part = text.split("Done", 1)[0]
    assert "Platform team" in open_part and "Write the staging smoke test suite" in open_part
    assert "Document the deploy channel" in text.split("Done", 1)[1]
    row = next(r for r in source.split("<tr>") if "environment prompt" in r)
    assert "retro-badge--overdue" in row
    row = next(r for r in source.split("<tr>") if "staging smoke test suite" in r)
    assert "Overdue" not in row
    assert f"../reviews/2026/{R1}/" in source


def test_counts_and_choice_on_home(mixed: Path) -> None:
    text = squash(text_of(mixed, "index.html"))
    # R1, R2, R3 (internal, shown in an internal build) and R5; the draft R4 is left out.
    assert "4 reviews" in text
    assert "3 open action items" in text
    assert "2 overdue on 2026-06-01" in text
    assert "Overdue action items" in text
    assert "wombatfrost" not in json.dumps(all_output(mixed / "site"))
    assert SECRET["title"] in text_of(mixed, "reviews/index.html")


def test_review_page_summary_body_and_edit_link(mixed: Path) -> None:
    uri = f"reviews/2026/{R1}/index.html"
    text = squash(text_of(mixed, uri))
    for expected in (
        "Status Published",
        "Kind incident",
        "Severity high",
        "Date 2026-01-10",
        "Customers affected 40",
        "Time to detect 1 d 2 h",
        "Time to resolve 2 d 8 h",
        ROOT_CAUSE_PHRASE,
        "Contributing factors",
        "Look-alike items stored side by side",
        "Lessons",
        "Added to Deploy checklist",
        "“Run the smoke tests”",
        "Related reviews",
        "Deploy reached production without smoke tests",
        "Bins are split per variant",
    ):
        assert expected in text, expected
    assert "Overdue" in text
    source = page(mixed, uri)
    assert (
        f'href="https://git.example.invalid/team/library/-/edit/main/reviews/2026/{R1}.md"'
        in source
    )
    assert 'href="../../../tags/#tag:deploy"' in source or "tag:deploy" in source


def contents_and_headings(root: Path, uri: str) -> tuple[list[str], list[str]]:
    """The ids the page's table of contents (Material's right sidebar) links to, and the ids
    of the article's headings below its title, both in page order."""
    source = page(root, uri)
    sidebar = source.split('md-sidebar--secondary"', 1)[1].split("</nav>", 1)[0]
    article = source.split("<article", 1)[1].split("</article>", 1)[0]
    return (
        re.findall(r'href="#([^"]+)"', sidebar),
        re.findall(r'<h[2-6] id="([^"]+)"', article),
    )


def test_the_table_of_contents_lists_every_heading_in_page_order(mixed: Path) -> None:
    # Generated headings (raw HTML) and the body's own (Markdown) in one list, in order.
    listed, headings = contents_and_headings(mixed, f"reviews/2026/{R5}/index.html")
    assert listed == headings
    assert {"what-went-wrong", "summary", "root-cause", "lessons"} <= set(listed)
    assert listed.index("what-went-wrong") < listed.index("summary") < listed.index("root-cause")
    listed, headings = contents_and_headings(mixed, "reviews/index.html")
    assert listed == headings and "2026" in listed
    listed, headings = contents_and_headings(mixed, "index.html")
    assert listed == headings and "latest-reviews" in listed


def test_a_body_heading_named_as_a_generated_section_gets_its_own_id(tmp_path: Path) -> None:
    body = "## Root cause\n\nAs we saw it. See [the first section](#what-went-wrong).\n"
    root = write_library(tmp_path, {R1: review(R1, body=body)})
    result = build(root)
    assert result.returncode == 0, result.stderr
    assert "what-went-wrong" not in result.stderr  # MkDocs finds the generated anchor
    listed, headings = contents_and_headings(root, f"reviews/2026/{R1}/index.html")
    assert listed == headings
    assert headings.count("root-cause") == 1 and "root-cause_1" in headings
    assert headings.index("root-cause_1") < headings.index("root-cause")  # body, then generated


@pytest.mark.parametrize(
    ("options", "link"),
    [
        ("permalink: true", '<a class="headerlink" href="#{id}" title="Permanent link">\u00b6</a>'),
        (
            'permalink: "#"\n      permalink_class: anchor\n      permalink_title: ""',
            '<a class="anchor" href="#{id}">#</a>',
        ),
    ],
)
def test_generated_headings_get_permalinks_where_the_toc_gives_them(
    tmp_path: Path, options: str, link: str
) -> None:
    root = write_library(tmp_path, {R1: review(R1, body="## Summary\n\nWords.\n")})
    with (root / "mkdocs.yml").open("a") as config:
        config.write(f"markdown_extensions:\n  - toc:\n      {options}\n")
    result = build(root)
    assert result.returncode == 0, result.stderr
    source = page(root, f"reviews/2026/{R1}/index.html")
    for ident, title in (("summary", "Summary"), ("root-cause", "Root cause")):  # body, generated
        assert f'<h2 id="{ident}">{title}{link.format(id=ident)}</h2>' in source, ident
    assert page(root, "reviews/index.html").count(link.format(id="2026")) == 1


def test_html_in_title_and_body_is_inert(mixed: Path) -> None:
    source = page(mixed, f"reviews/2026/{R5}/index.html")
    assert "&lt;img src=x onerror=" in source
    assert "<title>&lt;img src=x" in source
    assert "<img src=x" not in source and '<img src="x"' not in source
    assert "<script>window.__pwned" not in source
    assert "<iframe" not in source
    assert not re.search(r"<[a-z][^>]*\sonerror=", source)  # as text only, never an attribute
    assert "javascript:" not in source
    assert "&lt;img" in page(mixed, "reviews/index.html")


def test_search_index_holds_front_matter_of_reviews_only(mixed: Path) -> None:
    output = all_output(mixed / "site")
    assert "search/search_index.json" not in output  # Material's search is turned off
    fragments = [v for k, v in output.items() if k.startswith("pagefind/fragment/")]
    text = " ".join(fragments)
    assert ROOT_CAUSE_PHRASE in text
    assert "Add an environment prompt to the deploy tool" in text
    # One record per review page: no listing page, guide or home page is indexed.
    assert len(fragments) == len(list((mixed / "site" / "reviews" / "2026").iterdir()))
    assert "How to write a review" not in text and "Learning library" not in text


def test_the_teams_own_pages_are_in_the_search_too(tmp_path: Path) -> None:
    """The box replaces Material's search on the whole site: a runbook of the team's is found
    as well, while the library's listing pages still are not."""
    root = write_library(tmp_path, {R1: library()[R1]})
    (root / "docs" / "runbooks").mkdir()
    (root / "docs" / "runbooks" / "failover.md").write_text(
        "# Database failover\n\nPromote the wombatreplica before the primary is fenced.\n"
    )
    result = build(root)
    assert result.returncode == 0, result.stderr
    output = all_output(root / "site")
    fragments = [v for k, v in output.items() if k.startswith("pagefind/fragment/")]
    assert len(fragments) == 2  # the review and the runbook
    runbook = next(f for f in fragments if "wombatreplica" in f)
    assert '"url":"/runbooks/failover/"' in runbook
    assert '"title":"Database failover"' in runbook
    assert "search index of 2 pages written" in result.stderr


def test_guide_is_generated_from_schema_and_rules(mixed: Path) -> None:
    text = squash(text_of(mixed, "guide/index.html"))
    for expected in (
        "The workflow",
        "customer_response.remedy",
        "checklist_changes[].was",
        "blameless-language",
        "human error",
        "Before:",
        "After:",
        "retro-allow",
        "retro check --changed",
        "--format github",
    ):
        assert expected in text, expected


def test_no_external_resources(mixed: Path) -> None:
    pattern = re.compile(
        r"<(?:script|link|img|source|iframe)\b[^>]*\b(?:src|href)=\"(?:https?:)?//", re.I
    )
    for name, content in all_output(mixed / "site").items():
        if name.endswith(".html"):
            assert not pattern.search(content), name
        if name.endswith(".css"):
            assert not re.search(r"url\(\s*['\"]?(?:https?:)?//", content), name


def test_every_page_has_the_search_box_in_its_header_from_the_start(mixed: Path) -> None:
    # The box is written into the page (the script only makes it work), so that it is there
    # from the first paint: on every page, the theme's own 404 page too, once, in the header.
    pages = {n: t for n, t in all_output(mixed / "site").items() if n.endswith(".html")}
    assert "404.html" in pages and "index.html" in pages
    for name, text in pages.items():
        header = re.search(r'<nav class="md-header__inner.*?</nav>', text, re.S)
        assert header is not None, name
        assert text.count('id="retro-search-input"') == 1, name
        assert 'id="retro-search-input"' in header.group(0), name


@pytest.fixture(scope="module")
def public_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = write_library(tmp_path_factory.mktemp("public"), library())
    result = build(root, RETRO_PUBLIC="1")
    assert result.returncode == 0, result.stderr
    return root


@pytest.fixture(scope="module")
def public_only(tmp_path_factory: pytest.TempPathFactory) -> Path:
    reviews = {k: v for k, v in library().items() if k != R3}
    root = write_library(tmp_path_factory.mktemp("public_only"), reviews)
    result = build(root)
    assert result.returncode == 0, result.stderr
    return root


def test_public_build_leaks_nothing_internal(public_build: Path) -> None:
    output = all_output(public_build / "site")
    assert "sitemap.xml.gz" in output and "pagefind/pagefind.js" in output
    fragments = [v for k, v in output.items() if k.startswith("pagefind/fragment/")]
    assert any("Checkout errors after a config deploy" in f for f in fragments)
    needles = [*SECRET.values(), R3, "zanzibarquokka", "quokka", "Payroll checklist"]
    for name, content in output.items():
        lowered = content.lower()
        for needle in needles:
            assert needle.lower() not in lowered, (name, needle)


def test_public_build_equals_a_build_without_the_internal_reviews(
    public_build: Path, public_only: Path
) -> None:
    ours, theirs = all_output(public_build / "site"), all_output(public_only / "site")
    # Pagefind writes its filter values in no fixed order (the files' names are hashes of
    # their bytes): its index is compared by the pages it holds.
    index = "pagefind/fragment/"
    assert sorted(k for k in ours if k.startswith(index)) == sorted(
        k for k in theirs if k.startswith(index)
    )
    ours = {k: v for k, v in ours.items() if not k.startswith("pagefind/")}
    theirs = {k: v for k, v in theirs.items() if not k.startswith("pagefind/")}
    assert sorted(ours) == sorted(theirs)
    for name in (
        "index.html",
        "reviews/index.html",
        "actions/index.html",
        "checklists/index.html",
        "tags/index.html",
    ):
        assert ours[name] == theirs[name], name
    if "patterns/index.html" in ours:
        assert ours["patterns/index.html"] == theirs["patterns/index.html"]


def test_public_option_in_mkdocs_yml(tmp_path: Path) -> None:
    root = write_library(tmp_path, {R1: library()[R1], R3: library()[R3]}, "      public: true")
    assert build(root).returncode == 0
    assert "quokka" not in json.dumps(all_output(root / "site")).lower()


def test_a_misspelt_option_in_mkdocs_yml_stops_the_build_even_without_strict(
    tmp_path: Path,
) -> None:
    """MkDocs only warns of an option it does not know; "pubic: true" would then publish the
    internal reviews. The plugin makes it an error that names the option it meant."""
    root = write_library(tmp_path, {R1: library()[R1], R3: library()[R3]}, "      pubic: true")
    result = build(root, strict=False)
    assert result.returncode == 1, result.stderr
    assert "unknown retro option 'pubic' (did you mean 'public'?)" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (root / "site").exists()


def test_reviews_inside_docs_dir_are_published_only_as_the_library_publishes_them(
    tmp_path: Path,
) -> None:
    """A team that keeps its reviews in docs/postmortems: MkDocs would publish each file as
    it is, past `public`, the statuses shown and the sanitiser."""
    lib = library()
    root = write_library(tmp_path, {R1: lib[R1], R3: lib[R3]}, "      public: true")
    (root / "reviews").rename(root / "docs" / "postmortems")
    (root / "retro.yml").write_text("reviews_dir: docs/postmortems\n")
    secret = root / "docs" / "postmortems" / "2026" / f"{R3}.md"
    secret.write_text(secret.read_text() + "\n<script>window.__leak = 1</script>\n")
    (root / "docs" / "postmortems" / "notes.txt").write_text("internal notes\n")
    result = build(root)
    assert result.returncode == 0, result.stderr
    site = root / "site"
    assert not (site / "postmortems").exists()
    assert (site / "reviews" / "2026" / R1 / "index.html").is_file()
    everything = json.dumps(all_output(site))
    assert "quokka" not in everything.lower() and "__leak" not in everything
    assert "postmortems" not in (site / "sitemap.xml").read_text()


def test_a_page_of_the_team_at_a_library_address_wins_whatever_its_file_name(
    tmp_path: Path,
) -> None:
    """docs/tags.md (Material's tags page) is at /tags/, as the library's tags/index.md."""
    root = write_library(tmp_path, {R1: library()[R1]})
    (root / "docs" / "tags.md").write_text("# Our tags\n\nThe team's own tag index.\n")
    result = build(root)
    assert result.returncode == 0, result.stderr
    assert "The team's own tag index." in page(root, "tags/index.html")
    assert "tags.md is written by hand in docs at the address of the library's" in (result.stderr)
    assert "conflicts with" not in result.stderr


def test_a_misspelt_field_is_said_by_the_build_and_stops_a_strict_one(tmp_path: Path) -> None:
    """retro check reports it; a build run without it (mkdocs build) said nothing and left the
    text off the page."""
    text = library()[R1].replace("root_cause:", "root_casue:", 1)
    root = write_library(tmp_path, {R1: text})
    said = "unknown field 'root_casue' (did you mean 'root_cause'?): its text is not on the site"
    strict = build(root)
    assert strict.returncode == 1 and said in strict.stderr, strict.stderr
    assert f"reviews/2026/{R1}.md:" in strict.stderr
    loose = build(root, strict=False)
    assert loose.returncode == 0 and said in loose.stderr


def test_drafts_shown_with_a_badge_when_configured(tmp_path: Path) -> None:
    lib = library()
    root = write_library(
        tmp_path, {R1: lib[R1], R4: lib[R4]}, "      show_status: [published, in-review, draft]"
    )
    result = build(root)
    assert result.returncode == 0, result.stderr
    source = page(root, f"reviews/2026/{R4}/index.html")
    assert 'retro-badge--draft">Draft<' in source
    assert "wombatfrost" in page(root, "reviews/index.html")
    assert "retro-badge--draft" in page(root, "reviews/index.html")


def test_broken_review_is_left_out_with_a_warning(tmp_path: Path) -> None:
    lib = library()
    root = write_library(tmp_path, {R1: lib[R1]})
    broken = root / "reviews" / "2026" / "2026-02-02-broken.md"
    broken.write_text("---\ntitle: [unclosed\n---\nbody\n")
    result = build(root)
    assert result.returncode == 1
    assert "reviews/2026/2026-02-02-broken.md is left out of the site" in result.stderr
    assert "Traceback" not in result.stderr
    # Without --strict the site builds, without the broken review.
    loose = build(root, strict=False)
    assert loose.returncode == 0, loose.stderr
    assert (root / "site" / "reviews" / "2026" / R1 / "index.html").is_file()
    assert not (root / "site" / "reviews" / "2026" / "2026-02-02-broken").exists()


def test_bad_option_is_a_plugin_error(tmp_path: Path) -> None:
    root = write_library(tmp_path, {}, "      show_status: [publishd]")
    result = build(root)
    assert result.returncode != 0
    assert "'show_status': 'publishd' is not one of" in result.stderr
    assert "Traceback" not in result.stderr


def test_user_page_in_docs_wins_over_the_generated_one(tmp_path: Path) -> None:
    root = write_library(tmp_path, {R1: library()[R1]})
    (root / "docs" / "index.md").write_text("# Our own welcome\n\nHand-written home.\n")
    result = build(root)
    assert result.returncode == 0, result.stderr
    assert "Hand-written home." in page(root, "index.html")


def test_each_review_page_says_when_and_by_whom_it_last_changed_in_git(tmp_path: Path) -> None:
    from conftest import git

    root = write_library(tmp_path / "lib", {R1: library()[R1]})
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(
        root,
        "commit",
        "-q",
        "-m",
        "first review",
        "--author",
        "Dana Doe <dana@example.invalid>",
        "--date",
        "2026-02-03T10:00:00Z",
    )
    done = build(root)
    assert done.returncode == 0, done.stderr
    text = page(root, f"reviews/2026/{R1}/index.html")
    commit = git(root, "rev-parse", "--short=7", "HEAD").strip()
    assert (
        f'Last changed 2026-02-03 by Dana Doe in commit <code title="first review">{commit}</code>'
    ) in text


def test_a_review_git_does_not_know_yet_reads_not_committed_yet(tmp_path: Path) -> None:
    from conftest import git

    lib = library()
    root = write_library(tmp_path / "lib", {R1: lib[R1]})
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "first review")
    write_library(root, {R2: lib[R2]})  # written, not committed
    assert build(root).returncode == 0
    assert "Not committed yet" in page(root, f"reviews/2026/{R2}/index.html")
    assert "Not committed yet" not in page(root, f"reviews/2026/{R1}/index.html")
    outside = write_library(tmp_path / "plain", {R1: lib[R1]})  # no git at all: nothing said
    assert build(outside).returncode == 0
    text = page(outside, f"reviews/2026/{R1}/index.html")
    assert "Last changed" not in text and "Not committed" not in text


def test_unsafe_html_in_a_footnote_is_cleaned_though_it_lands_after_the_generated_parts(
    tmp_path: Path,
) -> None:
    """The sanitiser keeps the generated blocks as written and cleans around them; footnotes
    are written at the end of the page, after the generated conclusions."""
    body = (
        "## Summary\n\nThe body has a footnote.[^1]\n\n"
        '[^1]: See <img src="x.png" onerror="window.__pwned=1" alt="x"> and '
        '<a href="javascript:window.__pwned=2">this</a>.\n'
    )
    root = write_library(tmp_path, {R1: review(R1, body=body)})
    mkdocs_yml = root / "mkdocs.yml"
    mkdocs_yml.write_text(mkdocs_yml.read_text() + "markdown_extensions:\n  - footnotes\n")
    result = build(root)
    assert result.returncode == 0, result.stderr
    source = page(root, f"reviews/2026/{R1}/index.html")
    article = source[source.index("data-pagefind-body") :]
    assert 'class="footnote"' in article and 'alt="x"' in article  # the footnote is there
    assert article.index('class="footnote"') > article.index('id="root-cause"')
    assert not re.search(r"<[a-z][^>]*\sonerror=", source)
    assert "javascript:" not in source


def test_the_log_counts_one_indexed_page_as_one_page(tmp_path: Path) -> None:
    root = write_library(tmp_path, {R1: library()[R1]})
    result = build(root)
    assert result.returncode == 0, result.stderr
    assert "search index of 1 page written" in result.stderr, result.stderr


def test_other_plugins_see_a_generated_page_s_metadata_as_its_own(tmp_path: Path) -> None:
    """The pages' metadata is handed to MkDocs as data, not as front matter to parse: a hook's
    on_page_markdown (after the plugin's, as another plugin's would run) sees it on the page,
    the title escaped as a theme prints it."""
    root = write_library(tmp_path, library())
    (root / "hooks.py").write_text(
        "import json\n"
        "seen = {}\n"
        "def on_page_markdown(markdown, page, **kwargs):\n"
        "    seen[page.file.src_uri] = [page.meta, markdown.startswith('---')]\n"
        "def on_post_build(config, **kwargs):\n"
        "    open('meta.json', 'w').write(json.dumps(seen))\n",
        encoding="utf-8",
    )
    with (root / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("hooks:\n  - hooks.py\n")
    result = build(root)
    assert result.returncode == 0, result.stderr
    seen = json.loads((root / "meta.json").read_text(encoding="utf-8"))
    meta, front_matter_left = seen[f"reviews/2026/{R1}.md"]
    assert meta["title"] == "Checkout errors after a config deploy" and not front_matter_left
    assert meta["tags"] == ["deploy", "config"] and meta["hide"] == ["tags"]
    assert seen[f"reviews/2026/{R5}.md"][0]["title"] == html.escape(HTML_TITLE)
    assert seen["reviews/index.md"][0]["title"] == "Reviews"
