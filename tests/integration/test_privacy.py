"""Personal data (issue 9): register extract, forgetting a person, retention of free text.

Real database (SQLite and PostgreSQL); the CLI test runs `folja` through click on a real file.
"""

from __future__ import annotations

import asyncio
import json
from datetime import timedelta

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from cli import main
from config import Settings
from scheduler.jobs import JOBS, JobContext
from services.privacy import PersonNotFound, export_person, forget_person, run_retention
from storage.db import Database
from storage.models import (
    AuditEventRow,
    ConversationRefRow,
    DelegationRow,
    PersonRow,
    RoleHolderRow,
    RoundRow,
    SdkStateRow,
    StatusReportRow,
)
from tests.conftest import _truncate

OLD = timedelta(days=4 * 365 + 90)  # the first report's age: past FOLJA_RETENTION_YEARS=3
TOVE = "tove.polis@polisen.se"


async def seed(db: Database) -> dict[str, int]:
    """A plan with one action, Tove (LPO) who reported twice (long ago and now), a colleague and
    a delegation."""
    now = db.clock()
    async with db.transaction() as repo:
        plan = await repo.create_plan(year=2026, district="Rinkeby")
        area = await repo.add_area(plan, "Trygghet", 1)
        action = await repo.add_action(plan, area, 1, title="Trygghetsvandring")
        role = await repo.get_or_create_role("Lokal polisområdeschef")
        tove = await repo.create_person(email=TOVE, display_name="Tove Polis",
                                        aad_object_id="aad-tove", teams_user_id="29:tove",
                                        tenant_id="t1")
        other = await repo.create_person(email="samir@stad.se", display_name="Samir")
        await repo.assign_role(role.id, tove.id, None)
        await repo.audit(actor="teams", action="person.created", entity="person",
                         entity_id=tove.id, after={"email": TOVE})
        await repo.audit(actor=TOVE, action="status.saved", entity="status_report",
                         entity_id=1, plan_id=plan)
        await repo.audit(actor=f"person:{tove.id}", action="person.away", entity="person",
                         entity_id=tove.id, after={"until": (now + timedelta(days=5)).date().isoformat()})
        session = repo.session
        rnd = RoundRow(plan_id=plan, label="Q1", area_ids=[], status="open", opened_at=now,
                       opened_by=TOVE)
        session.add(rnd)
        await session.flush()
        for when, version in ((now - OLD, 1), (now, 2)):
            session.add(StatusReportRow(
                round_id=rnd.id, action_id=action, person_id=tove.id, role_id=role.id,
                version=version, status="ongoing", done_text=f"Vandring {version}",
                occasions=version, needs_support=True, support_text="Behöver fler vuxna",
                created_at=when))
        session.add(ConversationRefRow(kind="personal", conversation_id="a:tove", person_id=tove.id,
                                       service_url="http://x", reference={}, updated_at=now))
        session.add(SdkStateRow(key="msteams/conversations/a:tove", data="{}", updated_at=now))
        session.add(SdkStateRow(key="msteams/conversations/a:samir", data="{}", updated_at=now))
        session.add(DelegationRow(action_id=action, from_person_id=tove.id,
                                  to_person_id=other.id, created_at=now))
    return {"plan": plan, "action": action, "tove": tove.id, "other": other.id, "round": rnd.id}


async def test_export_holds_everything_about_the_person(database: Database):
    ids = await seed(database)
    record = await export_person(database, "Tove.Polis@Polisen.se")
    json.dumps(record)  # JSON-ready
    assert record["person"]["email"] == TOVE and record["person"]["aad_object_id"] == "aad-tove"
    assert record["roles"] == [{"role": "Lokal polisområdeschef", "organisation": "annan",
                                "district_id": None}]
    assert [r["conversation_id"] for r in record["conversation_refs"]] == ["a:tove"]
    assert [r["done_text"] for r in record["status_reports"]] == ["Vandring 1", "Vandring 2"]
    assert record["delegations"][0]["to_person_id"] == ids["other"]
    assert [r["label"] for r in record["rounds_opened"]] == ["Q1"]
    assert {e["action"] for e in record["audit_events"]} == {"person.created", "status.saved",
                                                         "person.away"}
    with pytest.raises(PersonNotFound):
        await export_person(database, "nobody@stad.se")


