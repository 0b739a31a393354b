"""The validation gate before the SDK (bot/gate.py): what fuzzing found, as named examples.

Each request is one that made a turn crash inside the SDK before the gate existed; now it is
answered 400 and nothing is stored.
"""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from storage.db import Database
from storage.models import ConversationRefRow, PersonRow, SdkStateRow
from tests.botclient import TOVE, BotClient, Teams


def _without(key: str):
    return lambda a: {k: v for k, v in a.items() if k != key}


def _set(path: str, value):
    def change(activity: dict) -> dict:
        head, _, tail = path.partition(".")
        if tail:
            activity[head] = {**activity[head], tail: value}
        else:
            activity[head] = value
        return activity
    return change


CASES = {
    "no channelId": _without("channelId"),
    "no from": _without("from"),
    "no recipient": _without("recipient"),
    "no serviceUrl": _without("serviceUrl"),
    "serviceUrl not http": _set("serviceUrl", "file:///etc/passwd"),
    "conversation id with a path": _set("conversation.id", "a/../../b"),
    "conversation id too long": _set("conversation.id", "a:" + "x" * 600),
    "sender name too long": _set("from.name", "N" * 300),
    "aadObjectId not text": _set("from.aadObjectId", {"x": 1}),
    "NUL in channelId (PostgreSQL cannot store it)": _set("channelId", "\x00"),
    "lone surrogate in the text": _set("text", "hj\ud90flp"),
    "NUL in a key of channelData": _set("channelData", {"a\x00": 1}),
}


async def rows(db: Database) -> int:
    async with db.session() as s:
        return sum([int(await s.scalar(select(func.count()).select_from(m)))
                    for m in (PersonRow, ConversationRefRow, SdkStateRow)])


@pytest.mark.parametrize("name", list(CASES))
async def test_gate_refuses_what_crashed_the_sdk(name: str, bot: BotClient, teams: Teams, stub,
                                                database: Database):
    activity = CASES[name](teams.message(TOVE, "hjälp"))
    status, body = await bot.post(activity)
    assert status == 400, body
    assert body["error"]
    assert await rows(database) == 0
    assert stub.sent == []


async def test_deep_json_and_nan_are_refused(bot: BotClient, teams: Teams):
    deep = b'{"type":"message","conversation":{"id":"c"},"channelData":' + b"[" * 70 + \
        b"]" * 70 + b"}"
    assert (await bot.post(deep))[0] == 400
    assert (await bot.post(b'{"type":"message","conversation":{"id":"c"},"id":NaN}'))[0] == 400


async def test_a_normal_teams_message_still_passes(bot: BotClient, teams: Teams, stub):
    assert (await bot.post(teams.message(TOVE, "hjälp")))[0] == 202
    assert len(stub.sent) == 1
