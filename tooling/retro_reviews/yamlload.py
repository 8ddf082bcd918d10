"""Parse front-matter YAML safely, remembering the file line of every key and list item.

Hostile input is bounded: the node tree is walked with a budget (an alias bomb refers to the
same nodes again and again and runs it out) and a depth limit, before anything is built.
Dates are left as text, so that ``2026-13-45`` is a finding with a line, not an exception.
"""

from __future__ import annotations

import re
from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import Any

import yaml
import yaml.reader
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import Resolver
from yaml.scanner import Scanner

from .render.formatting import plural


# Two parsers. libyaml's CParser is about five times faster and parses every ordinary review,
# but its composer recurses in C without any limit, so a line such as "- - - - …" a few
# hundred thousand levels deep would crash the whole process (segmentation fault) before any
# bound applies. So a document whose nesting *could* be deep (see _could_nest_deeply) goes to
# the pure-Python parser, where the same input ends in a RecursionError, reported as
# yaml-too-complex.
class _Parser(Reader, Scanner, Parser, Composer):
    def __init__(self, stream: str) -> None:
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)
        Composer.__init__(self)


MAX_NODES = 20_000
MAX_DEPTH = 40
KeyPath = tuple[Hashable, ...]


class _RememberingResolver(Resolver):
    """PyYAML's resolver, remembering the tag of each short plain scalar: the same keys and
    values ("title", "status", "published") come back in every review, and the resolver
    tries a list of regular expressions on each one."""

    _tags: dict[tuple[str, Any], str] = {}
    _REMEMBERED = 10_000  # scalars at most, then it starts over

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is not yaml.ScalarNode or len(value) > 64:
            return super().resolve(kind, value, implicit)
        key = (value, implicit)
        tag = self._tags.get(key)
        if tag is None:
            tag = super().resolve(kind, value, implicit)
            if len(self._tags) >= self._REMEMBERED:
                self._tags.clear()
            self._tags[key] = tag
        return tag


class _FrontMatterLoader(_Parser, SafeConstructor, _RememberingResolver):
    def __init__(self, stream: str) -> None:
        _Parser.__init__(self, stream)
        SafeConstructor.__init__(self)
        Resolver.__init__(self)


_RESOLVERS = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in Resolver.yaml_implicit_resolvers.items()
}
_FrontMatterLoader.yaml_implicit_resolvers = _RESOLVERS

try:
    from yaml.cyaml import CParser  # type: ignore[attr-defined]

    class _FastFrontMatterLoader(CParser, SafeConstructor, _RememberingResolver):
        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)

    _FastFrontMatterLoader.yaml_implicit_resolvers = _RESOLVERS
    _FAST: type | None = _FastFrontMatterLoader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    _FAST = None

# Far below the depth at which libyaml's recursion exhausts the C stack (~10^5 levels).
_LIBYAML_SAFE_BOUND = 5_000
_INDENT = re.compile(r"^[ ]+", re.MULTILINE)


def _could_nest_deeply(text: str) -> bool:
    """A cheap upper bound of the nesting depth, over the safe bound for libyaml.

    Every level of nesting needs a flow opener (``[`` or ``{``), a block indicator (``-``,
    ``?``) or more indentation, so their count plus the deepest indentation bounds the depth.
    """
    bound = text.count("[") + text.count("{") + text.count("-") + text.count("?")
    if bound > _LIBYAML_SAFE_BOUND:
        return True
    deepest = max((len(m.group(0)) for m in _INDENT.finditer(text)), default=0)
    return bound + deepest > _LIBYAML_SAFE_BOUND


class YamlProblem(Exception):
    """The YAML cannot be used; ``line`` and ``column`` are 1-based file positions."""

    def __init__(self, message: str, line: int | None, column: int | None, kind: str) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column
        self.kind = kind  # "syntax" or "too-complex"


@dataclass
class YamlDocument:
    data: Any
    positions: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)
    positions_recorded: bool = True  # False: parsed without them (see parse_front_matter_yaml)
    duplicate_keys: list[tuple[str, int, int]] = field(default_factory=list)


