"""`folja roles list|add|assign|load`: the role catalogue and who holds which role."""

from __future__ import annotations

from pathlib import Path

import click
from rich.table import Table

from cli.base import console, main, run_db
from i18n import t


def _input_error(exc) -> click.ClickException:
    inner = exc.values.get("inner")
    if inner is not None:
        message = t(inner.code, "sv", **inner.values)
        return click.ClickException(t("roles.load_row", "sv", row=exc.values["row"],
                                      message=message) + " " + t("roles.nothing_saved", "sv"))
    return click.ClickException(t(exc.code, "sv", **exc.values))


@main.group()
def roles() -> None:
    """Roller och vem som har dem."""


@roles.command("list")
def roles_list() -> None:
    """Visa rollerna och vilka personer som har dem."""
    from services.roles import list_roles

    table = Table("roll", "organisation", "alias", "personer")
    everywhere = t("roles.every_district", "sv")
    for line in run_db(list_roles):
        people = ", ".join(f"{name or email} <{email}> ({district or everywhere})"
                           for email, name, district in line.holders)
        table.add_row(line.role.name, line.role.organisation.value,
                      ", ".join(line.role.aliases), people or "–")
    console.print(table)


@roles.command("add")
@click.argument("name")
@click.option("--org", default="annan", help="polis, socialtjanst, skola, stadsdelsforvaltning, annan")
@click.option("--alias", "aliases", multiple=True, help="Annat namn i Vem-texten (flera går)")
def roles_add(name: str, org: str, aliases: tuple[str, ...]) -> None:
    """Lägg till en roll (eller fler alias) som nästa inläsning känner igen."""
    from services.roles import RoleInputError, add_role

    try:
        role = run_db(add_role, name, org, aliases)
    except RoleInputError as exc:
        raise _input_error(exc) from exc
    console.print(t("roles.added", "sv", role=role.name, aliases=", ".join(role.aliases) or "–"))


@roles.command("assign")
@click.argument("role")
@click.argument("email")
@click.option("--name", default="", help="Personens namn")
@click.option("--district", default=None,
              help="Bara i den här stadsdelen, alla år (utan: i alla stadsdelar)")
@click.option("--plan", "plan_ref", default=None, help="I den här planens stadsdel")
def roles_assign(role: str, email: str, name: str, district: str | None,
                 plan_ref: str | None) -> None:
    """Ge en person (e-post) en roll, i en stadsdel eller i alla.

    ROLE koordinator med --district: stadsdelens koordinator. ROLE stadskoordinator: staden,
    alla stadsdelar."""
    from services.plans import PlanNotFound
    from services.roles import RoleInputError, assign_role

    try:
        found, new = run_db(lambda db: assign_role(db, role, email, name=name, plan=plan_ref,
                                                   district=district))
    except RoleInputError as exc:
        raise _input_error(exc) from exc
    except PlanNotFound as exc:
        raise click.ClickException(t("plan.unknown", "sv", plan=plan_ref)) from exc
    if new and district:
        console.print(t("roles.assigned_in", "sv", email=email.strip().lower(), role=found.name,
                        district=district))
        return
    key = "roles.assigned" if new else "roles.already"
    console.print(t(key, "sv", email=email.strip().lower(), role=found.name))


@roles.command("load")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--district", default=None, help="Bara i den här stadsdelen, alla år")
@click.option("--plan", "plan_ref", default=None, help="I den här planens stadsdel")
def roles_load(file: Path, district: str | None, plan_ref: str | None) -> None:
    """Läs många rader (CSV eller YAML: role, email, name); alla eller ingen sparas."""
    from services.plans import PlanNotFound
    from services.roles import RoleInputError, load_roles, read_rows

    try:
        rows = read_rows(file)
        done = run_db(lambda db: load_roles(db, rows, plan=plan_ref, district=district))
    except RoleInputError as exc:
        raise _input_error(exc) from exc
    except (ValueError, UnicodeDecodeError) as exc:
        raise click.ClickException(t("roles.bad_file", "sv", reason=str(exc))) from exc
    except PlanNotFound as exc:
        raise click.ClickException(t("plan.unknown", "sv", plan=plan_ref)) from exc
    for _number, role, email, new in done:
        console.print(t("roles.assigned" if new else "roles.already", "sv", email=email,
                        role=role.name))
