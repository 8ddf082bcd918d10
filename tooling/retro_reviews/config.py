"""The ``retro`` configuration: one mapping, read from ``mkdocs.yml`` or ``retro.yml``.

Where it lives (the project's docs say the same):

* under the ``retro`` entry of ``plugins:`` in ``mkdocs.yml`` (the file a team already edits
  for its site), and/or
* in a ``retro.yml`` beside it (for a repository without a site, or to keep ``mkdocs.yml``
  short). Both may be used together as long as they do not set the same option twice.

The project root is the folder that holds the configuration. An empty configuration works.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import ConfigError

CONFIG_FILES = ("retro.yml", "mkdocs.yml")
DEFAULT_KINDS = ("incident", "customer-mistake", "near-miss")
DEFAULT_SEVERITIES = ("low", "medium", "high", "critical")
STATUSES = ("draft", "in-review", "published")
EXTRA_FIELD_TYPES = ("string", "integer", "number", "boolean", "date", "list", "mapping", "any")
LEVEL_CHOICES = ("error", "warning", "off")
DEFAULT_MAX_FILE_BYTES = 2_000_000
_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True)
class BlamelessPhrase:
    """One blaming phrase: a regular expression, why it blames, and a blameless rewording."""

    pattern: str
    why: str
    suggest: str
    label: str = ""
    # Lowercase words of which at least one must occur for the pattern to match: a cheap
    # pre-filter that keeps the checker fast on large libraries. Empty: always try the regex.
    needles: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        return self.label or self.pattern


@dataclass(frozen=True)
class RetroConfig:
    """Everything retro needs to know about one library."""

    root: Path
    sources: tuple[Path, ...] = ()
    reviews_dir: str = "reviews"
    templates_dir: str = "templates"
    kinds: tuple[str, ...] = DEFAULT_KINDS
    severities: tuple[str, ...] = DEFAULT_SEVERITIES
    allowed_tags: tuple[str, ...] | None = None
    extra_fields: Mapping[str, str] = field(default_factory=dict)
    blameless_add: tuple[BlamelessPhrase, ...] = ()
    blameless_remove: tuple[str, ...] = ()
    rule_levels: Mapping[str, str] = field(default_factory=dict)
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES
    show_status: tuple[str, ...] = ("published",)
    public: bool = False

    @property
    def reviews_path(self) -> Path:
        return self.root / self.reviews_dir

    @property
    def templates_path(self) -> Path:
        return self.root / self.templates_dir

    def relpath(self, path: Path) -> str:
        """``path`` relative to the project root, ``/``-separated (absolute if outside it)."""
        try:  # where the path is (a link's own place), then where it leads
            return Path(os.path.abspath(path)).relative_to(os.path.abspath(self.root)).as_posix()
        except ValueError:
            pass
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except (ValueError, OSError, RuntimeError):
            return path.as_posix()


# --------------------------------------------------------------------------- finding the files


def find_project_root(start: Path) -> Path:
    """The nearest folder at or above ``start`` that holds ``retro.yml`` or ``mkdocs.yml``.

    Falls back to ``start`` itself, so that retro works with defaults in any folder.
    """
    start = start.resolve()
    for folder in (start, *start.parents):
        if any((folder / name).is_file() for name in CONFIG_FILES):
            return folder
    return start


def load_config(root: Path | None = None, *, config_file: Path | None = None) -> RetroConfig:
    """Read the configuration of the project at ``root`` (or of ``config_file``)."""
    if config_file is not None:
        if not config_file.is_file():
            raise ConfigError(f"{config_file}: configuration file not found")
        root = config_file.resolve().parent
        files = [config_file]
    else:
        root = find_project_root(root or Path.cwd())
        files = [root / name for name in CONFIG_FILES if (root / name).is_file()]
    merged: dict[str, Any] = {}
    origin: dict[str, Path] = {}
    for path in files:
        options = _read_retro_yml(path) if path.name != "mkdocs.yml" else read_mkdocs_options(path)
        for key, value in options.items():
            if key in merged:
                raise ConfigError(
                    f"{path.name}: option '{key}' is also set in {origin[key].name}; "
                    "set each retro option in one place"
                )
            merged[key] = value
            origin[key] = path
    source = files[0] if files else None
    return config_from_mapping(merged, root=root, sources=tuple(files), source=source)


def _read_yaml(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path.name}: cannot read the configuration ({exc})") from exc
    try:
        return yaml.load(text, Loader=_TolerantLoader)  # noqa: S506 - safe loader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise ConfigError(f"{path.name}{where}: invalid YAML: {problem}") from exc


def read_retro_yml(path: Path) -> Mapping[str, Any]:
    """The options of a ``retro.yml`` (at its top level or under a ``retro:`` key)."""
    return _read_retro_yml(path)


def _read_retro_yml(path: Path) -> Mapping[str, Any]:
    data = _read_yaml(path)
    if data is None:
        return {}
    if not isinstance(data, Mapping):
        raise ConfigError(f"{path.name}: the configuration must be a mapping of options")
    # ``retro.yml`` may hold the options at the top or under a ``retro:`` key.
    if set(data) == {"retro"}:
        data = data["retro"] or {}
        if not isinstance(data, Mapping):
            raise ConfigError(f"{path.name}: 'retro' must be a mapping of options")
    return data


def read_mkdocs_options(path: Path) -> Mapping[str, Any]:
    """The options of the ``retro`` plugin entry in a ``mkdocs.yml`` (empty if absent)."""
    data = _read_yaml(path)
    if not isinstance(data, Mapping):
        return {}
    plugins = data.get("plugins") or []
    entries: list[Any]
    if isinstance(plugins, Mapping):
        entries = [{name: opts} for name, opts in plugins.items()]
    elif isinstance(plugins, list):
        entries = plugins
    else:
        return {}
    for entry in entries:
        if isinstance(entry, Mapping) and "retro" in entry:
            options = entry["retro"] or {}
            if not isinstance(options, Mapping):
                raise ConfigError(f"{path.name}: the 'retro' plugin options must be a mapping")
            return {k: v for k, v in options.items() if k != "enabled"}
    return {}


class _TolerantLoader(yaml.SafeLoader):
    """A safe loader that reads ``!ENV`` and ``!!python/name:`` tags of mkdocs.yml as text."""


def _any_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
        if suffix == "!ENV" or suffix == "ENV":
            return os.environ.get(str(value), None)
        return value
    if isinstance(node, yaml.SequenceNode):
        seq = loader.construct_sequence(node)
        if suffix in ("!ENV", "ENV"):
            for name in seq[:-1]:
                if str(name) in os.environ:
                    return os.environ[str(name)]
            return seq[-1] if seq else None
        return seq
    return loader.construct_mapping(node)  # type: ignore[arg-type]


_TolerantLoader.add_multi_constructor("!", _any_tag)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _any_tag)


# --------------------------------------------------------------------------- the options

KNOWN_OPTIONS = {
    "reviews_dir": "folder of the reviews, relative to the project root (default: reviews)",
    "templates_dir": "folder of the kinds' templates (default: templates)",
    "kinds": "the kinds of review; each needs templates/<kind>.md.j2",
    "severities": "the severity levels, lowest first",
    "tags": "the allowed tags (omit for free tags)",
    "extra_fields": "extra front-matter fields a team adds: name -> type",
    "blameless": "'add' phrases ({pattern, why, suggest}) and 'remove' default phrases",
    "rules": "rule id -> error / warning / off",
    "max_file_bytes": "largest review file read, in bytes (default 2000000)",
    "show_status": "statuses published on the site (default: [published])",
    "public": "a public build: leave every internal review out (also RETRO_PUBLIC=1)",
}


def config_from_mapping(
    options: Mapping[str, Any],
    *,
    root: Path,
    sources: tuple[Path, ...] = (),
    source: Path | None = None,
) -> RetroConfig:
    """Validate the ``retro`` options and build a :class:`RetroConfig`."""
    where = source.name if source is not None else "configuration"

    def fail(message: str) -> ConfigError:
        return ConfigError(f"{where}: {message}")

    unknown = sorted(set(options) - set(KNOWN_OPTIONS) - {"enabled"})
    if unknown:
        raise fail(
            f"unknown retro option '{unknown[0]}'; known options: {', '.join(KNOWN_OPTIONS)}"
        )

    def names(key: str, default: tuple[str, ...]) -> tuple[str, ...]:
        value = options.get(key)
        if value is None:
            return default
        if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
            raise fail(f"'{key}' must be a non-empty list of names")
        for name in value:
            if not _NAME.match(name):
                raise fail(f"'{key}': '{name}' must be lowercase letters, digits and '-'")
        return tuple(value)

    def folder(key: str, default: str) -> str:
        value = options.get(key, default)
        if not isinstance(value, str) or not value.strip():
            raise fail(f"'{key}' must be a folder name")
        return value

    tags = options.get("tags")
    if tags is not None and (
        not isinstance(tags, list) or not all(isinstance(t, str) and t for t in tags)
    ):
        raise fail("'tags' must be a list of the allowed tags")

    extra = options.get("extra_fields") or {}
    if isinstance(extra, list):
        extra = {name: "any" for name in extra}
    if not isinstance(extra, Mapping):
        raise fail("'extra_fields' must map a field name to its type")
    for name, kind in extra.items():
        if kind not in EXTRA_FIELD_TYPES:
            raise fail(f"extra field '{name}': type must be one of {', '.join(EXTRA_FIELD_TYPES)}")

    rules = options.get("rules") or {}
    if not isinstance(rules, Mapping):
        raise fail("'rules' must map a rule id to error, warning or off")
    rule_levels: dict[str, str] = {}
    for rule_id, level in rules.items():
        level = "off" if level is False else level
        if level not in LEVEL_CHOICES:
            raise fail(f"rule '{rule_id}': level must be error, warning or off")
        rule_levels[str(rule_id)] = str(level)

    add, remove = _blameless_options(options.get("blameless"), fail)

    max_bytes = options.get("max_file_bytes", DEFAULT_MAX_FILE_BYTES)
    if not isinstance(max_bytes, int) or isinstance(max_bytes, bool) or max_bytes < 1024:
        raise fail("'max_file_bytes' must be a whole number of bytes, at least 1024")

    show = names("show_status", ("published",))
    bad = [s for s in show if s not in STATUSES]
    if bad:
        raise fail(f"'show_status': '{bad[0]}' is not one of {', '.join(STATUSES)}")

    public = options.get("public", False)
    if not isinstance(public, bool):
        raise fail("'public' must be true or false")
    if os.environ.get("RETRO_PUBLIC", "").strip().lower() in ("1", "true", "yes"):
        public = True

    return RetroConfig(
        root=root,
        sources=sources,
        reviews_dir=folder("reviews_dir", "reviews"),
        templates_dir=folder("templates_dir", "templates"),
        kinds=names("kinds", DEFAULT_KINDS),
        severities=names("severities", DEFAULT_SEVERITIES),
        allowed_tags=tuple(tags) if tags is not None else None,
        extra_fields=dict(extra),
        blameless_add=add,
        blameless_remove=remove,
        rule_levels=rule_levels,
        max_file_bytes=max_bytes,
        show_status=show,
        public=public,
    )


def _blameless_options(
    value: Any, fail: Any
) -> tuple[tuple[BlamelessPhrase, ...], tuple[str, ...]]:
    if value is None:
        return (), ()
    if not isinstance(value, Mapping):
        raise fail("'blameless' must be a mapping with 'add' and/or 'remove'")
    add: list[BlamelessPhrase] = []
    for item in value.get("add") or []:
        if isinstance(item, str):
            item = {"pattern": r"\b" + re.escape(item) + r"\b", "label": item}
        if not isinstance(item, Mapping) or not isinstance(item.get("pattern"), str):
            raise fail("each 'blameless.add' entry needs a 'pattern' (a phrase or regex)")
        try:
            re.compile(item["pattern"])
        except re.error as exc:
            raise fail(
                f"blameless pattern {item['pattern']!r} is not a valid regex: {exc}"
            ) from None
        add.append(
            BlamelessPhrase(
                pattern=item["pattern"],
                why=str(item.get("why") or "this phrase points at a person, not a condition"),
                suggest=str(
                    item.get("suggest")
                    or "describe the conditions that made the action reasonable at the time"
                ),
                label=str(item.get("label") or item.get("phrase") or item["pattern"]),
            )
        )
    remove = value.get("remove") or []
    if not isinstance(remove, list) or not all(isinstance(r, str) for r in remove):
        raise fail("'blameless.remove' must be a list of default phrases to stop flagging")
    return tuple(add), tuple(remove)