def parse_front_matter_yaml(text: str, first_line: int, *, positions: bool = True) -> YamlDocument:
    """Parse ``text`` whose first line is line ``first_line`` of the file.

    ``positions=False`` leaves out the file position of each key and list item where it can
    (``positions_recorded`` says whether they were kept): a plain document is then faster to
    read and smaller to keep. Values, duplicate keys and findings are the same either way.
    """
    if _FAST is not None and not _could_nest_deeply(text):
        try:
            return _parse(_FAST, text, first_line, positions=positions)
        except YamlProblem:
            pass  # the pure-Python parser words problems better and counts characters, not bytes
    return _parse(_FrontMatterLoader, text, first_line, positions=positions)


def _parse(
    loader_class: Any,
    text: str,
    first_line: int,
    *,
    one_pass: bool = True,
    positions: bool = True,
) -> YamlDocument:
    try:
        loader = loader_class(text)
    except yaml.reader.ReaderError as exc:  # the reader checks every character up front
        raise _unprintable(exc, text, first_line) from None
    try:
        try:
            node = loader.get_single_node()
        except yaml.reader.ReaderError as exc:  # libyaml finds them while parsing
            raise _unprintable(exc, text, first_line) from None
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            raise _problem(exc, mark, first_line, text) from None
        except yaml.YAMLError as exc:
            raise YamlProblem(f"invalid YAML: {exc}", first_line, None, "syntax") from None
        except RecursionError:
            raise YamlProblem(
                f"the YAML is nested too deeply (more than {MAX_DEPTH} levels)",
                first_line,
                None,
                "too-complex",
            ) from None
        if node is None:
            return YamlDocument(data=None)
        document = YamlDocument(data=None)
        if one_pass:
            try:
                builder = _Builder(document, first_line, loader, positions=positions)
                document.data = builder.build(node, (), 0)
                document.positions_recorded = positions
                return document
            except _Unusual:  # the two passes below word every finding, as before
                document = YamlDocument(data=None)
        _Walker(document, first_line).walk(node, (), 0)
        try:
            document.data = loader.construct_document(node)
        except yaml.MarkedYAMLError as exc:
            raise _problem(exc, exc.problem_mark or exc.context_mark, first_line, text) from None
        except (yaml.YAMLError, ValueError, TypeError, OverflowError, RecursionError) as exc:
            raise YamlProblem(f"invalid YAML value: {exc}", first_line, None, "syntax") from None
        return document
    finally:
        loader.dispose()


def _unprintable(exc: yaml.reader.ReaderError, text: str, first_line: int) -> YamlProblem:
    position = min(max(exc.position, 0), len(text))
    line = first_line + text.count("\n", 0, position)
    column = position - text.rfind("\n", 0, position)
    character = exc.character if isinstance(exc.character, int) else 0
    return YamlProblem(
        f"invalid YAML: the control character U+{character:04X} is not allowed in the front "
        "matter; delete it (it is often pasted in by accident)",
        line,
        column,
        "syntax",
    )


def explain(exc: yaml.MarkedYAMLError, first_line: int, text: str) -> YamlProblem | None:
    """The common mistakes behind a YAML error, in plain words with the fix (``None`` for
    the others): a key indented too far or not far enough, a tab, a colon in a value, a
    quote or bracket left open."""
    misindented = _key_where_parsing_stopped(exc, text)
    if misindented is not None:
        found = _over_indented(misindented, first_line) or _under_indented(misindented, first_line)
        if found is not None:
            return found
    return _teach(exc, first_line) or _unclosed_quote(exc, first_line, text)


def _problem(exc: yaml.MarkedYAMLError, mark: Any, first_line: int, text: str = "") -> YamlProblem:
    taught = explain(exc, first_line, text)
    if taught is not None:
        return taught
    problem = exc.problem or exc.context or "invalid YAML"
    if exc.context and exc.problem:
        problem = f"{exc.problem} ({exc.context})"
    if mark is None:
        return YamlProblem(f"invalid YAML: {problem}", first_line, None, "syntax")
    return YamlProblem(
        f"invalid YAML: {problem}", first_line + mark.line, mark.column + 1, "syntax"
    )


