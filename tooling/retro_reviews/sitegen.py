"""The site generator that builds the library: ProperDocs when it is installed, else MkDocs.

ProperDocs is a maintained continuation of MkDocs 1.x that reads ``mkdocs.yml`` and runs
MkDocs plugins; both take the same ``build`` and ``serve`` options. retro runs the one it
finds as ``python -m <name>`` in the project's folder, so the site is the same from any
folder of the project.
"""

from __future__ import annotations

import importlib.util
import os
import signal
import subprocess
import sys
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .config import RetroConfig, lists_retro_plugin, read_site_config, site_plugin_advice
from .errors import RetroError

ENGINES = ("properdocs", "mkdocs")  # the first one installed builds the site
SITE_CONFIG_FILES = ("properdocs.yml", "mkdocs.yml")
# Material's banner about MkDocs 2.0 concerns a version retro never installs (mkdocs<2).
QUIET = {"NO_MKDOCS_2_WARNING": "1"}


@dataclass(frozen=True)
class SiteEngine:
    name: str

    def argv(self, verb: str, config_file: Path, options: Sequence[str]) -> list[str]:
        return [sys.executable, "-m", self.name, verb, "--config-file", str(config_file), *options]


def find_engine() -> SiteEngine:
    """ProperDocs if it is installed, else MkDocs."""
    for name in ENGINES:
        if importlib.util.find_spec(name) is not None:
            return SiteEngine(name)
    raise RetroError("neither ProperDocs nor MkDocs is installed; pip install retro-reviews")


def site_config_file(config: RetroConfig) -> Path:
    """The site's configuration in the project's folder (``properdocs.yml`` or ``mkdocs.yml``)."""
    for name in SITE_CONFIG_FILES:
        path = config.root / name
        if path.is_file():
            return path
    raise RetroError(f"no mkdocs.yml in {config.root}: the site needs one (`retro init` writes it)")


def run_site(
    config: RetroConfig,
    verb: str,
    options: Sequence[str],
    environ: Mapping[str, str] | None = None,
) -> int:
    """Run ``<engine> <verb> <options>`` for the project; its exit code."""
    engine = find_engine()
    config_file = site_config_file(config)
    if not lists_retro_plugin(read_site_config(config_file)):
        raise RetroError(site_plugin_advice(config_file.name))
    env = {**QUIET, **(os.environ if environ is None else environ)}
    try:
        child = subprocess.Popen(engine.argv(verb, config_file, options), cwd=config.root, env=env)
    except OSError as exc:
        raise RetroError(f"cannot run {engine.name}: {exc.strerror or exc}") from None
    with _forwarding_sigterm(child):
        try:
            code = child.wait()
        except KeyboardInterrupt:  # Ctrl-C reached the child too: the usual way to stop serve
            code = child.wait()
            return 0 if code in (0, -signal.SIGINT, 128 + signal.SIGINT) else code
    return 128 - code if code < 0 else code  # killed by a signal: the shell's convention


@contextmanager
def _forwarding_sigterm(child: subprocess.Popen[bytes]) -> Iterator[None]:
    """Stopping retro (SIGTERM, as a process manager does) stops the generator too."""
    try:
        previous = signal.signal(signal.SIGTERM, lambda signum, _frame: child.send_signal(signum))
    except ValueError:  # not the main thread: nothing to forward from
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
