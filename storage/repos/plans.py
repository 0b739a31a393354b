"""Plans, areas and actions."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from types import SimpleNamespace
from typing import Any, cast

from sqlalchemy import (
    JSON,
    ColumnElement,
    and_,
    bindparam,
    exists,
    func,
    literal_column,
    select,
)
from sqlalchemy.orm import selectinload

from domain.followup import Round
from domain.model import (
    Action,
    ActionStatus,
    Area,
    Organisation,
    Person,
    Plan,
    PlanStatus,
    PlanSummary,
    Responsibility,
    Role,
)
from domain.periods import Period
from domain.when import When
from storage.models import (
    ActionRow,
    AreaRow,
    DelegationRow,
    PersonRow,
    PlanRow,
    ReportingPeriodRow,
    ResponsibilityRow,
    RoleHolderRow,
    RoleRow,
    RoundRow,
)
from storage.repos.base import holds_in_plan, role_of, when_of
from storage.repos.districts import DistrictsRepo
from storage.repos.followup import round_of
from storage.repos.outbox import aware
from storage.repos.people import PeopleRepo


class PlansRepo(PeopleRepo, DistrictsRepo):  # a plan comes with its roles' holders
    async def list_plans(self) -> list[PlanSummary]:
        action_count = (
            select(func.count(ActionRow.id))
            .where(ActionRow.plan_id == PlanRow.id, ActionRow.status == "active")
            .scalar_subquery()
        )
        area_count = select(func.count(AreaRow.id)).where(AreaRow.plan_id == PlanRow.id)
        rows = await self.session.execute(
            select(PlanRow, area_count.scalar_subquery(), action_count).order_by(
                PlanRow.year.desc(), PlanRow.district
            )
        )
        return [
            PlanSummary(p.id, p.year, p.district, PlanStatus(p.status), areas, actions,
                        p.district_id)
            for p, areas, actions in rows.all()
        ]

    async def find_plan_id(self, ref: str) -> int | None:
        """A plan by id, or by "district year" / "district" (the newest), case-insensitive."""
        ref = ref.strip()
        if ref.isdigit():
            found = await self.session.get(PlanRow, int(ref))
            return found.id if found else None
        query = select(PlanRow.id, PlanRow.district, PlanRow.year).order_by(PlanRow.year.desc())
        for plan_id, district, year in (await self.session.execute(query)).all():
            if ref.lower() in (f"{district} {year}".lower(), district.lower(), str(year)):
                return plan_id
        return None

    async def create_plan(
        self, *, year: int, district: str, police_area: str = "", title: str = "",
        source_file: str = "", status: PlanStatus = PlanStatus.ACTIVE,
    ) -> int:
        now = self.now()
        found = await self.ensure_district(district)
        row = PlanRow(
            year=year, district=found.name, district_id=found.id, police_area=police_area,
            title=title,
            source_file=source_file, status=status.value, created_at=now, updated_at=now,
        )
        self.session.add(row)
        await self.session.flush()
        return row.id

    async def add_area(
        self, plan_id: int, name: str, position: int, *, sheet_name: str = "", custom: bool = False
    ) -> int:
        row = AreaRow(
            plan_id=plan_id, name=name, position=position, sheet_name=sheet_name, custom=custom
        )
        self.session.add(row)
        await self.session.flush()
        return row.id

    async def add_action(self, plan_id: int, area_id: int, position: int, **fields) -> int:
        """Insert an action; `fields` are ActionRow columns (title, problem, when, …)."""
        when: When | None = fields.pop("when", None)
        if when is not None:
            fields.update(
                when_text=when.text, when_kind=when.kind.value,
                times_per_year=when.times_per_year, deadline=when.deadline,
            )
        row = ActionRow(plan_id=plan_id, area_id=area_id, position=position, **fields)
        self.session.add(row)
        await self.session.flush()
        return row.id

    async def count_plans(self) -> int:
        return int(await self.session.scalar(select(func.count(PlanRow.id))) or 0)

    async def get_plan(self, plan_id: int, *, include_archived: bool = False) -> Plan | None:
        """The whole plan: `get_plans` of one."""
        found = await self.get_plans([plan_id], include_archived=include_archived)
        return found.get(plan_id)

    async def get_plans(self, plan_ids: Sequence[int], *, include_archived: bool = False
                        ) -> dict[int, Plan]:
        """plan id → the whole plan, however many plans: six queries (plans, areas, actions,
        responsibilities, roles, holders; the ORM asks for children 500 ids at a time), so a
        city round reads its districts' plans as one."""
        if not plan_ids:
            return {}
        plans = list(await self.session.scalars(
            select(PlanRow)
            .where(PlanRow.id.in_(list(plan_ids)))
            .options(
                selectinload(PlanRow.areas)
                .selectinload(AreaRow.actions)
                .selectinload(ActionRow.responsibilities)
                .selectinload(ResponsibilityRow.role)
            )
        ))
        if not plans:
            return {}
        holders = await self.holders_by_plan([p.id for p in plans])
        return {p.id: self._plan_of(p, holders.get(p.id, {}), include_archived) for p in plans}

    @classmethod
    def _plan_of(cls, plan: PlanRow, holders: dict[int, tuple[Person, ...]],
                 include_archived: bool) -> Plan:
        areas = tuple(
            Area(
                id=a.id, position=a.position, name=a.name, custom=a.custom,
                actions=tuple(
                    cls._action_of(x, holders)
                    for x in a.actions
                    if include_archived or x.status == ActionStatus.ACTIVE.value
                ),
            )
            for a in plan.areas
        )
        return Plan(
            id=plan.id, year=plan.year, district=plan.district, police_area=plan.police_area,
            title=plan.title, status=PlanStatus(plan.status), source_file=plan.source_file,
            areas=areas, created_at=plan.created_at,
        )

    async def action_of_round(self, round_id: int, action_id: int
                              ) -> tuple[Round, Action, str, bool, tuple[Period, ...]] | None:
        """The round, one active action of its plan (roles, their holders in that plan, as
        `get_plan` builds it), the action's area name, whether someone handed it over ("inte
        min") and the closed reporting periods: ONE query, because a card save or open needs one
        action, not the plan, and must not spend a statement on asking whether it may save.
        None when the round or the action is not there."""
        dialect = self.dialect
        rows = (await self.core(_ACTION_OF_ROUND[dialect == "postgresql"], {
            "round_id": round_id, "action_id": action_id, "active": ActionStatus.ACTIVE.value,
        })).all()
        if not rows:
            return None
        first = rows[0]
        roles: dict[int, tuple[Role, bool, list[Person]]] = {}
        for r in rows:  # a row per responsibility, its holders as one JSON array
            if r.resp_id is None:
                continue
            people = sorted((_holder(h) for h in r.holders or ()), key=lambda p: p.id)
            roles[r.resp_id] = (Role(r.role_id, r.role_name, Organisation(r.role_organisation),
                                     tuple(r.role_aliases or ())), r.resp_lead, people)
        ordered = sorted(roles.items(), key=lambda kv: (not kv[1][1], kv[0]))
        action = Action(
            id=first.id, area_id=first.area_id, position=first.position, title=first.title,
            problem=first.problem, cause=first.cause, action_text=first.action_text,
            goal=first.goal, when=when_of(first), who_text=first.who_text,
            status=ActionStatus(first.status), imported_follow_up=first.imported_follow_up,
            responsibilities=tuple(Responsibility(role, lead, tuple(people))
                                   for _, (role, lead, people) in ordered),
        )
        rnd = round_of(cast(RoundRow, SimpleNamespace(**{c.name: getattr(first, f"r_{c.name}")
                                                         for c in RoundRow.__table__.c})))
        closed = tuple(Period(y, k, _day(s), _day(e), _instant(at), by)
                       for y, k, s, e, at, by in first.closed_periods or ())
        return rnd, action, first.area_name, bool(first.handed_over), closed

    @staticmethod
    def _action_of(row: ActionRow, holders: dict[int, tuple[Person, ...]]) -> Action:
        return Action(
            id=row.id, area_id=row.area_id, position=row.position, title=row.title,
            problem=row.problem, cause=row.cause, action_text=row.action_text, goal=row.goal,
            when=when_of(row), who_text=row.who_text, status=ActionStatus(row.status),
            imported_follow_up=row.imported_follow_up,
            responsibilities=tuple(
                Responsibility(role_of(r.role), r.lead, holders.get(r.role_id, ()))
                for r in sorted(row.responsibilities, key=lambda r: (not r.lead, r.id))
            ),
        )


