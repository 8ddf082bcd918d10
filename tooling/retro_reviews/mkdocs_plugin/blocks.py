"""Generated HTML passed through Python-Markdown as it is, not parsed again.

A generated page is Markdown with large raw HTML blocks (a listing page of a big library
holds thousands of tags). Python-Markdown finds where each raw block ends by running an HTML
parser over it, and MkDocs runs one more over the whole page to collect anchors: at a
thousand reviews those two parsers took about half of the build. The core already knows
which blocks are whole raw HTML blocks (:attr:`retro_reviews.render.page.Page.blocks`), so
this extension puts them straight into Python-Markdown's stash of raw HTML, the documented
way an extension keeps HTML from being parsed, before either parser runs. What the page
becomes is unchanged: a stashed block is written back as it was, as a raw block would be.

The page's Markdown still goes to MkDocs as it is, so other plugins see and may change it;
a block that is no longer found word for word is left for Python-Markdown to parse.
"""

from __future__ import annotations

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

from ..render.page import Page

# After Python-Markdown's whitespace normalisation (priority 30), before MkDocs' anchor
# collector (21) and Python-Markdown's raw HTML block parser (20).
PRIORITY = 25


class GeneratedBlocks(Extension):
    """Set :attr:`page` before a page is converted (``None``: a page written by hand)."""

    def __init__(self) -> None:
        super().__init__()
        self.page: Page | None = None

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        md.preprocessors.register(_Stash(md, self), "retro_generated_blocks", PRIORITY)


class _Stash(Preprocessor):
    def __init__(self, md: Markdown, extension: GeneratedBlocks) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        page = self.extension.page
        if page is None:
            return lines
        source = "\n".join(lines)
        out: list[str] = []
        at = 0
        for block in page.blocks:
            if not block.html:
                continue
            html = block.text.strip("\n")
            found = _find_whole_lines(source, html, at)
            if found < 0:
                continue
            placeholder = self.md.htmlStash.store(html + "\n")
            out.append(source[at:found])
            out.append(f"\n\n{placeholder}\n\n")
            at = found + len(html)
        if not out:
            return lines
        out.append(source[at:])
        return "".join(out).split("\n")


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
