"""retro_reviews.render.guide: the guide inserts rule and field texts escaped."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import markdown
import pytest

from retro_reviews.config import load_config
from retro_reviews.render import guide
from retro_reviews.render.escape import md_trusted
from retro_reviews.rules import RULES


def test_md_trusted_escapes_html_outside_code_spans_only() -> None:
    text = "A <script>x</script> and `<kind>` and <kind> | more"
    assert md_trusted(text) == (
        "A &lt;script&gt;x&lt;/script&gt; and `<kind>` and &lt;kind&gt; &#124; more"
    )


def test_a_rule_text_with_a_script_is_shown_as_text(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    odd = dataclasses.replace(
        RULES[0],
        summary="Flags <script>alert(1)</script>, <kind> and a|b",
        help="See templates/<kind>.md.j2 and `<b>code</b>`.",
    )
    monkeypatch.setattr(guide, "RULES", [odd, *RULES[1:]])
    html = markdown.markdown(guide.render_guide(load_config(project)), extensions=["tables"])
    assert "<script" not in html
    assert "Flags &lt;script&gt;alert(1)&lt;/script&gt;, &lt;kind&gt; and a&#124;b" in html
    assert "templates/&lt;kind&gt;.md.j2" in html
    assert "<code>&lt;b&gt;code&lt;/b&gt;</code>" in html


def test_the_guide_tells_readers_how_to_search_with_the_box_s_own_keys_and_filters(
    project: Path,
) -> None:
    # The guide's words on searching stay true to the box: the keys it listens to and the
    # filters it offers are the ones the guide names.
    script = (
        Path(guide.__file__).parents[1] / "mkdocs_plugin" / "assets" / "retro-search.js"
    ).read_text(encoding="utf-8")
    text = guide.render_guide(load_config(project))
    section = text.split("## Finding a review", 1)[1].split("\n## ", 1)[0]
    keys = re.findall(r'e\.key === "(.)"', script)
    assert sorted(keys) == ["/", "s"]
    assert all(f"`{key}`" in section for key in keys)
    filters = re.search(r"var FILTERS = \[([^\]]*)\]", script)
    assert filters is not None
    names = re.findall(r'"(\w+)"', filters[1])
    assert "(" + ", ".join(names[:-1]) + " or " + names[-1] + ")" in section
