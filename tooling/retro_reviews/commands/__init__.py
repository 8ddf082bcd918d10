"""The follow-through commands of the ``retro`` CLI, one module per command group.

Each module defines click commands over the core (:mod:`retro_reviews.follow`); ``cli.py``
registers :data:`FOLLOW_THROUGH` on the ``retro`` group.
"""

from __future__ import annotations

from .actions import actions_command
from .checklist import checklist_command
from .digest import digest_command
from .export import export_command
from .reviews import list_command, show_command
from .statement import statement_command
from .stats import stats_command

FOLLOW_THROUGH = (
    list_command,
    show_command,
    actions_command,
    checklist_command,
    statement_command,
    stats_command,
    export_command,
    digest_command,
)
