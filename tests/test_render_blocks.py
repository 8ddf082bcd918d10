"""Page.blocks: a generated page's Markdown cut into parts, its generated HTML marked, and the
MkDocs plugin's Markdown extension that passes those parts through without parsing them.

The promise: converting a page with the extension gives exactly the HTML Python-Markdown
gives without it, on every page of a library, and every raw HTML block a renderer writes is
one the extension can pass through (a renderer that breaks the rule would silently make the
build slow again).
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown.extensions.toc import TocExtension
from markdown.preprocessors import Preprocessor

from benchrun import bench_module
from retro_reviews.check import load_library
from retro_reviews.config import load_config
from retro_reviews.mkdocs_plugin.blocks import GeneratedBlocks
from retro_reviews.render.page import Block, Page, generated_blocks
from retro_reviews.render.site import site_pages
from retro_reviews.site import select_reviews
from sitelib import review

REPO = Path(__file__).resolve().parent.parent
TODAY = date(2026, 6, 1)
# What Material sites commonly turn on; md_in_html replaces Python-Markdown's raw HTML parser.
EXTENSIONS = ["tables", "toc", "attr_list", "md_in_html", "admonition", "footnotes", "def_list"]


def pages_of(root: Path) -> list[Page]:
    config = load_config(root)
    shown = select_reviews(load_library(config), config).shown
    return site_pages(shown, config, TODAY)


class _Spy(Preprocessor):
    """Keeps the text that Python-Markdown's raw HTML parser (priority 20) gets to read."""

    seen = ""

    def run(self, lines: list[str]) -> list[str]:
        self.seen = "\n".join(lines)
        return lines


def convert(page: Page, *, passed_through: bool) -> tuple[str, str]:
    """The page's HTML, and the text left for the raw HTML parser to read."""
    extension = GeneratedBlocks()
    md = markdown.Markdown(extensions=[*EXTENSIONS, extension])
    spy = _Spy(md)
    md.preprocessors.register(spy, "spy", 22)
    extension.page = page if passed_through else None
    return md.convert(page.markdown), spy.seen


@pytest.fixture(scope="module")
def bench_library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("bench") / "lib"
    bench_module("bench_build").generate_library(root, 60, 7)
    return root


HEADING_ID = re.compile(r'<h[1-6] id="([^"]+)"')


def numbered_as_taken(html: str, page: Page) -> str:
    """``html`` with the body's headings that the extension numbered because a generated
    heading holds their id (``customer-response_1``) given that id back: what Python-Markdown
    alone writes, as it does not see the generated headings' ids in raw HTML."""
    generated = {h.anchor for h in page.headings if h.anchor}

    def back(match: re.Match[str]) -> str:
        ident = match[1]
        base, _, number = ident.rpartition("_")
        return match[0].replace(ident, base) if number.isdigit() and base in generated else match[0]

    return HEADING_ID.sub(back, html)


@pytest.mark.parametrize("library", ["sample", "bench"])
def test_passing_generated_html_through_changes_no_page(library: str, bench_library: Path) -> None:
    """The same HTML, but for the ids of the body's headings that clash with a generated
    heading's: the extension makes them distinct, as the table of contents needs."""
    root = REPO if library == "sample" else bench_library
    pages = pages_of(root)
    assert len(pages) > 20
    for page in pages:
        expected, _ = convert(page, passed_through=False)
        got, parsed = convert(page, passed_through=True)
        ids = HEADING_ID.findall(got)
        assert len(ids) == len(set(ids)), page.uri
        assert numbered_as_taken(got, page) == expected, page.uri
        # ... and no generated block is left for the HTML parser to read.
        for block in page.blocks:
            if block.html:
                assert block.text.strip("\n") not in parsed, page.uri
    assert sum(b.html for p in pages for b in p.blocks) > len(pages)


def test_a_body_heading_with_a_generated_heading_s_id_gets_its_own() -> None:
    page = Page(
        "x.md",
        "T",
        {"title": "T"},
        (
            Block('<h1 id="t">T</h1>\n<h2 id="root-cause">Root cause</h2>\n<p>x</p>\n\n', True),
            Block("## Root cause\n\nBody.\n\n## Lessons\n\n"),
            Block('<h2 id="lessons-learned">Lessons learned</h2>\n', True),
        ),
    )
    extension = GeneratedBlocks()
    md = markdown.Markdown(extensions=["toc", extension])
    extension.page = page
    html = md.convert(page.markdown)
    assert HEADING_ID.findall(html) == [
        "t",
        "root-cause",
        "root-cause_1",
        "lessons",
        "lessons-learned",
    ]
    assert "<span" not in html  # the markers are taken out again
    # The engine's own table of contents holds every heading, the generated ones in their
    # places among the body's, nested by level.
    assert _flat_tokens(md.toc_tokens) == [  # type: ignore[attr-defined]
        (1, "t", "T"),
        (2, "root-cause", "Root cause"),
        (2, "root-cause_1", "Root cause"),
        (2, "lessons", "Lessons"),
        (2, "lessons-learned", "Lessons learned"),
    ]
    assert [t["id"] for t in md.toc_tokens] == ["t"]  # type: ignore[attr-defined]


