"""Find review files and load them into :class:`~retro.model.Review` objects.

Loading never raises on a file's content: whatever is wrong with a file (not text, not UTF-8,
too large, no front matter, broken YAML, a list instead of a mapping) becomes a finding in
``review.problems`` with the file line where it is.
"""

from __future__ import annotations

import codecs
import os
from collections.abc import Callable, Hashable, Iterable, Iterator
from pathlib import Path

from .config import RetroConfig
from .findings import Finding, Level
from .model import Review
from .yamlload import YamlProblem, parse_front_matter_yaml

NOT_REVIEWS = {"index.md", "readme.md"}
# The suffixes Markdown is saved under, in any case. Reviews are read from ``.md`` files only;
# a file under the reviews folder with one of the others is reported (see ``is_misnamed``).
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd", ".mkdn"})
_Report = Callable[..., object]


def discover_review_files(config: RetroConfig) -> list[Path]:
    """Every review file under the reviews folder, sorted by path.

    Skips ``index.md`` / ``README.md`` and anything under a folder or file whose name starts
    with ``.`` or ``_`` (drafts kept aside, editor files). Symbolic links to folders are
    never followed (no loops, nothing read twice); links that point outside the reviews
    folder are listed so that :func:`read_review` reports them. Markdown files under another
    suffix than ``.md`` are not reviews (see :func:`discover_files`).
    """
    return discover_files(config)[0]


def discover_files(config: RetroConfig) -> tuple[list[Path], list[Path]]:
    """The review files under the reviews folder (see :func:`discover_review_files`) and the
    misnamed ones (see :func:`is_misnamed`), each sorted by path, in one walk.

    ``retro check`` reports the misnamed ones, which would otherwise be left out of every
    check and every page without a word.
    """
    reviews: list[Path] = []
    misnamed: list[Path] = []
    for path in _walk_markdown(config.reviews_path, config.reviews_path):
        (misnamed if is_misnamed(path.name) else reviews).append(path)
    return sorted(reviews), sorted(misnamed)


def is_misnamed(name: str) -> bool:
    """A Markdown file saved under another suffix than ``.md`` (``.markdown``, ``.MD``...),
    other than a README or index file: nothing reads it as a review (neither the checks nor
    the site), so it is reported rather than passed over."""
    if name.endswith(".md"):
        return False
    stem, suffix = os.path.splitext(name)
    return suffix.lower() in MARKDOWN_SUFFIXES and f"{stem}.md".lower() not in NOT_REVIEWS


def expand_targets(paths: Iterable[Path], boundary: Path | None = None) -> list[Path]:
    """Files given on the command line, with folders expanded to the review files inside
    and the misnamed ones (see :func:`is_misnamed`), which :func:`read_review` reports.

    Symbolic links found while expanding a folder are listed when they point outside
    ``boundary`` (default: the folder itself), so that they are reported, not followed.
    """
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(_walk_markdown(path, boundary or path)))
        else:
            found.append(path)
    return found


def _walk_markdown(folder: Path, boundary: Path) -> Iterator[Path]:
    if not folder.is_dir():
        return
    try:
        inside = boundary.resolve()
    except (OSError, RuntimeError):
        return
    pending = [folder]
    while pending:
        current = pending.pop()
        try:
            entries = list(os.scandir(current))
        except OSError:
            continue  # unreadable folder: nothing in it can be a review we can read
        for entry in entries:
            if entry.name.startswith((".", "_")):
                continue
            path = current / entry.name
            if entry.is_symlink():
                wanted = _points_outside(path, inside) or _is_markdown(entry.name)
                if wanted and entry.name.lower() not in NOT_REVIEWS:
                    yield path
                continue
            try:
                is_dir = entry.is_dir(follow_symlinks=False)
            except OSError:
                continue
            if is_dir:
                pending.append(path)
            elif _is_markdown(entry.name) and entry.name.lower() not in NOT_REVIEWS:
                yield path


def _is_markdown(name: str) -> bool:
    """A review's name (``.md``) or a misnamed one (see :func:`is_misnamed`)."""
    return name.endswith(".md") or is_misnamed(name)


def _points_outside(path: Path, inside: Path) -> bool:
    try:
        target = path.resolve()
    except (OSError, RuntimeError):  # a loop of links
        return True
    return target != inside and inside not in target.parents


