"""The one exception family of the core.

Adapters turn :class:`RetroError` into their own error type: the CLI into a click error
(exit 2, "the command could not run as asked"), the MkDocs plugin into ``PluginError``.
"""

from __future__ import annotations


class RetroError(Exception):
    """Something the user can fix: a bad configuration, a missing template, a refused write."""


class ConfigError(RetroError):
    """The configuration cannot be read or holds a wrong value."""


class TemplateError(RetroError):
    """A review template is missing or cannot be rendered."""


class WriteRefused(RetroError):
    """retro refused to write a file (it exists, or the path leaves the allowed folder)."""


class GitError(RetroError):
    """A git operation could not be carried out (no repository, unknown ref, dirty tree)."""


class BranchRefused(GitError):
    """retro refused to create a branch (it exists, or uncommitted changes would move)."""
