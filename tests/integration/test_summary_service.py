"""The summary on a real database: constant queries, one card per round updated in place."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import event, func, select

from bot.proactive import TeamsSender
from bot.sdk import auth_configuration, connections
from config import Settings
from domain.followup import StatusInput
from domain.model import ConversationRef
from domain.status import Status
from reports.summary import renderer
from scheduler.jobs import JOBS, JobContext
from services import summaries
from services.delivery import deliver_due
from storage.db import Database
from storage.models import OutboxRow, SummaryPostRow
from tests.connector_stub import ConnectorStub
from tests.schemas import assert_valid_card
from tests.summary_helpers import bulk_plan

CHANNEL = "19:styrgrupp@thread.tacv2"


async def count_queries(db: Database, plan_id: int, round_id: int) -> tuple[int, object]:
    seen: list[str] = []

    def listener(_conn, _cursor, statement, *_args):
        seen.append(statement)

    event.listen(db.engine.sync_engine, "before_cursor_execute", listener)
    try:
        summary = await summaries.current_summary(db, plan_id, round_id)
    finally:
        event.remove(db.engine.sync_engine, "before_cursor_execute", listener)
    return len([s for s in seen if s.lstrip().upper().startswith("SELECT")]), summary


async def test_same_number_of_queries_for_10_and_200_actions(database: Database):
    small = await bulk_plan(database, 10, year=2025)
    large = await bulk_plan(database, 200, year=2026)
    n_small, s_small = await count_queries(database, *small)
    n_large, s_large = await count_queries(database, *large)
    assert s_small.total_actions == 10 and s_large.total_actions == 200
    assert s_large.answered_actions > 0 and s_large.attention
    assert n_small == n_large, (n_small, n_large)


async def _with_channel(db: Database, stub: ConnectorStub) -> tuple[int, int]:
    plan_id, round_id = await bulk_plan(db, 12, owners=2, rounds=1)
    ref = ConversationRef(conversation_id=CHANNEL, service_url=stub.url, tenant_id="t",
                          is_group=True)
    async with db.transaction() as repo:
        await repo.save_conversation_ref(ref, kind="channel", plan_id=plan_id)
        await repo.set_steering_conversation(plan_id, CHANNEL)
    return plan_id, round_id


async def test_one_card_per_round_updated_in_place(database: Database, stub, clock):
    now = clock()
    plan_id, round_id = await _with_channel(database, stub)
    render = renderer("sv")
    first = await summaries.publish_summary(database, plan_id, render, now=now, new_period=True)
    assert first is not None
    # Before it is sent, a second publish rewrites the pending post: still one outbox row.
    assert await summaries.publish_summary(database, plan_id, render, now=now) in (None, first)
    assert await summaries.publish_summary(database, plan_id, render, now=now) is None
    async with database.transaction() as repo:
        assert await repo.session.scalar(select(func.count(OutboxRow.id))) == 1
    sender = TeamsSender(connections(Settings(), auth_configuration(Settings())))
    try:
        assert (await deliver_due(database, sender, now=now)).sent == 1
        later = clock.shift(timedelta(hours=1))
        async with database.transaction() as repo:
            action_id = (await repo.summary_actions(plan_id))[-1].id
            await repo.add_status_report(
                StatusInput(round_id, action_id, Status.DELAYED, "Försenat <b>"),
                person_id=1, role_id=None, source="teams", key=None, now=later)
        update = await summaries.publish_summary(database, plan_id, render, now=later)
        assert update is not None and update != first
        assert (await deliver_due(database, sender, now=later)).sent == 1
    finally:
        await sender.close()
    assert [a["op"] for a in stub.sent] == ["send", "update"]
    for sent in stub.sent:
        assert_valid_card(sent["attachments"][0]["content"])
    async with database.transaction() as repo:
        entry = await repo.outbox_entry(update)
        posts = await repo.session.scalar(select(func.count(SummaryPostRow.id)))
    assert entry.kind == "update" and entry.update_of == first and posts == 1


async def test_weekly_job_posts_once_then_refresh_updates_in_place(database: Database, stub, clock):
    now = clock()
    plan_id, round_id = await _with_channel(database, stub)
    ctx = JobContext(db=database, settings=Settings(), now=now)
    assert (await JOBS["weekly_summary"](ctx)) == {"rounds": 1, "queued": 1}
    assert (await JOBS["summary_refresh"](ctx))["queued"] == 0  # nothing changed
    async with database.transaction() as repo:
        rows = list(await repo.session.scalars(select(OutboxRow)))
    assert [(r.kind, r.round_id, r.conversation_id) for r in rows] == [
        ("summary", round_id, CHANNEL)]
    assert_valid_card(rows[0].activity["attachments"][0]["content"])