_CLOSERS = {"[": "]", "{": "}", '"': '"', "'": "'"}


def _teach(exc: yaml.MarkedYAMLError, first_line: int) -> YamlProblem | None:
    """The common mistakes, in plain words with the fix; ``None`` for the others."""
    problem, stop, opened = exc.problem or "", exc.problem_mark, exc.context_mark
    if stop is None:
        return None
    stop_line, stop_column = first_line + stop.line, stop.column + 1
    if "'\\t'" in problem or "\t" in problem:
        return YamlProblem(
            "invalid YAML: a tab character; indent with spaces (YAML does not allow tabs)",
            stop_line,
            stop_column,
            "syntax",
        )
    if problem == "mapping values are not allowed here":
        return YamlProblem(
            "invalid YAML: a colon followed by a space inside a value; put the value in "
            'quotes (`field: "text: more text"`)',
            stop_line,
            stop_column,
            "syntax",
        )
    context = exc.context or ""
    if opened is None or not context.startswith(
        ("while scanning a quoted scalar", "while parsing a flow")
    ):
        return None
    character = _character_at(opened)
    closer = _CLOSERS.get(character)
    if closer is None:
        return None
    open_line = first_line + opened.line
    what = "quote" if character in "\"'" else f"'{character}'"
    return YamlProblem(
        f"invalid YAML: the {what} opened on line {open_line} is never closed (the parser "
        f"stopped at line {stop_line}); close it with {closer}",
        open_line,
        opened.column + 1,
        "syntax",
    )


# Errors PyYAML gives on a key indented more than the key (with a value) on the line above
# (a plain value then runs on into the next line, which has a colon; a quoted or bracketed
# one ends, and the parser meets a mapping it cannot place), or less than the keys it belongs
# with (the parser ends their mapping and meets a key it cannot place).
_MISINDENTED_PROBLEMS = (
    "mapping values are not allowed here",
    "expected <block end>, but found '<block mapping start>'",
)
_KeyLine = tuple[list[str], int, re.Match[str]]
"""A text's lines, the index of one, and that line read as a key (``_KEY_LINE``)."""
_KEY_WITH_VALUE = re.compile(
    r"^(?P<lead>[ ]*(?:-[ ]+)?)(?P<key>[^\s#:'\"\[\]{}][^:#]*?):[ ]+[^\s#|>]"
)
# A line that reads as a key: a name (the format's are identifiers), not words that run on
# from a wrapped value ("answered with errors: 500", which wants quotes, not indentation).
_KEY_LINE = re.compile(r"^(?P<lead>[ ]*)(?P<key>[A-Za-z_][\w.-]*):(?:\s|$)")


def _over_indented(found: _KeyLine, first_line: int) -> YamlProblem | None:
    """A key indented more than the key above it, whose value is on the same line.

    PyYAML then reads the line as the rest of that value and complains of a colon in a value
    (or of a mapping where none can start), which sends the reader looking for a colon to
    quote, where the mistake is the indentation. ``None`` unless the lines look like that.
    """
    lines, stop, here = found
    above = _line_above(lines, stop)
    if above is None:
        return None
    above_match = _KEY_WITH_VALUE.match(lines[above])
    if above_match is None or len(here.group("lead")) <= len(above_match.group("lead")):
        return None
    key = above_match.group("key").strip()
    return YamlProblem(
        f"invalid YAML: this line is indented more than `{key}:` above it (line "
        f"{first_line + above}); keys of one mapping line up (use the same number of spaces)",
        first_line + stop,
        len(here.group("lead")) + 1,
        "syntax",
    )


