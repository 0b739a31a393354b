"""Binding the plan's roles to people: list, add, assign one, load many; who coordinates.

A person is created by e-mail when first assigned, and bound to their Teams identity on first
contact (services.people.remember), so a coordinator can prepare everything before anyone talks
to the bot.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from domain.identity import binding_email
from domain.model import Organisation, Role
from importer.owners import DEFAULT_ROLES
from importer.text import loose
from services.imports import role_catalogue
from services.plans import PlanNotFound
from storage.db import Database
from storage.repository import Repository

COORDINATOR = "koordinator"
CITY_COORDINATOR = "stadskoordinator"
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class RoleInputError(ValueError):
    """Bad input for a role command; `code` + `values` pick the Swedish message."""

    def __init__(self, code: str, **values: object) -> None:
        super().__init__(code)
        self.code, self.values = code, values


@dataclass(frozen=True)
class RoleLine:
    role: Role
    holders: tuple[tuple[str, str, str | None], ...]  # (e-mail, name, district or None = all)


async def list_roles(db: Database) -> list[RoleLine]:
    """Every role (built-in ones included, stored on first use) with who holds it."""
    async with db.transaction() as repo:
        await repo.ensure_roles([(r.name, r.organisation, r.aliases) for r in DEFAULT_ROLES])
        holders = await repo.role_holders()
        return [RoleLine(r, tuple(holders.get(r.id, ()))) for r in await repo.list_roles()]


async def add_role(db: Database, name: str, org: str, aliases: tuple[str, ...],
                   actor: str = "cli") -> Role:
    """A new role (or more aliases for an existing one), used by the next import."""
    try:
        organisation = Organisation(org)
    except ValueError as exc:
        raise RoleInputError("roles.bad_org", org=org,
                             choices=", ".join(o.value for o in Organisation)) from exc
    async with db.transaction() as repo:
        role = await repo.get_or_create_role(name, organisation, aliases)
        merged = list(dict.fromkeys((*role.aliases, *aliases)))
        await repo.set_role_aliases(role.id, merged)
        await repo.audit(actor=actor, action="role.added", entity="role", entity_id=role.id,
                         after={"name": role.name, "aliases": merged})
        return Role(role.id, role.name, role.organisation, tuple(merged))


async def _resolve_role(repo: Repository, name: str) -> Role:
    if loose(name) in (COORDINATOR, CITY_COORDINATOR):
        return await repo.get_or_create_role(loose(name), Organisation.OTHER)
    for spec in await role_catalogue(repo):
        if loose(name) in {loose(n) for n in (spec.name, *spec.aliases)}:
            return await repo.get_or_create_role(spec.name, spec.organisation, spec.aliases)
    raise RoleInputError("roles.unknown", role=name)


async def _assign(repo: Repository, role: str, email: str, name: str, district_id: int | None,
                  actor: str) -> tuple[Role, bool]:
    email = binding_email(email, None) or email.strip().lower()  # a guest's UPN → address
    if not _EMAIL.match(email):
        raise RoleInputError("roles.bad_email", email=email)
    found = await _resolve_role(repo, role)
    if district_id is not None and found.name == CITY_COORDINATOR:
        raise RoleInputError("roles.city_no_district")
    person = await repo.person_by_email(email) or await repo.create_person(
        email=email, display_name=name.strip())
    if name.strip() and not person.display_name:
        await repo.update_person(person.id, display_name=name.strip())
    new = await repo.assign_role(found.id, person.id, district_id)
    if new:
        await repo.audit(actor=actor, action="role.assigned", entity="person",
                         entity_id=person.id,
                         after={"role": found.name, "email": email, "district_id": district_id})
    return found, new


async def _district_id(repo: Repository, plan: str | None, district: str | None) -> int | None:
    """The district a binding is for: named, or the named plan's; None binds every district."""
    if district:
        found = await repo.find_district(district)
        if found is None:
            known = ", ".join(d.name for d in await repo.list_districts()) or "–"
            raise RoleInputError("roles.unknown_district", district=district, known=known)
        return found.id
    if not plan:
        return None
    plan_id = await repo.find_plan_id(plan)
    if plan_id is None:
        raise PlanNotFound(plan)
    return await repo.district_of_plan(plan_id)


async def assign_role(db: Database, role: str, email: str, *, name: str = "",
                      plan: str | None = None, district: str | None = None,
                      actor: str = "cli") -> tuple[Role, bool]:
    """Bind e-mail → role in one district (named, or the named plan's) or in every district;
    False when it was already bound. A district binding holds for every year's plan."""
    async with db.transaction() as repo:
        where = await _district_id(repo, plan, district)
        return await _assign(repo, role, email, name, where, actor)


def read_rows(path: Path) -> list[dict[str, str]]:
    """CSV (header role,email,name; comma or semicolon) or YAML (a list of mappings)."""
    text = path.read_text(encoding="utf-8-sig")
    if path.suffix.lower() in (".yaml", ".yml"):
        data = yaml.safe_load(text) or []
        if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
            raise RoleInputError("roles.bad_file", reason="YAML: en lista med role/email/name")
        return [{k.strip().lower(): str(v or "") for k, v in r.items()} for r in data]
    dialect = csv.Sniffer().sniff(text.splitlines()[0] if text else ",", delimiters=",;")
    return [{(k or "").strip().lower(): (v or "") for k, v in r.items()}
            for r in csv.DictReader(io.StringIO(text), dialect=dialect)]


async def load_roles(db: Database, rows: list[dict[str, str]], *, plan: str | None = None,
                     district: str | None = None,
                     actor: str = "cli") -> list[tuple[int, Role, str, bool]]:
    """All rows or none: a bad row raises RoleInputError naming its line (header = 1)."""
    async with db.transaction() as repo:
        plan_id = await _district_id(repo, plan, district)
        done = []
        for number, row in enumerate(rows, start=2):
            try:
                role, new = await _assign(repo, row.get("role", ""), row.get("email", ""),
                                          row.get("name", ""), plan_id, actor)
            except RoleInputError as exc:
                raise RoleInputError("roles.load_row", row=number, inner=exc) from exc
            done.append((number, role, row.get("email", "").strip().lower(), new))
        return done

