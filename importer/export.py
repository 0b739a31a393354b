"""Plan → xlsx in the template's layout: one sheet per area, Uppföljning filled, a summary sheet.

Pure: takes the domain Plan and each action's latest statements, returns the file's bytes.
Plans whose column A holds short names (the 2024 layout) are written that way, so a round trip
(import → export → import) gives the same plan. Every cell goes through `put` (see there).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from domain.model import Action, Area, Plan
from domain.status import STATUS_ORDER
from importer.followup import FollowUpEntry, compile_follow_up
from importer.indicator_export import IndicatorSheetRow, write_indicator_sheet
from importer.xlsx_cells import put, xml_text

_HEAD = {"cause": "Orsak", "action": "Åtgärd", "goal": "Operativa mål", "when": "När",
         "who": "Vem", "follow_up": "Uppföljning"}
_LAYOUT = {"2025": ("problem", "cause", "action", "goal", "when", "who", "follow_up"),
           "2024": ("problem", "cause", "action", "when", "who", "follow_up")}
_WIDTH = {"problem": 28, "cause": 45, "action": 50, "goal": 40, "when": 18, "who": 32,
          "follow_up": 60}
_WRAP = Alignment(wrap_text=True, vertical="top")
_BOLD = Font(bold=True)
_FILL = PatternFill("solid", fgColor="DDEBF7")
SUMMARY_SHEET = "Sammanställning"
def layout_of(plan: Plan) -> str:
    """2024 when column A is every action's short name (and nothing uses Operativa mål)."""
    actions = plan.actions
    if actions and all(a.title == " ".join(a.problem.split()) and not a.goal for a in actions):
        return "2024"
    return "2025"


def write_plan(plan: Plan, follow_ups: Mapping[int, Sequence[FollowUpEntry]],
               labels: Mapping[str, str], indicators: Sequence[IndicatorSheetRow] = (),
               indicator_headers: Sequence[str] = (), *, at: datetime | None = None) -> bytes:
    """The workbook's bytes; `labels` names each status value and "none" (no statement);
    `indicators` fill the Indikatorer sheet (with `indicator_headers` for added columns).

    With `at` (a closed period's report) the file says it was made then, in its properties and
    in every zip entry, so the same content always gives the same bytes."""
    wb = Workbook()
    wb.remove(wb.active)
    layout = layout_of(plan)
    areas = [a for a in plan.areas if not a.placeholder]  # the template's unfilled area
    for area in areas:
        _area_sheet(wb, area, layout, follow_ups, labels)
    _summary(wb, areas, follow_ups, labels)
    write_indicator_sheet(wb, indicators, indicator_headers)
    wb.properties.title = xml_text(plan.title or f"Åtgärdsplan {plan.year}")
    if at is not None:
        wb.properties.created = wb.properties.modified = at.astimezone(UTC).replace(tzinfo=None)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue() if at is None else stamped(out.getvalue(), at)


def stamped(data: bytes, at: datetime) -> bytes:
    """The same zip with every entry dated `at` (openpyxl dates them with the time of saving)."""
    stamp = at.astimezone(UTC).timetuple()[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = info.external_attr
            dst.writestr(entry, src.read(info.filename))
    return out.getvalue()


def _sheet_name(area: Area) -> str:
    """Excel allows 31 characters and no []:*?/\\; cut at a word."""
    name = " ".join(re.sub(r"[\[\]:*?/\\]", "", xml_text(f"{area.position}. {area.name}")).split())
    return name if len(name) <= 31 else name[:32].rsplit(" ", 1)[0]


def _value(action: Action, key: str, cell: str) -> str:
    return {"problem": action.problem, "cause": action.cause, "action": action.action_text,
            "goal": action.goal, "when": action.when.text, "who": action.who_text,
            "follow_up": cell}[key]


def _area_sheet(wb, area: Area, layout: str, follow_ups, labels) -> None:
    ws = wb.create_sheet(_sheet_name(area))
    keys = _LAYOUT[layout]
    first = 2 if layout == "2025" else 3
    heads = [area.name if (k == "problem" and layout == "2025") else
             "Prioriterat samverkansområde" if k == "problem" else _HEAD[k] for k in keys]
    for col, (key, head) in enumerate(zip(keys, heads, strict=True), start=1):
        cell = put(ws, 1, col, head)
        cell.font, cell.fill, cell.alignment = _BOLD, _FILL, _WRAP
        ws.column_dimensions[get_column_letter(col)].width = _WIDTH[key]
    if layout == "2024":
        put(ws, 2, 1, area.name).font = _BOLD
    for offset, action in enumerate(area.actions):
        text = compile_follow_up(follow_ups.get(action.id, ()), labels)
        for col, key in enumerate(keys, start=1):
            value = _value(action, key, text)
            cell = put(ws, first + offset, col, value or None)
            cell.alignment = _WRAP
    if layout == "2025":
        _merge_problems(ws, area.actions, first)
    ws.freeze_panes = ws.cell(row=first, column=1)


def _merge_problems(ws, actions: Sequence[Action], first: int) -> None:
    """Consecutive rows with the same problem share one merged cell, as in the template."""
    start = 0
    while start < len(actions):
        end = start
        while end + 1 < len(actions) and actions[end + 1].problem and \
                actions[end + 1].problem == actions[start].problem:
            end += 1
        if end > start:
            ws.merge_cells(start_row=first + start, start_column=1,
                           end_row=first + end, end_column=1)
        start = end + 1


def _latest_status(entries: Sequence[FollowUpEntry]) -> str:
    dated = [((e.at is not None, e.at or 0), e.status) for e in entries if e.status is not None]
    if not dated:
        return "none"
    return max(dated, key=lambda d: d[0])[1].value


def _summary(wb, areas: Sequence[Area], follow_ups, labels) -> None:
    ws = wb.create_sheet(SUMMARY_SHEET)
    put(ws, 1, 1, "Sammanställning över prioriterade områden").font = Font(bold=True, size=14)
    statuses = [s.value for s in STATUS_ORDER] + ["none"]
    heads = ["Prioriterat område", "Antal problem", "Antal identifierade orsaker",
             "Antal åtgärder", *(labels.get(s, s) for s in statuses)]
    for col, head in enumerate(heads, start=1):
        cell = put(ws, 2, col, head)
        cell.font, cell.fill, cell.alignment = _BOLD, _FILL, _WRAP
        ws.column_dimensions[get_column_letter(col)].width = 42 if col == 1 else 14
    for offset, area in enumerate(areas):
        counts = {s: 0 for s in statuses}
        for action in area.actions:
            counts[_latest_status(follow_ups.get(action.id, ()))] += 1
        row = [area.name, sum(1 for a in area.actions if a.problem),
               sum(1 for a in area.actions if a.cause), len(area.actions),
               *(counts[s] for s in statuses)]
        for col, value in enumerate(row, start=1):
            put(ws, 3 + offset, col, value).alignment = _WRAP
