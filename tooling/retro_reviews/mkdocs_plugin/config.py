"""The ``retro`` plugin's options in ``mkdocs.yml``: the same names as ``retro.yml``."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class RetroPluginConfig(Config):
    """Each option defaults to ``None`` ("not set here"), so that ``retro.yml`` beside
    ``mkdocs.yml`` may set it instead; :func:`retro.config.config_from_mapping` validates."""

    enabled = c.Type(bool, default=True)
    reviews_dir = c.Optional(c.Type(str))
    templates_dir = c.Optional(c.Type(str))
    kinds = c.Optional(c.Type(list))
    severities = c.Optional(c.Type(list))
    tags = c.Optional(c.Type(list))
    extra_fields = c.Optional(c.Type((dict, list)))
    blameless = c.Optional(c.Type(dict))
    rules = c.Optional(c.Type(dict))
    max_file_bytes = c.Optional(c.Type(int))
    show_status = c.Optional(c.Type(list))
    public = c.Optional(c.Type(bool))
