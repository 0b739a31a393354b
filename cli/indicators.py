"""`folja indicators import FILE` and `folja indicators list`: effect indicators' values."""

from __future__ import annotations

import json
from pathlib import Path

import click
from rich.table import Table

from cli.base import console, main, run_db
from i18n import t


@main.group("indicators")
def indicators() -> None:
    """Effektindikatorer: läs in värden och visa läget."""


@indicators.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--district", default=None,
              help="Bara den här stadsdelen (eller stadsdelen för en fil utan kolumnen Stadsdel)")
@click.option("--json", "as_json", is_flag=True, help="Resultatet som JSON")
def import_values_cmd(file: Path, district: str | None, as_json: bool) -> None:
    """Läs in indikatorvärden (.xlsx eller .csv): Stadsdel, Indikator, Period, Värde, Kommentar."""
    from services.indicator_values import ValueFileError, import_values

    try:
        report = run_db(import_values, file, district)
    except ValueFileError as exc:
        raise click.ClickException(t(f"indicators.error.{exc.code}", "sv", **exc.values)) from exc
    warnings = [t(f"indicators.warn.{code}", "sv", **values) for code, values in report.warnings]
    if as_json:
        click.echo(json.dumps({**report.as_json(), "warnings": warnings}, ensure_ascii=False,
                              indent=2))
        return
    console.print(t("indicators.cli.imported", "sv", values=report.values,
                    indicators=report.indicators))
    for line in warnings:
        console.print(line, markup=False)


def _latest(result) -> str:
    latest = result.latest
    if latest is None:
        return ""
    shown = t("indicators.cli.no_data", "sv") if latest.value is None else f"{latest.value:g}"
    return f"{latest.period}: {shown} {result.arrow}".strip()


@indicators.command("list")
@click.option("--district", default=None, help="Bara den här stadsdelen")
@click.option("--json", "as_json", is_flag=True, help="Resultatet som JSON")
def list_cmd(district: str | None, as_json: bool) -> None:
    """Visa indikatorerna med senaste värde, trend och bedömning (grön, gul, röd, grå)."""
    from services.indicators import list_indicators

    plans = run_db(list_indicators, district)
    if as_json:
        click.echo(json.dumps([_plan_json(p) for p in plans], ensure_ascii=False, indent=2))
        return
    if not plans:
        console.print(t("indicators.cli.none", "sv"))
        return
    table = Table(*t("indicators.cli.columns", "sv").split("|"))
    for p in plans:
        for r in p.results:
            i = r.indicator
            table.add_row(str(i.id), p.district, str(p.year), i.area_name, i.name,
                          i.source.value, _latest(r), t(f"indicators.light.{r.light}", "sv"))
    console.print(table)


def _plan_json(p) -> dict:
    return {"plan_id": p.plan_id, "district": p.district, "year": p.year, "indicators": [
        {"id": r.indicator.id, "area": r.indicator.area_name, "problem": r.indicator.problem,
         "name": r.indicator.name, "source": r.indicator.source.value,
         "unit": r.indicator.unit, "direction": r.indicator.direction.value,
         "baseline": {"value": r.indicator.baseline_value,
                      "period": r.indicator.baseline_period},
         "target": {"value": r.indicator.target_value, "period": r.indicator.target_period},
         "owner": r.indicator.owner_text, "light": r.light.value, "trend": r.trend.value,
         "values": [{"period": m.period, "value": m.value, "reason": m.reason, "note": m.note}
                    for m in r.series]}
        for r in p.results]}
