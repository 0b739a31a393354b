"""Tables. The only module besides the repository that knows the schema; Alembic migrates it."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    if TYPE_CHECKING:  # every model maps one Table (Core inserts use it); SQLAlchemy says FromClause
        __table__: ClassVar[Table]


def _id() -> Mapped[int]:
    return mapped_column(Integer, primary_key=True, autoincrement=True)


class DistrictRow(Base):
    """A district (stadsdelsområde): its plans by year, its coordinators and role holders.

    Role holders are bound to a district, not to a plan, so they stay bound when next year's
    plan is imported."""

    __tablename__ = "districts"
    id: Mapped[int] = _id()
    name: Mapped[str] = mapped_column(String(200), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # The district's styrgrupp channel: it belongs to the district, so next year's plan keeps it.
    steering_conversation_id: Mapped[str | None] = mapped_column(String(500), nullable=True)


class PlanRow(Base):
    __tablename__ = "plans"
    id: Mapped[int] = _id()
    year: Mapped[int] = mapped_column(Integer)
    district: Mapped[str] = mapped_column(String(200))  # the district's name, as imported
    district_id: Mapped[int | None] = mapped_column(
        ForeignKey("districts.id"), nullable=True, index=True)
    police_area: Mapped[str] = mapped_column(String(200), default="")
    title: Mapped[str] = mapped_column(String(300), default="")
    status: Mapped[str] = mapped_column(String(20), default="active")
    source_file: Mapped[str] = mapped_column(String(500), default="")
    previous_plan_id: Mapped[int | None] = mapped_column(ForeignKey("plans.id"), nullable=True)
    steering_conversation_id: Mapped[str | None] = mapped_column(String(500), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    areas: Mapped[list[AreaRow]] = relationship(
        back_populates="plan", order_by="AreaRow.position", cascade="all, delete-orphan"
    )
    __table_args__ = (UniqueConstraint("district", "year", name="uq_plans_district_year"),)


class AreaRow(Base):
    __tablename__ = "areas"
    id: Mapped[int] = _id()
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(300))
    sheet_name: Mapped[str] = mapped_column(String(100), default="")
    custom: Mapped[bool] = mapped_column(Boolean, default=False)
    plan: Mapped[PlanRow] = relationship(back_populates="areas")
    actions: Mapped[list[ActionRow]] = relationship(
        back_populates="area", order_by="ActionRow.position"
    )


class ActionRow(Base):
    __tablename__ = "actions"
    id: Mapped[int] = _id()
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    area_id: Mapped[int] = mapped_column(ForeignKey("areas.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(300))
    problem: Mapped[str] = mapped_column(Text, default="")
    cause: Mapped[str] = mapped_column(Text, default="")
    action_text: Mapped[str] = mapped_column(Text, default="")
    goal: Mapped[str] = mapped_column(Text, default="")
    when_text: Mapped[str] = mapped_column(Text, default="")
    when_kind: Mapped[str] = mapped_column(String(20), default="unknown")
    times_per_year: Mapped[int | None] = mapped_column(Integer, nullable=True)
    deadline: Mapped[date | None] = mapped_column(Date, nullable=True)
    who_text: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="active")
    imported_follow_up: Mapped[str] = mapped_column(Text, default="")
    source_row: Mapped[int | None] = mapped_column(Integer, nullable=True)
    previous_action_id: Mapped[int | None] = mapped_column(
        ForeignKey("actions.id"), nullable=True
    )
    area: Mapped[AreaRow] = relationship(back_populates="actions")
    responsibilities: Mapped[list[ResponsibilityRow]] = relationship(
        back_populates="action", cascade="all, delete-orphan", order_by="ResponsibilityRow.id"
    )


class RoleRow(Base):
    __tablename__ = "roles"
    id: Mapped[int] = _id()
    name: Mapped[str] = mapped_column(String(200), unique=True)
    organisation: Mapped[str] = mapped_column(String(30), default="annan")
    aliases: Mapped[list] = mapped_column(JSON, default=list)


class ResponsibilityRow(Base):
    __tablename__ = "responsibilities"
    id: Mapped[int] = _id()
    action_id: Mapped[int] = mapped_column(ForeignKey("actions.id", ondelete="CASCADE"))
    role_id: Mapped[int] = mapped_column(ForeignKey("roles.id"), index=True)
    lead: Mapped[bool] = mapped_column(Boolean, default=False)
    action: Mapped[ActionRow] = relationship(back_populates="responsibilities")
    role: Mapped[RoleRow] = relationship()
    __table_args__ = (UniqueConstraint("action_id", "role_id", name="uq_responsibility"),)


class PersonRow(Base):
    __tablename__ = "people"
    id: Mapped[int] = _id()
    email: Mapped[str | None] = mapped_column(String(320), unique=True, nullable=True)
    display_name: Mapped[str] = mapped_column(String(200), default="")
    aad_object_id: Mapped[str | None] = mapped_column(String(64), unique=True, nullable=True)
    teams_user_id: Mapped[str | None] = mapped_column(String(200), nullable=True, index=True)
    tenant_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    language: Mapped[str] = mapped_column(String(5), default="sv")
    away_until: Mapped[date | None] = mapped_column(Date, nullable=True)
    unreachable_since: Mapped[datetime | None] = mapped_column(
        DateTime(timezone=True), nullable=True
    )
    unreachable_reason: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    forgotten_at: Mapped[datetime | None] = mapped_column(  # folja person forget
        DateTime(timezone=True), nullable=True
    )


class RoleHolderRow(Base):
    """A person holds a role in one district (every year's plan of it) or (district_id NULL)
    in every district: one LPO's kommunpolis serves two."""

    __tablename__ = "role_holders"
    id: Mapped[int] = _id()
    role_id: Mapped[int] = mapped_column(ForeignKey("roles.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    district_id: Mapped[int | None] = mapped_column(
        ForeignKey("districts.id", ondelete="CASCADE"), nullable=True
    )
    __table_args__ = (
        UniqueConstraint("role_id", "person_id", "district_id", name="uq_role_holder"),
    )


class RoundRow(Base):
    __tablename__ = "rounds"
    id: Mapped[int] = _id()
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    label: Mapped[str] = mapped_column(String(200))
    due_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    area_ids: Mapped[list] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(20), default="open")
    opened_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    opened_by: Mapped[str] = mapped_column(String(320), default="")
    reminder_days_before: Mapped[int | None] = mapped_column(Integer, nullable=True)  # days before due
    city_round_id: Mapped[int | None] = mapped_column(
        ForeignKey("city_rounds.id", ondelete="SET NULL"), nullable=True, index=True)


class CityRoundRow(Base):
    """Rounds opened together in every district's plan (`folja round open --city`): one prompt
    per person across them, and one roll-up card in the city channel. `key` (label and due date)
    is unique, so opening the same city round twice opens nothing."""

    __tablename__ = "city_rounds"
    id: Mapped[int] = _id()
    key: Mapped[str] = mapped_column(String(300), unique=True)
    label: Mapped[str] = mapped_column(String(200))
    due_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    opened_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    opened_by: Mapped[str] = mapped_column(String(320), default="")


class CityChannelRow(Base):
    """The beredningsgrupp's channel (one for the city; the newest choice wins)."""

    __tablename__ = "city_channels"
    id: Mapped[int] = _id()
    conversation_id: Mapped[str] = mapped_column(String(500))
    set_by: Mapped[str] = mapped_column(String(320), default="")
    set_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class CityPostRow(Base):
    """A city round's roll-up card in the city channel, updated in place; `snapshot` holds the
    hash of what it showed last and the outbox id of its newest update."""

    __tablename__ = "city_posts"
    id: Mapped[int] = _id()
    city_round_id: Mapped[int] = mapped_column(
        ForeignKey("city_rounds.id", ondelete="CASCADE"), index=True)
    conversation_id: Mapped[str] = mapped_column(String(500))
    outbox_id: Mapped[int | None] = mapped_column(ForeignKey("outbox.id"), nullable=True)
    snapshot: Mapped[dict] = mapped_column(JSON, default=dict)
    posted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    __table_args__ = (
        UniqueConstraint("city_round_id", "conversation_id", name="uq_city_post"),
    )


class StatusReportRow(Base):
    """Append-only: every save is a new row; the latest per round/action/person wins."""

    __tablename__ = "status_reports"
    id: Mapped[int] = _id()
    round_id: Mapped[int | None] = mapped_column(
        ForeignKey("rounds.id", ondelete="CASCADE"), nullable=True, index=True
    )
    action_id: Mapped[int] = mapped_column(ForeignKey("actions.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"), nullable=True
    )
    role_id: Mapped[int | None] = mapped_column(ForeignKey("roles.id"), nullable=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    status: Mapped[str] = mapped_column(String(20))
    done_text: Mapped[str] = mapped_column(Text, default="")
    occasions: Mapped[int | None] = mapped_column(Integer, nullable=True)
    needs_support: Mapped[bool] = mapped_column(Boolean, default=False)
    support_text: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(String(20), default="teams")
    attributed_to: Mapped[str] = mapped_column(String(200), default="")
    acted_by_person_id: Mapped[int | None] = mapped_column(  # a stand-in answering for person_id
        ForeignKey("people.id", ondelete="SET NULL"), nullable=True
    )
    idempotency_key: Mapped[str | None] = mapped_column(String(200), unique=True, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    __table_args__ = (
        Index("ix_status_reports_latest", "round_id", "action_id", "person_id", "version"),
    )


class ConversationRefRow(Base):
    """A stored conversation reference: a person's personal chat or a channel."""

    __tablename__ = "conversation_refs"
    id: Mapped[int] = _id()
    kind: Mapped[str] = mapped_column(String(20))  # personal | channel | group
    conversation_id: Mapped[str] = mapped_column(String(500), unique=True)
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), nullable=True, index=True
    )
    plan_id: Mapped[int | None] = mapped_column(
        ForeignKey("plans.id", ondelete="SET NULL"), nullable=True
    )
    service_url: Mapped[str] = mapped_column(String(500))
    channel_id: Mapped[str] = mapped_column(String(50), default="msteams")
    tenant_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    reference: Mapped[dict] = mapped_column(JSON, default=dict)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class AuditEventRow(Base):
    __tablename__ = "audit_events"
    id: Mapped[int] = _id()
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    actor: Mapped[str] = mapped_column(String(320))
    action: Mapped[str] = mapped_column(String(100))
    entity: Mapped[str] = mapped_column(String(50))
    entity_id: Mapped[str] = mapped_column(String(100), default="")
    plan_id: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)
    before: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    after: Mapped[dict | None] = mapped_column(JSON, nullable=True)


