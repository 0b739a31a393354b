"""Rounds, status reports (append-only versions) and delegations ("inte min")."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import ColumnElement, bindparam, func, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import aliased

from domain.followup import Round, RoundState, StatusInput, StatusReport
from domain.model import Person
from domain.status import Status
from storage.models import (
    ActionRow,
    ConversationRefRow,
    DelegationRow,
    PersonRow,
    PlanRow,
    RoleRow,
    RoundRow,
    StatusReportRow,
)
from storage.repos.base import RepoBase, person_of, touched


def round_of(row: RoundRow) -> Round:
    return Round(
        id=row.id, plan_id=row.plan_id, label=row.label, due_date=row.due_date,
        area_ids=tuple(row.area_ids or ()), state=RoundState(row.status), opened_at=row.opened_at,
        closed_at=row.closed_at, opened_by=row.opened_by,
        reminder_days_before=row.reminder_days_before, city_round_id=row.city_round_id,
    )


def report_of(row: StatusReportRow, person: str | None = "", role: str | None = "") -> StatusReport:
    return StatusReport(
        id=row.id, round_id=row.round_id, action_id=row.action_id, person_id=row.person_id,
        role_id=row.role_id, version=row.version, status=Status(row.status),
        done_text=row.done_text, occasions=row.occasions, needs_support=row.needs_support,
        support_text=row.support_text, source=row.source, created_at=row.created_at,
        person_name=person or "", role_name=role or "", attributed_to=row.attributed_to,
        acted_by_id=row.acted_by_person_id,
    )


def _build_reports_query():
    # Plain columns, not the entity: a card save reads every party's latest report, and building
    # ORM objects for them cost more than the query.
    person = aliased(PersonRow)
    return (
        select(*StatusReportRow.__table__.c,
               func.coalesce(func.nullif(person.display_name, ""), person.email).label("person_name"),
               RoleRow.name.label("role_name"))
        .outerjoin(person, person.id == StatusReportRow.person_id)
        .outerjoin(RoleRow, RoleRow.id == StatusReportRow.role_id)
    )


def _report(row) -> StatusReport:
    return report_of(row, row.person_name, row.role_name)


# Built once: a select is immutable (.where() copies), and building it took more CPU per card
# save than running it.
_REPORTS = _build_reports_query()


def _reports_query():
    return _REPORTS


# A save's audit "before", built once: building a query per save cost more CPU than running it.
_NEWEST_OF_PERSON = (_REPORTS.where(StatusReportRow.round_id == bindparam("round_id"),
                                    StatusReportRow.action_id == bindparam("action_id"),
                                    StatusReportRow.person_id == bindparam("person_id"))
                     .order_by(StatusReportRow.version.desc()).limit(1))


class FollowupRepo(RepoBase):
    async def create_round(
        self, *, plan_id: int, label: str, due: date | None, area_ids: list[int], opened_by: str,
        now: datetime, reminder_days_before: int | None = None, city_round_id: int | None = None,
    ) -> Round:
        row = RoundRow(
            plan_id=plan_id, label=label, due_date=due, area_ids=list(area_ids), status="open",
            opened_at=now, opened_by=opened_by, reminder_days_before=reminder_days_before,
            city_round_id=city_round_id,
        )
        self.session.add(row)
        await self.session.flush()
        return round_of(row)

    async def get_round(self, round_id: int) -> Round | None:
        row = await self.session.get(RoundRow, round_id)
        return round_of(row) if row else None

    async def find_round(self, ref: str) -> Round | None:
        """A round by id, or the newest round with this label (case-insensitive)."""
        ref = ref.strip()
        if ref.isdigit():
            return await self.get_round(int(ref))
        row = await self.session.scalar(
            select(RoundRow).where(func.lower(RoundRow.label) == ref.lower())
            .order_by(RoundRow.id.desc()).limit(1)
        )
        return round_of(row) if row else None

    async def open_rounds(self, plan_id: int | None = None) -> list[Round]:
        query = select(RoundRow).where(RoundRow.status == RoundState.OPEN.value)
        if plan_id is not None:
            query = query.where(RoundRow.plan_id == plan_id)
        return [round_of(r) for r in await self.session.scalars(query.order_by(RoundRow.id))]

    async def lock_plan(self, plan_id: int) -> None:
        """Hold the plan row until the transaction ends (PostgreSQL; SQLite runs one at a time),
        so checks such as "no other open round for these areas" cannot race."""
        await self.session.execute(select(PlanRow.id).where(PlanRow.id == plan_id)
                                   .with_for_update())

    async def lock_plans(self, plan_ids: Sequence[int]) -> None:
        """`lock_plan` for several plans in one statement, in id order (two city rounds opened
        at once take the locks in the same order, so neither waits for the other forever)."""
        if plan_ids:
            await self.session.execute(select(PlanRow.id).where(PlanRow.id.in_(list(plan_ids)))
                                       .order_by(PlanRow.id).with_for_update())

    async def close_round(self, round_id: int, now: datetime) -> None:
        row = await self.session.get(RoundRow, round_id)
        if row is not None and row.status == RoundState.OPEN.value:
            row.status, row.closed_at = RoundState.CLOSED.value, now
            await self.session.flush()

    async def newest_report(self, round_id: int, action_id: int, person_id: int
                            ) -> StatusReport | None:
        """This person's newest version for one action in one round (a save's audit "before")."""
        return (await self.newest_report_keyed(round_id, action_id, person_id))[0]

    async def newest_report_keyed(self, round_id: int, action_id: int, person_id: int
                                  ) -> tuple[StatusReport | None, str | None]:
        """The newest version and its idempotency key, in one statement: a save compares the
        card's base with it (stale card?) and its key with the save's (a replay?)."""
        found = (await self.core(_NEWEST_OF_PERSON, {
            "round_id": round_id, "action_id": action_id, "person_id": person_id})).first()
        return (_report(found), found.idempotency_key) if found else (None, None)

    async def report_by_key(self, key: str) -> StatusReport | None:
        found = (await self.session.execute(
            _reports_query().where(StatusReportRow.idempotency_key == key)
        )).first()
        return _report(found) if found else None

    async def add_status_report(
        self, data: StatusInput, *, person_id: int, role_id: int | None, source: str,
        key: str | None, now: datetime, attributed_to: str = "",
    ) -> StatusReport:
        """Append the next version for (round, action, person)."""
        latest = await self.session.scalar(
            select(func.max(StatusReportRow.version)).where(
                StatusReportRow.round_id == data.round_id,
                StatusReportRow.action_id == data.action_id,
                StatusReportRow.person_id == person_id,
            )
        )
        row = StatusReportRow(
            round_id=data.round_id, action_id=data.action_id, person_id=person_id,
            role_id=role_id, version=(latest or 0) + 1, status=data.status.value,
            done_text=data.done_text, occasions=data.occasions, needs_support=data.needs_support,
            support_text=data.support_text, source=source, attributed_to=attributed_to,
            idempotency_key=key, created_at=now,
        )
        self.session.add(row)
        await self.session.flush()
        return (await self.report_by_id(row.id))

    async def report_by_id(self, report_id: int) -> StatusReport:
        found = (await self.session.execute(
            _reports_query().where(StatusReportRow.id == report_id)
        )).one()
        return _report(found)

    async def latest_reports(self, plan_id: int, round_id: int | None = None, *,
                             action_ids: list[int] | None = None) -> list[StatusReport]:
        """The latest StatusReport per (action, person): in one round, or over the whole plan
        (optionally only for some actions). The database picks the latest (newest created_at,
        then id), so only those rows are read: a save's cost stays flat as versions pile up."""
        return await self._latest_reports(ActionRow.plan_id == plan_id, round_id, action_ids)

    async def latest_reports_of_plans(self, plan_ids: Sequence[int]) -> list[StatusReport]:
        """`latest_reports` over several whole plans in one query (an action belongs to one
        plan, so this is each plan's list, merged in the same order)."""
        if not plan_ids:
            return []
        return await self._latest_reports(ActionRow.plan_id.in_(list(plan_ids)), None, None)

    async def _latest_reports(self, in_plans: ColumnElement[bool], round_id: int | None,
                              action_ids: list[int] | None) -> list[StatusReport]:
        newest = func.row_number().over(
            partition_by=(StatusReportRow.action_id, StatusReportRow.person_id),
            order_by=(StatusReportRow.created_at.desc(), StatusReportRow.id.desc()),
        ).label("newest")
        ranked = select(StatusReportRow.id, newest).join(
            ActionRow, ActionRow.id == StatusReportRow.action_id).where(in_plans)
        if round_id is not None:
            ranked = ranked.where(StatusReportRow.round_id == round_id)
        if action_ids is not None:
            ranked = ranked.where(StatusReportRow.action_id.in_(action_ids))
        latest = ranked.subquery()
        rows = (await self.session.execute(_reports_query().where(StatusReportRow.id.in_(
            select(latest.c.id).where(latest.c.newest == 1))))).all()
        return sorted((_report(r) for r in rows), key=lambda r: (r.action_id, r.person_id or 0))

    async def report_history(self, round_id: int, action_id: int) -> list[StatusReport]:
        """Every version saved for one action in one round, oldest first."""
        rows = (await self.session.execute(
            _reports_query().where(
                StatusReportRow.round_id == round_id, StatusReportRow.action_id == action_id
            ).order_by(StatusReportRow.id)
        )).all()
        return [_report(r) for r in rows]

    async def add_delegation(
        self, *, action_id: int, round_id: int | None, from_person_id: int,
        to_person_id: int | None, now: datetime,
    ) -> int:
        row = DelegationRow(
            action_id=action_id, round_id=round_id, from_person_id=from_person_id,
            to_person_id=to_person_id, created_at=now,
        )
        self.session.add(row)
        await self.session.flush()
        return row.id

    async def delegations(self, action_ids: list[int], round_id: int
                          ) -> list[tuple[int, int, int | None]]:
        """Active (action_id, from_person_id, to_person_id) hand-overs for these actions in
        this round: a hand-over holds for the round it was made in, the next prompts the owner."""
        if not action_ids:
            return []
        rows = await self.session.execute(
            select(DelegationRow.action_id, DelegationRow.from_person_id, DelegationRow.to_person_id)
            .where(DelegationRow.action_id.in_(action_ids), DelegationRow.round_id == round_id,
                   DelegationRow.revoked_at.is_(None))
            .order_by(DelegationRow.id)
        )
        return [(r[0], r[1], r[2]) for r in rows.all()]

    async def delegations_in_rounds(self, round_ids: Sequence[int]
                                    ) -> list[tuple[int, int, int, int | None]]:
        """Active hand-overs of several rounds in one query: (round_id, action_id,
        from_person_id, to_person_id), oldest first, as `delegations` orders them."""
        if not round_ids:
            return []
        rows = await self.session.execute(
            select(DelegationRow.round_id, DelegationRow.action_id, DelegationRow.from_person_id,
                   DelegationRow.to_person_id)
            .where(DelegationRow.round_id.in_(list(round_ids)), DelegationRow.revoked_at.is_(None))
            .order_by(DelegationRow.id)
        )
        return [(r[0] or 0, r[1], r[2], r[3]) for r in rows.all()]  # round_id IN (…): never None

    async def round_delegations(self, round_id: int
                                ) -> list[tuple[int, int, int, int | None]]:
        """The round's active hand-overs: (id, action_id, from_person_id, to_person_id)."""
        rows = await self.session.execute(
            select(DelegationRow.id, DelegationRow.action_id, DelegationRow.from_person_id,
                   DelegationRow.to_person_id)
            .where(DelegationRow.round_id == round_id, DelegationRow.revoked_at.is_(None))
            .order_by(DelegationRow.id)
        )
        return [(r[0], r[1], r[2], r[3]) for r in rows.all()]

    async def active_delegation(self, delegation_id: int
                                ) -> tuple[int, int, int, int | None] | None:
        """(round_id, action_id, from_person_id, to_person_id) of a hand-over not yet undone."""
        row = await self.session.get(DelegationRow, delegation_id)
        if row is None or row.revoked_at is not None or row.round_id is None:
            return None
        return row.round_id, row.action_id, row.from_person_id, row.to_person_id

    async def revoke_delegation(self, delegation_id: int, now: datetime) -> bool:
        """Undo a hand-over (kept, marked revoked); False when it was undone already."""
        result = await self.session.execute(
            update(DelegationRow).where(DelegationRow.id == delegation_id,
                                        DelegationRow.revoked_at.is_(None))
            .values(revoked_at=now)
        )
        return bool(touched(result))

    async def people_by_ids(self, ids: set[int]) -> dict[int, Person]:
        if not ids:
            return {}
        rows = await self.session.scalars(select(PersonRow).where(PersonRow.id.in_(ids)))
        return {r.id: person_of(r) for r in rows}

    async def any_service_url(self, tenant_id: str | None) -> str | None:
        """A service URL Teams gave us for this tenant (to create a personal chat there)."""
        query = select(ConversationRefRow.service_url).order_by(ConversationRefRow.updated_at.desc())
        if tenant_id:
            query = query.where(ConversationRefRow.tenant_id == tenant_id)
        return await self.session.scalar(query.limit(1))

    async def add_status_report_once(
        self, data: StatusInput, *, person_id: int, role_id: int | None, source: str,
        key: str | None, now: datetime, names: tuple[str, str] | None = None,
        attributed_to: str = "", acted_by: int | None = None,
    ) -> tuple[StatusReport, bool]:
        """Append a version; if a replay (or a concurrent one) stored the same key first, return
        that one.

        One statement: the version is computed inside the INSERT (so it cannot be read stale),
        and a taken key inserts nothing (ON CONFLICT DO NOTHING) instead of failing, so no
        savepoint is needed. `names` (person name, role name) as `report_by_id` would give them
        spare a read; without them the stored report is read back.
        """
        dialect = self.dialect
        stored = (await self.session.execute(_INSERT_REPORT[dialect == "postgresql"], {
            "round_id": data.round_id, "action_id": data.action_id, "person_id": person_id,
            "role_id": role_id, "status": data.status.value, "done_text": data.done_text,
            "occasions": data.occasions, "needs_support": data.needs_support,
            "support_text": data.support_text, "source": source, "attributed_to": attributed_to,
            "acted_by_person_id": acted_by, "idempotency_key": key, "created_at": now,
        })).first()
        if stored is None:
            existing = await self.report_by_key(key) if key else None
            if existing is None:  # the key's row vanished between the two statements
                raise IntegrityError("status report key taken but not found", key,
                                     LookupError(key))
            return existing, False
        if names is None:
            return await self.report_by_id(stored.id), True
        return StatusReport(
            id=stored.id, round_id=data.round_id, action_id=data.action_id, person_id=person_id,
            role_id=role_id, version=stored.version, status=data.status,
            done_text=data.done_text, occasions=data.occasions,
            needs_support=data.needs_support, support_text=data.support_text, source=source,
            created_at=now, person_name=names[0] or "", role_name=names[1] or "",
            attributed_to=attributed_to, acted_by_id=acted_by,
        ), True


def _build_insert_report(insert):
    """INSERT one version, numbered inside the statement; a taken key (NULL never is) inserts
    nothing. Built once per dialect: building it per save cost more CPU than running it."""
    table = StatusReportRow.__table__
    prev = table.alias("prev")
    version = (
        select(func.coalesce(func.max(prev.c.version), 0) + 1)
        .where(prev.c.round_id == bindparam("round_id"),
               prev.c.action_id == bindparam("action_id"),
               prev.c.person_id == bindparam("person_id"))
        .scalar_subquery()
    )
    columns = ("round_id", "action_id", "person_id", "role_id", "status", "done_text",
               "occasions", "needs_support", "support_text", "source", "attributed_to",
               "acted_by_person_id", "idempotency_key", "created_at")
    return (
        insert(table)
        .values(version=version, **{c: bindparam(c, type_=table.c[c].type) for c in columns})
        .on_conflict_do_nothing(index_elements=[table.c.idempotency_key])
        .returning(table.c.id, table.c.version)
    )


_INSERT_REPORT = {False: _build_insert_report(sqlite_insert), True: _build_insert_report(pg_insert)}
