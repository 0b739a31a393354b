"""Personal data: everything stored about a person, forgetting them, and retention of free text.

Whoever asks for the register extract (GDPR art. 15) or erasure (art. 17) gets it from here, so
the list of tables that hold personal data lives in one place. Forgetting pseudonymises rather
than deletes: the status reports a person wrote stay (the follow-up is a public body's record),
attributed to the role they reported for.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, String, Table, Text, cast, delete, func, inspect, or_, select, update

from storage.models import (
    ActionLinkRow,
    AuditEventRow,
    Base,
    ConversationRefRow,
    DelegationRow,
    OutboxRow,
    PersonRow,
    RoleHolderRow,
    RoleRow,
    RoundRow,
    SdkStateRow,
    StandinRow,
    StatusReportRow,
)
from storage.repos.base import RepoBase, touched
from storage.repos.erasure import Eraser

FORGOTTEN_ROLE = "okänd roll"


def audit_actor(person_id: int) -> str:
    """How a forgotten person appears among audit actors: the same as their Teams-side changes."""
    return f"person:{person_id}"


def identifiers(person: PersonRow) -> tuple[str, ...]:
    """What identifies the person outside Följa: name, e-mail, Teams id, AAD id."""
    return tuple(x for x in (person.display_name, person.email, person.teams_user_id,
                             person.aad_object_id) if x)


def row_dict(row: Any) -> dict[str, Any]:
    """Every column of a row as plain data (dates stay datetimes; the service makes JSON)."""
    return {c.key: getattr(row, c.key) for c in inspect(row).mapper.column_attrs}


class PrivacyRepo(RepoBase):
    async def person_row_by_email(self, email: str) -> PersonRow | None:
        return await self.session.scalar(
            select(PersonRow).where(func.lower(PersonRow.email) == email.strip().lower())
        )

    async def person_record(self, person: PersonRow) -> dict[str, list[dict]]:
        """Rows in every table that hold something about this person."""
        pid, email = person.id, (person.email or "").lower()
        roles = await self.session.execute(
            select(RoleHolderRow.district_id, RoleRow.name, RoleRow.organisation)
            .join(RoleRow, RoleRow.id == RoleHolderRow.role_id)
            .where(RoleHolderRow.person_id == pid).order_by(RoleRow.name)
        )
        actor = [AuditEventRow.actor == email] if email else []
        actor.append(AuditEventRow.actor == f"person:{pid}")  # how Teams-side changes sign
        return {
            "roles": [{"role": n, "organisation": o, "district_id": d} for d, n, o in roles.all()],
            "conversation_refs": await self._pd_rows(ConversationRefRow, ConversationRefRow.person_id == pid),
            "status_reports": await self._pd_rows(StatusReportRow, or_(
                StatusReportRow.person_id == pid, StatusReportRow.acted_by_person_id == pid)),
            "standins": await self._pd_rows(StandinRow, or_(
                StandinRow.person_id == pid, StandinRow.standin_person_id == pid)),
            "delegations": await self._pd_rows(DelegationRow, or_(
                DelegationRow.from_person_id == pid, DelegationRow.to_person_id == pid)),
            "rounds_opened": await self._pd_rows(RoundRow, func.lower(RoundRow.opened_by) == email)
            if email else [],
            "outbox": await self._pd_rows(OutboxRow, OutboxRow.person_id == pid),
            "audit_events": await self._pd_rows(AuditEventRow, or_(
                (AuditEventRow.entity == "person") & (AuditEventRow.entity_id == str(pid)), *actor)),
        }

    async def _pd_rows(self, model, condition) -> list[dict]:
        rows = await self.session.scalars(select(model).where(condition).order_by(model.id))
        return [row_dict(r) for r in rows]

    async def forget_person(self, person: PersonRow, pseudonym: str, now: datetime) -> dict[str, int]:
        """Pseudonymise the person everywhere; returns how many rows each step touched."""
        pid, email = person.id, (person.email or "").lower()
        eraser = Eraser(identifiers(person), pseudonym)
        counts = {"status_reports": await self._pd_attribute_reports(pid)}
        refs = await self.session.scalars(
            select(ConversationRefRow.conversation_id).where(ConversationRefRow.person_id == pid))
        state_keys = [*refs, *eraser.identifiers]
        counts["sdk_state"] = await self._pd_delete_state(state_keys)
        counts["conversation_refs"] = touched(await self.session.execute(
            delete(ConversationRefRow).where(ConversationRefRow.person_id == pid)))
        counts["role_holders"] = touched(await self.session.execute(
            delete(RoleHolderRow).where(RoleHolderRow.person_id == pid)))
        counts["standins"] = touched(await self.session.execute(delete(StandinRow).where(
            or_(StandinRow.person_id == pid, StandinRow.standin_person_id == pid))))
        await self.session.execute(update(OutboxRow).where(
            OutboxRow.person_id == pid, OutboxRow.status.in_(("pending", "sending")))
            .values(status="failed", last_error="person forgotten"))
        counts["outbox"] = touched(await self.session.execute(
            update(OutboxRow).where(OutboxRow.person_id == pid).values(target={}, activity={})
        ))
        counts["audit_events"] = await self._pd_pseudonymise_audit(pid, eraser)
        if email:
            await self.session.execute(update(RoundRow).where(
                func.lower(RoundRow.opened_by) == email).values(opened_by=pseudonym))
            await self.session.execute(update(ActionLinkRow).where(
                func.lower(ActionLinkRow.decided_by) == email).values(decided_by=pseudonym))
        await self.session.flush()
        counts["erased_elsewhere"] = await self._pd_erase_everywhere(eraser, pid)
        person.email = person.aad_object_id = person.teams_user_id = person.tenant_id = None
        person.display_name, person.unreachable_reason = pseudonym, "forgotten"
        person.away_until, person.forgotten_at, person.updated_at = None, now, now
        await self.session.flush()
        return counts

    async def _pd_attribute_reports(self, pid: int) -> int:
        """Reports stay, attributed to the role they were written for; the person link goes."""
        rows = (await self.session.execute(
            select(StatusReportRow, RoleRow.name)
            .outerjoin(RoleRow, RoleRow.id == StatusReportRow.role_id)
            .where(StatusReportRow.person_id == pid))).all()
        fallback = await self.session.scalar(
            select(RoleRow.name).join(RoleHolderRow, RoleHolderRow.role_id == RoleRow.id)
            .where(RoleHolderRow.person_id == pid).order_by(RoleRow.name).limit(1))
        for report, role_name in rows:
            report.attributed_to = role_name or fallback or FORGOTTEN_ROLE
            report.person_id = None
        return len(rows)

    async def _pd_delete_state(self, fragments: list[str]) -> int:
        """The SDK's stored conversation/user state for these conversations and this user."""
        if not fragments:
            return 0
        keys = await self.session.scalars(select(SdkStateRow.key))
        wanted = [f.lower() for f in fragments if f]
        doomed = [k for k in keys if any(f in k.lower() for f in wanted)]
        if doomed:
            await self.session.execute(delete(SdkStateRow).where(SdkStateRow.key.in_(doomed)))
        return len(doomed)

    async def _pd_pseudonymise_audit(self, pid: int, eraser: Eraser) -> int:
        """Events by the person sign as `person:<id>`; events about them keep no values."""
        about = (AuditEventRow.entity == "person") & (AuditEventRow.entity_id == str(pid))
        names = [n.lower() for n in eraser.identifiers]
        rows = await self.session.scalars(select(AuditEventRow).where(
            or_(about, func.lower(AuditEventRow.actor).in_(names))))
        count = 0
        for row in rows:
            if row.actor.lower() in names:
                row.actor = audit_actor(pid)
            if row.entity == "person" and row.entity_id == str(pid):
                row.before = {"forgotten": True} if row.before else None
                row.after = {"forgotten": True} if row.after else None
            count += 1
        return count

    async def _pd_erase_everywhere(self, eraser: Eraser, pid: int) -> int:
        """Rewrite every text and JSON value in every table that still names the person.

        Table by table rather than a list of known places, so a copy made by a path nobody
        thought of (a card addressed to someone else, an SDK state blob) is reached too. Keys are
        left alone (the SDK state rows keyed by the person were deleted before); the person's own
        row is rewritten by the caller.
        """
        needles = eraser.needles()
        if not needles:
            return 0
        changed = 0
        for table in Base.metadata.sorted_tables:
            columns = [c for c in table.columns if not c.primary_key
                       and isinstance(c.type, String | Text | JSON)]
            if not columns or table.name == PersonRow.__tablename__:
                continue
            changed += await self._pd_erase_in(table, columns, eraser, needles)
        return changed

    async def _pd_erase_in(self, table: Table, columns: list, eraser: Eraser,
                           needles: set[str]) -> int:
        found = or_(*(func.lower(cast(c, Text)).contains(n, autoescape=True)
                      for c in columns for n in needles))
        keys = list(table.primary_key.columns)
        rows = (await self.session.execute(select(*keys, *columns).where(found))).mappings().all()
        for row in rows:
            values = {}
            for c in columns:
                old = row[c]
                new = eraser.value(old)
                if new != old:
                    length = getattr(c.type, "length", None)
                    values[c.key] = new[:length] if length and isinstance(new, str) else new
            if values:
                await self.session.execute(update(table).where(
                    *(k == row[k] for k in keys)).values(values))
        return len(rows)

    async def strip_old_free_text(self, before: datetime) -> int:
        """Empty done/support text of reports older than `before`; statuses and counts stay."""
        result = await self.session.execute(
            update(StatusReportRow)
            .where(StatusReportRow.created_at < before,
                   or_(StatusReportRow.done_text != "", StatusReportRow.support_text != ""))
            .values(done_text="", support_text="")
        )
        return touched(result)

    async def old_free_texts(self, before: datetime) -> set[str]:
        """The free texts `strip_old_free_text` is about to empty (to find their copies)."""
        rows = await self.session.execute(
            select(StatusReportRow.done_text, StatusReportRow.support_text)
            .where(StatusReportRow.created_at < before,
                   or_(StatusReportRow.done_text != "", StatusReportRow.support_text != "")))
        return {t.strip() for row in rows for t in row if t and t.strip()}

    async def strip_old_outbox_text(self, before: datetime, texts: set[str]) -> int:
        """Outbox copies: a delivered message older than `before` keeps no content; a newer
        one that quotes an expiring text (a styrgrupp card lists support texts) loses the quote."""
        old = touched(await self.session.execute(
            update(OutboxRow).where(OutboxRow.created_at < before,
                                    OutboxRow.status.notin_(("pending", "sending")),
                                    cast(OutboxRow.activity, Text) != "{}")
            .values(activity={})))
        eraser = Eraser(tuple(texts), "")
        if not eraser.identifiers:
            return old
        quoted = 0
        rows = await self.session.execute(select(OutboxRow.id, OutboxRow.activity).where(
            cast(OutboxRow.activity, Text) != "{}"))
        for outbox_id, activity in rows.all():
            stripped = eraser.document(activity)
            if stripped != activity:
                await self.session.execute(update(OutboxRow).where(OutboxRow.id == outbox_id)
                                           .values(activity=stripped))
                quoted += 1
        return old + quoted
