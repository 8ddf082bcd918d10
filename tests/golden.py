"""Golden files: generated output compared with a file kept in tests/golden/.

Regenerate on purpose with ``RETRO_UPDATE_GOLDEN=1 pytest tests/...``, then read the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

GOLDEN = Path(__file__).parent / "golden"


def assert_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("RETRO_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.is_file(), f"{path} is missing; run with RETRO_UPDATE_GOLDEN=1 to write it"
    assert text == path.read_text(encoding="utf-8"), (
        f"output differs from {path.relative_to(GOLDEN.parent.parent)}; if the change is "
        "intended, regenerate with RETRO_UPDATE_GOLDEN=1 and review the diff"
    )
