"""Sections by meaning: which heading of an old postmortem holds which part of a review.

The table below is the default; a team extends it with the ``import_sections`` option
(``section: [another heading, ...]``), documented in the README. A heading matches a section
when, with leading numbering or emoji, emphasis, a trailing qualifier such as
"(all times UTC)" and a trailing ``?`` or ``:`` set aside, it equals one of the section's
names or starts with one (the longest name wins, so "Remediation and prevention" is action
items while "Remediation" is the resolution).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

from ..errors import ConfigError

# Which section fills which field; a section not named here stays in the body only.
SECTION_FIELDS: dict[str, str] = {
    "summary": "what_went_wrong",
    "narrative": "what_went_wrong",  # when there is no summary
    "impact": "impact.summary",
    "detection": "detection.summary",
    "timeline": "timeline.events",
    "root_cause": "root_cause",
    "five_whys": "root_cause",  # when there is no root cause section
    "contributing_factors": "contributing_factors",
    "trigger": "contributing_factors",  # when there is no contributing factors section
    "action_items": "action_items",
    "lessons": "lessons",
    "responders": "responders",
}
# section -> the headings that mean it (compared after normalise()).
DEFAULT_SECTIONS: dict[str, tuple[str, ...]] = {
    "summary": (
        "summary",
        "overview",
        "issue summary",
        "incident summary",
        "executive summary",
        "tl;dr",
        "tldr",
        "abstract",
    ),
    "narrative": (
        "what happened",
        "description",
        "incident description",
        "detailed description",
        "details",
        "incident details",
        "background",
        "fault",
    ),
    "root_cause": (
        "root cause",
        "root causes",
        "root cause analysis",
        "rca",
        "technical cause",
        "blameless root cause",
        "why did it happen",
        "why did this happen",
        "why it happened",
        "why this happened",
        "what went wrong and why",
        "what caused this",
        "cause",
        "causes",
        "underlying cause",
        "what caused it",
        "what caused the incident",
        "what caused the outage",
    ),
    "five_whys": ("five whys", "5 whys", "why-because analysis"),
    "impact": (
        "impact",
        "user impact",
        "customer impact",
        "business impact",
        "detailed description of impact",
        "impact on customers",
        "impact on users",
        "who was affected",
        "who was impacted",
        "what was the impact",
        "scope",
        "scope of impact",
        "affected customers",
        "affected users",
        "customer-facing impact",
        "user-facing impact",
        "service impact",
    ),
    "resolution": (
        "resolution",
        "recovery",
        "remediation",
        "mitigation",
        "mitigations",
        "response",
        "fix",
        "the fix",
        "how we fixed it",
        "how did we fix it",
        "how was it fixed",
        "how was it resolved",
        "resolution and recovery",
    ),
    "action_items": (
        "action items",
        "action item",
        "actions",
        "corrective actions",
        "corrective action",
        "follow-up tasks",
        "follow-up actions",
        "follow-up",
        "follow up",
        "follow-ups",
        "followups",
        "corrective and preventative measures",
        "corrective and preventive measures",
        "corrective and preventive actions",
        "preventive measures",
        "preventative measures",
        "prevention",
        "remediation and prevention",
        "remediation and follow-up",
        "remediation and follow-up steps",
        "follow-up steps",
        "prevention and follow-up",
        "steps we are taking",
        "what's next",
        "action plan",
        "improvements",
        "remediation items",
        "remediation steps",
        "remediations",
        "preventive actions",
        "preventative actions",
        "next steps",
        "future work",
        "what we are doing about it",
        "what we're doing about it",
        "what we are doing to prevent this",
        "what we're doing to prevent this",
        "what are we doing about it",
        "what we are doing",
        "what we're doing",
        "what we will do",
        "what we'll do",
        "how we will prevent this",
        "preventing recurrence",
        "prevention of recurrence",
        "going forward",
    ),
    "lessons": (
        "lessons learned",
        "lessons learnt",
        "lessons",
        "key takeaways",
        "takeaways",
        "learnings",
        "what we learned",
        "what did we learn",
    ),
    "went_well": ("what went well", "things that went well", "went well"),
    "went_wrong": (
        "what went wrong",
        "what went poorly",
        "went poorly",
        "what didn't go well",
        "what did not go well",
        "what didn't go so well",
        "what could have gone better",
        "what can be improved",
        "what could be improved",
        "areas for improvement",
        "things that went wrong",
    ),
    "lucky": ("where we got lucky", "where we were lucky", "lucky"),
    "contributing_factors": ("contributing factors", "contributing causes", "contributors"),
    "detection": (
        "detection",
        "how was it detected",
        "how it was detected",
        "how we detected it",
        "how was the incident detected",
        "discovery",
    ),
    "timeline": (
        "timeline",
        "timeline of events",
        "incident timeline",
        "detailed timeline",
        "chronology",
        "sequence of events",
    ),
    "trigger": ("trigger", "triggers"),
    "leadup": ("leadup", "lead-up", "lead up"),
    "responders": ("responders", "attendees", "participants", "people involved"),
}

_NUMBERING = re.compile(r"^(?:\d+(?:\.\d+)*[.):]?|(?:[ivxlc]+|[a-z])[.)])\s+", re.I)
_QUALIFIER = re.compile(r"\s*(?:\(.*\)|\[.*\])\s*$")
_TAIL = re.compile(r"\s*(?:[:—–?.!]+|\s-\s.*|\s[—–]\s.*|:\s.*)\s*$")


def normalise(heading: str) -> str:
    """The comparable form of a heading: lowercase words, no numbering, emoji or qualifier."""
    text = heading.replace("&", " and ").replace("’", "'")
    text = re.sub(r"[*_`~]+", "", text)
    text = text.strip()
    # Numbering and emoji in front, in either order ("🔥 Impact", "2. ✅ Action items").
    text = _strip_symbols(_NUMBERING.sub("", _strip_symbols(text), count=1))
    for _ in range(3):  # "Timeline (all times UTC):" has a qualifier and a colon
        shorter = _TAIL.sub("", _QUALIFIER.sub("", text))
        if shorter == text:
            break
        text = shorter
    text = re.sub(r"^(?:the|our)\s+", "", text.casefold())
    # Questions: "What was the root cause?" asks for the root cause.
    text = re.sub(r"^(?:what|which)\s+(?:was|were|is|are)\s+(?:the\s+|our\s+)?(?=\w)", "", text)
    # "Incident timeline", "Postmortem action items": the document's subject is no qualifier.
    text = re.sub(r"^(?:incident|post[- ]?mortem|outage)\s+(?=\w)", "", text)
    return " ".join(text.split())


def _strip_symbols(text: str) -> str:
    while text and _is_symbol(text[0]):
        text = text[1:].lstrip()
    return text


def _is_symbol(char: str) -> bool:
    category = unicodedata.category(char)
    return category.startswith(("S", "P", "Z", "C")) and char not in "(["


class SectionTable:
    """Finds the section a heading means."""

    def __init__(self, extra: Mapping[str, tuple[str, ...]] | None = None) -> None:
        names: dict[str, str] = {}
        for section, headings in DEFAULT_SECTIONS.items():
            for heading in headings:
                names[normalise(heading)] = section
        for section, headings in (extra or {}).items():
            if section not in DEFAULT_SECTIONS:
                raise ConfigError(
                    f"import_sections: unknown section '{section}'; "
                    f"known sections: {', '.join(DEFAULT_SECTIONS)}"
                )
            for heading in headings:
                names[normalise(heading)] = section
        self._names = names
        # Longest first, so that the most specific name wins a prefix match.
        self._by_length = sorted(names, key=len, reverse=True)

    def exact(self, heading: str) -> str | None:
        """The section ``heading`` names with nothing more (a qualifier in brackets, numbering,
        emoji and "What was the" aside): "Impact", not "Impact on EU customers"."""
        return self._names.get(normalise(heading))

    def section_of(self, heading: str) -> str | None:
        key = normalise(heading)
        if not key:
            return None
        if key in self._names:
            return self._names[key]
        for name in self._by_length:
            if key.startswith(name + " ") and _qualifier_ok(key[len(name) + 1 :]):
                return self._names[name]
        return None


def _qualifier_ok(rest: str) -> bool:
    """A qualifier after a name ("of events", "and recovery", "for customers")."""
    first = rest.split(" ", 1)[0]
    return first in {"of", "and", "for", "on", "to", "in", "from", "at", "we", "by", "analysis"}
