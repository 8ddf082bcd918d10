"""The schema declared once: each field's type validates, describes itself for JSON Schema
and the guide, and gives the model its view and default."""

from __future__ import annotations

from pathlib import Path

import pytest

from retro_reviews.config import config_from_mapping
from retro_reviews.model import Review, ReviewOptions
from retro_reviews.schema import FRONT_MATTER, TYPES, Field, json_schema, view


def every_field(fields: tuple[Field, ...] = FRONT_MATTER) -> list[Field]:
    out = []
    for spec in fields:
        out.append(spec)
        out.extend(every_field(spec.fields))
    return out


@pytest.mark.parametrize("spec", every_field(), ids=lambda s: s.name)
def test_every_field_has_a_declared_type(spec: Field) -> None:
    assert spec.type in TYPES


def test_every_type_describes_itself() -> None:
    config = config_from_mapping({}, root=Path("."))
    for name, kind in TYPES.items():
        spec = Field("x", name, choices=("a",), fields=(Field("url", "url"),))
        assert kind.label
        assert isinstance(kind.json(spec, config), dict), name


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("responders", ["On-call engineer", " ", 3], ("On-call engineer",)),
        ("responders", "On-call engineer", ()),
        ("responders", None, ()),
        ("root_cause", "  A gap  ", "A gap"),
        ("root_cause", 42, ""),
        ("no_checklist_change", None, ""),
    ],
)
def test_the_model_view_comes_from_the_fields_type(name, value, expected) -> None:
    meta = {name: value} if value is not None else {}
    assert view(name, meta, ReviewOptions()) == expected
    review = Review(path=Path("r.md"), relpath="r.md", meta=meta)
    assert getattr(review, name) == expected


def test_json_schema_marks_severity_optional_for_imported_only() -> None:
    schema = json_schema(config_from_mapping({}, root=Path(".")))
    assert "severity" not in schema["required"]
    rule = schema["allOf"][1]
    assert rule["if"]["properties"]["status"] == {"not": {"const": "imported"}}
    assert rule["then"] == {"required": ["severity"]}
