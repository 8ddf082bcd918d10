"""The outline of an old postmortem: its headings, whatever they look like, and what each
one holds.

Headings come as ATX (``## Impact``), setext (a line underlined with ``===`` or ``---``),
``<summary>`` lines of ``<details>`` blocks, and labels that start a line (``Root cause:``,
``**Impact:** ...``): the Google SRE template writes its sections that way. Fenced code and
HTML comments hold no headings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cached_property

from .synonyms import SectionTable

ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
SUMMARY = re.compile(r"<summary>(.*?)</summary>", re.I)
HTML_HEADING = re.compile(r"^\s{0,3}<h([1-6])(?:\s[^>]*)?>(.*?)</h\1>\s*$", re.I)
DETAILS_END = re.compile(r"</details>", re.I)
DETAILS_START = re.compile(r"^\s*<details(?:\s[^>]*)?>\s*$", re.I)
_BREAK = re.compile(r"<br\s*/?>", re.I)  # a line break in HTML: a space in a field
# A link's target that is a path relative to the original document ("img/latency.png",
# "../runbooks/failover.md"), not an address, an anchor or a path from the site's root:
# from the review's page it leads nowhere.
RELATIVE_TARGET = r"(?![a-z][a-z0-9+.-]*:|#|/)"
_RELATIVE_LINK = re.compile(
    rf"!?\[(?P<text>[^\]\n]*)\]\(\s*<?{RELATIVE_TARGET}[^)\s>]+>?(?:\s+[\"'(][^)\n]*)?\)",
    re.I,
)
_CODE_SPAN = re.compile(r"(`+[^`]*`+)")


def unlinked(line: str) -> str:
    """``line`` with its relative links as their text and its relative images as their
    description (code spans left as written)."""
    if "](" not in line:
        return line
    parts = _CODE_SPAN.split(line)  # code spans (odd places) are left as written
    return "".join(
        part if n % 2 else _RELATIVE_LINK.sub(lambda m: m.group("text"), part)
        for n, part in enumerate(parts)
    )


# What is no text of a field: a disclosure's markup (<details ...>, </details>, <summary>),
# images (![alt](src), <img ...>), which stay in the body, where their paths lead, and the
# tags of HTML that wraps or styles text.
_DISCLOSURE = re.compile(
    r"</?details(?:\s[^>]*)?>|<summary(?:\s[^>]*)?>.*?</summary>"
    r"|!\[[^\]\n]*\]\([^)\n]*\)|<img\b[^>]*>"
    # and the tags of HTML that only wraps or styles text (an HTML export's <p>...</p>)
    r"|</?(?:p|div|span|strong|b|em|i|u|small|font|section|article|center)\b[^>]*>",
    re.I,
)
LIST_MARK = re.compile(r"^\s{0,3}(?:[-*+]|\d{1,3}[.)])\s+")
_LABEL = re.compile(
    r"^(?:\*\*|__)?(?P<label>[A-Za-z][\w '’/&()?.-]{0,58}?)"
    r"(?:(?:\*\*|__)\s*:|:\s*(?:\*\*|__)?|\s*(?:\*\*|__)\s*$)(?P<rest>.*)$"
)
# What stands between labels on one line: "Date: ... · Severity: ...", " | ", " — ".
_LABELS_APART = re.compile(r"\s+[·|—]\s+")
_TAGS = re.compile(r"<[^>]+>")
DETAILS_LEVEL, LABEL_LEVEL = 7, 8


@dataclass(frozen=True)
class Heading:
    """One heading of the document."""

    index: int  # index of its (first) line in the body
    end: int  # index of its last line (the underline of a setext heading)
    level: int  # 1-6; DETAILS_LEVEL for <summary>, LABEL_LEVEL for a label
    text: str
    style: str  # "atx", "setext", "html", "details", "label"
    section: str | None  # what it means (synonyms), or None
    # A label's text after the colon, on the same line; so for a heading that carries its
    # answer after a known label ("### Summary: Checkout failed.", "### Date: 2022-11-08").
    inline: str = ""

    @property
    def label(self) -> str:
        """What it names: ``Date`` of ``Date: ...`` and of ``### Date: 2022-11-08``."""
        match = _LABEL.match(self.text) if self.style != "label" and self.inline else None
        return match.group("label").strip() if match else self.text

    def describe(self) -> str:
        """How the report names it: ``'## Root cause'`` or ``'Root cause:'``."""
        if self.style == "atx" or self.style == "setext":
            return f"'{'#' * self.level} {self.text.strip()}'"
        if self.style == "html":
            return f"'<h{self.level}>{self.text.strip()}</h{self.level}>'"
        if self.style == "details":
            return f"'<summary>{self.text.strip()}</summary>'"
        return f"'{self.text.strip()}:'"


@dataclass(frozen=True)
class Section:
    """A heading and the lines it holds (up to the next heading of its level or above)."""

    heading: Heading
    start: int  # first content line index
    stop: int  # one past the last content line index
    # Lines of its subsections that mean another section ("### Where we got lucky" under
    # "## Lessons learned"): they stay in the body, but do not fill this section's field.
    others: frozenset[int] = frozenset()


