"""One old postmortem -> one review: front matter filled from its sections and metadata,
the body kept word for word (placeholders turned into comments)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..config import RetroConfig
from ..zones import UnclearZone
from . import structure
from .blocks import paragraphs, split_cells
from .dates import moment_in, zone_in
from .dating import choose_day
from .foreign import ForeignFrontMatter, read_front_matter
from .metadata import KEYS, MetaValue, from_front_matter, from_labels, from_top_table, split_names
from .outline import Heading, Outline, Section, read_outline
from .placeholders import as_comment, is_placeholder_value, placeholder_line
from .reading import DOCUMENT_SUFFIXES, SourceText
from .report import Mapping, Placeholder
from .synonyms import SECTION_FIELDS, SectionTable

# Reported as "not found" when nothing filled them.
EXPECTED = ("what_went_wrong", "impact.summary", "root_cause", "action_items", "lessons")
_TITLE_NOISE = re.compile(
    r"^(?:(?:incident\s+)?post[- ]?mortem|incident report|incident review|retrospective|"
    r"rca|root cause analysis|incident\s*#?\s*[\w-]*\d[\w-]*)\b(?:\s+(?:for|of|on))?\s*[:\-–—]?\s*",
    re.I,
)
_TITLE_TAIL = re.compile(
    r"\s*[:\-–—(]?\s*(?:post[- ]?mortem|incident report|retrospective)\)?$", re.I
)
_TITLE_NUMBER = re.compile(r"\s*[(\[](?:incident|inc|id|#)[^)\]]*[)\]]$", re.I)
# Emoji in front of a title's "Postmortem:" ("📄 Postmortem: ..."), and the spaces after.
_EMOJI = re.compile(r"^[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\uFE0F\u200D\s]+")


@dataclass
class Built:
    title: str
    day: date
    meta: dict[str, Any]
    body: str
    mapped: list[Mapping] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    placeholders: list[Placeholder] = field(default_factory=list)
    body_only: list[str] = field(default_factory=list)
    unrecognised: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    day_guessed: bool = False


@dataclass(frozen=True)
class Options:
    kind: str
    status: str
    imported: date
    source_path: str  # relative to the project


def build_review(
    source: SourceText, options: Options, config: RetroConfig, table: SectionTable
) -> Built:
    front = read_front_matter(source.text)
    first = front.body_line  # file line of body line index 0
    outline = read_outline(front.body, table, frozenset(KEYS))
    sections = outline.sections()
    notes: list[str] = []
    if source.encoding != "utf-8":
        notes.append(f"not UTF-8: read as {source.encoding}; the review is saved as UTF-8")
    if front.problem:
        notes.append(f"{front.problem}; it is kept at the top of the body")
    if front.format:
        notes.append(
            f"{front.format} front matter of the original read (lines 1-{first - 1}); "
            "kept as a comment at the end of the body"
        )

    first_section = next(
        (s.heading.index for s in sections if s.heading.section), len(outline.lines)
    )
    meta_values = from_front_matter(front.data)
    meta_values += from_top_table(outline.lines, first_section, first)
    meta_values += from_labels(outline.headings, first)
    built = Built(title="", day=date.today(), meta={}, body="", notes=notes)

    title_heading = _title_heading(outline)
    built.title = _title(source.path, meta_values, title_heading, built, first)
    chosen_day = choose_day(source.path, meta_values, outline, sections, first)
    built.day = chosen_day.day
    built.day_guessed = chosen_day.guessed
    built.mapped.append(chosen_day.mapping)
    built.notes.extend(chosen_day.notes)
    meta = built.meta
    meta["title"] = built.title
    meta["date"] = built.day
    meta["status"] = options.status
    meta["kind"] = options.kind
    _severity(meta_values, config, built)
    _names(meta_values, "authors", built)
    _names(meta_values, "responders", built)
    _names(meta_values, "areas", built)
    _tags(meta_values, config, built)
    _original_status(meta_values, built)

    chosen = _choose_sections(
        sections, built, title_heading.index if title_heading is not None else None
    )
    _fill_fields(outline, chosen, meta_values, built, first)
    _timeline(outline, chosen, meta_values, built, first)
    found_links = structure.links(outline.lines)
    if found_links:
        meta["links"] = found_links
        built.mapped.append(Mapping("links", "the text", None, _count(len(found_links), "link")))
    meta["source"] = {
        "path": options.source_path,
        "imported": options.imported,
        "sha256": source.sha256,
    }
    _relative_paths(outline, first, options.source_path, built)
    built.body = _body(outline, built, first) + _kept_front_matter(front, meta_values)
    built.missing = [name for name in EXPECTED if not _has(meta, name)]
    return built


# --------------------------------------------------------------------------- title and date


def _title_heading(outline: Outline) -> Heading | None:
    real = [h for h in outline.headings if h.level <= 6 and not _is_fact(h)]
    if not real or real[0].section is not None:
        return None
    top = min(h.level for h in real)
    heading = real[0]
    if heading.level != top and sum(1 for h in real if h.level <= heading.level) > 1:
        return None
    return heading


def _is_fact(heading: Heading) -> bool:
    """A heading that states a fact ("### Date: 2022-11-08"): metadata, not a section."""
    return heading.section is None and bool(heading.inline)


def _title(
    path: Path, values: list[MetaValue], heading: Heading | None, built: Built, first: int
) -> str:
    candidates: list[tuple[str, str, int | None]] = []
    for value in values:
        if value.key == "title" and isinstance(value.value, str):
            candidates.append((value.value, value.describe(), value.line))
    if heading is not None:
        candidates.insert(
            1 if candidates and candidates[0][1] == "front matter" else 0,
            (heading.text, f"first heading {heading.describe()}", first + heading.index),
        )
    for text, origin, line in candidates:
        cleaned = clean_title(text)
        if cleaned and not is_placeholder_value(cleaned):
            built.mapped.append(Mapping("title", origin, line))
            return cleaned
        if cleaned:
            built.placeholders.append(Placeholder(line or 1, text.strip()))
    stem = path.stem if path.suffix.lower() in DOCUMENT_SUFFIXES else path.name
    name = re.sub(r"(?:19|20)\d\d[-_.]?[01]\d[-_.]?[0-3]\d", " ", stem)
    name = " ".join(re.sub(r"[-_]+", " ", name).split()) or "Imported review"
    built.mapped.append(Mapping("title", "file name"))
    return name[:1].upper() + name[1:]


def clean_title(text: str) -> str:
    """A title as the first heading or a "Title:" line gives it, without "Postmortem:",
    incident numbers and emphasis."""
    text = re.sub(r"(?:\*\*|__|`)", "", text).strip()
    text = _TITLE_NUMBER.sub("", _without_noise(text))
    text = _TITLE_TAIL.sub("", text).strip(" :-–—")
    return " ".join(text.split())


def _without_noise(text: str) -> str:
    """``text`` without a "Postmortem:" in front, nor an emoji before that."""
    bare = _EMOJI.sub("", text)
    cleaned = _TITLE_NOISE.sub("", bare)
    return cleaned if cleaned != bare else text


# --------------------------------------------------------------------------- metadata fields


def _severity(values: list[MetaValue], config: RetroConfig, built: Built) -> None:
    for value in values:
        if value.key != "severity":
            continue
        written = str(value.value).strip()
        level = config.severity_level(written) or config.severity_level(written.casefold())
        if level is None:
            built.notes.append(
                f"severity '{written}' ({value.describe()}) is not a configured level or alias; "
                "left out (add it to severity_aliases to map it)"
            )
        else:
            detail = "" if level == written.casefold() else f"'{written}' through the aliases"
            built.meta["severity"] = level
            built.mapped.append(Mapping("severity", value.describe(), value.line, detail))
        return


def _names(values: list[MetaValue], key: str, built: Built) -> None:
    for value in values:
        if value.key == key:
            names = [n for n in split_names(value.value) if not is_placeholder_value(n)]
            if names:
                built.meta[key] = names
                built.mapped.append(Mapping(key, value.describe(), value.line))
                return


def _tags(values: list[MetaValue], config: RetroConfig, built: Built) -> None:
    for value in values:
        if value.key != "tags":
            continue
        tags = split_names(value.value)
        if config.allowed_tags is not None:
            left = [t for t in tags if t not in config.allowed_tags]
            tags = [t for t in tags if t in config.allowed_tags]
            if left:
                built.notes.append(f"tags not in the configured list left out: {', '.join(left)}")
        if tags:
            built.meta["tags"] = tags
            built.mapped.append(Mapping("tags", value.describe(), value.line))
        return


def _original_status(values: list[MetaValue], built: Built) -> None:
    for value in values:
        if value.key == "status":
            built.notes.append(
                f"the original's status '{value.value}' ({value.describe()}) "
                "is kept in the text only"
            )
            return


# --------------------------------------------------------------------------- sections


def _choose_sections(
    sections: list[Section], built: Built, title_index: int | None
) -> dict[str, Section]:
    chosen: dict[str, Section] = {}
    repeated: dict[str, list[Section]] = {}
    spans = [(s.start, s.stop) for s in sections if s.heading.section is not None]
    for section in sections:
        key = section.heading.section
        if key is None:
            index = section.heading.index
            inside = any(start <= index < stop for start, stop in spans)
            fact = _is_fact(section.heading)
            if section.heading.level <= 3 and index != title_index and not inside and not fact:
                built.unrecognised.append(section.heading.describe())
            continue
        if key in chosen:
            repeated.setdefault(key, [chosen[key]]).append(section)
            continue
        chosen[key] = section
        if key not in SECTION_FIELDS:
            built.body_only.append(section.heading.describe())
    several = [
        key
        for key, found in repeated.items()
        if len({s.heading.level for s in found}) == 1
        and key in ("root_cause", "impact", "summary", "timeline")
    ]
    if several:
        count = max(len(repeated[k]) for k in several)
        heading = repeated[several[0]][0].heading.describe()
        built.notes.append(
            f"this document seems to describe {count} incidents ({count} {heading} sections); "
            "it stays one review, its fields filled from the first"
        )
    return chosen


def _fill_fields(
    outline: Outline,
    chosen: dict[str, Section],
    values: list[MetaValue],
    built: Built,
    first: int,
) -> None:
    meta = built.meta

    def record(field_name: str, section: Section, detail: str = "") -> None:
        line = first + section.heading.index
        built.mapped.append(Mapping(field_name, section.heading.describe(), line, detail))

    def text(key: str) -> tuple[str, Section] | None:
        section = chosen.get(key)
        if section is None:
            return None
        value, _holes = structure.text_of(outline, section, section.heading.inline)
        if not value:
            built.notes.append(
                f"{section.heading.describe()} holds no answer (placeholder or empty)"
            )
            return None
        return value, section

    found = text("summary")
    if found:
        meta["what_went_wrong"] = found[0]
        record("what_went_wrong", found[1])
    found = text("narrative") if "what_went_wrong" not in meta else None
    if found:  # a long story: its first paragraph says what went wrong
        meta["what_went_wrong"] = found[0].split("\n\n", 1)[0]
        record("what_went_wrong", found[1], "its first paragraph")
    if "what_went_wrong" not in meta:
        _first_paragraph(outline, built, first)
    if "what_went_wrong" not in meta:
        for value in values:
            if value.key == "summary" and isinstance(value.value, str) and value.value.strip():
                meta["what_went_wrong"] = value.value.strip()
                built.mapped.append(Mapping("what_went_wrong", value.describe(), value.line))
                break
    found = text("impact")
    if found:
        meta["impact"] = {"summary": found[0]}
        record("impact.summary", found[1])
    found = text("detection")
    if found:
        meta["detection"] = {"summary": found[0]}
        record("detection.summary", found[1])
    for key in ("root_cause", "five_whys"):
        found = text(key)
        if found and "root_cause" not in meta:
            meta["root_cause"] = found[0]
            record("root_cause", found[1])
    for key in ("contributing_factors", "trigger"):
        section = chosen.get(key)
        if section is None or "contributing_factors" in meta:
            continue
        listed = structure.list_values(outline, section, section.heading.inline)
        if listed:
            meta["contributing_factors"] = listed.value
            record(
                "contributing_factors", section, _count(len(listed.value), "item", listed.source)
            )
    section = chosen.get("action_items")
    if section is not None:
        actions = structure.action_items(outline, section, section.heading.inline)
        if actions:
            meta["action_items"] = actions.value
            record("action_items", section, _count(len(actions.value), "item", actions.source))
            for line, note in actions.notes:
                built.notes.append(f"{section.heading.describe()} (line {first + line}): {note}")
    section = chosen.get("lessons")
    if section is not None:
        listed = structure.list_values(outline, section, section.heading.inline)
        if listed:
            meta["lessons"] = listed.value
            record("lessons", section, _count(len(listed.value), "item", listed.source))
    section = chosen.get("responders")
    if section is not None and "responders" not in meta:
        listed = structure.list_values(outline, section, section.heading.inline)
        if listed:
            meta["responders"] = [n for v in listed.value for n in split_names(v)]
            record("responders", section)


def _first_paragraph(outline: Outline, built: Built, first: int) -> None:
    """A document's opening paragraph, before any section, says what happened."""
    top = next((h.index for h in outline.headings if h.section is not None), len(outline.lines))
    taken = {i for h in outline.headings for i in range(h.index, h.end + 1)}
    for index, text in paragraphs(outline.lines, 0, top, outline.code | taken):
        if len(text) >= 60 and not text.startswith(("|", "<", "#", "-", "*", "!")):
            built.meta["what_went_wrong"] = text
            built.mapped.append(Mapping("what_went_wrong", "the first paragraph", first + index))
            return


