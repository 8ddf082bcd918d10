"""Set the generated raw HTML blocks of a page aside while Markdown converts the rest.

Python-Markdown parses every raw HTML block tag by tag (to find where it ends) only to put
it back unchanged; on a review page that is half of the conversion. The blocks this package
writes are complete and escaped (see :mod:`retro.render.escape`), so an adapter may swap each
for a one-token comment before conversion and put it back after. Only generated text may go
through this: a review's body must be converted (and sanitised) as written.
"""

from __future__ import annotations

import re

# A raw HTML block as the renderers write it: a line starting with one of these tags, up to
# the next blank line (or the end of the text).
_BLOCK = re.compile(
    r"^<(?:table|ul|ol|p|div)\b.*?(?=\n[ \t]*(?:\n|\Z)|\Z)", re.MULTILINE | re.DOTALL
)
_PLACEHOLDER = re.compile(r"<!--retro-block:(\d+)-->")


def lift_blocks(markdown: str) -> tuple[str, list[str]]:
    """``markdown`` with each raw HTML block replaced by a placeholder, and the blocks."""
    blocks: list[str] = []

    def keep(match: re.Match[str]) -> str:
        blocks.append(match.group(0))
        return f"<!--retro-block:{len(blocks) - 1}-->"

    return _BLOCK.sub(keep, markdown), blocks


def restore_blocks(html: str, blocks: list[str]) -> str:
    """``html`` with each placeholder replaced by its block (unknown ones are dropped)."""
    if not blocks:
        return html

    def put_back(match: re.Match[str]) -> str:
        index = int(match.group(1))
        return blocks[index] if index < len(blocks) else ""

    return _PLACEHOLDER.sub(put_back, html)
