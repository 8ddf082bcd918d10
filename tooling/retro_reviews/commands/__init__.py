"""The follow-through commands of the ``retro`` CLI, one module per command group.

Each module defines click commands over the core (:mod:`retro_reviews.follow`); ``cli.py``
registers :data:`FOLLOW_THROUGH` on the ``retro`` group. They are named here, not imported:
a command's module (with the follow-through views and rich behind it) is imported only
when the command runs or is listed, so that ``retro check`` starts without them.
"""

from __future__ import annotations

# command name -> (module of this package, attribute)
FOLLOW_THROUGH = {
    "list": ("reviews", "list_command"),
    "show": ("reviews", "show_command"),
    "actions": ("actions", "actions_command"),
    "checklist": ("checklist", "checklist_command"),
    "statement": ("statement", "statement_command"),
    "stats": ("stats", "stats_command"),
    "export": ("export", "export_command"),
    "digest": ("digest", "digest_command"),
}
