"""retro_reviews.yamlload: the one-pass build gives exactly what walking then constructing gives."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import review_text
from fuzz_strategies import aliased_yaml, dump, front_matter, fuzz_settings, yaml_values
from retro_reviews import yamlload
from retro_reviews.load import split_front_matter
from retro_reviews.yamlload import YamlProblem


def outcome(text: str, *, one_pass: bool, fast: bool = True) -> tuple[Any, ...]:
    loader = yamlload._FAST if fast and yamlload._FAST is not None else yamlload._FrontMatterLoader
    try:
        document = yamlload._parse(loader, text, 2, one_pass=one_pass)
    except YamlProblem as exc:
        return ("problem", exc.message, exc.line, exc.column, exc.kind)
    return ("ok", _comparable(document.data), document.positions, document.duplicate_keys)


def _comparable(value: Any) -> Any:
    """NaN is not equal to itself; everything else compares as it is (types included)."""
    if isinstance(value, float) and math.isnan(value):
        return "NaN"
    if isinstance(value, dict):
        return {(type(k), k): _comparable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_comparable(v) for v in value]
    return (type(value), value)


def same_both_ways(text: str) -> None:
    for fast in (True, False):
        assert outcome(text, one_pass=True, fast=fast) == outcome(text, one_pass=False, fast=fast)


CASES = {
    "a review": split_front_matter(review_text())[0],  # type: ignore[index]
    "numbers": "a: 0x1F\nb: 0o17\nc: 1_000\nd: -0.5e3\ne: .inf\nf: .NaN\ng: 0b101\nh: 017",
    "sexagesimal": "a: 1:30\nb: 190:20:30.15",
    "booleans and nulls": "a: yes\nb: Off\nc: ~\nd: null\ne:\nf: TRUE",
    "dates stay text": "date: 2026-03-01\nat: 2026-03-01T10:00:00Z\nbad: 2026-13-45",
    "keys of every kind": "1: one\ntrue: yes\nnull: nothing\n2.5: half\n'quoted': q",
    "duplicate keys": "title: a\ntitle: b\nimpact:\n  cost: 1\n  cost: 2",
    "merge key": "base: &b {x: 1}\nother:\n  <<: *b\n  y: 2",
    "quoted merge key": "'<<': text",
    "explicit tags": "a: !!str 12\nb: !!timestamp 2026-01-01\nc: !!set {x, y}\nd: !!binary aGk=",
    "unknown tag": "a: !custom thing",
    "a key that is a list": "? [a, b]\n: value",
    "aliases": "a: &x [1, 2, {k: v}]\nb: *x\nc: [*x, *x]",
    "alias bomb": "a: &a [1,1,1,1,1,1,1,1,1,1]\n"
    + "".join(
        f"{c}: &{c} [{', '.join(['*' + p] * 10)}]\n" for p, c in zip("abcde", "bcdef", strict=True)
    ),
    "too deep": "a: " + "[" * 50 + "]" * 50,
    "deep mappings": "a:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 45)),
    "not a mapping": "- a\n- b",
    "a scalar": "just text",
    "empty": "",
    "huge integer": "a: " + "9" * 200,
    "bad int": "a: !!int 12abc",
    "bad float": "a: !!float x.y",
}


@pytest.mark.parametrize("text", CASES.values(), ids=CASES.keys())
def test_the_one_pass_build_matches_the_two_passes(text: str) -> None:
    same_both_ways(text)


def test_plain_reviews_take_the_one_pass_path(monkeypatch: pytest.MonkeyPatch) -> None:
    walked: list[int] = []
    monkeypatch.setattr(yamlload._Walker, "walk", lambda *a: walked.append(1))
    document = yamlload.parse_front_matter_yaml(CASES["a review"], 2)
    assert document.data["title"] and walked == []
    assert document.positions[("title",)][0] >= 2


@fuzz_settings(300)
@given(st.one_of(front_matter.map(dump), yaml_values.map(dump), aliased_yaml()))
def test_any_document_gives_the_same_both_ways(text: str) -> None:
    same_both_ways(text)


@pytest.mark.parametrize("text", CASES.values(), ids=CASES.keys())
def test_leaving_positions_out_changes_nothing_else(text: str) -> None:
    def parse(positions: bool) -> tuple[Any, ...]:
        try:
            document = yamlload.parse_front_matter_yaml(text, 2, positions=positions)
        except YamlProblem as exc:
            return ("problem", exc.message, exc.line, exc.column), None
        kept = document.positions if document.positions_recorded else None
        return ("ok", _comparable(document.data), document.duplicate_keys), kept

    (without, kept), (with_them, positions) = parse(False), parse(True)
    assert without == with_them
    assert kept is None or kept == positions  # an unusual document keeps them anyway


def test_a_loaded_review_reads_its_positions_again_only_when_asked(tmp_path: Path) -> None:
    from retro_reviews.config import load_config
    from retro_reviews.load import read_review

    (tmp_path / "reviews").mkdir()
    path = tmp_path / "reviews" / "2026-03-01-x.md"
    path.write_text(review_text(), encoding="utf-8")
    loaded = read_review(path, load_config(tmp_path))
    assert loaded.parsed and loaded._positions is None
    expected = yamlload.parse_front_matter_yaml(split_front_matter(review_text())[0], 2)  # type: ignore[index]
    assert loaded.positions == expected.positions
    assert (
        loaded.line_of("title")
        == review_text()
        .splitlines()
        .index(next(line for line in review_text().splitlines() if line.startswith("title:")))
        + 1
    )