def _under_indented(found: _KeyLine, first_line: int) -> YamlProblem | None:
    """A key indented less than the keys above it that it belongs with, yet more than the
    key they belong to (``acknowledged:`` at two spaces, then `` apology:`` at one).

    PyYAML ends the inner mapping there and finds a key it cannot place: "expected <block
    end>, but found '<block mapping start>'". ``None`` unless the lines look like that.
    """
    lines, stop, here = found
    indent = len(here.group("lead"))
    # The keys of the mapping it belongs with: the least indented of the keys above it that
    # are indented more than it, up to the key they belong to (the nearest, on a tie).
    sibling: tuple[int, int, str] | None = None  # line, indent and key
    for above in range(stop - 1, -1, -1):
        match = _KEY_LINE.match(lines[above])
        if match is None:
            continue  # blank, a comment, a list item or a wrapped value
        lead = len(match.group("lead"))
        if lead == indent:
            return None
        if lead > indent:
            if sibling is None or lead < sibling[1]:
                sibling = (above, lead, match.group("key"))
            continue
        if sibling is None:
            return None
        sibling_line, sibling_indent, key = sibling
        return YamlProblem(
            f"invalid YAML: this line is indented {plural(indent, 'space')}, less than "
            f"`{key}:` above it (line {first_line + sibling_line}, "
            f"{plural(sibling_indent, 'space')}); keys of one mapping line up (use the same "
            "number of spaces)",
            first_line + stop,
            indent + 1,
            "syntax",
        )
    return None


def _key_where_parsing_stopped(exc: yaml.MarkedYAMLError, text: str) -> _KeyLine | None:
    """The text's lines, the index of the line where PyYAML stopped with one of the errors
    a misindented key gives, and that line read as a key; ``None`` if it is not one."""
    stop = exc.problem_mark
    if stop is None or exc.problem not in _MISINDENTED_PROBLEMS or not text:
        return None
    lines = text.split("\n")
    if not 0 < stop.line < len(lines):
        return None
    here = _KEY_LINE.match(lines[stop.line])
    return None if here is None else (lines, stop.line, here)


def _line_above(lines: list[str], index: int) -> int | None:
    """The index of the nearest line above ``index`` that YAML reads (not blank, no comment)."""
    for above in range(index - 1, -1, -1):
        stripped = lines[above].strip()
        if stripped and not stripped.startswith("#"):
            return above
    return None


_QUOTED_START = re.compile(r"""^\s*(?:-\s+)?(?:[^\s#'"][^:#]*:\s+)?(["'])""")


def _unclosed_quote(exc: yaml.MarkedYAMLError, first_line: int, text: str) -> YamlProblem | None:
    """A quote left open swallows the lines after it until the next quote, and the parser
    stops somewhere below: name the line where the quote opened."""
    stop = exc.problem_mark
    if stop is None or not text:
        return None
    lines = text.split("\n")
    for index, line in enumerate(lines[: stop.line]):
        match = _QUOTED_START.match(line)
        if match is None:
            continue
        quote = match.group(1)
        rest = line[match.end() :]
        closed = rest.replace("\\" + quote, "").replace(quote * 2, "") if quote == "'" else rest
        if quote == '"':
            closed = re.sub(r"\\.", "", rest)
        if quote not in closed:
            stop_line = first_line + stop.line
            return YamlProblem(
                f"invalid YAML: the quote opened on line {first_line + index} is never closed "
                f"(the parser stopped at line {stop_line}); close it with {quote}",
                first_line + index,
                match.start(1) + 1,
                "syntax",
            )
    return None


def _character_at(mark: Any) -> str:
    buffer, pointer = getattr(mark, "buffer", None), getattr(mark, "pointer", None)
    if isinstance(buffer, str) and isinstance(pointer, int) and 0 <= pointer < len(buffer):
        return buffer[pointer]
    return ""


