"""`folja city status [--year Y] [--period P] [--json]`: every district's plan side by side."""

from __future__ import annotations

import json

import click
from rich.table import Table

from cli.base import console, current_time, load_settings, main, run_db
from domain.city import STATUSES, CityStatus, city_json
from domain.lights import emoji
from i18n import t


@main.group("city")
def city_group() -> None:
    """Hela staden: läget i alla stadsdelsområdens planer."""


def load_city_status(year: int | None, period: str | None) -> CityStatus:
    """The roll-up through the service; a bad period or a year without plans is a Swedish
    refusal (shared with `folja report --city`)."""
    from services.city import UnknownPeriod, city_status

    this_year = current_time().astimezone(load_settings().zone).year
    try:
        status = run_db(lambda db: city_status(db, this_year=this_year, year=year,
                                               period=period, specs=load_settings().periods))
    except UnknownPeriod as exc:
        raise click.ClickException(t("city.unknown_period", "sv", period=period)) from exc
    if not status.districts:
        key = "city.no_plans_year" if year is not None else "city.no_plans"
        raise click.ClickException(t(key, "sv", year=year))
    return status


@city_group.command("status")
@click.option("--year", type=int, default=None,
              help="Planernas år (standard: i år, annars det senaste året med planer)")
@click.option("--period", default=None, help="Bara omgångar med sista svarsdag i T1, T2 eller T3")
@click.option("--json", "as_json", is_flag=True, help="Resultatet som JSON")
def city_status_cmd(year: int | None, period: str | None, as_json: bool) -> None:
    """Läget per stadsdelsområde och prioriterat område, med trafikljus."""
    status = load_city_status(year, period)
    if as_json:
        click.echo(json.dumps(city_json(status), ensure_ascii=False, indent=2))
        return
    period_text = f" {status.period}" if status.period else ""
    console.print(t("city.heading", "sv", year=status.year, period=period_text,
                    districts=len(status.districts)))
    console.print(_districts_table(status))
    console.print(t("city.areas_heading", "sv"))
    console.print(_areas_table(status))
    console.print(t("city.flagged_heading", "sv", count=len(status.flagged)))


def _light(value: str) -> str:
    return f"{emoji(value)} {t(f'city.light_{value}', 'sv')}"


def _districts_table(status: CityStatus) -> Table:
    table = Table(t("city.col_district", "sv"), t("city.col_answered", "sv"),
                  *(t(f"status_{s}", "sv") for s in STATUSES), t("city.col_support", "sv"),
                  t("city.col_light", "sv"))
    for d in status.districts:
        table.add_row(d.district, f"{d.answered}/{d.actions}", *(str(n) for _s, n in d.statuses),
                      str(d.needs_support), _light(d.light))
    return table


def _areas_table(status: CityStatus) -> Table:
    table = Table(t("city.col_area", "sv"), t("city.col_district", "sv"),
                  t("city.col_answered", "sv"), *(t(f"status_{s}", "sv") for s in STATUSES),
                  t("city.col_light", "sv"))
    for area in status.areas:
        for i, d in enumerate(area.districts):
            table.add_row(area.name if i == 0 else "", d.district, f"{d.answered}/{d.actions}",
                          *(str(n) for _s, n in d.statuses), _light(d.light))
    return table
