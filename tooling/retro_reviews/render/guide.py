"""/guide/: how to write a review here, generated from the schema and the rules so it never
drifts from what ``retro check`` enforces."""

from __future__ import annotations

from ..config import RetroConfig
from ..rules import RULES
from ..rules.blameless import phrases_for
from ..schema import field_reference_rows
from ..templates import required_sections
from .escape import md_text, md_trusted

WORKFLOW = """\
## The workflow

A review is a Markdown file in `{reviews}/<YYYY>/`, written and discussed in a pull request
like any other change.

1. **Start it** with `retro new "What happened, in a few words" --kind <kind>`. The file name
   is the date and a slug made from the title, for example
   `{reviews}/2026/2026-03-14-wrong-guest-intro.md`; that name (without `.md`) is the review's
   id. There is no counter, so two pull requests never take the same id.
2. **Fill it in** while memories are fresh. Keep `status: draft` while you write: missing
   answers are only warnings then, so you can push early and ask for help.
3. **Open a pull request.** CI runs `retro check` and builds a preview of the library with
   `RETRO_SHOW_STATUS=in-review,published,imported`, so reviewers read the review under
   review as it will look, with an *In review* badge (`show_status` sets it for every build).
4. **Discuss it** with the people involved. Change `status` to `in-review`: from then on every
   field and section must be complete, and `retro check` says exactly what is missing.
5. **Publish it**: set `status: published` and merge. The review appears in the library, its
   checklist changes update the checklists, its action items join the action list.
6. **Follow up**: mark action items `done` as they are finished. `retro check` warns about
   open items past their due date; `retro actions --overdue` lists them, `retro digest
   --since <date>` prepares the weekly review meeting, and `retro statement <id>` drafts the
   message to the customers a review is about.

Reviews are `internal` unless they say `visibility: public`; a public build of the library
leaves every internal review out entirely.

The fields that are sentences (what went wrong, the impact and cost, the root cause and
contributing factors, timeline events, how it was found, the customer response, why no
checklist changed, action items, lessons) may use inline Markdown: `` `code` ``,
`**bold**`, `*emphasis*` and links (`[status page](https://...)`). Titles, names, areas and
tags are plain text, and HTML shows as written everywhere.

A postmortem written before the library (in a wiki, a document, a ticket) comes in with
`status: imported`: it is kept as written. Names, secrets and the always-rules are checked as
for any review; missing answers and blaming phrases are only warnings, `severity` may be left
out, and only action items with a due date can be overdue. `retro import PATH...` brings such
postmortems in (files or folders of Markdown, whatever template they followed): each becomes
one review, its fields filled from its sections, its text kept word for word under its own
headings, and its `source` naming the document it came from. Its page shows each thing
once: a section whose words all went into a field is shown in the field's place only.

### Checking before you push, and in CI

- `retro check` checks the whole library; `retro check {reviews}/2026` or a file checks less
  (the rules that span the library still see every review). Exit code 0 means no errors.
- `retro check --changed` checks only what your branch adds or changes against the main
  branch (`--base REF` to name another), including files you have not committed yet. It also
  catches an id that the main branch already has.
- In CI, `--format github` turns findings into annotations on the pull request,
  `--format sarif` feeds code scanning and `--format junit` feeds GitLab's test reports.
  `retro init` writes the CI file of your forge (GitHub or GitLab, found from the git
  remote), the pull-request template and a pre-commit hook.
- `retro serve` shows the library as it will look while you write, rebuilt on each save;
  `retro build` writes it into `site/`. Both run `retro check` first.
- To keep a flagged phrase or address on purpose (a quotation, the support address the team
  publishes), put `retro-allow: <rule-id>` in a comment on its line or the line above. A
  marker that keeps nothing where it stands (or names no rule) is reported
  (`misplaced-allow`), so it never silently does nothing.
"""

