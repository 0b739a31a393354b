"""The seed-plan fixture data and the workbooks built from it.

The data tests pin what the two real plans contain (per-area action counts, the
2025 seed's own summary table, the follow-ups of 2024, the readings chosen where
the extracted text was ambiguous). The workbook tests build every plan x variant,
load it with openpyxl and read the area sheets back with a small reader that
knows nothing but the header names, so a wrong layout, a lost row or a bad merge
fails here rather than in the importer's tests.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from tests.fixtures.make_workbooks import (
    CUSTOM_AREA_NAME,
    EXTRA_COLUMN_HEADER,
    HIDDEN_SHEET_NAME,
    VARIANTS,
    build_all,
    build_workbook,
    custom_area_sheet,
    expected_sheet_names,
    header_row,
    main,
    plan_for_variant,
    summary_table,
    workbook_filename,
)
from tests.fixtures.seed_plans import (
    INSTRUCTION_SHEET_NAME,
    PLAN_2024,
    PLAN_2025,
    PLANS,
    SEED_SUMMARY_2025,
    SUMMARY_HEADERS,
    SeedPlan,
    SeedRow,
    expected_counts,
    normalize_text,
    summary_counts,
)

SEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "seeds"
SEED_FILES = {
    2025: SEEDS / "atgardsplan-2025.txt",
    2024: SEEDS / "atgardsplan-2024-med-uppfoljning.txt",
}
FIELDS = ("problem", "cause", "action", "goal", "when", "who", "follow_up")

AREAS = [
    "Unga i riskzon för destruktivt beteende",
    "Otrygga och brottsutsatta platser",
    "Systemhotade brottslighet",
    "Särskilt utsatta och sårbara brottsoffer",
    "Kriminella miljöer och livsstilar",
]


def _rows(plan: SeedPlan) -> list[SeedRow]:
    return [row for sheet in plan.sheets for row in sheet.rows]


def _sheet(plan: SeedPlan, area: str):
    return next(sheet for sheet in plan.sheets if sheet.area_name == area)


# --- the data ---------------------------------------------------------------


def test_2025_actions_per_area() -> None:
    assert expected_counts(PLAN_2025) == [
        ("Unga i riskzon för destruktivt beteende", 10),
        ("Otrygga och brottsutsatta platser", 4),
        ("Systemhotade brottslighet", 0),
        ("Särskilt utsatta och sårbara brottsoffer", 11),
        ("Kriminella miljöer och livsstilar", 2),
        ("[Eget prioriterat område]", 0),
    ]


def test_2025_counts_agree_with_the_seeds_own_summary_sheet() -> None:
    assert summary_counts(PLAN_2025) == list(SEED_SUMMARY_2025)
    assert [area for area, *_ in SEED_SUMMARY_2025] == [s.area_name for s in PLAN_2025.sheets]


def test_2024_actions_per_area() -> None:
    assert expected_counts(PLAN_2024) == list(zip(AREAS, [6, 8, 0, 8, 1], strict=True))
    assert len(_rows(PLAN_2024)) == 23


def test_2024_every_row_has_its_follow_up_and_2025_has_none() -> None:
    rows = _rows(PLAN_2024)
    assert [row.problem for row in rows if not row.follow_up] == []
    assert (
        _sheet(PLAN_2024, AREAS[4])
        .rows[0]
        .follow_up.startswith("Under året har socialtjänsten utvecklat en övergripande rutin")
    )
    assert _sheet(PLAN_2024, AREAS[1]).rows[7].follow_up.endswith("april-oktober.")
    assert all(row.follow_up == "" for row in _rows(PLAN_2025))


def test_layouts() -> None:
    assert (PLAN_2025.year, PLAN_2025.layout, PLAN_2025.title) == (2025, "2025", "Åtgärdsplan 2025")
    assert (PLAN_2024.year, PLAN_2024.layout, PLAN_2024.title) == (2024, "2024", "Åtgärdsplan 2024")
    assert PLAN_2025.summary_sheet_name == "Sammanställning"
    assert PLAN_2024.summary_sheet_name == ""  # the 2024 seed has no summary sheet
    assert all(row.goal == "" for row in _rows(PLAN_2024))
    assert all(row.goal for row in _rows(PLAN_2025))
    assert [s.area_name for s in PLAN_2025.sheets] == [*AREAS, "[Eget prioriterat område]"]
    assert [s.area_name for s in PLAN_2024.sheets] == AREAS


@pytest.mark.parametrize("plan", PLANS, ids=lambda p: str(p.year))
def test_sheet_names_are_valid_excel_tab_names(plan: SeedPlan) -> None:
    names = [s.sheet_name for s in plan.sheets]
    assert names[0] == "1. Unga i riskzon"
    assert len(set(names)) == len(names)
    for index, name in enumerate(names, start=1):
        assert len(name) <= 31, name
        assert not set(name) & set("[]:*?/\\"), name
        assert name.startswith(f"{index}. ")


@pytest.mark.parametrize("plan", PLANS, ids=lambda p: str(p.year))
def test_cells_are_single_line_and_trimmed(plan: SeedPlan) -> None:
    for row in _rows(plan):
        for field in FIELDS:
            value = getattr(row, field)
            assert "\n" not in value, (field, value)
            assert value == value.strip(), (field, value)
            assert "  \u00a0" not in value


@pytest.mark.parametrize("plan", PLANS, ids=lambda p: str(p.year))
def test_every_cell_is_text_from_the_seed(plan: SeedPlan) -> None:
    text = SEED_FILES[plan.year].read_text(encoding="utf-8")
    cells = [getattr(row, f) for row in _rows(plan) for f in FIELDS]
    cells += [s.area_name for s in plan.sheets]
    cells += plan.instructions.split("\n")
    missing = [c for c in cells if c and not _seed_pattern(c).search(text)]
    assert missing == []


def _seed_pattern(cell: str) -> re.Pattern[str]:
    """The cell as it may appear in the seed: each space is a space or a line break, and a
    line break may also fall between two characters (a wrapped word); everything else,
    no-break spaces included, must match exactly."""
    parts = ["[ \n]" if ch == " " else re.escape(ch) for ch in cell]
    return re.compile("\n?".join(parts))


def test_2025_keeps_the_seeds_no_break_spaces() -> None:
    row = _sheet(PLAN_2025, AREAS[0]).rows[0]
    assert row.when == "Under\u00a02026"
    assert normalize_text(row.when) == "Under 2026"
    assert all("\u00a0" not in getattr(r, f) for r in _rows(PLAN_2024) for f in FIELDS)


def test_readings_of_ambiguous_seed_text() -> None:
    unga = _sheet(PLAN_2025, AREAS[0]).rows
    assert [r.problem for r in unga] == ["Barn och unga"] * 10
    assert unga[2].cause == "Förebygga\u00a0rekrytering\u00a0av\u00a0ungdomar."
    assert normalize_text(unga[2].action) == "Skolföreläsning för skolpersonal och skolledningar."
    assert (unga[5].when, unga[5].who) == ("Linjearbete", "Polis\u00a0och\u00a0fältassistenter")
    assert unga[1].who.startswith("Socialtjänsten/Kungsholmens")  # mid-word wrap rejoined
    assert unga[6].action.startswith("Workshop:")
    assert normalize_text(unga[6].when) == "Hösten 2026. Uppföljning i forumet SSP"
    assert unga[9].action.startswith("SSPF-koordinator LSS:")
    assert normalize_text(unga[9].who).startswith("Socialtjänst och anpasssad gymnasieskola")

    platser = _sheet(PLAN_2025, AREAS[1]).rows
    assert platser[0].problem == platser[1].problem  # merged in the workbook
    assert platser[3].cause.endswith("Anledningen")

    offer = _sheet(PLAN_2025, AREAS[3]).rows
    assert [r.problem for r in offer][4:7] == ["Våldsutsövare och våldsutsatta", "Barn", "Barn"]
    assert (offer[8].when, offer[8].who) == ("Löpande", "Socialtjänst\u00a0och\u00a0polis")
    assert offer[10].problem == "Kompetenshöjande insatser - externt (bedrägerier)"

    unga24 = _sheet(PLAN_2024, AREAS[0]).rows
    assert [r.problem for r in unga24] == [
        "SSP",
        "Samverkan mellan polis och fältassistenter",
        "Nytt samverkansforum gällande unga med risk för destruktivt beteende",
        "ANDTS-programmet",
        "Platsaktivering/platssamverkan",
        "Nyhetsbrev",
    ]
    assert (unga24[3].action, unga24[3].when, unga24[3].who) == ("", "", "")
    assert unga24[4].cause == "Främja ungdomars trygghet i de miljöer de vistas i."
    assert unga24[5].who == "Trygghetssamordnare"

    platser24 = _sheet(PLAN_2024, AREAS[1]).rows
    assert (platser24[2].action, platser24[2].when) == ("Trygghetsvandringar", "2 ggr/år")
    assert (platser24[4].action, platser24[4].when) == (
        "Platsaktivering",
        "Kontinuerligt under året",
    )
    assert platser24[4].who.endswith("Fridhemsplan/Stadshagen.")
    assert platser24[5].problem == "Kartläggning ÖDS"
    assert platser24[5].cause == ""
    assert platser24[5].action.startswith("Samverkan mellan polis och stadsdelsförvaltningen")
    assert "implementera EST-metoden i samverkan med säkerhetschefen" in platser24[1].who
    assert (platser24[7].action, platser24[7].when) == ("Starta nattvandring", "Våren 2024")

    offer24 = _sheet(PLAN_2024, AREAS[3]).rows
    assert "äldreomsorgsavdelningen och" in offer24[0].who
    assert "( BIN-vuxen)" in offer24[3].action
    assert [r.problem for r in offer24][6:] == ["Våld i nära relation/Barn"] * 2


def test_instructions() -> None:
    paragraphs = PLAN_2025.instructions.split("\n\n")
    assert paragraphs[0].startswith("Enligt lag (2023:196) om kommuners ansvar")
    assert paragraphs[0].endswith("åtgärder under respektive prioriterat område.")
    assert "College of Policing\nCollege of Policing i England" in PLAN_2025.instructions
    assert PLAN_2024.instructions.startswith("Enligt den nya lagen")
    assert PLAN_2024.instructions.endswith("valj-atgarder-som-paverkar-orsakerna.html")


# --- the workbooks ----------------------------------------------------------

HEADER_KEYS = {
    "prioriterat samverkansområde": "problem",
    "orsak": "cause",
    "åtgärd": "action",
    "operativa mål": "goal",
    "operativa mal": "goal",
    "när": "when",
    "vem": "who",
    "vem ansvarar": "who",
    "uppföljning": "follow_up",
}


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _filled_values(ws: Worksheet) -> dict[tuple[int, int], object]:
    """Cell values with merged ranges filled from their top-left cell."""
    values = {(cell.row, cell.column): cell.value for row in ws.iter_rows() for cell in row}
    for merged in ws.merged_cells.ranges:
        top_left = ws.cell(row=merged.min_row, column=merged.min_col).value
        for r in range(merged.min_row, merged.max_row + 1):
            for c in range(merged.min_col, merged.max_col + 1):
                values[(r, c)] = top_left
    return values


def _read_area(ws: Worksheet, layout: str, variant: str) -> tuple[str, list[dict[str, str]]]:
    """(area name, rows as {field: text}) read only by header names."""
    top = header_row(variant)
    values = _filled_values(ws)
    columns: dict[str, int] = {}
    area = ""
    for col in range(1, ws.max_column + 1):
        header = normalize_text(_text(ws.cell(row=top, column=col).value))
        key = HEADER_KEYS.get(header.casefold())
        if key is None and layout == "2025" and col == 1:
            key, area = "problem", header
        if key is not None:
            assert key not in columns, f"duplicate header {header!r}"
            columns[key] = col
    if layout == "2024":
        area = normalize_text(_text(ws.cell(row=top + 1, column=columns["problem"]).value))
    rows = []
    for r in range(top + 2, ws.max_row + 1):
        row = {key: _text(values.get((r, col))) for key, col in columns.items()}
        if any(row.values()):
            rows.append(row)
    return area, rows


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[int, str], Path]:
    outdir = tmp_path_factory.mktemp("workbooks")
    return {
        (plan.year, variant): build_workbook(
            plan, outdir / workbook_filename(plan, variant), variant=variant
        )
        for plan in PLANS
        for variant in VARIANTS
    }


def _load(built: dict[tuple[int, str], Path], plan: SeedPlan, variant: str) -> Workbook:
    return load_workbook(built[(plan.year, variant)])


CASES = [(plan, variant) for plan in PLANS for variant in VARIANTS]
CASE_IDS = [f"{plan.year}-{variant}" for plan, variant in CASES]


def test_variants_listed() -> None:
    assert list(VARIANTS) == [
        "clean",
        "title_rows",
        "reordered_columns",
        "header_variants",
        "line_breaks_nbsp",
        "hidden_sheet",
        "custom_area",
        "summary_mismatch",
        "no_summary",
    ]
    assert all(isinstance(d, str) and d for d in VARIANTS.values())


@pytest.mark.parametrize(("plan", "variant"), CASES, ids=CASE_IDS)
def test_variant_loads_with_the_expected_sheets(built, plan: SeedPlan, variant: str) -> None:
    wb = _load(built, plan, variant)
    names = expected_sheet_names(plan, variant)
    assert wb.sheetnames == names
    assert names[0] == INSTRUCTION_SHEET_NAME
    assert wb[INSTRUCTION_SHEET_NAME]["A1"].value == plan.title
    hidden = [ws.title for ws in wb.worksheets if ws.sheet_state != "visible"]
    assert hidden == ([HIDDEN_SHEET_NAME] if variant == "hidden_sheet" else [])
    effective = plan_for_variant(plan, variant)
    if effective.summary_sheet_name:
        assert names[-1] == effective.summary_sheet_name


@pytest.mark.parametrize(("plan", "variant"), CASES, ids=CASE_IDS)
def test_area_sheets_read_back_as_the_plan(built, plan: SeedPlan, variant: str) -> None:
    wb = _load(built, plan, variant)
    effective = plan_for_variant(plan, variant)
    for sheet in effective.sheets:
        area, rows = _read_area(wb[sheet.sheet_name], plan.layout, variant)
        assert area == sheet.area_name
        assert len(rows) == len(sheet.rows), sheet.sheet_name
        for got, want in zip(rows, sheet.rows, strict=True):
            for field, text in got.items():
                expected = getattr(want, field)
                if variant == "line_breaks_nbsp":
                    assert normalize_text(text) == normalize_text(expected)
                else:
                    assert text == expected, (sheet.sheet_name, field)


@pytest.mark.parametrize(("plan", "variant"), CASES, ids=CASE_IDS)
def test_summary_sheet(built, plan: SeedPlan, variant: str) -> None:
    wb = _load(built, plan, variant)
    effective = plan_for_variant(plan, variant)
    if not effective.summary_sheet_name:
        assert not [n for n in wb.sheetnames if n.startswith("Sammanställning")]
        return
    ws = wb[effective.summary_sheet_name]
    assert tuple(c.value for c in ws[2][:4]) == SUMMARY_HEADERS
    table = [tuple(c.value for c in row[:4]) for row in ws.iter_rows(min_row=3) if row[0].value]
    assert table == summary_table(plan, variant)
    if variant == "summary_mismatch":
        assert table != summary_counts(effective)
    else:
        assert table == summary_counts(effective)
    if (plan.year, variant) == (2025, "clean"):
        assert table == list(SEED_SUMMARY_2025)
        assert len(ws._charts) == 1


def test_2025_problem_cells_are_merged_like_the_template(built) -> None:
    wb = _load(built, PLAN_2025, "clean")
    merged = {name: sorted(str(r) for r in wb[name].merged_cells.ranges) for name in wb.sheetnames}
    assert merged["1. Unga i riskzon"] == ["A3:A12"]
    assert merged["2. Otrygga platser"] == ["A3:A4"]
    assert merged["4. Särskilt utsatta brottsoffer"] == ["A8:A9"]
    assert merged["5. Kriminella miljöer"] == []
    ws = wb["1. Unga i riskzon"]
    assert ws["A1"].value == "Unga i riskzon för destruktivt beteende"
    assert ws["A2"].value == "Ange identifierat problemområde eller utmaning här"
    assert ws["A3"].value == "Barn och unga"
    assert ws["B3"].alignment.wrap_text is True
    assert ws.column_dimensions["C"].width >= 30
    empty = wb["3. Systemhotade brottslighet"]
    assert [c.value for c in empty[1]][1:] == [
        "Orsak",
        "Åtgärd",
        "Operativa mål",
        "När",
        "Vem",
        "Uppföljning",
    ]
    assert not any(c.value for row in empty.iter_rows(min_row=3) for c in row)


def test_2024_layout(built) -> None:
    wb = _load(built, PLAN_2024, "clean")
    ws = wb["2. Otrygga platser"]
    assert [c.value for c in ws[1]] == [
        "Prioriterat samverkansområde",
        "Orsak",
        "Åtgärd",
        "När",
        "Vem",
        "Uppföljning",
    ]
    assert ws["A2"].value == "Otrygga och brottsutsatta platser"
    assert ws["A3"].value == "Kungsholmens trygghets- och säkerhetsråd"
    assert not ws.merged_cells.ranges


def test_title_rows(built) -> None:
    ws = _load(built, PLAN_2025, "title_rows")["1. Unga i riskzon"]
    assert ws["A1"].value.startswith("Åtgärdsplan 2025")
    assert [ws.cell(row=r, column=1).value for r in (3, 4)] == [None, None]
    assert ws["A5"].value == "Unga i riskzon för destruktivt beteende"
    assert ws["B5"].value == "Orsak"


def test_reordered_columns(built) -> None:
    ws = _load(built, PLAN_2024, "reordered_columns")["1. Unga i riskzon"]
    headers = [c.value for c in ws[1]]
    assert headers[0] == "Prioriterat samverkansområde"
    assert EXTRA_COLUMN_HEADER in headers
    assert None in headers[1:-1]
    known = [h for h in headers if h in ("Orsak", "Åtgärd", "När", "Vem", "Uppföljning")]
    assert len(known) == 5
    assert known != ["Orsak", "Åtgärd", "När", "Vem", "Uppföljning"]


def test_header_variants(built) -> None:
    wb = _load(built, PLAN_2025, "header_variants")
    headers = [c.value for c in wb["1. Unga i riskzon"][1]]
    assert headers[1:] == [
        "ORSAK",
        " Åtgärd ",
        "Operativa mal",
        "när",
        "Vem ansvarar",
        "Uppföljning ",
    ]
    assert headers[0] != "Unga i riskzon för destruktivt beteende"
    assert headers[0].strip() == "Unga i riskzon för destruktivt beteende"


def test_line_breaks_and_nbsp(built) -> None:
    def data_cells(wb: Workbook) -> list[str]:
        return [
            c.value
            for ws in wb.worksheets[1:]
            for row in ws.iter_rows(min_row=3)
            for c in row
            if isinstance(c.value, str)
        ]

    clean = data_cells(_load(built, PLAN_2024, "clean"))
    messy = data_cells(_load(built, PLAN_2024, "line_breaks_nbsp"))
    assert not any("\n" in v or "\u00a0" in v for v in clean)
    assert sum("\n" in v for v in messy) >= 20
    assert sum("\u00a0" in v for v in messy) >= 20


def test_custom_area(built) -> None:
    for plan in PLANS:
        wb = _load(built, plan, "custom_area")
        extra = custom_area_sheet(plan)
        assert extra.area_name == CUSTOM_AREA_NAME
        assert len(extra.rows) == 2
        assert wb.sheetnames[len(plan.sheets) + 1] == extra.sheet_name
        assert extra.sheet_name == f"{len(plan.sheets) + 1}. Trygg kollektivtrafik"
        assert expected_counts(plan_for_variant(plan, "custom_area"))[-1] == (CUSTOM_AREA_NAME, 2)


def test_unknown_variant_is_rejected(tmp_path: Path) -> None:
    assert "not_a_workbook" not in VARIANTS
    with pytest.raises(ValueError, match="unknown variant"):
        build_workbook(PLAN_2025, tmp_path / "x.xlsx", variant="not_a_workbook")
    assert not (tmp_path / "x.xlsx").exists()


def test_cli_writes_every_plan_and_variant(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert main([str(tmp_path / "out")]) == 0
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert written == sorted(workbook_filename(p, v) for p in PLANS for v in VARIANTS)
    assert len(written) == 18
    assert capsys.readouterr().out.count(".xlsx") == 18
    assert main([]) == 2
    assert len(build_all(tmp_path / "again")) == 18
