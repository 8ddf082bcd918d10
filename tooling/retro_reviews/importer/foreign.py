"""Another tool's front matter (Jekyll, Hugo, a wiki export): YAML between ``---`` lines or
TOML between ``+++`` lines, read with python-frontmatter.

python-frontmatter's own TOML handler needs the third-party ``toml`` package; the one here
reads TOML with the standard library's ``tomllib`` instead.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from typing import Any

import frontmatter
import yaml
from frontmatter.default_handlers import BaseHandler, YAMLHandler


class _TomlHandler(BaseHandler):
    FM_BOUNDARY = re.compile(r"^\+{3,}\s*$", re.MULTILINE)
    START_DELIMITER = END_DELIMITER = "+++"

    def load(self, fm: str, **kwargs: Any) -> Any:
        return tomllib.loads(fm)

    def export(self, metadata: Any, **kwargs: Any) -> str:  # pragma: no cover - never written
        raise NotImplementedError


_HANDLERS = (YAMLHandler(), _TomlHandler())


@dataclass
class ForeignFrontMatter:
    """The metadata of the original's front matter, and the body after it."""

    data: dict[str, Any] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1  # file line of the body's first line
    format: str = ""  # "YAML", "TOML" or "" (none)
    raw: str = ""  # the front matter's lines, as written
    problem: str = ""  # why a front matter that looked like one could not be read


def read_front_matter(text: str) -> ForeignFrontMatter:
    """Split a leading front matter off ``text``; a broken one stays in the body, reported."""
    handler = frontmatter.detect_format(text, _HANDLERS)
    if handler is None:
        return ForeignFrontMatter(body=text)
    name = "TOML" if isinstance(handler, _TomlHandler) else "YAML"
    lines = text.split("\n")
    boundary = re.compile(r"^\+{3,}\s*$" if name == "TOML" else r"^-{3,}\s*$")
    closing = next((i for i in range(1, len(lines)) if boundary.match(lines[i])), None)
    if closing is None:
        return ForeignFrontMatter(
            body=text, problem=f"its {name} front matter opened on line 1 is never closed"
        )
    try:
        raw, _content = handler.split(text)
        # The pure-Python loader: libyaml recurses without a limit on deeply nested input.
        data = yaml.load(raw, Loader=yaml.SafeLoader) if name == "YAML" else handler.load(raw)
    except RecursionError:
        return ForeignFrontMatter(
            body=text, problem=f"its {name} front matter is nested too deeply"
        )
    except (ValueError, yaml.YAMLError, tomllib.TOMLDecodeError) as exc:
        return ForeignFrontMatter(
            body=text, problem=f"its {name} front matter cannot be read: {exc}"
        )
    if not isinstance(data, dict):
        # Prose between two rules ("---"), not front matter: it all stays in the body.
        return ForeignFrontMatter(body=text)
    # The body starts after the closing delimiter: count the lines it took.
    body = "\n".join(lines[closing + 1 :])
    raw_lines = "\n".join(lines[1:closing])
    return ForeignFrontMatter(data, body, closing + 2, name, raw=raw_lines)
