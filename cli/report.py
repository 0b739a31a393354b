"""`folja report PLAN [--round R] --format html|xlsx|md --out FILE`: the year-end follow-up."""

from __future__ import annotations

from pathlib import Path

import click

from cli.base import console, main, run_db
from i18n import t


@main.command("report")
@click.argument("plan_ref")
@click.option("--round", "round_ref", default=None, help="Bara den här uppföljningen (id eller namn)")
@click.option("--format", "fmt", type=click.Choice(["html", "xlsx", "md"]), required=True,
              help="Filformat")
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Filen som skrivs")
@click.option("--lang", type=click.Choice(["sv", "en"]), default="sv", show_default=True,
              help="Rapportens språk")
def report(plan_ref: str, round_ref: str | None, fmt: str, out: Path, lang: str) -> None:
    """Skriv årsuppföljningen (Uppföljning per åtgärd och part, antal, diagram)."""
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
                          lambda held, planned: str(w.occasions(held, planned)),
                          lambda s: str(w.standin(s.standin, s.owner)) if s.standin else "",
                          (str(w.rate_heading()), str(w.rate_cols()).split("|"),
                           str(w.all_roles())))
