"""The ``retro`` configuration: one mapping, read from ``mkdocs.yml`` or ``retro.yml``.

Where it lives (the project's docs say the same):

* under the ``retro`` entry of ``plugins:`` in ``mkdocs.yml`` (the file a team already edits
  for its site), and/or
* in a ``retro.yml`` beside it (for a repository without a site, or to keep ``mkdocs.yml``
  short). Both may be used together as long as they do not set the same option twice.

The project root is the folder that holds the configuration. An empty configuration works.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfoNotFoundError

import yaml

from .errors import ConfigError
from .model import ReviewOptions, zone_of
from .yamlload import explain

CONFIG_FILES = ("retro.yml", "mkdocs.yml")
DEFAULT_KINDS = ("incident", "customer-mistake", "near-miss")
DEFAULT_SEVERITIES = ("low", "medium", "high", "critical")
STATUSES = ("draft", "in-review", "published", "imported")
DEFAULT_DETECTION = ("monitoring", "customer", "staff", "partner", "audit", "other")
DEFAULT_ACTION_TYPES = ("prevent", "mitigate", "detect", "process")
EXTRA_FIELD_TYPES = ("string", "integer", "number", "boolean", "date", "list", "mapping", "any")
LEVEL_CHOICES = ("error", "warning", "off")
DEFAULT_MAX_FILE_BYTES = 2_000_000
# Other headings real postmortems use for the default templates' sections (compared as
# headings are: without numbering, qualifiers or case). A configured `section_synonyms`
# entry replaces the one for its section.
DEFAULT_SECTION_SYNONYMS: dict[str, tuple[str, ...]] = {
    "timeline": ("detailed timeline", "timeline of events", "chronology", "sequence of events"),
    "what happened": (
        "incident summary", "issue summary", "summary", "description", "overview",
        "what went wrong", "incident description", "background",
    ),
    "what the customer lived through": (
        "customer response", "customer impact", "impact on customers", "customer experience",
        "impact",
    ),
    "what went well": ("things that went well", "went well", "what worked"),
    "where we got lucky": ("where we were lucky", "what was lucky", "lucky breaks", "luck"),
    "what caught it": ("how it was caught", "how we caught it", "detection", "how it was found"),
}  # fmt: skip
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
class KindRequirements:
    """What a complete review of one kind needs (``None``: the default)."""

    fields: tuple[str, ...] | None = None
    sections: tuple[tuple[str, tuple[str, ...]], ...] | None = None


@dataclass(frozen=True)
class RetroConfig:
    """Everything retro needs to know about one library."""

    root: Path
    sources: tuple[Path, ...] = ()
    reviews_dir: str = "reviews"
    templates_dir: str = "templates"
    kinds: tuple[str, ...] = DEFAULT_KINDS
    severities: tuple[str, ...] = DEFAULT_SEVERITIES
    severity_aliases: Mapping[str, str] = field(default_factory=dict)
    detection_methods: tuple[str, ...] = DEFAULT_DETECTION
    action_types: tuple[str, ...] = DEFAULT_ACTION_TYPES
    time_zone: str = "UTC"
    requirements: Mapping[str, KindRequirements] = field(default_factory=dict)
    section_synonyms: Mapping[str, tuple[str, ...]] = field(
        default_factory=lambda: dict(DEFAULT_SECTION_SYNONYMS)
    )
    allowed_tags: tuple[str, ...] | None = None
    extra_fields: Mapping[str, str] = field(default_factory=dict)
    blameless_add: tuple[BlamelessPhrase, ...] = ()
    blameless_remove: tuple[str, ...] = ()
    blameless_roles: tuple[str, ...] = ()
    blameless_systems: tuple[str, ...] = ()
    privacy_allow: tuple[str, ...] = ()
    rule_levels: Mapping[str, str] = field(default_factory=dict)
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES
    show_status: tuple[str, ...] = ("published", "imported")
    public: bool = False
    import_sections: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    contact: str = ""

    @property
    def review_options(self) -> ReviewOptions:
        """What a review needs of the configuration to read its own fields."""
        return ReviewOptions(dict(self.severity_aliases), self.time_zone)

    def severity_level(self, value: str) -> str | None:
        """The configured level ``value`` names, directly or through an alias."""
        return self.review_options.severity_level(value, self.severities)

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


NO_PROJECT = "no retro project found here or above (run `retro init`)"


def find_project_root(start: Path) -> Path:
    """The nearest folder at or above ``start`` that holds ``retro.yml`` or ``mkdocs.yml``,
    else the nearest holding a ``reviews`` folder (a project that keeps the defaults).

    Raises :class:`ConfigError` when there is neither: a command run in the wrong folder
    must not pass with nothing checked.
    """
    start = start.resolve()
    folders = (start, *start.parents)
    for folder in folders:
        if any((folder / name).is_file() for name in CONFIG_FILES):
            return folder
    for folder in folders:
        if (folder / "reviews").is_dir():
            return folder
    raise ConfigError(NO_PROJECT)


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
    merged = merge_options(
        (path, _read_retro_yml(path) if path.name != "mkdocs.yml" else read_mkdocs_options(path))
        for path in files
    )
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
        taught = explain(exc, 1, text) if isinstance(exc, yaml.MarkedYAMLError) else None
        if taught is not None:
            raise ConfigError(f"{path.name}:{taught.line}: {taught.message}") from exc
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
    if _nested(data):
        data = data["retro"] or {}
        if not isinstance(data, Mapping):
            raise ConfigError(f"{path.name}: 'retro' must be a mapping of options")
    return data


def _nested(data: Mapping[str, Any]) -> bool:
    """``retro.yml`` may hold the options at the top or under a ``retro:`` key."""
    return set(data) == {"retro"}


def nests_options(retro_yml: Path) -> bool:
    """Whether ``retro_yml`` holds its options under a ``retro:`` key (``False`` when it
    cannot be read: whoever reads it then says why)."""
    try:
        data = _read_yaml(retro_yml)
    except ConfigError:
        return False
    return isinstance(data, Mapping) and _nested(data)


# The plugins a site needs for the library, as ``mkdocs.yml`` lists them (retro init writes
# them; its advice for a site configuration of the team's own shows them).
PLUGIN_LINES = "  - retro:\n      show_status: [published, imported]\n"


def read_mkdocs_options(path: Path) -> Mapping[str, Any]:
    """The options of the ``retro`` plugin entry in a ``mkdocs.yml`` (empty if absent)."""
    for entry in _plugin_entries(_read_yaml(path)):
        if isinstance(entry, Mapping) and "retro" in entry:
            beside = [str(key) for key in entry if key != "retro"]
            if beside:  # "- retro:" then "    show_status: ..." indented as the plugin name
                raise ConfigError(
                    f"{path.name}: '{beside[0]}' stands beside 'retro' in plugins:, not under "
                    "it: indent the plugin's options two spaces more than 'retro'"
                )
            options = entry["retro"] or {}
            if not isinstance(options, Mapping):
                raise ConfigError(f"{path.name}: the 'retro' plugin options must be a mapping")
            return {k: v for k, v in options.items() if k != "enabled"}
    return {}


def read_site_config(path: Path, _depth: int = 0) -> Mapping[str, Any]:
    """A ``mkdocs.yml`` (or ``properdocs.yml``) as a mapping, with the file it names in
    ``INHERIT`` merged under it as MkDocs merges it (mappings key by key, anything else
    replaced); :class:`ConfigError` if it cannot be read."""
    data = _read_yaml(path)
    if not isinstance(data, Mapping):
        return {}
    parent = data.get("INHERIT")
    if not isinstance(parent, str) or not parent.strip():
        return data
    if _depth > 10:
        raise ConfigError(f"{path.name}: INHERIT goes more than ten files deep")
    child = {k: v for k, v in data.items() if k != "INHERIT"}
    return _merged(read_site_config(path.parent / parent.strip(), _depth + 1), child)


def site_plugin_advice(name: str) -> str:
    """What to add to the site configuration ``name`` when it does not load the plugin."""
    return (
        f"{name} does not load the retro plugin, so the site would have no library in it: "
        f"add it to the plugins:\nplugins:\n{PLUGIN_LINES.rstrip()}"
    )


def _merged(base: Mapping[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        below = out.get(key)
        both = isinstance(below, Mapping) and isinstance(value, Mapping)
        out[key] = _merged(below, value) if both else value  # type: ignore[arg-type]
    return out


def lists_retro_plugin(site_config: Mapping[str, Any]) -> bool:
    """Whether a site configuration's ``plugins`` list the ``retro`` plugin."""
    return any(
        entry == "retro" or (isinstance(entry, Mapping) and "retro" in entry)
        for entry in _plugin_entries(site_config)
    )


