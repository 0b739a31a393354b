"""`folja outbox …`, `folja schedule …` and `folja worker`: see and steer what Följa sends."""

from __future__ import annotations

import contextlib
import json
from datetime import UTC, datetime

import click
from rich.table import Table

from cli.base import clock, console, current_time, load_settings, main, run_db

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _short(text: str, n: int = 60) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _when(at: datetime | None) -> str:
    return at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S") if at else "–"


@main.group(invoke_without_command=True)
@click.option("--failed", is_flag=True, help="Failed and dead sends instead of pending ones")
@click.option("--limit", type=int, default=200, show_default=True)
@click.pass_context
def outbox(ctx: click.Context, failed: bool, limit: int) -> None:
    """Utkorgen: väntande (eller misslyckade) utskick. / The outbox: pending or failed sends."""
    if ctx.invoked_subcommand is not None:
        return
    from services.delivery_admin import outbox_view

    view = run_db(lambda db: outbox_view(db, failed=failed, limit=limit))
    table = Table("id", "typ", "status", "försök", "mottagare", "nästa försök", "fel")
    for e in view.entries:
        table.add_row(str(e.id), e.kind, e.status, str(e.attempts), _short(e.lane, 40),
                      _when(e.next_attempt_at), _short(e.last_error))
    console.print(table)
    counts = ", ".join(f"{k}: {v}" for k, v in sorted(view.counts.items())) or "tom / empty"
    console.print(f"Totalt / total — {counts}")
    if failed and view.unreachable:
        console.print("Går inte att nå i Teams / unreachable in Teams:")
        for pid, name, reason in view.unreachable:
            console.print(f"  • {name} (id {pid}): {reason}")


@outbox.command("retry")
@click.argument("outbox_id", type=int, required=False)
@click.option("--all", "retry_all", is_flag=True, help="Every failed and dead send")
def outbox_retry(outbox_id: int | None, retry_all: bool) -> None:
    """Skicka om ett misslyckat utskick (ID) eller alla (--all). / Resend one or all."""
    from services.delivery_admin import retry_outbox

    if (outbox_id is None) == (not retry_all):
        raise click.UsageError("Ange ett ID eller --all. / Give an ID or --all.")
    count = run_db(lambda db: retry_outbox(db, outbox_id, current_time()))
    if outbox_id is not None and count == 0:
        raise click.ClickException(
            f"Utskick {outbox_id} finns inte eller har inte misslyckats. / "
            f"Send {outbox_id} does not exist or has not failed.")
    console.print(f"{count} utskick köas igen. / {count} sends queued again.")


@main.group()
def schedule() -> None:
    """Schemalagda jobb. / Scheduled jobs."""


@schedule.command("list")
def schedule_list() -> None:
    """Lista scheman och senaste körning. / List schedules and their last run."""
    from services.delivery_admin import list_schedules

    schedules, runs = run_db(list_schedules)
    table = Table("namn", "jobb", "plan", "när", "på", "nästa", "senast")
    for s in schedules:
        last = runs.get(s.name)
        done = f"{last[0]} {'✓' if last[2] else '…'}" if last else "–"
        table.add_row(s.name, s.job, str(s.plan_id or "–"), json.dumps(s.spec, ensure_ascii=False),
                      "ja" if s.enabled else "nej", _when(s.next_run_at), done)
    console.print(table)


@schedule.command("set")
@click.argument("name")
@click.option("--job", "job_name", required=True, help="reminders, open_round, weekly_summary, …")
@click.option("--weekly", type=click.Choice(WEEKDAYS), help="Every week on this day")
@click.option("--daily", is_flag=True, help="Every day")
@click.option("--dates", help="Set dates, e.g. 2026-04-30,2026-08-31,2026-12-15")
@click.option("--every-minutes", type=int, help="Every N minutes")
@click.option("--at", "at", default="08:00", show_default=True, help="Time of day (HH:MM)")
@click.option("--plan", "plan_ref", help="The plan (id or \"district year\")")
@click.option("--args", "args_json", help='Job arguments as JSON, e.g. {"label": "T1 {year}"}')
@click.option("--disabled", is_flag=True, help="Store it switched off")
def schedule_set(name: str, job_name: str, weekly: str | None, daily: bool, dates: str | None,
                 every_minutes: int | None, at: str, plan_ref: str | None,
                 args_json: str | None, disabled: bool) -> None:
    """Skapa eller ändra ett schema. / Create or change a schedule."""
    from domain.schedule import SpecError
    from services.delivery_admin import set_schedule

    spec = _spec(weekly, daily, dates, every_minutes, at, args_json)
    zone = load_settings().zone
    try:
        saved = run_db(lambda db: set_schedule(
            db, name=name, job=job_name, spec=spec, plan_ref=plan_ref, enabled=not disabled,
            now=current_time(), zone=zone))
    except SpecError as exc:
        raise click.ClickException(f"Schemat går inte att förstå / invalid schedule: {exc}") from exc
    except LookupError as exc:
        raise click.ClickException(f"Ingen plan heter {plan_ref!r}. / No plan {plan_ref!r}.") from exc
    console.print(f"Schemat {saved.name} är sparat; nästa körning / next run {_when(saved.next_run_at)} UTC.")


def _spec(weekly, daily, dates, every_minutes, at, args_json) -> dict:
    chosen = [x for x in (weekly, daily or None, dates, every_minutes) if x]
    if len(chosen) != 1:
        raise click.UsageError("Välj en av --weekly, --daily, --dates, --every-minutes. / Choose one.")
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
            raise click.UsageError("--args måste vara JSON. / --args must be JSON.") from exc
    return spec


@schedule.command("delete")
@click.argument("name")
def schedule_delete(name: str) -> None:
    """Ta bort ett schema. / Delete a schedule."""
    from services.delivery_admin import delete_schedule

    if not run_db(delete_schedule, name):
        raise click.ClickException(f"Inget schema heter {name!r}. / No schedule {name!r}.")
    console.print(f"Schemat {name} är borttaget. / Schedule {name} deleted.")


@main.command()
def worker() -> None:
    """Bara schemaläggning och utskick, ingen HTTP. / Deliver and schedule only, no HTTP."""
    import asyncio

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
        sender = sender_for(settings, connections(settings, auth_configuration(settings)))
        try:
            await ensure_migrated(db.engine)
            await install_defaults(db, settings)
            await run_worker(db, sender, settings)
        finally:
            await sender.close()
            await db.dispose()

    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(run())