def _timeline(
    outline: Outline,
    chosen: dict[str, Section],
    values: list[MetaValue],
    built: Built,
    first: int,
) -> None:
    day = None if built.day_guessed else built.day  # "09:40" alone is on no known day
    timeline: dict[str, Any] = {}
    section = chosen.get("timeline")
    zone = zone_in(section.heading.text) if section is not None else None
    for value in values:
        if value.key in ("started", "detected", "resolved") and value.key not in timeline:
            try:
                moment = moment_in(str(value.value), day, zone)
            except UnclearZone as exc:
                built.notes.append(f"{value.where()}: {exc}: the time is left out, not guessed")
                continue
            if moment is not None:
                timeline[value.key] = structure.iso(moment)
                built.mapped.append(Mapping(f"timeline.{value.key}", value.describe(), value.line))
    if section is not None:
        found = structure.timeline(outline, section, day)
        line = first + section.heading.index
        if found is not None and found.out_of_order:
            built.notes.append(
                f"the timeline under {section.heading.describe()} is not in time order "
                f"(line {first + found.line}: {found.disorder}): kept in the body, not in "
                "timeline.events"
            )
        elif found is not None and found.unreadable:
            built.notes.append(
                f"the timeline under {section.heading.describe()} has a date or time retro "
                f"cannot read (line {first + found.line}: {found.unreadable}): kept in the "
                "body, not in timeline.events"
            )
        elif found is not None and found.undated:
            built.notes.append(
                f"the timeline under {section.heading.describe()} has times without a date "
                f"(line {first + found.line}) and the review's date is a guess: kept in the "
                "body, not in timeline.events"
            )
        elif found is not None and found.unclear:
            built.notes.append(
                f"the timeline under {section.heading.describe()} has a time whose zone is "
                f"unclear (line {first + found.line}: {found.unclear}): kept in the body, "
                "not in timeline.events"
            )
        elif found is not None:
            timeline["events"] = found.events
            built.mapped.append(
                Mapping(
                    "timeline.events",
                    section.heading.describe(),
                    line,
                    _count(len(found.events), "event", found.source),
                )
            )
            for name in ("started", "detected", "resolved"):
                said = getattr(found, name)
                if said and name not in timeline:
                    timeline[name] = said
                    built.mapped.append(Mapping(f"timeline.{name}", "the timeline's words", line))
    ordered = [str(timeline[n]) for n in ("started", "detected", "resolved") if n in timeline]
    moments = [_parse_iso(m) for m in ordered]
    if any(m is None for m in moments) or not _in_order([m for m in moments if m is not None]):
        for name in ("started", "detected", "resolved"):
            timeline.pop(name, None)
        built.mapped = [
            m
            for m in built.mapped
            if not m.field.startswith("timeline.") or m.field == "timeline.events"
        ]
        built.notes.append("started / detected / resolved are not in time order: left out")
    if timeline:
        built.meta["timeline"] = {
            k: timeline[k] for k in ("started", "detected", "resolved", "events") if k in timeline
        }


