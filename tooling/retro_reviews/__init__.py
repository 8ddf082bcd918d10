"""retro: blameless post-incident reviews kept as Markdown in git."""

from __future__ import annotations

__version__ = "0.2.0"
DISTRIBUTION = "retro-reviews"  # the name on the package index (pyproject.toml's project.name)