FINDING = """\
## Finding a review

The library lists every review by date, area and tag; its checklists name the review behind
each item, and its action list shows what is still open. To find a review by its words,
press `/` or `s` (or click the search box in the header) and type: the best matches come
first, each with its date, kind and severity and the words found in context. No word is
needed: with the box focused, pick a filter (kind, severity, area, tag, status or year) to
list those reviews newest first, each with what went wrong in short. The arrow keys move
through the results, Enter opens one and Escape closes the list. To share a search, link
to a page of the library with `?q=` and the words (`?q=marmalade`): it opens with that
search.
"""

EXAMPLES: dict[str, tuple[str, str]] = {
    "human error": (
        "The outage was caused by human error during the deploy.",
        "The deploy script accepted a config file for the wrong environment without a prompt.",
    ),
    "should have": (
        "The editor should have listened to the final cut before publishing.",
        "The publishing checklist had no step to listen to the final cut, and the deadline "
        "left ten minutes for it.",
    ),
    "caused": (
        "The engineer caused the outage by restarting the wrong cluster.",
        "The restart meant for the test cluster reached production: both clusters had the "
        "same name in the console, and the command asked for no confirmation.",
    ),
    "careless": (
        "A careless packer put the wrong jumper in the box.",
        "Two look-alike colours shared neighbouring bins and the packing slip showed no colour.",
    ),
    "negligence": (
        "Negligence in the billing team let the run start twice.",
        "The billing scheduler allowed a second run to start while the first was still open.",
    ),
    "fault of": (
        "The missing region was the fault of the analyst who built the export.",
        "The export query listed regions by hand, and the new region was added elsewhere.",
    ),
    "blame": (
        "Support is to blame for the five-day silence.",
        "The escalation queue had no owner during the holiday rota, so nobody saw the ticket.",
    ),
    "failed to": (
        "The on-call engineer failed to check the dashboard.",
        "The alert went to a channel that was muted overnight; the dashboard showed the errors.",
    ),
    "lazy": (
        "A lazy review of the newsletter let the test link through.",
        "The preview tool showed the links' text, not their targets.",
    ),
    "incompetent": (
        "An incompetent new hire changed the wrong setting.",
        "Two settings with similar names sat side by side, and the onboarding guide named neither.",
    ),
    "stupid": (
        "It was a stupid mistake to reuse last week's file.",
        "Last week's audio file had the same name pattern as this week's and sat in the "
        "same folder.",
    ),
    "rushed": (
        "The new hire rushed the price update before the sale.",
        "The price update was scheduled an hour before the sale, and the tool had no preview "
        "of the prices it would change.",
    ),
    "dropped the ball": (
        "The warehouse dropped the ball on the restock.",
        "The restock happened in a rush before the promotion, with no check of the bin labels.",
    ),
    "not paying attention": (
        "The producer was not paying attention to the guest list.",
        "The intro was recorded from a draft schedule that looked the same as the final one.",
    ),
}


def render_guide(config: RetroConfig) -> str:
    reviews = config.reviews_dir.strip("/")
    return "\n".join(
        [
            "# How to write a review\n",
            "A review describes a mistake so that the whole organisation learns from it: what "
            "happened, what it did to customers, the conditions that made it possible, and what "
            "changes now. It names no one to blame: people keep reporting mistakes only when "
            "reporting is safe.\n",
            WORKFLOW.format(reviews=reviews),
            FINDING,
            _fields(config),
            _sections(config),
            _language(config),
            _rules(),
        ]
    )


def _fields(config: RetroConfig) -> str:
    rows = ["| Field | Type | Required | Meaning |", "|---|---|---|---|"]
    for name, kind, when, meaning in field_reference_rows(config):
        # The schema's own texts use `code`: their HTML is escaped, their code spans kept.
        cells = (f"`{name}`", md_trusted(kind), md_trusted(when), md_trusted(meaning))
        rows.append("| " + " | ".join(c.replace("|", "&#124;") for c in cells) + " |")
    return (
        "## The fields\n\n"
        "The front matter (the YAML between the `---` lines) holds the facts the library "
        "shows and counts. *Required* says when a field must be filled in: `always`, or "
        "`complete` (at `in-review` and `published`). This table is generated from the "
        "schema `retro check` uses.\n\n" + "\n".join(rows) + "\n"
    )


