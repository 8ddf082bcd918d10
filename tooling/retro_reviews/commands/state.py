"""The CLI state and the exit-2 error, which every command (``retro check`` too) needs.

Kept apart from :mod:`.base` so that the ``retro`` group can be set up without the
follow-through views and rich that the listing commands use.
"""

from __future__ import annotations

from pathlib import Path

import click

from ..config import RetroConfig, load_config
from ..errors import RetroError


class CommandFailed(click.ClickException):
    """The command could not run as asked (exit 2): configuration, paths, options."""

    exit_code = 2


class State:
    """The ``retro`` group's options, and the configuration read once when first needed."""

    def __init__(self, config_file: Path | None) -> None:
        self.config_file = config_file
        self._config: RetroConfig | None = None

    @property
    def config(self) -> RetroConfig:
        if self._config is None:
            try:
                self._config = load_config(config_file=self.config_file)
            except RetroError as exc:
                raise CommandFailed(str(exc)) from None
        return self._config
