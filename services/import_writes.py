"""Writing a reconciled import: areas, actions, owners and the file's own follow-up texts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from domain.when import parse_when
from importer.followup import imported_status
from importer.model import ParsedAction, ParsedPlan
from importer.owners import OwnerMatch, RoleSpec
from importer.reconcile import Reconciliation
from importer.text import loose
from storage.repository import Repository


@dataclass
class Changes:
    """What a (re-)import did, for the summary the coordinator reads."""

    added: list[tuple[str, str]] = field(default_factory=list)  # (area, title)
    changed: list[tuple[str, str, tuple[str, ...]]] = field(default_factory=list)
    archived: list[tuple[str, str]] = field(default_factory=list)
    restored: list[tuple[str, str]] = field(default_factory=list)
    unchanged: int = 0

    def counts(self) -> dict[str, int]:
        return {"added": len(self.added), "changed": len(self.changed),
                "archived": len(self.archived), "restored": len(self.restored),
                "unchanged": self.unchanged}

    def any(self) -> bool:
        """Whether the import added, edited, archived or restored anything."""
        return bool(self.added or self.changed or self.archived or self.restored)


def _columns(row: ParsedAction, year: int) -> dict:
    when = parse_when(row.when_text, year=year)
    return {
        "title": row.title, "problem": row.problem, "cause": row.cause,
        "action_text": row.action_text, "goal": row.goal, "when_text": row.when_text,
        "when_kind": when.kind.value, "times_per_year": when.times_per_year,
        "deadline": when.deadline, "who_text": row.who_text,
        "imported_follow_up": row.follow_up, "source_row": row.row,
    }


async def _areas(repo: Repository, plan_id: int, parsed: ParsedPlan) -> dict[str, int]:
    """Area ids by loose name; new areas added, existing ones re-ordered as in the file."""
    ids = {loose(name): i for i, name in await repo.areas_of(plan_id)}
    for position, area in enumerate(parsed.areas, start=1):
        key = loose(area.name)
        if key in ids:
            await repo.update_area(ids[key], position=position, sheet_name=area.sheet_name,
                                   custom=area.custom)
        else:
            ids[key] = await repo.add_area(plan_id, area.name, position,
                                           sheet_name=area.sheet_name, custom=area.custom)
    return ids


def _positions(parsed: ParsedPlan) -> dict[int, int]:
    """id(row) → its 1-based position in its area."""
    return {id(a): i for area in parsed.areas for i, a in enumerate(area.actions, start=1)}


async def _owners(
    repo: Repository, rows: Sequence[tuple[int, ParsedAction]], roles: Sequence[RoleSpec],
    owners: dict[int, list[OwnerMatch]],
) -> None:
    found = {i: owners[id(r)] for i, r in rows}
    specs = {s.name: s for s in roles}
    names = sorted({m.role for ms in found.values() for m in ms})
    role_ids = await repo.ensure_roles([(n, specs[n].organisation, specs[n].aliases)
                                        for n in names])
    await repo.replace_responsibilities(
        {i: [(role_ids[m.role], m.lead) for m in ms] for i, ms in found.items()})


async def apply_changes(
    repo: Repository, plan_id: int, parsed: ParsedPlan, rec: Reconciliation,
    roles: Sequence[RoleSpec], year: int, stored: dict,
    found: dict[int, list[OwnerMatch]],
) -> Changes:
    """Write `rec`; `stored` maps action id → StoredAction, `found` id(row) → its owners."""
    area_ids = await _areas(repo, plan_id, parsed)
    position = _positions(parsed)
    changes = Changes(unchanged=len(rec.unchanged))
    restored = set(rec.restored)
    for action_id, area, row in rec.unchanged:
        now = {"area_id": area_ids[loose(area)], "position": position[id(row)],
               "source_row": row.row}
        was = stored[action_id]
        if action_id in restored or now != {"area_id": was.area_id, "position": was.position,
                                             "source_row": was.source_row}:
            await repo.update_action(action_id, status="active", **now)
    owners: list[tuple[int, ParsedAction]] = []
    reports: list[tuple[int, str, str]] = []
    for action_id, area, row, diff in rec.changed:
        columns = _columns(row, year)
        if "follow_up" not in diff:  # e.g. Följa's own export of the statements: keep the text
            del columns["imported_follow_up"]
        await repo.update_action(action_id, area_id=area_ids[loose(area)], status="active",
                                 position=position[id(row)], **columns)
        changes.changed.append((area, row.title, diff))
        if "who_text" in diff:
            owners.append((action_id, row))
        if "follow_up" in diff and row.follow_up:
            reports.append((action_id, imported_status(row.follow_up).value, row.follow_up))
    added = [(area, row) for area, row in rec.added]
    ids = await repo.insert_actions(plan_id, [
        {"area_id": area_ids[loose(area)], "position": position[id(row)], **_columns(row, year)}
        for area, row in added])
    for action_id, (area, row) in zip(ids, added, strict=True):
        changes.added.append((area, row.title))
        owners.append((action_id, row))
        if row.follow_up:
            reports.append((action_id, imported_status(row.follow_up).value, row.follow_up))
    await _owners(repo, owners, roles, found)
    await repo.add_imported_reports(reports)
    await repo.set_action_status(rec.archived, "archived")
    changes.archived = [(stored[i].area, stored[i].fields["title"]) for i in rec.archived]
    changes.restored = [(stored[i].area, stored[i].fields["title"]) for i in restored]
    return changes