@dataclass
class Outline:
    lines: list[str]
    headings: list[Heading]
    code: set[int]  # indexes of lines inside fenced code or HTML comments

    @cached_property
    def text(self) -> list[str]:
        """The lines as a field reads them: a disclosure's ``<details>``, ``</details>``
        and ``<summary>`` markup, images and the tags of HTML that wraps text (``<p>``,
        ``<strong>``...) taken out, and relative links as their text (outside code), one line
        for each line."""
        return [
            line if index in self.code else unlinked(_DISCLOSURE.sub("", _BREAK.sub(" ", line)))
            for index, line in enumerate(self.lines)
        ]

    def sections(self) -> list[Section]:
        found = []
        for position, heading in enumerate(self.headings):
            stop = len(self.lines)
            for later in self.headings[position + 1 :]:
                if later.level <= heading.level or heading.level >= DETAILS_LEVEL:
                    stop = later.index
                    break
            if heading.level >= DETAILS_LEVEL:
                for index in range(heading.end + 1, stop):
                    end = DETAILS_END.search(self.lines[index])
                    if end:
                        # "... at once.</details>": the line's text is the section's.
                        said = self.lines[index][: end.start()].strip()
                        stop = index + 1 if said else index
                        break
            found.append(Section(heading, heading.end + 1, stop))
        return [
            _with_others(section, found[position + 1 :], self.lines)
            for position, section in enumerate(found)
        ]


def _with_others(section: Section, later: list[Section], lines: list[str]) -> Section:
    """``section`` with the lines of its subsections that mean another section; ``later``
    are the sections after it, in order (its subsections come first among them)."""
    key = section.heading.section
    if key is None:
        return section
    others: set[int] = set()
    for inner in later:
        index = inner.heading.index
        if index >= section.stop:
            break
        meaning = inner.heading.section
        if section.start <= index and meaning is not None and meaning != key:
            stop = max(inner.stop, inner.heading.end + 1)
            if inner.heading.level >= DETAILS_LEVEL and inner.heading.style == "details":
                # The <details> lines around it are the subsection's, not this text.
                if index > section.start and DETAILS_START.match(lines[index - 1]):
                    index -= 1
                if stop < section.stop and DETAILS_END.search(lines[stop]):
                    stop += 1
            others.update(range(index, stop))
    return Section(section.heading, section.start, section.stop, frozenset(others))


def read_outline(body: str, table: SectionTable, meta_labels: frozenset[str]) -> Outline:
    """Headings of ``body``; labels count before the first heading for ``meta_labels``
    (``date``, ``authors``...) and anywhere for a section's name."""
    lines = body.split("\n")
    headings: list[Heading] = []
    code: set[int] = set()
    fence: str | None = None
    in_comment = False
    seen_section = False
    for index, line in enumerate(lines):
        if fence is not None:
            code.add(index)
            closing = FENCE.match(line)
            if closing and closing.group(1)[0] == fence[0] and len(closing.group(1)) >= len(fence):
                fence = None
            continue
        if in_comment:
            code.add(index)
            in_comment = "-->" not in line
            continue
        opened = FENCE.match(line)
        if opened:
            fence = opened.group(1)
            code.add(index)
            continue
        if line.lstrip().startswith("<!--") and "-->" not in line:
            in_comment = True
            code.add(index)
            continue
        # After the first section, only a bold "**Severity:** High" line is metadata: a plain
        # "Owner: ..." there is more likely part of the section's text. Right after a label,
        # though, a label line is the next label: "Responders: @a" then "Severity: High".
        after_label = _label_run(lines, headings)
        bold = line.lstrip().startswith(("**", "__"))
        labels = meta_labels if not seen_section or bold or after_label is not None else None
        # A list item is a label before the first section, and in a list of labels.
        items = not seen_section or bool(after_label)
        found = _headings_at(lines, index, table, labels, items)
        if not found:
            continue
        if headings and headings[-1].end >= found[0].index:
            continue  # the underline of a setext heading already taken
        headings.extend(found)
        seen_section = seen_section or any(h.section is not None for h in found)
    return Outline(lines, _qualifiers(headings, lines, code), code)


def _qualifiers(headings: list[Heading], lines: list[str], code: set[int]) -> list[Heading]:
    """``headings``, where a heading's words after its label's colon are no answer but a
    qualifier: short, with no full stop, and text under the heading ("## Impact: EU
    customers" followed by a paragraph). "### Summary: Checkout failed." keeps its answer."""
    out: list[Heading] = []
    for position, heading in enumerate(headings):
        if heading.inline and heading.style != "label":
            stop = headings[position + 1].index if position + 1 < len(headings) else len(lines)
            below = any(lines[i].strip() and i not in code for i in range(heading.end + 1, stop))
            short = len(heading.inline.split()) <= 5 and not heading.inline.rstrip().endswith(
                (".", "!", "?")
            )
            if below and short:
                heading = replace(heading, inline="")
        out.append(heading)
    return out


