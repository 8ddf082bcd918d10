"""``RetroPlugin``: the reviews folder as a learning library in a MkDocs Material site.

The pages come from the core (:func:`retro.render.site.render_site`); this adapter only reads
the options, adds the pages as generated files, sets a short navigation (index pages only, so
that build time and size grow linearly with the library), points each review's edit link at
its file in ``reviews/``, and sanitises the HTML of review pages. For speed it sets each
generated HTML region aside while Markdown converts the rest (see
:mod:`retro.render.raw_blocks`; headings written and listed by :mod:`.toc`), and lets
Material's search index a light copy of the generated part (see
:mod:`retro.render.search_text`).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple
from urllib.parse import urljoin

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File

from ..check import load_library, today_for_checks
from ..config import (
    KNOWN_OPTIONS,
    RetroConfig,
    config_from_mapping,
    merge_options,
    read_retro_yml,
)
from ..errors import RetroError
from ..gitrepo import start_last_changes
from ..model import Review
from ..parallel import MIN_ITEMS, Stream, stream_from_helper
from ..render.escape import read_front_matter
from ..render.links import STYLESHEET
from ..render.raw_blocks import OPEN, PLACEHOLDER_START, lift_blocks, restore_blocks
from ..render.sanitize import sanitize_html
from ..render.search_text import search_html, text_paragraph
from ..render.site import NAV_PAGES, SitePages, plan_site
from ..site import select_reviews
from .config import RetroPluginConfig
from .toc import RegionHeadings, TocStyle, taken_ids

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.plugins import TemplateContext
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.plugins.retro")


class RetroPlugin(BasePlugin[RetroPluginConfig]):
    def __init__(self) -> None:
        self.retro: RetroConfig | None = None
        self.review_files: dict[str, Review] = {}  # generated page URI -> review
        self.set_nav = False
        # page URI -> its HTML regions (see below), and their words for search on a review
        self.lifted: dict[str, tuple[list[str], str]] = {}
        self.prepared: dict[str, Prepared] = {}  # page URI -> its text, ready (on_pre_page)
        self.page_meta: dict[str, dict[str, Any]] = {}  # generated page URI -> its meta
        # URI -> (length and hash of its generated HTML, copy of it for search); the HTML
        # itself is kept only while the search plugin reads the page (``swapped``).
        self.search_copy: dict[str, tuple[int, int, str]] = {}
        self.swapped: dict[str, str] = {}
        self.toc_style = TocStyle()
        self.site: SitePages | None = None  # while generated pages wait for their text
        self.stream: Stream | None = None  # the helper making them, if any
        self.pending: set[str] = set()  # generated pages whose text has not been read yet

    # ------------------------------------------------------------------ configuration

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        self.retro = self._retro_config(config)
        self.set_nav = config.nav is None
        self.toc_style = TocStyle.from_options(config.mdx_configs.get("toc"))
        if STYLESHEET not in config.extra_css:
            config.extra_css.append(STYLESHEET)
        return config

    def _retro_config(self, config: MkDocsConfig) -> RetroConfig:
        mkdocs_file = Path(config.config_file_path or "mkdocs.yml").resolve()
        root = mkdocs_file.parent
        sources = [mkdocs_file]
        retro_yml = root / "retro.yml"
        try:
            found: list[tuple[Path, Mapping[str, Any]]] = [
                (mkdocs_file, {k: v for k, v in self.config.items() if k in KNOWN_OPTIONS})
            ]
            if retro_yml.is_file():
                found.append((retro_yml, read_retro_yml(retro_yml)))
                sources.append(retro_yml)
            options = merge_options(found)
            return config_from_mapping(
                options, root=root, sources=tuple(sources), source=mkdocs_file
            )
        except RetroError as exc:
            raise PluginError(f"retro: {exc}") from exc

    # ------------------------------------------------------------------ pages

    @event_priority(-50)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled or self.retro is None:
            return None
        retro = self.retro
        git_facts = start_last_changes(retro.root, retro.reviews_path)  # runs meanwhile
        try:
            today = today_for_checks()
            selection = select_reviews(load_library(retro), retro)
        except RetroError as exc:
            raise PluginError(f"retro: {exc}") from exc
        finally:
            facts = git_facts()  # git is waited for whatever happens
        for review, why in selection.broken:
            log.warning("retro: %s is left out of the site: %s", review.relpath, why)
        site = plan_site(
            selection.shown, retro, today, facts, directory_urls=config.use_directory_urls
        )
        wanted = []
        for uri in site.uris:
            if files.get_file_from_path(uri) is not None:
                log.info("retro: %s is written by hand in docs; not generated", uri)
            else:
                wanted.append(uri)
        # A large library's pages are made by a helper process while MkDocs reads the pages
        # before them; each is handed over just before MkDocs reads it (on_pre_page).
        self._stop_stream()
        self.stream = (
            stream_from_helper(lambda: _prepared_stream(site, wanted))
            if len(site.reviews) >= MIN_ITEMS
            else None
        )
        made = site.render() if self.stream is None else {}
        self.review_files = {}
        self.pending = set()
        for uri in wanted:
            if not uri.endswith(".md"):  # the stylesheet
                content = made.pop(uri, None) or site.page(uri) or ""
            elif self.stream is not None:
                content = ""  # the page's text arrives just before MkDocs reads it
                self.pending.add(uri)
            else:
                content = self._keep(uri, prepare(made.pop(uri), review=uri in site.reviews))
            files.append(File.generated(config, uri, content=content))
            if uri in site.reviews:
                self.review_files[uri] = site.reviews[uri]
        self.site = site if self.pending else None
        if self.set_nav:
            # Index pages only: listing every review in every page's sidebar makes build time
            # and size grow with the square of the library.
            config.nav = [{title: uri} for title, uri in NAV_PAGES if files.get_file_from_path(uri)]
        return files

    def _keep(self, uri: str, ready: Prepared) -> str:
        """Keep a page made ready until MkDocs reads it; the text MkDocs is to read."""
        if ready.meta is not None:
            self.page_meta[uri] = ready.meta
        self.prepared[uri] = ready
        return ready.content

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page | None:
        uri = page.file.src_uri
        if uri not in self.pending or self.site is None:
            return None
        self.pending.discard(uri)
        ready = self.stream.get(uri) if self.stream is not None else None
        if not isinstance(ready, Prepared):  # the helper failed or stopped: made here
            ready = prepare(self.site.page(uri) or "", review=uri in self.site.reviews)
        page.file.content_string = self._keep(uri, ready)
        if not self.pending:
            self._stop_stream()
        return page

    def _stop_stream(self) -> None:
        if self.stream is not None:
            self.stream.close()
        self.stream = None
        self.site = None

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> None:
        # Every page has been read: a page still waiting was left out of the build (say by
        # exclude_docs), and the helper need not go on.
        self._stop_stream()
        self.pending.clear()
        self.prepared.clear()
        self.page_meta.clear()

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self._stop_stream()

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Callable[..., Any]
    ) -> LiveReloadServer:
        """``mkdocs serve`` rebuilds when a review (or ``retro.yml``) changes, not only docs."""
        if self.config.enabled and self.retro is not None:
            if self.retro.reviews_path.is_dir():
                server.watch(str(self.retro.reviews_path))
            retro_yml = self.retro.root / "retro.yml"
            if retro_yml.is_file():
                server.watch(str(retro_yml))
        return server

    def on_build_error(self, *, error: Exception) -> None:
        self._stop_stream()

    @event_priority(100)
    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        # Early, so that the tags plugin (and any other) sees the page's meta. Each generated
        # page was made ready once (see prepare): its front matter (JSON) read and its
        # regions of generated HTML set aside, to be put back in on_page_content.
        uri = page.file.src_uri
        if page.file.generated_by != "retro":
            return None
        meta = self.page_meta.pop(uri, None)
        if meta is not None:
            page.meta = meta
        ready = self.prepared.pop(uri, None)
        if ready is None or markdown != ready.content:  # not prepared, or changed since
            ready = prepare(markdown, review=uri in self.review_files, meta=False)
        if ready.blocks:
            self.lifted[uri] = (ready.blocks, ready.paragraph)
        return ready.lifted

    def on_page_content(
        self, html: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        uri = page.file.src_uri
        blocks, paragraph = self.lifted.pop(uri, (None, ""))
        is_review = uri in self.review_files
        head, tail = html, ""
        if is_review:
            # The region's placeholder opens the page; all that follows is the body as
            # written, sanitised.
            head, tail = _split_after_first_placeholder(html) if blocks else ("", html)
            if blocks and not head:
                log.warning("retro: %s: the review's summary was lost in conversion", uri)
            tail = sanitize_html(tail)
        if not blocks:
            return tail if is_review else None
        headings = RegionHeadings(self.toc_style, taken_ids(page.toc))
        shown = restore_blocks(head, blocks, headings.write)
        headings.add_to(page.toc, shown + tail)
        if is_review and len(blocks) == 1 and headings.first is not None:
            # A review's generated part is one search entry under its title (an entry per
            # section doubled the cost of indexing the page); listings keep their sections.
            copy = headings.first_plain() + (f"\n{paragraph}" if paragraph else "")
        else:
            copy = search_html(restore_blocks(head, blocks, headings.plain))
        self.search_copy[uri] = (len(shown), hash(shown), copy)
        return shown + tail

    # Material's search plugin parses each page's HTML element by element. For the generated
    # part of a page it is given a copy with the same words and headings in a few elements
    # (see retro.render.search_text) just before it runs, and the page gets its HTML back
    # just after.

    @event_priority(50)
    def _search_copy_in(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext | None:
        entry = self.search_copy.pop(page.file.src_uri, None)
        content = page.content or ""
        if entry is not None:
            size, digest, copy = entry
            shown = content[:size]
            if len(shown) == size and hash(shown) == digest:  # as on_page_content left it
                self.swapped[page.file.src_uri] = shown
                page.content = copy + SEARCH_COPY_END + content[size:]
        return None

    @event_priority(-100)
    def _search_copy_out(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext | None:
        shown = self.swapped.pop(page.file.src_uri, None)
        if shown is not None and page.content is not None:
            _, found, rest = page.content.partition(SEARCH_COPY_END)
            if found:
                page.content = shown + rest
        return None

    def _edit_link(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext | None:
        review = self.review_files.get(page.file.src_uri)
        if page.file.generated_by == "retro" or page.file.src_uri in self.review_files:
            page.edit_url = _edit_url(review, config) if review is not None else None
        return None

    on_page_context = CombinedEvent(_search_copy_in, _edit_link, _search_copy_out)


def _split_after_first_placeholder(html: str) -> tuple[str, str]:
    """``html`` cut just after the placeholder that opens it (``("", html)`` without one)."""
    stripped = html.lstrip()
    if not stripped.startswith(PLACEHOLDER_START):
        return "", html
    end = stripped.find("-->") + len("-->")
    return stripped[:end], stripped[end:]


# Ends the search copy of a page's generated part while the search plugin reads the page.
SEARCH_COPY_END = "<!--retro-search-copy-end-->"


def _edit_url(review: Review, config: MkDocsConfig) -> str | None:
    """The review's file in the repository (not the generated page)."""
    repo_url, edit_uri = config.repo_url, config.edit_uri
    if not repo_url or not edit_uri:
        return None
    base = urljoin(repo_url.rstrip("/") + "/", edit_uri)
    config_dir = Path(config.config_file_path or "mkdocs.yml").resolve().parent
    docs = os.path.relpath(Path(config.docs_dir).resolve(), config_dir).replace(os.sep, "/")
    if base.rstrip("/").endswith("/" + docs):
        base = base.rstrip("/")[: -len(docs)]
    return base.rstrip("/") + "/" + review.relpath


