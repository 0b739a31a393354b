"""`folja report PLAN [--round R | --period P [--year Y]] --format html|xlsx|md --out FILE`: the
year-end follow-up, or one reporting period's (frozen once the period is closed);
`folja report --city [--year Y] [--period P] …`: every district's plan side by side (a closed
period's city report is frozen too)."""

from __future__ import annotations

from pathlib import Path

import click

from cli.base import console, load_settings, main, run_db
from i18n import t


@main.command("report")
@click.argument("plan_ref", required=False)
@click.option("--round", "round_ref", default=None, help="Bara den här uppföljningen (id eller namn)")
@click.option("--city", is_flag=True, help="Hela staden: alla stadsdelsområdens planer för ett år")
@click.option("--period", "period_key", default=None,
              help="Bara rapportperiodens uppföljningar (t.ex. T1); låst när perioden är stängd")
@click.option("--year", type=int, default=None,
              help="Periodens år (annars planens); med --city planernas år (standard: i år)")
@click.option("--format", "fmt", type=click.Choice(["html", "xlsx", "md"]), required=True,
              help="Filformat")
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Filen som skrivs")
@click.option("--lang", type=click.Choice(["sv", "en"]), default="sv", show_default=True,
              help="Rapportens språk")
def report(plan_ref: str | None, round_ref: str | None, city: bool, period_key: str | None,
           year: int | None, fmt: str, out: Path, lang: str) -> None:
    """Skriv årsuppföljningen för en plan, eller med --city stadens rapport (stadsdelsområden
    sida vid sida, områden med diagram, åtgärder flaggade till stadens grupp)."""
    _check_choice(plan_ref, city)
    if year is not None and not (city or period_key):
        raise click.UsageError(t("report.year_needs_period", "sv"))
    if city:
        _city_report(year, period_key, fmt, out, lang)
        return
    assert plan_ref is not None
    from services.plans import PlanNotFound
    from services.yearend import RoundNotFound, year_end

    if period_key:
        if round_ref:
            raise click.UsageError(t("cli.report_round_or_period", "sv"))
        return _period_report(plan_ref, period_key, year, fmt, out, lang)
    try:
        data = run_db(year_end, plan_ref, round_ref)
    except PlanNotFound as exc:
        raise click.ClickException(t("plan.unknown", "sv", plan=plan_ref)) from exc
    except RoundNotFound as exc:
        raise click.ClickException(t("cli.round_unknown", "sv", round=round_ref)) from exc
    out.write_bytes(render_report(data, fmt, lang))
    actions = sum(len(a.actions) for a in data.report.areas)
    console.print(t("cli.report_written", "sv", file=out, actions=actions))


def _period_report(plan_ref: str, key: str, year: int | None, fmt: str, out: Path,
                   lang: str) -> None:
    """The period's report: live while the period is open, the frozen bytes once closed."""
    from scheduler.district_report import render_report as render
    from services.frozen import plan_period_file
    from services.periods import PeriodError
    from services.plans import PlanNotFound

    specs = load_settings().periods
    try:
        found = run_db(lambda db: plan_period_file(db, plan_ref, key, specs, fmt, lang, render,
                                                   year))
    except PlanNotFound as exc:
        raise click.ClickException(t("plan.unknown", "sv", plan=plan_ref)) from exc
    except PeriodError as err:
        raise click.ClickException(t(err.key, "sv", **err.values)) from err
    out.write_bytes(found.content)
    state = "period_report_frozen" if found.period.closed else "period_report_live"
    console.print(t(state, "sv", file=out, period=found.period.label))


def render_report(data, fmt: str, lang: str, at=None) -> bytes:
    """The file's bytes in the chosen format (shared with tests, and handed to the scheduler's
    jobs: the charts are loaded on the first report, not when a server starts)."""
    from scheduler.district_report import render_report as render

    return render(data, fmt, lang, at)


def _check_choice(plan_ref: str | None, city: bool) -> None:
    """A plan or --city, not both."""
    if city and plan_ref:
        raise click.UsageError(t("city.report_plan_and_city", "sv"))
    if not city and not plan_ref:
        raise click.UsageError(t("city.report_needs_plan", "sv"))


def _city_report(year: int | None, period: str | None, fmt: str, out: Path, lang: str) -> None:
    """The city report; a closed period's is rendered once and then kept byte for byte
    (services/frozen.py, scope "city")."""
    from cli.city import load_city_status

    status = load_city_status(year, period)
    content = render_city_report(status, fmt, lang)
    if period:
        assert status.year is not None  # a year without plans was refused above
        content = _frozen_city(status.year, period, fmt, lang, content)
    out.write_bytes(content)
    console.print(t("city.report_written", "sv", file=out, districts=len(status.districts)))


def _frozen_city(year: int, key: str, fmt: str, lang: str, live: bytes) -> bytes:
    from services.frozen import frozen_or_live
    from services.periods import PeriodError, period_of

    specs = load_settings().periods

    async def frozen(db) -> bytes:
        async def now() -> bytes:
            return live

        return await frozen_or_live(db, await period_of(db, year, key, specs), "city", fmt,
                                    lang, now)
    try:
        return run_db(frozen)
    except PeriodError as err:
        raise click.ClickException(t(err.key, "sv", **err.values)) from err


def render_city_report(status, fmt: str, lang: str) -> bytes:
    """The city report's bytes in the chosen format (shared with tests)."""
    from reports.city import city_html, city_markdown, workbook_labels
    from services.city import city_workbook

    if fmt == "html":
        return city_html(status, lang).encode()
    if fmt == "md":
        return city_markdown(status, lang).encode()
    return city_workbook(status, workbook_labels(lang))
