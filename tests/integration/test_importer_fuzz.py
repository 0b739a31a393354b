"""Damaged workbooks (issue 9): a clear Swedish error or a correct import — never a crash, never a
half-written plan. Truncated zips, broken sheet XML, formulas, 32,000-character cells, many rows
(2,000 here; bench/fuzz_importer.py reads 4,000, refuses workbook bombs, and measures memory)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from i18n import t
from importer.model import WorkbookError
from importer.workbook import parse_workbook
from services.imports import import_workbook
from storage.db import Database
from storage.models import ActionRow, AuditEventRow, PlanRow
from tests.damaged_workbooks import CRASHING_FLIPS, all_cases, clean_bytes, flip

# The flips that once let zlib.error / NotImplementedError escape the importer stay as cases.
CASES = list(all_cases(big_rows=2_000)) + [
    pytest.param(f"40 random bytes flipped (seed {seed})", flip(clean_bytes(), seed),
                 id=f"flip {seed} ({error})")
    for seed, error in CRASHING_FLIPS.items()
]
READABLE = {"clean", "shared strings missing", "formulas in cells", "32,000-character cells",
            "2,000 action rows"}


async def _count(db: Database, model) -> int:
    async with db.session() as s:
        return int(await s.scalar(select(func.count()).select_from(model)))


@pytest.mark.parametrize(("name", "data"), CASES,
                         ids=[c[0] if isinstance(c, tuple) else c.id for c in CASES])
async def test_damaged_workbook_is_refused_in_swedish_or_imported_whole(
    database: Database, name: str, data: bytes
):
    try:
        report = await import_workbook(database, Path(f"{name}.xlsx"), year=2026,
                                       district="Fuzzby", data=data)
    except WorkbookError as exc:
        assert name not in READABLE, f"{name}: {exc.code}"
        message = t(f"import.error.{exc.code}", "sv")
        assert message and "Traceback" not in message
        assert await _count(database, PlanRow) == 0  # nothing half-written
        assert await _count(database, ActionRow) == 0
        assert await _count(database, AuditEventRow) == 0
        return
    assert name in READABLE, f"{name} imported but should not be readable"
    parsed = parse_workbook(data)
    assert await _count(database, PlanRow) == 1
    assert await _count(database, ActionRow) == len(parsed.actions) > 0
    assert report.plan_id
    async with database.session() as s:
        titles = (await s.scalars(select(ActionRow.title))).all()
        texts = (await s.scalars(select(ActionRow.cause))).all()
    if name == "32,000-character cells":
        assert max(len(x) for x in texts) >= 31_990  # free text kept whole (trimmed)
        assert all(len(x) <= 300 for x in titles)  # titles fit their column
    if name == "formulas in cells":
        stored = await _texts(database)  # cached values only: a formula is never kept or run
        assert "=SUM" not in stored and "cmd|" not in stored and "HYPERLINK" not in stored


async def _texts(db: Database) -> str:
    async with db.session() as s:
        rows = (await s.execute(select(ActionRow.title, ActionRow.action_text, ActionRow.cause,
                                       ActionRow.goal))).all()
    return " ".join(x for row in rows for x in row)
