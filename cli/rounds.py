"""`folja round …`: open, show, close a follow-up round, and send its reminders by hand."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import UTC, date, datetime

import click
from rich.table import Table

from cli.base import console, current_time, load_settings, main, run_db
from i18n import followup_error_text, t
from i18n.response_rate import rate_values


@main.group("round")
def round_group() -> None:
    """Uppföljningar: öppna, visa, avsluta, påminn."""


def _fail(err) -> click.ClickException:
    return click.ClickException(followup_error_text(err.key, err.values, "sv"))


@round_group.command("open")
@click.argument("plan_ref", required=False)
@click.option("--city", is_flag=True, help="Öppna uppföljningen i varje stadsdels aktiva plan samtidigt")
@click.option("--label", required=True, help='Uppföljningens namn, t.ex. "Vecka 48"')
@click.option("--due", type=click.DateTime(["%Y-%m-%d"]), default=None, help="Sista svarsdag (ÅÅÅÅ-MM-DD)")
@click.option("--area", "areas", multiple=True, help="Bara de här områdena (namn eller nummer)")
@click.option("--remind-days", type=int, default=None, help="Antal dagar före sista svarsdag att påminna")
def round_open(plan_ref: str | None, city: bool, label: str, due, areas: tuple[str, ...],
               remind_days) -> None:
    """Öppna en uppföljning: varje ansvarig får ett meddelande med sina åtgärders kort."""
    from cards.followup_messages import COMPOSER
    from services.followup import FollowupError, open_round

    due_day: date | None = due.date() if due else None
    if city == bool(plan_ref) or (city and areas):
        raise click.UsageError(t("cityround.cli_plan_or_city", "sv"))
    if city:
        _open_city(label, due_day)
        return
    assert plan_ref is not None
    try:
        opened = run_db(lambda db: open_round(
            db, plan_ref, label=label, due=due_day, areas=list(areas) or None, actor="cli",
            now=current_time(), reminder_days_before=remind_days, compose=COMPOSER,
            zone=load_settings().zone))
    except FollowupError as err:
        raise _fail(err) from err
    console.print(t("fu_round_opened", "sv", label=opened.round.label, plan=plan_ref,
                    n=len(opened.prompted), actions=opened.actions) + f" (id {opened.round.id})")
    if opened.unreachable:
        console.print(t("fu_round_unreachable", "sv", names=", ".join(opened.unreachable)))
    if opened.away:
        console.print(t("fu_round_away", "sv", names=", ".join(opened.away)))


def _open_city(label: str, due: date | None) -> None:
    """`--city`: one round in every district's active plan, one message per person."""
    from cards.city_round import city_round_activity
    from cards.followup_messages import COMPOSER
    from services.city_rounds import open_city_round
    from services.followup import FollowupError

    settings = load_settings()
    lang = settings.default_language
    try:
        opened = run_db(lambda db: open_city_round(
            db, label=label, due=due, actor="cli", now=current_time(), compose=COMPOSER,
            zone=settings.zone, render=lambda view: city_round_activity(view, lang)))
    except FollowupError as err:
        raise _fail(err) from err
    console.print(t("cityround.opened", "sv", label=opened.city_round.label,
                    districts=len(opened.rounds), id=opened.city_round.id,
                    n=len(opened.prompted), actions=opened.actions))
    if opened.unreachable:
        console.print(t("fu_round_unreachable", "sv", names=", ".join(opened.unreachable)))
    if opened.away:
        console.print(t("fu_round_away", "sv", names=", ".join(opened.away)))


