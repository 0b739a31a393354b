"""One area sheet → ParsedArea: skip the guidance row, keep every data row's text as written."""

from __future__ import annotations

from collections.abc import Sequence

from importer.headers import Header
from importer.model import STANDARD_AREAS, ImportWarning, ParsedAction, ParsedArea
from importer.text import clean, loose, short_title

_GUIDANCE = (
    "beskriv orsaken", "koppla atgard", "koppla operativa mal", "ange tid for nar",
    "ange vem som ansvarar", "ange identifierat problem", "beskriv vad som har genomforts",
    "denna kolumn fylls i",
)
_PLACEHOLDER = "[eget prioriterat omrade]"
_STANDARD = {loose(n) for n in STANDARD_AREAS}


_HEAD = 80  # chars of a cell enough to fold for the prefix test (guidance prefixes are < 40)


def is_guidance(text: str) -> bool:
    # Folding only the head of a long cell gives the same answer: loose() of a prefix is a
    # prefix of loose() of the whole, but for its last character.
    head = loose(text[:_HEAD])
    if len(head) <= max(map(len, _GUIDANCE)) + 1:
        head = loose(text)
    return head.startswith(_GUIDANCE)


def read_area(
    sheet: str, rows: Sequence[Sequence[object]], header: Header
) -> tuple[ParsedArea, list[ImportWarning]]:
    """The area's name and actions; warnings for rows that are odd but kept."""
    warnings = [ImportWarning(sheet, header.row, "duplicate_column", {"column": d})
                for d in header.duplicates]
    name = header.area_title
    actions: list[ParsedAction] = []
    for number, row in enumerate(rows[header.row:], start=header.row + 1):
        cells = {f: clean(row[c]) if c < len(row) else "" for c, f in header.columns.items()}
        filled = [f for f, v in cells.items() if v]
        if not filled:
            continue
        guidance = [f for f in filled if is_guidance(cells[f])]
        if guidance and len(guidance) >= len(filled) - 1:
            if header.layout == "2024" and not name and cells.get("problem"):
                name = " ".join(cells["problem"].split())
            continue
        if header.layout == "2024" and not name and filled == ["problem"]:
            name = " ".join(cells["problem"].split())
            continue
        if header.layout == "2025" and filled == ["problem"]:
            continue  # a merged problem cell reaching past the last action
        actions.append(_action(sheet, number, cells, header.layout))
        if not cells.get("action"):
            warnings.append(ImportWarning(sheet, number, "no_action_text"))
    if not name:
        name = _name_from_sheet(sheet)
        warnings.append(ImportWarning(sheet, header.row, "area_name_missing", {"name": name}))
    custom = loose(name) not in _STANDARD
    if loose(name) == _PLACEHOLDER and actions:
        warnings.append(ImportWarning(sheet, header.row, "custom_area_unnamed"))
    return ParsedArea(name=name, sheet_name=sheet, custom=custom, actions=tuple(actions)), warnings


def _action(sheet: str, number: int, cells: dict[str, str], layout: str) -> ParsedAction:
    problem = cells.get("problem", "")
    action_text = cells.get("action", "")
    if layout == "2024":
        title = " ".join(problem.split()) or short_title(action_text)
    else:
        title = short_title(action_text) or short_title(problem) or short_title(cells.get("cause", ""))
    return ParsedAction(
        sheet=sheet, row=number, title=title[:300], problem=problem,
        cause=cells.get("cause", ""), action_text=action_text, goal=cells.get("goal", ""),
        when_text=cells.get("when", ""), who_text=cells.get("who", ""),
        follow_up=cells.get("follow_up", ""),
    )


def _name_from_sheet(sheet: str) -> str:
    """"3. Systemhotade brottslighet" → "Systemhotade brottslighet"."""
    return sheet.split(".", 1)[1].strip() if sheet[:1].isdigit() and "." in sheet else sheet.strip()
