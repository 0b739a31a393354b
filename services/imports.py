"""Importing an åtgärdsplan workbook: one intention, one transaction, nothing half-written.

Parsing is pure (importer/); here the result is matched to what is stored. A new plan is
created; a re-import updates the same plan in place (unchanged actions keep identity and
history, removed ones are archived); next year's plan proposes links to last year's actions.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from pathlib import Path, PurePath

from domain.model import is_placeholder_area
from domain.personal_data import contains_personal_number
from importer.links import Candidate, propose_links
from importer.model import ImportWarning, ParsedPlan, WorkbookError
from importer.owners import DEFAULT_ROLES, RoleSpec, find_owners
from importer.reconcile import Known, reconcile
from importer.workbook import parse_workbook
from services.import_writes import Changes, apply_changes
from services.indicator_sync import sync_indicators
from storage.db import Database
from storage.repository import Repository

log = logging.getLogger(__name__)
DEFAULT_DISTRICT = "Stadsdelen"

__all__ = ["ImportReport", "WorkbookError", "import_workbook", "role_catalogue"]


@dataclass(frozen=True)
class Unowned:
    area: str
    title: str
    sheet: str
    row: int


@dataclass(frozen=True)
class LinkLine:
    action_title: str
    previous_title: str
    score: int
    method: str


@dataclass(frozen=True)
class ImportReport:
    plan_id: int
    year: int
    district: str
    created: bool
    areas: tuple[tuple[str, int], ...]  # (area name, active actions)
    warnings: tuple[ImportWarning, ...]
    changes: Changes
    unowned: tuple[Unowned, ...]
    owned: int  # actions with at least one recognised role
    links: tuple[LinkLine, ...] = ()

    @property
    def shown_areas(self) -> tuple[tuple[str, int], ...]:
        """The areas a person reads about: the template's empty placeholder left out."""
        return tuple((n, c) for n, c in self.areas if not is_placeholder_area(n, c))

    def as_json(self) -> dict:
        """The documented `--json` shape (sheet/row/message filled in by the edge)."""
        return {"plan_id": self.plan_id, "year": self.year, "district": self.district,
                "areas": [{"name": n, "actions": c} for n, c in self.areas]}


async def role_catalogue(repo: Repository) -> list[RoleSpec]:
    """The built-in roles plus those coordinators added (`folja roles add`)."""
    specs = {r.name.lower(): r for r in DEFAULT_ROLES}
    for role in await repo.list_roles():
        base = specs.get(role.name.lower())
        aliases = tuple(dict.fromkeys((*(base.aliases if base else ()), *role.aliases)))
        specs[role.name.lower()] = RoleSpec(role.name, role.organisation, aliases)
    return [s for s in specs.values() if s.name.lower() != "koordinator"]


async def import_workbook(
    db: Database, path: PurePath, *, year: int | None = None, district: str | None = None,
    actor: str = "cli", data: bytes | None = None,
) -> ImportReport:
    """Import (or re-import) the workbook; WorkbookError when it is not a readable plan."""
    if contains_personal_number(Path(path).name):  # the name is stored with the plan
        raise WorkbookError("personal_number_name")
    # In a worker thread: a big file's parse must not stall every other turn on the loop.
    parsed = await asyncio.to_thread(parse_workbook, data if data is not None else Path(path))
    year = year or parsed.year
    if not year:
        raise WorkbookError("no_year")
    async with db.transaction() as repo:
        district = (district or await repo.latest_district() or DEFAULT_DISTRICT).strip()
        plan_id = await repo.plan_by_district_year(district, year)
        created = plan_id is None
        if plan_id is None:
            plan_id = await repo.create_plan(year=year, district=district, title=parsed.title,
                                             source_file=Path(path).name)
        else:
            await repo.touch_plan(plan_id, source_file=Path(path).name, title=parsed.title)
        roles = await role_catalogue(repo)
        found = _owners_of(parsed, roles)
        changes = await _sync(repo, plan_id, parsed, roles, year, found)
        extra = await sync_indicators(repo, plan_id, parsed, roles, actor)
        links: tuple[LinkLine, ...] = ()
        if created:  # link to last year's plan, or let next year's plan link to this one
            links = await _link_previous(repo, plan_id, district, year)
            following = await repo.plan_by_district_year(district, year + 1)
            if following is not None:
                await _link_previous(repo, following, district, year + 1)
        report = await _report(repo, plan_id, year, district, created, parsed, changes, found,
                               links, extra)
        if created or changes.any():  # a file that changes nothing adds no history
            await repo.audit(actor=actor, action="plan.imported", entity="plan",
                             entity_id=plan_id, plan_id=plan_id,
                             after={"file": Path(path).name, **changes.counts()})
    log.info("imported %s: plan %s, %s", Path(path).name, plan_id, changes.counts())
    return report


def _owners_of(parsed: ParsedPlan, roles) -> dict:
    """id(row) → its owners; each distinct Vem text is read once (plans repeat them a lot)."""
    by_text: dict[str, list] = {}
    for a in parsed.actions:
        if a.who_text not in by_text:
            by_text[a.who_text] = find_owners(a.who_text, roles)
    return {id(a): by_text[a.who_text] for a in parsed.actions}


async def _sync(
    repo: Repository, plan_id: int, parsed: ParsedPlan, roles, year: int, found: dict
) -> Changes:
    stored = await repo.stored_actions(plan_id)
    answers = await _answers(repo, plan_id) if stored else {}
    known = [Known(s.id, s.area, s.fields, s.archived, answers.get(s.id, ())) for s in stored]
    rows = [(area.name, a) for area in parsed.areas for a in area.actions]
    plan = reconcile(known, rows)
    return await apply_changes(repo, plan_id, parsed, plan, roles, year,
                               {s.id: s for s in stored}, found)


async def _answers(repo: Repository, plan_id: int) -> dict[int, tuple[str, ...]]:
    """Action id → the texts of its latest statements: what Följa's own export writes."""
    texts: dict[int, list[str]] = {}
    for report in await repo.latest_reports(plan_id):
        texts.setdefault(report.action_id, []).append(report.text)
    return {action_id: tuple(t) for action_id, t in texts.items()}


async def _link_previous(repo: Repository, plan_id: int, district: str, year: int):
    previous = await repo.plan_by_district_year(district, year - 1)
    if previous is None:
        return ()
    await repo.touch_plan(plan_id, previous_plan_id=previous)
    new = [Candidate(s.id, s.fields["title"], s.fields["action_text"])
           for s in await repo.stored_actions(plan_id) if not s.archived]
    old = {s.id: s for s in await repo.stored_actions(previous) if not s.archived}
    proposals = propose_links(new, [Candidate(s.id, s.fields["title"], s.fields["action_text"])
                                    for s in old.values()])
    await repo.add_links(plan_id, [(p.action_id, p.previous_action_id, p.score, p.method)
                                   for p in proposals])
    titles = {c.id: c.title for c in new}
    return tuple(LinkLine(titles[p.action_id], old[p.previous_action_id].fields["title"],
                          p.score, p.method) for p in proposals)


async def _report(repo, plan_id, year, district, created, parsed, changes, found, links,
                  extra=()):
    unowned = tuple(
        Unowned(area.name, a.title, a.sheet, a.row)
        for area in parsed.areas for a in area.actions if not found[id(a)])
    total = len(parsed.actions)
    return ImportReport(
        plan_id=plan_id, year=year, district=district, created=created,
        areas=tuple(await repo.active_counts(plan_id)),
        warnings=(*parsed.warnings, *extra), changes=changes, unowned=unowned,
        owned=total - len(unowned),
        links=links,
    )

