"""`folja outbox …`, `folja schedule …` and `folja worker`: see and steer what Följa sends."""

from __future__ import annotations

import asyncio
import contextlib
import json
from datetime import UTC, datetime, tzinfo
from zoneinfo import ZoneInfo

import click
from rich.table import Table

from cli.base import clock, console, current_time, load_settings, main, run_db
from cli.report import render_report
from domain.schedule import SpecError
from i18n import t

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _short(text: str, n: int = 60) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _when(at: datetime | None, zone: tzinfo = UTC) -> str:
    """A stored (UTC) moment as the wall clock of `zone`: every time in one table in one zone."""
    return at.astimezone(zone).strftime("%Y-%m-%d %H:%M") if at else "–"


def _zone_line(zone: ZoneInfo) -> str:
    return t("cli.times_in", "sv", zone=zone.key)


@main.group(invoke_without_command=True)
@click.option("--failed", is_flag=True, help="Misslyckade och döda utskick i stället för väntande")
@click.option("--limit", type=int, default=200, show_default=True, help="Högst så många rader")
@click.pass_context
def outbox(ctx: click.Context, failed: bool, limit: int) -> None:
    """Utkorgen: väntande (eller misslyckade) utskick."""
    if ctx.invoked_subcommand is not None:
        return
    from services.delivery_admin import outbox_view

    view = run_db(lambda db: outbox_view(db, failed=failed, limit=limit))
    zone = load_settings().zone
    table = Table("id", "typ", "status", "försök", "mottagare", "nästa försök", "fel")
    for e in view.entries:
        table.add_row(str(e.id), e.kind, e.status, str(e.attempts), _short(e.lane, 40),
                      _when(e.next_attempt_at, zone), _short(e.last_error))
    console.print(_zone_line(zone))
    console.print(table)
    counts = ", ".join(f"{k}: {v}" for k, v in sorted(view.counts.items())) or t(
        "cli.outbox_empty", "sv")
    console.print(t("cli.outbox_total", "sv", counts=counts))
    if failed and view.unreachable:
        console.print(t("cli.outbox_unreachable", "sv"))
        for pid, name, reason in view.unreachable:
            console.print(f"  • {name} (id {pid}): {reason}")


@outbox.command("retry")
@click.argument("outbox_id", type=int, required=False)
@click.option("--all", "retry_all", is_flag=True, help="Alla misslyckade och döda utskick")
def outbox_retry(outbox_id: int | None, retry_all: bool) -> None:
    """Skicka om ett misslyckat utskick (ID) eller alla (--all)."""
    from services.delivery_admin import retry_outbox

    if (outbox_id is None) == (not retry_all):
        raise click.UsageError(t("cli.outbox_id_or_all", "sv"))
    count = run_db(lambda db: retry_outbox(db, outbox_id, current_time()))
    if outbox_id is not None and count == 0:
        raise click.ClickException(t("cli.outbox_not_failed", "sv", id=outbox_id))
    console.print(t("cli.outbox_requeued", "sv", count=count))


@main.group()
def schedule() -> None:
    """Schemalagda jobb."""


@schedule.command("list")
def schedule_list() -> None:
    """Visa scheman och deras senaste körning."""
    from services.delivery_admin import list_schedules

    schedules, runs = run_db(list_schedules)
    zone = load_settings().zone  # "när" is already this zone's wall clock (domain/schedule.py)
    table = Table("namn", "jobb", "plan", "när", "på", "nästa", "senast")
    for s in schedules:
        last = runs.get(s.name)
        done = f"{_when(last[1], zone)} {_outcome(last[2], last[3])}" if last else "–"
        table.add_row(s.name, s.job, str(s.plan_id or "–"), json.dumps(s.spec, ensure_ascii=False),
                      "ja" if s.enabled else "nej", _when(s.next_run_at, zone), done)
    console.print(_zone_line(zone))
    console.print(table)