def _plugin_entries(data: Any) -> list[Any]:
    """A site configuration's ``plugins``, each a name or a ``{name: options}`` mapping."""
    plugins = data.get("plugins") if isinstance(data, Mapping) else None
    if isinstance(plugins, Mapping):
        return [{name: opts} for name, opts in plugins.items()]
    return list(plugins) if isinstance(plugins, list) else []


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


@dataclass(frozen=True)
class Option:
    """One ``retro`` option: its name, its help text, the YAML types it takes (the MkDocs
    plugin declares its options from these) and the function that validates it."""

    name: str
    help: str
    types: tuple[type, ...]
    parse: Callable[[Any, Callable[[str], ConfigError]], Any]


def _names(key: str, default: tuple[str, ...]) -> Callable[..., tuple[str, ...]]:
    def parse(value: Any, fail: Callable[[str], ConfigError]) -> tuple[str, ...]:
        if value is None:
            return default
        if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
            raise fail(f"'{key}' must be a non-empty list of names")
        for name in value:
            if not _NAME.match(name):
                raise fail(f"'{key}': '{name}' must be lowercase letters, digits and '-'")
        return tuple(value)

    return parse


def _folder(key: str, default: str) -> Callable[..., str]:
    def parse(value: Any, fail: Callable[[str], ConfigError]) -> str:
        value = default if value is None else value
        if not isinstance(value, str) or not value.strip():
            raise fail(f"'{key}' must be a folder name")
        return value

    return parse


