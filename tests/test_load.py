"""Robustness: every broken file gets a clean finding with a line, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import findings_of, review_text


def write_bytes(project: Path, name: str, data: bytes) -> Path:
    path = project / "reviews" / "2026" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def test_broken_yaml_names_the_line_in_the_file(project: Path, retro) -> None:
    write_bytes(
        project,
        "2026-03-01-broken.md",
        b"---\ntitle: ok\ndate: 2026-03-01\nseverity: [high\nstatus: draft\n---\n",
    )
    result = retro("check")
    assert result.exit_code == 1
    [line] = findings_of(result.output, "yaml-syntax")
    assert line.startswith("reviews/2026/2026-03-01-broken.md:")
    # The unclosed '[' on file line 4 is reported where the parser gives up, in file lines.
    assert int(line.split(":")[1]) >= 4
    assert "Traceback" not in result.output


def test_yaml_error_line_counts_from_the_top_of_the_file(project: Path, retro) -> None:
    write_bytes(project, "2026-03-01-tab.md", b"---\ntitle: ok\n\tdate: x\n---\n")
    [line] = findings_of(retro("check").output, "yaml-syntax")
    assert line.startswith("reviews/2026/2026-03-01-tab.md:3:")


@pytest.mark.parametrize(
    ("data", "rule", "message"),
    [
        (b"", "front-matter-missing", "the file is empty"),
        (b"   \n\n", "front-matter-missing", "the file is empty"),
        (b"# Just a heading\n", "front-matter-missing", "no front matter"),
        (b"---\ntitle: never closed\n", "front-matter-missing", "never closed"),
        (b"---\n---\nbody\n", "front-matter-missing", "the front matter is empty"),
        (b"---\n- a\n- b\n---\n", "front-matter-type", "the front matter is a list"),
        (b"---\njust text\n---\n", "front-matter-type", "a single text"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "unreadable-file", "binary file"),
        (b"---\ntitle: caf\xe9\n---\n", "unreadable-file", "not valid UTF-8 (byte 0xe9)"),
        (b"---\ntitle: !!python/object:os.system x\n---\n", "yaml-syntax", "invalid YAML"),
        (b"---\ntitle: a\ntitle: b\n---\n", "duplicate-key", "'title' is set twice"),
    ],
)
def test_broken_files_get_one_clean_finding(project: Path, retro, data, rule, message) -> None:
    write_bytes(project, "2026-03-01-case.md", data)
    result = retro("check")
    assert result.exit_code == 1
    lines = findings_of(result.output, rule)
    assert lines, result.output
    assert message in lines[0]
    assert "Traceback" not in result.output
    assert result.output.endswith("Checked 1 file: " + result.output.rsplit(": ", 1)[1])


@pytest.mark.parametrize(
    ("codec", "name"),
    [
        ("utf-16", "UTF-16"),  # with a byte-order mark: what Windows PowerShell 5's `>` writes
        ("utf-16-be", "UTF-16"),  # no mark: found by the NUL bytes in every other place
        ("utf-16-le", "UTF-16"),
        ("utf-32", "UTF-32"),
        ("utf-32-be", "UTF-32"),
    ],
)
def test_utf16_and_utf32_are_named_not_called_binary(project: Path, retro, codec, name) -> None:
    data = review_text(date="2026-03-01").encode(codec)
    write_bytes(project, "2026-03-01-wide.md", data)
    result = retro("check")
    assert result.exit_code == 1
    hint = (
        " (Windows PowerShell's `>` writes UTF-16: use `| Out-File -Encoding utf8` instead)"
        if name == "UTF-16"
        else ""
    )
    assert findings_of(result.output, "unreadable-file") == [
        f"reviews/2026/2026-03-01-wide.md: error [unreadable-file] the file is saved as {name}, "
        f"not UTF-8; save it as UTF-8 in your editor{hint}"
    ]


@pytest.mark.parametrize(
    "data",
    [
        b"\xff\xfe\x00\xd8\x00\x00",  # a UTF-16 mark, then a lone surrogate: not UTF-16
        b"\xff\xfe\x01\x00\x02\x00\x03\x00",  # decodes, but to control characters
        b"G\x00I\x00F\x00\x00\x01\x02\x03\x04\x05\x06",  # NULs in no steady pattern
    ],
)
def test_binary_that_looks_wide_at_first_is_still_binary(project: Path, retro, data) -> None:
    write_bytes(project, "2026-03-01-bin.md", data)
    [line] = findings_of(retro("check").output, "unreadable-file")
    assert "this is a binary file" in line


def test_non_utf8_finding_names_line_and_column(project: Path, retro) -> None:
    write_bytes(project, "2026-03-01-latin1.md", b"---\ntitle: ok\n# caf\xe9\n---\n")
    [line] = findings_of(retro("check").output, "unreadable-file")
    assert line.startswith("reviews/2026/2026-03-01-latin1.md:3:6:")


def test_byte_order_mark_and_crlf_are_accepted(project: Path, retro) -> None:
    text = review_text(date="2026-03-01").replace("\n", "\r\n")
    write_bytes(project, "2026-03-01-windows.md", b"\xef\xbb\xbf" + text.encode("utf-8"))
    result = retro("check", "--strict")
    assert result.exit_code == 0, result.output


def test_crlf_line_numbers_match_the_editor(project: Path, retro) -> None:
    text = review_text(date="2026-03-01").replace("severity: medium", "severity: urgent")
    write_bytes(project, "2026-03-01-crlf.md", text.replace("\n", "\r\n").encode())
    [line] = findings_of(retro("check").output, "invalid-value")
    assert line.startswith("reviews/2026/2026-03-01-crlf.md:6:1:")


def test_huge_file_is_refused_before_reading(project: Path, retro) -> None:
    write_bytes(project, "2026-03-01-huge.md", b"---\ntitle: x\n---\n" + b"a" * 3_000_000)
    [line] = findings_of(retro("check").output, "file-too-large")
    assert "over the limit of 2,000,000" in line


def test_file_size_limit_is_configurable(project: Path, retro) -> None:
    (project / "retro.yml").write_text("max_file_bytes: 4000000\n")
    write_bytes(
        project, "2026-03-01-big.md", review_text(date="2026-03-01").encode() + b"\nword " * 500_000
    )
    assert not findings_of(retro("check").output, "file-too-large")


def test_yaml_alias_bomb_is_bounded(project: Path, retro) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    write_bytes(project, "2026-03-01-bomb.md", ("---\n" + "\n".join(lines) + "\n---\n").encode())
    result = retro("check")
    [line] = findings_of(result.output, "yaml-too-complex")
    assert "aliases" in line


def test_deep_nesting_is_bounded(project: Path, retro) -> None:
    deep = "x: " + "[" * 5000 + "]" * 5000
    write_bytes(project, "2026-03-01-deep.md", f"---\n{deep}\n---\n".encode())
    result = retro("check")
    assert findings_of(result.output, "yaml-too-complex") or findings_of(
        result.output, "yaml-syntax"
    )
    assert "Traceback" not in result.output


def test_one_broken_file_does_not_hide_the_others(project: Path, retro, write_review) -> None:
    write_bytes(project, "2026-03-01-broken.md", b"---\n: :\n---\n")
    write_review("2026-03-02-fine", date="2026-03-02")
    result = retro("check")
    assert "Checked 2 files: 1 error, 0 warnings." in result.output


def test_index_and_hidden_files_are_not_reviews(project: Path, retro) -> None:
    write_bytes(project, "index.md", b"# not a review")
    write_bytes(project, ".draft.md", b"nothing")
    (project / "reviews" / "_aside").mkdir()
    (project / "reviews" / "_aside" / "2026-01-01-x.md").write_text("nothing")
    (project / "reviews" / "README.md").write_text("# Reviews")
    assert retro("check").stdout == "Checked 0 files: 0 errors, 0 warnings.\n"


def test_parts_under_reads_where_a_file_is_then_where_it_leads(tmp_path: Path) -> None:
    from retro_reviews.load import parts_under

    reviews = tmp_path / "reviews"
    (reviews / "2026").mkdir(parents=True)
    file = reviews / "2026" / "2026-01-02-a.md"
    file.write_text("x")
    assert parts_under(file, reviews) == ("2026", "2026-01-02-a.md")
    assert parts_under(reviews / ".." / "reviews" / "a.md", reviews) == ("a.md",)
    assert parts_under(reviews, reviews) == ()
    assert parts_under(tmp_path / "reviewsX" / "a.md", reviews) is None  # a prefix, not a folder
    assert parts_under(tmp_path / "other.md", reviews) is None
    linked = tmp_path / "linked"
    linked.symlink_to(reviews)  # the folder reached through a link: where it leads counts
    assert parts_under(linked / "2026" / "2026-01-02-a.md", reviews) == (
        "2026",
        "2026-01-02-a.md",
    )
