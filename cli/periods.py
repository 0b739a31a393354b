"""`folja period list|close|reopen`: the reporting periods (tertials by default) of a year."""

from __future__ import annotations

import getpass
import json

import click
from rich.table import Table

from cli.base import console, current_time, load_settings, main, run_db
from i18n import t


@main.group("period")
def period_group() -> None:
    """Rapportperioder (tertial T1–T3 om inget annat är inställt): visa, stäng, öppna igen."""


def _year(year: int | None) -> int:
    return year if year is not None else current_time().astimezone(load_settings().zone).year


def _actor() -> str:
    """Who closes: the operator's account name, for the audit trail."""
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli"


@period_group.command("list")
@click.option("--year", type=int, default=None, help="Året (annars innevarande år)")
@click.option("--json", "as_json", is_flag=True, help="Resultatet som JSON")
def period_list(year: int | None, as_json: bool) -> None:
    """Årets perioder: datum, öppen eller stängd (när, av vem), antal uppföljningar."""
    from services.periods import list_periods

    views = run_db(list_periods, _year(year), load_settings().periods)
    if as_json:
        click.echo(json.dumps([{
            "year": v.period.year, "period": v.period.key, "starts": v.period.starts.isoformat(),
            "ends": v.period.ends.isoformat(), "closed": v.period.closed,
            "closed_at": v.period.closed_at.isoformat() if v.period.closed_at else None,
            "closed_by": v.period.closed_by or None, "rounds": v.rounds,
        } for v in views], ensure_ascii=False, indent=2))
        return
    table = Table(*t("period_heading", "sv").split("|"))
    for v in views:
        p = v.period
        state = t("period_state_closed" if p.closed else "period_state_open", "sv")
        at = p.closed_at.astimezone(load_settings().zone).strftime("%Y-%m-%d %H:%M") \
            if p.closed_at else ""
        table.add_row(p.label, p.starts.isoformat(), p.ends.isoformat(), state, at,
                      p.closed_by, str(v.rounds))
    console.print(table)


@period_group.command("close")
@click.argument("key")
@click.option("--year", type=int, default=None, help="Året (annars innevarande år)")
def period_close(key: str, year: int | None) -> None:
    """Stäng perioden: inga fler svar sparas i dess uppföljningar, och rapporten låses."""
    from scheduler.district_report import render_report
    from services.frozen import freeze_period
    from services.periods import PeriodError, close_period

    async def close_and_freeze(db):
        period = await close_period(db, _year(year), key, load_settings().periods,
                                    actor=_actor())
        return period, await freeze_period(db, period, render_report)

    try:
        period, files = run_db(close_and_freeze)
    except PeriodError as err:
        raise click.ClickException(t(err.key, "sv", **err.values)) from err
    console.print(t("period_closed", "sv", period=period.label, files=files))


@period_group.command("reopen")
@click.argument("key")
@click.option("--year", type=int, default=None, help="Året (annars innevarande år)")
def period_reopen(key: str, year: int | None) -> None:
    """Öppna en stängd period igen (loggas); dess låsta rapporter tas bort."""
    from services.periods import PeriodError, reopen_period

    try:
        period = run_db(lambda db: reopen_period(db, _year(year), key, load_settings().periods,
                                                 actor=_actor()))
    except PeriodError as err:
        raise click.ClickException(t(err.key, "sv", **err.values)) from err
    console.print(t("period_reopened", "sv", period=period.label))
