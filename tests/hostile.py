"""Hostile requests for POST /api/messages: hypothesis strategies and the harness that checks them.

Used by tests/e2e/test_fuzz_messages.py (a few hundred cases in `make test`) and by
bench/fuzz_messages.py (10,000+). Each case is one HTTP request to the real app on a real port,
with the Bot Connector stub as its Teams. For every case the harness checks:
- the status is below 500;
- nothing was logged at ERROR (an unhandled exception, a failed turn);
- a request that was refused (status >= 400, or a tenant not on the allow-list) wrote no row in any
  table.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from hypothesis import strategies as st
from sqlalchemy import text

from config import Settings
from storage.db import Database
from storage.models import Base, RoundRow
from tests.botclient import SAMIR, STRANGER, TENANT, TOVE, BotClient, Teams, User
from tests.connector_stub import ConnectorStub

FOREIGN = User("29:utland", "aad-utland", "Främling Annan", "x@annan.example")
FOREIGN_TENANT = "tenant-someone-else"
USERS = (TOVE, SAMIR, STRANGER)
VERBS = ("status.save", "status.open", "status.edit", "status.notmine", "status.delegate",
         "status.return", "lookup.show", "no.such.verb", "", "status.", "STATUS.SAVE")
INVOKE_NAMES = ("adaptiveCard/action", "composeExtension/query", "task/fetch", "signin/verifyState",
                "handoff/action", "no/such/invoke", "")
CONTENT_TYPES = ("text/plain", "application/xml", "application/x-www-form-urlencoded",
                 "multipart/form-data; boundary=x", "application/json; charset=latin-1", "")
SERVICE_URLS = ("", "not a url", "ftp://127.0.0.1/", "javascript:alert(1)", "http://", None, 7,
                ["http://127.0.0.1"], "file:///etc/passwd")
NASTY_TEXT = ("\ud800", "\udfff", "a\ud83dz", "\x00", "\u202e\u2066", "<at>Följa</at>",
              "19121212-1212", "hjälp", "help", "ＨＪÄＬＰ", "x" * 70_000, "å" * 5_000,
              "{{7*7}}", "'; DROP TABLE people; --", "%s%s%n", "../../etc/passwd")


# --- strategies --------------------------------------------------------------------------------
def hostile_text() -> st.SearchStrategy[str]:
    return st.one_of(st.text(max_size=40), st.sampled_from(NASTY_TEXT),
                     st.text(st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF), max_size=4))


def json_values() -> st.SearchStrategy[Any]:
    scalars = st.one_of(st.none(), st.booleans(), st.integers(-2**70, 2**70),
                        st.floats(allow_nan=False, allow_infinity=False), hostile_text())
    return st.recursive(scalars, lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(hostile_text(), inner, max_size=4)),
        max_leaves=12)


def ids() -> st.SearchStrategy[Any]:
    """Round/action ids: real ones of the seeded (other) plan, nonsense, or out of range."""
    return st.one_of(st.integers(0, 8), st.integers(-5, 10**6), st.sampled_from(
        ["1", "2", " 3 ", "1e3", "0x10", "", None, [], {}, True, 2**31, -2**31 - 1, 1.5]))


def card_data() -> st.SearchStrategy[dict]:
    return st.fixed_dictionaries(
        {},
        optional={"round_id": ids(), "action_id": ids(), "base": ids(),
                  "status": st.sampled_from(["done", "ongoing", "planned", "stopped", "x", "", 3]),
                  "done_text": hostile_text(), "support_text": hostile_text(),
                  "occasions": st.one_of(ids(), hostile_text()),
                  "needs_support": st.one_of(st.booleans(), hostile_text()),
                  "email": st.one_of(st.just(SAMIR.email), hostile_text()),
                  "verb": st.sampled_from(VERBS), "extra": json_values()},
    )


def _user(draw) -> tuple[User, str]:
    if draw(st.integers(0, 9)) == 0:
        return FOREIGN, FOREIGN_TENANT
    return draw(st.sampled_from(USERS)), TENANT


@st.composite
def activities(draw, service_url: str) -> dict:
    """A Teams-shaped activity, then mutated: fields dropped, retyped, added."""
    user, tenant = _user(draw)
    teams = Teams(service_url, tenant=tenant)
    kind = draw(st.sampled_from(["message", "invoke", "invoke", "conversationUpdate",
                                 "installationUpdate", "messageReaction", "typing", "event"]))
    if kind == "message":
        activity = teams.message(user, draw(hostile_text()))
        if draw(st.booleans()):
            activity["value"] = draw(card_data())
    elif kind == "invoke":
        name = draw(st.sampled_from(INVOKE_NAMES))
        value = {"action": {"type": "Action.Execute", "verb": draw(st.sampled_from(VERBS)),
                            "data": draw(card_data())}}
        activity = teams.invoke(user, name, draw(st.one_of(st.just(value), json_values())))
    elif kind == "conversationUpdate":
        activity = teams.members_added(user)
    else:
        activity = teams.base(kind, user)
    return _mutate(draw, activity)


def _mutate(draw, activity: dict) -> dict:
    keys = [k for k in activity if k != "serviceUrl"]
    chosen = draw(st.lists(st.sampled_from(keys), max_size=3, unique=True)) \
        if draw(st.booleans()) else []
    for key in chosen:
        if draw(st.booleans()):
            activity.pop(key, None)
        else:
            activity[key] = draw(json_values())
    for key, value in draw(st.dictionaries(hostile_text(), json_values(), max_size=2)).items():
        activity.setdefault(key, value)
    if draw(st.integers(0, 14)) == 0:
        activity["serviceUrl"] = draw(st.sampled_from(SERVICE_URLS))
    if draw(st.integers(0, 14)) == 0 and isinstance(activity.get("conversation"), dict):
        activity["conversation"]["id"] = draw(st.sampled_from(["", "x" * 600, "a/../../b", "?#",
                                                               "a:" + "é" * 300]))
    if draw(st.integers(0, 14)) == 0 and isinstance(activity.get("from"), dict):
        activity["from"] = {**activity["from"], "id": draw(st.sampled_from(["", "x" * 300])),
                            "name": "N" * draw(st.sampled_from([0, 300, 5000]))}
    return activity


@dataclass(frozen=True)
class Case:
    body: bytes
    content_type: str = "application/json"
    foreign: bool = False  # from a tenant not on the allow-list: must change nothing


def _encode(activity: Any) -> bytes:
    return json.dumps(activity, ensure_ascii=True).encode()


@st.composite
def cases(draw, service_url: str) -> Case:
    """One request: mostly activities, some raw bytes, deep JSON, wrong content types."""
    shape = draw(st.integers(0, 19))
    if shape == 0:
        return Case(draw(st.binary(max_size=200)))
    if shape == 1:
        depth = draw(st.sampled_from([100, 1_000, 100_000]))
        return Case(b'{"type":"message","conversation":{"id":"c"},"channelData":'
                    + b"[" * depth + b"]" * depth + b"}")
    if shape == 2:
        return Case(b'{"type":"message","conversation":{"id":"c"},"x":' + b"9" * 5000 + b"}")
    if shape == 3:
        return Case(b'{"type":"invoke","conversation":{"id":"c"},"value":NaN,"id":Infinity}')
    if shape == 4:
        return Case(_encode(draw(json_values())))
    activity = draw(activities(service_url))
    foreign = (isinstance(activity.get("conversation"), dict)
               and activity["conversation"].get("tenantId") == FOREIGN_TENANT
               and isinstance(activity.get("channelData"), dict)
               and activity["channelData"].get("tenant", {}) == {"id": FOREIGN_TENANT})
    if shape == 5:
        return Case(_encode(activity), draw(st.sampled_from(CONTENT_TYPES)), foreign)
    body = _encode(activity)
    if shape == 6:
        body = body.replace(b'"type"', b'"type" ', 1) + b" trailing"
    return Case(body, "application/json", foreign)


# --- harness -----------------------------------------------------------------------------------
class ErrorLog(logging.Handler):
    """Collects every record at ERROR or above, from any logger."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@dataclass