def _sections(config: RetroConfig) -> str:
    rows = ["| Kind | Sections a complete review needs | Other headings that answer them |"]
    rows.append("|---|---|---|")
    for kind in config.kinds:
        sections = required_sections(config, kind) or ()
        names = ", ".join(md_text(s.name) for s in sections) or "none"
        synonyms = "; ".join(
            f"{md_text(s.name)}: {', '.join(md_text(x) for x in s.synonyms)}"
            for s in sections
            if s.synonyms
        )
        rows.append(f"| `{kind}` | {names} | {synonyms or '-'} |")
    return (
        "## The body\n\n"
        "The body holds the story that fields cannot. A body section never restates a field: "
        "the site shows the summary, root cause, customer response, checklist changes and "
        "action items from the front matter, once, in a fixed place.\n\n"
        "A section is found under a heading of level 1 to 3 (`#`, `##`, `###`, or a line "
        "underlined with `===` or `---`) whose text matches its name or one of the other "
        "headings below, ignoring case, leading numbering or emoji and a trailing qualifier: "
        "`## 2. Timeline (all times PST)` answers Timeline. A section holding only its "
        "prompt, or only a placeholder (TBD, TODO, N/A, NA, ?, -, ..., none yet), is "
        "unanswered; so is a field holding only a placeholder.\n\n"
        "Where a fact does not exist, say so instead of inventing it: `no_checklist_change` "
        "says why no checklist changes, `customer_response.not_contacted` why customers were "
        "not told.\n\n" + "\n".join(rows) + "\n"
    )


def _language(config: RetroConfig) -> str:
    out = [
        "## Blameless language\n",
        "Write about conditions, not people. Hindsight makes any choice look wrong; ask "
        "instead what made the action reasonable at the time (the tool, the layout, the "
        "deadline, the missing step) and what would make the safe action the easy one. "
        "`retro check` flags language that makes a person the cause, in the front matter "
        "and in the body: a person (a name, an @handle, he, she, I, you, or a role such as "
        "'the on-call engineer') as the subject of 'forgot to', 'failed to', 'did not', "
        "'missed', 'should have' and their kin; fault or blame laid on a person; 'human "
        "error'; judgements of people; and haste laid on a person ('rushed the migration'). "
        "It does not flag systems and things as subjects "
        "('the job failed to start'), passives about things, 'we' (the team owning a gap), "
        "refusals of blame ('nobody is to blame'), quotations, code or HTML comments. The "
        "findings are warnings while a review is a draft or imported, errors from "
        "`in-review` on.\n",
        "To keep a phrase in one place (how a ticket was closed at the time, say), put "
        "`<!-- retro-allow: blameless-language -->` on that line or the line above.\n",
    ]
    for phrase in phrases_for(config):
        out.append(f"### “{md_text(phrase.name)}”\n")
        out.append(f"Why: {md_text(phrase.why)}. Instead: {md_text(phrase.suggest)}.\n")
        example = EXAMPLES.get(phrase.name)
        if example:
            out.append(f"- Before: *{md_text(example[0])}*")
            out.append(f"- After: *{md_text(example[1])}*\n")
    return "\n".join(out)


def _rules() -> str:
    rows = ["| Rule | Level | What it checks |", "|---|---|---|"]
    for rule in RULES:
        rows.append(f"| `{rule.id}` | {rule.level.value} | {md_trusted(rule.summary)} |")
    # Rules' texts are the project's own Markdown (with `code`): any HTML in them is shown
    # as text, never inserted (a summary holding ``<script>`` once swallowed the page).
    details = "\n".join(f"**`{rule.id}`**: {md_trusted(rule.help)}\n" for rule in RULES)
    return (
        "## What `retro check` checks\n\n"
        "Run `retro check` before you push; CI runs it on every pull request. A rule's level "
        "can be changed in the configuration (`rules: {rule-id: warning}`).\n\n"
        + "\n".join(rows)
        + "\n\n"
        + details
    )
