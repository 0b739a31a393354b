"""`folja person export|forget EMAIL` and `folja retention run`: personal data on request."""

from __future__ import annotations

import getpass
import json
from datetime import UTC, datetime

import click

from cli.base import console, current_time, load_settings, main, run_db


@main.group()
def person() -> None:
    """Personal data about one person (register extract, erasure)."""


@person.command("export")
@click.argument("email")
def person_export(email: str) -> None:
    """Print everything stored about the person as JSON."""
    from services.privacy import PersonNotFound, export_person

    try:
        record = run_db(export_person, email)
    except PersonNotFound as exc:
        raise click.ClickException(f"Ingen person med e-post {email!r}. / No such person.") from exc
    click.echo(json.dumps(record, ensure_ascii=False, indent=2))


@person.command("forget")
@click.argument("email")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation")
def person_forget(email: str, yes: bool) -> None:
    """Remove the person's identity; their status reports stay, attributed to their role."""
    from services.privacy import PersonNotFound, forget_person

    if not yes:
        click.confirm(f"Glöm {email}? Det går inte att ångra. / Forget {email}?", abort=True)
    actor = f"cli:{getpass.getuser()}"
    try:
        done = run_db(lambda db: forget_person(db, email, actor=actor, now=current_time()))
    except PersonNotFound as exc:
        raise click.ClickException(f"Ingen person med e-post {email!r}. / No such person.") from exc
    console.print(f"Personen heter nu ”{done.pseudonym}”. / Person forgotten.")
    for what, count in done.counts.items():
        console.print(f"  {what}: {count}")


@main.group()
def retention() -> None:
    """How long free text is kept (FOLJA_RETENTION_YEARS)."""


@retention.command("run")
@click.option("--now", "now_iso", default=None, help="Pretend it is this time (ISO 8601)")
def retention_run(now_iso: str | None) -> None:
    """Remove status-report free text older than FOLJA_RETENTION_YEARS; statuses stay."""
    from services.privacy import run_retention

    try:
        now = datetime.fromisoformat(now_iso) if now_iso else current_time()
    except ValueError as exc:
        raise click.BadParameter(f"inte ett datum/tid: {now_iso!r}", param_hint="--now") from exc
    if now.tzinfo is None:
        now = now.replace(tzinfo=UTC)
    years = load_settings().retention_years
    changed = run_db(lambda db: run_retention(db, years=years, now=now))
    console.print(f"Fritext borttagen ur {changed} statusrapporter äldre än {years} år. "
                  f"/ Free text removed from {changed} reports.")
