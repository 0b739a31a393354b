"""`folja round open --label` and `folja import` refuse a personal identity number, keep nothing."""

from __future__ import annotations

import shutil

from click.testing import CliRunner

from cli import main
from storage.db import Database
from storage.models import PlanRow, RoundRow
from tests.fixtures.make_workbooks import build_workbook
from tests.fixtures.seed_plans import PLAN_2025
from tests.followup_data import seed_2025_for_cli
from tests.integration.test_round_close_cli import rows
from tests.pnr_corpus import E2E_FORMS, E2E_LOOKALIKES, digits


def test_round_label_from_the_cli_refuses_every_form(database: Database, tmp_path):
    seed_2025_for_cli(database.url, tmp_path)
    env = {"DATABASE_URL": database.url}
    for number in E2E_FORMS:
        result = CliRunner().invoke(main, ["round", "open", "Kungsholmen 2025", "--label",
                                           f"Vecka 49 {number}"], env=env)
        assert result.exit_code != 0 and "personnummer" in result.output, (number, result.output)
        assert digits(number) not in result.output
    assert rows(database.url, RoundRow) == []
    ok = CliRunner().invoke(main, ["round", "open", "Kungsholmen 2025", "--label",
                                   f"Vecka {E2E_LOOKALIKES[1]}"], env=env)
    assert ok.exit_code == 0, ok.output
    assert len(rows(database.url, RoundRow)) == 1


def test_import_refuses_a_file_named_with_a_number(database: Database, tmp_path):
    plan = build_workbook(PLAN_2025, tmp_path / "plan.xlsx")
    for number in E2E_FORMS:
        named = shutil.copy(plan, tmp_path / f"Plan {number}.xlsx")
        result = CliRunner().invoke(main, ["import", str(named)],
                                    env={"DATABASE_URL": database.url})
        assert result.exit_code != 0 and "Filnamnet" in result.output, (number, result.output)
    assert rows(database.url, PlanRow) == []
