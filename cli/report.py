"""`folja report PLAN [--round R] --format html|xlsx|md --out FILE`: the year-end follow-up."""

from __future__ import annotations

from pathlib import Path

import click

from cli.base import console, main, run_db


@main.command("report")
@click.argument("plan_ref")
@click.option("--round", "round_ref", default=None, help="Only this round (id or label)")
@click.option("--format", "fmt", type=click.Choice(["html", "xlsx", "md"]), required=True)
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option("--lang", type=click.Choice(["sv", "en"]), default="sv", show_default=True)
def report(plan_ref: str, round_ref: str | None, fmt: str, out: Path, lang: str) -> None:
    """Write the year-end follow-up (Uppföljning per action and party, counts, charts)."""
    from services.plans import PlanNotFound
    from services.yearend import RoundNotFound, year_end

    try:
        data = run_db(year_end, plan_ref, round_ref)
    except PlanNotFound as exc:
        raise click.ClickException(f"Ingen plan heter {plan_ref!r}. / No plan {plan_ref!r}.") from exc
    except RoundNotFound as exc:
        raise click.ClickException(
            f"Planen har ingen omgång {round_ref!r}. / The plan has no round {round_ref!r}.") from exc
    out.write_bytes(render_report(data, fmt, lang))
    actions = sum(len(a.actions) for a in data.report.areas)
    console.print(f"Skrev {out} ({actions} åtgärder). / Wrote {out} ({actions} actions).")


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
