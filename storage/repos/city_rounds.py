"""City rounds, the city channel and its cards, and a district's styrgrupp channel.

A city round's rounds are read by their `city_round_id`; its roll-up reads the answers of those
rounds only (`city_round_answers`, one query for all districts).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import and_, func, select, update

from domain.city import CityAnswer
from domain.city_round import CityRound, DistrictPlanRef
from domain.followup import Round
from storage.models import (
    CityChannelRow,
    CityPostRow,
    CityRoundRow,
    DistrictRow,
    PlanRow,
    RoundRow,
    StatusReportRow,
)
from storage.repos.base import RepoBase
from storage.repos.followup import round_of


def _city_round(row: CityRoundRow) -> CityRound:
    return CityRound(row.id, row.label, row.due_date, row.opened_at)


class CityRoundsRepo(RepoBase):
    async def city_round_by_key(self, key: str) -> CityRound | None:
        row = await self.session.scalar(select(CityRoundRow).where(CityRoundRow.key == key))
        return _city_round(row) if row else None

    async def get_city_round(self, city_round_id: int) -> CityRound | None:
        row = await self.session.get(CityRoundRow, city_round_id)
        return _city_round(row) if row else None

    async def create_city_round(self, *, key: str, label: str, due: date | None,
                                opened_by: str, now: datetime) -> CityRound:
        row = CityRoundRow(key=key, label=label, due_date=due, opened_by=opened_by, opened_at=now)
        self.session.add(row)
        await self.session.flush()
        return _city_round(row)

    async def rounds_of_city_round(self, city_round_id: int) -> list[Round]:
        rows = await self.session.scalars(select(RoundRow).where(
            RoundRow.city_round_id == city_round_id).order_by(RoundRow.id))
        return [round_of(r) for r in rows]

    async def open_city_round_ids(self) -> list[int]:
        """City rounds that still have an open round."""
        rows = await self.session.scalars(
            select(RoundRow.city_round_id).where(RoundRow.status == "open",
                                                 RoundRow.city_round_id.is_not(None))
            .distinct())
        return sorted(r for r in rows if r is not None)

    async def newest_district_plans(self) -> list[DistrictPlanRef]:
        """Each district's newest active plan, districts by name."""
        rows = (await self.session.execute(
            select(DistrictRow.id, DistrictRow.name, PlanRow.id, PlanRow.year)
            .join(PlanRow, PlanRow.district_id == DistrictRow.id)
            .where(PlanRow.status == "active")
            .order_by(DistrictRow.name, PlanRow.year.desc(), PlanRow.id.desc()))).all()
        chosen: dict[int, DistrictPlanRef] = {}
        for district_id, name, plan_id, year in rows:
            chosen.setdefault(district_id, DistrictPlanRef(district_id, name, plan_id, year))
        return list(chosen.values())

    async def city_round_answers(self, round_ids: list[int]) -> tuple[CityAnswer, ...]:
        """Each party's newest version per action in these rounds: one query."""
        if not round_ids:
            return ()
        rows = (await self.session.execute(
            select(StatusReportRow.action_id, StatusReportRow.person_id, StatusReportRow.role_id,
                   StatusReportRow.status, StatusReportRow.needs_support,
                   StatusReportRow.support_text)
            .where(StatusReportRow.round_id.in_(round_ids))
            .order_by(StatusReportRow.version, StatusReportRow.id))).all()
        newest: dict[tuple, tuple] = {}
        for r in rows:
            newest[(r[0], r[1], r[2] if r[1] is None else None)] = r
        return tuple(CityAnswer(r[0], r[3], bool(r[4]), r[5] if r[4] else "")
                     for r in newest.values())

    # --- the city channel ---------------------------------------------------------------
    async def city_channel(self) -> str | None:
        return await self.session.scalar(
            select(CityChannelRow.conversation_id).order_by(CityChannelRow.id.desc()).limit(1))

    async def set_city_channel(self, conversation_id: str, *, by: str, now: datetime) -> None:
        self.session.add(CityChannelRow(conversation_id=conversation_id, set_by=by, set_at=now))
        await self.session.flush()

    async def city_post(self, city_round_id: int, conversation_id: str
                        ) -> tuple[int, int | None, dict] | None:
        """(row id, first outbox id, snapshot) of the city round's card in this channel."""
        row = (await self.session.execute(
            select(CityPostRow.id, CityPostRow.outbox_id, CityPostRow.snapshot).where(
                CityPostRow.city_round_id == city_round_id,
                CityPostRow.conversation_id == conversation_id).with_for_update())).first()
        return (row[0], row[1], dict(row[2] or {})) if row else None

    async def save_city_post(self, *, post_id: int | None, city_round_id: int,
                             conversation_id: str, outbox_id: int | None, snapshot: dict,
                             now: datetime) -> None:
        if post_id is None:
            self.session.add(CityPostRow(
                city_round_id=city_round_id, conversation_id=conversation_id,
                outbox_id=outbox_id, snapshot=snapshot, posted_at=now, updated_at=now))
        else:
            await self.session.execute(update(CityPostRow).where(CityPostRow.id == post_id)
                                       .values(snapshot=snapshot, updated_at=now))
        await self.session.flush()

    # --- a district's styrgrupp channel -------------------------------------------------
    async def district_of_channel(self, conversation_id: str) -> tuple[int, str] | None:
        """The district whose styrgrupp channel this is (its own, or its newest plan's)."""
        row = (await self.session.execute(
            select(DistrictRow.id, DistrictRow.name)
            .outerjoin(PlanRow, and_(PlanRow.district_id == DistrictRow.id,
                                     PlanRow.steering_conversation_id == conversation_id))
            .where(func.coalesce(DistrictRow.steering_conversation_id,
                                 PlanRow.steering_conversation_id) == conversation_id)
            .limit(1))).first()
        return (row[0], row[1]) if row else None

    async def newest_city_round_id(self) -> int | None:
        return await self.session.scalar(
            select(CityRoundRow.id).order_by(CityRoundRow.id.desc()).limit(1))
