"""One review's page, read top to bottom as a story.

The order: the title with a header card (kind, severity, status, date, time to detect and to
resolve, customers affected, areas, tags as chips, authors); what went wrong and the impact;
the timeline (under the body's own "Timeline" heading when the body has one); the
narrative from the body, as written; the root cause and contributing
factors; how the mistake was found; the customer response; what changed (checklist changes,
each linked to the checklist as it stands now, and the action items); the lessons; links and
related reviews. Each fact appears once: an imported review's body sections that restate
a field are left out of its page (see :mod:`retro_reviews.render.restated`).

The generated parts, headings included, are raw HTML blocks (see
:mod:`retro_reviews.render.page`) before and after the body as written; the adapter converts
the page the ordinary way, lists the generated headings in its table of contents and
sanitises the whole review page.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime

from ..model import ChecklistChange, Review
from ..stats import time_to_detect, time_to_resolve
from .actions import ActionRow, action_table, http_url, open_first
from .context import SiteContext
from .escape import html_inline, html_line, html_link
from .formatting import badge, day, duration, status_badge
from .page import Block, anchor, heading, region

# The last line of a review page's story when a body follows: a marker (hidden by the
# stylesheet) between the generated story and the body as written.
BODY_START = '<hr class="retro-body-start">'

# The facts at a glance: a search index leaves them out (they are its filters and the facts
# shown with a result, see retro.search_index), so that an excerpt shows what was written.
SUMMARY_CLASS = "retro-summary"

# Other reviews' titles, listed as related: left out of the search index too, so that a
# search for a review's words finds that review, not every review that links to it (and
# each word's part of the index is not swollen by the titles of a page's neighbours).
RELATED_CLASS = "retro-related"

CUSTOMER_RESPONSE = (
    ("acknowledged", "Customers told"),
    ("apology", "Apology"),
    ("remedy", "Remedy"),
    ("goodwill", "Goodwill"),
)
FOUND_BY = {
    "monitoring": "Found by monitoring",
    "customer": "Found by a customer",
    "staff": "Found by staff",
    "partner": "Found by a partner",
    "audit": "Found in an audit",
    "other": "Found another way",
}
MILESTONES = (("started", "Started"), ("detected", "Detected"), ("resolved", "Resolved"))

# The sections, in page order, by heading id (the body's own sections come after TIMELINE).
WHAT_WENT_WRONG, TIMELINE = "what-went-wrong", "timeline"
ROOT_CAUSE, FOUND, CUSTOMERS = "root-cause", "how-it-was-found", "customer-response"
CHANGED, LESSONS = "what-changed", "lessons"


def review_page_blocks(review: Review, ctx: SiteContext) -> tuple[dict[str, object], list[Block]]:
    """The front matter of ``review``'s page (see :func:`retro_reviews.render.links.review_uri`)
    and its Markdown in blocks: the generated story
    and conclusions around the body as written (only ever Markdown, whatever it holds)."""
    uri = ctx.uri(review)
    meta: dict[str, object] = {"title": review.title}
    if review.tags:
        # The header card shows the tags (linked to the tags page). They stay in the front
        # matter for a site that also runs Material's tags plugin, whose own row of tags is
        # then hidden.
        meta["tags"] = [html_line(t) for t in ctx.shown_names("tag", review.tags)]
        meta["hide"] = ["tags"]
    body = review.body
    if isinstance(review.meta.get("source"), dict):
        # Imported: sections that say again what a field says are shown once, in the
        # field's place (the module loads the importer, so only for such a review).
        from .restated import shown_body

        body = shown_body(review, ctx.import_sections)
    body = body.strip("\n")
    events = _timeline(review)
    # A body with its own "Timeline" section (as the templates' bodies have) gets the events
    # under that heading, not under a second "Timeline" before the body.
    own = _timeline_heading(body) if events else None
    opening = [
        heading(1, anchor(review.title, "review"), html_line(review.title)),
        _header(review, ctx, uri),
        *_story(review, "" if own is not None else events),
    ]
    closing = _conclusions(review, ctx, uri)
    if not body.strip():
        return meta, [_generated(region("\n".join([*opening, *closing])))]
    opening.append(BODY_START)
    blocks = [_generated(region("\n".join(opening)) + "\n")]
    if own is not None:
        blocks.append(Block(body[:own] + "\n"))
        blocks.append(_generated("\n" + region(events) + "\n"))
        body = body[own:].lstrip("\n")
    if body.strip():
        blocks.append(Block(body + "\n"))
    if closing:
        blocks.append(_generated("\n" + region("\n".join(closing))))
    return meta, blocks


# A level-2 ATX heading reading "Timeline" (closing #s allowed).
_TIMELINE_HEADING = re.compile(r"##[ \t]+timeline[ \t]*#*[ \t]*", re.IGNORECASE)
_FENCE = re.compile(r"[ ]{0,3}(`{3,}|~{3,})")


def _timeline_heading(body: str) -> int | None:
    """Where the line after ``body``'s own ``## Timeline`` heading starts: a heading at the
    start of a line, after a blank line (or first), outside code fences and comments, with
    no raw HTML before it, so that cutting the body there splits no Markdown construct.
    ``None`` when there is no such heading."""
    fence = ""  # the open code fence's marker
    in_comment = False
    blank_before = True
    at = 0
    for line in body.splitlines(keepends=True):
        text = line.rstrip("\r\n")
        stripped = text.strip()
        if in_comment:
            in_comment = "-->" not in text
        elif fence:
            closing = _FENCE.match(text)
            if closing and closing.group(1).startswith(fence) and not text[closing.end() :].strip():
                fence = ""
        elif found := _FENCE.match(text):
            fence = found.group(1)
        elif stripped.startswith("<!--"):
            in_comment = "-->" not in stripped[4:]
        elif stripped.startswith("<"):
            return None  # raw HTML before it: Markdown may read on past a blank line
        elif blank_before and _TIMELINE_HEADING.fullmatch(text):
            return at + len(line)
        blank_before = not stripped
        at += len(line)
    return None


# --------------------------------------------------------------------------- the header card


def _header(review: Review, ctx: SiteContext, uri: str) -> str:
    facts = [
        ("Kind", _facet_links(review, ctx, uri, "kind")),
        ("Severity", _facet_links(review, ctx, uri, "severity")),
        ("Status", _status(review.status)),
        ("Date", day(review.date)),
        ("Time to detect", duration(time_to_detect(review))),
        ("Time to resolve", duration(time_to_resolve(review))),
        ("Customers affected", _count(review.customers_affected)),
        ("Areas", _facet_links(review, ctx, uri, "area")),
    ]
    shown = "".join(f"<div><dt>{k}</dt><dd>{v}</dd></div>" for k, v in facts if v != "–")
    out = [f'<div class="retro-header {SUMMARY_CLASS}">', f'<dl class="retro-facts">{shown}</dl>']
    if review.tags:
        chips = "".join(
            f'<a class="retro-chip" href="{html_line(ctx.tag_href(uri, shown))}">{html_line(t)}</a>'
            for shown, t in ctx.shown_names("tag", review.tags).items()
        )
        out.append(f'<p class="retro-chips">{chips}</p>')
    byline = _byline(review, ctx)
    if byline:
        out.append(f'<p class="retro-byline">{byline}</p>')
    out.append("</div>")
    return "\n".join(out)


def _status(status: str) -> str:
    """The status once: a badge while not published (never "draft Draft")."""
    if status == "imported":
        return badge("Imported", "imported")
    return status_badge(status) or html_line(status.capitalize())


def _facet_links(review: Review, ctx: SiteContext, uri: str, facet: str) -> str:
    links = []
    written: dict[str, str] = {}  # one link per page ("Checkout" and "checkout" are one area)
    for value in ctx.facet_values(review, facet):
        written.setdefault(ctx.facet_name(facet, value), value)
    for value in written.values():
        target = ctx.facet_page(facet, value)
        links.append(html_link(value, ctx.href(uri, target)) if target else html_line(value))
    return ", ".join(links) or "–"


def _byline(review: Review, ctx: SiteContext) -> str:
    parts = []
    if review.authors:
        parts.append("Written by " + ", ".join(html_line(a) for a in review.authors))
    if review.responders:
        parts.append("Responders: " + ", ".join(html_line(r) for r in review.responders))
    parts.append(_last_changed(review, ctx))
    return " · ".join(p for p in parts if p)


def _last_changed(review: Review, ctx: SiteContext) -> str:
    """The latest commit that changed the review's content (see
    :func:`retro_reviews.gitrepo.last_changes`); nothing when the site has no git history."""
    fact = ctx.git_facts.get(review.relpath)
    if fact is None:
        return "Not committed yet" if ctx.git_facts else ""
    text = f"Last changed {fact.when.date().isoformat()}"
    if fact.author:
        text += f" by {html_line(fact.author)}"
    if fact.commit:
        # Not in a public build: a subject is written for the repository, and may name an
        # internal review or a customer.
        shown = fact.subject and not ctx.config.public
        subject = f' title="{html_line(fact.subject)}"' if shown else ""
        text += f" in commit <code{subject}>{html_line(fact.commit)}</code>"
    return text


def _count(value: int | None) -> str:
    return f"{value:,}" if value is not None else "–"


# --------------------------------------------------------------------------- before the body


def _story(review: Review, events: str) -> list[str]:
    """What went wrong and the impact, then the timeline (``events``, if any)."""
    out: list[str] = []
    lines = [_paragraph(review.what_went_wrong)]
    if review.impact_summary:
        lines.append(f"<p><strong>Impact:</strong> {html_inline(review.impact_summary)}</p>")
    if review.cost:
        lines.append(f"<p><strong>Cost:</strong> {html_inline(review.cost)}</p>")
    _section(out, WHAT_WENT_WRONG, "What went wrong", "\n".join(x for x in lines if x))
    _section(out, TIMELINE, "Timeline", events)
    return out


def _timeline(review: Review) -> str:
    """``timeline.events`` in time order, one a line, with started, detected and resolved
    marked (on the event at that time, or as a line of their own); events whose time cannot
    be read keep their written order at the end. Without events, the times given of the
    three (the header card has only the durations between them); nothing without either."""
    timeline = review.timeline
    milestones: dict[datetime, list[str]] = {}
    for key, label in MILESTONES:
        when = getattr(timeline, key)
        if when is not None:
            milestones.setdefault(when, []).append(label)
    moments: list[tuple[datetime | None, str, str, bool]] = []
    for event in timeline.events:
        labels = milestones.pop(event.at, []) if event.at is not None else []
        what = html_inline(event.what)
        if labels:
            # "Resolved: error rate back to normal" is not said twice.
            said = re.match(rf"\s*(?:{'|'.join(labels)})\s*[:\-–—]\s*", event.what, re.I)
            if said and event.what[said.end() :].strip():
                what = html_inline(event.what[said.end() :])
            what = f"<strong>{' and '.join(labels)}:</strong> {what}"
        moments.append((event.at, event.at_as_written, what, bool(labels)))
    for when, labels in milestones.items():
        moments.append((when, "", f"<strong>{' and '.join(labels)}</strong>", True))
    if not moments:
        return ""
    dated = sorted((m for m in moments if m[0] is not None), key=lambda m: m[0] or datetime.min)
    days = {m[0].date() for m in dated if m[0] is not None}
    items = []
    for when, written, what, milestone in dated + [m for m in moments if m[0] is None]:
        if when is None:
            stamp = f"<time>{html_line(written or '?')}</time>"
        else:
            label = when.strftime("%H:%M %Z" if len(days) == 1 else "%Y-%m-%d %H:%M %Z")
            stamp = f'<time datetime="{when.isoformat()}">{label.strip()}</time>'
        css = ' class="retro-milestone"' if milestone else ""
        items.append(f"<li{css}>{stamp}{what}</li>")
    note = f"<p>All times on {min(days).isoformat()}.</p>\n" if len(days) == 1 else ""
    return note + '<ol class="retro-timeline">\n' + "\n".join(items) + "\n</ol>"


# --------------------------------------------------------------------------- after the body


def _conclusions(review: Review, ctx: SiteContext, uri: str) -> list[str]:
    out: list[str] = []
    cause = _paragraph(review.root_cause)
    factors = _bullets(html_inline(f) for f in review.contributing_factors)
    if factors:
        cause += "\n<p><strong>Contributing factors:</strong></p>\n" + factors
    _section(out, ROOT_CAUSE, "Root cause", cause.strip())
    _section(out, FOUND, "How it was found", _detection(review))
    _section(out, CUSTOMERS, "Customer response", _customer_response(review))
    _section(out, CHANGED, "What changed", _changes(review, ctx, uri))
    _section(out, LESSONS, "Lessons", _bullets(html_inline(x) for x in review.lessons))
    out += _links(review, ctx, uri)
    return out


def _detection(review: Review) -> str:
    detection = review.detection
    if detection is None:
        return ""
    method, summary = detection.method, detection.summary
    label = FOUND_BY.get(method, f"Found by {method}" if method else "")
    parts = [f"<strong>{html_line(label)}.</strong>" if label else "", html_inline(summary)]
    text = " ".join(p for p in parts if p)
    return f"<p>{text}</p>" if text else ""


def _customer_response(review: Review) -> str:
    response = review.customer_response
    not_contacted = review.customers_not_contacted
    if not_contacted:
        return f"<p><strong>Customers were not contacted:</strong> {html_inline(not_contacted)}</p>"
    return _bullets(
        f"<strong>{label}:</strong> {html_inline(response[key])}"
        for key, label in CUSTOMER_RESPONSE
        if key in response and key != "not_contacted"
    )


def _changes(review: Review, ctx: SiteContext, uri: str) -> str:
    out = []
    changes = _bullets(_change(c, ctx, uri) for c in review.checklist_changes)
    no_change = review.no_checklist_change
    if changes:
        out += ["<p><strong>Checklists:</strong></p>", changes]
    elif no_change:
        out.append(f"<p><strong>No checklist changes:</strong> {html_inline(no_change)}</p>")
    if review.action_items:
        rows = open_first([ActionRow(item, review) for item in review.action_items], ctx.today)
        out += [
            "<p><strong>Action items:</strong></p>",
            action_table(rows, ctx, uri, with_review=False),
        ]
    return "\n".join(out)


def _change(change: ChecklistChange, ctx: SiteContext, uri: str) -> str:
    target = ctx.checklist_page(change.checklist)
    name = (
        html_link(change.checklist, ctx.href(uri, target))
        if target
        else html_line(change.checklist)
    )
    verb = {"add": "Added to", "remove": "Removed from", "reword": "Reworded in"}.get(
        change.change, html_line(change.change) + ":"
    )
    text = f"{verb} {name}: “{html_line(change.item)}”"
    if change.change == "reword" and change.was:
        text += f" (was “{html_line(change.was)}”)"
    return text


def _links(review: Review, ctx: SiteContext, uri: str) -> list[str]:
    """The last section: "Links", "Related reviews", or both under one heading."""
    links = []
    for found in review.links:
        url = http_url(found.url)
        links.append(html_link(found.title or url, url) if url else html_line(found.title))
    links = [x for x in links if x]
    related = [
        html_link(other.title, ctx.href(uri, ctx.uri(other))) + f" ({day(other.date)})"
        for other in ctx.related.get(review.id, [])
    ]
    out: list[str] = []
    if links and related:
        block = (
            _bullets(links)
            + "\n<p><strong>Related reviews:</strong></p>\n"
            + _bullets(related, RELATED_CLASS)
        )
        _section(out, "links-and-related-reviews", "Links and related reviews", block)
    elif links:
        _section(out, "links", "Links", _bullets(links))
    elif related:
        _section(out, "related-reviews", "Related reviews", _bullets(related, RELATED_CLASS))
    return out


# --------------------------------------------------------------------------- small parts


def _generated(text: str) -> Block:
    """A region (see :func:`~retro_reviews.render.page.region`: raw HTML on every line, no
    blank line inside an element) as one generated block, as written: no need to look for
    where Markdown would cut it, as :func:`~retro_reviews.render.page.generated_blocks`
    does for a page read back from its text."""
    return Block(text, html=True)


def _section(out: list[str], ident: str, title: str, block: str) -> None:
    """A section (its heading listed in the table of contents by the adapter), if any."""
    if block:
        out.append(f"{heading(2, ident, title)}\n{block}")


def _paragraph(text: object) -> str:
    line = html_inline(text) if text is not None else ""
    return f"<p>{line}</p>" if line else ""


def _bullets(lines: Iterable[str], css: str = "") -> str:
    items = "".join(f"<li>{line}</li>\n" for line in lines)
    opening = f'<ul class="{css}">' if css else "<ul>"
    return f"{opening}\n{items}</ul>" if items else ""
