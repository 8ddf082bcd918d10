"""The little Markdown knowledge retro needs: level-2 sections and HTML-comment prompts."""

from __future__ import annotations

import re
from dataclasses import dataclass

HEADING = re.compile(r"^##[ \t]+(.+?)[ \t#]*$")
FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")
COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


@dataclass(frozen=True)
class Section:
    title: str
    line: int  # file line of the heading
    content: str

    @property
    def key(self) -> str:
        return heading_key(self.title)

    @property
    def answered(self) -> bool:
        """True when the section says something besides the template's prompts."""
        return bool(strip_prompts(self.content).strip())


def heading_key(title: str) -> str:
    return " ".join(title.casefold().split())


def strip_prompts(text: str) -> str:
    """``text`` without HTML comments (the templates' prompts)."""
    return COMMENT.sub("", text)


def split_sections(body: str, first_line: int = 1) -> list[Section]:
    """The ``## `` sections of ``body``, whose first line is file line ``first_line``."""
    sections: list[Section] = []
    title: str | None = None
    start = 0
    content: list[str] = []
    fence: str | None = None
    for offset, line in enumerate(body.split("\n")):
        opened = FENCE.match(line)
        if fence is not None:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = None
            content.append(line)
            continue
        if opened:
            fence = opened.group(1)
            content.append(line)
            continue
        match = HEADING.match(line)
        if match:
            if title is not None:
                sections.append(Section(title, start, "\n".join(content)))
            title, start, content = match.group(1), first_line + offset, []
        else:
            content.append(line)
    if title is not None:
        sections.append(Section(title, start, "\n".join(content)))
    return sections
