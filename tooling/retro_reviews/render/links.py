"""Where each generated page lives, and relative links between pages."""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Iterable
from pathlib import PurePosixPath
from urllib.parse import quote

from ..config import RetroConfig
from ..model import Review
from ..scaffold import slugify
from .escape import md_text

HOME = "index.md"
REVIEWS = "reviews/index.md"
TAGS = "tags/index.md"
CHECKLISTS = "checklists/index.md"
ACTIONS = "actions/index.md"
PATTERNS = "patterns/index.md"
GUIDE = "guide/index.md"
STYLESHEET = "assets/retro.css"
SCRIPT = "assets/retro.js"


def review_uri(review: Review, config: RetroConfig) -> str:
    """``reviews/<YYYY>/<id>.md``: the review's place under the reviews folder."""
    path, folder = str(review.path), str(config.reviews_path)
    if path.startswith(folder + os.sep):  # as the loader found it, under the reviews folder
        return "reviews/" + path[len(folder) + 1 :].replace(os.sep, "/")
    try:
        # Under the folder some other way (``..``, links); resolved if not.
        parts = review.path.relative_to(config.reviews_path).parts
    except ValueError:
        try:
            parts = review.path.resolve().relative_to(config.reviews_path.resolve()).parts
        except (OSError, ValueError):
            year = review.date.year if review.date else review.id[:4]
            parts = (str(year), f"{review.id}.md")
    return PurePosixPath("reviews", *parts).as_posix()


def listing_uri(facet: str, slug: str) -> str:
    """A listing page per kind, severity or area: ``reviews/by-kind/incident.md``."""
    return f"reviews/by-{facet}/{slug}.md"


def tag_anchor(tag: str) -> str:
    """The anchor of ``tag`` on the tags page (``tag:`` and the tag in lower case, spaces as
    ``-``, other punctuation dropped: as Material's tags plugin made it by default, so that
    links to the tags page it wrote still lead to the tag)."""
    slug = re.sub(r"[^\w\- ]", "", " ".join(tag.split()).lower()).replace(" ", "-")
    return "tag:" + slug


def checklist_uri(slug: str) -> str:
    return f"checklists/{slug}.md"


def rel(from_uri: str, to_uri: str) -> str:
    """The relative Markdown link target from page ``from_uri`` to page ``to_uri``."""
    target = posixpath.relpath(to_uri, posixpath.dirname(from_uri) or ".")
    return quote(target, safe="/-._~#")


def served_path(uri: str, *, directory_urls: bool = True) -> str:
    """Where MkDocs serves the page ``uri`` (docs-relative), without the site's root.

    ``reviews/2025/x.md`` is ``reviews/2025/x/`` (``x.html`` without directory URLs),
    ``checklists/index.md`` is ``checklists/`` and ``index.md`` is the empty path; a file
    that is not Markdown is served where it lies.
    """
    if not uri.endswith(".md"):
        return uri
    stem = uri[: -len(".md")]
    if not directory_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def page_url(from_uri: str, to_uri: str, *, directory_urls: bool = True) -> str:
    """The final relative URL from page ``from_uri`` to page ``to_uri`` (``#anchor`` kept).

    For links in raw HTML, which MkDocs does not rewrite (Markdown links use :func:`rel`).
    """
    target, hash_, anchor = to_uri.partition("#")
    source = served_path(from_uri, directory_urls=directory_urls)
    dest = served_path(target, directory_urls=directory_urls)
    path = _relative(dest.rstrip("/"), source.rpartition("/")[0])
    if dest.endswith("/") or not dest:
        path = "./" if path == "." else path + "/"
    if not _URL_SAFE.match(path):
        path = quote(path, safe="/-._~")
    return path + hash_ + (anchor if _URL_SAFE.match(anchor) else quote(anchor, safe="-._~:"))


# Paths made of these characters only are the same quoted (slugs, years, dots, slashes).
_URL_SAFE = re.compile(r"[A-Za-z0-9._~/-]*\Z")


def _relative(path: str, folder: str) -> str:
    """``posixpath.relpath(path, folder)`` for clean relative paths ("" is the root), without
    its two ``abspath`` calls: it runs for every link of every generated page."""
    to = path.split("/") if path else []
    start = folder.split("/") if folder else []
    common = 0
    for a, b in zip(to, start, strict=False):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(start) - common) + to[common:]) or "."


def link(text: str, from_uri: str, to_uri: str) -> str:
    """``[text](target)`` with ``text`` escaped."""
    return f"[{md_text(text)}]({rel(from_uri, to_uri)})"


def unique_slugs(names: Iterable[str], fallback: str) -> dict[str, str]:
    """A distinct slug per name (``-2``, ``-3`` on a clash; ``fallback-N`` for no ASCII).

    ``index`` is never given: it is the address of the folder's own index page.
    """
    slugs: dict[str, str] = {}
    taken: set[str] = {"index"}
    for number, name in enumerate(names, start=1):
        base = slugify(name, f"{fallback}-{number}")
        slug, count = base, 1
        while slug in taken:
            count += 1
            slug = f"{base}-{count}"
        taken.add(slug)
        slugs[name] = slug
    return slugs
