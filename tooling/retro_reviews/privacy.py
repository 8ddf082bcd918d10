"""Detect personal data and secrets in text, and mask what is found.

Each detector finds candidates with a regular expression and then confirms them (a card
number passes the Luhn check and starts with a known issuer prefix, an IBAN passes mod-97, a
phone number has the shape of one and is not a date, time, version or order number). A
:class:`Match` carries only a masked form of the value, so that a report printed in CI never
spreads it.

This module knows nothing of reviews or findings: ``rules/privacy.py`` turns matches into
findings.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Match:
    """One piece of private data: its kind, where it starts and ends, and a masked form."""

    kind: str  # "email", "phone", "card", "iban" or "secret"
    start: int
    end: int
    masked: str
    what: str  # "an email address", "a GitHub token", ...


# --- email addresses -------------------------------------------------------------------

_EMAIL = re.compile(
    r"(?<![\w.+%-])"
    r"(?P<local>[A-Za-z0-9](?:[A-Za-z0-9._%+-]{0,62}[A-Za-z0-9_+-])?)"
    r"@"
    r"(?P<domain>(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+(?P<tld>[A-Za-z]{2,24}))"
    r"(?![\w-])"
)
# ``logo@2x.png``: image resolution suffixes, not addresses.
_RETINA = re.compile(r"^\d+(?:\.\d+)?x\.", re.IGNORECASE)
_FILE_TLDS = {"png", "jpg", "jpeg", "gif", "svg", "webp", "avif", "ico", "bmp", "tiff"}


# Addresses of a role or a list, not of a person: a project's security contact, a support
# inbox, a mailing list. The local part alone, or its last "-" part ("dev-announce@").
_ROLE_WORDS = """
    security secure psirt cert vulnerabilities vulnerability vuln vulns support help
    helpdesk servicedesk service info information noreply no-reply donotreply do-not-reply
    abuse postmaster hostmaster webmaster mailer-daemon bounce bounces privacy legal
    compliance dpo gdpr sales billing accounts invoices payments orders returns contact
    hello enquiries inquiries press media marketing feedback careers jobs hr admin
    administrator ops operations oncall on-call sre noc soc incident incidents status
    alerts alert notifications notification announce announcements list lists dev devel
    developers users general discuss discussion bugs team office customerservice
    customer-service customercare care
