"""The blocks inside a section: pipe tables, list items and paragraphs, with their lines."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .outline import LIST_MARK

_DIVIDER = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_TASK = re.compile(r"^\s*[-*+]\s+\[(?P<mark>[ xX])\]\s+(?P<text>.*)$")
_TOP_ITEM = re.compile(r"^ {0,3}(?:[-*+]|\d{1,3}[.)])\s+(?P<text>.*)$")
_HTML_ITEM = re.compile(r"^\s*<li(?:\s[^>]*)?>(?P<text>.*?)(?:</li>)?\s*$", re.I)
_TAGS = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Table:
    header: list[str]
    rows: list[tuple[int, list[str]]]  # (line index, cells)
    line: int  # line index of the header


@dataclass(frozen=True)
class Item:
    text: str  # the item's words, continuation lines joined
    line: int
    task: str | None = None  # " " or "x" for a task list item
    indent: int = 0  # columns before its mark: a nested task item is deeper than its parent


def is_divider(line: str) -> bool:
    """A pipe table's divider row (``|---|:--:|``, with or without outer pipes)."""
    return bool(_DIVIDER.match(line)) and "-" in line


def split_cells(line: str) -> list[str]:
    body = line.strip()
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|") and not body.endswith("\\|"):
        body = body[:-1]
    return [cell.strip() for cell in re.split(r"(?<!\\)\|", body)]


_TABLE_START = re.compile(r"<table\b", re.I)
_TABLE_END = re.compile(r"</table\s*>", re.I)
_ROW = re.compile(r"<tr\b[^>]*>(.*?)(?:</tr\s*>|(?=<tr\b)|$)", re.I | re.S)
_CELL = re.compile(r"<t([hd])\b[^>]*>(.*?)(?:</t[hd]\s*>|(?=<t[hd]\b)|$)", re.I | re.S)


def _html_table(lines: list[str], index: int, stop: int) -> tuple[Table | None, int]:
    """The HTML ``<table>`` that starts on line ``index`` (an exported page's), read as a
    table of cells' text, and the index after it."""
    end = index
    while end < stop - 1 and not _TABLE_END.search(lines[end]):
        end += 1
    text = "\n".join(lines[index : end + 1])
    rows: list[tuple[int, list[str]]] = []
    for row in _ROW.finditer(text):
        cells = [_cell_text(cell.group(2)) for cell in _CELL.finditer(row.group(1))]
        if cells:
            rows.append((index + text.count("\n", 0, row.start()), cells))
    if len(rows) < 2:
        return None, end + 1
    (line, header), body = rows[0], rows[1:]
    return Table(header, body, line), end + 1


def _cell_text(html: str) -> str:
    return " ".join(_TAGS.sub(" ", html).split())


def tables(lines: list[str], start: int, stop: int) -> list[Table]:
    """Pipe tables between ``start`` and ``stop`` (line indexes), and HTML tables."""
    found: list[Table] = []
    index = start
    while index < stop - 1:
        line = lines[index]
        if _TABLE_START.search(line):
            table, index = _html_table(lines, index, stop)
            if table is not None:
                found.append(table)
            continue
        if "|" in line and is_divider(lines[index + 1]):
            header = split_cells(line)
            rows: list[tuple[int, list[str]]] = []
            index += 2
            while index < stop and "|" in lines[index] and lines[index].strip():
                rows.append((index, split_cells(lines[index])))
                index += 1
            found.append(Table(header, rows, index - len(rows) - 2))
            continue
        index += 1
    return found


def items(lines: list[str], start: int, stop: int, skip: set[int]) -> list[Item]:
    """Top-level list items and task items at any depth (task items marked), continuation
    lines joined: a checkbox is always an item of its own."""
    found: list[Item] = []
    current: list[str] = []
    line_of = 0
    task: str | None = None

    def close() -> None:
        text = " ".join(current).strip()
        if text:
            found.append(Item(text, line_of, task, _indent(lines[line_of])))

    for index in range(start, stop):
        if index in skip:
            continue
        line = lines[index]
        html = _HTML_ITEM.match(line)
        if html:  # <li> of an exported page: one item per line
            close()
            current, line_of, task = [_TAGS.sub("", html.group("text")).strip()], index, None
            continue
        tick = _TASK.match(line)
        listed = tick or _TOP_ITEM.match(line)
        if listed is not None:
            close()
            task = tick.group("mark").lower().strip() or " " if tick else None
            current, line_of = [listed.group("text").strip()], index
        elif current and line.strip().startswith("|"):
            close()
            current = []
        elif current and line.strip():
            if line.startswith((" ", "\t")):  # a continuation line of the item
                current.append(LIST_MARK.sub("", line.strip(), count=1))
            else:  # a paragraph after the list
                close()
                current = []
        elif current and not _list_goes_on(lines, index + 1, stop):
            close()
            current = []
    close()
    return found


def _indent(line: str) -> int:
    return len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip())


def _list_goes_on(lines: list[str], index: int, stop: int) -> bool:
    """After a blank line, the list goes on with an indented line or another item."""
    if index >= stop:
        return False
    return lines[index].startswith((" ", "\t")) or bool(_TOP_ITEM.match(lines[index]))


def paragraphs(lines: list[str], start: int, stop: int, skip: set[int]) -> list[tuple[int, str]]:
    """Paragraphs as ``(first line index, text)``; blank lines separate them."""
    found: list[tuple[int, str]] = []
    current: list[str] = []
    first = 0
    for index in range(start, stop + 1):
        line = lines[index] if index < stop and index not in skip else ""
        if line.strip():
            if not current:
                first = index
            current.append(line.strip())
        elif current:
            found.append((first, " ".join(current)))
            current = []
    return found
