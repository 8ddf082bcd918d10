"""Which forge hosts a repository (GitHub, GitLab or neither), read from its git remote."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

FORGES = ("github", "gitlab", "none")
FORGE_NAMES = {"github": "GitHub", "gitlab": "GitLab", "none": "no forge"}

# scheme://[user@]host[:port]/...  or the scp-like user@host:path
_URL_HOST = re.compile(r"^[a-z][a-z0-9+.-]*://(?:[^@/]*@)?(?P<host>[^/:]+)", re.IGNORECASE)
_SCP_HOST = re.compile(r"^(?:[^@/]+@)?(?P<host>[^/:]+):(?!//)")


@dataclass(frozen=True)
class Forge:
    """The forge ``name`` (one of :data:`FORGES`) and how it was found, for people."""

    name: str
    reason: str

    @property
    def title(self) -> str:
        return FORGE_NAMES[self.name]


def remote_host(url: str) -> str | None:
    """The host name of a git remote URL (``https://``, ``ssh://`` or ``git@host:path``)."""
    url = url.strip()
    match = _URL_HOST.match(url) or _SCP_HOST.match(url)
    return match.group("host").lower() if match else None


def forge_of_host(host: str) -> str:
    """``github`` or ``gitlab`` when the host name says so (self-hosted ones too), else none."""
    labels = host.split(".")
    for name in ("github", "gitlab"):
        if name in labels:
            return name
    return "none"


def detect_forge(folder: Path) -> Forge:
    """The forge of the git repository holding ``folder``, from the remote ``origin``."""
    from .gitrepo import remote_url  # GitPython is imported only when it is needed

    found = remote_url(folder)
    if found is None:
        return Forge("none", "no git remote")
    remote, url = found
    host = remote_host(url)
    if host is None:
        return Forge("none", f"the remote {remote} has no host name")
    return Forge(forge_of_host(host), f"from the remote {remote} ({host})")