def test_the_table_of_contents_takes_generated_headings_as_markdown_ones() -> None:
    """A generated title with Markdown's characters and an ampersand is listed as written
    (no inline pattern runs on it), escaped as ``toc`` escapes a heading; ``toc_depth``
    leaves out generated headings as it leaves out the body's."""
    page = Page(
        "x.md",
        "T",
        {"title": "T"},
        (
            Block('<h2 id="a">*Deploy* &amp; roll_back_now</h2>\n<h3 id="b">Deep</h3>\n\n', True),
            Block("### Body deep\n\n## Body\n\n"),
        ),
    )
    extension = GeneratedBlocks()
    md = markdown.Markdown(extensions=[TocExtension(toc_depth=2), extension])
    extension.page = page
    md.convert(page.markdown)
    assert _flat_tokens(md.toc_tokens) == [  # type: ignore[attr-defined]
        (2, "a", "*Deploy* &amp; roll_back_now"),
        (2, "body", "Body"),
    ]
    # baselevel moves generated headings as it moves the body's.
    md = markdown.Markdown(extensions=[TocExtension(baselevel=2), extension])
    extension.page = page
    md.convert(page.markdown)
    assert [level for level, _, _ in _flat_tokens(md.toc_tokens)] == [3, 4, 4, 3]  # type: ignore[attr-defined]


def _flat_tokens(tokens: list[dict[str, Any]]) -> list[tuple[int, str, str]]:
    flat: list[tuple[int, str, str]] = []
    for token in tokens:
        flat.append((token["level"], token["id"], token["name"]))
        flat += _flat_tokens(token["children"])
    return flat


def test_generated_heading_ids_are_unique_on_a_page() -> None:
    page = Page(
        "x.md",
        "Lessons",
        {},
        (
            Block('<h1 id="lessons">Lessons</h1>\n<h2 id="lessons">Lessons</h2>\n\n', True),
            Block("Body.\n\n"),
            Block('<h2 id="lessons-2">Lessons 2</h2>\n<h2 id="lessons">Again</h2>\n', True),
        ),
    )
    assert [h.anchor for h in page.headings] == ["lessons", "lessons-3", "lessons-2", "lessons-4"]
    assert (
        page.generated_html[0] == '<h1 id="lessons">Lessons</h1>\n<h2 id="lessons-3">Lessons</h2>'
    )


@pytest.mark.parametrize("library", ["sample", "bench"])
def test_every_raw_html_block_a_renderer_writes_is_passed_through(
    library: str, bench_library: Path
) -> None:
    """Outside a review's body, a paragraph that starts with a tag is a generated block."""
    for page in pages_of(REPO if library == "sample" else bench_library):
        body = page.review.body.strip("\n") if page.review is not None else None
        for block in page.blocks:
            if block.html or block.text.strip("\n") == body:
                continue
            for paragraph in block.text.split("\n\n"):
                line = paragraph.strip("\n")
                assert not line.startswith("<") or line.startswith("<!--"), (page.uri, line)


def test_the_blocks_are_the_markdown_cut_in_parts() -> None:
    text = (
        '# Title\n\n<div class="a">\n<p>one</p>\n</div>\n\nSome *Markdown*.\n\n'
        "<ul>\n<li>x</li>\n</ul>\n"
    )
    blocks = generated_blocks(text)
    assert "".join(b.text for b in blocks) == text
    assert [b.html for b in blocks] == [False, True, False, True]
    assert blocks[1].text == '<div class="a">\n<p>one</p>\n</div>\n\n'


def test_only_a_newline_ends_a_line() -> None:
    """A line separator inside a text (U+2028) is no blank line to Markdown."""
    text = "<div>\n<p>a\u2028\u2028b</p>\n</div>\n"
    assert generated_blocks(text) == (Block(text, html=True),)


@pytest.mark.parametrize(
    "paragraph",
    [
        "<a href='x'>inline</a> starts a paragraph\n",  # an inline element: a paragraph
        "<span>x</span>\n",
        "<div>\n<p>not closed</p>\n",  # runs past the blank line in Markdown
        "<p>one</p>\ntext after it\n",  # text outside any element
        "<p>one</p> and more\n",
        "    <div>indented</div>\n",  # a code block
        "<!-- a comment -->\n",
        "<div>\n</div>\n<em>inline at the top</em>\n",
        "</div>\n",
        "text <div>x</div>\n",
    ],
)
def test_a_paragraph_markdown_reads_otherwise_stays_markdown(paragraph: str) -> None:
    blocks = generated_blocks("# T\n\n" + paragraph)
    assert not any(b.html for b in blocks)