async def test_forget_pseudonymises_and_keeps_reports_under_the_role(database: Database, clock):
    now = clock()
    ids = await seed(database)
    done = await forget_person(database, TOVE, actor="cli:dpo", now=now)
    assert done.pseudonym == f"borttagen person {ids['tove']}"
    async with database.session() as s:
        person = await s.get(PersonRow, ids["tove"])
        reports = (await s.scalars(select(StatusReportRow).order_by(StatusReportRow.id))).all()
        refs = await s.scalar(select(func.count()).select_from(ConversationRefRow))
        holders = await s.scalar(select(func.count()).select_from(RoleHolderRow))
        state = (await s.scalars(select(SdkStateRow.key))).all()
        rnd = await s.get(RoundRow, ids["round"])
        events = (await s.scalars(select(AuditEventRow).order_by(AuditEventRow.id))).all()
        other = await s.get(PersonRow, ids["other"])
    assert (person.email, person.aad_object_id, person.teams_user_id, person.tenant_id) == (
        None, None, None, None)
    assert person.display_name == done.pseudonym and person.forgotten_at is not None
    assert [(r.person_id, r.attributed_to, r.done_text) for r in reports] == [
        (None, "Lokal polisområdeschef", "Vandring 1"), (None, "Lokal polisområdeschef", "Vandring 2")]
    assert refs == 0 and holders == 0
    assert state == ["msteams/conversations/a:samir"]
    assert rnd.opened_by == done.pseudonym
    dumped = json.dumps([(e.actor, e.before, e.after) for e in events], ensure_ascii=False)
    assert TOVE not in dumped and "aad-tove" not in dumped
    assert events[-1].action == "person.forgotten" and events[-1].actor == "cli:dpo"
    assert other.email == "samir@stad.se"  # nobody else touched
    with pytest.raises(PersonNotFound):
        await export_person(database, TOVE)


async def test_retention_strips_old_free_text_keeps_status_and_counts(database: Database, clock):
    now = clock()
    await seed(database)
    changed = await run_retention(database, years=3, now=now)
    assert changed == 1
    async with database.session() as s:
        reports = (await s.scalars(select(StatusReportRow).order_by(StatusReportRow.id))).all()
        last = await s.scalar(select(AuditEventRow).order_by(AuditEventRow.id.desc()).limit(1))
    old, new = reports
    assert (old.done_text, old.support_text, old.status, old.occasions, old.needs_support) == (
        "", "", "ongoing", 1, True)
    assert (new.done_text, new.support_text) == ("Vandring 2", "Behöver fler vuxna")
    assert last.action == "retention.run" and last.after["reports"] == 1
    assert await run_retention(database, years=3, now=now) == 0  # idempotent


def test_cli_export_forget_retention_and_audit(db_url: str, backend: str, monkeypatch, clock):
    async def prepare() -> None:
        db = Database(db_url)
        try:
            if backend == "postgresql":
                await _truncate(db)
            await seed(db)
        finally:
            await db.dispose()

    asyncio.run(prepare())
    env = {"DATABASE_URL": db_url, "FOLJA_RETENTION_YEARS": "3"}
    runner = CliRunner()
    out = runner.invoke(main, ["person", "export", TOVE], env=env)
    assert out.exit_code == 0, out.output
    assert json.loads(out.output)["person"]["email"] == TOVE
    out = runner.invoke(main, ["person", "export", "nobody@stad.se"], env=env)
    assert out.exit_code == 1 and "Ingen person" in out.output
    out = runner.invoke(main, ["retention", "run", "--now", clock().isoformat()], env=env)
    assert out.exit_code == 0 and "1 statusrapporter" in out.output, out.output
    out = runner.invoke(main, ["audit", "--person", TOVE, "--json"], env=env)
    assert [json.loads(line)["action"] for line in out.output.splitlines()] == [
        "person.created", "status.saved", "person.away"]
    out = runner.invoke(main, ["person", "forget", TOVE, "--yes"], env=env)
    assert out.exit_code == 0 and "borttagen person" in out.output, out.output
    out = runner.invoke(main, ["audit", "--json", "--since", "2020-01-01"], env=env)
    actions = [json.loads(line)["action"] for line in out.output.splitlines()]
    assert actions[-2:] == ["retention.run", "person.forgotten"], out.output
    out = runner.invoke(main, ["audit", "--plan", "Rinkeby 2026", "--json"], env=env)
    assert [json.loads(line)["action"] for line in out.output.splitlines()] == ["status.saved"]
    out = runner.invoke(main, ["audit", "--person", "samir@stad.se", "--json"], env=env)
    assert out.output == ""  # nothing by or about Samir
    out = runner.invoke(main, ["audit", "--plan", "Nowhere 1999"], env=env)
    assert out.exit_code == 1 and "Ingen plan" in out.output


async def test_retention_runs_as_a_scheduled_job(database: Database, clock):
    now = clock()
    await seed(database)
    ctx = JobContext(db=database, settings=Settings(retention_years=3), now=now)
    assert await JOBS["retention"](ctx) == {"reports": 1}
    assert await JOBS["retention"](ctx) == {"reports": 0}
