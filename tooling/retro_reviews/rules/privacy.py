"""Privacy: personal data and secrets anywhere in a review, shown masked.

One pass over the whole file (front matter and body, HTML comments included: a comment is
not shown on the site but it is in git) reports five rule ids, one per kind of data, so a
team can turn one kind off or allow one occurrence by its id. The findings are errors in a
``visibility: public`` review and warnings in an internal one.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding, Level
from ..model import Review
from ..privacy import find_private_data
from .base import CheckContext, Rule, finding

RULE_FOR_KIND = {
    "email": "privacy-email",
    "phone": "privacy-phone",
    "card": "privacy-card",
    "iban": "privacy-iban",
    "secret": "privacy-secret",
}
_ADVICE = {
    "email": "replace it with a role ('the customer', 'the support inbox')",
    "phone": "replace it with a role or leave it out",
    "card": "remove it; refer to the order or the payment provider's reference instead",
    "iban": "remove it; refer to the refund or the payment provider's reference instead",
    "secret": "remove it and revoke it: once committed it stays in the git history",
}


def level_for_visibility(review: Review) -> Level:
    """An error where the review may be published, a warning where it stays internal."""
    return Level.ERROR if review.is_public else Level.WARNING


def check_privacy(review: Review, ctx: CheckContext) -> Iterator[Finding]:
    text = review.text
    if not text:
        return
    where = "a public review" if review.is_public else "an internal review"
    for match in find_private_data(text, ctx.config.privacy_allow):
        rule = RULE_FOR_KIND[match.kind]
        line = text.count("\n", 0, match.start) + 1
        column = match.start - text.rfind("\n", 0, match.start)
        yield finding(
            review,
            rule,
            f"{match.what} ({match.masked}) in {where}: {_ADVICE[match.kind]}. If it belongs "
            f"here, add `retro-allow: {rule}` in a comment on this line or the line above",
            line,
            column,
        )


_ALLOW = (
    "To keep one occurrence on purpose, put `retro-allow: {id}` in a comment on its line or "
    "the line above: `# retro-allow: {id}` in the front matter, "
    "`<!-- retro-allow: {id} -->` in the body. Findings are errors in a public review and "
    "warnings in an internal one, and show the value masked so CI logs do not spread it."
)


def _rule(rule_id: str, summary: str, help_text: str, *, runs: bool = False) -> Rule:
    return Rule(
        rule_id,
        Level.ERROR,
        summary,
        f"{help_text} {_ALLOW.format(id=rule_id)}",
        check=check_privacy if runs else None,
        level_for=level_for_visibility,
        reads_text_only=True,
    )


RULES = (
    # The first rule runs the one pass that reports all five ids.
    _rule(
        "privacy-email",
        "An email address in a review (error if public, else warning).",
        "Reviews describe customers and colleagues by role, not by address. Role and list "
        "addresses (security@, support@, help@, info@, noreply@, abuse@, postmaster@, "
        "*-announce@, *-security@, vulnerabilities@, mailing-list hosts such as lists.* and "
        "googlegroups.com) are not personal data, nor are image names such as logo@2x.png "
        "and @handles; a team allows more addresses or domains with `privacy: {allow: [...]}`.",
        runs=True,
    ),
    _rule(
        "privacy-phone",
        "A phone number in a review (error if public, else warning).",
        "International numbers (+44 20 7946 0958) and national ones (020 7946 0958, "
        "(555) 234-5678) are found; dates, times, versions, amounts and order or ticket "
        "numbers are not phone numbers.",
    ),
    _rule(
        "privacy-card",
        "A payment card number (error if public, else warning).",
        "14 to 19 digits with a known issuer prefix that pass the Luhn check, written "
        "together or in groups of four.",
    ),
    _rule(
        "privacy-iban",
        "An IBAN (error if public, else warning).",
        "A country code, two check digits and the account, with or without spaces, that "
        "passes the mod-97 check.",
    ),
    _rule(
        "privacy-secret",
        "A secret: private key, API token, password in a URL.",
        "Private key blocks, AWS access key ids, GitHub, Slack, Google and Stripe keys, "
        "Slack webhooks, bearer tokens, JSON web tokens and `scheme://user:password@host` "
        "URLs. Remove the secret and revoke it: git keeps it in the history (see "
        "SECURITY.md).",
    ),
)