class Finding:
    case: Case
    status: int
    problem: str


@dataclass
class Harness:
    """The real app and the connector stub, plus what it takes to judge one request."""

    settings: Settings
    database: Database
    stub: ConnectorStub | None = None
    bot: BotClient | None = None
    errors: ErrorLog = field(default_factory=ErrorLog)
    statuses: dict[int, int] = field(default_factory=dict)
    cases_run: int = 0

    async def start(self) -> Harness:
        self.stub = await ConnectorStub().start()
        for user in USERS:
            self.stub.add_member(id=user.teams_id, aad_object_id=user.aad, name=user.name,
                                 email=user.email, upn=user.email, tenant_id=TENANT)
        settings = self.settings.with_(allowed_tenants=(TENANT,), coordinators=(TOVE.email,))
        self.bot = await BotClient(settings, self.database).start()
        logging.getLogger().addHandler(self.errors)
        await seed_other_plans(self.database)
        return self

    async def stop(self) -> None:
        logging.getLogger().removeHandler(self.errors)
        if self.bot:
            await self.bot.stop()
        if self.stub:
            await self.stub.stop()

    @property
    def service_url(self) -> str:
        assert self.stub is not None
        return self.stub.url

    async def counts(self) -> dict[str, int]:
        """Rows in every table, in one query."""
        tables = [t.name for t in Base.metadata.sorted_tables]
        union = " UNION ALL ".join(f"SELECT '{n}', COUNT(*) FROM {n}" for n in tables)
        async with self.database.engine.connect() as conn:
            return {name: int(n) for name, n in (await conn.execute(text(union))).all()}

    async def run(self, case: Case) -> list[Finding]:
        """Send one case; what is wrong with the answer (empty when all is well)."""
        assert self.bot is not None
        before = await self.counts()
        self.errors.records.clear()
        status, _ = await self.bot.post(case.body, content_type=case.content_type)
        self.cases_run += 1
        self.statuses[status] = self.statuses.get(status, 0) + 1
        found = []
        if status >= 500:
            found.append(Finding(case, status, "server error"))
        for record in self.errors.records:
            found.append(Finding(case, status, f"logged {record.levelname} {record.name}: "
                                 f"{record.getMessage()[:300]}"))
        if status >= 400 or case.foreign:
            after = await self.counts()
            changed = {k: (before[k], after[k]) for k in before if before[k] != after[k]}
            if changed:
                found.append(Finding(case, status, f"refused request wrote rows: {changed}"))
        return found


async def seed_other_plans(db: Database) -> None:
    """Two plans with actions and an open round, so forged ids point at something real."""
    async with db.transaction() as repo:
        for district in ("Rinkeby", "Tensta"):
            plan = await repo.create_plan(year=2026, district=district)
            area = await repo.add_area(plan, "Trygghet", 1)
            for position in (1, 2):
                await repo.add_action(plan, area, position, title=f"Åtgärd {position}")
            repo.session.add(RoundRow(plan_id=plan, label="Q1", area_ids=[area], status="open",
                                      opened_at=datetime.now(UTC), opened_by="seed"))
        role = await repo.get_or_create_role("Samordnare")
        samir = await repo.create_person(email=SAMIR.email, display_name=SAMIR.name)
        await repo.assign_role(role.id, samir.id, None)
