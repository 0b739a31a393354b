"""The workbook parser against every fixture variant of both real plans, and bad files."""

from __future__ import annotations

from pathlib import Path

import pytest

from importer.model import WorkbookError
from importer.workbook import parse_workbook
from tests.fixtures import more_variants
from tests.fixtures.make_workbooks import (
    CUSTOM_AREA_NAME,
    HIDDEN_SHEET_NAME,
    VARIANTS,
    build_workbook,
    header_row,
    plan_for_variant,
)
from tests.fixtures.seed_plans import (
    PLAN_2024,
    PLAN_2025,
    PLANS,
    expected_counts,
    normalize_text,
)

FIELDS = (("problem", "problem"), ("cause", "cause"), ("action", "action_text"),
          ("goal", "goal"), ("when", "when_text"), ("who", "who_text"),
          ("follow_up", "follow_up"))
EMPTY_ACTION_ROWS_2024 = [("1. Unga i riskzon", 6), ("1. Unga i riskzon", 7)]


def _parse(plan, variant, tmp_path: Path):
    return parse_workbook(build_workbook(plan, tmp_path / f"{plan.year}-{variant}.xlsx",
                                         variant=variant))


def test_2025_clean_counts_per_area_and_no_warnings(tmp_path):
    parsed = _parse(PLAN_2025, "clean", tmp_path)
    assert [len(a.actions) for a in parsed.areas] == [10, 4, 0, 11, 2, 0]
    assert parsed.year == 2025 and parsed.layout == "2025"
    assert parsed.warnings == ()
    assert parsed.summary_sheet == "Sammanställning"


def test_2024_clean_only_warns_about_the_two_rows_without_action_text(tmp_path):
    parsed = _parse(PLAN_2024, "clean", tmp_path)
    assert [len(a.actions) for a in parsed.areas] == [6, 8, 0, 8, 1]
    assert parsed.layout == "2024" and parsed.year == 2024
    assert [(w.sheet, w.row, w.code) for w in parsed.warnings] == [
        (s, r, "no_action_text") for s, r in EMPTY_ACTION_ROWS_2024]


@pytest.mark.parametrize("plan", PLANS, ids=lambda p: str(p.year))
@pytest.mark.parametrize("variant", list(VARIANTS))
def test_every_variant_keeps_areas_and_every_cell_text(plan, variant, tmp_path):
    parsed = _parse(plan, variant, tmp_path)
    data = plan_for_variant(plan, variant)
    assert [(normalize_text(n), c) for n, c in expected_counts(data)] == [
        (normalize_text(a.name), len(a.actions)) for a in parsed.areas]
    for sheet, area in zip(data.sheets, parsed.areas, strict=True):
        for row, action in zip(sheet.rows, area.actions, strict=True):
            for seed_field, parsed_field in FIELDS:
                want, got = getattr(row, seed_field), getattr(action, parsed_field)
                if variant == "line_breaks_nbsp":
                    assert normalize_text(got) == normalize_text(want)
                else:
                    assert got == want, (sheet.sheet_name, action.row, seed_field)


@pytest.mark.parametrize("variant", ["title_rows", "reordered_columns", "header_variants",
                                     "line_breaks_nbsp", "no_summary"])
def test_messy_variants_add_no_warnings(variant, tmp_path):
    assert _parse(PLAN_2025, variant, tmp_path).warnings == ()


def test_rows_are_numbered_as_in_excel(tmp_path):
    parsed = _parse(PLAN_2025, "title_rows", tmp_path)
    first = header_row("title_rows") + 2
    assert [a.row for a in parsed.areas[0].actions][:2] == [first, first + 1]


def test_hidden_sheet_is_skipped_with_a_warning(tmp_path):
    parsed = _parse(PLAN_2025, "hidden_sheet", tmp_path)
    assert [(w.sheet, w.code) for w in parsed.warnings] == [
        (HIDDEN_SHEET_NAME, "hidden_sheet_skipped")]
    assert len(parsed.areas) == 6


def test_custom_area_is_marked_custom_and_standard_ones_are_not(tmp_path):
    parsed = _parse(PLAN_2025, "custom_area", tmp_path)
    custom = {a.name: a.custom for a in parsed.areas}
    assert custom[CUSTOM_AREA_NAME] is True
    assert custom["Unga i riskzon för destruktivt beteende"] is False
    assert parsed.warnings == ()  # the summary counts the custom area too


def test_summary_mismatch_is_a_warning_per_differing_count(tmp_path):
    parsed = _parse(PLAN_2025, "summary_mismatch", tmp_path)
    got = [(w.row, w.code, w.values["what"], w.values["theirs"], w.values["ours"])
           for w in parsed.warnings]
    assert got == [(3, "summary_mismatch", "actions", 12, 10),
                   (4, "summary_mismatch", "problems", 5, 4),
                   (4, "summary_mismatch", "causes", 3, 4)]
    assert [len(a.actions) for a in parsed.areas] == [10, 4, 0, 11, 2, 0]


def test_guidance_row_is_not_an_action(tmp_path):
    parsed = _parse(PLAN_2025, "clean", tmp_path)
    texts = [a.cause for a in parsed.actions]
    assert not any(t.startswith("Beskriv orsaken") for t in texts)


def test_merged_cells_apply_to_every_row_and_do_not_make_actions(tmp_path):
    parsed = parse_workbook(more_variants.merged_who_and_long_merge(tmp_path / "m.xlsx"))
    first = parsed.areas[0].actions
    assert first[0].who_text == first[1].who_text == PLAN_2025.sheets[0].rows[0].who
    assert len(parsed.areas[4].actions) == 2
    assert parsed.areas[4].actions[1].problem == PLAN_2025.sheets[4].rows[0].problem


def test_2024_follow_up_text_is_read(tmp_path):
    parsed = _parse(PLAN_2024, "clean", tmp_path)
    assert parsed.actions[0].follow_up == PLAN_2024.sheets[0].rows[0].follow_up
    assert parsed.actions[0].title == "SSP"


@pytest.mark.parametrize(("maker", "code"), [
    (lambda p: p.write_bytes(b"hello, not excel") and p, "not_workbook"),
    (lambda p: p.write_bytes(b"PK\x03\x04broken zip") and p, "not_workbook"),
    (more_variants.encrypted, "encrypted"),
    (lambda p: p.write_bytes(more_variants.ENCRYPTED_HEADER + b"\x00" * 600) and p, "old_excel"),
    (more_variants.instruction_only, "no_area_sheets"),
])
def test_unreadable_files_raise_a_coded_error(maker, code, tmp_path):
    path = tmp_path / "bad.xlsx"
    maker(path)
    with pytest.raises(WorkbookError) as info:
        parse_workbook(path)
    assert info.value.code == code
