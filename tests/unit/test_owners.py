"""Owners from the Vem text: coverage on the real 2025 plan, leads, typos, and no guessing."""

from __future__ import annotations

import pytest

from domain.model import Organisation
from importer.owners import DEFAULT_ROLES, OwnerMatch, RoleSpec, find_owners
from tests.fixtures.seed_plans import PLAN_2024, PLAN_2025


def _rows(plan):
    return [row for sheet in plan.sheets for row in sheet.rows]


def test_at_least_95_percent_of_2025_actions_have_a_recognised_role():
    rows = _rows(PLAN_2025)
    owned = [r for r in rows if find_owners(r.who)]
    assert len(owned) / len(rows) >= 0.95
    assert len(rows) == 27


def test_2024_rows_without_vem_are_unowned_and_the_rest_owned():
    unowned = [r for r in _rows(PLAN_2024) if not find_owners(r.who)]
    assert [r.who for r in unowned] == ["", ""]


@pytest.mark.parametrize(("text", "expected"), [
    ("Kommunpolisen\u00a0är sammankallande\u00a0och deltar\u00a0gör\u00a0chefer\u00a0från "
     "socialtjänsten, trygghetssamordnare, grundskolechef, gymnasiechef och representant från "
     "regionen.",
     [("Kommunpolis", True), ("Socialtjänsten", False), ("Trygghetssamordnare", False),
      ("Grundskolechef", False), ("Gymnasiechef", False), ("Regionen", False)]),
    ("Socialtjänst har huvudansvaret, polis och skola är viktiga samverkanspartners.",
     [("Socialtjänsten", True), ("Polisen", False), ("Skolan", False)]),
    ("Trygghetssamordnaren ansvarar för att sammankalla och administrera mötena. Polisen åtar "
     "sig att delta.", [("Trygghetssamordnare", True), ("Polisen", False)]),
    ("Socialsekreterare hos polisen och polisen",
     [("Socialsekreterare hos polisen", False), ("Polisen", False)]),
    ("VINRsamordnare ansvarar för att samordna implementeringen.", [("VINR-samordnare", True)]),
    ("Polis och fältassistenter", [("Polisen", False), ("Fältassistenter", False)]),
    ("Stadsdelens fältassistenter åtar sig att delta.", [("Fältassistenter", False)]),
])
def test_roles_and_leads(text, expected):
    assert find_owners(text) == [OwnerMatch(r, lead) for r, lead in expected]


def test_typos_of_long_role_names_are_recognised():
    assert [m.role for m in find_owners("Trygghessamordnaren ska planera")] == [
        "Trygghetssamordnare"]
    assert [m.role for m in find_owners("samtal med socialsekretare")] == ["Socialsekreterare"]


def test_nothing_is_guessed_from_near_words():
    # "samordnaren" alone is no particular samordnare; "polisiär" is not "polis".
    assert find_owners("efter kallelse från samordnaren, polisiär närvaro") == []
    assert find_owners("") == []


def test_no_lead_without_a_lead_phrase():
    assert all(not m.lead for m in find_owners("Kommunpolis säkerställer att detta görs."))


def test_coordinators_extend_the_catalogue():
    text = "Fritidsgården Kaninen ansvarar för kvällsöppet."
    assert find_owners(text) == []
    extra = (*DEFAULT_ROLES, RoleSpec("Fritidsledare", Organisation.DISTRICT,
                                      ("fritidsgården kaninen",)))
    assert find_owners(text, extra) == [OwnerMatch("Fritidsledare", True)]