@pytest.mark.parametrize(
    "paragraph",
    [
        '<hr class="retro-body-start">\n',
        "<p>one</p>\n<hr>\n<div><div>nested</div>\n<br></div>\n",
        '<div class="retro-chart">\n<svg viewBox="0 0 1 1"><path d="M0 0"/><title id="t">'
        "T</title></svg>\n</div>\n",
        "<table>\n<tr><td>a</td></tr>\n</table>\n",
    ],
)
def test_whole_raw_blocks_are_marked(paragraph: str) -> None:
    blocks = generated_blocks("# T\n\n" + paragraph)
    assert [b.html for b in blocks] == [False, True]


def test_a_review_body_is_never_passed_through(project: Path) -> None:
    body = "## What happened\n\n<div>\n<p>raw HTML in the body</p>\n</div>\n"
    path = project / "reviews" / "2026" / "2026-01-01-one.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(review("2026-01-01-one", body=body), encoding="utf-8")
    (page,) = [p for p in pages_of(project) if p.review is not None]
    assert any(b.html for b in page.blocks)  # the generated header card
    assert [b for b in page.blocks if "raw HTML in the body" in b.text] == [
        Block(body.strip("\n") + "\n")
    ]


def test_a_block_another_plugin_changed_is_parsed_as_usual() -> None:
    text = '# T\n\n<div class="x">\n<p>one</p>\n</div>\n\n<p>two</p>\n'
    page = Page("x.md", "T", {}, generated_blocks(text))
    extension = GeneratedBlocks()
    md = markdown.Markdown(extensions=[extension])
    spy = _Spy(md)
    md.preprocessors.register(spy, "spy", 22)
    extension.page = page
    changed = text.replace("<p>one</p>", "<p>changed</p>")
    html = md.convert(changed)
    assert "<p>changed</p>" in html and "<p>two</p>" in html
    assert html == markdown.markdown(changed)
    assert "<p>changed</p>" in spy.seen  # the changed block is left to the HTML parser...
    assert "<p>two</p>" not in spy.seen  # ... the unchanged one is still passed through


def test_a_generated_block_is_not_read_by_the_inline_patterns() -> None:
    """Its placeholder paragraph is atomic; the body's paragraphs are read as always."""
    from markdown.inlinepatterns import InlineProcessor

    seen: list[str] = []

    class Watch(InlineProcessor):
        def handleMatch(self, m, data):  # type: ignore[no-untyped-def]  # noqa: N802
            seen.append(data)
            return None, None, None

    blocks = (
        Block("# Title\n\n"),
        Block('<div class="x">\n<p>generated</p>\n</div>\n\n', html=True),
        Block("Body *text* here.\n\n"),
        Block("<ul>\n<li>more</li>\n</ul>\n", html=True),
    )
    page = Page("p.md", "Title", {}, blocks)
    extension = GeneratedBlocks()
    md = markdown.Markdown(extensions=[*EXTENSIONS, extension])
    md.inlinePatterns.register(Watch(r"\S"), "watch", 1000)
    extension.page = page
    html = md.convert(page.markdown)
    assert '<div class="x">\n<p>generated</p>\n</div>' in html
    assert "<li>more</li>" in html and "<em>text</em>" in html
    assert "Title" in seen and any("Body" in text for text in seen)
    assert not [text for text in seen if "wzxhzdk" in text]  # no placeholder was read


def _whole_raw_block(paragraph: str) -> bool:
    """The rule of ``_is_html_block`` in its plainest form: the depth after every tag, then
    each element outside any other checked from where it opens to where it closes."""
    from itertools import accumulate

    from retro_reviews.render.page import _BLOCK_TAGS, _TAG, _VOID

    if not paragraph.startswith("<"):
        return False
    tags = list(_TAG.finditer(paragraph))
    after = list(accumulate(-1 if t[1] else 0 if t[3] or t[2] in _VOID else 1 for t in tags))
    if not tags or after[-1] != 0 or min(after) < 0:
        return False
    end, opening = 0, 0
    for index in [i for i, depth in enumerate(after) if depth == 0]:
        opened = tags[opening]
        between = paragraph[end : opened.start()]
        if opened[2] not in _BLOCK_TAGS or between.strip():
            return False
        if opened.start() and not between.endswith("\n"):
            return False
        end, opening = tags[index].end(), index + 1
    return not paragraph[end:].strip()


_HTML_PIECES = [
    "<div>", "</div>", "<p>", "</p>", "<span>", "</span>", "<hr>", "<br/>", "<ul>", "</ul>",
    "<li>", "</li>", "<em>", "</em>", "\n", " ", "x", "<", ">", "<!-- c -->", "<table>",
    "</table>", "<DIV>", '<img src="x">', '<a href="y">', "</a>", "<td data-sort='1'>",
]  # fmt: skip


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(_HTML_PIECES), min_size=1, max_size=14).map("".join))
def test_the_one_pass_check_decides_as_the_plain_rule(paragraph: str) -> None:
    from retro_reviews.render.page import _is_html_block

    assert _is_html_block(paragraph) == _whole_raw_block(paragraph)
