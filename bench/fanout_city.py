"""The city for bench.fanout: one active plan per district, actions owned by three roles each,
every role held by one person with a Teams chat; some people hold roles in several districts.

Written in bulk rows (the importer would take minutes for 3,900 actions), then a round is opened
in every plan through the real service, so the outbox holds what a city-wide round queues.
"""

from __future__ import annotations

import argparse
from datetime import UTC, datetime

from sqlalchemy import insert, select

from cards.followup_messages import COMPOSER
from services import city_rounds
from storage.db import Database
from storage.models import (
    ActionRow,
    AreaRow,
    ConversationRefRow,
    PersonRow,
    PlanRow,
    ResponsibilityRow,
    RoleHolderRow,
    RoleRow,
)

EVERYWHERE = 10  # the first shared people hold a role in every district


def _shared_districts(j: int, districts: int) -> list[int]:
    """The districts where shared person `j` holds a role: all of them, or every third."""
    return list(range(districts)) if j < EVERYWHERE else \
        [d for d in range(districts) if (d + j) % 3 == 0]


async def _people(db: Database, count: int, url: str, now: datetime, tag: str) -> list[int]:
    async with db.transaction() as repo:
        s = repo.session
        ids = list((await s.execute(insert(PersonRow).returning(PersonRow.id), [
            dict(email=f"{tag}{i}@stad.se", display_name=f"Person {tag}{i}",
                 aad_object_id=f"aad-{tag}{i}",
                 tenant_id="t", language="sv", created_at=now, updated_at=now)
            for i in range(count)])).scalars())
        await s.execute(insert(ConversationRefRow), [
            dict(kind="personal", conversation_id=f"a:chat-{pid}", person_id=pid,
                 service_url=url, tenant_id="t", reference={}, updated_at=now) for pid in ids])
    return ids


async def _district(db: Database, d: int, actions: int, holders: list[int], year: int,
                    now: datetime) -> int:
    """One plan: `actions` actions, action i owned by roles 3i, 3i+1, 3i+2 (mod the roles)."""
    async with db.transaction() as repo:
        s = repo.session
        district = await repo.ensure_district(f"Stadsdel {d + 1}")
        plan_id = (await s.execute(insert(PlanRow).returning(PlanRow.id), [dict(
            year=year, district=district.name, district_id=district.id, status="active",
            created_at=now, updated_at=now)])).scalar_one()
        areas = list((await s.execute(insert(AreaRow).returning(AreaRow.id), [
            dict(plan_id=plan_id, position=i, name=f"Område {i}") for i in range(1, 6)]))
            .scalars())
        roles = list((await s.execute(insert(RoleRow).returning(RoleRow.id), [
            dict(name=f"Roll {d + 1}-{k}", aliases=[]) for k in range(len(holders))])).scalars())
        await s.execute(insert(RoleHolderRow), [
            dict(role_id=r, person_id=p, district_id=district.id)
            for r, p in zip(roles, holders, strict=True)])
        await s.execute(insert(ActionRow), [
            dict(plan_id=plan_id, area_id=areas[i % 5], position=i, title=f"Åtgärd {d}-{i}",
                 when_kind="unknown", status="active") for i in range(actions)])
        ids = list(await s.scalars(select(ActionRow.id).where(ActionRow.plan_id == plan_id)
                                   .order_by(ActionRow.id)))
        await s.execute(insert(ResponsibilityRow), [
            dict(action_id=a, role_id=roles[(3 * i + j) % len(roles)], lead=j == 0)
            for i, a in enumerate(ids) for j in range(3)])
    return plan_id


async def build_city(db: Database, url: str, *, districts: int, actions: int, people: int,
                     shared: int, year: int, now: datetime) -> list[int]:
    """The plans' ids. Each district has `people` role holders of its own; shared person j
    takes over role j of each district `_shared_districts` names."""
    own = await _people(db, districts * people, url, now, "p")
    common = await _people(db, shared, url, now, "s") if shared else []
    plans = []
    for d in range(districts):
        holders = own[d * people:(d + 1) * people]
        for j, pid in enumerate(common):
            if d in _shared_districts(j, districts) and j < len(holders):
                holders[j] = pid
        plans.append(await _district(db, d, actions, holders, year, now))
    return plans


async def open_city_round(db: Database, *, now: datetime) -> int:
    """The city-wide round (`folja round open --city`): a round in every district's active plan
    and one message per person, grouped by district; how many prompts were queued."""
    opened = await city_rounds.open_city_round(db, label="Stadsövergripande uppföljning",
                                               due=None, actor="bench", now=now,
                                               compose=COMPOSER)
    return len(opened.prompted)


def add_city_arguments(parser: argparse.ArgumentParser) -> None:
    """The city's size, as bench.fanout and bench.city_open both take it."""
    parser.add_argument("--districts", type=int, default=13)
    parser.add_argument("--actions", type=int, default=300)
    parser.add_argument("--people", type=int, default=600, help="role holders per district")
    parser.add_argument("--shared", type=int, default=60, help="people in several districts")


def bench_now() -> datetime:
    """The benchmark's own fixed moment: nothing it measures depends on the date."""
    return datetime(2026, 12, 7, 8, 0, tzinfo=UTC)
