"""Importing into a real database (SQLite, and PostgreSQL when configured): one transaction,
re-import in place, links between years, imported follow-ups, roles, export round trip."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from sqlalchemy import func, select

from importer.model import WorkbookError
from services.coordination import scope_of
from services.exports import export_plan, load_sample
from services.imports import import_workbook
from services.links import decide_link, list_links
from services.plans import get_plan
from services.roles import (
    RoleInputError,
    add_role,
    assign_role,
    list_roles,
    load_roles,
    read_rows,
)
from storage.db import Database
from storage.models import (
    ActionRow,
    PlanRow,
    ResponsibilityRow,
    RoleHolderRow,
    StatusReportRow,
)
from tests.fixtures import more_variants
from tests.fixtures.make_workbooks import build_workbook
from tests.fixtures.seed_plans import PLAN_2024, PLAN_2025

LABELS = {"done": "Genomförd", "none": "Ingen rapport"}


async def _count(db: Database, model, *where) -> int:
    async with db.session() as session:
        return int(await session.scalar(select(func.count()).select_from(model).where(*where)))


async def _ids(db: Database, plan_id: int) -> dict[str, int]:
    async with db.session() as session:
        rows = await session.execute(select(ActionRow.action_text, ActionRow.id).where(
            ActionRow.plan_id == plan_id, ActionRow.status == "active"))
        return dict(rows.all())


async def test_2025_imports_with_owners_and_counts(database, tmp_path):
    path = build_workbook(PLAN_2025, tmp_path / "p.xlsx")
    report = await import_workbook(database, path, district="Kungsholmen")
    assert [c for _n, c in report.areas] == [10, 4, 0, 11, 2, 0]
    assert report.created and report.year == 2025 and report.warnings == ()
    assert report.owned == 27 and report.unowned == ()
    plan = await get_plan(database, "Kungsholmen 2025")
    first = plan.areas[0].actions[0]
    assert first.who_text == PLAN_2025.sheets[0].rows[0].who
    assert [(r.role.name, r.lead) for r in first.responsibilities][0] == ("Kommunpolis", True)
    assert first.when.text == PLAN_2025.sheets[0].rows[0].when


async def test_2024_follow_up_becomes_an_imported_status_report(database, tmp_path):
    report = await import_workbook(database, build_workbook(PLAN_2024, tmp_path / "p.xlsx"),
                                   district="Kungsholmen")
    assert [(u.sheet, u.row) for u in report.unowned] == [("1. Unga i riskzon", 6),
                                                          ("1. Unga i riskzon", 7)]
    filled = sum(1 for s in PLAN_2024.sheets for r in s.rows if r.follow_up)
    async with database.session() as session:
        rows = (await session.scalars(select(StatusReportRow))).all()
        first = await session.scalar(select(ActionRow).where(ActionRow.title == "SSP"))
    assert len(rows) == filled
    assert {(r.source, r.round_id, r.attributed_to) for r in rows} == {("import", None, "imported")}
    ssp = next(r for r in rows if r.action_id == first.id)
    assert ssp.done_text == first.imported_follow_up == PLAN_2024.sheets[0].rows[0].follow_up
    assert ssp.status == "done"


async def test_reimport_keeps_identity_archives_removed_and_reports_changes(database, tmp_path):
    await import_workbook(database, build_workbook(PLAN_2025, tmp_path / "a.xlsx"),
                          district="Kungsholmen")
    plan_id = (await get_plan(database, "Kungsholmen 2025")).id
    before = await _ids(database, plan_id)
    again = await import_workbook(database, build_workbook(PLAN_2025, tmp_path / "b.xlsx"))
    assert not again.created and again.changes.counts()["unchanged"] == 27
    assert await _ids(database, plan_id) == before

    removed = PLAN_2025.sheets[0].rows[1]
    async with database.session() as session:
        removed_id = before[removed.action]
    edited = more_variants.edited_2025()
    report = await import_workbook(database, build_workbook(edited, tmp_path / "c.xlsx"))
    counts = report.changes.counts()
    assert counts == {"added": 1, "changed": 1, "archived": 1, "restored": 0, "unchanged": 25}
    after = await _ids(database, plan_id)
    assert after[edited.sheets[0].rows[0].action] == before[PLAN_2025.sheets[0].rows[0].action]
    async with database.session() as session:
        archived = await session.get(ActionRow, removed_id)
    assert archived is not None and archived.status == "archived"
    assert await _count(database, PlanRow) == 1

    back = await import_workbook(database, build_workbook(PLAN_2025, tmp_path / "d.xlsx"))
    assert len(back.changes.restored) == 1
    assert (await _ids(database, plan_id))[removed.action] == removed_id


async def test_next_years_plan_links_to_last_years(database, tmp_path):
    await import_workbook(database, build_workbook(PLAN_2024, tmp_path / "a.xlsx"),
                          district="Kungsholmen")
    report = await import_workbook(database, build_workbook(PLAN_2025, tmp_path / "b.xlsx"),
                                   district="Kungsholmen")
    titles = {(link.action_title, link.previous_title) for link in report.links}
    assert ("Kungsholmens trygghets- och säkerhetsråd",
            "Kungsholmens trygghets- och säkerhetsråd") in titles
    links = await list_links(database, "Kungsholmen 2025")
    assert len(links) == len(report.links) >= 5
    assert {link.status for link in links} == {"proposed"}
    async with database.session() as session:
        action = await session.get(ActionRow, links[0].action_id)
    assert action.previous_action_id == links[0].previous_action_id
    await decide_link(database, links[0].id, "undone")
    await decide_link(database, links[1].id, "confirmed")
    links = await list_links(database, "Kungsholmen 2025")
    assert [link.status for link in links[:2]] == ["undone", "confirmed"]
    async with database.session() as session:
        action = await session.get(ActionRow, links[0].action_id)
    assert action.previous_action_id is None


@pytest.mark.parametrize(("maker", "code"), [
    (lambda p: p.write_bytes(b"plain text") and p, "not_workbook"),
    (more_variants.encrypted, "encrypted"),
    (more_variants.instruction_only, "no_area_sheets"),
])
async def test_bad_files_write_nothing(database, tmp_path, maker, code):
    path = tmp_path / "bad.xlsx"
    maker(path)
    with pytest.raises(WorkbookError) as info:
        await import_workbook(database, path, year=2025, district="X")
    assert info.value.code == code
    assert await _count(database, PlanRow) == 0 and await _count(database, ActionRow) == 0


async def test_export_round_trip_gives_the_same_plan(database, tmp_path):
    for plan in (PLAN_2025, PLAN_2024):
        original = await import_workbook(
            database, build_workbook(plan, tmp_path / f"{plan.year}.xlsx"), district="Kungsholmen")
        ref = f"Kungsholmen {plan.year}"
        first = await get_plan(database, ref)
        out = tmp_path / f"export-{plan.year}.xlsx"
        await export_plan(database, ref, out, LABELS)
        report = await import_workbook(database, out)
        assert report.changes.counts()["unchanged"] == len(first.actions), plan.year
        assert [w.code for w in report.warnings] == [w.code for w in original.warnings]
        second = await get_plan(database, ref)
        assert dataclasses.replace(second, source_file=first.source_file) == first


async def test_roles_assign_load_list_and_coordinator(database, tmp_path):
    await import_workbook(database, build_workbook(PLAN_2025, tmp_path / "p.xlsx"),
                          district="Kungsholmen")
    role, new = await assign_role(database, "kommunpolisen", "Tove.Polis@polisen.se",
                                  name="Tove Polis")
    assert role.name == "Kommunpolis" and new
    assert (await assign_role(database, "Kommunpolis", "tove.polis@polisen.se"))[1] is False
    plan = await get_plan(database, "Kungsholmen 2025")
    holders = plan.areas[0].actions[0].responsibilities[0].people
    assert [p.email for p in holders] == ["tove.polis@polisen.se"]

    with pytest.raises(RoleInputError) as info:
        await assign_role(database, "Astronaut", "a@b.se")
    assert info.value.code == "roles.unknown"
    with pytest.raises(RoleInputError):
        await assign_role(database, "Kommunpolis", "inte-en-adress")

    csv_file = tmp_path / "roller.csv"
    csv_file.write_text("role;email;name\nTrygghetssamordnare;samir@stad.se;Samir\n"
                        "koordinator;kim@stad.se;Kim\n", encoding="utf-8")
    done = await load_roles(database, read_rows(csv_file), plan="Kungsholmen 2025")
    assert [(r.name, e) for _n, r, e, _new in done] == [
        ("Trygghetssamordnare", "samir@stad.se"), ("koordinator", "kim@stad.se")]
    bad = tmp_path / "roller.yaml"
    bad.write_text("- {role: Fältassistenter, email: f@stad.se}\n- {role: Nej, email: n@stad.se}\n")
    with pytest.raises(RoleInputError) as info:
        await load_roles(database, read_rows(bad))
    assert info.value.values["row"] == 3
    assert await _count(database, RoleHolderRow) == 3  # nothing from the bad file

    listed = {line.role.name: line.holders for line in await list_roles(database)}
    assert listed["koordinator"][0][0] == "kim@stad.se"
    async with database.transaction() as repo:
        kim = await repo.person_by_email("kim@stad.se")
        samir = await repo.person_by_email("samir@stad.se")
    assert (await scope_of(database, kim, ())).is_coordinator
    assert not (await scope_of(database, samir, ())).is_coordinator
    assert (await scope_of(database, samir, ("samir@stad.se",))).everything


async def test_added_role_is_used_by_the_next_import(database, tmp_path):
    role = await add_role(database, "Fritidsledare", "stadsdelsforvaltning", ("fritidsgården",))
    assert role.aliases == ("fritidsgården",)
    with pytest.raises(RoleInputError):
        await add_role(database, "X", "rymden", ())
    plan = more_variants.edited_2025()
    rows = list(plan.sheets[1].rows)
    rows[0] = dataclasses.replace(rows[0], who="Fritidsgården ansvarar.")
    plan = dataclasses.replace(plan, sheets=(plan.sheets[0], dataclasses.replace(
        plan.sheets[1], rows=tuple(rows)), *plan.sheets[2:]))
    await import_workbook(database, build_workbook(plan, tmp_path / "p.xlsx"), district="K")
    async with database.session() as session:
        count = await session.scalar(select(func.count()).select_from(ResponsibilityRow).where(
            ResponsibilityRow.role_id == role.id, ResponsibilityRow.lead.is_(True)))
    assert count == 1


async def test_load_sample_only_into_an_empty_database(database):
    sample = Path(__file__).resolve().parents[2] / "sample" / "atgardsplan-2025.xlsx"
    report = await load_sample(database, sample, if_empty=True)
    assert report is not None and sum(c for _n, c in report.areas) == 27
    assert await load_sample(database, sample, if_empty=True) is None
    assert await _count(database, PlanRow) == 1