def _parse_iso(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def _in_order(moments: list[datetime]) -> bool:
    try:
        return all(a <= b for a, b in zip(moments, moments[1:], strict=False))
    except TypeError:  # one with a time zone, one without
        return False


# --------------------------------------------------------------------------- body


def _body(outline: Outline, built: Built, first: int) -> str:
    """The original body, every line kept; placeholder lines become comments."""
    kept = []
    unsaid = _placeholder_labels(outline.headings)
    for index, line in enumerate(outline.lines):
        placeholder = None
        if index in unsaid:
            # "Authors: TBD": the label stays, its value is not taken.
            built.placeholders.extend(Placeholder(first + index, said) for said in unsaid[index])
        elif index not in outline.code and line.lstrip().startswith("|"):
            cells = [c for c in split_cells(line) if c and is_placeholder_value(c)]
            if cells and not set("".join(cells)) <= set("-: "):
                built.placeholders.append(
                    Placeholder(first + index, f"table cells {', '.join(cells)}")
                )
        elif index not in outline.code and not line.lstrip().startswith("#"):
            placeholder = placeholder_line(line)
        if placeholder is not None:
            built.placeholders.append(Placeholder(first + index, placeholder))
            kept.append(as_comment(line))
        else:
            kept.append(line)
    body = "\n".join(kept).strip("\n")
    return "\n" + body + "\n"


def _placeholder_labels(headings: list[Heading]) -> dict[int, list[str]]:
    """Line index -> ``Authors: TBD`` for each label on it whose value is a placeholder."""
    found: dict[int, list[str]] = {}
    for h in headings:
        if h.inline and is_placeholder_value(h.inline):
            found.setdefault(h.index, []).append(f"{h.label}: {h.inline}")
    return found


def _relative_paths(outline: Outline, first: int, source: str, built: Built) -> None:
    """Say which links and images of the body are paths from the original's folder: from
    the review's folder they lead nowhere (and a strict build stops on them)."""
    found = structure.relative_paths(outline)
    if not found:
        return
    folder = source.rsplit("/", 1)[0] + "/" if "/" in source else "./"
    listed = ", ".join(f"line {first + index} '{path}'" for index, path in found[:5])
    more = f" and {len(found) - 5} more" if len(found) > 5 else ""
    built.notes.append(
        f"links and images relative to {folder} lead nowhere from the review's folder: "
        f"{listed}{more}; the page shows them as their text: link to the full address, or "
        "put the files in docs/ and link them from the site's root (/img/latency.png)"
    )


def _count(number: int, thing: str, source: str = "") -> str:
    counted = f"{number} {thing}{'' if number == 1 else 's'}"
    return f"{counted} from the {source}" if source else counted


def _kept_front_matter(front: ForeignFrontMatter, used: list[MetaValue]) -> str:
    """The original's front matter at the end of the body, as a comment: nothing is lost."""
    if not front.format:
        return ""
    taken = {v.label for v in used if v.origin == "front matter"}
    unused = [str(key) for key in front.data if str(key) not in taken]
    lines = [line.replace("--", "- -") for line in front.raw.split("\n")]
    return (
        f"\n<!-- retro import: the original's {front.format} front matter, as written"
        + (f" (not used: {', '.join(unused)})" if unused else "")
        + ":\n"
        + "\n".join(lines)
        + "\n-->\n"
    )


def _has(meta: dict[str, Any], dotted: str) -> bool:
    value: Any = meta
    for part in dotted.split("."):
        if not isinstance(value, dict) or part not in value:
            return False
        value = value[part]
    return bool(value)
