"""The response rate on both databases, with answers at chosen clock times: the answered share,
the median time from the round's opening to each duty's first answer, and reminders per answer
(delivered reminders only), in the service, `folja round status --json`, the styrgrupp card and
the year-end reports."""

from __future__ import annotations

import io
import json
from datetime import timedelta

import pytest
from openpyxl import load_workbook
from sqlalchemy import event, update

from cards.followup_messages import COMPOSER
from cli.report import render_report
from cli.rounds import status_json
from domain.followup import StatusInput
from domain.status import Status
from reports.summary import renderer
from services.followup import open_round, record_status, round_status
from services.response_rate import round_rate
from services.summaries import current_summary
from services.yearend import year_end
from storage.models import OutboxRow
from tests.followup_data import seed_2025
from tests.schemas import assert_valid_card

pytestmark = pytest.mark.usefixtures("clock")


async def answered_round(database, tmp_path, clock):
    """Opened now; Tove answers two police actions after 2 h and 6 h, Samir one of his after
    4 h (answered again later: only the first answer counts); three reminders delivered and
    one still queued. Returns (seeded, round id, duties per role)."""
    seeded = await seed_2025(database, tmp_path)
    opened_at = database.clock()
    opened = await open_round(database, "Kungsholmen 2025", label="Vecka 49",
                              due=opened_at.date() + timedelta(days=4), actor="test",
                              now=opened_at, compose=COMPOSER)
    rid = opened.round.id
    async with database.transaction() as repo:
        plan = await repo.get_plan(seeded.plan_id)
    duties: dict[str, int] = {}
    for action in plan.actions:
        for resp in action.responsibilities:
            duties[resp.role.name] = duties.get(resp.role.name, 0) + 1
    police = [a.id for a in plan.actions if any(r.role.name == "Kommunpolis" for r in a.responsibilities)]
    social = [a.id for a in plan.actions if any(r.role.name == "Socialtjänsten" for r in a.responsibilities)]
    for who, action_id, hours in (("tove", police[0], 2), ("samir", social[0], 4),
                                  ("tove", police[1], 6), ("samir", social[0], 9)):
        clock.move_to(opened_at + timedelta(hours=hours))
        result = await record_status(database, StatusInput(rid, action_id, Status.ON_TRACK,
                                                           done_text=f"Svar efter {hours} h"),
                                     person_id=seeded.people[who], now=database.clock())
        assert result.ok
    async with database.transaction() as repo:
        for n in range(4):
            await repo.enqueue(kind="reminder", dedupe_key=f"reminder:{rid}:test:{n}",
                               activity={"type": "message", "text": "påminnelse"},
                               target={"conversation_id": f"c{n}", "service_url": "http://x/"},
                               plan_id=seeded.plan_id, round_id=rid)
    async with database.session() as session:
        ids = list((await session.execute(
            OutboxRow.__table__.select().where(OutboxRow.kind == "reminder")
            .order_by(OutboxRow.id))).all())
        await session.execute(update(OutboxRow).where(
            OutboxRow.id.in_([r.id for r in ids[:3]])).values(status="sent"))
        await session.commit()
    return seeded, rid, duties


async def test_rate_with_exact_numbers(database, tmp_path, clock):
    seeded, rid, duties = await answered_round(database, tmp_path, clock)
    rate = await round_rate(database, str(rid))
    assert (rate.district, rate.label) == ("Kungsholmen", "Vecka 49")
    assert (rate.overall.asked, rate.overall.answered) == (sum(duties.values()), 3)
    assert rate.overall.median_hours == 4.0
    assert rate.overall.reminders == 3 and rate.overall.reminders_per_answer == 1.0
    by_role = dict(rate.by_role)
    assert (by_role["Kommunpolis"].asked, by_role["Kommunpolis"].answered) == (duties["Kommunpolis"], 2)
    assert by_role["Kommunpolis"].median_hours == 4.0  # 2 h and 6 h
    assert by_role["Socialtjänsten"].median_hours == 4.0  # the first answer, not the 9 h one
    assert by_role["Skolan"].answered == 0 and by_role["Skolan"].median_hours is None
    assert by_role["Skolan"].reminders_per_answer is None


async def test_rate_in_status_json_card_and_reports(database, tmp_path, clock):
    seeded, rid, duties = await answered_round(database, tmp_path, clock)
    as_json = status_json(await round_status(database, str(rid)))["response_rate"]
    assert as_json["answered"] == 3 and as_json["asked"] == sum(duties.values())
    assert (as_json["median_hours"], as_json["reminders_per_answer"]) == (4.0, 1.0)
    assert {r["role"]: r["answered"] for r in as_json["by_role"]}["Kommunpolis"] == 2

    summary = await current_summary(database, seeded.plan_id)
    card = renderer("sv")(summary)["attachments"][0]["content"]
    assert_valid_card(card)
    headline = card["body"][1]["text"]
    assert "median 4 h till första svaret" in headline and "1 påminnelser per svar" in headline
    assert "Svarsfrekvens" in headline

    data = await year_end(database, "Kungsholmen 2025")
    assert [r.overall.answered for r in data.report.rates] == [3]
    markdown = render_report(data, "md", "sv").decode()
    assert "## Svarsfrekvens" in markdown and "| Vecka 49 | Alla roller |" in markdown
    html = render_report(data, "html", "en").decode()
    assert "Response rate" in html and "4 h" in html
    sheet = load_workbook(io.BytesIO(render_report(data, "xlsx", "sv")))["Svarsfrekvens"]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    assert rows[0] == ["Vecka 49", "Alla roller", sum(duties.values()), 3,
                       round(3 / sum(duties.values()), 3), 4.0, 1.0]
    assert json.dumps(rows, ensure_ascii=False).count("Vecka 49") == 1 + len(duties)


async def test_the_rate_is_read_in_four_statements_however_many_answer(database, tmp_path, clock):
    seeded, rid, _duties = await answered_round(database, tmp_path, clock)
    statements: list[str] = []

    def count(_conn, _cursor, statement, *_args):
        statements.append(statement)

    event.listen(database.engine.sync_engine, "before_cursor_execute", count)
    try:
        async with database.transaction() as repo:
            [data] = await repo.response_inputs(seeded.plan_id, rid)
    finally:
        event.remove(database.engine.sync_engine, "before_cursor_execute", count)
    selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert len(selects) == 4, selects
    assert len(data.answers) == 3 and data.reminders == 3
