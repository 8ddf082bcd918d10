"""`retro statement`: a draft of the customer-facing message for a review."""

from __future__ import annotations

import sys

import click

from ..errors import RetroError
from ..follow.query import find_review
from ..follow.statement import StatementRefused, render_statement
from .base import every_review
from .state import CommandFailed, State


@click.command("statement")
@click.argument("review_id", metavar="ID")
@click.pass_obj
def statement_command(state: State, review_id: str) -> None:
    """Draft the message to the customers a review is about, in Markdown.

    Rendered from templates/statement.md.j2 (the packaged copy until the team adds
    its own): it says plainly what happened and how it affected the customer,
    apologises without excuses, gives the remedy and any goodwill gesture, what is
    changing (from the checklist changes and action items) and how to reach the
    team (the `contact` option). Authors, responders, owners, links and costs are
    never included. Read it and edit it before sending.

    Refuses (exit 1) when the review lacks what the message needs, naming the
    missing fields, or records that customers were not contacted. Stops (exit 2)
    without the contact option, e.g. contact: "Reply to this email." in retro.yml
    or under the retro plugin in mkdocs.yml.

    \b
    Example:
      retro statement 2025-05-06-online-orders-shipped-with-the-wrong-item > reply.md
    """
    config = state.config
    try:
        review = find_review(every_review(config), review_id)
    except RetroError as exc:
        raise CommandFailed(str(exc)) from None
    try:
        text = render_statement(review, config)
    except StatementRefused as exc:
        click.echo(f"Error: {exc}.", err=True)
        sys.exit(1)
    except RetroError as exc:
        raise CommandFailed(str(exc)) from None
    click.echo(text, nl=False)
