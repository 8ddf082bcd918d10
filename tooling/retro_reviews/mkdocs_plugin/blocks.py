"""Generated HTML passed through Python-Markdown as it is, not parsed again.

A generated page is Markdown with large raw HTML blocks (a listing page of a big library
holds thousands of tags). Python-Markdown finds where each raw block ends by running an HTML
parser over it, and MkDocs runs one more over the whole page to collect anchors: at a
thousand reviews those two parsers took about half of the build. The core already knows
which blocks are whole raw HTML blocks (:attr:`retro_reviews.render.page.Page.blocks`), so
this extension puts them straight into Python-Markdown's stash of raw HTML, the documented
way an extension keeps HTML from being parsed, before either parser runs. What the page
becomes is unchanged: a stashed block is written back as it was, as a raw block would be.
(One exception: a review body that leaves raw HTML open runs, without this extension, over
the generated blocks after it, which Python-Markdown then reads as part of that HTML; with
it they stay blocks of their own. Only blank lines differ, or ``md_in_html`` writing a table
again in its own layout; nothing of the body is kept from the sanitiser.)

The page's Markdown still goes to MkDocs as it is, so other plugins see and may change it;
a block that is no longer found word for word is left for Python-Markdown to parse.

A stashed block stands in the Markdown as a placeholder paragraph, as a raw block would. Its
text is a placeholder, which no inline pattern can change, so it is marked as such
(Python-Markdown's ``AtomicString``) instead of going through every inline pattern.

A stashed block's headings carry their ids (see :func:`retro_reviews.render.page.heading`),
which the ``toc`` extension cannot see in the stash. So the placeholder holds, while the tree
is processed, an empty element per generated heading with its id: ``toc`` counts those ids
as taken (a body heading reading "Root cause" becomes ``root-cause_1``, as it would next to a
Markdown heading of that id) and MkDocs' anchor collector counts them present (a link to
``#root-cause`` is valid); both run at priority 5. Right after, the markers are taken out,
and the generated headings join ``toc``'s list of the page's headings where their markers
stood, as ``toc`` lists a Markdown heading (its ``toc_depth`` and ``baselevel`` apply), so
that MkDocs' table of contents holds every heading in page order. (A block another plugin
changed is not stashed: Python-Markdown reads it as raw HTML, and its headings are not in
the table of contents.)
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from collections.abc import Iterator, Mapping
from html import escape
from typing import Any

from markdown import Markdown
from markdown.blockparser import BlockParser
from markdown.blockprocessors import BlockProcessor
from markdown.extensions import Extension
from markdown.extensions.toc import TocTreeprocessor, nest_toc_tokens
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from ..render.page import Heading, Page, generated_headings_in

# After Python-Markdown's whitespace normalisation (priority 30), before MkDocs' anchor
# collector (21) and Python-Markdown's raw HTML block parser (20).
PRIORITY = 25
# A placeholder paragraph: before every block processor but the one for empty blocks (100).
PLACEHOLDER_PRIORITY = 95
# The markers are taken out, and the generated headings listed, after ``toc`` and MkDocs'
# anchor collector (5), before Python-Markdown's unescaping (0) and MkDocs' link rewriting (0).
RELEASE_PRIORITY = 4


class GeneratedBlocks(Extension):
    """Set :attr:`page` before a page is converted (``None``: a page written by hand)."""

    def __init__(self) -> None:
        super().__init__()
        self.page: Page | None = None

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        # This Markdown's placeholders for generated blocks -> their headings.
        stashed: dict[str, list[Heading]] = {}
        reserved: dict[etree.Element, Heading] = {}  # markers in placeholders -> headings
        md.preprocessors.register(_Stash(md, self, stashed), "retro_generated_blocks", PRIORITY)
        md.parser.blockprocessors.register(
            _Placeholder(md.parser, stashed, reserved),
            "retro_generated_placeholder",
            PLACEHOLDER_PRIORITY,
        )
        md.treeprocessors.register(_Release(md, reserved), "retro_release_ids", RELEASE_PRIORITY)


class _Stash(Preprocessor):
    def __init__(
        self, md: Markdown, extension: GeneratedBlocks, stashed: dict[str, list[Heading]]
    ) -> None:
        super().__init__(md)
        self.extension = extension
        self.stashed = stashed

    def run(self, lines: list[str]) -> list[str]:
        page = self.extension.page
        self.stashed.clear()
        if page is None:
            return lines
        source = "\n".join(lines)
        out: list[str] = []
        at = 0
        for html in page.generated_html:
            found = _find_whole_lines(source, html, at)
            if found < 0:
                continue
            placeholder = self.md.htmlStash.store(html + "\n")
            self.stashed[placeholder] = generated_headings_in(html)
            out.append(source[at:found])
            out.append(f"\n\n{placeholder}\n\n")
            at = found + len(html)
        if not out:
            return lines
        out.append(source[at:])
        return "".join(out).split("\n")


class _Placeholder(BlockProcessor):
    """A generated block's placeholder paragraph, at the top of the page, with its text
    marked atomic (what Python-Markdown's paragraph processor makes, less the inline work),
    holding an empty marker per heading of the block, with its id, until :class:`_Release`."""

    def __init__(
        self,
        parser: BlockParser,
        stashed: dict[str, list[Heading]],
        reserved: dict[etree.Element, Heading],
    ) -> None:
        super().__init__(parser)
        self.stashed = stashed
        self.reserved = reserved

    def test(self, parent: etree.Element, block: str) -> bool:
        return (
            block in self.stashed
            and parent is self.parser.root
            and not self.parser.state.isstate("list")
        )

    def run(self, parent: etree.Element, blocks: list[str]) -> None:
        placeholder = blocks.pop(0)
        paragraph = etree.SubElement(parent, "p")
        paragraph.text = AtomicString(placeholder)
        for heading in self.stashed[placeholder]:
            marker = etree.SubElement(paragraph, "span", {"id": heading.anchor or ""})
            self.reserved[marker] = heading


class _Release(Treeprocessor):
    """Once ``toc`` has listed the page's Markdown headings (and numbered them around the
    markers' ids): the generated headings put in that list where their markers stand, and
    the markers taken out."""

    def __init__(self, md: Markdown, reserved: dict[etree.Element, Heading]) -> None:
        super().__init__(md)
        self.reserved = reserved

    def run(self, root: etree.Element) -> None:
        if not self.reserved:
            return
        registry = self.md.treeprocessors  # a Registry: "in", then the item
        toc = registry["toc"] if "toc" in registry else None  # noqa: SIM401
        listed = getattr(self.md, "toc_tokens", None)
        if isinstance(toc, TocTreeprocessor) and isinstance(listed, list):
            self.md.toc_tokens = _with_generated(root, toc, listed, self.reserved)
        parents = {marker: paragraph for paragraph in root for marker in paragraph}
        for marker in self.reserved:
            parent = parents.get(marker)
            if parent is not None:
                parent.remove(marker)
        self.reserved.clear()


def _with_generated(
    root: etree.Element,
    toc: TocTreeprocessor,
    listed: list[dict[str, Any]],
    reserved: Mapping[etree.Element, Heading],
) -> list[dict[str, Any]]:
    """``toc``'s nested list of the page's headings (``listed``) with the generated ones in
    their places: the page is walked in order, each heading ``toc`` listed taken from its
    list in turn (``toc`` listed them in that order), each marker giving its heading."""
    own = iter(_flat(listed))
    tokens: list[dict[str, Any]] = []
    for element in root.iter():
        heading = reserved.get(element)
        if heading is not None:
            level = min(heading.level + toc.base_level, 6)  # as toc.set_level moves its own
            if toc.toc_top <= level <= toc.toc_bottom:
                name = escape(heading.title, quote=False)
                tokens.append({"level": level, "id": heading.anchor or "", "name": name,
                               "html": name, "data-toc-label": ""})  # fmt: skip
        elif (
            isinstance(element.tag, str)
            and toc.header_rgx.match(element.tag)
            and toc.toc_top <= int(element.tag[-1]) <= toc.toc_bottom
        ):
            token = next(own, None)
            if token is not None:
                tokens.append(token)
    tokens += own  # (none left, unless another extension changed the headings meanwhile)
    return nest_toc_tokens(tokens)


def _flat(tokens: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """``toc``'s nested tokens in order, each without its children."""
    for token in tokens:
        yield {key: value for key, value in token.items() if key != "children"}
        yield from _flat(token.get("children", []))


def _find_whole_lines(source: str, text: str, start: int) -> int:
    """Where ``text`` stands on lines of its own in ``source``, from ``start`` (-1: nowhere)."""
    found = source.find(text, start)
    while found >= 0:
        end = found + len(text)
        starts_line = found == 0 or source[found - 1] == "\n"
        if starts_line and (end == len(source) or source[end] == "\n"):
            return found
        found = source.find(text, found + 1)
    return -1
