""""Oförändrat sedan förra": earlier answers read for many actions at once, versions appended
in one statement; and the snoozes ("påminn mig i morgon / på måndag") per person and round."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import bindparam, case, func, insert, or_, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from domain.followup import StatusReport
from storage.models import ActionRow, AuditEventRow, SnoozeRow, StatusReportRow
from storage.repos.base import RepoBase
from storage.repos.followup import _REPORTS, _report


@dataclass(frozen=True)
class Answers:
    """What one action of a round has for one person: their newest version in this round (and
    its idempotency key), and the newest earlier version of every party (person, role) that
    answered the action, or the action it continues (last year's, `actions.previous_action_id`),
    in other rounds, among this person and the roles asked about."""

    mine: StatusReport | None
    mine_key: str | None
    earlier: tuple[StatusReport, ...]


def _build_answers_query():
    """ONE read for any number of actions: per (action asked about, this round or not, person,
    role), only the newest version is returned, so the rows stay few as versions pile up."""
    report = StatusReportRow
    this_round = case((report.round_id == bindparam("round_id"), 1), else_=0)
    newest = func.row_number().over(
        partition_by=(ActionRow.id, this_round, report.person_id, report.role_id),
        order_by=(report.created_at.desc(), report.id.desc())).label("newest")
    ranked = (
        select(report.id.label("id"), ActionRow.id.label("for_action"), newest)
        .join(ActionRow, or_(ActionRow.id == report.action_id,
                             ActionRow.previous_action_id == report.action_id))
        .where(ActionRow.id.in_(bindparam("action_ids", expanding=True)),
               report.round_id.is_not(None),  # answers given in Följa, not the imported cell
               or_(report.person_id == bindparam("person_id"),
                   report.role_id.in_(bindparam("role_ids", expanding=True))))
    ).subquery()
    return (_REPORTS.add_columns(ranked.c.for_action)
            .join(ranked, ranked.c.id == StatusReportRow.id).where(ranked.c.newest == 1))


_ANSWERS = _build_answers_query()


class UnchangedRepo(RepoBase):
    async def answers(self, round_id: int, action_ids: list[int], person_id: int,
                      role_ids: set[int]) -> dict[int, Answers]:
        """action id → its `Answers` for this person (and these roles), in one statement."""
        if not action_ids:
            return {}
        rows = (await self.core(_ANSWERS, {
            "round_id": round_id, "action_ids": list(action_ids), "person_id": person_id,
            "role_ids": sorted(role_ids)})).all()
        mine: dict[int, tuple[StatusReport, str | None]] = {}
        earlier: dict[int, list[StatusReport]] = {}
        for row in rows:
            found = _report(row)
            if found.round_id != round_id:
                earlier.setdefault(row.for_action, []).append(found)
            elif found.person_id == person_id and found.action_id == row.for_action:
                mine[row.for_action] = (found, row.idempotency_key)
        return {a: Answers(mine[a][0] if a in mine else None, mine[a][1] if a in mine else None,
                           tuple(earlier.get(a, ()))) for a in action_ids}

    async def add_reports_once(self, rows: list[dict]) -> dict[str, tuple[int, int]]:
        """Append many versions in ONE statement, each numbered inside it; a taken idempotency
        key inserts nothing. Returns key → (id, version) of the rows inserted."""
        if not rows:
            return {}
        table = StatusReportRow.__table__
        insert_ = pg_insert if self.dialect == "postgresql" else sqlite_insert
        values = [{**row, "version": _next_version(row)} for row in rows]
        statement = (insert_(table).values(values)
                     .on_conflict_do_nothing(index_elements=[table.c.idempotency_key])
                     .returning(table.c.id, table.c.version, table.c.idempotency_key))
        result = await self.session.execute(statement)
        return {r.idempotency_key: (r.id, r.version) for r in result.all()}

    async def audit_many(self, events: list[dict]) -> None:
        """Several audit events in one executemany (the keys of `AuditRepo.audit`)."""
        if events:
            at = self.now()
            await self.session.execute(insert(AuditEventRow.__table__), [
                {"at": at, "entity_id": str(e.pop("entity_id", "")), "plan_id": None,
                 "before": None, "after": None, **e} for e in events])

    async def set_snooze(self, person_id: int, round_id: int, until: date) -> None:
        """One snooze per person and round: a new click moves it."""
        insert_ = pg_insert if self.dialect == "postgresql" else sqlite_insert
        statement = insert_(SnoozeRow.__table__).values(
            person_id=person_id, round_id=round_id, until=until, created_at=self.now())
        await self.session.execute(statement.on_conflict_do_update(
            index_elements=["person_id", "round_id"],
            set_={"until": until, "created_at": self.now()}))

    async def snoozes(self, round_id: int) -> dict[int, date]:
        """person id → the day before which this round does not remind them."""
        rows = await self.session.execute(
            select(SnoozeRow.person_id, SnoozeRow.until).where(SnoozeRow.round_id == round_id))
        return {r.person_id: r.until for r in rows.all()}


def _next_version(row: dict):
    prev = StatusReportRow.__table__.alias("prev")
    return (select(func.coalesce(func.max(prev.c.version), 0) + 1)
            .where(prev.c.round_id == row["round_id"], prev.c.action_id == row["action_id"],
                   prev.c.person_id == row["person_id"])
            .scalar_subquery())
