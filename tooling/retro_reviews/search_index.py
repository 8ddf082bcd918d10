"""The library's search index: Pagefind, run over a built site.

Pagefind (the ``pagefind`` package, whose ``pagefind[extended]`` wheel carries the binary:
nothing is downloaded) reads the site's HTML files, indexes what lies inside
``data-pagefind-body`` (each review's article, see :mod:`retro.render.search_marks`) and
writes a static index in chunks under ``pagefind/``: a browser fetches only the chunks for
the words typed, so a search stays fast at thousands of reviews. Pages are read from the
folder the generator wrote, so the index holds exactly what the site shows (a public build
has no internal review to index).
"""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

from .errors import RetroError
from .render.review_page import SUMMARY_CLASS

INDEX_FOLDER = "pagefind"
"""Where the index and Pagefind's scripts live in the site."""

log = logging.getLogger(__name__)


def write_search_index(site_dir: Path, *, language: str = "en") -> int:
    """Index the review pages in ``site_dir`` into ``site_dir/pagefind``; pages indexed."""
    try:
        return asyncio.run(_write(site_dir, language))
    except (OSError, RuntimeError, AssertionError) as exc:
        raise RetroError(f"the search index could not be written: {exc}") from exc


async def _write(site_dir: Path, language: str) -> int:
    from pagefind.index import IndexConfig, PagefindIndex

    output = site_dir / INDEX_FOLDER
    config = IndexConfig(
        force_language=language,
        output_path=str(output),
        exclude_selectors=[f".{SUMMARY_CLASS}"],  # facts at a glance: filters, not words
    )
    async with PagefindIndex(config=config) as index:
        found = await index.add_directory(str(site_dir))
        await index.write_files(output_path=str(output))
    return int(found.get("page_count", 0))
