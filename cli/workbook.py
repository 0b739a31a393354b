"""`folja import`, `folja export`, `folja plan load-sample`, `folja plan links`."""

from __future__ import annotations

import json
from pathlib import Path

import click
from rich.table import Table

from cli.base import console, main, run_db
from cli.plans import plan
from cli.swedish_help import Group
from domain.status import Status
from i18n import MESSAGES, t
from i18n.imports import warning_message

SAMPLE = Path(__file__).resolve().parent.parent / "sample" / "atgardsplan-2025.xlsx"


def status_labels(lang: str = "sv") -> dict[str, str]:
    """Status value → label from the catalogue (the value itself if a label is missing)."""
    labels = {s.value: (MESSAGES.get(f"status_{s.value}", {}).get(lang) or s.value)
              for s in Status}
    labels["none"] = t("export.no_report", lang)
    labels["imported"] = t("export.imported", lang)  # the file's own text beside the answers
    return labels


def _print_report(report, as_json: bool) -> None:
    warnings = [{"sheet": w.sheet, "row": w.row, "message": warning_message(w.code, w.values)}
                for w in report.warnings]
    if as_json:
        click.echo(json.dumps({**report.as_json(), "warnings": warnings}, ensure_ascii=False,
                              indent=2))
        return
    from reports import render

    click.echo(render("import_summary", "sv", report=report, warnings=warnings))


@main.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--year", type=int, default=None, help="Planens år (annars läst ur filen)")
@click.option("--district", default=None, help="Stadsdel (annars senast använda)")
@click.option("--json", "as_json", is_flag=True, help="Resultatet som JSON")
def import_cmd(file: Path, year: int | None, district: str | None, as_json: bool) -> None:
    """Läs in en åtgärdsplan (.xlsx); en ny inläsning uppdaterar planen på plats."""
    from services.imports import WorkbookError, import_workbook

    try:
        report = run_db(lambda db: import_workbook(db, file, year=year, district=district))
    except WorkbookError as exc:
        raise click.ClickException(t(f"import.error.{exc.code}", "sv", **exc.values)) from exc
    _print_report(report, as_json)


@main.command("export")
@click.argument("plan_ref")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def export_cmd(plan_ref: str, file: Path) -> None:
    """Skriv planen som .xlsx med Uppföljning ifylld."""
    from services.exports import export_plan
    from services.plans import PlanNotFound

    try:
        found = run_db(export_plan, plan_ref, file, status_labels())
    except PlanNotFound as exc:
        raise click.ClickException(t("plan.unknown", "sv", plan=plan_ref)) from exc
    console.print(t("export.done", "sv", plan=found.name, file=str(file),
                    actions=len(found.actions)))


@plan.command("load-sample")
@click.option("--if-empty", is_flag=True, help="Bara om databasen saknar planer")
def load_sample_cmd(if_empty: bool) -> None:
    """Läs in exempelplanen (sample/atgardsplan-2025.xlsx)."""
    from services.exports import load_sample

    report = run_db(lambda db: load_sample(db, SAMPLE, if_empty=if_empty))
    if report is None:
        console.print(t("sample.skipped", "sv"))
        return
    _print_report(report, False)


class _ListByDefault(Group):
    """`folja plan links PLAN` lists; `confirm ID` and `undo ID` decide."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            args = ["list", *args]
        return super().parse_args(ctx, args)


@plan.group("links", cls=_ListByDefault)
def links() -> None:
    """Kopplingar till förra årets åtgärder: lista, bekräfta, ångra."""


@links.command("list")
@click.argument("plan_ref")
def links_list(plan_ref: str) -> None:
    """Visa planens kopplingar till förra årets åtgärder."""
    from services.links import list_links
    from services.plans import PlanNotFound

    try:
        found = run_db(list_links, plan_ref)
    except PlanNotFound as exc:
        raise click.ClickException(t("plan.unknown", "sv", plan=plan_ref)) from exc
    table = Table("id", "åtgärd", "förra årets åtgärd", "poäng", "grund", "status")
    for link in found:
        table.add_row(str(link.id), link.action_title, link.previous_title, str(link.score),
                      link.method, link.status)
    console.print(table)


def _decide(link_id: int, status: str) -> None:
    from services.links import LinkNotFound, decide_link

    try:
        run_db(decide_link, link_id, status)
    except LinkNotFound as exc:
        raise click.ClickException(t("links.unknown", "sv", link=link_id)) from exc
    console.print(t(f"links.{status}", "sv", link=link_id))


@links.command("confirm")
@click.argument("link_id", type=int)
def links_confirm(link_id: int) -> None:
    """Bekräfta att åtgärden fortsätter förra årets."""
    _decide(link_id, "confirmed")


@links.command("undo")
@click.argument("link_id", type=int)
def links_undo(link_id: int) -> None:
    """Ångra kopplingen (historiken följer inte längre med)."""
    _decide(link_id, "undone")