def _tags(value: Any, fail: Callable[[str], ConfigError]) -> tuple[str, ...] | None:
    if value is None:
        return None
    if not isinstance(value, list) or not all(isinstance(t, str) and t for t in value):
        raise fail("'tags' must be a list of the allowed tags")
    return tuple(value)


def _extra_fields(value: Any, fail: Callable[[str], ConfigError]) -> dict[str, str]:
    extra = value or {}
    if isinstance(extra, list):
        extra = {name: "any" for name in extra}
    if not isinstance(extra, Mapping):
        raise fail("'extra_fields' must map a field name to its type")
    for name, kind in extra.items():
        if kind not in EXTRA_FIELD_TYPES:
            raise fail(f"extra field '{name}': type must be one of {', '.join(EXTRA_FIELD_TYPES)}")
    return {str(name): str(kind) for name, kind in extra.items()}


def _rules(value: Any, fail: Callable[[str], ConfigError]) -> dict[str, str]:
    rules = value or {}
    if not isinstance(rules, Mapping):
        raise fail("'rules' must map a rule id to error, warning or off")
    from .rules import RULES  # here: the rules read this module's config

    known = [rule.id for rule in RULES]
    levels: dict[str, str] = {}
    for rule_id, level in rules.items():
        if str(rule_id) not in known:  # a misspelt id would silently change nothing
            hint = did_you_mean(str(rule_id), known)
            raise fail(f"'rules': there is no rule '{rule_id}'{hint}; `retro rules` lists them")
        level = "off" if level is False else level
        if level not in LEVEL_CHOICES:
            raise fail(f"rule '{rule_id}': level must be error, warning or off")
        levels[str(rule_id)] = str(level)
    return levels


def _max_file_bytes(value: Any, fail: Callable[[str], ConfigError]) -> int:
    value = DEFAULT_MAX_FILE_BYTES if value is None else value
    if not isinstance(value, int) or isinstance(value, bool) or value < 1024:
        raise fail("'max_file_bytes' must be a whole number of bytes, at least 1024")
    return value


