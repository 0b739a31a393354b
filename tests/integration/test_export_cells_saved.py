"""A status pasted from Word (vertical tab) or starting with "=" no longer breaks, nor turns into
a formula in, the year-end report's xlsx or `folja export`: both go through importer.export.put."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime

from openpyxl import load_workbook

from cards.followup_messages import COMPOSER
from cli.report import render_report
from cli.workbook import status_labels
from domain.followup import StatusInput
from domain.status import Status
from services.exports import export_plan
from services.followup import open_round, record_status
from services.yearend import year_end
from storage.db import Database
from tests.e2e.test_followup import owned_actions
from tests.followup_data import seed_2025

NOW = datetime(2026, 11, 30, 8, tzinfo=UTC)
PASTED = '=HYPERLINK("http://evil.example")\x0bRad två från Word'


async def test_saved_text_reaches_every_xlsx_as_plain_text(database: Database, tmp_path):
    seeded = await seed_2025(database, tmp_path)
    opened = await open_round(database, "Kungsholmen 2025", label="Vecka 49",
                              due=date(2026, 12, 4), actor="test", now=NOW, compose=COMPOSER)
    action_id = min(await owned_actions(database, seeded, "Kommunpolis"))
    saved = await record_status(database, StatusInput(
        opened.round.id, action_id, Status.DONE, done_text=PASTED),
        person_id=seeded.people["tove"], now=NOW)
    assert saved.ok, saved
    report = render_report(await year_end(database, "Kungsholmen 2025"), "xlsx", "sv")
    await export_plan(database, "Kungsholmen 2025", tmp_path / "export.xlsx", status_labels())
    for data in (report, (tmp_path / "export.xlsx").read_bytes()):
        wb = load_workbook(io.BytesIO(data))
        cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row]
        assert [c.coordinate for c in cells if c.data_type == "f"] == []
        texts = [str(c.value) for c in cells if c.value is not None]
        assert any('=HYPERLINK("http://evil.example")Rad två från Word' in t for t in texts)
        assert not any("\x0b" in t for t in texts)
