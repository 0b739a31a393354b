"""The year-end follow-up: compile each party's latest statement per action, one transaction.

The HTML and Markdown reports are rendered at the edge (reports/yearend.py); the xlsx goes
through the workbook export of the import issue (importer/export.write_plan), so the file has the
template's layout with Uppföljning filled in.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from domain.indicator_results import IndicatorResult
from domain.model import Plan
from domain.status import Status
from domain.yearend import Statement, YearEnd, compile_year_end
from importer.export import write_plan
from importer.followup import FollowUpEntry
from importer.indicator_export import IndicatorSheetRow
from importer.rates_sheet import add_rates_sheet
from services.indicators import judged
from services.plans import PlanNotFound
from services.response_rate import rates_in
from storage.db import Database


class RoundNotFound(LookupError):
    """No round of this plan matches what the user named."""


@dataclass(frozen=True)
class YearEndData:
    plan: Plan
    report: YearEnd


async def year_end(db: Database, plan_ref: str, round_ref: str | None = None) -> YearEndData:
    """The compiled follow-up of a plan (all rounds, or one): a fixed number of queries."""
    async with db.transaction() as repo:
        plan_id = await repo.find_plan_id(plan_ref)
        plan = await repo.get_plan(plan_id) if plan_id else None
        if plan is None:
            raise PlanNotFound(plan_ref)
        round_id, label = None, ""
        if round_ref:
            found = await repo.find_round(round_ref)
            if found is None or found.plan_id != plan.id:
                raise RoundNotFound(round_ref)
            round_id, label = found.id, found.label
        actions = await repo.summary_actions(plan.id)
        reports = await repo.party_reports(plan.id, round_id)
        areas = await repo.area_list(plan.id)
        indicators = (await judged(repo, [plan.id]))[plan.id]
        rates = await rates_in(repo, plan.id, round_id)
    report = replace(compile_year_end(plan.name, plan.year, label, actions, reports, areas),
                     indicators=tuple(indicators), rates=tuple(rates))
    return YearEndData(plan, report)


def workbook_bytes(data: YearEndData, labels: Mapping[str, str],
                   party_label: Callable[[Statement], str], occasions: Callable[[int, int | None], str],
                   at: datetime | None = None,
                   judgement: Callable[[IndicatorResult], tuple[str, ...]] = lambda r: (),
                   judgement_headers: Sequence[str] = (),
                   standin_label: Callable[[Statement], str] = lambda s: "",
                   rate_words: tuple[str, Sequence[str], str] = ("", (), "")) -> bytes:
    """The plan as the template workbook, Uppföljning = each party's latest statement; the
    Indikatorer sheet with `judgement`'s columns (trend, colour) after the periods; the
    response-rate sheet when `rate_words` name it. `at` dates the file (a closed period's
    report: the close), else it is dated when written."""
    follow_ups: dict[int, list[FollowUpEntry]] = {}
    for area in data.report.areas:
        for item in area.actions:
            entries = [FollowUpEntry(party=party_label(s), status=_status(s.status),
                                     text=s.text, attributed_to=standin_label(s))
                       for s in item.statements]
            if item.occasions_planned and item.occasions_held is not None:
                entries.append(FollowUpEntry(party=occasions(item.occasions_held,
                                                             item.occasions_planned),
                                             status=None, text=""))
            if entries:
                follow_ups[item.action.id] = entries
    rows = [IndicatorSheetRow(r.indicator, {m.period: m for m in r.series}, judgement(r))
            for r in data.report.indicators]
    xlsx = write_plan(data.plan, follow_ups, labels, rows, judgement_headers, at=at)
    title, heads, all_roles = rate_words
    if not title:
        return xlsx
    return add_rates_sheet(xlsx, title, heads, rate_rows(data.report, all_roles), at)


def rate_rows(report: YearEnd, all_roles: str) -> list[list[object]]:
    """Per round: all roles, then each role (share 0–1, median hours, reminders per answer)."""
    rows: list[list[object]] = []
    for rate in report.rates:
        for role, r in ((all_roles, rate.overall), *rate.by_role):
            rows.append([rate.label, role, r.asked, r.answered, _rounded(r.share, 3),
                         _rounded(r.median_hours, 1), _rounded(r.reminders_per_answer, 2)])
    return rows


def _rounded(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


def _status(value: str) -> Status | None:
    try:
        return Status(value)
    except ValueError:
        return None