class SdkStateRow(Base):
    """The SDK's conversation/dialog state, with a version for optimistic concurrency."""

    __tablename__ = "sdk_state"
    key: Mapped[str] = mapped_column(String(500), primary_key=True)
    data: Mapped[str] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ActionLinkRow(Base):
    """This year's action continues last year's: proposed by the importer, confirmed or undone."""

    __tablename__ = "action_links"
    id: Mapped[int] = _id()
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("actions.id", ondelete="CASCADE"))
    previous_action_id: Mapped[int] = mapped_column(ForeignKey("actions.id", ondelete="CASCADE"))
    score: Mapped[int] = mapped_column(Integer, default=0)
    method: Mapped[str] = mapped_column(String(30), default="")
    status: Mapped[str] = mapped_column(String(20), default="proposed")
    decided_by: Mapped[str] = mapped_column(String(320), default="")
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    __table_args__ = (UniqueConstraint("action_id", "previous_action_id", name="uq_action_link"),)


class DelegationRow(Base):
    """"Inte min": an owner hands an action to a colleague (or back to the coordinator)."""

    __tablename__ = "delegations"
    id: Mapped[int] = _id()
    action_id: Mapped[int] = mapped_column(ForeignKey("actions.id", ondelete="CASCADE"), index=True)
    round_id: Mapped[int | None] = mapped_column(
        ForeignKey("rounds.id", ondelete="CASCADE"), nullable=True
    )
    from_person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    to_person_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), nullable=True
    )
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class StandinRow(Base):
    """An owner's stand-in (ersättare): gets their prompts and may answer for them until `until`
    (inclusive), or until ended early (`ended_at`)."""

    __tablename__ = "standins"
    id: Mapped[int] = _id()
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    standin_person_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), index=True
    )
    until: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    created_by: Mapped[str] = mapped_column(String(320), default="")
    ended_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    ended_by: Mapped[str] = mapped_column(String(320), default="")


