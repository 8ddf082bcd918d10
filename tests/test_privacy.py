"""The detectors of personal data and secrets: detection, masking, false alarms."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from retro_reviews.privacy import find_private_data, iban_valid, luhn_valid

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).resolve().parent.parent


def _positives() -> list[tuple[str, str]]:
    rows = []
    for line in (DATA / "privacy_positives.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            kind, text = line.split("\t", 1)
            rows.append((kind, text.replace("\\n", "\n")))
    return rows


def _realistic_texts() -> list[Path]:
    return sorted((DATA / "realistic_reviews").glob("*.md"))


def _sample_library() -> list[Path]:
    return sorted((ROOT / "reviews").rglob("*.md"))


@pytest.mark.parametrize(("kind", "text"), _positives())
def test_each_labelled_positive_is_found_as_its_kind(kind: str, text: str) -> None:
    found = find_private_data(text)
    assert found, text
    assert {m.kind for m in found} == {kind}


@pytest.mark.parametrize(("kind", "text"), _positives())
def test_findings_never_show_the_whole_value(kind: str, text: str) -> None:
    for match in find_private_data(text):
        value = text[match.start : match.end]
        assert value not in match.masked
        assert "*" in match.masked or "…" in match.masked
        if match.what in ("a password in a URL", "a private key block"):
            continue  # the header, scheme and host are shown; user, password and key never
        shown = [ch for ch in match.masked if ch.isalnum()]
        # a few characters of the value at most (the TLD, the last digits, a token prefix)
        assert len(shown) <= max(12, len(value) // 3), (value, match.masked)


def test_password_url_shows_neither_user_nor_password() -> None:
    (match,) = find_private_data("see https://deploy-bot:s3cr3t-Pa55@db.example.com/shop")
    assert match.masked == "https://d***:****@db.example.com"


@pytest.mark.parametrize(
    "text",
    [
        "2026-03-14",
        "14.03.2026",
        "03/14/2026",
        "09:12",
        "09:12:30",
        "2026-03-14T09:12:00Z",
        "2026-03-14 09:12",
        "1.2.3",
        "v2.10.0",
        "10.0.19045.2965",
        "A-1042",
        "#12345",
        "ORD-2026-00042",
        "INC-2026-0117",
        "€1,200",
        "$1,204,330.00",
        "1 200 000 EUR",
        "12 345 678 GB-hours",
        "2 h 14 min",
        "40 customers",
        "99.71%",
        "192.168.100.200",
        "order 1234567890",
        "case 2026031400123",
        "batch 20260314-0001",
        "ISBN 978-3-16-148410-0",
        "dashboard@2x.png",
        "EAN 4006381333924 (passes Luhn)",
        "EAN 5012345678900",
        "the @retro channel",
        "https://user:<password>@example.com",
        "postgres://app:${DB_PASSWORD}@db:5432/shop",
        "2025-W52",
        "week 2026-03",
        "invoices 0042 0043 0044",
        "lot 012 345 678",
        "account 0012345678",
        "order no. 0 1234 5678",
        "Reference: 00123456789",
        "ids 0042 0043 0044",
    ],
)
def test_ordinary_review_numbers_are_not_private_data(text: str) -> None:
    assert find_private_data(text) == []


def test_examples_of_masks() -> None:
    text = (
        "jane.doe@example.com 4242 4242 4242 4242 DE89 3704 0044 0532 0130 00 "
        "ghp_16C7e42F292c6912E7710c838347Ae178B4a +44 20 7946 0958"
    )
    assert [m.masked for m in find_private_data(text)] == [
        "j***@e***.com",
        "**** **** **** 4242",
        "DE89 **** **** 3000",
        "ghp_****…",
        "+** ** **** **58",
    ]


def test_luhn_and_iban_checks() -> None:
    assert luhn_valid("4242424242424242")
    assert not luhn_valid("4242424242424241")
    assert iban_valid("DE89370400440532013000")
    assert not iban_valid("DE89370400440532013001")
    assert find_private_data("4242 4242 4242 4241") == []
    assert find_private_data("DE89 3704 0044 0532 0130 01") == []


def test_false_alarm_and_detection_rates() -> None:
    """The figures quoted in the docs: run with ``pytest -s`` to see them."""
    realistic = _realistic_texts()
    library = _sample_library()
    assert len(realistic) >= 30
    false_alarms = {
        path.name: [(m.kind, m.masked) for m in find_private_data(path.read_text("utf-8"))]
        for path in realistic + library
    }
    flagged = {name: found for name, found in false_alarms.items() if found}
    positives = _positives()
    detected = sum(
        1 for kind, text in positives if any(m.kind == kind for m in find_private_data(text))
    )
    print(
        f"\nprivacy: {len(flagged)} of {len(realistic)} realistic texts and "
        f"{len(library)} sample reviews flagged (false alarms: {sum(map(len, flagged.values()))});"
        f" detection {detected}/{len(positives)} labelled positives"
    )
    assert flagged == {}
    assert detected == len(positives)


# Long hostile texts: each is scanned (timed in bench/bench_privacy.py, not here: a test
# that asserts a duration fails on a busy machine).
HOSTILE = [
    "1 " * 500_000,
    "a@" * 300_000,
    "a." * 400_000 + "@",
    "+" + "1-" * 300_000,
    "0" * 1_000_000,
    "https://a:" + "b" * 500_000,
    "DE89 " * 200_000,
    "DE89" * 100_000,  # IBAN starts with no white space: each one once searched to the end
]


@pytest.mark.parametrize("text", HOSTILE, ids=lambda text: repr(text[:12]))
def test_hostile_text_is_read_in_bounded_windows(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The number detectors read windows around the digit runs, merged, never the same
    text twice over: the work stays proportional to the text (an unbounded look-back once
    made a long run quadratic)."""
    from retro_reviews import privacy

    read: list[int] = []
    for name in ("find_cards", "find_ibans", "find_phones"):
        detector = getattr(privacy, name)

        def counted(piece: str, detector=detector):  # type: ignore[no-untyped-def]
            read.append(len(piece))
            return detector(piece)

        monkeypatch.setattr(privacy, name, counted)
    spans = privacy._windows(text)
    assert all(a[1] < b[0] for a, b in zip(spans, spans[1:], strict=False))  # merged
    assert sum(end - start for start, end in spans) <= len(text)
    find_private_data(text)
    assert sum(read) <= 3 * len(text)  # three detectors, each over the windows once


