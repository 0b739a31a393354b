"""`folja district list`: the city's districts, their plans and their coordinators."""

from __future__ import annotations

import json

import click
from rich.table import Table

from cli.base import console, main, run_db
from i18n import t


@main.group()
def district() -> None:
    """Stadsdelar (stadsdelsområden): en plan per år, egna koordinatorer."""


@district.command("list")
@click.option("--json", "as_json", is_flag=True, help="Som JSON")
def district_list(as_json: bool) -> None:
    """Visa stadsdelarna, deras planer och koordinatorer."""
    from services.districts import list_districts

    lines = run_db(list_districts)
    if as_json:
        click.echo(json.dumps([{"district": d.name, "years": list(d.years),
                                "coordinators": list(d.coordinators)} for d in lines],
                              ensure_ascii=False))
        return
    if not lines:
        console.print(t("district.list_empty", "sv"))
        return
    table = Table("stadsdel", "planer (år)", "koordinatorer")
    for d in lines:
        table.add_row(d.name, ", ".join(map(str, d.years)) or "–",
                      ", ".join(d.coordinators) or "–")
    console.print(table)