def real_path(path: Path) -> Path:
    """``path`` with links resolved, or made absolute when they loop."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return Path(os.path.abspath(path))


def parts_under(path: Path, folder: Path) -> tuple[str, ...] | None:
    """The parts of ``path`` below ``folder`` (where a link is, not where it points)."""
    inner, outer = os.path.abspath(path), os.path.abspath(folder)
    if inner.startswith(outer.rstrip(os.sep) + os.sep):  # the common case, without a syscall
        return Path(inner[len(outer.rstrip(os.sep)) + 1 :]).parts
    try:
        return real_path(path).relative_to(real_path(folder)).parts
    except ValueError:
        return None


def read_review(path: Path, config: RetroConfig) -> Review:
    """Load one file; problems become findings, never exceptions."""
    review = Review(path=path, relpath=config.relpath(path), options=config.review_options)

    def problem(rule: str, message: str, line: int | None = None, col: int | None = None) -> Review:
        review.problems.append(Finding(review.relpath, line, col, rule, Level.ERROR, message))
        return review

    outside = _symlink_outside(path, config)
    if outside:
        return problem("symlink-outside", outside)
    if is_misnamed(path.name):
        read = path.with_name(f"{path.stem}.md")
        fix = (
            f"{read.name} is already there: remove this copy, or move what it adds into that one"
            if read.exists()
            else f"rename it to {read.name}"
        )
        return problem(
            "misnamed-review",
            f"reviews are read from .md files only: this file is not read, nor shown on the "
            f"site; {fix}",
        )
    try:
        size = path.stat().st_size
        if size > config.max_file_bytes:
            return problem(
                "file-too-large",
                f"the file is {size:,} bytes, over the limit of {config.max_file_bytes:,}; "
                "split it or raise 'max_file_bytes' in the configuration",
            )
        raw = path.read_bytes()
    except OSError as exc:
        return problem("unreadable-file", f"cannot read the file: {exc.strerror or exc}")
    text = _decode(raw, problem)
    if text is None:
        return review
    review.text = text
    _split_and_parse(review, text, problem)
    return review


def _symlink_outside(path: Path, config: RetroConfig) -> str | None:
    """What is wrong with ``path`` as a link, or ``None`` if it is not one leaving the folder."""
    if not path.is_symlink():
        return None
    try:
        target = path.resolve(strict=False)
    except (OSError, RuntimeError):
        return (
            "this is a symbolic link that leads back to itself (a loop); it is not followed. "
            "Remove the link"
        )
    try:
        target.relative_to(config.reviews_path.resolve())
    except ValueError:
        return (
            f"this is a symbolic link to {config.relpath(target)}, outside the reviews folder; "
            "it is not followed. Copy the review into the folder instead"
        )
    return None


# Byte-order marks of the wide Unicode encodings, UTF-32's first (UTF-32-LE's starts with
# UTF-16-LE's).
_WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Where the NUL bytes fall, by position modulo 4, in mostly-ASCII text of each encoding
# without a byte-order mark: True always NUL, False never.
_WIDE_NULS = (
    ((False, True, True, True), "utf-32-le"),
    ((True, True, True, False), "utf-32-be"),
    ((False, True, False, True), "utf-16-le"),
    ((True, False, True, False), "utf-16-be"),
)


def wide_unicode(raw: bytes) -> str | None:
    """The codec (``"utf-16-le"``...) when ``raw`` is text in UTF-16 or UTF-32, else ``None``.

    Windows PowerShell 5's ``>`` and some editors save text that way. Each character then
    takes two or four bytes, so ASCII letters come with NUL bytes and the file would pass
    for binary. Found by the byte-order mark or, without one, by NULs in alternate places
    (ASCII-heavy text, as front matter is); the whole file must then decode to text.
    """
    codec = next((name for bom, name in _WIDE_BOMS if raw.startswith(bom)), None)
    if codec is None and b"\x00" in raw[:8192]:
        codec = _wide_by_nuls(raw[:8192])
    if codec is None:
        return None
    try:
        text = raw.decode(codec)
    except UnicodeDecodeError:
        return None
    return codec if _reads_as_text(text) else None


def _wide_by_nuls(head: bytes) -> str | None:
    """The encoding whose NUL pattern ``head`` shows: over half NUL where one is expected,
    almost none (5%) elsewhere."""
    share = []
    for start in range(4):
        column = head[start::4]
        share.append(column.count(0) / len(column) if column else 0.0)
    for pattern, codec in _WIDE_NULS:
        expected = zip(share, pattern, strict=True)
        if all(part > 0.5 if nul else part < 0.05 for part, nul in expected):
            return codec
    return None


def _reads_as_text(text: str) -> bool:
    """No NUL character and few other control characters (5%): text, not bytes that
    happen to decode."""
    if not text or "\x00" in text:
        return False
    controls = sum(1 for char in text[:8192] if char < " " and char not in "\t\n\r\f\x1b")
    return controls / min(len(text), 8192) <= 0.05


def _wide_name(codec: str) -> str:
    """``"UTF-16"`` for ``"utf-16-le"``: the name an editor's encoding menu shows."""
    return codec[:6].upper()


