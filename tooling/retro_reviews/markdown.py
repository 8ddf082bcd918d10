"""The little Markdown knowledge retro needs: sections under headings, HTML-comment
prompts, and how a browser reads a link's scheme.

A section is found under a heading of level 1 to 3, ATX (``## Timeline``) or setext (a line
underlined with ``===`` or ``---``). It holds everything up to the next heading of the same or
a higher level, so ``### Day one`` under ``## Timeline`` is part of the timeline.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache

_IGNORED_IN_URL = re.compile(r"[\x00-\x20\x7f]+")
URL_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


def url_as_read(url: str) -> str:
    """``url`` as a browser reads its scheme: character references decoded, and the control
    characters and spaces it drops or skips taken out (``"\\x01java script:"`` is a
    ``javascript:`` link)."""
    return _IGNORED_IN_URL.sub("", html.unescape(url))


ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t#]*$")
SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")
COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
SECTION_LEVELS = 3
_MARKERS = set("#=-`~<>*+|")  # first characters of lines that may matter here
MAX_HEADING = 200
# Leading numbering ("1.", "2)", "3.1", "IV.", "A.") and a trailing qualifier ("(all times
# UTC)", "[draft]", ": the details") set aside when a heading is compared with a section name.
_NUMBERING = re.compile(r"^(?:\d+(?:\.\d+)*[.):]?|[ivxlc]+[.)]|[a-z][.)])\s+", re.IGNORECASE)
_QUALIFIER = re.compile(
    r"\s*(?:\([^()]*\)|\[[^\[\]]*\]|[:\u2013\u2014]\s.*|\s[-\u2013\u2014]\s.*)$"
)


@dataclass(frozen=True)
class Section:
    title: str
    line: int  # file line of the heading
    content: str
    level: int = 2

    @property
    def key(self) -> str:
        return heading_key(self.title)

    @property
    def answered(self) -> bool:
        """True when the section says something besides the template's prompts."""
        return bool(strip_prompts(self.content).strip())

    @property
    def heading(self) -> str:
        """The heading as written in ATX form (``## Timeline``)."""
        return "#" * self.level + " " + self.title


@lru_cache(maxsize=4096)  # the same few headings come back in every review
def heading_key(title: str) -> str:
    """A heading's text as it compares with a section name: without leading numbering or
    emoji, a trailing qualifier, emphasis, case and extra spaces."""
    # A section name is a few words: a longer heading cannot match one, and is cut short so
    # that a hostile line costs no more than an ordinary one.
    text = title[:MAX_HEADING].replace("*", "").replace("_", " ").replace("`", "").strip()
    text = text.lstrip("".join(ch for ch in text[:8] if not ch.isalnum() and ch != "("))
    previous = None
    while previous != text:
        previous = text
        text = _NUMBERING.sub("", text).strip()
        text = text.lstrip("".join(ch for ch in text[:8] if not ch.isalnum())).strip()
    text = _QUALIFIER.sub("", text).strip()
    text = text.rstrip(" .:!?\u2013\u2014-")
    while text and not text[-1].isalnum() and text[-1] not in ")]":
        text = text[:-1]  # a trailing emoji
    return " ".join(text.casefold().split())


def strip_prompts(text: str) -> str:
    """``text`` without HTML comments (the templates' prompts)."""
    return COMMENT.sub("", text)


@dataclass(frozen=True)
class Heading:
    title: str
    level: int
    index: int  # line index in the body


def headings(body: str) -> list[Heading]:
    """Every heading of ``body`` (levels 1 to 6, ATX and setext), outside code fences."""
    found: list[Heading] = []
    fence: str | None = None
    lines = body.split("\n")
    previous_text: str | None = None  # a paragraph line that a setext underline may take
    for index, line in enumerate(lines):
        first = line.lstrip(" \t")[:1]
        if first not in _MARKERS:  # a plain line: only a setext underline could follow
            stripped = line.strip()
            previous_text = stripped if stripped and not line.startswith("    ") else None
            continue
        opened = FENCE.match(line)
        if fence is not None:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = None
            previous_text = None
            continue
        if opened:
            fence = opened.group(1)
            previous_text = None
            continue
        atx = ATX.match(line)
        if atx and (atx.group(2) or "").strip():
            found.append(Heading(atx.group(2).strip(), len(atx.group(1)), index))
            previous_text = None
            continue
        underline = SETEXT.match(line)
        if underline and previous_text is not None:
            level = 1 if underline.group(1)[0] == "=" else 2
            found.append(Heading(previous_text, level, index - 1))
            previous_text = None
            continue
        stripped = line.strip()
        starts_block = stripped.startswith(("<", ">", "-", "*", "+", "|")) or not stripped
        previous_text = stripped if not starts_block and not line.startswith("    ") else None
    return found


def split_sections(body: str, first_line: int = 1, levels: int = SECTION_LEVELS) -> list[Section]:
    """The sections of ``body`` under headings of level 1 to ``levels``; each holds its text
    up to the next heading of the same or a higher level. ``first_line`` is the file line
    of the body's first line."""
    lines = body.split("\n")
    found = [h for h in headings(body) if h.level <= levels]
    ends = [len(lines)] * len(found)
    open_positions: list[int] = []  # headings whose section is still open, outermost first
    for position, heading in enumerate(found):
        while open_positions and found[open_positions[-1]].level >= heading.level:
            ends[open_positions.pop()] = heading.index
        open_positions.append(position)
    sections = []
    for heading, end in zip(found, ends, strict=True):
        start = heading.index + (2 if _is_setext(lines, heading) else 1)
        content = "\n".join(lines[start:end])
        sections.append(Section(heading.title, first_line + heading.index, content, heading.level))
    return sections


def _is_setext(lines: list[str], heading: Heading) -> bool:
    following = heading.index + 1
    return not ATX.match(lines[heading.index]) and following < len(lines)
