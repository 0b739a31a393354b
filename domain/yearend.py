"""The year-end follow-up: each party's latest statement per action, and the counts per area.

Pure: storage hands over the plan's actions and every status report of the chosen rounds; this
module decides what the Uppföljning column says (the wording itself is a Jinja2 template).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from domain.indicator_results import IndicatorResult, by_area
from domain.lights import Light, action_light, group_light
from domain.model import is_placeholder_area
from domain.response_rate import ResponseRate
from domain.summary import SEVERITY, UNANSWERED, ActionInfo, combined_status


@dataclass(frozen=True)
class PartyReport:
    """One report with what the year-end needs to know about who wrote it."""

    id: int
    round_id: int | None
    action_id: int
    party: str  # the organisation of the reporter's role ("polis", …) or the role name ("annan")
    role: str  # the reporter's role name ("" when a coordinator answered on someone's behalf)
    status: str
    done_text: str
    occasions: int | None
    standin: str = ""  # a stand-in answered for `owner` (services/standins.py)
    owner: str = ""
    needs_support: bool = False


@dataclass(frozen=True)
class Statement:
    party: str
    status: str
    text: str
    role: str = ""
    show_role: bool = False  # the same party speaks through several roles on this action
    standin: str = ""  # "Anna Andersson" answered for `owner` ("Kim Kommunpolis")
    owner: str = ""


@dataclass(frozen=True)
class ActionFollowUp:
    action: ActionInfo
    status: str
    statements: tuple[Statement, ...]
    occasions_held: int | None
    occasions_planned: int | None
    light: Light = Light.GREY  # from each party's latest answer (domain/lights.py)


@dataclass(frozen=True)
class AreaFollowUp:
    name: str
    position: int
    actions: tuple[ActionFollowUp, ...]
    counts: tuple[tuple[str, int], ...]
    light: Light = Light.GREY


@dataclass(frozen=True)
class YearEnd:
    plan_name: str
    year: int
    round_label: str  # "" when all rounds are compiled
    areas: tuple[AreaFollowUp, ...]
    indicators: tuple[IndicatorResult, ...] = ()  # effect indicators, judged (docs/indicators.md)

    @property
    def indicator_areas(self) -> tuple[tuple[str, tuple[IndicatorResult, ...]], ...]:
        """The indicators grouped per area, in plan order."""
        return by_area(self.indicators)
    rates: tuple[ResponseRate, ...] = ()  # each compiled round's response rate

    @property
    def light(self) -> Light:
        """The whole plan's traffic light."""
        return group_light(i.light for a in self.areas for i in a.actions)

    @property
    def totals(self) -> tuple[tuple[str, int], ...]:
        keys = (*SEVERITY, UNANSWERED)
        return tuple((k, sum(dict(a.counts)[k] for a in self.areas)) for k in keys)


def latest_per_party(reports: list[PartyReport]) -> dict[int, list[PartyReport]]:
    """Per action, each party's (and role's) newest report (the highest id is the latest save)."""
    latest: dict[tuple[int, str, str], PartyReport] = {}
    for report in reports:
        key = (report.action_id, report.party, report.role)
        if key not in latest or report.id > latest[key].id:
            latest[key] = report
    result: dict[int, list[PartyReport]] = defaultdict(list)
    for (action_id, _party, _role), report in sorted(latest.items(), key=lambda kv: kv[1].id):
        result[action_id].append(report)
    return result


def compile_year_end(plan_name: str, year: int, round_label: str,
                     actions: tuple[ActionInfo, ...], reports: list[PartyReport],
                     areas: tuple[tuple[str, int], ...] = ()) -> YearEnd:
    """Group per area (plan order) with each party's latest statement, lead parties first.

    `areas` lists every area (name, position) so that an area without actions still gets a row
    in the Sammanställning table; the template's unfilled placeholder area does not.
    """
    per_action = latest_per_party(reports)
    grouped: dict[tuple[int, str], list[ActionFollowUp]] = {
        (p, n): [] for n, p in areas if not is_placeholder_area(n, 0)}
    for action in sorted(actions, key=lambda a: (a.area_position, a.position)):
        mine = _ordered(action, per_action.get(action.id, []))
        held = [r.occasions for r in mine if r.occasions is not None]
        follow = ActionFollowUp(
            action=action, status=combined_status([r.status for r in mine]),
            statements=_statements(mine),
            occasions_held=max(held) if held else None,
            occasions_planned=action.times_per_year,
            light=action_light((r.status, r.needs_support) for r in mine),
        )
        grouped.setdefault((action.area_position, action.area_name), []).append(follow)
    result = []
    for (position, name), items in sorted(grouped.items()):
        statuses = [i.status for i in items]
        counts = tuple((k, statuses.count(k)) for k in (*SEVERITY, UNANSWERED))
        result.append(AreaFollowUp(name, position, tuple(items), counts,
                                   group_light(i.light for i in items)))
    return YearEnd(plan_name, year, round_label, tuple(result))


def _statements(reports: list[PartyReport]) -> tuple[Statement, ...]:
    parties = [r.party for r in reports]
    return tuple(Statement(r.party, r.status, r.done_text, r.role, parties.count(r.party) > 1,
                           r.standin, r.owner)
                 for r in reports)


def _ordered(action: ActionInfo, reports: list[PartyReport]) -> list[PartyReport]:
    """The lead role's party first, then the others in the order the plan names them."""
    order: dict[str, int] = {}
    for role in sorted(action.roles, key=lambda r: not r.lead):
        order.setdefault(party_of(role.organisation, role.name), len(order))
    return sorted(reports, key=lambda r: (order.get(r.party, len(order)), r.id))


def party_of(organisation: str, role_name: str) -> str:
    """A party is the organisation; roles outside the known ones speak for themselves."""
    return role_name if organisation in ("annan", "", None) else organisation
