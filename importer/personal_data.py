"""The personnummer guard for imported workbooks: one warning per cell that holds one.

A plan is a public document and must not name individuals; a personal identity number in a cell
is almost always a mistake. The import goes on (the plan is the municipality's to fix), but the
coordinator is told which sheet, row and column to clean — never the number itself.
"""

from __future__ import annotations

from domain.personal_data import contains_personal_number
from importer.model import ImportWarning, ParsedArea

CODE = "personal_number"
# ParsedAction field → the column as the template names it
FIELDS = {
    "title": "Åtgärd", "problem": "Problem", "cause": "Orsak", "action_text": "Åtgärd",
    "goal": "Mål", "when_text": "När", "who_text": "Vem", "follow_up": "Uppföljning",
}


def personal_number_warnings(areas: list[ParsedArea] | tuple[ParsedArea, ...]) -> list[ImportWarning]:
    """A warning for every (sheet, row, column) whose text holds a personal identity number."""
    found: list[ImportWarning] = []
    for area in areas:
        if contains_personal_number(area.name):
            found.append(ImportWarning(area.sheet_name, None, CODE, {"column": "Område"}))
        for action in area.actions:
            columns = dict.fromkeys(
                label for name, label in FIELDS.items()
                if contains_personal_number(getattr(action, name, "") or "")
            )
            found.extend(ImportWarning(action.sheet, action.row, CODE, {"column": label})
                         for label in columns)
    return found
