"""retro_reviews.mkdocs_plugin: options, retro.yml beside mkdocs.yml, navigation, git facts."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import git
from retro_reviews.mkdocs_plugin.search import SEARCH_BOX, SEARCH_INPUT_ID, with_search_box
from sitelib import all_output, build, page, review, write_library

pytestmark = pytest.mark.slow

R1 = "2026-01-10-orders-shipped-late"


def test_options_from_retro_yml_and_git_facts(git_project: Path) -> None:
    root = write_library(git_project, {R1: review(R1, kind="late-shipping")})
    (root / "retro.yml").write_text("kinds: [late-shipping]\nrules: {missing-section: off}\n")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "a review", "--date", "2026-02-03T10:00:00Z")
    result = build(root)
    assert result.returncode == 0, result.stderr
    text = page(root, f"reviews/2026/{R1}/index.html")
    assert "2026-02-03 by Test Author" in text
    assert 'href="by-kind/late-shipping/"' in page(root, "reviews/index.html")
    nav = page(root, "index.html").split("md-nav--primary", 1)[1]
    nav = nav.split("md-sidebar--secondary", 1)[0]
    links = re.findall(r'href="([^"#]+)"[^>]*class="md-nav__link', nav)
    assert links == [".", "reviews/", "checklists/", "actions/", "patterns/", "tags/", "guide/"]
    assert R1 not in nav  # reviews are reached through the index pages, not the nav


def test_an_option_set_twice_is_an_error(tmp_path: Path) -> None:
    root = write_library(tmp_path, {}, "      public: true")
    (root / "retro.yml").write_text("public: false\n")
    result = build(root)
    assert result.returncode == 1
    assert "option 'public' is also set in mkdocs.yml" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_nav_written_by_the_team_is_kept(tmp_path: Path) -> None:
    root = write_library(tmp_path, {R1: review(R1)})
    with (root / "mkdocs.yml").open("a") as handle:
        handle.write("nav:\n  - Start: index.md\n  - Everything: reviews/index.md\n")
    result = build(root)
    assert result.returncode == 0, result.stderr
    home = page(root, "index.html")
    assert "Everything" in home and ">Checklists<" not in home.split("md-nav")[1]
    # The reviews, checklists and pages by kind are reached from the index pages: MkDocs
    # does not list each as left out of the team's navigation (thousands of lines).
    assert f"reviews/2026/{R1}.md" not in result.stderr
    assert "checklists/" not in result.stderr.replace("checklists/index.md", "")


def test_the_teams_own_pages_follow_the_library_in_the_navigation(tmp_path: Path) -> None:
    root = write_library(tmp_path, {R1: review(R1)})
    (root / "docs" / "ops").mkdir(parents=True)
    (root / "docs" / "ops" / "on-call.md").write_text("# On-call guide\n")
    (root / "docs" / "about.md").write_text("# About these reviews\n")
    result = build(root)
    assert result.returncode == 0, result.stderr
    html = page(root, "guide/index.html")
    nav = html.split('class="md-nav md-nav--primary"')[1].split("md-sidebar--secondary")[0]
    links = re.findall(r'<a href="([^"]+)" class="md-nav__link', nav)
    assert links[-2:] == ["../about/", "../ops/on-call/"]
    assert links.index("../reviews/") < links.index("../about/")


def test_disabled_plugin_generates_nothing(tmp_path: Path) -> None:
    root = write_library(tmp_path, {R1: review(R1)}, "      enabled: false")
    (root / "docs" / "index.md").write_text("# Home\n")
    result = build(root)
    assert result.returncode == 0, result.stderr
    assert not (root / "site" / "reviews").exists()
    assert R1 not in json.dumps(all_output(root / "site"))


def test_serve_watches_the_reviews_and_retro_yml(tmp_path: Path) -> None:
    from mkdocs.config import load_config as load_mkdocs_config

    root = write_library(tmp_path, {R1: review(R1)})
    (root / "retro.yml").write_text("")
    config = load_mkdocs_config(str(root / "mkdocs.yml"))
    config.plugins.on_startup(command="serve", dirty=False)
    config = config.plugins.on_config(config)

    class Server:
        watched: list[str] = []

        def watch(self, path: str) -> None:
            self.watched.append(path)

    server = config.plugins.on_serve(Server(), config=config, builder=lambda: None)
    assert str(root / "reviews") in server.watched
    assert str(root / "retro.yml") in server.watched


def test_the_pages_are_let_go_once_the_site_is_built(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Kept to the process's end, a large library's pages are walked by every collection of
    # the interpreter's shutdown (seconds at 5,000 reviews): the plugin holds them only for
    # the build, a failed one included.
    from mkdocs.commands import build as mkdocs_build
    from mkdocs.config import load_config as load_mkdocs_config

    monkeypatch.setenv("RETRO_TODAY", "2026-06-01")
    root = write_library(tmp_path, {R1: review(R1)})
    config = load_mkdocs_config(str(root / "mkdocs.yml"), site_dir=str(root / "site"))
    plugin = config.plugins["retro"]
    held: list[int] = []
    build_page = mkdocs_build._build_page

    def noting(*args: object, **kwargs: object) -> None:
        held.append(len(plugin.pages))
        build_page(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(mkdocs_build, "_build_page", noting)
    mkdocs_build.build(config)
    assert held and min(held) > 1  # held while the pages are made
    assert plugin.pages == {}
    assert (root / "site" / "reviews" / R1[:4] / R1 / "index.html").is_file()

    plugin.pages = {"x.md": None}  # type: ignore[dict-item]
    plugin.on_build_error(error=RuntimeError("a later plugin failed"))
    assert plugin.pages == {}


HEADER = (
    '<header><nav class="md-header__inner md-grid"><a class="md-logo"></a>{source}</nav>'
    "</header><main><nav>page</nav></main>"
)
SOURCE = '<div class="md-header__source"><a href="https://git.example.com/x">x</a></div>'


@pytest.mark.parametrize(
    ("page_html", "expected"),
    [
        # Before the link to the repository, where a Material user looks for it.
        (HEADER.format(source=SOURCE), HEADER.format(source=SEARCH_BOX + SOURCE)),
        # Without one, at the end of the header (not in a later <nav>).
        (HEADER.format(source=""), HEADER.format(source=SEARCH_BOX)),
        # No Material header: the page as it is (the script then does nothing).
        ("<html><body><nav>x</nav></body></html>", "<html><body><nav>x</nav></body></html>"),
        # A box already there (a page written twice) is not doubled.
        (HEADER.format(source=SEARCH_BOX), HEADER.format(source=SEARCH_BOX)),
    ],
    ids=["before-the-repository-link", "at-the-header-s-end", "no-header", "already-there"],
)
def test_the_search_box_is_written_into_material_s_header(page_html: str, expected: str) -> None:
    assert with_search_box(page_html) == expected


def test_a_box_mentioned_after_the_header_does_not_stop_it_being_written() -> None:
    # A review quoting the box's markup in its body is not mistaken for the box.
    page_html = HEADER.format(source="") + '<pre>id="retro-search-input"</pre>'
    assert with_search_box(page_html).count(SEARCH_BOX) == 1


MINIFIER = """\
from mkdocs.plugins import event_priority


