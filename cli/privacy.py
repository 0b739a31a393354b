"""`folja person export|forget EMAIL` and `folja retention run`: personal data on request."""

from __future__ import annotations

import getpass
import json
from datetime import UTC, datetime

import click

from cli.base import console, current_time, load_settings, main, run_db
from i18n import t


@main.group()
def person() -> None:
    """Personuppgifter om en person (registerutdrag, radering)."""


@person.command("export")
@click.argument("email")
def person_export(email: str) -> None:
    """Skriv ut allt som är sparat om personen, som JSON."""
    from services.privacy import PersonNotFound, export_person

    try:
        record = run_db(export_person, email)
    except PersonNotFound as exc:
        raise click.ClickException(t("cli.person_unknown", "sv", email=email)) from exc
    click.echo(json.dumps(record, ensure_ascii=False, indent=2))


@person.command("forget")
@click.argument("email")
@click.option("--yes", is_flag=True, help="Fråga inte om bekräftelse")
def person_forget(email: str, yes: bool) -> None:
    """Radera personens identitet; statusrapporterna finns kvar, knutna till rollen."""
    from services.privacy import PersonNotFound, forget_person

    if not yes:
        click.confirm(t("cli.person_forget_confirm", "sv", email=email), abort=True)
    actor = f"cli:{getpass.getuser()}"
    try:
        done = run_db(lambda db: forget_person(db, email, actor=actor, now=current_time()))
    except PersonNotFound as exc:
        raise click.ClickException(t("cli.person_unknown", "sv", email=email)) from exc
    console.print(t("cli.person_forgotten", "sv", pseudonym=done.pseudonym))
    for what, count in done.counts.items():
        console.print(f"  {what}: {count}")


@main.group()
def retention() -> None:
    """Hur länge fritext sparas (FOLJA_RETENTION_YEARS)."""


@retention.command("run")
@click.option("--now", "now_iso", default=None, help="Gör som om klockan vore den här tidpunkten (ISO 8601)")
def retention_run(now_iso: str | None) -> None:
    """Radera statusrapporternas fritext som är äldre än FOLJA_RETENTION_YEARS; statusarna finns kvar."""
    from services.privacy import run_retention

    try:
        now = datetime.fromisoformat(now_iso) if now_iso else current_time()
    except ValueError as exc:
        raise click.BadParameter(t("cli.not_a_time", "sv", value=now_iso), param_hint="--now") from exc
    if now.tzinfo is None:
        now = now.replace(tzinfo=UTC)
    years = load_settings().retention_years
    changed = run_db(lambda db: run_retention(db, years=years, now=now))
    console.print(t("cli.retention_done", "sv", count=changed, years=years))
