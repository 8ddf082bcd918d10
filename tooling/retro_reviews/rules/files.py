"""Rules about the file itself: readable, with front matter, in the right place."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..findings import Finding, Level
from ..load import parts_under
from ..model import Review
from .base import CheckContext, Rule, at, finding

FILE_NAME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)$")


def check_location(review: Review, ctx: CheckContext) -> Iterator[Finding]:
    """``reviews/<YYYY>/<YYYY-MM-DD>-<slug>.md``, with the date of the ``date`` field."""
    if any(problem.rule == "symlink-outside" for problem in review.problems):
        return  # a link that is not followed has no place to judge
    name_match = FILE_NAME.match(review.id)
    if not name_match:
        yield finding(
            review,
            "file-name",
            f"the file name '{review.path.name}' must be <YYYY-MM-DD>-<slug>.md, the slug "
            "in lowercase letters, digits and '-' (rename it; `retro new` makes the name)",
            1,
        )
    parts = parts_under(review.path, ctx.config.reviews_path)
    if parts is None:
        yield finding(
            review,
            "file-name",
            f"a review lives under {ctx.config.reviews_dir}/<YYYY>/; move this file there",
            1,
        )
        return
    if not name_match:
        return
    year = name_match.group(1)
    if len(parts) != 2 or parts[0] != year:
        yield finding(
            review,
            "file-name",
            f"this review belongs in {ctx.config.reviews_dir}/{year}/{review.path.name}",
            1,
        )
    stated = review.date
    if stated is not None and stated.isoformat() != review.id[:10]:
        line, column = at(review, ("date",))
        yield finding(
            review,
            "file-name",
            f"'date' is {stated.isoformat()} but the file name says {review.id[:10]}; "
            "make them equal (rename the file or fix the date)",
            line,
            column,
        )


RULES = (
    Rule(
        "unreadable-file",
        Level.ERROR,
        "The file cannot be read as UTF-8 text.",
        "A review is a UTF-8 Markdown file. Binary files and other encodings are reported "
        "with the line of the first bad byte, and a file saved as UTF-16 or UTF-32 (as "
        "Windows PowerShell's `>` writes) is named as such; save the file as UTF-8.",
    ),
    Rule(
        "file-too-large",
        Level.ERROR,
        "The file is larger than max_file_bytes.",
        "Files over the configured size (default 2 MB) are not read, so one huge file "
        "cannot slow every check. Split it, or raise max_file_bytes.",
    ),
    Rule(
        "symlink-outside",
        Level.ERROR,
        "A symbolic link in the reviews folder points outside it.",
        "Links that leave the reviews folder are not followed: a build must not publish "
        "files from elsewhere on the machine. Copy the review into the folder.",
    ),
    Rule(
        "misnamed-review",
        Level.ERROR,
        "A Markdown file in the reviews folder does not end in .md.",
        "Reviews are read from `.md` files only, so a review saved as `.markdown`, `.mdown`, "
        "`.mkd`, `.mkdn` or `.MD` would be left out of every check and of the site without "
        "a word. Rename it to `.md`. README and index files are not reviews, whatever "
        "their suffix, and are left alone.",
    ),
    Rule(
        "front-matter-missing",
        Level.ERROR,
        "The file has no (closed) front matter.",
        "A review starts with a line '---', the YAML fields, and a closing '---'.",
    ),
    Rule(
        "yaml-syntax",
        Level.ERROR,
        "The front matter is not valid YAML.",
        "The message names the line and column in the file. Quote texts that contain ': ' "
        "or start with a special character, and indent the keys of one mapping with the "
        "same number of spaces.",
    ),
    Rule(
        "yaml-too-complex",
        Level.ERROR,
        "The front matter is nested too deeply or expands too far.",
        "Aliases that repeat values thousands of times and deep nesting are refused, so no "
        "file can exhaust the checker.",
    ),
    Rule(
        "duplicate-key",
        Level.ERROR,
        "A field is set twice in the front matter.",
        "YAML keeps only the last value of a repeated key, so the first is silently lost.",
    ),
    Rule(
        "front-matter-type",
        Level.ERROR,
        "The front matter is not a mapping of fields.",
        "The front matter must be `field: value` lines, not a list or a single value.",
    ),
    Rule(
        "file-name",
        Level.ERROR,
        "The file is not at reviews/<YYYY>/<YYYY-MM-DD>-<slug>.md matching its date.",
        "The id of a review is its file name; the date in the name must equal the `date` "
        "field and the year folder must match.",
        check=check_location,
        reads_text_only=True,
    ),
)