class _Walker:
    def __init__(self, document: YamlDocument, first_line: int) -> None:
        self.document = document
        self.first_line = first_line
        self.budget = MAX_NODES

    def _where(self, node: yaml.Node) -> tuple[int, int]:
        return (self.first_line + node.start_mark.line, node.start_mark.column + 1)

    def _count(self, node: yaml.Node, depth: int) -> None:
        """One more node within the bounds, or the finding that says which bound."""
        self.budget -= 1
        if self.budget < 0:
            raise YamlProblem(
                f"the YAML expands to more than {MAX_NODES} values (aliases repeated over and "
                "over?); write the values out instead",
                *self._where(node),
                "too-complex",
            )
        if depth > MAX_DEPTH:
            raise YamlProblem(
                f"the YAML is nested too deeply (more than {MAX_DEPTH} levels)",
                *self._where(node),
                "too-complex",
            )

    def walk(self, node: yaml.Node, path: KeyPath, depth: int) -> None:
        self._count(node, depth)
        if isinstance(node, yaml.MappingNode):
            seen: set[str] = set()
            for key_node, value_node in node.value:
                key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
                if key is None or key == "<<":
                    self.walk(value_node, path, depth + 1)
                    continue
                line, column = self._where(key_node)
                if key in seen:
                    self.document.duplicate_keys.append((key, line, column))
                seen.add(key)
                self.document.positions.setdefault((*path, key), (line, column))
                self.walk(value_node, (*path, key), depth + 1)
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                self.document.positions.setdefault((*path, index), self._where(item))
                self.walk(item, (*path, index), depth + 1)


_TAG = "tag:yaml.org,2002:"
_SCALARS: dict[str, Any] = {
    _TAG + "str": lambda loader, node: node.value,
    _TAG + "int": SafeConstructor.construct_yaml_int,
    _TAG + "float": SafeConstructor.construct_yaml_float,
    _TAG + "bool": SafeConstructor.construct_yaml_bool,
    _TAG + "null": SafeConstructor.construct_yaml_null,
}


class _Unusual(Exception):
    """Something :class:`_Builder` leaves to the two-pass path (walk, then construct)."""


class _Builder(_Walker):
    """The walk and the construction in one pass, for the plain documents reviews are.

    Gives what :meth:`_Walker.walk` then ``construct_document`` give (same values, same
    positions and duplicate keys, the same bounds checked in the same order), about twice
    as fast. Anything less plain (an explicit tag, a merge key, a key that is not a scalar)
    or any value that fails to construct raises :class:`_Unusual`, and the caller starts
    over with the two passes, which word every finding as before.
    """

    def __init__(
        self, document: YamlDocument, first_line: int, loader: Any, *, positions: bool = True
    ) -> None:
        super().__init__(document, first_line)
        self.loader = loader
        self.record = positions

    def build(self, node: yaml.Node, path: KeyPath, depth: int) -> Any:
        self._count(node, depth)
        tag = node.tag
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node)
        if isinstance(node, yaml.SequenceNode):
            if tag != _TAG + "seq":
                raise _Unusual
            positions = self.document.positions
            items = []
            for index, item in enumerate(node.value):
                if self.record:
                    positions.setdefault((*path, index), self._where(item))
                items.append(self.build(item, (*path, index), depth + 1))
            return items
        if isinstance(node, yaml.MappingNode) and tag == _TAG + "map":
            return self._mapping(node, path, depth)
        raise _Unusual

    def _mapping(self, node: yaml.MappingNode, path: KeyPath, depth: int) -> dict[Any, Any]:
        positions = self.document.positions
        seen: set[str] = set()
        mapping: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.value == "<<":
                raise _Unusual
            key = key_node.value
            if key in seen:
                self.document.duplicate_keys.append((key, *self._where(key_node)))
            seen.add(key)
            if self.record:
                positions.setdefault((*path, key), self._where(key_node))
            value = self.build(value_node, (*path, key), depth + 1)
            mapping[self._scalar(key_node)] = value
        return mapping

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        """A plain scalar's value (a key's too), as SafeConstructor makes it."""
        construct = _SCALARS.get(node.tag)
        if construct is None:
            raise _Unusual
        try:
            return construct(self.loader, node)
        except Exception:
            raise _Unusual from None
