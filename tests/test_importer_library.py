"""The import bars on every fixture postmortem: no lost lines, sections in their fields."""

from __future__ import annotations

import html
import re
from datetime import date
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from importing import DATA, LIBRARY, copy_library, run_import
from retro_reviews.cli import cli
from retro_reviews.config import load_config
from retro_reviews.importer.foreign import read_front_matter
from retro_reviews.importer.metadata import KEYS
from retro_reviews.importer.outline import read_outline
from retro_reviews.importer.reading import decode
from retro_reviews.importer.synonyms import SectionTable
from retro_reviews.load import read_review
from sitelib import build, write_library

FIELDS = {
    "root_cause": ("root_cause",),
    "impact": ("impact", "summary"),
    "action_items": ("action_items",),
    "lessons": ("lessons",),
}


def _imported(project: Path) -> dict[str, tuple[dict, str]]:
    """source file name -> (front matter, whole text) of every imported review."""
    found = {}
    for path in (project / "reviews").rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        meta = yaml.safe_load(text.split("\n---\n", 1)[0].removeprefix("---\n"))
        found[Path(meta["source"]["path"]).name] = (meta, text)
    return found


def _value(meta: dict, path: tuple[str, ...]) -> object:
    value: object = meta
    for part in path:
        value = value.get(part) if isinstance(value, dict) else None
    return value


def test_every_fixture_imports_keeps_its_lines_and_lands_its_sections(project: Path) -> None:
    copy_library(project)
    result = run_import(project, str(project / "old"))
    assert result.exit_code == 0, result.output
    imported = _imported(project)
    sources = sorted(p.name for p in LIBRARY.iterdir())
    assert sorted(imported) == sources

    kept = total = 0
    for path in LIBRARY.iterdir():
        body = read_front_matter(decode(path.read_bytes())[0].replace("\r\n", "\n")).body
        text = imported[path.name][1]
        for line in body.split("\n"):
            if line.strip():
                total += 1
                kept += line.strip() in text
    assert kept / total >= 0.99, f"{kept} of {total} source lines kept"

    expected = yaml.safe_load((DATA / "expected.yml").read_text(encoding="utf-8"))
    present = landed = 0
    missed = []
    for name, sections in expected.items():
        meta = imported[name][0]
        for section in sections:
            present += 1
            if _value(meta, FIELDS[section]):
                landed += 1
            else:
                missed.append(f"{name}: {section}")
    assert landed / present >= 0.90, f"{landed} of {present} sections landed; missed {missed}"


def test_a_freshly_imported_library_passes_check(project: Path) -> None:
    copy_library(project)
    assert run_import(project, str(project / "old")).exit_code == 0
    result = CliRunner().invoke(cli, ["--config", str(project / "retro.yml"), "check"])
    assert result.exit_code == 0, result.output
    count = len(list(LIBRARY.iterdir()))
    assert f"Checked {count} files: 0 errors" in result.output


@pytest.fixture(scope="module")
def imported_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture library imported into a new project, and the project's site built."""
    root = tmp_path_factory.mktemp("imported") / "site-project"
    write_library(root, {}, "      show_status: [published, imported]")
    copy_library(root)
    result = run_import(root, str(root / "old"))
    assert result.exit_code == 0, result.output
    built = build(root, HOME=str(root))
    assert built.returncode == 0, built.stderr
    return root


def _page(root: Path, review: Path) -> Path:
    return root / "site" / "reviews" / review.parent.name / review.stem / "index.html"


@pytest.mark.slow
def test_a_freshly_imported_library_builds_as_a_site(imported_site: Path) -> None:
    for review in (imported_site / "reviews").rglob("*.md"):
        assert _page(imported_site, review).is_file(), review


# Reviews whose page may show a sentence twice, and why: the section holds more than its
# field (so it is shown as written, beside the field).
SAYS_MORE = {
    "2023-04-11-search-index-outage": "the action items carry ticket numbers",
    "2023-11-09-elevated-error-rates-for-object-uploads": "remediation mixes story and actions",
    "2022-06-21-panne-de-l-entrepot-etiquettes-illisibles": "what went wrong is under a heading"
    " retro import does not know ('Résumé'): the heading and its paragraph stay",
}


def _article_text(page: Path) -> str:
    html_text = page.read_text(encoding="utf-8")
    article = html_text[html_text.index("<article") : html_text.index("</article>")]
    article = re.sub(r"<(script|style)[\s\S]*?</\1>", " ", article)
    article = re.sub(r"<(?:h[1-6]|p|li|tr|td|th|dt|dd|div|br)\b[^>]*>", "\n", article)
    return html.unescape(re.sub(r"<[^>]+>", " ", article))


@pytest.mark.slow
def test_an_imported_review_page_says_each_thing_once_and_shows_every_word(
    imported_site: Path,
) -> None:
    """Every sentence at most once (the body's sections that filled a field are left out of
    the page), and every word of the body still on the page, but for headings and labels."""
    config = load_config(imported_site)
    table = SectionTable(config.import_sections)
    for path in sorted((imported_site / "reviews").rglob("*.md")):
        review = read_review(path, config)
        text = _article_text(_page(imported_site, path))
        lines = [" ".join(line.split()) for line in text.split("\n")]
        twice = {line for line in lines if len(line) > 40 and lines.count(line) > 1}
        if path.stem not in SAYS_MORE:
            assert not twice, (path.stem, twice)
        # The words of the body, headings, "Label:" words and column names aside, are all on
        # the page (a date maybe as the header card writes it).
        outline = read_outline(review.body, table, frozenset(KEYS))
        body_lines = review.body.split("\n")
        for heading in outline.headings:
            for index in range(heading.index, heading.end + 1):
                inline = heading.inline if index == heading.index else ""
                body_lines[index] = inline
        for index in range(len(body_lines) - 1):  # a table's column names
            if "|" in body_lines[index] and re.fullmatch(
                r"[\s|:-]*-[\s|:-]*", body_lines[index + 1]
            ):
                body_lines[index] = ""
        shown = set(_words(text)) | set(_words(str(review.meta)))
        month = date.fromisoformat(str(review.meta["date"])).strftime("%B")
        shown.add(month.casefold())  # "12 March 2024"
        lost = set(_words("\n".join(body_lines))) - shown
        assert not lost, (path.stem, sorted(lost))


def _words(text: str) -> list[str]:
    text = re.sub(r"<!--.*?-->", " ", text, flags=re.S)
    text = re.sub(r"</?[A-Za-z][^>]*>", " ", text)  # tags: not words a reader sees
    text = re.sub(r"^\s*(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s)?", " ", text, flags=re.M)  # nor marks
    return [w.lstrip("0") or "0" for w in re.findall(r"[^\W\d_]+|\d+", text.casefold())]
