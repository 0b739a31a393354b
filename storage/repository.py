"""The repository: what services may ask of storage, in the plan's words.

Methods take and return domain objects or plain values, so services never see a Row or a query.
One repository wraps one session inside one transaction (see `Database.transaction`). Each part
of the plan has its own mixin in storage/repos/; add a new part there and list it here.
"""

from __future__ import annotations

from storage.repos.audit import AuditRepo
from storage.repos.audit_log import AuditLogRepo
from storage.repos.city import CityRepo
from storage.repos.city_rounds import CityRoundsRepo
from storage.repos.conversations import ConversationsRepo
from storage.repos.followup import FollowupRepo
from storage.repos.imports import ImportsRepo
from storage.repos.indicators import IndicatorsRepo
from storage.repos.links import LinksRepo
from storage.repos.lookups import LookupsRepo
from storage.repos.operations import OperationsRepo
from storage.repos.outbox import OutboxRepo
from storage.repos.outbox_admin import OutboxAdminRepo
from storage.repos.people import PeopleRepo
from storage.repos.periods import PeriodsRepo
from storage.repos.plans import PlansRepo
from storage.repos.privacy import PrivacyRepo
from storage.repos.rate_budgets import RateBudgetsRepo
from storage.repos.reminders import RemindersRepo
from storage.repos.response_rate import ResponseRateRepo
from storage.repos.roles import RolesRepo
from storage.repos.schedules import SchedulesRepo
from storage.repos.standins import StandinsRepo
from storage.repos.summaries import SummariesRepo
from storage.repos.unchanged import UnchangedRepo

__all__ = ["Repository"]


class Repository(
    FollowupRepo, PlansRepo, PeopleRepo, ConversationsRepo, OutboxRepo, AuditRepo, ImportsRepo,
    LinksRepo, RolesRepo, SummariesRepo, LookupsRepo,
    OutboxAdminRepo, SchedulesRepo,
    OperationsRepo, PrivacyRepo, AuditLogRepo,
    PeriodsRepo,
    IndicatorsRepo,
    RemindersRepo,
    StandinsRepo, ResponseRateRepo,
    CityRepo, CityRoundsRepo,
    UnchangedRepo,
    RateBudgetsRepo,
):
    """Storage operations for one transaction."""