def _label_run(lines: list[str], headings: list[Heading]) -> bool | None:
    """Whether the lines so far end in a label's text: ``None`` when they do not, else
    whether that label is a list item ("- **Summary**: ...", in a list of labels)."""
    if not headings or headings[-1].style != "label":
        return None
    return bool(LIST_MARK.match(lines[headings[-1].index]))


def _headings_at(
    lines: list[str],
    index: int,
    table: SectionTable,
    meta_labels: frozenset[str] | None,
    items: bool,
) -> list[Heading]:
    """The heading that starts at line ``index``, or the labels of a line of several."""
    heading = _heading_at(lines, index, table)
    if heading is not None:
        return [_answered(heading, table, meta_labels)]
    return _labels_at(lines[index], index, table, meta_labels, items)


def _heading_at(lines: list[str], index: int, table: SectionTable) -> Heading | None:
    line = lines[index]
    atx = ATX.match(line)
    if atx:
        text = (atx.group(2) or "").strip()
        if not text:
            return None
        return Heading(index, index, len(atx.group(1)), text, "atx", table.section_of(text))
    if index + 1 < len(lines) and line.strip() and _could_be_setext(lines, index):
        underline = SETEXT.match(lines[index + 1])
        if underline:
            level = 1 if underline.group(1)[0] == "=" else 2
            text = line.strip()
            return Heading(index, index + 1, level, text, "setext", table.section_of(text))
    html = HTML_HEADING.match(line)
    if html:
        text = _TAGS.sub("", html.group(2)).strip()
        if text:
            return Heading(index, index, int(html.group(1)), text, "html", table.section_of(text))
    summary = SUMMARY.search(line)
    if summary:
        text = _TAGS.sub("", summary.group(1)).strip()
        if text:
            section = table.section_of(text)
            return Heading(index, index, DETAILS_LEVEL, text, "details", section)
    return None


def _answered(heading: Heading, table: SectionTable, meta_labels: frozenset[str] | None) -> Heading:
    """``heading`` with the answer it carries after a known label and a colon, as a label
    line's: "Checkout failed." of "### Summary: Checkout failed.", "2022-11-08" of
    "### Date: 2022-11-08" (where a label line would be metadata)."""
    match = _LABEL.match(heading.text)
    if match is None or not _rest(match) or heading.section == "timeline":
        return heading  # "## Timeline: all times UTC" qualifies the times: it is no event
    label = match.group("label").strip()
    if heading.section is not None:
        known = table.section_of(label) == heading.section
    else:
        known = meta_labels is not None and label_key(label) in meta_labels
    return replace(heading, inline=_rest(match)) if known else heading


def _could_be_setext(lines: list[str], index: int) -> bool:
    line = lines[index]
    if LIST_MARK.match(line) or line.lstrip().startswith(("|", ">", "<", "#")):
        return False
    if SETEXT.match(line):
        return False
    return index == 0 or not lines[index - 1].strip() or bool(ATX.match(lines[index - 1]))


def _labels_at(
    line: str, index: int, table: SectionTable, meta_labels: frozenset[str] | None, items: bool
) -> list[Heading]:
    """The label a line starts with; or its labels, when it is several known labels apart
    (``**Date:** 2023-03-18 · **Severity:** High``, ``Date: ... | Authors: ...``)."""
    if LIST_MARK.match(line) and not items:
        return []  # "- Impact: ..." in a list is an item of that list, not a section
    stripped = re.sub(r"^\s{0,3}>\s?", "", line)  # "> **Date:** ..." in a quoted header
    stripped = LIST_MARK.sub("", stripped, count=1).strip()
    stripped = re.sub(r"^<p>\s*|\s*</p>$", "", stripped, flags=re.I)  # an exported page
    whole = _label_at(stripped, index, table, meta_labels)
    if whole is None:
        return []
    parts = [_label_at(part, index, table, meta_labels) for part in _LABELS_APART.split(stripped)]
    several = [part for part in parts if part is not None]
    return several if len(several) == len(parts) > 1 else [whole]


def _label_at(
    stripped: str, index: int, table: SectionTable, meta_labels: frozenset[str] | None
) -> Heading | None:
    """The label ``stripped`` (a line without its quote or list mark) starts with."""
    match = _LABEL.match(stripped)
    if not match:
        return None
    label = match.group("label").strip()
    section = table.section_of(label)
    if section is None and not (meta_labels and label_key(label) in meta_labels):
        return None
    return Heading(index, index, LABEL_LEVEL, label, "label", section, _rest(match))


def _rest(label: re.Match[str]) -> str:
    """A label's text after its colon, without emphasis around it."""
    return label.group("rest").strip().strip("*_").strip()


def label_key(label: str) -> str:
    """``date`` for ``Date``, ``incident date`` for ``**Incident Date**``."""
    return " ".join(re.sub(r"[*_`:]+", " ", label).casefold().split())
