"""``retro import``: bring existing postmortems into the library, without losing a word.

The parts, in the order a document goes through them:

* :mod:`.reading`: finding documents, decoding them (UTF-8, else a stated fallback), refusing
  what leads outside the project, skipping binary and huge files;
* :mod:`.foreign`: another tool's front matter (YAML or TOML);
* :mod:`.outline` and :mod:`.synonyms`: headings of every style, and what each one means;
* :mod:`.metadata` and :mod:`.dates`: dates, authors, severity... wherever they are written;
  :mod:`retro_reviews.zones`: time zones, never guessed; :mod:`.dating`: which day a review gets;
* :mod:`.blocks` and :mod:`.structure`: tables, lists, action items, timeline events, links;
* :mod:`.placeholders`: template leftovers, reported and kept out of the fields;
* :mod:`.build`: one document into one review (front matter + the body as written);
* :mod:`.run`: writing the reviews and :mod:`.report`: what happened, as text or JSON.
"""

from __future__ import annotations

from .report import ImportReport, render_json, render_text
from .run import STATUSES, ImportRequest, import_documents

__all__ = [
    "STATUSES",
    "ImportReport",
    "ImportRequest",
    "import_documents",
    "render_json",
    "render_text",
]
