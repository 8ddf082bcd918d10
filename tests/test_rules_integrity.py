"""Rules that span the library: ids, related reviews, checklist history; file location."""

from __future__ import annotations

from conftest import findings_of, review_text


def test_file_name_must_match_the_date(write_review, retro) -> None:
    write_review("2026-03-02-x", review_text(date="2026-03-01"))
    [line] = findings_of(retro("check").output, "file-name")
    assert "'date' is 2026-03-01 but the file name says 2026-03-02" in line
    assert line.startswith("reviews/2026/2026-03-02-x.md:3:")


def test_year_folder_must_match(project, retro) -> None:
    path = project / "reviews" / "2025" / "2026-03-01-x.md"
    path.parent.mkdir(parents=True)
    path.write_text(review_text(date="2026-03-01"))
    [line] = findings_of(retro("check").output, "file-name")
    assert "this review belongs in reviews/2026/2026-03-01-x.md" in line


def test_slug_must_be_lowercase_ascii(project, retro) -> None:
    path = project / "reviews" / "2026" / "2026-03-01-Wrong_Item.md"
    path.parent.mkdir(parents=True)
    path.write_text(review_text(date="2026-03-01"))
    [line] = findings_of(retro("check").output, "file-name")
    assert "must be <YYYY-MM-DD>-<slug>.md" in line


def test_file_outside_the_reviews_folder(project, retro) -> None:
    path = project / "elsewhere" / "2026-03-01-x.md"
    path.parent.mkdir()
    path.write_text(review_text(date="2026-03-01"))
    result = retro("check", str(path))
    [line] = findings_of(result.output, "file-name")
    assert "a review lives under reviews/<YYYY>/" in line


def test_duplicate_ids_anywhere_under_reviews(project, write_review, retro) -> None:
    write_review("2026-03-01-x")
    other = project / "reviews" / "archive" / "2026" / "2026-03-01-x.md"
    other.parent.mkdir(parents=True)
    other.write_text(review_text(date="2026-03-01"))
    lines = findings_of(retro("check").output, "duplicate-id")
    assert len(lines) == 2
    assert (
        "also used by reviews/archive/2026/2026-03-01-x.md" in lines[1]
        or "also used by reviews/archive/2026/2026-03-01-x.md" in lines[0]
    )


def test_related_ids_must_exist(write_review, retro) -> None:
    write_review("2026-03-01-a", related="2026-03-02-b, 2026-01-01-ghost, 2026-03-01-a")
    write_review("2026-03-02-b")
    lines = findings_of(retro("check").output, "unknown-related")
    assert len(lines) == 2
    assert "related review '2026-01-01-ghost' does not exist" in lines[0]
    assert "a review cannot be related to itself" in lines[1]


def test_checking_one_file_still_sees_the_library(write_review, retro, project) -> None:
    a = write_review("2026-03-01-a", related="2026-03-02-b")
    write_review("2026-03-02-b")
    result = retro("check", str(a))
    assert result.exit_code == 0, result.output
    assert "Checked 1 file:" in result.output


def test_remove_and_reword_follow_earlier_reviews(write_review, retro) -> None:
    write_review("2026-03-01-a", item="Scan every barcode")
    reword = review_text(item="Scan every barcode before sealing", date="2026-03-05").replace(
        "    change: add", "    change: reword\n    was: Scan every barcode"
    )
    write_review("2026-03-05-b", reword)
    remove = review_text(item="Scan every barcode before sealing", date="2026-03-09").replace(
        "    change: add", "    change: remove"
    )
    write_review("2026-03-09-c", remove)
    result = retro("check", "--strict")
    assert result.exit_code == 0, result.output


def test_remove_of_an_unknown_item_is_a_warning(write_review, retro) -> None:
    remove = review_text(item="Weigh every parcel").replace("    change: add", "    change: remove")
    write_review("2026-03-01-a", remove)
    result = retro("check")
    [line] = findings_of(result.output, "checklist-item-unknown")
    assert ": warning [checklist-item-unknown]" in line
    assert (
        "'Weigh every parcel' is not on the checklist 'Pick and pack checklist' at "
        "2026-03-01" in line
    )
    assert result.exit_code == 0


def test_order_is_by_date_not_by_file_name(write_review, retro) -> None:
    # The reword is dated before the add: at its date the item does not exist yet.
    reword = review_text(item="Scan twice", date="2026-02-01").replace(
        "    change: add", "    change: reword\n    was: Scan once"
    )
    write_review("2026-02-01-b", reword)
    write_review("2026-03-01-a", item="Scan once")
    output = retro("check").output
    assert ": error " not in output
    [line] = findings_of(output, "checklist-item-unknown")
    assert line.startswith("reviews/2026/2026-02-01-b.md:")


def test_overdue_actions_in_published_reviews_are_warnings(write_review, retro) -> None:
    write_review("2026-03-01-a", action_status="open")  # due 2026-04-30, today 2026-06-01
    result = retro("check")
    [line] = findings_of(result.output, "overdue-action")
    assert (
        "action item 'Give each colour variant its own bin' (owner: Warehouse team) "
        "was due 2026-04-30, 32 days ago, and is still open" in line
    )
    assert result.exit_code == 0
    write_review("2026-03-01-a", action_status="open", status="in-review")
    assert not findings_of(retro("check").output, "overdue-action")
