"""The ``retro-allow`` markers themselves: one that keeps nothing is reported.

The checker applies the markers while it settles each review's findings (see
:func:`retro_reviews.check.settle`), so this rule has no check of its own.
"""

from __future__ import annotations

from ..findings import Level
from .base import Rule

RULES = (
    Rule(
        "misplaced-allow",
        Level.WARNING,
        "A `retro-allow` marker keeps nothing where it is.",
        "A marker keeps a finding of the rule it names on its own line or the line below. "
        "Written anywhere else (on the `status:` line of an action item for "
        "`overdue-action`, say), or naming a rule that does not exist, it would silently "
        "do nothing; this says so, so the marker can be moved or removed.",
    ),
)
