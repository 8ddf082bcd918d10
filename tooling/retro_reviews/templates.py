"""The kinds' Jinja2 templates: finding, rendering, and the sections they require.

A kind's template is ``<templates_dir>/<kind>.md.j2`` in the project; for the default kinds,
retro falls back to the copy shipped in the package, so ``retro new`` works before
``retro init`` has copied them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import jinja2

from .config import RetroConfig
from .errors import TemplateError
from .load import split_front_matter
from .markdown import heading_key, split_sections

PACKAGED = Path(__file__).parent / "default_templates"


def template_path(config: RetroConfig, kind: str) -> Path | None:
    """The template file for ``kind``, or ``None`` when there is none."""
    for folder in (config.templates_path, PACKAGED):
        candidate = folder / f"{kind}.md.j2"
        if candidate.is_file():
            return candidate
    return None


def yaml_inline(value: Any) -> str:
    """A value as inline YAML (JSON is valid YAML): safe for any title or list."""
    return json.dumps(value, ensure_ascii=False)


def lower_first(text: str) -> str:
    """``Pick and pack checklist`` -> ``pick and pack checklist`` (``API keys`` stays)."""
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def end_sentence(text: str) -> str:
    """``text`` ending with a full stop (unless it ends with one already, or ! ? :)."""
    text = text.rstrip()
    return text if not text or text[-1] in ".!?:…" else text + "."


def render_template(config: RetroConfig, kind: str, context: dict[str, Any]) -> str:
    path = template_path(config, kind)
    if path is None:
        raise TemplateError(
            f"no template for kind '{kind}': add {config.relpath(config.templates_path)}/"
            f"{kind}.md.j2 (copy one of the default templates to start)"
        )
    return _render(path, path.stat().st_mtime_ns, tuple(sorted(context.items(), key=str)))


def _environment(folder: Path) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(folder)),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,  # noqa: S701 - the output is Markdown/YAML, values go through |yaml
    )
    env.filters["yaml"] = yaml_inline
    env.filters["lower_first"] = lower_first
    env.filters["end_sentence"] = end_sentence
    return env


def _render(path: Path, _mtime: int, items: tuple[tuple[str, Any], ...]) -> str:
    context = {key: list(value) if isinstance(value, tuple) else value for key, value in items}
    try:
        template = _environment(path.parent).get_template(path.name)
        return template.render(**context)
    except jinja2.TemplateError as exc:
        line = getattr(exc, "lineno", None)
        where = f"{path.name}:{line}" if line else path.name
        raise TemplateError(f"template {where} cannot be rendered: {exc}") from exc


SAMPLE_CONTEXT = {
    "title": "Sample",
    "date": "2026-01-01",
    "kind": "incident",
    "severity": "low",
    "authors": (),
    "areas": (),
    "tags": (),
    "id": "2026-01-01-sample",
}


@dataclass(frozen=True)
class RequiredSection:
    """A body section a complete review needs: its name and the other headings that answer
    it (the configured synonyms)."""

    name: str
    synonyms: tuple[str, ...] = ()

    @cached_property
    def keys(self) -> tuple[str, ...]:
        return tuple(heading_key(title) for title in (self.name, *self.synonyms))


def required_sections(config: RetroConfig, kind: str) -> tuple[RequiredSection, ...] | None:
    """The configured sections of ``kind`` (``requirements``), or its template's headings;
    each with its synonyms (``section_synonyms``, whose defaults cover the default templates)."""
    configured = config.requirements.get(kind)
    if configured is not None and configured.sections is not None:
        named = configured.sections
    else:
        titles = template_sections(config, kind)
        if titles is None:
            return None
        named = tuple((title, ()) for title in titles)
    return tuple(
        RequiredSection(name, (*own, *config.section_synonyms.get(heading_key(name), ())))
        for name, own in named
    )


def template_sections(config: RetroConfig, kind: str) -> tuple[str, ...] | None:
    """The ``##`` headings of ``kind``'s template (the sections a complete review needs)."""
    path = template_path(config, kind)
    if path is None:
        return None
    return _sections(path, path.stat().st_mtime_ns)


@lru_cache(maxsize=64)
def _sections(path: Path, mtime: int) -> tuple[str, ...]:
    context = dict(SAMPLE_CONTEXT)
    text = _render(path, mtime, tuple(sorted(context.items())))
    split = split_front_matter(text.replace("\r\n", "\n"))
    body = split[1] if split else text
    return tuple(section.title for section in split_sections(body))
