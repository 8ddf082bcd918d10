"""Blaming language in a review: who is made the cause, and what to write instead.

The core of the ``blameless-language`` rule; it knows nothing of findings or the CLI.
"""

from __future__ import annotations

from .detect import Blame, find_blame
from .kinds import KINDS, Kind

__all__ = ["KINDS", "Blame", "Kind", "find_blame"]