_ONE_SCAN = re.compile(r"\d(?:[ .()\u00a0-]{0,3}\d){8,}|[A-Z]{2}\d\d")


@given(st.text(alphabet="0123456789 .()-\u00a0ABDEZaz+\n\u0661\u0662", max_size=60))
@settings(max_examples=300, deadline=None, database=None)
def test_the_candidate_scan_finds_what_one_regular_expression_would(text: str) -> None:
    from retro_reviews.privacy import _candidates

    assert list(_candidates(text)) == [m.span() for m in _ONE_SCAN.finditer(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Report it to security@example.org.",
        "The reply came from support@shop.example.",
        "Write to help@shop.example or info@shop.example.",
        "Sent from noreply@example.com and no-reply@example.com.",
        "Forwarded to abuse@example.net and postmaster@example.net.",
        "Announced on dev-announce@lists.example.org.",
        "The project-security@example.org list was told first.",
        "Reported to vulnerabilities@example.org under embargo.",
        "Discussed on the packaging@lists.example.org mailing list.",
        "Posted to retro-users@googlegroups.com.",
        "Escalated to the oncall@example.com alias.",
        "support+returns@shop.example.co.uk was the Reply-To.",
    ],
)
def test_role_and_list_addresses_are_not_personal_data(text: str) -> None:
    assert find_private_data(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "The customer wrote from jane.doe@example.com.",
        "Forwarded by priya@lists-of-things.example.",
        "cc: m.schmidt@security-firm.example",
    ],
)
def test_personal_addresses_are_still_found(text: str) -> None:
    assert [m.kind for m in find_private_data(text)] == ["email"]


def test_an_allow_list_of_addresses_and_domains() -> None:
    text = "Write to lena.m@shop.example, ana@partner.example or jo@other.example."
    allow = ("lena.m@shop.example", "partner.example")
    assert [m.masked for m in find_private_data(text, allow)] == ["j***@o***.example"]
    assert len(find_private_data(text)) == 3


@pytest.mark.parametrize(
    "text",
    [
        "The chain halted at block 18,234,567.",
        "Block 17 034 870 was finalised; height 17034870.",
        "block 0123456789",
        "Unix time 1700000000 was logged.",
        "Kafka offset 123456789012 was committed.",
        "The span 0123 4567 890 was retried.",
        "sha 4242424242424242",
        "commit 9fceb02d0ae598e95dc970b74767f19372d61af8",
        "trace id 4bf92f3577b34da6a3ce929d0e0e4736",
        "uuid 123e4567-e89b-12d3-a456-426614174000",
        "Version 2024.10.1 and build 20240314.3 shipped.",
        "PR 12345 and issue 1234567890",
        "between 09:00 and 17:00 UTC (08:00-16:00 GMT)",
        "Error code 0x80070005",
        "1,234,567,890 events and about 120 000 000 rows",
    ],
)
def test_heights_hashes_timestamps_versions_and_ids_are_not_private_data(text: str) -> None:
    assert find_private_data(text) == []


@pytest.mark.parametrize("text", ["DE89" * 5_000, "1" * 20_000, "ab " * 5_000, "x\n" * 9_000])
def test_a_window_widens_to_white_space_a_bounded_distance(text: str) -> None:
    """However long a run without white space, a window around a candidate reaches at most
    a fixed distance beyond it (an unbounded search each way made such runs quadratic)."""
    from retro_reviews.privacy import _REACH, _widen

    for at in (0, 7, len(text) // 2, len(text) - 3):
        start, end = _widen(text, at - 80, at + 84)
        assert max(0, at - 80 - _REACH) <= start <= max(0, at - 80)
        assert min(len(text), at + 84) <= end <= min(len(text), at + 84 + _REACH)
        if start > 0:  # a window starts after white space, or at the reach's limit
            assert text[start - 1] in " \n" or start == at - 80 - _REACH
