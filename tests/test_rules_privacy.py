"""`retro check` reports private data: masked, error if public, warning if internal."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner

from conftest import review_text
from retro_reviews.cli import cli
from retro_reviews.rules import RULES_BY_ID

REVIEW = "2026-03-01-wrong-colour-shipped"
RELPATH = f"reviews/2026/{REVIEW}.md"


def _check(project: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--config", str(project / "retro.yml"), "check", *args])
    return result.exit_code, result.output


def _with_body_line(text: str, line: str) -> str:
    return text.replace("## Follow-up\n", f"## Follow-up\n\n{line}\n", 1)


def _line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text().split("\n"), 1) if needle in line)


def test_email_in_public_review_is_an_error_and_masked(
    project: Path, write_review: Callable[..., Path], chdir: Callable[[Path], None]
) -> None:
    body = "The customer wrote from jane.doe@example.com."
    path = write_review(REVIEW, _with_body_line(review_text(), body))
    chdir(project)
    code, output = _check(project)
    line = _line_of(path, "jane.doe")
    assert output == (
        f"{RELPATH}:{line}:25: error [privacy-email] an email address (j***@e***.com) in a public "
        "review: replace it with a role ('the customer', 'the support inbox'). If it belongs "
        "here, add `retro-allow: privacy-email` in a comment on this line or the line above\n"
        "Checked 1 file: 1 error, 0 warnings.\n"
    )
    assert "jane.doe" not in output
    assert code == 1


def test_same_data_in_internal_review_is_a_warning(
    project: Path, write_review: Callable[..., Path], chdir: Callable[[Path], None]
) -> None:
    text = _with_body_line(
        review_text(visibility="internal"),
        "Card 4242 4242 4242 4242, IBAN DE89 3704 0044 0532 0130 00, call +44 20 7946 0958.",
    )
    write_review(REVIEW, text)
    chdir(project)
    code, output = _check(project)
    assert (
        "warning [privacy-card] a payment card number (**** **** **** 4242) in an internal "
        "review" in output
    )
    assert "warning [privacy-iban] an IBAN (bank account number) (DE89 **** **** 3000)" in output
    assert "warning [privacy-phone] a phone number (+** ** **** **58)" in output
    assert "4242 4242 4242 4242" not in output and "7946" not in output
    assert output.endswith("Checked 1 file: 0 errors, 3 warnings.\n")
    assert code == 0
    code, _ = _check(project, "--strict")
    assert code == 1


def test_secret_in_front_matter_is_found_with_its_line(
    project: Path, write_review: Callable[..., Path], chdir: Callable[[Path], None]
) -> None:
    text = review_text().replace(
        'root_cause: "',
        'root_cause: "The deploy used postgres://app:s3cr3t-Pa55@db.internal/shop and ',
        1,
    )
    path = write_review(REVIEW, text)
    chdir(project)
    code, output = _check(project)
    line = _line_of(path, "root_cause")
    assert f"{RELPATH}:{line}:" in output
    assert "error [privacy-secret] a password in a URL (postgres://a***:****@db.internal)" in output
    assert "remove it and revoke it" in output
    assert "s3cr3t" not in output
    assert code == 1


def test_allow_marker_keeps_one_occurrence_only(
    project: Path, write_review: Callable[..., Path], chdir: Callable[[Path], None]
) -> None:
    text = (
        review_text()
        .replace(
            'what_went_wrong: "',
            'what_went_wrong: "Replies to sam.lee@shop.example went to spam. ',
            1,
        )
        .replace("\nwhat_went_wrong:", "\n# retro-allow: privacy-email\nwhat_went_wrong:", 1)
    )
    text = _with_body_line(
        text,
        "<!-- retro-allow: privacy-email -->\nWrite to sam.lee@shop.example for returns.\n\n"
        "A customer wrote from jane.doe@example.com.",
    )
    path = write_review(REVIEW, text)
    chdir(project)
    code, output = _check(project)
    line = _line_of(path, "jane.doe")
    assert output.splitlines()[0].startswith(f"{RELPATH}:{line}:")
    assert output.endswith("Checked 1 file: 1 error, 0 warnings.\n")
    assert code == 1


def test_allow_marker_for_another_rule_does_not_allow(
    project: Path, write_review: Callable[..., Path], chdir: Callable[[Path], None]
) -> None:
    text = _with_body_line(review_text(), "Call 020 7946 0958. <!-- retro-allow: privacy-email -->")
    write_review(REVIEW, text)
    chdir(project)
    code, output = _check(project)
    assert "[privacy-phone]" in output
    assert code == 1


def test_a_kind_can_be_turned_off_in_the_configuration(
    project: Path, write_review: Callable[..., Path], chdir: Callable[[Path], None]
) -> None:
    (project / "retro.yml").write_text("rules:\n  privacy-phone: off\n  privacy-email: warning\n")
    body = "Call 020 7946 0958 or mail a@example.com."
    write_review(REVIEW, _with_body_line(review_text(), body))
    chdir(project)
    code, output = _check(project)
    assert "[privacy-phone]" not in output
    assert "warning [privacy-email]" in output
    assert code == 0


def test_check_does_not_rewrite_reviews(
    project: Path, write_review: Callable[..., Path], chdir: Callable[[Path], None]
) -> None:
    path = write_review(REVIEW, _with_body_line(review_text(), "Mail jane.doe@example.com."))
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    chdir(project)
    _check(project)
    _check(project, "--strict")
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def test_privacy_rules_are_listed_with_help() -> None:
    result = CliRunner().invoke(cli, ["rules"])
    for rule_id in (
        "privacy-email",
        "privacy-phone",
        "privacy-card",
        "privacy-iban",
        "privacy-secret",
    ):
        assert rule_id in result.output
        assert f"retro-allow: {rule_id}" in RULES_BY_ID[rule_id].help


def test_one_marker_can_allow_several_kinds(
    project: Path, write_review: Callable[..., Path], chdir: Callable[[Path], None]
) -> None:
    body = (
        "<!-- retro-allow: privacy-email, privacy-phone -->\n"
        "Customers can write to sam.lee@shop.example or call +44 20 7946 0958."
    )
    write_review(REVIEW, _with_body_line(review_text(), body))
    chdir(project)
    code, output = _check(project, "--strict")
    assert output == "Checked 1 file: 0 errors, 0 warnings.\n"
    assert code == 0


def test_html_comments_are_scanned_too(
    project: Path, write_review: Callable[..., Path], chdir: Callable[[Path], None]
) -> None:
    """A comment is not on the site, but it is in git for everyone who can read the repo."""
    body = "<!-- note to self: the customer is jane.doe@example.com -->"
    write_review(REVIEW, _with_body_line(review_text(), body))
    chdir(project)
    code, output = _check(project)
    assert "error [privacy-email] an email address (j***@e***.com)" in output
    assert code == 1


def test_secret_in_a_file_with_broken_yaml_is_still_reported(project, retro) -> None:
    path = project / "reviews" / "2026" / "2026-03-01-broken.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    token = "ghp_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8"
    path.write_text(f"---\ntitle: [unclosed\n---\nThe deploy used {token} by mistake.\n")
    output = retro("check").output
    assert "[yaml-syntax]" in output
    assert "[privacy-secret]" in output
    assert token not in output