# Built once (a statement is immutable); building it per call cost more CPU than running it.
_HOLDER = and_(RoleHolderRow.role_id == ResponsibilityRow.role_id, holds_in_plan(ActionRow.plan_id))
_PERIOD_FIELDS = (ReportingPeriodRow.year, ReportingPeriodRow.key, ReportingPeriodRow.starts,
                  ReportingPeriodRow.ends, ReportingPeriodRow.closed_at,
                  ReportingPeriodRow.closed_by)
_HOLDER_FIELDS = ("id", "email", "display_name", "aad_object_id", "teams_user_id", "tenant_id",
                  "language", "away_until")


def _day(text: str) -> date:
    return date.fromisoformat(str(text)[:10])


def _instant(text: str) -> datetime:
    """A timestamp from the JSON the database built (SQLite keeps UTC without an offset)."""
    return aware(datetime.fromisoformat(str(text)))


def _holder(h: dict) -> Person:
    """A role holder from the JSON the database built (dates come as ISO text)."""
    away = h.get("away_until")
    return Person(**{**h, "away_until": date.fromisoformat(away[:10]) if away else None})


def _build_action_of_round(postgresql: bool):
    """One row per responsibility, the holders aggregated into JSON by the database: a row per
    holder repeated the action's long texts, and decoding them showed in a card save's CPU when a
    role has many holders (see BENCHMARKS.md, 'card save')."""
    pairs: list[ColumnElement[Any]] = []
    for f in _HOLDER_FIELDS:
        pairs += [literal_column(f"'{f}'"), PersonRow.__table__.c[f]]
    if postgresql:
        holders = func.json_agg(func.json_build_object(*pairs), type_=JSON)
        closed = func.json_agg(func.json_build_array(*_PERIOD_FIELDS), type_=JSON)
    else:
        holders = func.json_group_array(func.json_object(*pairs), type_=JSON)
        closed = func.json_group_array(func.json_array(*_PERIOD_FIELDS), type_=JSON)
    return (
        select(
            *ActionRow.__table__.c, AreaRow.name.label("area_name"),
            *(c.label(f"r_{c.name}") for c in RoundRow.__table__.c),
            exists().where(DelegationRow.action_id == ActionRow.id,
                           DelegationRow.round_id == RoundRow.id,
                           DelegationRow.revoked_at.is_(None)).label("handed_over"),
            ResponsibilityRow.id.label("resp_id"), ResponsibilityRow.lead.label("resp_lead"),
            RoleRow.id.label("role_id"), RoleRow.name.label("role_name"),
            RoleRow.organisation.label("role_organisation"), RoleRow.aliases.label("role_aliases"),
            holders.filter(PersonRow.id.is_not(None)).label("holders"),
            select(closed).where(ReportingPeriodRow.closed_at.is_not(None))
            .scalar_subquery().label("closed_periods"),
        )
        .join(RoundRow, RoundRow.plan_id == ActionRow.plan_id)
        .join(AreaRow, AreaRow.id == ActionRow.area_id)
        .outerjoin(ResponsibilityRow, ResponsibilityRow.action_id == ActionRow.id)
        .outerjoin(RoleRow, RoleRow.id == ResponsibilityRow.role_id)
        .outerjoin(RoleHolderRow, _HOLDER)
        .outerjoin(PersonRow, PersonRow.id == RoleHolderRow.person_id)
        .where(RoundRow.id == bindparam("round_id"), ActionRow.id == bindparam("action_id"),
               ActionRow.status == bindparam("active"))
        .group_by(ActionRow.id, RoundRow.id, AreaRow.id, ResponsibilityRow.id, RoleRow.id)
        .order_by(ResponsibilityRow.id)
    )


# Built once per dialect (JSON functions differ): building a statement per call cost more CPU
# than running it.
_ACTION_OF_ROUND = {False: _build_action_of_round(False), True: _build_action_of_round(True)}
