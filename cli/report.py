"""`folja report PLAN [--round R] --format html|xlsx|md --out FILE`: the year-end follow-up;
`folja report --city [--year Y] [--period P] …`: every district's plan side by side."""

from __future__ import annotations

from pathlib import Path

import click

from cli.base import console, main, run_db
from i18n import t


@main.command("report")
@click.argument("plan_ref", required=False)
@click.option("--round", "round_ref", default=None, help="Bara den här uppföljningen (id eller namn)")
@click.option("--city", is_flag=True, help="Hela staden: alla stadsdelsområdens planer för ett år")
@click.option("--year", type=int, default=None,
              help="Med --city: planernas år (standard: i år, annars det senaste med planer)")
@click.option("--period", default=None,
              help="Med --city: bara omgångar med sista svarsdag i T1, T2 eller T3")
@click.option("--format", "fmt", type=click.Choice(["html", "xlsx", "md"]), required=True,
              help="Filformat")
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Filen som skrivs")
@click.option("--lang", type=click.Choice(["sv", "en"]), default="sv", show_default=True,
              help="Rapportens språk")
def report(plan_ref: str | None, round_ref: str | None, city: bool, year: int | None,
           period: str | None, fmt: str, out: Path, lang: str) -> None:
    """Skriv årsuppföljningen för en plan, eller med --city stadens rapport (stadsdelsområden
    sida vid sida, områden med diagram, åtgärder flaggade till stadens grupp)."""
    _check_choice(plan_ref, city, year, period)
    if city:
        _city_report(year, period, fmt, out, lang)
        return
    assert plan_ref is not None
    from services.plans import PlanNotFound
    from services.yearend import RoundNotFound, year_end

    try:
        data = run_db(year_end, plan_ref, round_ref)
    except PlanNotFound as exc:
        raise click.ClickException(t("plan.unknown", "sv", plan=plan_ref)) from exc
    except RoundNotFound as exc:
        raise click.ClickException(t("cli.round_unknown", "sv", round=round_ref)) from exc
    out.write_bytes(render_report(data, fmt, lang))
    actions = sum(len(a.actions) for a in data.report.areas)
    console.print(t("cli.report_written", "sv", file=out, actions=actions))


def render_report(data, fmt: str, lang: str) -> bytes:
    """The file's bytes in the chosen format (shared with tests)."""
    from reports.yearend import words, year_end_html, year_end_markdown
    from services.yearend import workbook_bytes

    if fmt == "html":
        when = {a.id: a.when.text for a in data.plan.actions}
        return year_end_html(data.report, lang, when).encode()
    if fmt == "md":
        return year_end_markdown(data.report, lang).encode()
    w = words(lang)
    labels = {k: str(w.status(k)) for k in
              ("done", "on_track", "partial", "delayed", "not_started", "discontinued", "none")}
    def party(s) -> str:
        return str(w.party(s.party)) + (f", {s.role}" if s.show_role else "")

    return workbook_bytes(data, labels, party,
                          lambda held, planned: str(w.occasions(held, planned)))


def _check_choice(plan_ref: str | None, city: bool, year: int | None, period: str | None) -> None:
    """A plan or --city, not both; --year and --period belong to --city."""
    if city and plan_ref:
        raise click.UsageError(t("city.report_plan_and_city", "sv"))
    if not city and not plan_ref:
        raise click.UsageError(t("city.report_needs_plan", "sv"))
    for option, value in (("--year", year), ("--period", period)):
        if value is not None and not city:
            raise click.UsageError(t("city.city_only_option", "sv", option=option))


def _city_report(year: int | None, period: str | None, fmt: str, out: Path, lang: str) -> None:
    from cli.city import load_city_status

    status = load_city_status(year, period)
    out.write_bytes(render_city_report(status, fmt, lang))
    console.print(t("city.report_written", "sv", file=out, districts=len(status.districts)))


def render_city_report(status, fmt: str, lang: str) -> bytes:
    """The city report's bytes in the chosen format (shared with tests)."""
    from reports.city import city_html, city_markdown, workbook_labels
    from services.city import city_workbook

    if fmt == "html":
        return city_html(status, lang).encode()
    if fmt == "md":
        return city_markdown(status, lang).encode()
    return city_workbook(status, workbook_labels(lang))
