"""Import and export of a generated 2,000-action workbook; the goal is < 2 s each.

    .venv/bin/python -m bench.workbook [--actions 2000] [--database-url URL]
        [--memory] [--big-sheet ROWS]

Builds the workbook from the 2025 seed rows (repeated over five areas) with the fixture
script, migrates a fresh SQLite database (or uses --database-url, which must be empty), then
times: parsing alone, a full import (parse + one transaction), a re-import of the same file,
and an export. Prints one line per step, wall and CPU time (process_time: the machine may be
shared; on PostgreSQL the server's CPU is not in it). --memory then imports the file once more
into a fresh plan under tracemalloc and prints the peak; --big-sheet ROWS parses a one-sheet
workbook of ROWS actions (2025 layout) and prints its time and peak memory.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import tempfile
import time
import tracemalloc
from pathlib import Path

from openpyxl import Workbook

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


def big_sheet(rows: int, path: Path) -> Path:
    """One area sheet, header + guidance row + `rows` actions, written streaming."""
    seed = [r for s in PLAN_2025.sheets for r in s.rows]
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(PLAN_2025.sheets[0].sheet_name)
    ws.append([PLAN_2025.sheets[0].area_name, "Orsak", "Åtgärd", "Operativa mål", "När", "Vem",
               "Uppföljning"])
    ws.append(["Ange identifierat problem", "Beskriv orsaken", "", "", "", "", ""])
    for i in range(rows):
        r = seed[i % len(seed)]
        ws.append([r.problem, r.cause, f"{r.action} (nr {i + 1})", r.goal, r.when, r.who, ""])
    wb.save(path)
    return path


def timed_and_peak(work) -> tuple[float, float, float, object]:
    """(wall s, CPU s, peak MiB, the result): timed untraced, then run again under tracemalloc
    (which slows allocation-heavy code several times over)."""
    w, c = time.perf_counter(), time.process_time()
    result = work()
    w, c = time.perf_counter() - w, time.process_time() - c
    tracemalloc.start()
    work()
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return w, c, peak, result


async def run(actions: int, url: str | None, memory: bool = False, big: int = 0) -> None:
    folder = Path(tempfile.mkdtemp())
    path = build_workbook(big_plan(actions), folder / "big.xlsx")
    if url is None:
        url = f"sqlite+aiosqlite:///{folder / 'bench.db'}"
    upgrade(url)
    db = Database(url)
    marks: list[tuple[float, float]] = []

    def mark() -> None:  # wall and CPU: the machine is shared, CPU time says what we cost
        marks.append((time.perf_counter(), time.process_time()))

    try:
        mark()
        parsed = parse_workbook(path)
        mark()
        report = await import_workbook(db, path, district="Bench")
        mark()
        again = await import_workbook(db, path, district="Bench")
        mark()
        await export_plan(db, str(report.plan_id), folder / "out.xlsx", LABELS)
        mark()
        if memory:  # a new plan (another district), so it is a full import again
            tracemalloc.start()
            await import_workbook(db, path, district="Bench memory")
            peak = tracemalloc.get_traced_memory()[1] / 2**20
            tracemalloc.stop()
    finally:
        await db.dispose()
    backend = url.split(":", 1)[0]
    (w0, c0), (w1, c1), (w2, c2), (w3, c3), (w4, c4) = marks
    print(f"actions={len(parsed.actions)} backend={backend} file={path.stat().st_size // 1024} KiB"
          "   (wall s / CPU s)")
    print(f"parse only      {w1 - w0:6.2f} / {c1 - c0:5.2f}")
    print(f"import (new)    {w2 - w1:6.2f} / {c2 - c1:5.2f}   "
          f"({sum(c for _n, c in report.areas)} actions)")
    print(f"re-import       {w3 - w2:6.2f} / {c3 - c2:5.2f}   (unchanged {again.changes.unchanged})")
    print(f"export          {w4 - w3:6.2f} / {c4 - c3:5.2f}")
    if memory:
        print(f"import peak memory (tracemalloc) {peak:6.1f} MiB")
    if big:
        sheet = big_sheet(big, folder / "sheet.xlsx")
        w, c, peak, parsed = timed_and_peak(lambda: parse_workbook(sheet))
        print(f"parse {len(parsed.actions)}-row sheet ({sheet.stat().st_size // 1024} KiB): "
              f"{w:.2f} / {c:.2f} s, peak {peak:.1f} MiB (tracemalloc)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actions", type=int, default=2000)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--memory", action="store_true",
                        help="peak memory of one more full import (tracemalloc)")
    parser.add_argument("--big-sheet", type=int, default=0, metavar="ROWS",
                        help="also parse a one-sheet workbook of ROWS actions")
    args = parser.parse_args()
    asyncio.run(run(args.actions, args.database_url, args.memory, args.big_sheet))


if __name__ == "__main__":
    main()
