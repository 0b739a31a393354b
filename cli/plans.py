"""`folja plan …`: list and show plans."""

from __future__ import annotations

import json

import click
from rich.table import Table

from cli.base import console, main, run_db
from i18n import t


@main.group()
def plan() -> None:
    """Åtgärdsplaner."""


@plan.command("list")
def plan_list() -> None:
    """Visa planerna."""
    from services.plans import list_plans

    plans = run_db(list_plans)
    table = Table("id", "år", "stadsdel", "status", "områden", "åtgärder")
    for p in plans:
        table.add_row(str(p.id), str(p.year), p.district, p.status.value, str(p.areas), str(p.actions))
    console.print(table)


@plan.command("show")
@click.argument("plan_ref")
@click.option("--json", "as_json", is_flag=True, help="Hela planen som JSON")
def plan_show(plan_ref: str, as_json: bool) -> None:
    """Visa en plan (id eller "stadsdel år")."""
    from services.plans import PlanNotFound, get_plan, plan_as_dict

    try:
        found = run_db(get_plan, plan_ref)
    except PlanNotFound as exc:
        raise click.ClickException(t("plan.unknown", "sv", plan=plan_ref)) from exc
    if as_json:
        click.echo(json.dumps(plan_as_dict(found), ensure_ascii=False, indent=2))
        return
    console.print(f"[bold]{found.title or found.name}[/bold] (id {found.id})")
    for area in found.areas:
        console.print(f"\n[bold]{area.position}. {area.name}[/bold] — "
                      + t("cli.plan_area_actions", "sv", n=len(area.actions)))
        for action in area.actions:
            owners = ", ".join(r.role.name + (" (ansv.)" if r.lead else "") for r in action.responsibilities)
            console.print(f"  • {action.title}  [dim]{action.when.text} · {owners or '–'}[/dim]")
