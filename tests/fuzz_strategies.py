"""Hypothesis strategies for hostile review files, shared by the fuzz tests.

The number of examples per property is ``RETRO_FUZZ_EXAMPLES`` (default: a modest count that
keeps the normal suite fast); ``RETRO_FUZZ_EXAMPLES=10000 pytest tests/test_fuzz_check.py``
is the long run.
"""

from __future__ import annotations

import os
from datetime import UTC, date
from typing import Any

import yaml
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from conftest import review_text
from retro_reviews.schema import FRONT_MATTER

EXAMPLES = int(os.environ.get("RETRO_FUZZ_EXAMPLES", "0") or 0)


def fuzz_settings(default: int) -> settings:
    return settings(
        max_examples=EXAMPLES or default,
        deadline=None,
        database=None,
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.large_base_example,
        ],
    )


def _field_names(fields: tuple[Any, ...]) -> list[str]:
    names = []
    for field in fields:
        names.append(field.name)
        names.extend(_field_names(field.fields))
    return names


FIELD_NAMES = sorted(set(_field_names(FRONT_MATTER)))

huge_strings = st.integers(min_value=5_000, max_value=60_000).flatmap(
    lambda n: st.sampled_from(["x", "é", "🙂", "a ", "\\", "'", "1", "-", "\u202e"]).map(
        lambda ch: ch * (n // len(ch))
    )
)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=60),
    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)),
    st.datetimes(timezones=st.sampled_from([None, UTC])),
    st.sampled_from(
        [
            "2026-13-45",
            "2026-02-30",
            "not a date",
            "",
            "published",
            "draft",
            "public",
            "add",
            "reword",
            "remove",
            "open",
            "done",
            "customer-mistake",
            "high",
            "2026-03-01T25:00:00Z",
            "0000-00-00",
            "-1",
            "~",
            "null",
        ]
    ),
)
scalars = st.one_of(*[scalars] * 9, huge_strings)  # a huge string: 1 value in 10
keys = st.one_of(st.sampled_from(FIELD_NAMES), st.text(max_size=20), st.integers(), st.booleans())
yaml_values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=6),
        st.dictionaries(keys, children, max_size=6),
    ),
    max_leaves=40,
)
front_matter = st.dictionaries(keys, yaml_values, max_size=12)


_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml: fast on huge strings


def dump(data: Any) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10**9)


MARKDOWN_TOKENS = [
    "<script>",
    "</script>",
    "<iframe src=x>",
    "javascript:",
    "[x](",
    ")",
    "](javascript:",
    "<img src=x onerror=alert(1)>",
    "onload=",
    "```",
    "~~~",
    "`",
    "<!--",
    "-->",
    "## ",
    "\n",
    "\n\n",
    "<",
    ">",
    '"',
    "'",
    "=",
    "&#x09;",
    "@",
    "jane@example.com",
    "+44 20 7946 0958",
    "4242 4242 4242 4242",
    "DE89 3704 0044 0532 0130 00",
    "ghp_",
    "AKIA",
    "Bearer ",
    "-----BEGIN RSA PRIVATE KEY-----",
    "https://u:p@h",
    "retro-allow: privacy-email",
    "human error",
    "should have",
    "---",
    "...",
    "\r\n",
    "\t",
    "\x00",
    "\ufeff",
    "2026-03-14",
]
bodies = st.lists(
    st.one_of(st.sampled_from(MARKDOWN_TOKENS), st.text(max_size=30)), max_size=60
).map("".join)


@st.composite
def aliased_yaml(draw: st.DrawFn) -> str:
    """YAML text with anchors and aliases, some valid, some dangling or recursive."""
    lines = []
    anchors: list[str] = []
    for index in range(draw(st.integers(1, 12))):
        key = draw(st.sampled_from(FIELD_NAMES + [f"k{index}"]))
        if anchors and draw(st.booleans()):
            refs = draw(st.lists(st.sampled_from(anchors + ["missing"]), min_size=1, max_size=9))
            value = "[" + ", ".join(f"*{ref}" for ref in refs) + "]"
        else:
            value = dump(draw(yaml_values)).strip().replace("\n", " ")
            if value.startswith(("-", "?", ":")) or "\n" in value:
                value = f"[{value}]"
        anchor = f"a{index}"
        lines.append(f"{key}: &{anchor} {value}" if draw(st.booleans()) else f"{key}: {value}")
        anchors.append(anchor)
    if draw(st.booleans()):
        lines.append("<<: *a0")
    return "\n".join(lines)


@st.composite
def review_files(draw: st.DrawFn) -> bytes:
    """A whole file: one of several shapes, from nearly valid to random bytes."""
    shape = draw(
        st.sampled_from(
            ["mapping", "one-field", "aliases", "text", "bytes", "no-close", "any-yaml"]
        )
    )
    if shape == "bytes":
        return draw(st.binary(max_size=2000))
    if shape == "text":
        return draw(st.text(max_size=2000)).encode("utf-8", "surrogatepass")
    body = draw(bodies)
    if shape == "one-field":
        # A complete review with one field replaced: reaches the deeper rules.
        base = review_text()
        field = draw(st.sampled_from(FIELD_NAMES))
        value = dump({field: draw(yaml_values)})
        head, _, rest = base.partition("\n---\n")
        text = head + "\n" + value + "---\n" + rest + body
        return text.encode("utf-8", "surrogatepass")
    if shape == "aliases":
        yaml_text = draw(aliased_yaml())
    elif shape == "any-yaml":
        yaml_text = dump(draw(yaml_values))
    else:
        yaml_text = dump(draw(front_matter))
    close = "" if shape == "no-close" else "---\n"
    return f"---\n{yaml_text}\n{close}{body}".encode("utf-8", "surrogatepass")


__all__ = ["EXAMPLES", "bodies", "dump", "front_matter", "fuzz_settings", "review_files"]
