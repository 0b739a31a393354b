"""Import and export of a generated 2,000-action workbook; the goal is < 2 s each.

    .venv/bin/python -m bench.workbook [--actions 2000] [--database-url URL]

Builds the workbook from the 2025 seed rows (repeated over five areas) with the fixture
script, migrates a fresh SQLite database (or uses --database-url, which must be empty), then
times: parsing alone, a full import (parse + one transaction), a re-import of the same file,
and an export. Prints one line per step.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import tempfile
import time
from pathlib import Path

from importer.workbook import parse_workbook
from services.exports import export_plan
from services.imports import import_workbook
from storage.db import Database
from storage.migrate import upgrade
from tests.fixtures.make_workbooks import build_workbook
from tests.fixtures.seed_plans import PLAN_2025

LABELS = {"done": "Genomförd", "none": "Ingen rapport"}


def big_plan(actions: int):
    """The 2025 plan with its rows repeated (and numbered) to `actions` rows over 5 areas."""
    seed = [r for s in PLAN_2025.sheets for r in s.rows]
    per_area = actions // 5
    sheets = []
    for index, sheet in enumerate(PLAN_2025.sheets[:5]):
        rows = tuple(dataclasses.replace(seed[(index * per_area + i) % len(seed)],
                                         action=f"{seed[(index * per_area + i) % len(seed)].action} "
                                                f"(nr {index * per_area + i + 1})")
                     for i in range(per_area))
        sheets.append(dataclasses.replace(sheet, rows=rows))
    return dataclasses.replace(PLAN_2025, sheets=tuple(sheets), summary_sheet_name="")


async def run(actions: int, url: str | None) -> None:
    folder = Path(tempfile.mkdtemp())
    path = build_workbook(big_plan(actions), folder / "big.xlsx")
    if url is None:
        url = f"sqlite+aiosqlite:///{folder / 'bench.db'}"
    upgrade(url)
    db = Database(url)
    try:
        t0 = time.perf_counter()
        parsed = parse_workbook(path)
        t1 = time.perf_counter()
        report = await import_workbook(db, path, district="Bench")
        t2 = time.perf_counter()
        again = await import_workbook(db, path, district="Bench")
        t3 = time.perf_counter()
        await export_plan(db, str(report.plan_id), folder / "out.xlsx", LABELS)
        t4 = time.perf_counter()
    finally:
        await db.dispose()
    backend = url.split(":", 1)[0]
    print(f"actions={len(parsed.actions)} backend={backend} file={path.stat().st_size // 1024} KiB")
    print(f"parse only      {t1 - t0:6.2f} s")
    print(f"import (new)    {t2 - t1:6.2f} s   ({sum(c for _n, c in report.areas)} actions)")
    print(f"re-import       {t3 - t2:6.2f} s   (unchanged {again.changes.unchanged})")
    print(f"export          {t4 - t3:6.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actions", type=int, default=2000)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    asyncio.run(run(args.actions, args.database_url))


if __name__ == "__main__":
    main()
