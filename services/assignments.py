"""Who answers for which action in a round: role holders, minus hand-overs, plus delegates.

Shared by opening a round, saving a status, reminders and "mina åtgärder", so the answer to
"may this person report here?" is computed in one place.
"""

from __future__ import annotations

from dataclasses import dataclass

from domain.followup import ReportItem, Round, StatusReport
from domain.model import Action, Person, Plan
from domain.periods import Period
from domain.when import WhenKind
from storage.repository import Repository

COORDINATOR_ROLES = ("koordinator", "stadskoordinator")


@dataclass(frozen=True)
class Responder:
    person: Person
    role_id: int | None  # the party this person reports for (a delegate: the delegator's role)


async def round_actions(repo: Repository, rnd: Round
                        ) -> tuple[Plan | None, list[tuple[Action, str]]]:
    """The plan and the round's (action, area name) pairs: active actions, chosen areas only."""
    plan = await repo.get_plan(rnd.plan_id)
    return plan, round_pairs(plan, rnd)


def round_pairs(plan: Plan | None, rnd: Round) -> list[tuple[Action, str]]:
    """The round's (action, area name) pairs in a plan already read (`round_actions`)."""
    if plan is None:
        return []
    chosen = set(rnd.area_ids)
    return [(a, area.name) for area in plan.areas if not chosen or area.id in chosen
            for a in area.actions]


async def action_in_round(repo: Repository, round_id: int, action_id: int
                          ) -> tuple[Round, Action, str, bool, tuple[Period, ...]] | None:
    """The round and one of its `round_actions`, read together (a card save or open touches one
    action): (round, action, area name, handed over?, the closed reporting periods), or None if
    either is not there."""
    found = await repo.action_of_round(round_id, action_id)
    if found is None or (found[0].area_ids and found[1].area_id not in set(found[0].area_ids)):
        return None
    return found


async def responders(repo: Repository, actions: list[Action], round_id: int, *,
                     handed_over: bool = True) -> dict[int, list[Responder]]:
    """action id → who answers for it in this round, after the round's hand-overs ("inte
    min"); `handed_over=False` (known from `action_in_round`) spares reading the hand-overs."""
    moves = await repo.delegations([a.id for a in actions], round_id) if handed_over else []
    delegates = await repo.people_by_ids({to for _, _, to in moves if to})
    return responders_of(actions, moves, delegates)


async def responders_in_rounds(repo: Repository, rounds: list[tuple[Round, list[Action]]]
                               ) -> dict[int, dict[int, list[Responder]]]:
    """round id → `responders` of its actions, for several rounds in two queries (the
    rounds' hand-overs, the people they went to), not two per round."""
    moves: dict[int, list[tuple[int, int, int | None]]] = {}
    for round_id, action_id, frm, to in await repo.delegations_in_rounds(
            [rnd.id for rnd, _ in rounds]):
        moves.setdefault(round_id, []).append((action_id, frm, to))
    delegates = await repo.people_by_ids({to for ms in moves.values() for _, _, to in ms if to})
    return {rnd.id: responders_of(actions, moves.get(rnd.id, []), delegates)
            for rnd, actions in rounds}


def responders_of(actions: list[Action], moves: list[tuple[int, int, int | None]],
                  delegates: dict[int, Person]) -> dict[int, list[Responder]]:
    """`responders` from what it read: the round's hand-overs (action id, from, to; other
    actions' are ignored) and the people they went to."""
    by_action: dict[int, list[tuple[int, int | None]]] = {}
    for aid, frm, to in moves:
        by_action.setdefault(aid, []).append((frm, to))
    result: dict[int, list[Responder]] = {}
    for action in actions:
        mine = by_action.get(action.id, [])
        gone = {frm for frm, _ in mine}
        out: dict[int, Responder] = {}  # person id → first role they hold (insertion order)
        role_of: dict[int, int] = {}
        for resp in action.responsibilities:
            for person in resp.people:
                role_of.setdefault(person.id, resp.role.id)
                if person.id not in gone and person.id not in out:
                    out[person.id] = Responder(person, resp.role.id)
        for frm, to in mine:
            if to and to in delegates and to not in out:
                out[to] = Responder(delegates[to], role_of.get(frm))
        result[action.id] = list(out.values())
    return result


async def is_coordinator(repo: Repository, person: Person, plan_id: int | None,
                         coordinators: tuple[str, ...] = ()) -> bool:
    """Named in settings (FOLJA_COORDINATORS), holding the role "koordinator" in the plan's
    district (or every district), or a stadskoordinator."""
    if person.email and person.email.lower() in coordinators:
        return True
    roles = await repo.roles_of_person(person.id, plan_id)
    return any(r.name.strip().lower() in COORDINATOR_ROLES for r in roles)


def owners_text(action: Action) -> tuple[str, ...]:
    out = []
    for resp in action.responsibilities:
        names = ", ".join(p.display_name or p.email or "?" for p in resp.people)
        out.append(f"{resp.role.name} ({names})" if names else resp.role.name)
    return tuple(out)


def reports_by_action(latest: list[StatusReport]) -> dict[int, list[StatusReport]]:
    """action id → its reports from `latest`, in their order: `report_item` needs only one
    action's, and scanning a whole plan's for every item made opening a round quadratic."""
    found: dict[int, list[StatusReport]] = {}
    for report in latest:
        found.setdefault(report.action_id, []).append(report)
    return found


def report_item(rnd: Round, action: Action, area: str, person_id: int | None,
                latest: list[StatusReport], district: str = "") -> ReportItem:
    """The card's view of one action: previous statuses of all parties, and mine in this round."""
    mine = next((r for r in latest if r.action_id == action.id and r.round_id == rnd.id
                 and r.person_id == person_id), None)
    previous = tuple(sorted(
        (r for r in latest if r.action_id == action.id and r is not mine),
        key=lambda r: r.created_at, reverse=True,
    ))
    holders = [p for resp in action.responsibilities for p in resp.people]
    return ReportItem(
        round=rnd, action_id=action.id, area_name=area, title=action.full_title,
        goal=action.goal, when_text=action.when.text,
        counts_occasions=action.when.kind is WhenKind.TIMES_PER_YEAR,
        owners=owners_text(action), previous=previous, mine=mine,
        owner_ids=tuple(dict.fromkeys(p.teams_user_id for p in holders if p.teams_user_id)),
        viewer_id=next((p.teams_user_id or "" for p in holders if p.id == person_id), ""),
        district=district,
    )


async def target_for(repo: Repository, person: Person) -> dict | None:
    """Where to send to this person: their stored chat, a new personal chat, or None."""
    return (await targets_for(repo, [person])).get(person.id)


async def targets_for(repo: Repository, people: list[Person]) -> dict[int, dict]:
    """person id → `target_for` them, for many people in one query (one more per tenant
    when someone has no chat yet); people out of reach are not listed."""
    refs = await repo.personal_refs([p.id for p in people])
    urls: dict[str, str | None] = {}  # tenant → a service URL Teams gave us there
    found: dict[int, dict] = {}
    for person in people:
        ref = refs.get(person.id)
        if ref is not None:
            found[person.id] = {"conversation_id": ref.conversation_id,
                                "service_url": ref.service_url, "tenant_id": ref.tenant_id}
        elif person.aad_object_id and person.tenant_id:
            if person.tenant_id not in urls:
                urls[person.tenant_id] = await repo.any_service_url(person.tenant_id)
            if url := urls[person.tenant_id]:
                found[person.id] = {"create_personal": {
                    "aad_object_id": person.aad_object_id, "tenant_id": person.tenant_id,
                    "service_url": url}}
    return found