@round_group.command("status")
@click.argument("round_ref")
@click.option("--json", "as_json", is_flag=True, help="Resultatet som JSON")
def round_status_cmd(round_ref: str, as_json: bool) -> None:
    """Per åtgärd och person: vem som har svarat, och vad."""
    from services.followup import FollowupError, round_status

    try:
        status = run_db(round_status, round_ref)
    except FollowupError as err:
        raise _fail(err) from err
    if as_json:
        click.echo(json.dumps(status_json(status), ensure_ascii=False, indent=2))
        return
    table = Table("åtgärd", "ansvarig", "roll", "status", "version")
    for action in status.actions:
        for p in action.parties:
            label = t(f"status_{p.report.status.value}", "sv") if p.report else (
                "–" if p.reachable else t("cli.unreachable", "sv"))
            who = t("standin_attribution", "sv", standin=p.report.standin_name, owner=p.person) \
                if p.report and p.report.standin_name else p.person
            table.add_row(action.title[:60], who, p.role, label,
                          str(p.report.version) if p.report else "")
    p = status.progress
    console.print(f"[bold]{status.round.label}[/bold] · {status.plan_name}")
    console.print(t("round_progress", "sv", actions=p.actions_answered,
                    actions_total=p.actions_total, people=p.people_answered,
                    people_total=p.people_total))
    _print_rate(status.response)
    console.print(table)
    if status.unreachable:
        console.print(t("fu_round_unreachable", "sv", names=", ".join(status.unreachable)))


def _print_rate(rate) -> None:
    """The response rate (domain/response_rate.py): the round, then each role."""
    if rate is None:
        return
    console.print(t("rate_line", "sv", **rate_values(rate.overall)))
    for role, by_role in rate.by_role:
        console.print("  " + t("rate_role_line", "sv", role=role, **rate_values(by_role)))


def rate_json(rate) -> dict | None:
    """The response rate as plain numbers (share 0–1, hours, reminders per answer)."""
    if rate is None:
        return None

    def one(r) -> dict:
        return {"asked": r.asked, "answered": r.answered, "share": r.share,
                "median_hours": r.median_hours, "reminders": r.reminders,
                "reminders_per_answer": r.reminders_per_answer}
    return {"district": rate.district, **one(rate.overall),
            "by_role": [{"role": role, **one(r)} for role, r in rate.by_role]}


def status_json(status) -> dict:
    rnd = status.round
    return {
        "round": {"id": rnd.id, "label": rnd.label, "state": rnd.state.value,
                  "due": rnd.due_date.isoformat() if rnd.due_date else None},
        "plan": status.plan_name, "progress": asdict(status.progress),
        "unreachable": list(status.unreachable),
        "response_rate": rate_json(status.response),
        "actions": [{
            "action_id": a.action_id, "area": a.area, "title": a.title,
            "parties": [{
                "person": p.person, "role": p.role, "reachable": p.reachable,
                "status": p.report.status.value if p.report else None,
                "version": p.report.version if p.report else None,
                "done_text": p.report.done_text if p.report else None,
                "at": p.report.created_at.isoformat() if p.report else None,
                "answered_by_standin": p.report.standin_name or None if p.report else None,
            } for p in a.parties],
        } for a in status.actions],
    }


@round_group.command("close")
@click.argument("round_ref")
def round_close(round_ref: str) -> None:
    """Avsluta en uppföljning: inga fler svar sparas; styrgruppens kort får sin slutversion."""
    from reports.summary import renderer
    from services.followup import FollowupError, close_round
    from services.summaries import publish_summary

    async def close_and_publish(db):
        now = current_time()
        closed = await close_round(db, round_ref, actor="cli", now=now)
        await publish_summary(db, closed.plan_id, renderer(load_settings().default_language),
                              now=now, round_id=closed.id, new_period=True)
        return closed

    try:
        rnd = run_db(close_and_publish)
    except FollowupError as err:
        raise _fail(err) from err
    console.print(t("cli.round_closed", "sv", label=rnd.label))


@round_group.command("remind")
@click.argument("round_ref", required=False)
@click.option("--now", "now_text", default=None, help="Gör som om klockan vore den här tidpunkten (ISO 8601; annars nu)")
def round_remind(round_ref: str | None, now_text: str | None) -> None:
    """Köa dagens påminnelser (för en uppföljning eller alla öppna)."""
    from cards.reminders import COMPOSER
    from services.reminders import queue_reminders

    now = datetime.fromisoformat(now_text) if now_text else current_time()
    if now.tzinfo is None:
        now = now.replace(tzinfo=UTC)
    count = run_db(lambda db: queue_reminders(db, now, round_ref=round_ref, compose=COMPOSER))
    console.print(t("cli.reminders_queued", "sv", count=count))
