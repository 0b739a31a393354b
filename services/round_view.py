"""One round as reminders and the escalation digest see it: who owes what, and the counts.

"Open" means what the reminder asks for: an action of the person's in the round with no answer
from them or for their role (a colleague in the same role answering closes it for both). The
counts come from domain/progress.py, the one way the styrgrupp card and the CLI count.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from domain.followup import Round
from domain.model import Action, Person, Plan
from domain.progress import Progress, waiting
from services.assignments import responders, round_actions
from services.summaries import load_summary_input
from storage.repository import Repository


@dataclass(frozen=True)
class RoundView:
    round: Round
    plan: Plan
    progress: Progress
    people: dict[int, Person] = field(default_factory=dict)  # everyone asked in the round
    owned: dict[int, int] = field(default_factory=dict)  # person id → how many actions
    unanswered: dict[int, list[Action]] = field(default_factory=dict)  # person id → open

    def silent(self) -> frozenset[int]:
        """The people who left every one of their actions without an answer."""
        return frozenset(p for p, n in self.owned.items() if len(self.unanswered.get(p, ())) == n)


async def round_view(repo: Repository, rnd: Round) -> RoundView | None:
    """The round's view, read in the caller's transaction; None when its plan is gone."""
    plan, pairs = await round_actions(repo, rnd)
    if plan is None:
        return None
    who = await responders(repo, [a for a, _ in pairs], rnd.id)
    latest = await repo.latest_reports(rnd.plan_id, rnd.id)
    answered = {(r.action_id, r.person_id) for r in latest}
    answered_roles = {(r.action_id, r.role_id) for r in latest if r.role_id}
    data = await load_summary_input(repo, rnd.plan_id, rnd.id)
    progress = (waiting(data.actions, data.reports, data.people).progress if data
                else Progress(0, len(pairs), 0, 0))
    view = RoundView(rnd, plan, progress)
    for action, _area in pairs:
        for resp in who[action.id]:
            pid = resp.person.id
            view.people[pid] = resp.person
            view.owned[pid] = view.owned.get(pid, 0) + 1
            if (action.id, pid) not in answered and (action.id, resp.role_id) not in answered_roles:
                view.unanswered.setdefault(pid, []).append(action)
    return view
