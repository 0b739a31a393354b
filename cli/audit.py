"""`folja audit [--plan --since --person]`: who changed what, when, before and after."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import click
from rich.table import Table

from cli.base import console, main, run_db
from i18n import t


def _since(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError as exc:
        raise click.BadParameter(t("cli.not_a_date", "sv", value=value)) from exc
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _short(value: dict | None) -> str:
    return "" if value is None else json.dumps(value, ensure_ascii=False, default=str)[:200]


@main.command("audit")
@click.option("--plan", "plan_ref", default=None, help='Planens id eller "stadsdel år"')
@click.option("--since", default=None, help="Från den här tidpunkten (ISO 8601)")
@click.option("--person", "email", default=None, help="Händelser av eller om den här e-postadressen")
@click.option("--limit", default=1000, show_default=True, help="Högst så många (de senaste)")
@click.option("--json", "as_json", is_flag=True, help="Ett JSON-objekt per rad")
def audit(plan_ref: str | None, since: str | None, email: str | None, limit: int,
          as_json: bool) -> None:
    """Granskningsloggen: vem ändrade vad och när, äldst först."""
    from services.audit import audit_trail
    from services.plans import PlanNotFound

    moment = _since(since)
    try:
        events = run_db(lambda db: audit_trail(db, plan_ref=plan_ref, since=moment,
                                               person_email=email, limit=limit))
    except PlanNotFound as exc:
        raise click.ClickException(t("plan.unknown", "sv", plan=plan_ref)) from exc
    if as_json:
        for e in events:
            click.echo(json.dumps({**e.__dict__, "at": e.at.isoformat()}, ensure_ascii=False,
                                  default=str))
        return
    table = Table("när", "vem", "vad", "objekt", "plan", "före", "efter")
    for e in events:
        table.add_row(e.at.strftime("%Y-%m-%d %H:%M:%S"), e.actor, e.action,
                      f"{e.entity} {e.entity_id}".strip(), str(e.plan_id or ""),
                      _short(e.before), _short(e.after))
    console.print(table)
    if not events:
        console.print(t("cli.no_events", "sv"))