"""
ROLE_LOCAL_PARTS = frozenset(_ROLE_WORDS.split())
# Mailing-list hosts: "dev@lists.example.org", "team@googlegroups.com".
_LIST_HOSTS = re.compile(
    r"(?:^|\.)(?:lists?|mailman|listserv|groups)\.|(?:^|\.)googlegroups\.com$|"
    r"(?:^|\.)groups\.io$|(?:^|\.)freelists\.org$|(?:^|\.)lists\.sourceforge\.net$"
)


def is_role_address(local: str, domain: str) -> bool:
    """A role or list address (``security@``, ``dev-announce@``, ``x@lists.example.org``)."""
    local = local.lower().split("+", 1)[0]
    last = re.split(r"[-_.]", local)[-1]
    return (
        local in ROLE_LOCAL_PARTS
        or last in ROLE_LOCAL_PARTS
        or bool(_LIST_HOSTS.search(domain.lower()))
    )


def _allowed(local: str, domain: str, allow: tuple[str, ...]) -> bool:
    address, domain = f"{local}@{domain}".lower(), domain.lower()
    for entry in allow:
        entry = entry.lstrip("@")
        if entry in (address, domain) or domain.endswith("." + entry):
            return True
    return False


def find_emails(text: str, allow: tuple[str, ...] = ()) -> Iterator[Match]:
    """Personal email addresses: not images (logo@2x.png), role or list addresses, or the
    addresses and domains in ``allow``."""
    for m in _EMAIL.finditer(text):
        domain = m.group("domain")
        if _RETINA.match(domain) or m.group("tld").lower() in _FILE_TLDS:
            continue
        local = m.group("local")
        if is_role_address(local, domain) or (allow and _allowed(local, domain, allow)):
            continue
        first_label, _, _ = domain.partition(".")
        masked = f"{local[0]}***@{first_label[0]}***.{m.group('tld')}"
        yield Match("email", m.start(), m.end(), masked, "an email address")


# --- phone numbers ---------------------------------------------------------------------

# A run of digits with the separators phone numbers use (single spaces, dots, dashes,
# parentheses), not preceded by what makes it part of something else: a word or id
# (ORD-2026-…, A-1042), a ticket (#…), a path or URL (/…), money ($ € £ ¥), a decimal.
_NUMBER_RUN = re.compile(
    r"(?<![\w#@/$€£¥.,+=-])"
    r"(?:\+|\(\+?)?\d(?:[\d.()-]|[ \u00a0](?=[\d(]))*\d\)?"
    r"(?![\w/%€£$¥]|[.,:-]\d)"
)
_US_NUMBER = re.compile(r"\(?[2-9]\d{2}\)?[ .-]?[2-9]\d{2}[ .-]\d{4}(?!\d)")
_NATIONAL = re.compile(r"\(?0")
_DATE_LIKE = re.compile(
    r"\d{4}[./-]\d{1,2}[./-]\d{1,2}"  # 2026-03-14, 2026.03.14
    r"|\d{1,2}[./-]\d{1,2}[./-]\d{4}"  # 14.03.2026, 03/14/2026
    r"|\d{4}-W?\d{2}(?!\d)"  # 2026-03, 2026-W11
)
_VERSION_LIKE = re.compile(r"^\d{1,4}(?:\.\d{1,4}){2,}$")  # 10.0.19045.2965, 1.2.3
_IP_LIKE = re.compile(r"^\d{1,3}(?:\.\d{1,3}){3}$")


# A number right after one of these words is an id, not a phone number ("order no. 0 1234
# 5678", "account 0012345678", "lot 012 345 678").
_ID_CONTEXT = re.compile(
    r"\b(?:order|invoice|account|acct|ref|reference|ticket|case|lot|batch|sku|serial|job|"
    r"build|version|tracking|po|id|item|article|parcel|shipment|refund|contract|policy|isbn|"
    r"ean|gtin|upc|run|release|commit|block|height|slot|epoch|offset|port|span|trace|request|"
    r"pr|issue|pull|cve|row|line|page|sha\d*|hash|digest|checksum|nonce|tx|txid)s?\b[^\n\w]{0,6}(?:(?:no|nr|nos|number|numbers|id)"
    r"\b[^\n\w]{0,4})?$",
    re.IGNORECASE,
)


_NON_DIGITS = re.compile(r"\D")


def _digits(value: str) -> str:
    return _NON_DIGITS.sub("", value)


def _is_phone(candidate: str) -> bool:
    digits = _digits(candidate)
    if not 9 <= len(digits) <= 15:
        return False
    if _US_NUMBER.fullmatch(candidate):
        return True
    if _DATE_LIKE.search(candidate) or _VERSION_LIKE.match(candidate):
        return False
    if _IP_LIKE.match(candidate):
        return False
    if candidate.count("(") != candidate.count(")"):
        return False
    groups = [g for g in re.split(r"[^\d]+", candidate) if g]
    if candidate.startswith(("+", "(+")):
        # International: +CC then the number, at most one one-digit group after the code.
        return sum(1 for g in groups[1:] if len(g) == 1) <= 1
    if _NATIONAL.match(candidate) and not candidate.startswith(("0.", "0,")):
        # National forms with a trunk 0 (020 7946 0958, 030 1234567, 06-12345678,
        # 01 23 45 67 89, 0044 20 …): at most one one-digit group and a plausible length.
        if sum(1 for g in groups if len(g) == 1) > 1:
            return False
        if len(groups) == 1:  # written together: 0 and an area code, 10 or 11 digits
            return len(digits) in (10, 11) and digits[1] != "0"
        # Zero-padded ids in a row ("0042 0043 0044") are not one phone number.
        return not (len(groups) >= 3 and all(g.startswith("0") for g in groups))
    return False


def _mask_digits(value: str, keep: int) -> str:
    total = sum(ch.isdigit() for ch in value)
    out, seen = [], 0
    for ch in value:
        if ch.isdigit():
            seen += 1
            out.append(ch if seen > total - keep else "*")
        else:
            out.append(ch)
    return "".join(out)


def find_phones(text: str) -> Iterator[Match]:
    for m in _NUMBER_RUN.finditer(text):
        candidate, end = m.group(0), m.end()
        if candidate.endswith(")") and candidate.count(")") > candidate.count("("):
            candidate, end = candidate[:-1], end - 1  # "(tel. 030 1234567)"
        if _is_phone(candidate) and not _ID_CONTEXT.search(text, max(0, m.start() - 40), m.start()):
            yield Match("phone", m.start(), end, _mask_digits(candidate, 2), "a phone number")


# --- payment card numbers --------------------------------------------------------------

_CARD = re.compile(r"(?<![\w.,/#+-])\d(?:[ -]?\d){12,18}(?![\w/]|[.,-]\d)")
_CARD_GROUPS = re.compile(
    r"^\d{4}([ -])\d{4}\1\d{4}\1\d{4}(?:\1\d{1,3})?$"  # 4242 4242 4242 4242
    r"|^\d{4}([ -])\d{6}\2\d{4,5}$"  # 3782 822463 10005 (American Express)
)


def luhn_valid(digits: str) -> bool:
    total = 0
    for index, ch in enumerate(reversed(digits)):
        value = int(ch)
        if index % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def _known_issuer(digits: str) -> bool:
    two, four, six = int(digits[:2]), int(digits[:4]), int(digits[:6])
    n = len(digits)
    return (
        # 13-digit numbers are left out: old 13-digit Visa cards are gone, and EAN-13
        # barcodes (4006381333931) would pass the Luhn check one time in ten.
        (digits[0] == "4" and n in (16, 19))  # Visa
        or (51 <= two <= 55 and n == 16)
        or (2221 <= four <= 2720 and n == 16)  # Mastercard
        or (two in (34, 37) and n == 15)  # American Express
        or ((four == 6011 or two == 65 or 644 <= int(digits[:3]) <= 649) and n in (16, 19))
        or (two in (36, 38, 39) or 300 <= int(digits[:3]) <= 305)
        and n in (14, 16, 19)
        or (3528 <= four <= 3589 and n in (16, 19))  # JCB
        or (two == 62 and 16 <= n <= 19)  # UnionPay
        or ((two == 50 or 56 <= two <= 69) and 16 <= n <= 19 and six > 0)  # Maestro
    )


def find_cards(text: str) -> Iterator[Match]:
    for m in _CARD.finditer(text):
        candidate = m.group(0)
        digits = _digits(candidate)
        if not 13 <= len(digits) <= 19:
            continue
        if not candidate.isdigit() and not _CARD_GROUPS.match(candidate):
            continue
        if (
            luhn_valid(digits)
            and _known_issuer(digits)
            # "sha 4242…", "block 4111…": a hash or an id, whatever its digits
            and not _ID_CONTEXT.search(text, max(0, m.start() - 40), m.start())
        ):
            masked = "**** **** **** " + digits[-4:]
            yield Match("card", m.start(), m.end(), masked, "a payment card number")


# --- IBANs -----------------------------------------------------------------------------

_IBAN = re.compile(
    r"(?<![\w-])[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?(?![\w-])"
)
# Lengths of the IBAN countries (ISO 13616 registry); anything else is not an IBAN.
_IBAN_LENGTHS = {
    "AD": 24,
    "AE": 23,
    "AL": 28,
    "AT": 20,
    "AZ": 28,
    "BA": 20,
    "BE": 16,
    "BG": 22,
    "BH": 22,
    "BR": 29,
    "BY": 28,
    "CH": 21,
    "CR": 22,
    "CY": 28,
    "CZ": 24,
    "DE": 22,
    "DK": 18,
    "DO": 28,
    "EE": 20,
    "EG": 29,
    "ES": 24,
    "FI": 18,
    "FO": 18,
    "FR": 27,
    "GB": 22,
    "GE": 22,
    "GI": 23,
    "GL": 18,
    "GR": 27,
    "GT": 28,
    "HR": 21,
    "HU": 28,
    "IE": 22,
    "IL": 23,
    "IQ": 23,
    "IS": 26,
    "IT": 27,
    "JO": 30,
    "KW": 30,
    "KZ": 20,
    "LB": 28,
    "LC": 32,
    "LI": 21,
    "LT": 20,
    "LU": 20,
    "LV": 21,
    "MC": 27,
    "MD": 24,
    "ME": 22,
    "MK": 19,
    "MR": 27,
    "MT": 31,
    "MU": 30,
    "NL": 18,
    "NO": 15,
    "PK": 24,
    "PL": 28,
    "PS": 29,
    "PT": 25,
    "QA": 29,
    "RO": 24,
    "RS": 22,
    "SA": 24,
    "SC": 31,
    "SE": 24,
    "SI": 19,
    "SK": 24,
    "SM": 27,
    "ST": 25,
    "SV": 28,
    "TL": 23,
    "TN": 24,
    "TR": 26,
    "UA": 29,
    "VA": 22,
    "VG": 24,
    "XK": 20,
}


def iban_valid(compact: str) -> bool:
    if _IBAN_LENGTHS.get(compact[:2]) != len(compact):
        return False
    rearranged = compact[4:] + compact[:4]
    number = "".join(str(int(ch, 36)) for ch in rearranged)
    return int(number) % 97 == 1


def find_ibans(text: str) -> Iterator[Match]:
    for m in _IBAN.finditer(text):
        compact = m.group(0).replace(" ", "")
        if iban_valid(compact):
            masked = f"{compact[:4]} **** **** {compact[-4:]}"
            yield Match("iban", m.start(), m.end(), masked, "an IBAN (bank account number)")


# --- secrets ---------------------------------------------------------------------------

# (what it is, literal hints of which one must occur, pattern, characters shown before
# the mask). The hints skip a pattern cheaply on text that cannot match it.
_SECRETS: tuple[tuple[str, tuple[str, ...], str, int], ...] = (
    (
        "a private key block",
        ("PRIVATE KEY",),
        r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----",
        0,
    ),
    ("an AWS access key id", ("AKIA", "ASIA"), r"\b(?:AKIA|ASIA)[A-Z0-9]{16}\b", 4),
    (
        "a GitHub token",
        ("ghp_", "gho_", "ghu_", "ghs_", "ghr_"),
        r"\bgh[pousr]_[A-Za-z0-9]{30,255}\b",
        4,
    ),
    ("a GitHub token", ("github_pat_",), r"\bgithub_pat_[A-Za-z0-9_]{22,255}\b", 11),
    ("a Slack token", ("xox",), r"\bxox[abprse]-[A-Za-z0-9-]{10,}", 5),
    (
        "a Slack webhook URL",
        ("hooks.slack.com",),
        r"https://hooks\.slack\.com/(?:services|workflows)/[A-Za-z0-9]+/[A-Za-z0-9]+/[A-Za-z0-9]+",
        23,
    ),
    ("a Google API key", ("AIza",), r"\bAIza[0-9A-Za-z_-]{35}(?![\w-])", 4),
    ("a Stripe secret key", ("_live_",), r"\b(?:sk|rk)_live_[0-9A-Za-z]{16,}\b", 8),
    ("a bearer token", ("Bearer",), r"\bBearer[ \t]+[A-Za-z0-9._~+/-]{20,}=*", 7),
    (
        "a JSON web token",
        ("eyJ",),
        r"\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}",
        3,
    ),
)
_SECRET_PATTERNS = tuple(
    (what, hints, re.compile(pattern), shown) for what, hints, pattern, shown in _SECRETS
)
_URL_PASSWORD = re.compile(
    r"\b(?P<scheme>[A-Za-z][A-Za-z0-9+.-]{1,20})://(?P<user>[^\s/:@<>\"'()\[\]]+)"
    r":(?P<password>[^\s/@<>\"'()\[\]]+)@(?P<host>[A-Za-z0-9.-]+)"
)
# Obvious placeholders in documentation: ``https://user:<password>@host``, ``:${TOKEN}@``.
_PLACEHOLDER = re.compile(
    r"^(?:\*+|x+|\.{3}|…|<[^>]*>|\$\{?[A-Za-z_][A-Za-z0-9_]*\}?|\{[^}]*\}|%[A-Za-z_(][^%]*%?"
    r"|password|passwd|secret|token|pass|pwd|changeme)$",
    re.IGNORECASE,
)


def find_secrets(text: str) -> Iterator[Match]:
    for what, hints, pattern, shown in _SECRET_PATTERNS:
        if not any(hint in text for hint in hints):
            continue
        for m in pattern.finditer(text):
            value = m.group(0)
            masked = "-----BEGIN … PRIVATE KEY-----" if shown == 0 else f"{value[:shown]}****…"
            yield Match("secret", m.start(), m.end(), masked, what)
    if "://" not in text or "@" not in text:
        return
    for m in _URL_PASSWORD.finditer(text):
        if _PLACEHOLDER.match(m.group("password")):
            continue
        masked = f"{m.group('scheme')}://{m.group('user')[0]}***:****@{m.group('host')}"
        yield Match("secret", m.start(), m.end(), masked, "a password in a URL")


DETECTORS = {
    "email": find_emails,
    "phone": find_phones,
    "card": find_cards,
    "iban": find_ibans,
    "secret": find_secrets,
}


# Phone, card and IBAN numbers all hold a long run of digits (or an IBAN's country code and
# check digits). One cheap scan finds those runs; the detectors then read only the text
# around them instead of the whole review, which keeps the checker fast on large libraries.
# The scan is the finditer of ``\d(?:[ .()\u00a0-]{0,3}\d){8,}|[A-Z]{2}\d\d``, done as two
# searches (see _candidates): the alternation made the regular expression engine try both
# at every digit and capital letter, which cost twice as much.
_DIGIT_RUN = re.compile(r"\d(?:[ .()\u00a0-]{0,3}+\d){8,}+")  # possessive: same matches
_COUNTRY_AND_CHECK = re.compile(r"[A-Z](?=[A-Z]\d\d)")  # an IBAN's first four characters
_CONTEXT = 80  # characters of context on each side, more than any detector looks at
_SPACE = re.compile(r"\s")


def _candidates(text: str) -> Iterator[tuple[int, int]]:
    """The spans of the digit runs and IBAN starts, leftmost first and never overlapping,
    as one scan for either would find them."""
    run = _DIGIT_RUN.search(text)
    country = _COUNTRY_AND_CHECK.search(text)
    while run is not None or country is not None:
        if country is None or (run is not None and run.start() < country.start()):
            start, end = run.span()  # type: ignore[union-attr]
        else:
            start, end = country.start(), country.start() + 4
        yield start, end
        if run is not None and run.start() < end:
            run = _DIGIT_RUN.search(text, end)
        if country is not None and country.start() < end:
            country = _COUNTRY_AND_CHECK.search(text, end)


def _windows(text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` around the candidates, widened to white space and merged."""
    spans: list[tuple[int, int]] = []
    for found_start, found_end in _candidates(text):
        start, end = _widen(text, found_start - _CONTEXT, found_end + _CONTEXT)
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
        else:
            spans.append((start, end))
    return spans


