"""The ``retro`` plugin's options in ``mkdocs.yml``: built from the one options table
(:data:`retro_reviews.config.OPTIONS`), so they are the same names as ``retro.yml``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from ..config import OPTIONS


class _RetroPluginConfigBase(Config):
    enabled = c.Type(bool, default=True)


def _plugin_config() -> type[Config]:
    """Each option defaults to ``None`` ("not set here"), so that ``retro.yml`` beside
    ``mkdocs.yml`` may set it instead; :func:`retro_reviews.config.config_from_mapping`
    validates."""
    options: dict[str, Any] = {
        option.name: c.Optional(c.Type(option.types if len(option.types) > 1 else option.types[0]))
        for option in OPTIONS
    }
    return type("RetroPluginConfig", (_RetroPluginConfigBase,), options)


if TYPE_CHECKING:  # the options are read by name, as a mapping; mypy needs a class here
    RetroPluginConfig = _RetroPluginConfigBase
else:
    RetroPluginConfig = _plugin_config()