class Prepared(NamedTuple):
    """A generated page's text as the plugin uses it, made where the page is made."""

    meta: dict[str, Any] | None  # its front matter
    content: str  # the text MkDocs reads: the page without its front matter
    lifted: str  # ``content`` with its regions set aside (see raw_blocks.lift_blocks)
    blocks: list[str]  # the regions
    paragraph: str  # on a review page, the words of its region for search (search_text)


def prepare(text: str, *, review: bool, meta: bool = True) -> Prepared:
    """``text`` (a generated page; with its front matter when ``meta``) made ready.

    Regions of generated HTML wait outside Markdown, which would parse them tag by tag only
    to copy them. A review page is one region (title, summary, sections) and then the body
    as written, which Markdown and the sanitiser must see: only the region that opens the
    page is lifted there.
    """
    found, content = read_front_matter(text) if meta else (None, text)
    content = content.lstrip("\n")  # as MkDocs reads it: then on_page_markdown gets it equal
    if review:
        if not content.lstrip().startswith(OPEN):
            return Prepared(found, content, content, [], "")
        lifted, blocks = lift_blocks(content, first_only=True)
        paragraph = text_paragraph(blocks[0]) if blocks else ""
        return Prepared(found, content, lifted, blocks, paragraph)
    lifted, blocks = lift_blocks(content)
    return Prepared(found, content, lifted, blocks, "")


def _prepared_stream(site: SitePages, wanted: list[str]) -> Iterator[tuple[str, Prepared]]:
    """What a helper sends: each generated page of ``wanted`` made ready."""
    pages = {uri for uri in wanted if uri.endswith(".md")}
    for uri, text in site.stream(pages):
        yield uri, prepare(text, review=uri in site.reviews)
