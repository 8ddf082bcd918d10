"""What every page renderer needs to know about the site, computed once per build."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING

from ..config import RetroConfig
from ..gitrepo import LastChange
from ..library import ChecklistReplay, item_key, replay_checklists
from ..model import Review
from ..stats import count_mentions
from .links import (
    TAGS,
    checklist_uri,
    listing_uri,
    page_url,
    review_uri,
    tag_anchor,
    unique_slugs,
)
from .related import related_reviews

if TYPE_CHECKING:
    from ..importer.synonyms import SectionTable

FACETS = ("kind", "severity", "area")
DEFAULT_SITE_NAME = "Learning library"


@dataclass
class SiteContext:
    """The reviews the site shows (newest first) and the views derived from them."""

    reviews: Sequence[Review]
    config: RetroConfig
    today: date
    git_facts: Mapping[str, LastChange] = field(default_factory=dict)
    directory_urls: bool = True  # MkDocs' use_directory_urls, for links in raw HTML
    site_name: str = DEFAULT_SITE_NAME  # the site's own name, the home page's heading
    # A review's line in the review lists, before and after its link (see index_pages).
    list_lines: dict[str, tuple[str, str]] = field(default_factory=dict, repr=False)

    def prepare(self) -> None:
        """Make every library-wide view now (each is otherwise made when first asked for):
        a forked helper then shares them instead of making them again."""
        views = ("uris", "replay", "checklist_slugs", "related", "names", "facets", "facet_slugs")
        for view in views:
            getattr(self, view)

    @cached_property
    def uris(self) -> dict[str, str]:
        return {review.id: review_uri(review, self.config) for review in self.reviews}

    def uri(self, review: Review) -> str:
        return self.uris[review.id]

    def href(self, from_uri: str, to_uri: str) -> str:
        """The final relative URL of page ``to_uri`` on page ``from_uri`` (for raw HTML)."""
        return page_url(from_uri, to_uri, directory_urls=self.directory_urls)

    def tag_href(self, from_uri: str, tag: str) -> str:
        """The final URL of ``tag``'s place on the tags page, on page ``from_uri``: its
        address and anchor (the id of the tag's heading there)."""
        return f"{self.href(from_uri, TAGS)}#{tag_anchor(tag)}"

    @cached_property
    def tagged(self) -> dict[str, list[Review]]:
        """Each tag as the site shows it (see :attr:`names`), in alphabetical order -> the
        reviews that carry it, newest first."""
        groups: dict[str, list[Review]] = {}
        for review in self.reviews:
            for tag in self.shown_names("tag", review.tags):
                groups.setdefault(tag, []).append(review)
        return dict(sorted(groups.items(), key=lambda kv: (kv[0].casefold(), kv[0])))

    @cached_property
    def replay(self) -> ChecklistReplay:
        return replay_checklists(self.reviews)

    @cached_property
    def checklist_slugs(self) -> dict[str, str]:
        """Checklist key (see :func:`retro.library.item_key`) -> page slug."""
        return unique_slugs(self.replay.checklists, "checklist")

    def checklist_page(self, name: str) -> str | None:
        slug = self.checklist_slugs.get(item_key(name))
        return checklist_uri(slug) if slug else None

    @cached_property
    def import_sections(self) -> SectionTable:
        """Which heading means which section, as `retro import` reads them (the team's
        ``import_sections`` included): for the bodies of imported reviews."""
        from ..importer.synonyms import SectionTable  # the importer: only when one is shown

        return SectionTable(self.config.import_sections)

    @cached_property
    def related(self) -> Mapping[str, list[Review]]:
        return related_reviews(self.reviews)

    @cached_property
    def names(self) -> dict[str, dict[str, str]]:
        """``"area"`` and ``"tag"`` -> a name's key (see :func:`retro.library.item_key`) ->
        the spelling the site shows. Names that differ only in case, spacing or a final
        period are one area or tag, shown in their most frequent spelling, as ``retro
        stats`` counts them."""
        return {
            "area": {item_key(m.name): m.name for m in count_mentions(self.reviews, _areas)},
            "tag": {item_key(m.name): m.name for m in count_mentions(self.reviews, _tags)},
        }

    def shown_name(self, kind: str, name: str) -> str:
        """``name`` (an area or a tag, see :attr:`names`) as the site shows it."""
        return self.names[kind].get(item_key(name), name)

    def shown_names(self, kind: str, names: Sequence[str]) -> dict[str, str]:
        """Each of ``names`` once, in their order: as the site shows it -> as first written."""
        out: dict[str, str] = {}
        for name in names:
            out.setdefault(self.shown_name(kind, name), name)
        return out

    def facet_values(self, review: Review, facet: str) -> tuple[str, ...]:
        if facet == "area":
            return review.areas
        value = review.kind if facet == "kind" else review.severity
        return (value,) if value else ()

    @cached_property
    def facets(self) -> dict[str, dict[str, list[Review]]]:
        """facet -> value -> reviews (newest first); kinds and severities in configured order."""
        out: dict[str, dict[str, list[Review]]] = {}
        for facet in FACETS:
            groups: dict[str, list[Review]] = {}
            if facet == "kind":
                groups = {k: [] for k in self.config.kinds}
            elif facet == "severity":
                groups = {s: [] for s in reversed(self.config.severities)}
            for review in self.reviews:
                for value in dict.fromkeys(
                    self.facet_name(facet, v) for v in self.facet_values(review, facet)
                ):
                    groups.setdefault(value, []).append(review)
            if facet == "area":
                groups = dict(sorted(groups.items(), key=lambda kv: kv[0].casefold()))
            out[facet] = {k: v for k, v in groups.items() if v}
        return out

    @cached_property
    def facet_slugs(self) -> dict[str, dict[str, str]]:
        return {facet: unique_slugs(values, facet) for facet, values in self.facets.items()}

    def facet_name(self, facet: str, value: str) -> str:
        """``value`` as its facet's page names it (an area in its shown spelling)."""
        return self.shown_name("area", value) if facet == "area" else value

    def facet_page(self, facet: str, value: str) -> str | None:
        slug = self.facet_slugs[facet].get(self.facet_name(facet, value))
        return listing_uri(facet, slug) if slug else None


def _areas(review: Review) -> Sequence[str]:
    return review.areas


def _tags(review: Review) -> Sequence[str]:
    return review.tags
