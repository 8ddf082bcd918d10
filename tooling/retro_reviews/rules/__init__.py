"""The rules of ``retro check``, registered in one list.

Output formats, ``retro rules`` and the site's guide all read :data:`RULES`; adding a rule
means adding it to a module's ``RULES`` tuple (and a new module to the list below).
"""

from __future__ import annotations

from . import (
    allow_markers,
    blameless,
    completeness,
    files,
    integrity,
    privacy,
    schema_rules,
    unsafe_html,
)
from .base import CheckContext, Rule

RULES: tuple[Rule, ...] = (
    *files.RULES,
    *schema_rules.RULES,
    *completeness.RULES,
    *integrity.RULES,
    *blameless.RULES,
    *privacy.RULES,
    *unsafe_html.RULES,
    *allow_markers.RULES,
)
RULES_BY_ID: dict[str, Rule] = {rule.id: rule for rule in RULES}

__all__ = ["RULES", "RULES_BY_ID", "CheckContext", "Rule"]