def _outcome(finished, result: dict) -> str:
    """✓ done, … running, or ✗ with the failed attempts and the error's class (no message)."""
    if finished:
        return "✓"
    if result.get("failed"):
        return f"✗ {result.get('attempts', 1)} försök ({result.get('error', '?')})"
    return "…"


@schedule.command("set")
@click.argument("name")
@click.option("--job", "job_name", required=True, help="Jobbets namn: reminders, open_round, weekly_summary, …")
@click.option("--weekly", type=click.Choice(WEEKDAYS), help="Varje vecka den här dagen")
@click.option("--daily", is_flag=True, help="Varje dag")
@click.option("--dates", help="Bestämda datum, t.ex. 2026-04-30,2026-08-31,2026-12-15")
@click.option("--every-minutes", type=int, help="Var N:e minut")
@click.option("--at", "at", default="08:00", show_default=True, help="Klockslag (HH:MM)")
@click.option("--plan", "plan_ref", help="Planen (id eller \"stadsdel år\")")
@click.option("--args", "args_json", help='Jobbets argument som JSON, t.ex. {"label": "T1 {year}"}')
@click.option("--disabled", is_flag=True, help="Spara det avstängt")
def schedule_set(name: str, job_name: str, weekly: str | None, daily: bool, dates: str | None,
                 every_minutes: int | None, at: str, plan_ref: str | None,
                 args_json: str | None, disabled: bool) -> None:
    """Skapa eller ändra ett schema."""
    from services.delivery_admin import set_schedule

    spec = _spec(weekly, daily, dates, every_minutes, at, args_json)
    zone = load_settings().zone
    try:
        saved = run_db(lambda db: set_schedule(
            db, name=name, job=job_name, spec=spec, plan_ref=plan_ref, enabled=not disabled,
            now=current_time(), zone=zone))
    except SpecError as exc:
        raise click.ClickException(t("cli.schedule_invalid", "sv", error=exc)) from exc
    except LookupError as exc:
        raise click.ClickException(t("plan.unknown", "sv", plan=plan_ref)) from exc
    console.print(t("cli.schedule_saved", "sv", name=saved.name,
                    at=_when(saved.next_run_at, zone), zone=zone.key))


def _spec(weekly, daily, dates, every_minutes, at, args_json) -> dict:
    chosen = [x for x in (weekly, daily or None, dates, every_minutes) if x]
    if len(chosen) != 1:
        raise click.UsageError(t("cli.schedule_choose_one", "sv"))
    if weekly:
        spec = {"every": "week", "weekday": WEEKDAYS.index(weekly), "time": at}
    elif daily:
        spec = {"every": "day", "time": at}
    elif dates:
        spec = {"every": "dates", "dates": [d.strip() for d in dates.split(",") if d.strip()],
                "time": at}
    else:
        spec = {"every": "minutes", "minutes": every_minutes}
    if args_json:
        try:
            spec["args"] = json.loads(args_json)
        except ValueError as exc:
            raise click.UsageError(t("cli.schedule_args_json", "sv")) from exc
    return spec


@schedule.command("delete")
@click.argument("name")
def schedule_delete(name: str) -> None:
    """Ta bort ett schema."""
    from services.delivery_admin import delete_schedule

    if not run_db(delete_schedule, name):
        raise click.ClickException(t("cli.schedule_unknown", "sv", name=name))
    console.print(t("cli.schedule_deleted", "sv", name=name))


@main.command()
def worker() -> None:
    """Bara schemaläggning och utskick, ingen HTTP."""
    from bot.proactive import sender_for
    from bot.sdk import auth_configuration, connections
    from scheduler.defaults import install_defaults
    from scheduler.worker import run_worker
    from storage.db import Database
    from storage.migrate import ensure_migrated

    settings = load_settings()
    chosen = clock()

    async def run() -> None:
        db = Database(settings.database_url, clock=chosen)
        sender = sender_for(settings, connections(settings, auth_configuration(settings)), db=db)
        try:
            await ensure_migrated(db.engine)
            await install_defaults(db, settings)
            await run_worker(db, sender, settings, render=render_report)
        finally:
            await sender.close()
            await db.dispose()

    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(run())