def _show_status(value: Any, fail: Callable[[str], ConfigError]) -> tuple[str, ...]:
    show = _names("show_status", ("published", "imported"))(value, fail)
    bad = [s for s in show if s not in STATUSES]
    if bad:
        raise fail(f"'show_status': '{bad[0]}' is not one of {', '.join(STATUSES)}")
    return _show_status_from_environment() or show


def _show_status_from_environment() -> tuple[str, ...]:
    """``RETRO_SHOW_STATUS`` (comma-separated statuses): a CI job's override of
    ``show_status`` for one build, e.g. a pull-request preview that shows reviews in review.
    Empty when unset or blank."""
    value = os.environ.get("RETRO_SHOW_STATUS", "")
    names = tuple(dict.fromkeys(n.strip() for n in value.split(",") if n.strip()))
    bad = [n for n in names if n not in STATUSES]
    if bad:
        raise ConfigError(
            f"environment variable RETRO_SHOW_STATUS: '{bad[0]}' is not one of "
            f"{', '.join(STATUSES)} (for example RETRO_SHOW_STATUS=in-review,published)"
        )
    return names


def _privacy(value: Any, fail: Callable[[str], ConfigError]) -> tuple[str, ...]:
    if value is None:
        return ()
    allow = value.get("allow") if isinstance(value, Mapping) else None
    if not isinstance(value, Mapping) or set(value) - {"allow"}:
        raise fail("'privacy' must be a mapping with 'allow': a list of addresses or domains")
    if allow is None:
        return ()
    if not isinstance(allow, list) or not all(isinstance(a, str) and a.strip() for a in allow):
        raise fail("'privacy.allow' must be a list of email addresses or domains")
    return tuple(a.strip().lower() for a in allow)


def _contact(value: Any, fail: Callable[[str], ConfigError]) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise fail("'contact' must be text: how customers reach the team")
    return value.strip()


def _public(value: Any, fail: Callable[[str], ConfigError]) -> bool:
    public = False if value is None else value
    if not isinstance(public, bool):
        raise fail("'public' must be true or false")
    return public or os.environ.get("RETRO_PUBLIC", "").strip().lower() in ("1", "true", "yes")


def _severity_aliases(value: Any, fail: Callable[[str], ConfigError]) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, Mapping) or not all(isinstance(v, str) for v in value.values()):
        raise fail("'severity_aliases' must map a team's name to a level, e.g. {SEV1: critical}")
    return {str(name): level for name, level in value.items()}


