"""``RetroPlugin``: the reviews folder as a learning library in a MkDocs Material site.

A thin adapter. The core returns every page as data (:func:`retro.render.site.site_pages`);
this plugin adds each as a generated file, which MkDocs converts the ordinary way. Around
that it reads the options, sets a short navigation (index pages only, so that build time and
size grow linearly with the library), points each review's edit link at its file in
``reviews/``, sanitises review pages, and replaces Material's search with Pagefind's (see
:mod:`retro.search_index` and :mod:`.search`).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

from mkdocs.config.base import ValidationError
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, InclusionLevel

from ..check import load_library, today_for_checks
from ..config import (
    KNOWN_OPTIONS,
    RetroConfig,
    config_from_mapping,
    merge_options,
    read_retro_yml,
    unknown_option,
)
from ..errors import RetroError
from ..gitrepo import start_last_changes
from ..model import Review
from ..render.escape import page_meta
from ..render.links import SCRIPT, STYLESHEET
from ..render.page import Page
from ..render.sanitize import sanitize_around
from ..render.search_marks import mark_for_search, search_body
from ..render.site import ASSETS, NAV_PAGES, site_pages
from ..schema import misspelt_fields
from ..search_index import INDEX_FOLDER, SearchIndexer
from ..site import select_reviews
from .blocks import GeneratedBlocks
from .config import RetroPluginConfig
from .contents import with_permalinks
from .search import (
    SEARCH_ASSETS,
    SEARCH_SCRIPT,
    SEARCH_STYLESHEET,
    lacks_search_box,
    turn_off_material_search,
    with_search_box,
)

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.base import ConfigErrors, ConfigWarnings
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.plugins import TemplateContext
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page as MkDocsPage

log = logging.getLogger("mkdocs.plugins.retro")


def _leave_out_sources(files: Files, docs_dir: str, folders: tuple[Path, ...]) -> None:
    """Take out of the site the files of the reviews and templates folders when they lie
    inside ``docs_dir``: MkDocs would publish each review as it is, past ``public``,
    ``show_status`` and the sanitiser (the library's own pages are made from them)."""
    docs = Path(docs_dir).resolve()
    within = [
        folder.resolve().relative_to(docs).as_posix() + "/"
        for folder in folders
        if folder.resolve().is_relative_to(docs)
    ]
    if not within:
        return  # the usual case: both folders beside docs_dir, nothing of theirs in the list
    inside = [f for f in files if f.abs_src_path and f.src_uri.startswith(tuple(within))]
    for file in inside:
        files.remove(file)
    if inside:
        log.info(
            "retro: %d files of the reviews or templates folder in docs_dir are left out of"
            " the site as they are; the library's pages are made from the reviews",
            len(inside),
        )


class RetroPlugin(BasePlugin[RetroPluginConfig]):
    def __init__(self) -> None:
        self.retro: RetroConfig | None = None
        self.pages: dict[str, Page] = {}  # generated page URI -> its page
        self.blocks = GeneratedBlocks()  # the page being converted, for its generated HTML
        self.set_nav = False
        self.indexer: SearchIndexer | None = None
        self.unboxed_said = False  # a page without a search box has been reported

    def load_config(
        self, options: dict[str, Any], config_file_path: str | None = None
    ) -> tuple[ConfigErrors, ConfigWarnings]:
        """MkDocs' reading of the options, with an unknown option an error instead of a
        warning: a misspelt ``public`` or ``show_status`` would publish what it should not."""
        errors, warnings = super().load_config(options, config_file_path)
        unknown = {name for name in options if name not in KNOWN_OPTIONS and name != "enabled"}
        errors = [*errors, *((n, ValidationError(unknown_option(n))) for n in sorted(unknown))]
        return errors, [(name, said) for name, said in warnings if name not in unknown]

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        self.retro = self._retro_config(config)
        self.set_nav = config.nav is None
        self.unboxed_said = False
        for css in (STYLESHEET, SEARCH_STYLESHEET):
            if css not in config.extra_css:
                config.extra_css.append(css)
        for script in (SEARCH_SCRIPT, SCRIPT):
            if script not in config.extra_javascript:
                config.extra_javascript.append(script)
        if self.blocks not in config.markdown_extensions:
            config.markdown_extensions.append(self.blocks)
        if turn_off_material_search(config):
            log.info("retro: the library's search is Pagefind; Material's search is turned off")
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
        for review in selection.shown:
            for key, near in misspelt_fields(review.meta, retro):
                log.warning(
                    "retro: %s:%s: unknown field '%s' (did you mean '%s'?): its text is not"
                    " on the site",
                    review.relpath,
                    review.line_of(key) or 1,
                    key,
                    near,
                )
        pages = site_pages(
            selection.shown,
            retro,
            today,
            facts,
            directory_urls=config.use_directory_urls,
            site_name=config.site_name,
        )
        self.pages = {}
        _leave_out_sources(files, config.docs_dir, (retro.reviews_path, retro.templates_path))
        # A page's Markdown without its front matter: its metadata is handed to MkDocs as
        # it is (on_page_markdown), not written out as text for MkDocs to parse back.
        generated: list[tuple[str, str, Page | None]] = [(p.uri, p.markdown, p) for p in pages]
        generated += [(uri, text, None) for uri, text in {**ASSETS, **SEARCH_ASSETS}.items()]
        in_nav = {uri for _, uri in NAV_PAGES}
        written = [f.src_uri for f in files.documentation_pages(inclusion=InclusionLevel.is_in_nav)]
        # A page of the team's at a generated page's address wins, whatever its file is
        # called: docs/tags.md and tags/index.md are both /tags/.
        by_address = {f.dest_uri: f for f in files}
        for uri, text, page in generated:
            # Reviews and the pages under the index pages are reached from those: MkDocs is
            # told not to list each one as left out of a navigation of the team's own.
            inclusion = InclusionLevel.UNDEFINED if uri in in_nav else InclusionLevel.NOT_IN_NAV
            made = File.generated(config, uri, content=text, inclusion=inclusion)
            own = by_address.get(made.dest_uri)
            if own is not None:
                log.info(
                    "retro: %s is written by hand in %s at the address of the library's %s;"
                    " the library's page is not generated",
                    own.src_uri,
                    Path(config.docs_dir).name,
                    uri,
                )
                continue
            files.append(made)
            if page is not None:
                self.pages[uri] = page
        self._stop_indexer()
        try:
            self.indexer = SearchIndexer(Path(config.site_dir) / INDEX_FOLDER)
        except RetroError as exc:
            raise PluginError(f"retro: {exc}") from exc
        if self.set_nav:
            # Index pages only: listing every review in every page's sidebar makes build time
            # and size grow with the square of the library. The team's own pages in docs/
            # follow them, so that none is built with no way to it.
            library = [{title: uri} for title, uri in NAV_PAGES if files.get_file_from_path(uri)]
            config.nav = [*library, *sorted(uri for uri in written if uri not in in_nav)]
        return files

    # Before other plugins' own: they see a generated page's metadata as a page's own.
    @event_priority(100)
    def on_page_markdown(
        self, markdown: str, *, page: MkDocsPage, config: MkDocsConfig, files: Files
    ) -> str | None:
        found = self._generated(page)
        if found is not None and found.meta:
            page.meta = page_meta(found.meta)
        self.blocks.page = found
        return None

    def on_page_content(
        self, html: str, *, page: MkDocsPage, config: MkDocsConfig, files: Files
    ) -> str | None:
        # A generated page's headings get their permalinks (its table of contents already
        # lists them: see blocks.py). A review page holds the review's body as written:
        # whatever HTML it carries goes through the allow-list (all but the blocks the core
        # generated and escaped, found as they were written); then the article is marked for
        # the search index.
        self.blocks.page = None
        found = self._generated(page)
        if found is None:
            self._index_own_page(html, page)
            return None
        toc_options = config.mdx_configs.get("toc", {})
        if found.review is None:
            return with_permalinks(html, found, toc_options)
        article = mark_for_search(sanitize_around(html, found.generated_html), found)
        article = with_permalinks(article, found, toc_options)
        if self.indexer is not None and found.search is not None:
            # Pagefind reads only the marked article: it gets that, not the whole page, and
            # indexes it on another core while the next pages are made.
            try:
                self.indexer.add_page(article, "/" + page.url, found.title)
            except RetroError as exc:
                raise PluginError(f"retro: {exc}") from exc
        return article

    def _index_own_page(self, html: str, page: MkDocsPage) -> None:
        """A page of the team's own (``docs/``) in the search too: the box replaces
        Material's search on the whole site. It has a title and its text, and no facts."""
        if self.indexer is None or page.file.generated_by is not None:
            return
        title = page.title or page.file.name
        try:
            self.indexer.add_page(search_body(html, title), "/" + page.url, title)
        except RetroError as exc:
            raise PluginError(f"retro: {exc}") from exc

    # Before other plugins' own (a minifier's, say): the box goes into the theme's header as
    # the theme wrote it.
    @event_priority(100)
    def on_post_page(self, output: str, *, page: MkDocsPage, config: MkDocsConfig) -> str | None:
        return self._with_search_box(output, page.file.src_uri) if self.config.enabled else None

    @event_priority(100)
    def on_post_template(
        self, output_content: str, *, template_name: str, config: MkDocsConfig
    ) -> str | None:
        # The theme's own pages (404.html) have the header, and the box, too.
        if not self.config.enabled or not template_name.endswith(".html"):
            return None
        return self._with_search_box(output_content, template_name)

    def _with_search_box(self, html: str, name: str) -> str:
        written = with_search_box(html)
        # A page given the box has it: only one left as it was is looked at again.
        if written is html and not self.unboxed_said and lacks_search_box(html):
            self.unboxed_said = True  # once a build: the theme's header is the same on each
            log.warning(
                "retro: %s has no search box: its header is not Material's"
                ' (<nav class="md-header__inner ..."> ... </nav>)',
                name,
            )
        return written

    def _generated(self, page: MkDocsPage) -> Page | None:
        """The core's page behind ``page``, when this plugin generated it."""
        if page.file.generated_by != "retro":
            return None
        return self.pages.get(page.file.src_uri)

    def on_page_context(
        self, context: TemplateContext, *, page: MkDocsPage, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext | None:
        found = self._generated(page)
        if page.file.generated_by == "retro":
            review = found.review if found is not None else None
            page.edit_url = _edit_url(review, config) if review is not None else None
        return None

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment | None:
        # Every page is converted (and indexed) by now: Pagefind writes the index on another
        # core while MkDocs renders the pages' templates.
        if self.indexer is not None:
            self.indexer.write()
        return None

    @event_priority(100)  # before other plugins' own: they see the index whole
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        # The pages are no longer needed: let them go now, not at the process's end, where
        # every full collection of the interpreter's shutdown would walk them again (about
        # 2 s at 5,000 reviews).
        self.pages = {}
        if self.indexer is None:
            return
        try:
            self.indexer.finish()
            count = self.indexer.pages
            log.info("retro: search index of %d page%s written", count, "" if count == 1 else "s")
        except RetroError as exc:
            raise PluginError(f"retro: {exc}") from exc
        finally:
            self._stop_indexer()

    def on_build_error(self, *, error: Exception) -> None:
        self.pages = {}
        self._stop_indexer()

    def _stop_indexer(self) -> None:
        if self.indexer is not None:
            self.indexer.close()
            self.indexer = None

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
