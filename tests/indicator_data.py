"""Test data for effect indicators: the real 2025 seed plan with an Indikatorer sheet added.

The sheet is written with openpyxl into the workbook built from tests/fixtures/seeds, as a
coordinator would add it to the template: clean (the cells Följa's export must give back) or
messy (extra spaces, case, decimal commas, "Ingen data – …", a misspelt header order).
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from services.imports import ImportReport, import_workbook
from storage.db import Database
from tests.fixtures.make_workbooks import build_workbook
from tests.fixtures.seed_plans import PLAN_2025

PLACES = "Otrygga och brottsutsatta platser"
YOUTH = "Unga i riskzon för destruktivt beteende"
CRIME = "Kriminella miljöer och livsstilar"
HEADERS = ["Område", "Problem", "Indikator", "Källa", "Enhet", "Riktning", "Utgångsvärde",
           "Utgångsår", "Mål", "Målår", "Ansvarig", "2024", "2025-T1", "2025-T2"]
CLEAN = [
    [PLACES, None, "Otrygghet i området", "Trygghetsmätning", "index", "Lägre är bättre", 2.4,
     2024, 1.8, 2026, "Kommunpolis", 2.4, 2.1, "ingen data: enkäten genomfördes inte"],
    [YOUTH, "Unga rekryteras till kriminella nätverk", "Anmälda rån mot unga",
     "Polisens statistik", "antal", "Lägre är bättre", 40, 2024, 30, 2026, "Socialtjänsten",
     40, 33, 31],
    [CRIME, None, "Deltagare i avhopparverksamhet", "Egen räkning", "antal",
     "Högre är bättre", 5, 2024, 12, 2026, "Socialtjänsten", None, 6, 7],
    [PLACES, None, "Anmälda skadegörelsebrott", "NTU", "antal", "Lägre är bättre", 100, 2024,
     80, 2026, "Kommunpolis", None, 105, 110],
]
# name → expected (light, trend) by docs/indicators.md
EXPECTED = {"Otrygghet i området": ("grey", "down"), "Anmälda rån mot unga": ("green", "down"),
            "Deltagare i avhopparverksamhet": ("yellow", "up"),
            "Anmälda skadegörelsebrott": ("red", "up")}
MESSY_HEADERS = [" område ", "PROBLEM", "Indikator ", "kalla", "Enhet", "riktning",
                 "Utgångsvärde", "utgångsår", "MÅL", "Målår", "Ansvarig", 2024, "2025 t1",
                 "T2 2025"]
MESSY = [
    [f"  {PLACES.upper()} ", None, " Otrygghet i området ", "trygghetsmätningen", "index",
     "lägre", "2,4", "2024", "1,8", "2026", "Kommunpolis", "2,4", " 2,1 ",
     "Ingen data – enkäten genomfördes inte"],
    [YOUTH, "Unga rekryteras till kriminella nätverk", "Anmälda rån mot unga",
     "polisens statistik", "antal", "LÄGRE ÄR BÄTTRE", 40, 2024, 30, 2026, "Socialtjänsten",
     " 40 ", 33, "31,0"],
    [CRIME, None, "Deltagare i avhopparverksamhet", "Egen räkning", "antal", "högre",
     5, 2024, 12, 2026, "Socialtjänsten", None, "6", 7],
    [PLACES, None, "Anmälda skadegörelsebrott", "ntu", "antal", "Lägre är bättre", 100, 2024,
     80, 2026, "kommunpolis", None, 105, 110],
    ["Ett område som inte finns", None, "Nattvandrare ute", "Egen räkning", "antal", "Högre",
     None, None, None, None, None, None, 3, None],
]


def add_indicator_sheet(path: Path, rows: list[list], headers: list | None = None,
                        title: str = "Indikatorer") -> Path:
    """Add the sheet (a title row above the header, as people write) to the workbook."""
    wb = load_workbook(path)
    ws = wb.create_sheet(title)
    ws.append(["Effektindikatorer 2025"])
    ws.append(list(headers or HEADERS))
    for row in rows:
        ws.append(list(row))
    wb.save(path)
    return path


def plan_workbook(tmp: Path, rows: list[list] | None = None, headers: list | None = None,
                  name: str = "atgardsplan-2025.xlsx") -> Path:
    """The 2025 seed plan with an Indikatorer sheet."""
    path = build_workbook(PLAN_2025, tmp / name)
    return add_indicator_sheet(path, CLEAN if rows is None else rows, headers)


async def import_plan(db: Database, tmp: Path, district: str = "Kungsholmen",
                      rows: list[list] | None = None, headers: list | None = None
                      ) -> ImportReport:
    path = plan_workbook(tmp, rows, headers, name=f"plan-{district}.xlsx")
    return await import_workbook(db, path, year=2025, district=district)
