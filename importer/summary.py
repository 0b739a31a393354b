"""The template's summary sheet ("Sammanställning…", the analysis tab): read it and check it.

Its counts are the district's own; a difference from what was imported is a warning, never an
error, because the sheet is often a stale copy.
"""

from __future__ import annotations

from collections.abc import Sequence

from importer.model import ImportWarning, ParsedArea, SummaryRow
from importer.text import clean, loose, words


def is_summary_name(name: str) -> bool:
    key = loose(name)
    return key.startswith(("sammanstallning", "analys", "summering"))


def read_summary(rows: Sequence[Sequence[object]]) -> tuple[SummaryRow, ...]:
    """The table under the header row that holds at least two "Antal …" columns."""
    for index, row in enumerate(rows[:20]):
        heads = [words(clean(v)) for v in row]
        if sum(h.startswith("antal") for h in heads) < 2:
            continue
        cols = {
            "problems": _col(heads, "problem"), "causes": _col(heads, "orsak"),
            "actions": _col(heads, "atgard"),
        }
        name_col = next((i for i, h in enumerate(heads) if h and not h.startswith("antal")), 0)
        return tuple(_rows(rows, index + 1, name_col, cols))
    return ()


def _col(heads: list[str], word: str) -> int | None:
    return next((i for i, h in enumerate(heads) if h.startswith("antal") and word in h), None)


def _rows(rows, start: int, name_col: int, cols: dict[str, int | None]):
    for number, row in enumerate(rows[start:], start=start + 1):
        name = clean(row[name_col]) if name_col < len(row) else ""
        if not name:
            break
        yield SummaryRow(name=" ".join(name.split()), row=number,
                         **{k: _int(row, c) for k, c in cols.items()})


def _int(row: Sequence[object], col: int | None) -> int | None:
    if col is None or col >= len(row):
        return None
    try:
        return int(float(clean(row[col])))
    except ValueError:
        return None


def check_summary(
    sheet: str, summary: Sequence[SummaryRow], areas: Sequence[ParsedArea]
) -> list[ImportWarning]:
    """One warning per count that differs, per area missing on either side."""
    warnings: list[ImportWarning] = []
    by_name = {loose(a.name): a for a in areas}
    seen: set[str] = set()
    for line in summary:
        area = by_name.get(loose(line.name))
        if area is None:
            warnings.append(ImportWarning(sheet, line.row, "summary_unknown_area", {"area": line.name}))
            continue
        seen.add(loose(line.name))
        for label, theirs, ours in zip(
            ("problems", "causes", "actions"), (line.problems, line.causes, line.actions),
            area.counts, strict=True,
        ):
            if theirs is not None and theirs != ours:
                warnings.append(ImportWarning(sheet, line.row, "summary_mismatch", {
                    "area": area.name, "what": label, "theirs": theirs, "ours": ours}))
    for area in areas:
        if loose(area.name) not in seen and area.actions:
            warnings.append(ImportWarning(sheet, None, "summary_missing_area", {"area": area.name}))
    return warnings
