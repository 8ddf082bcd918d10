from __future__ import annotations

from pathlib import Path

from retro_reviews.importer.foreign import read_front_matter
from retro_reviews.importer.reading import (
    SourceText,
    Unreadable,
    decode,
    find_documents,
    outside_project,
    passed_over,
    read_document,
)


def test_folders_give_markdown_files_of_any_name_but_not_hidden_or_reviews(
    tmp_path: Path,
) -> None:
    for name in ("a.md", "b.markdown", "c.txt", "No extension here", ".hidden.md", "pic.png"):
        (tmp_path / "old" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "old" / name).write_text("x")
    (tmp_path / "old" / "reviews").mkdir()
    (tmp_path / "old" / "reviews" / "r.md").write_text("x")
    found = find_documents([tmp_path / "old"], tmp_path, tmp_path / "old" / "reviews")
    assert [p.name for p in found] == ["No extension here", "a.md", "b.markdown", "c.txt"]


def test_outside_and_links_out_are_refused(tmp_path: Path) -> None:
    root = tmp_path / "project"
    root.mkdir()
    (tmp_path / "out.md").write_text("x")
    (root / "in.md").write_text("x")
    (root / "link.md").symlink_to(tmp_path / "out.md")
    (root / "inner-link.md").symlink_to(root / "in.md")
    assert outside_project(root / "in.md", root) is None
    assert outside_project(root / "inner-link.md", root) is None
    assert "outside the project" in (outside_project(tmp_path / "out.md", root) or "")
    assert "symbolic link" in (outside_project(root / "link.md", root) or "")


def test_decoding_states_its_fallback() -> None:
    assert decode("é".encode()) == ("é", "utf-8")
    assert decode("\ufeffé".encode()) == ("é", "utf-8")
    assert decode("é".encode("latin-1")) == ("é", "cp1252")
    assert decode(b"\x81") == ("\x81", "latin-1")
    assert decode(b"\xff\xfe" + "é".encode("utf-16-le")) == ("é", "utf-16-le")  # no mark
    assert decode("# Café".encode("utf-16-be")) == ("# Café", "utf-16-be")
    assert decode(b"\xff\xfe\x00\x00" + "# Café".encode("utf-32-le")) == ("# Café", "utf-32-le")


def test_utf16_is_read_as_text_not_skipped_as_binary(tmp_path: Path) -> None:
    """What Windows PowerShell 5's `>` writes: UTF-16 with a byte-order mark."""
    text = "# Outage\r\n\r\nCafé orders\r\n"
    (tmp_path / "ps.md").write_bytes(b"\xff\xfe" + text.encode("utf-16-le"))
    read = read_document(tmp_path / "ps.md", 4096)
    assert isinstance(read, SourceText), read
    assert (read.text, read.encoding) == ("# Outage\n\nCafé orders\n", "utf-16-le")


def test_binary_huge_and_empty_files_are_unreadable_with_a_reason(tmp_path: Path) -> None:
    (tmp_path / "bin").write_bytes(b"\x00\x01\x02")
    (tmp_path / "big.md").write_text("x" * 5000)
    (tmp_path / "empty.md").write_text("\n\n")
    (tmp_path / "crlf.md").write_bytes(b"# A\r\n\r\nB\r\n")
    assert read_document(tmp_path / "bin", 4096) == Unreadable(
        tmp_path / "bin", "it is a binary file, not Markdown text"
    )
    big = read_document(tmp_path / "big.md", 4096)
    assert isinstance(big, Unreadable) and "5,000 bytes, over the limit of 4,096" in big.reason
    assert read_document(tmp_path / "empty.md", 4096) == Unreadable(
        tmp_path / "empty.md", "it is empty"
    )
    crlf = read_document(tmp_path / "crlf.md", 4096)
    assert isinstance(crlf, SourceText) and crlf.text == "# A\n\nB\n"


def test_front_matter_yaml_toml_broken_and_prose_between_rules() -> None:
    yaml_fm = read_front_matter("---\ntitle: A\nlayout: post\n---\n# Body\n")
    assert (yaml_fm.data, yaml_fm.body, yaml_fm.body_line, yaml_fm.format) == (
        {"title": "A", "layout": "post"},
        "# Body\n",
        5,
        "YAML",
    )
    toml_fm = read_front_matter('+++\ntitle = "A"\nweight = 3\n+++\nBody\n')
    assert (toml_fm.data, toml_fm.body, toml_fm.format) == (
        {"title": "A", "weight": 3},
        "Body\n",
        "TOML",
    )
    broken = read_front_matter("---\ntitle: [A\n---\nBody\n")
    assert broken.data == {} and broken.body.startswith("---\ntitle: [A")
    assert "YAML front matter cannot be read" in broken.problem
    prose = read_front_matter("---\nJust a rule above.\n---\nBody\n")
    assert prose.data == {} and prose.body.startswith("---\nJust") and not prose.problem


def test_front_matter_never_closed_says_so_plainly() -> None:
    text = "---\ntitle: x\ndate: 2023-01-01\n\n# Broken\n\nText.\n"
    unclosed = read_front_matter(text)
    assert (unclosed.data, unclosed.body) == ({}, text)
    assert unclosed.problem == "its YAML front matter opened on line 1 is never closed"
    toml = read_front_matter('+++\ntitle = "x"\n\nText.\n')
    assert toml.problem == "its TOML front matter opened on line 1 is never closed"


def test_documents_of_other_formats_in_a_folder_are_passed_over_by_name(tmp_path: Path) -> None:
    for name in ("a.md", "export.html", "notes.HTM", "doc.docx", "pic.png", ".hidden.html"):
        (tmp_path / "old" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "old" / name).write_text("x")
    found = passed_over([tmp_path / "old", tmp_path / "old" / "a.md"])
    assert [p.name for p in found] == ["doc.docx", "export.html", "notes.HTM"]
