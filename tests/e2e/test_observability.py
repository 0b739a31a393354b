"""Observability (issue 9): /metrics behind its own token, turn ids on every log line, and no
message text in any log line — through the real app on a real port."""

from __future__ import annotations

import contextlib
import io
import json
import logging
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest
from prometheus_client.parser import text_string_to_metric_families

from bot.metrics import CountingSender, Metrics
from bot.telemetry import TurnLogFilter
from cli.base import JsonFormatter
from config import Settings
from services.delivery import Delivered, SendError
from storage.db import Database
from storage.models import RoundRow, StatusReportRow
from tests.botclient import TOVE, BotClient, Teams

TOKEN = "metrics-token-for-tests-0123456789"
SECRET = "Hemlig text om 19121212-1212"


@pytest.fixture
async def mbot(settings: Settings, database: Database) -> AsyncIterator[BotClient]:
    client = await BotClient(settings.with_(metrics_token=TOKEN), database).start()
    try:
        yield client
    finally:
        await client.stop()


async def scrape(client: BotClient, token: str | None = TOKEN) -> tuple[int, str]:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    async with client.session.get(client.server.make_url("/metrics"), headers=headers) as r:
        return r.status, await r.text()


def value(text: str, name: str, **labels: str) -> float:
    """The sample `name{labels}` of the exposition, read with prometheus_client's own parser."""
    found = [sample.value for family in text_string_to_metric_families(text)
             for sample in family.samples if sample.name == name and sample.labels == labels]
    assert len(found) == 1, f"{name}{labels} missing in\n{text}"
    return found[0]


async def test_metrics_is_off_without_a_token(bot: BotClient):
    status, _ = await scrape(bot)
    assert status == 404


async def test_metrics_needs_the_token_not_a_bot_framework_jwt(mbot: BotClient):
    assert (await scrape(mbot, None))[0] == 401
    assert (await scrape(mbot, "wrong-token-wrong-token-wrong"))[0] == 401
    status, text = await scrape(mbot)
    assert status == 200 and "# TYPE folja_turns_total counter" in text


async def test_metrics_count_turns_outcomes_latency_outbox_and_rounds(
    mbot: BotClient, teams: Teams, database: Database
):
    assert (await mbot.post(teams.message(TOVE, "hjälp")))[0] == 202
    assert (await mbot.post(b"{not json"))[0] == 400
    forged = teams.invoke(TOVE, "adaptiveCard/action",
                          {"action": {"type": "Action.Execute", "verb": "no.such.verb"}})
    status, body = await mbot.post(forged)
    assert status == 200 and "inget sparades" in body["value"]
    async with database.transaction() as repo:
        plan = await repo.create_plan(year=2026, district="Rinkeby")
        area = await repo.add_area(plan, "Trygghet", 1)
        action = await repo.add_action(plan, area, 1, title="Vandring")
        await repo.enqueue(kind="prompt", dedupe_key="k1", activity={"type": "message"},
                           target={"conversation_id": "a:x", "service_url": "http://x"})
        rnd = RoundRow(plan_id=plan, label="Q1", area_ids=[], status="open",
                       opened_at=datetime.now(UTC), opened_by="")
        repo.session.add(rnd)
        await repo.session.flush()
        for version in (1, 2):
            repo.session.add(StatusReportRow(round_id=rnd.id, action_id=action, version=version,
                                             status="done", created_at=datetime.now(UTC)))
    _, text = await scrape(mbot)
    assert value(text, "folja_turns_total", type="message", outcome="ok") == 1
    assert value(text, "folja_turns_total", type="unknown", outcome="rejected") == 1
    assert value(text, "folja_turns_total", type="invoke", outcome="rejected") == 1
    assert value(text, "folja_invoke_duration_seconds_count") == 1
    assert value(text, "folja_invoke_duration_seconds_bucket", le="+Inf") == 1
    assert 0 < value(text, "folja_invoke_duration_seconds_sum") < 10
    assert value(text, "folja_sends_total", result="429") == 0
    assert value(text, "folja_outbox_depth") == 1
    assert value(text, "folja_outbox_oldest_age_seconds") >= 0
    assert value(text, "folja_rounds_open") == 1
    assert value(text, "folja_round_answers", plan_id=str(plan), round_id=str(rnd.id)) == 1


async def test_hostile_activity_types_do_not_create_series(mbot: BotClient, teams: Teams):
    for i in range(5):
        await mbot.post(teams.base(f"weird-type-{i}", TOVE))
    _, text = await scrape(mbot)
    assert "weird-type" not in text
    assert value(text, "folja_turns_total", type="other", outcome="ok") == 5


async def test_log_lines_carry_turn_ids_and_never_message_text(
    bot: BotClient, teams: Teams, caplog: pytest.LogCaptureFixture
):
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(TurnLogFilter())
    handler.setFormatter(JsonFormatter())
    handler.setLevel(logging.DEBUG)
    root = logging.getLogger()
    root.addHandler(handler)
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="microsoft_agents")  # the CLI's setup may quiet it
    try:
        await bot.post(teams.message(TOVE, "hjälp"))  # binds Tove: a person id from now on
        message = teams.message(TOVE, SECRET)
        await bot.post(message)
        unrouted = teams.invoke(TOVE, "no/such/invoke", {}, text=SECRET)
        assert (await bot.post(unrouted))[0] == 200
    finally:
        root.removeHandler(handler)
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert lines, "nothing was logged"
    assert all("Hemlig" not in json.dumps(line, ensure_ascii=False) for line in lines)
    assert all("Hemlig" not in r.getMessage() for r in caplog.records)
    assert any("No route found" in line["message"] and "text withheld" in line["message"]
               for line in lines)
    of_message = [line for line in lines if line.get("activity_id") == message["id"]]
    assert of_message and all(line["conversation_id"] == message["conversation"]["id"]
                              for line in of_message)
    assert any(line.get("person_id") for line in of_message)  # once the sender is known
    assert any(line.get("activity_id") == unrouted["id"] for line in lines)


class _Inner:
    def __init__(self, statuses: list[int]) -> None:
        self.statuses = statuses

    async def deliver(self, entry) -> Delivered:
        status = self.statuses.pop(0)
        if status != 200:
            raise SendError(status, "x")
        return Delivered("a1", "c1")

    async def close(self) -> None:
        pass


async def test_sends_are_counted_by_result():
    metrics = Metrics()
    sender = CountingSender(_Inner([200, 429, 503, 403, 502, 200, 0]), metrics)
    for _ in range(7):
        with contextlib.suppress(SendError):
            await sender.deliver(None)
    counted = {result: metrics.registry.get_sample_value("folja_sends_total", {"result": result})
               for result in ("ok", "429", "5xx", "403", "network", "other")}
    assert counted == {"ok": 2, "429": 1, "5xx": 2, "403": 1, "network": 1, "other": 0}


def test_each_app_counts_on_its_own_registry():
    first, second = Metrics(), Metrics()
    first.turn("message", "ok", 0.01)
    first.turn("invoke", "ok", 0.02)
    sample = {"type": "message", "outcome": "ok"}
    assert first.registry.get_sample_value("folja_turns_total", sample) == 1
    assert second.registry.get_sample_value("folja_turns_total", sample) is None
    assert first.registry.get_sample_value("folja_invoke_duration_seconds_bucket",
                                           {"le": "0.025"}) == 1
    assert first.registry.get_sample_value("folja_invoke_duration_seconds_bucket",
                                           {"le": "0.01"}) == 0
