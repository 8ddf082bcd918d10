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
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.blockparser import BlockParser
from markdown.blockprocessors import BlockProcessor
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor
from markdown.util import AtomicString

from ..render.page import Page

# After Python-Markdown's whitespace normalisation (priority 30), before MkDocs' anchor
# collector (21) and Python-Markdown's raw HTML block parser (20).
PRIORITY = 25
# A placeholder paragraph: before every block processor but the one for empty blocks (100).
PLACEHOLDER_PRIORITY = 95


class GeneratedBlocks(Extension):
    """Set :attr:`page` before a page is converted (``None``: a page written by hand)."""

    def __init__(self) -> None:
        super().__init__()
        self.page: Page | None = None

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        stashed: set[str] = set()  # this Markdown's placeholders for generated blocks
        md.preprocessors.register(_Stash(md, self, stashed), "retro_generated_blocks", PRIORITY)
        md.parser.blockprocessors.register(
            _Placeholder(md.parser, stashed), "retro_generated_placeholder", PLACEHOLDER_PRIORITY
        )


class _Stash(Preprocessor):
    def __init__(self, md: Markdown, extension: GeneratedBlocks, stashed: set[str]) -> None:
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
            self.stashed.add(placeholder)
            out.append(source[at:found])
            out.append(f"\n\n{placeholder}\n\n")
            at = found + len(html)
        if not out:
            return lines
        out.append(source[at:])
        return "".join(out).split("\n")


class _Placeholder(BlockProcessor):
    """A generated block's placeholder paragraph, at the top of the page, with its text
    marked atomic (what Python-Markdown's paragraph processor makes, less the inline work)."""

    def __init__(self, parser: BlockParser, stashed: set[str]) -> None:
        super().__init__(parser)
        self.stashed = stashed

    def test(self, parent: etree.Element, block: str) -> bool:
        return (
            block in self.stashed
            and parent is self.parser.root
            and not self.parser.state.isstate("list")
        )

    def run(self, parent: etree.Element, blocks: list[str]) -> None:
        etree.SubElement(parent, "p").text = AtomicString(blocks.pop(0))


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
