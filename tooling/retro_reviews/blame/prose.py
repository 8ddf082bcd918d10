"""The author's own prose in a review, as words with their places.

What is not the author's voice is blanked out (replaced by spaces, so every offset still
points into the file): HTML comments, code spans and fenced code, quotations (a customer's
words, a chat message in a blockquote), URLs, HTML tags, front-matter keys and YAML
comments. Sentences, list items, table cells and headings end where Markdown ends them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import words as W

_FENCED = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})[^\n]*\n.*?(?:^[ \t]{0,3}\1[ \t]*$|\Z)", re.S | re.M)
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
_CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.S)
_URL = re.compile(r"\b(?:https?|ftp|mailto):[^\s)>\]]+|\bwww\.[^\s)>\]]+")
_LINK_TARGET = re.compile(r"\]\([^)\n]*\)")
_TAG = re.compile(r"</?[A-Za-z][^>\n]*>")
_BLOCKQUOTE = re.compile(r"^[ \t]{0,3}>[^\n]*", re.M)
# Quotations: straight or curly double quotes within a paragraph, and single quotes that
# open before a word and close after one (an apostrophe in "Bob's" or "don't" is neither).
_DOUBLE = re.compile(r"\"[^\"\n]{1,400}?\"|“[^”]{1,400}?”|„[^“”]{1,400}?[“”]|«[^»]{1,400}?»")
_SINGLE = re.compile(
    r"(?<![\w'’])'(?=\S)[^'\n]{1,200}?(?<=[\w.!?,)\]])'(?![\w'’])"
    r"|(?<![\w'’])‘(?=\S)[^‘’\n]{1,200}?(?<=[\w.!?,)\]])’(?![\w'’])"
)
_YAML_KEY = re.compile(r"^[ \t]*(?:-[ \t]+)?([A-Za-z_][\w-]*[ \t]*:)(?=[ \t]|$)", re.M)
_YAML_COMMENT = re.compile(r"^[ \t]*#[^\n]*", re.M)
_YAML_DELIMITER = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.M)
# The quotes around a YAML scalar are syntax, not a quotation.
_YAML_QUOTED = re.compile(r"^[ \t]*(?:-[ \t]+)?([\"'])(?=.*\1[ \t]*$).*(\1)[ \t]*$", re.M)
_YAML_FLOW_QUOTES = re.compile(
    r"(?<=[\[,])[ \t]*([\"'])|([\"'])(?=[ \t]*[,\]][ \t]*(?:$|[\"'\[]))", re.M
)

# A word (with inner apostrophes and hyphens, an @handle) or one punctuation mark. A time
# ("09:00") or a number with separators ("4,000") is one word: its colon or comma ends nothing.
TOKEN = re.compile(
    r"\d{1,2}:\d{2}(?::\d{2})?\b|\d{1,3}(?:,\d{3})+\b"
    r"|[A-Za-z]/[A-Za-z]\b|@?[A-Za-z0-9][\w'’-]*|[.,;:!?()\[\]|—–]"
)
_ABBREVIATIONS = W.words("e.g i.e etc vs approx dr mr mrs ms st no nr fig cf al inc ltd jr sr")
_BREAK = re.compile(r"\n[ \t]*\n|\n(?=[ \t]*(?:[-*+][ \t]|\d+[.)][ \t]|#|\|))")
_LINE_PREFIX = re.compile(r"^[ \t]*(?:#{1,6}[ \t]|[-*+][ \t]|\d+[.)][ \t])", re.M)


def _spaces(match: re.Match[str]) -> str:
    value = match.group(0)
    return " " * len(value) if "\n" not in value else re.sub(r"[^\n]", " ", value)


def _blank_groups(text: str, pattern: re.Pattern[str]) -> str:
    chars = list(text)
    for match in pattern.finditer(text):
        for group in (1, 2):
            if match.start(group) >= 0:
                chars[match.start(group)] = " "
    return "".join(chars)


# (a character the pattern needs, the pattern): a cheap test skips most patterns.
_BODY = (
    ("`", _FENCED),
    ("~", _FENCED),
    ("<", _COMMENT),
    ("`", _CODE_SPAN),
    (":", _URL),
    ("www.", _URL),
    ("](", _LINK_TARGET),
    ("<", _TAG),
    (">", _BLOCKQUOTE),
)
_QUOTES = (
    ('"', _DOUBLE),
    ("“", _DOUBLE),
    ("„", _DOUBLE),
    ("«", _DOUBLE),
    ("'", _SINGLE),
    ("‘", _SINGLE),
)


@dataclass(frozen=True)
class Prose:
    """A piece of a review with only the author's prose left. In the front matter
    (``lines=True``) each line is a value of its own."""

    text: str
    lines: bool = False


def body_prose(text: str) -> Prose:
    """A piece of the Markdown body with everything but the author's own prose blanked."""
    for needle, pattern in _BODY:
        if needle in text:
            text = pattern.sub(_spaces, text)
    for needle, pattern in _QUOTES:
        if needle in text:
            text = pattern.sub(_spaces, text)
    return Prose(_LINE_PREFIX.sub(_spaces, text))


def yaml_prose(text: str) -> Prose:
    """Lines of the front matter with only the values' prose left: no keys, no comments,
    no quotes around a value (quotations inside a value are blanked like the body's)."""
    text = _YAML_DELIMITER.sub(_spaces, text)
    if "#" in text:
        text = _YAML_COMMENT.sub(_spaces, text)
    text = _YAML_KEY.sub(
        lambda m: m.group(0)[: m.start(1) - m.start()] + " " * len(m.group(1)), text
    )
    if "'" in text or '"' in text:
        text = _blank_groups(text, _YAML_QUOTED)
        text = _blank_groups(text, _YAML_FLOW_QUOTES)
    prose = body_prose(text)
    return Prose(prose.text, lines=True)


@dataclass(slots=True)
class Word:
    """One token: its text, where it starts in the file, and whether a sentence starts there."""

    text: str
    start: int
    lower: str
    opens: bool  # first word of a sentence, list item, table cell or heading

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()


def words_of(prose: Prose, start: int, end: int) -> list[Word]:
    """The tokens of ``prose.text[start:end]``, each marked when it opens a sentence."""
    text = prose.text
    out: list[Word] = []
    opens = start == 0
    last_end = start
    for match in TOKEN.finditer(text, start, end):
        token = match.group(0)
        gap = text[last_end : match.start()]
        if "\n" in gap and (prose.lines or _BREAK.search(text[last_end : match.start() + 8])):
            opens = True
        if token in "|":
            opens = True
            out.append(Word(token, match.start(), token, False))
            last_end = match.end()
            continue
        lower = token.lower().replace("’", "'")
        out.append(Word(token, match.start(), lower, opens and token not in ".,;:!?()[]—–"))
        if token in ".!?":
            prev = out[-2].lower if len(out) > 1 else ""
            opens = prev not in _ABBREVIATIONS and not (len(prev) == 1 and prev.isalpha())
        elif token not in '()[]"':
            opens = False
        last_end = match.end()
    return out