def _time_zone(value: Any, fail: Callable[[str], ConfigError]) -> str:
    value = "UTC" if value is None else value
    if not isinstance(value, str):
        raise fail("'time_zone' must be a time zone name such as UTC or Europe/Paris")
    try:
        zone_of(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise fail(
            f"'time_zone': '{value}' is not a time zone; use a name such as UTC, "
            "Europe/Paris or America/New_York"
        ) from None
    return value


def _requirements(value: Any, fail: Callable[[str], ConfigError]) -> dict[str, KindRequirements]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise fail("'requirements' must map a kind to its {fields, sections}")
    out: dict[str, KindRequirements] = {}
    for kind, spec in value.items():
        if not isinstance(spec, Mapping) or set(spec) - {"fields", "sections"}:
            raise fail(f"'requirements.{kind}' must be a mapping with 'fields' and/or 'sections'")
        fields = spec.get("fields")
        if fields is not None and (
            not isinstance(fields, list) or not all(isinstance(f, str) for f in fields)
        ):
            raise fail(f"'requirements.{kind}.fields' must be a list of field names")
        sections = _sections(spec.get("sections"), f"requirements.{kind}.sections", fail)
        out[str(kind)] = KindRequirements(
            fields=tuple(fields) if fields is not None else None,
            sections=sections,
        )
    return out


def _sections(
    value: Any, key: str, fail: Callable[[str], ConfigError]
) -> tuple[tuple[str, tuple[str, ...]], ...] | None:
    """Sections as a list of names, or of ``{name: [synonyms]}``."""
    if value is None:
        return None
    if isinstance(value, Mapping):
        value = [{name: synonyms} for name, synonyms in value.items()]
    if not isinstance(value, list):
        raise fail(f"'{key}' must be a list of section names (or name: [synonyms])")
    out: list[tuple[str, tuple[str, ...]]] = []
    for item in value:
        if isinstance(item, str) and item.strip():
            out.append((item.strip(), ()))
        elif isinstance(item, Mapping) and len(item) == 1:
            ((name, synonyms),) = item.items()
            synonyms = [synonyms] if isinstance(synonyms, str) else synonyms or []
            if not isinstance(synonyms, list) or not all(isinstance(s, str) for s in synonyms):
                raise fail(f"'{key}': the synonyms of '{name}' must be a list of headings")
            out.append((str(name), tuple(synonyms)))
        else:
            raise fail(f"'{key}' must be a list of section names (or name: [synonyms])")
    return tuple(out)


def _import_sections(value: Any, fail: Callable[[str], ConfigError]) -> dict[str, tuple[str, ...]]:
    """Section -> headings; the importer checks the section names (it knows them)."""
    sections = value or {}
    if not isinstance(sections, Mapping) or not all(
        isinstance(v, list) and all(isinstance(h, str) for h in v) for v in sections.values()
    ):
        raise fail("'import_sections' must map a section to a list of headings")
    return {str(k): tuple(v) for k, v in sections.items()}


def _section_synonyms(value: Any, fail: Callable[[str], ConfigError]) -> dict[str, tuple[str, ...]]:
    if value is None:
        return {}
    parsed = _sections(value, "section_synonyms", fail) or ()
    return {name.casefold(): synonyms for name, synonyms in parsed}


def _with_default_synonyms(configured: Mapping[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    return {**DEFAULT_SECTION_SYNONYMS, **configured}


OPTIONS: tuple[Option, ...] = (
    Option(
        "reviews_dir",
        "folder of the reviews, relative to the project root (default: reviews)",
        (str,),
        _folder("reviews_dir", "reviews"),
    ),
    Option(
        "templates_dir",
        "folder of the kinds' templates (default: templates)",
        (str,),
        _folder("templates_dir", "templates"),
    ),
    Option(
        "kinds",
        "the kinds of review; each needs templates/<kind>.md.j2",
        (list,),
        _names("kinds", DEFAULT_KINDS),
    ),
    Option(
        "severities",
        "the severity levels, lowest first",
        (list,),
        _names("severities", DEFAULT_SEVERITIES),
    ),
    Option(
        "severity_aliases",
        "a team's own severity names -> a level, e.g. {SEV1: critical, P2: medium}",
        (dict,),
        _severity_aliases,
    ),
    Option(
        "detection_methods",
        "the values of detection.method (default: " + ", ".join(DEFAULT_DETECTION) + ")",
        (list,),
        _names("detection_methods", DEFAULT_DETECTION),
    ),
    Option(
        "action_types",
        "the values of an action item's type (default: " + ", ".join(DEFAULT_ACTION_TYPES) + ")",
        (list,),
        _names("action_types", DEFAULT_ACTION_TYPES),
    ),
    Option(
        "time_zone",
        "the zone of date-times written without an offset (default: UTC)",
        (str,),
        _time_zone,
    ),
    Option(
        "requirements",
        "per kind: the complete-required 'fields' and the required body 'sections' "
        "(each a name, or name: [synonyms]); default: the schema and the kind's template",
        (dict,),
        _requirements,
    ),
    Option(
        "section_synonyms",
        "section name -> other headings that answer it, e.g. {What happened: [Issue summary]}",
        (dict, list),
        _section_synonyms,
    ),
    Option("tags", "the allowed tags (omit for free tags)", (list,), _tags),
    Option(
        "extra_fields",
        "extra front-matter fields a team adds: name -> type",
        (dict, list),
        _extra_fields,
    ),
    Option(
        "blameless",
        "'add' phrases ({pattern, why, suggest}), 'remove' default kinds, 'roles' (words "
        "for people) and 'systems' (names of systems, never people)",
        (dict,),
        lambda value, fail: _blameless_options(value, fail),
    ),
    Option(
        "privacy",
        "'allow': email addresses or domains that are not personal data "
        "(security@example.com, example.org)",
        (dict,),
        _privacy,
    ),
    Option("rules", "rule id -> error / warning / off", (dict,), _rules),
    Option(
        "max_file_bytes",
        "largest review file read, in bytes (default 2000000)",
        (int,),
        _max_file_bytes,
    ),
    Option(
        "show_status",
        "statuses published on the site (default: [published, imported]; "
        "RETRO_SHOW_STATUS=in-review,published overrides it for one build)",
        (list,),
        _show_status,
    ),
    Option(
        "public",
        "a public build: leave every internal review out (also RETRO_PUBLIC=1)",
        (bool,),
        _public,
    ),
    Option(
        "import_sections",
        "retro import: more headings that mean a section, e.g. {root_cause: [Why it broke]}",
        (dict,),
        _import_sections,
    ),
    Option(
        "contact",
        "how customers reach the team: the end of the message `retro statement` drafts",
        (str,),
        _contact,
    ),
)
OPTIONS_BY_NAME = {option.name: option for option in OPTIONS}
KNOWN_OPTIONS = {option.name: option.help for option in OPTIONS}


def unknown_option(name: str) -> str:
    """What to say of an option no one knows: a misspelt one would silently change nothing
    ("pubic: true" would publish the internal reviews)."""
    hint = did_you_mean(name, list(KNOWN_OPTIONS))
    return f"unknown retro option '{name}'{hint}; known options: {', '.join(KNOWN_OPTIONS)}"


def did_you_mean(name: str, known: list[str]) -> str:
    """`` (did you mean 'show_status'?)`` for the known name closest to ``name``, or ""."""
    close = difflib.get_close_matches(name, known, n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


def merge_options(sources: Iterable[tuple[Path, Mapping[str, Any]]]) -> dict[str, Any]:
    """The options of several files as one mapping; an option set in two files is an error."""
    merged: dict[str, Any] = {}
    origin: dict[str, Path] = {}
    for path, options in sources:
        for key, value in options.items():
            if value is None or key == "enabled":
                continue
            if key in merged:
                raise ConfigError(
                    f"{path.name}: option '{key}' is also set in {origin[key].name}; "
                    "set each retro option in one place"
                )
            merged[key] = value
            origin[key] = path
    return merged


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

    unknown = sorted(set(options) - set(OPTIONS_BY_NAME) - {"enabled"})
    if unknown:
        raise fail(unknown_option(unknown[0]))
    values = {option.name: option.parse(options.get(option.name), fail) for option in OPTIONS}
    add, remove, roles, systems = values.pop("blameless")
    tags = values.pop("tags")
    severities = values["severities"]
    for name, level in values["severity_aliases"].items():
        if level not in severities:
            raise fail(
                f"'severity_aliases': '{name}' maps to '{level}', which is not one of "
                f"{', '.join(severities)}"
            )
    for kind in values["requirements"]:
        if kind not in values["kinds"]:
            raise fail(
                f"'requirements': '{kind}' is not one of the kinds ({', '.join(values['kinds'])})"
            )
    return RetroConfig(
        root=root,
        sources=sources,
        allowed_tags=tags,
        blameless_add=add,
        blameless_remove=remove,
        blameless_roles=roles,
        blameless_systems=systems,
        privacy_allow=values.pop("privacy"),
        rule_levels=values.pop("rules"),
        section_synonyms=_with_default_synonyms(values.pop("section_synonyms")),
        **values,
    )


def _blameless_options(
    value: Any, fail: Any
) -> tuple[tuple[BlamelessPhrase, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    if value is None:
        return (), (), (), ()
    if not isinstance(value, Mapping):
        raise fail("'blameless' must be a mapping of 'add', 'remove', 'roles' and/or 'systems'")
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
    words: dict[str, tuple[str, ...]] = {}
    for key in ("roles", "systems"):
        listed = value.get(key) or []
        if not isinstance(listed, list) or not all(isinstance(w, str) and w for w in listed):
            raise fail(f"'blameless.{key}' must be a list of words")
        words[key] = tuple(listed)
    return tuple(add), tuple(remove), words["roles"], words["systems"]
