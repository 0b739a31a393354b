"""The styrgrupp summary as ONE plain object, built by ONE pure function.

Why pure: the card, the Markdown fallback and the tests all read the same `Summary`, so what the
steering group sees can be checked without rendering, and the database work (storage) stays a
fixed number of queries that feed `build_summary`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from domain.indicator_results import IndicatorResult
from domain.indicator_results import Light as IndicatorLight
from domain.lights import Light, action_light, group_light
from domain.progress import PendingPerson, Progress, waiting
from domain.response_rate import RateInput, ResponseRate, response_rate
from domain.status import Status

UNANSWERED = "unanswered"
# Worst first: an action two parties report on shows the status that needs the most attention.
SEVERITY: tuple[str, ...] = ("delayed", "not_started", "partial", "on_track", "done", "discontinued")


@dataclass(frozen=True)
class OwnerRole:
    role_id: int
    name: str
    organisation: str
    lead: bool = False


@dataclass(frozen=True)
class ActionInfo:
    id: int
    area_id: int
    area_name: str
    area_position: int
    position: int
    title: str
    roles: tuple[OwnerRole, ...] = ()
    times_per_year: int | None = None


@dataclass(frozen=True)
class ReportInfo:
    """The latest status report of one person (or role) on one action in the round."""

    id: int
    action_id: int
    person_id: int | None
    role_id: int | None
    status: str
    done_text: str = ""
    needs_support: bool = False
    support_text: str = ""
    occasions: int | None = None
    standin: str = ""  # a stand-in answered for person_id (services/standins.py)


@dataclass(frozen=True)
class PersonInfo:
    id: int
    name: str
    role_ids: tuple[int, ...]
    reachable: bool = True
    reason: str = ""


@dataclass(frozen=True)
class SummaryInput:
    plan_id: int
    plan_name: str
    round_id: int | None
    round_label: str
    due_date: date | None
    actions: tuple[ActionInfo, ...]
    reports: tuple[ReportInfo, ...]
    people: tuple[PersonInfo, ...]
    previous: dict = field(default_factory=dict)
    response: RateInput | None = None
    indicators: tuple[IndicatorResult, ...] = ()  # the plan's effect indicators, judged


@dataclass(frozen=True)
class AreaCounts:
    name: str
    total: int
    counts: tuple[tuple[str, int], ...]  # (status or "unanswered", n) in SEVERITY order, then unanswered
    light: Light = Light.GREY  # domain/lights.py


@dataclass(frozen=True)
class AreaIndicators:
    """An area's effect indicators the styrgrupp should see: moved the wrong way, or no data."""

    area: str
    worse: tuple[str, ...]
    no_data: tuple[str, ...]


@dataclass(frozen=True)
class AttentionItem:
    action_id: int
    area: str
    title: str
    status: str
    needs_support: bool
    support_texts: tuple[str, ...]
    roles: tuple[str, ...]


@dataclass(frozen=True)
class Change:
    action_id: int
    title: str
    kind: str  # "status" | "answer"
    old: str | None
    new: str


@dataclass(frozen=True)
class StandinAnswer:
    """An answer a stand-in gave for an owner: "Anna Andersson för Kim Kommunpolis"."""

    title: str
    standin: str
    owner: str


@dataclass(frozen=True)
class Summary:
    plan_id: int
    plan_name: str
    round_id: int | None
    round_label: str
    due_date: date | None
    progress: Progress
    areas: tuple[AreaCounts, ...]
    attention: tuple[AttentionItem, ...]
    changes: tuple[Change, ...]
    pending: tuple[PendingPerson, ...]  # everyone not yet answered, once, by name
    roles_without_person: tuple[str, ...]
    unreachable: tuple[str, ...]  # out of reach and not in `pending` (those are marked there)
    snapshot: dict
    first: bool = True  # no earlier summary to compare with
    standin_answers: tuple[StandinAnswer, ...] = ()
    response: ResponseRate | None = None  # the round's response rate, in the headline
    light: Light = Light.GREY  # the plan's traffic light in this round (domain/lights.py)
    indicators: tuple[AreaIndicators, ...] = ()  # per area, only where something is to see

    @property
    def total_actions(self) -> int:
        return self.progress.actions_total

    @property
    def answered_actions(self) -> int:
        return self.progress.actions_answered

    @property
    def unanswered_actions(self) -> int:
        return self.total_actions - self.answered_actions

    @property
    def people_pending(self) -> int:
        return self.progress.people_total - self.progress.people_answered


def combined_status(statuses: list[str]) -> str:
    """The status that needs the most attention among the parties' answers."""
    known = [s for s in statuses if s in SEVERITY]
    return min(known, key=SEVERITY.index) if known else UNANSWERED


