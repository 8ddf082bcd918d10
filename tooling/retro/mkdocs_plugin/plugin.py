"""``RetroPlugin``: the reviews folder as a learning library in a MkDocs Material site.

The pages come from the core (:func:`retro.render.site.render_site`); this adapter only reads
the options, adds the pages as generated files, sets a short navigation (index pages only, so
that build time and size grow linearly with the library), points each review's edit link at
its file in ``reviews/``, and sanitises the HTML of review pages.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File

from ..check import load_library, today_for_checks
from ..config import KNOWN_OPTIONS, RetroConfig, config_from_mapping, read_retro_yml
from ..errors import ConfigError, RetroError
from ..gitrepo import last_changes
from ..model import Review
from ..render.links import STYLESHEET, review_uri
from ..render.raw_blocks import lift_blocks, restore_blocks
from ..render.review_page import BODY_START
from ..render.sanitize import sanitize_after
from ..render.site import NAV_PAGES, render_site
from ..site import select_reviews
from .config import RetroPluginConfig

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
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
        self.lifted: dict[str, list[str]] = {}  # page URI -> its raw HTML blocks (see below)

    # ------------------------------------------------------------------ configuration

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        self.retro = self._retro_config(config)
        self.set_nav = config.nav is None
        if STYLESHEET not in config.extra_css:
            config.extra_css.append(STYLESHEET)
        return config

    def _retro_config(self, config: MkDocsConfig) -> RetroConfig:
        mkdocs_file = Path(config.config_file_path or "mkdocs.yml").resolve()
        root = mkdocs_file.parent
        options: dict[str, Any] = {
            k: v for k, v in self.config.items() if k in KNOWN_OPTIONS and v is not None
        }
        sources = [mkdocs_file]
        retro_yml = root / "retro.yml"
        try:
            if retro_yml.is_file():
                for key, value in read_retro_yml(retro_yml).items():
                    if key in options:
                        raise ConfigError(
                            f"retro.yml: option '{key}' is also set in {mkdocs_file.name}; "
                            "set each retro option in one place"
                        )
                    options[key] = value
                sources.append(retro_yml)
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
        try:
            today = today_for_checks()
            selection = select_reviews(load_library(retro), retro)
        except RetroError as exc:
            raise PluginError(f"retro: {exc}") from exc
        for review, why in selection.broken:
            log.warning("retro: %s is left out of the site: %s", review.relpath, why)
        facts = last_changes(retro.root, retro.reviews_path)
        pages = render_site(
            selection.shown, retro, today, facts, directory_urls=config.use_directory_urls
        )
        review_uris = {review_uri(r, retro): r for r in selection.shown}
        self.review_files = {}
        for uri, content in pages.items():
            if files.get_file_from_path(uri) is not None:
                log.info("retro: %s is written by hand in docs; not generated", uri)
                continue
            files.append(File.generated(config, uri, content=content))
            if uri in review_uris:
                self.review_files[uri] = review_uris[uri]
        if self.set_nav:
            # Index pages only: listing every review in every page's sidebar makes build time
            # and size grow with the square of the library.
            config.nav = [
                {title: uri} for title, uri in NAV_PAGES if files.get_file_from_path(uri)
            ]
        return files

    @event_priority(-50)
    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        # Generated raw HTML blocks wait outside Markdown, which would parse them tag by tag
        # only to copy them: on review pages the summary and sections (never the body, which
        # Markdown and the sanitiser must see as written), and the listings under reviews/.
        uri = page.file.src_uri
        if page.file.generated_by != "retro":
            return None
        if uri in self.review_files:
            head, found, body = markdown.partition(BODY_START)
            head, self.lifted[uri] = lift_blocks(head)
            return head + found + body
        if uri.startswith("reviews/"):
            markdown, self.lifted[uri] = lift_blocks(markdown)
            return markdown
        return None

    def on_page_content(
        self, html: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        uri = page.file.src_uri
        blocks = self.lifted.pop(uri, [])
        if uri in self.review_files:
            # The summary and sections before BODY_START are generated and escaped.
            # Blocks come back in that part only; then what follows is sanitised.
            head, found, body = html.partition(BODY_START)
            return sanitize_after(restore_blocks(head, blocks) + found + body, BODY_START)
        return restore_blocks(html, blocks) if blocks else None

    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext | None:
        review = self.review_files.get(page.file.src_uri)
        if page.file.generated_by == "retro" or page.file.src_uri in self.review_files:
            page.edit_url = _edit_url(review, config) if review is not None else None
        return None


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