_REACH = 4 * _CONTEXT  # how far a window may widen to white space, each way


def _widen(text: str, start: int, end: int) -> tuple[int, int]:
    """``text[start:end]`` widened to the white space before and after it, so as not to cut
    through a word or number (a cut could make a part look like a whole), but by at most
    :data:`_REACH` each way: an unbounded search made a long run without white space
    quadratic (each of its candidates searched to the run's end)."""
    start, end = max(0, start), min(len(text), end)
    low, high = max(0, start - _REACH), min(len(text), end + _REACH)
    cut = max(text.rfind(" ", low, start), text.rfind("\n", low, start))
    after = _SPACE.search(text, end, high)
    return (cut + 1 if cut >= 0 else low), (after.start() if after else high)


def _within(
    detector: Callable[[str], Iterator[Match]], text: str, spans: list[tuple[int, int]]
) -> Iterator[Match]:
    for start, end in spans:
        for match in detector(text[start:end]):
            yield replace(match, start=match.start + start, end=match.end + start)


def find_private_data(text: str, allow: tuple[str, ...] = ()) -> list[Match]:
    """Every match of every detector in ``text``, by position. ``allow`` lists email
    addresses and domains that are not personal data.

    Where two detectors match overlapping text (a card number is also a long digit run),
    the earlier-listed, more specific kind wins: secrets, cards, IBANs, emails, phones.
    """
    order = ("secret", "card", "iban", "email", "phone")
    spans = _windows(text)
    found: list[Match] = list(find_secrets(text))
    if spans:
        found += _within(find_cards, text, spans)
        found += _within(find_ibans, text, spans)
    if "@" in text:
        found += find_emails(text, allow)
    if spans:
        found += _within(find_phones, text, spans)
    candidates = sorted(found, key=lambda m: (m.start, order.index(m.kind)))
    kept: list[Match] = []
    for match in candidates:
        if kept and match.start < kept[-1].end:
            if order.index(match.kind) < order.index(kept[-1].kind):
                kept[-1] = match
            continue
        kept.append(match)
    return kept