def build_summary(data: SummaryInput) -> Summary:
    """Everything the styrgrupp card shows, from the round's latest reports and the last snapshot."""
    by_action: dict[int, list[ReportInfo]] = defaultdict(list)
    for report in data.reports:
        by_action[report.action_id].append(report)
    status_of = {a.id: combined_status([r.status for r in by_action[a.id]]) for a in data.actions}
    light_of = {a.id: action_light((r.status, r.needs_support) for r in by_action[a.id])
                for a in data.actions}
    snapshot = {"actions": {
        str(a.id): {"s": status_of[a.id], "r": sorted(r.id for r in by_action[a.id])}
        for a in data.actions
    }}
    wait = waiting(data.actions, data.reports, data.people)
    return Summary(
        plan_id=data.plan_id, plan_name=data.plan_name, round_id=data.round_id,
        round_label=data.round_label, due_date=data.due_date, progress=wait.progress,
        areas=_areas(data.actions, status_of, light_of),
        attention=_attention(data.actions, status_of, by_action),
        changes=_changes(data.actions, snapshot, data.previous),
        pending=wait.pending, roles_without_person=wait.roles_without_person,
        unreachable=_unreachable(data, wait.pending),
        snapshot=snapshot,
        first=not (data.previous or {}).get("actions"),
        standin_answers=_standin_answers(data),
        response=response_rate(data.response) if data.response else None,
        light=group_light(light_of.values()),
        indicators=indicator_lines(data.indicators),
    )


def _standin_answers(data: SummaryInput) -> tuple[StandinAnswer, ...]:
    """The round's answers a stand-in gave, in plan order."""
    names = {p.id: p.name for p in data.people}
    by_action = {a.id: a for a in data.actions}
    found = [(by_action[r.action_id], r) for r in data.reports
             if r.standin and r.action_id in by_action]
    found.sort(key=lambda ar: (ar[0].area_position, ar[0].position, ar[1].id))
    return tuple(StandinAnswer(a.title, r.standin, names.get(r.person_id or 0, "–"))
                 for a, r in found)


def indicator_lines(results: tuple[IndicatorResult, ...]) -> tuple[AreaIndicators, ...]:
    """Per area (in the plan's order) the indicators whose last move was the wrong way and those
    with no value (never measured, or ingen data last): what the year's effect asks about."""
    by_area: dict[str, tuple[list[str], list[str]]] = {}
    for r in sorted(results, key=lambda r: (r.indicator.area_position, r.indicator.position)):
        worse, none = by_area.setdefault(r.indicator.area_name, ([], []))
        if r.light is IndicatorLight.GREY:
            none.append(r.indicator.name)
        elif r.better is False:
            worse.append(r.indicator.name)
    return tuple(AreaIndicators(a, tuple(w), tuple(n)) for a, (w, n) in by_area.items() if w or n)


def _areas(actions: tuple[ActionInfo, ...], status_of: dict[int, str],
           light_of: dict[int, Light]) -> tuple[AreaCounts, ...]:
    grouped: dict[tuple[int, str], list[int]] = defaultdict(list)
    for action in actions:
        grouped[(action.area_position, action.area_name)].append(action.id)
    result = []
    for (_pos, name), ids in sorted(grouped.items()):
        statuses = [status_of[i] for i in ids]
        counts = tuple((s, statuses.count(s)) for s in (*SEVERITY, UNANSWERED))
        result.append(AreaCounts(name, len(statuses), counts,
                                 group_light(light_of[i] for i in ids)))
    return tuple(result)


def _attention(actions, status_of, by_action) -> tuple[AttentionItem, ...]:
    items = []
    for action in actions:
        reports = by_action[action.id]
        support = tuple(r.support_text for r in reports if r.needs_support and r.support_text)
        flagged = any(r.needs_support for r in reports)
        status = status_of[action.id]
        if flagged or status in (Status.DELAYED.value, Status.NOT_STARTED.value):
            items.append(AttentionItem(
                action.id, action.area_name, action.title, status, flagged, support,
                tuple(r.name for r in action.roles),
            ))
    # Support requests first, then delayed, then not started; plan order within each.
    return tuple(sorted(items, key=lambda i: (not i.needs_support, SEVERITY.index(i.status)
                                              if i.status in SEVERITY else 9)))


def _changes(actions, snapshot: dict, previous: dict) -> tuple[Change, ...]:
    before = (previous or {}).get("actions", {})
    if not before:
        return ()
    changes = []
    for action in actions:
        now, then = snapshot["actions"][str(action.id)], before.get(str(action.id))
        old_status = then["s"] if then else UNANSWERED
        old_reports = set(then["r"]) if then else set()
        if now["s"] != old_status and old_status != UNANSWERED:
            changes.append(Change(action.id, action.title, "status", old_status, now["s"]))
        elif set(now["r"]) - old_reports:
            changes.append(Change(action.id, action.title, "answer", None, now["s"]))
    return tuple(changes)


def _unreachable(data: SummaryInput, pending: tuple[PendingPerson, ...]) -> tuple[str, ...]:
    """Owners Följa cannot write to who are not already listed (and marked) as not answered."""
    owning = {r.role_id for a in data.actions for r in a.roles}
    listed = {p.person_id for p in pending}
    return tuple(sorted({p.name for p in data.people if not p.reachable
                         and set(p.role_ids) & owning and p.id not in listed}))