@event_priority(50)  # ahead of most plugins, as a minifier may be
def on_post_page(output, page, config):
    return output.replace('<div class="md-header__source">', "<div class=md-header__source>")


@event_priority(50)
def on_post_template(output_content, template_name, config):
    return on_post_page(output_content, None, config)
"""


def test_the_box_goes_into_the_header_before_other_plugins_rewrite_the_page(
    tmp_path: Path,
) -> None:
    # A plugin that rewrites the finished pages (a minifier dropping optional quotes, here
    # run with a raised priority) sees them after the box is in: it still stands before the
    # link to the repository.
    root = write_library(tmp_path, {"2026-01-01-one": review("2026-01-01-one")})
    (root / "minify_hook.py").write_text(MINIFIER, encoding="utf-8")
    with (root / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("hooks:\n  - minify_hook.py\n")
    result = build(root)
    assert result.returncode == 0, result.stderr
    for name in ("index.html", "404.html", "reviews/2026/2026-01-01-one/index.html"):
        text = (root / "site" / name).read_text(encoding="utf-8")
        assert SEARCH_BOX + "<div class=md-header__source>" in text, name


def test_a_header_the_box_cannot_go_into_is_reported_once(tmp_path: Path) -> None:
    # A theme override whose header is not Material's <nav>: the box is not put anywhere
    # else on the page (the sidebar's <nav> comes next), and the build says so, once.
    root = write_library(tmp_path, {"2026-01-01-one": review("2026-01-01-one")})
    partials = root / "overrides" / "partials"
    partials.mkdir(parents=True)
    (partials / "header.html").write_text(
        '<header class="md-header"><div class="md-header__inner md-grid">'
        "{{ config.site_name }}</div></header>\n",
        encoding="utf-8",
    )
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        text.replace("  name: material\n", "  name: material\n  custom_dir: overrides\n"),
        encoding="utf-8",
    )
    result = build(root, strict=False)
    assert result.returncode == 0, result.stderr
    said = [line for line in result.stderr.splitlines() if "has no search box" in line]
    assert len(said) == 1, result.stderr
    assert "its header is not Material's" in said[0]
    for name, content in all_output(root / "site").items():
        if name.endswith(".html"):
            assert SEARCH_INPUT_ID not in content, name
