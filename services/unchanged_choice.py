"""What "oförändrat" does with one action, decided the same way for one click and for many."""

from __future__ import annotations

from dataclasses import dataclass

from domain.followup import Round, StatusInput, StatusReport, check_input
from domain.model import Action
from domain.unchanged import SOURCE
from domain.when import WhenKind
from services.reports import save_key
from storage.repos.unchanged import Answers


@dataclass(frozen=True)
class Choice:
    """What "oförändrat" does with one action: "save" (data, key), "duplicate" (the stored
    version of the same click), "stale", "answered" (already in this round) or "none"."""

    kind: str
    data: StatusInput | None = None
    key: str | None = None
    earlier: StatusReport | None = None


def earliest_answer(answers: Answers, person_id: int, role_id: int | None) -> StatusReport | None:
    """The newest earlier answer of this person or of the role they answer for."""
    mine = [r for r in answers.earlier
            if r.person_id == person_id or (role_id is not None and r.role_id == role_id)]
    return max(mine, key=lambda r: (r.created_at, r.id), default=None)


def choose(rnd: Round, action: Action, answers: Answers, person_id: int, role_id: int | None,
           base: int) -> Choice:
    """The decision for one action (pure: the same for one click and for many)."""
    earlier = earliest_answer(answers, person_id, role_id)
    data = _input(rnd, action, base, earlier) if earlier else None
    key = save_key(data, person_id) if data else None
    if answers.mine is not None:
        if key is not None and answers.mine_key == key:
            return Choice("duplicate", data, key, earlier)
        return Choice("stale" if base != answers.mine.id else "answered", earlier=earlier)
    counts = action.when.kind is WhenKind.TIMES_PER_YEAR
    if data is None or check_input(data, counts_occasions=counts):
        return Choice("none")
    return Choice("save", data, key, earlier)


def _input(rnd: Round, action: Action, base: int, earlier: StatusReport) -> StatusInput:
    same = earlier.action_id == action.id  # not last year's action: its count is this year's
    return StatusInput(
        round_id=rnd.id, action_id=action.id, status=earlier.status, done_text=earlier.done_text,
        occasions=earlier.occasions if same else None, needs_support=earlier.needs_support,
        support_text=earlier.support_text, idempotency_key=f"{SOURCE}:{rnd.id}:{action.id}:{base}",
        base=base)


def audited(report: StatusReport, earlier: StatusReport) -> dict:
    """The audit's "after" of a confirmed version: what it was confirmed from."""
    return {"action_id": report.action_id, "round_id": report.round_id,
            "status": report.status.value, "version": report.version, "source": SOURCE,
            "confirmed_from": earlier.id}