def _decode(raw: bytes, report: _Report) -> str | None:
    wide = wide_unicode(raw)
    if wide is not None:
        name = _wide_name(wide)
        hint = (
            " (Windows PowerShell's `>` writes UTF-16: use `| Out-File -Encoding utf8` instead)"
            if name == "UTF-16"
            else ""
        )
        report(
            "unreadable-file",
            f"the file is saved as {name}, not UTF-8; save it as UTF-8 in your editor{hint}",
        )
        return None
    if b"\x00" in raw[:8192]:
        report(
            "unreadable-file",
            "this is a binary file, not a Markdown review; remove it or save the review as text",
        )
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        report(
            "unreadable-file",
            f"the file is not valid UTF-8 (byte 0x{raw[exc.start]:02x}); "
            "save it as UTF-8 in your editor",
            line,
            column,
        )
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split_front_matter(text: str) -> tuple[str, str, int] | None:
    """``(yaml, body, body_first_line)`` when the text opens with a ``---`` block."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return None
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            yaml_text = "\n".join(lines[1:index])
            body = "\n".join(lines[index + 1 :])
            return yaml_text, body, index + 2
    return None


def _split_and_parse(review: Review, text: str, report: _Report) -> None:
    if not text.strip():
        report("front-matter-missing", "the file is empty; start from `retro new`", 1)
        return
    split = split_front_matter(text)
    if split is None:
        if text.split("\n", 1)[0].rstrip() == "---":
            report(
                "front-matter-missing",
                "the front matter opened with '---' on line 1 is never closed; "
                "add a line with '---' after the last field",
                1,
            )
        else:
            report(
                "front-matter-missing",
                "no front matter: a review starts with a '---' line, the YAML fields, "
                "and another '---' line",
                1,
            )
        return
    yaml_text, body, body_line = split
    review.body, review.body_line = body, body_line
    try:
        document = parse_front_matter_yaml(yaml_text, first_line=2, positions=False)
    except YamlProblem as exc:
        rule = "yaml-syntax" if exc.kind == "syntax" else "yaml-too-complex"
        report(rule, exc.message, exc.line, exc.column)
        return
    for key, line, column in document.duplicate_keys:
        report(
            "duplicate-key",
            f"'{key}' is set twice; only the last value would count. Keep one",
            line,
            column,
        )
    if document.data is None:
        report("front-matter-missing", "the front matter is empty; add the review's fields", 1)
        return
    if not isinstance(document.data, dict):
        kind = type(document.data).__name__
        kind = {"list": "a list", "str": "a single text", "int": "a number"}.get(kind, kind)
        report(
            "front-matter-type",
            f"the front matter is {kind}; it must be a mapping of fields (`title: ...`)",
            2,
        )
        return
    review.meta = document.data
    if document.positions_recorded:
        review.positions = document.positions
    review.parsed = True


def positions_of(review: Review) -> dict[tuple[Hashable, ...], tuple[int, int]]:
    """The file positions of ``review``'s front matter (see ``Review.positions``), read
    again from its text: the loader leaves them out of plain documents."""
    split = split_front_matter(review.text) if review.parsed else None
    if split is None:
        return {}
    try:
        return parse_front_matter_yaml(split[0], first_line=2).positions
    except YamlProblem:
        return {}
