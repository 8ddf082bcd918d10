"""Finding the documents to import and reading them as text, whatever their encoding.

Markdown hides under many names: ``.md``, ``.markdown``, ``.txt``, a wiki export with no
extension at all, spaces in the name. Folders are walked for those; hidden files and
folders are left alone. A file is refused when it (or a link on the way to it) leads outside
the project, and skipped with the reason when it is binary, too large or unreadable. Text
saved as UTF-16 or UTF-32 (Windows PowerShell's ``>`` writes UTF-16) is read as such, not
taken for binary.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from ..load import MARKDOWN_SUFFIXES, wide_unicode

# What a document to import may be named: Markdown's suffixes, plain text, or none at all.
DOCUMENT_SUFFIXES = MARKDOWN_SUFFIXES | {".txt", ".text", ""}
FALLBACK_ENCODINGS = ("cp1252", "latin-1")


@dataclass(frozen=True)
class SourceText:
    """A document read as text."""

    path: Path
    text: str  # newlines normalised to "\n"
    sha256: str
    encoding: str  # "utf-8", or the fallback used


@dataclass(frozen=True)
class Unreadable:
    """A document that is not imported, and why."""

    path: Path
    reason: str
    refused: bool = False  # outside the project (refused) rather than unsuitable (skipped)


# Documents of other formats that a folder may hold: said to be passed over, not imported
# (their markup would fill the fields), so that a folder of them is not "nothing to import".
OTHER_FORMATS = frozenset(
    (".html", ".htm", ".xhtml", ".docx", ".doc", ".odt", ".rtf", ".pdf")
    + (".rst", ".adoc", ".asciidoc", ".org", ".textile", ".wiki")
)


def find_documents(paths: list[Path], root: Path, skip: Path | None = None) -> list[Path]:
    """The files named, with folders expanded to the Markdown files inside (sorted).

    ``skip`` is a folder never walked into (the reviews folder: those are reviews already).
    """
    found: list[Path] = []
    for path in paths:
        if path.is_dir() and not path.is_symlink():
            found.extend(sorted(_walk(path, skip)))
        else:
            found.append(path)
    return found


def passed_over(paths: list[Path], skip: Path | None = None) -> list[Path]:
    """The documents of other formats (HTML, Word, PDF...) in the folders named (sorted)."""
    return sorted(
        found
        for path in paths
        if path.is_dir() and not path.is_symlink()
        for found in _walk(path, skip, OTHER_FORMATS)
    )


def _walk(folder: Path, skip: Path | None, suffixes: frozenset[str] | None = None) -> list[Path]:
    """The files in ``folder`` with one of ``suffixes`` (default: the documents imported)."""
    found: list[Path] = []
    skipped = os.path.abspath(skip) if skip is not None else None
    for current, dirs, files in os.walk(folder):
        dirs[:] = sorted(
            d
            for d in dirs
            if not d.startswith(".") and os.path.abspath(os.path.join(current, d)) != skipped
        )
        for name in files:
            if name.startswith("."):
                continue
            suffix = Path(name).suffix.lower()
            if suffixes is not None:
                if suffix in suffixes:
                    found.append(Path(current) / name)
            elif suffix in DOCUMENT_SUFFIXES or " " in suffix:
                found.append(Path(current) / name)
    return found


def outside_project(path: Path, root: Path) -> str | None:
    """Why ``path`` is refused (outside the project, or a link out of it), else ``None``."""
    top = os.path.realpath(root)
    absolute = os.path.abspath(path)
    if not _within(absolute, os.path.abspath(root)) and not _within(absolute, top):
        return "it is outside the project; copy it into the project first"
    try:
        real = os.path.realpath(path, strict=False)
    except (OSError, RuntimeError):
        return "it is a symbolic link that leads back to itself"
    if not _within(real, top):
        return "it is a symbolic link that leads outside the project; copy the file instead"
    return None


def _within(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def read_document(path: Path, max_bytes: int) -> SourceText | Unreadable:
    """The document's text, or why it cannot be imported."""
    try:
        if not path.is_file():
            return Unreadable(path, "it is not a regular file")
        size = path.stat().st_size
        if size > max_bytes:
            return Unreadable(
                path,
                f"it is {size:,} bytes, over the limit of {max_bytes:,} "
                "(raise 'max_file_bytes' in the configuration to import it)",
            )
        raw = path.read_bytes()
    except OSError as exc:
        return Unreadable(path, f"it cannot be read: {exc.strerror or exc}")
    if _looks_binary(raw):
        return Unreadable(path, "it is a binary file, not Markdown text")
    text, encoding = decode(raw)
    if not text.strip():
        return Unreadable(path, "it is empty")
    digest = hashlib.sha256(raw).hexdigest()
    return SourceText(path, text.replace("\r\n", "\n").replace("\r", "\n"), digest, encoding)


def _looks_binary(raw: bytes) -> bool:
    """NUL bytes or many control characters, unless it is UTF-16 or UTF-32 text (whose
    ASCII letters come with NUL bytes)."""
    if wide_unicode(raw) is not None:
        return False
    head = raw[:8192]
    if b"\x00" in head:
        return True
    controls = sum(1 for byte in head if byte < 32 and byte not in b"\t\n\r\f\x1b")
    return bool(head) and controls / len(head) > 0.05


def decode(raw: bytes) -> tuple[str, str]:
    """``(text, encoding)``: UTF-16 or UTF-32 when it is that (see
    :func:`~retro_reviews.load.wide_unicode`), else UTF-8 (with or without a BOM), else
    Windows-1252, else Latin-1."""
    wide = wide_unicode(raw)
    if wide is not None:
        return raw.decode(wide).removeprefix("\ufeff"), wide
    try:
        return raw.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    for encoding in FALLBACK_ENCODINGS:
        try:
            return raw.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1", errors="replace"), "latin-1"  # pragma: no cover