class OutboxRow(Base):
    """One message Följa sends on its own, written in the transaction that causes it.

    `dedupe_key` is unique: the same prompt, reminder slot or summary can never be queued twice.
    `target` holds where to send (conversation id + service url, or aad id + tenant to create a
    personal chat); `activity` the Activity JSON; `activity_id` the Teams id once sent.
    """

    __tablename__ = "outbox"
    id: Mapped[int] = _id()
    dedupe_key: Mapped[str] = mapped_column(String(300), unique=True)
    kind: Mapped[str] = mapped_column(String(30))
    plan_id: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)
    round_id: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)
    person_id: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)
    conversation_id: Mapped[str | None] = mapped_column(String(500), nullable=True, index=True)
    target: Mapped[dict] = mapped_column(JSON, default=dict)
    activity: Mapped[dict] = mapped_column(JSON, default=dict)
    update_of: Mapped[int | None] = mapped_column(ForeignKey("outbox.id"), nullable=True)
    status: Mapped[str] = mapped_column(String(20), default="pending", index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    claimed_by: Mapped[str] = mapped_column(String(100), default="")
    claimed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    last_error: Mapped[str] = mapped_column(Text, default="")
    activity_id: Mapped[str | None] = mapped_column(String(300), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    # Messages to one lane (a conversation, or a person before their chat exists) go
    # out in id order; only the oldest unfinished row of a lane can be claimed.
    lane: Mapped[str] = mapped_column(String(500), default="", server_default="")
    __table_args__ = (Index("ix_outbox_lane_id", "lane", "id"),)


class ScheduleRow(Base):
    """A recurring job (weekly check, reminders, weekly summary); the database is the schedule."""

    __tablename__ = "schedules"
    id: Mapped[int] = _id()
    name: Mapped[str] = mapped_column(String(100), unique=True)
    job: Mapped[str] = mapped_column(String(50))
    plan_id: Mapped[int | None] = mapped_column(
        ForeignKey("plans.id", ondelete="CASCADE"), nullable=True
    )
    spec: Mapped[dict] = mapped_column(JSON, default=dict)
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    next_run_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class JobRunRow(Base):
    """Each scheduled job runs once per period, across replicas: (job, period) is unique."""

    __tablename__ = "job_runs"
    id: Mapped[int] = _id()
    job: Mapped[str] = mapped_column(String(100))
    period: Mapped[str] = mapped_column(String(100))
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    result: Mapped[dict] = mapped_column(JSON, default=dict)
    __table_args__ = (UniqueConstraint("job", "period", name="uq_job_run"),)


class SummaryPostRow(Base):
    """The styrgrupp card of a round, updated in place; `snapshot` is what it showed last."""

    __tablename__ = "summary_posts"
    id: Mapped[int] = _id()
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    round_id: Mapped[int | None] = mapped_column(
        ForeignKey("rounds.id", ondelete="CASCADE"), nullable=True
    )
    conversation_id: Mapped[str] = mapped_column(String(500))
    outbox_id: Mapped[int | None] = mapped_column(ForeignKey("outbox.id"), nullable=True)
    snapshot: Mapped[dict] = mapped_column(JSON, default=dict)
    posted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    __table_args__ = (
        UniqueConstraint("plan_id", "round_id", "conversation_id", name="uq_summary_post"),
    )


class ReportingPeriodRow(Base):
    """A reporting period that was closed: its dates as they were then, who closed it, when.

    The periods themselves come from the settings; only closing (and a later reopening, which
    clears `closed_at`) writes a row, so the dates a closed period froze never move."""

    __tablename__ = "reporting_periods"
    id: Mapped[int] = _id()
    year: Mapped[int] = mapped_column(Integer)
    key: Mapped[str] = mapped_column(String(20))
    starts: Mapped[date] = mapped_column(Date)
    ends: Mapped[date] = mapped_column(Date)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    closed_by: Mapped[str] = mapped_column(String(320), default="")
    __table_args__ = (UniqueConstraint("year", "key", name="uq_reporting_period"),)


class FrozenReportRow(Base):
    """A closed period's report as it was rendered at close: the same bytes every time after.

    `scope` names what it covers ("plan:12", "city"); one row per scope, format and language."""

    __tablename__ = "frozen_reports"
    id: Mapped[int] = _id()
    period_id: Mapped[int] = mapped_column(
        ForeignKey("reporting_periods.id", ondelete="CASCADE"), index=True)
    scope: Mapped[str] = mapped_column(String(100))
    format: Mapped[str] = mapped_column(String(10))
    lang: Mapped[str] = mapped_column(String(5))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    __table_args__ = (
        UniqueConstraint("period_id", "scope", "format", "lang", name="uq_frozen_report"),
    )


class IndicatorRow(Base):
    """An effect indicator of an area (or one problem in it): docs/indicators.md."""

    __tablename__ = "indicators"
    id: Mapped[int] = _id()
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    area_id: Mapped[int] = mapped_column(ForeignKey("areas.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    problem: Mapped[str] = mapped_column(Text, default="")
    name: Mapped[str] = mapped_column(String(300))
    source: Mapped[str] = mapped_column(String(30), default="annan")
    unit: Mapped[str] = mapped_column(String(100), default="")
    direction: Mapped[str] = mapped_column(String(10), default="lower")
    baseline_value: Mapped[float | None] = mapped_column(Float, nullable=True)
    baseline_period: Mapped[str] = mapped_column(String(20), default="")
    target_value: Mapped[float | None] = mapped_column(Float, nullable=True)
    target_period: Mapped[str] = mapped_column(String(20), default="")
    role_id: Mapped[int | None] = mapped_column(ForeignKey("roles.id"), nullable=True, index=True)
    owner_text: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class MeasurementRow(Base):
    """Append-only: every entry is a new row; the latest per indicator and period wins."""

    __tablename__ = "indicator_measurements"
    id: Mapped[int] = _id()
    indicator_id: Mapped[int] = mapped_column(
        ForeignKey("indicators.id", ondelete="CASCADE"))
    period: Mapped[str] = mapped_column(String(20))
    value: Mapped[float | None] = mapped_column(Float, nullable=True)  # None: ingen data
    reason: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"), nullable=True
    )
    entered_by: Mapped[str] = mapped_column(String(200), default="")
    source: Mapped[str] = mapped_column(String(20), default="teams")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    __table_args__ = (
        Index("ix_indicator_measurements_latest", "indicator_id", "period", "id"),
    )
class ReminderPreferenceRow(Base):
    """When a person likes reminders ("påminn mig på tisdagar", "… kl 9"); no row: any time."""

    __tablename__ = "reminder_preferences"
    person_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), primary_key=True
    )
    weekday: Mapped[int | None] = mapped_column(Integer, nullable=True)  # 0 = Monday
    hour: Mapped[int | None] = mapped_column(Integer, nullable=True)  # Stockholm time
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
class SnoozeRow(Base):
    """"Påminn mig i morgon / på måndag": no reminder to this person for this round before
    `until`, and one on that day (services/reminders.py). One row per person and round."""

    __tablename__ = "snoozes"
    id: Mapped[int] = _id()
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"), index=True)
    until: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    __table_args__ = (UniqueConstraint("person_id", "round_id", name="uq_snooze"),)
class RateBudgetRow(Base):
    """A send budget shared by every delivering process (services/budget.py): `next_free` is
    when the budget's next slot is free, in seconds of the database's clock (PostgreSQL) or of
    the machine's monotonic clock (SQLite, one machine by nature)."""

    __tablename__ = "rate_budgets"
    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    next_free: Mapped[float] = mapped_column(Float, default=0.0, server_default="0")
