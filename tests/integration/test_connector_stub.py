"""The connector stub answers the Agents SDK's own connector clients exactly as the bot uses them.

The bot's CloudAdapter builds a ``TeamsConnectorClient`` (a ``ConnectorClient`` subclass) for
the activity's serviceUrl, so these tests drive that class, plus plain aiohttp for what the SDK
hides (headers, error bodies).
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator

import aiohttp
import pytest
import pytest_asyncio
from microsoft_agents.activity import (
    Activity,
    Attachment,
    ChannelAccount,
    ConversationParameters,
)
from microsoft_agents.hosting.core.connector.teams import TeamsConnectorClient

from tests.connector_stub import ADAPTIVE_CARD, ConnectorStub, Fault

CHANNEL_THREAD = "19:abc123@thread.tacv2;messageid=1699999999999"
PERSONAL = "a:1xYzPersonalChatId"
TENANT = "tenant-0001"


def message(text: str, **extra: object) -> Activity:
    return Activity(type="message", text=text, channel_id="msteams", **extra)


class FakeClock:
    """Lets rate-limit tests move time explicitly instead of sleeping."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest_asyncio.fixture
async def client(stub: ConnectorStub) -> AsyncIterator[TeamsConnectorClient]:
    sdk = TeamsConnectorClient(endpoint=stub.url, token="dummy-token")
    yield sdk
    await sdk.close()


@pytest_asyncio.fixture
async def http() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as session:
        yield session


@pytest.mark.asyncio
@pytest.mark.parametrize("prefix", ["", "_connector", "/deep/er/"])
async def test_send_reply_update_delete_through_sdk(stub: ConnectorStub, prefix: str) -> None:
    service_url = stub.url_for(prefix).rstrip("/")  # the SDK adds the trailing slash itself
    sdk = TeamsConnectorClient(endpoint=service_url, token="dummy-token")
    try:
        ops = sdk.conversations
        sent = await ops.send_to_conversation(CHANNEL_THREAD, message("Hej"))
        reply = await ops.reply_to_activity(CHANNEL_THREAD, "1699999999999",
                                            message("Svar", reply_to_id="1699999999999"))
        updated = await ops.update_activity(CHANNEL_THREAD, sent.id, message("Hej igen"))
        await ops.delete_activity(CHANNEL_THREAD, reply.id)
    finally:
        await sdk.close()

    assert sent.id and reply.id and sent.id != reply.id
    assert updated.id == sent.id
    assert [(a["op"], a["id"]) for a in stub.sent] == [
        ("send", sent.id), ("reply", reply.id), ("update", sent.id), ("delete", reply.id)]
    assert {a["conversation_id"] for a in stub.sent} == {CHANNEL_THREAD}
    assert stub.texts() == ["Hej", "Svar", "Hej igen"]
    assert stub.sent[1]["replyToId"] == "1699999999999"
    assert [a["text"] for a in stub.visible(CHANNEL_THREAD)] == ["Hej igen"]
    expected_prefix = "/" + prefix.strip("/") if prefix.strip("/") else ""
    assert [(c.method, c.path, c.status) for c in stub.calls] == [
        ("POST", f"{expected_prefix}/v3/conversations/{CHANNEL_THREAD}/activities", 201),
        ("POST", f"{expected_prefix}/v3/conversations/{CHANNEL_THREAD}/activities/1699999999999",
         201),
        ("PUT", f"{expected_prefix}/v3/conversations/{CHANNEL_THREAD}/activities/{sent.id}", 200),
        ("DELETE", f"{expected_prefix}/v3/conversations/{CHANNEL_THREAD}/activities/{reply.id}",
         200),
    ]
    assert stub.calls[0].headers["Authorization"] == "Bearer dummy-token"
    assert stub.calls[1].activity_id == "1699999999999"


@pytest.mark.asyncio
async def test_adaptive_cards_and_in_conversation(stub: ConnectorStub,
                                                  client: TeamsConnectorClient) -> None:
    card = {"type": "AdaptiveCard", "version": "1.5", "body": [{"type": "TextBlock", "text": "x"}]}
    await client.conversations.send_to_conversation(PERSONAL, message(
        "", attachments=[Attachment(content_type=ADAPTIVE_CARD, content=card)]))
    await client.conversations.send_to_conversation(CHANNEL_THREAD, message("annat"))

    assert stub.attachments() == [card]
    assert [a["op"] for a in stub.in_conversation(PERSONAL)] == ["send"]
    assert stub.in_conversation(CHANNEL_THREAD)[0]["text"] == "annat"


@pytest.mark.asyncio
async def test_create_conversation(stub: ConnectorStub, client: TeamsConnectorClient) -> None:
    params = ConversationParameters(
        is_group=False, agent=ChannelAccount(id="28:bot"), tenant_id=TENANT,
        members=[ChannelAccount(id="29:user-1")], channel_data={"tenant": {"id": TENANT}})
    first = await client.conversations.create_conversation(params)
    again = await client.create_conversation(params)  # Teams client's own variant

    assert first.id.startswith("a:") and first.service_url == stub.url
    assert again.id == first.id, "Teams returns the same 1:1 chat for the same user"
    body = stub.created[0]
    assert body["members"] == [{"id": "29:user-1"}]
    assert body["isGroup"] is False and body["tenantId"] == TENANT
    assert body["channelData"] == {"tenant": {"id": TENANT}}
    assert stub.calls[0].status == 201 and stub.calls[0].conversation_id == first.id

    in_channel = await client.conversations.create_conversation(ConversationParameters(
        is_group=True, channel_data={"channel": {"id": "19:chan@thread.tacv2"}},
        activity=message("Ny tråd")))
    assert in_channel.id == f"19:chan@thread.tacv2;messageid={in_channel.activity_id}"
    assert stub.sent[-1]["text"] == "Ny tråd"
    assert stub.sent[-1]["conversation_id"] == in_channel.id
    listed = await client.conversations.get_conversations()
    assert [c.id for c in listed.conversations] == [first.id, in_channel.id]


@pytest.mark.asyncio
async def test_get_member_known_and_unknown(stub: ConnectorStub, client: TeamsConnectorClient,
                                            http: aiohttp.ClientSession) -> None:
    stub.add_member(id="29:anna", aad_object_id="aad-anna", name="Anna Berg",
                    email="anna@kommun.se", upn="anna@kommun.se", tenant_id=TENANT)

    anna = await client.get_conversation_member(PERSONAL, "29:anna")
    assert (anna.id, anna.aad_object_id, anna.email, anna.user_principal_name) == (
        "29:anna", "aad-anna", "anna@kommun.se", "anna@kommun.se")
    assert (anna.tenant_id, anna.given_name, anna.surname) == (TENANT, "Anna", "Berg")
    by_aad = await client.conversations.get_conversation_member(PERSONAL, "aad-anna")
    assert by_aad.id == "29:anna"

    with pytest.raises(aiohttp.ClientResponseError) as raised:
        await client.get_conversation_member(PERSONAL, "29:nobody")
    assert raised.value.status == 404
    async with http.get(f"{stub.url}v3/conversations/{PERSONAL}/members/29:nobody") as resp:
        assert resp.status == 404
        assert (await resp.json())["error"]["code"] == "MemberNotFoundInConversation"


@pytest.mark.asyncio
async def test_paged_members_follow_tokens(stub: ConnectorStub,
                                           client: TeamsConnectorClient) -> None:
    for n in range(5):
        stub.add_member(id=f"29:u{n}", name=f"User {n}", tenant_id=TENANT)
    stub.add_member(id="29:elsewhere", name="Other Chat", conversations=["19:other@thread.v2"])

    seen: list[str] = []
    page = await client.get_conversation_paged_member(CHANNEL_THREAD, 2, None)
    assert stub.calls[-1].query == {"pageSize": "2", "continuationToken": ""}
    assert stub.calls[-1].path.endswith("/pagedMembers")
    while True:
        seen += [m.id for m in page.members]
        if not page.continuation_token:
            break
        page = await client.get_conversation_paged_member(
            CHANNEL_THREAD, 2, page.continuation_token)
    assert seen == [f"29:u{n}" for n in range(5)]

    generic = await client.conversations.get_conversation_paged_members(CHANNEL_THREAD,
                                                                        page_size=10)
    assert len(generic.members) == 5 and generic.continuation_token is None
    assert stub.calls[-1].path.endswith("/pagedmembers")
    everyone = await client.conversations.get_conversation_members("19:other@thread.v2")
    assert len(everyone) == 6


@pytest.mark.asyncio
async def test_team_channels_and_details(stub: ConnectorStub, client: TeamsConnectorClient,
                                         http: aiohttp.ClientSession) -> None:
    team = "19:team@thread.tacv2"
    stub.add_team(team, name="Trygghet", aad_group_id="group-1")
    stub.add_channel(team, "19:ops@thread.tacv2", "Operativt")

    channels = await client.fetch_channel_list(team)
    assert [(c.id, c.name) for c in channels] == [(team, None),
                                                  ("19:ops@thread.tacv2", "Operativt")]
    details = await client.fetch_team_details(team)
    assert (details.name, details.aad_group_id, details.channel_count) == (
        "Trygghet", "group-1", 2)
    async with http.get(f"{stub.url}v3/teams/19:unknown@thread.tacv2/conversations") as resp:
        assert resp.status == 404


@pytest.mark.asyncio
async def test_scripted_429_503_403_then_success(stub: ConnectorStub,
                                                 client: TeamsConnectorClient) -> None:
    stub.script(r"/activities$", [Fault(status=429, retry_after=1.5), Fault(status=503),
                                  Fault(status=403, code="ConversationBlockedByUser")])
    errors: list[aiohttp.ClientResponseError] = []
    for _ in range(3):
        with pytest.raises(aiohttp.ClientResponseError) as raised:
            await client.conversations.send_to_conversation(PERSONAL, message("x"))
        errors.append(raised.value)
    ok = await client.conversations.send_to_conversation(PERSONAL, message("till slut"))

    assert [e.status for e in errors] == [429, 503, 403]
    assert errors[0].headers is not None and errors[0].headers["Retry-After"] == "1.5"
    # send_to_conversation puts the response body in the exception message
    assert json.loads(errors[2].message)["error"]["code"] == "ConversationBlockedByUser"
    assert [c.status for c in stub.calls] == [429, 503, 403, 201]
    assert [a["id"] for a in stub.sent] == [ok.id] and stub.pending_faults() == 0


@pytest.mark.asyncio
async def test_412_passthrough_and_dropped_connection(stub: ConnectorStub,
                                                      client: TeamsConnectorClient) -> None:
    stub.script(r"/activities/\d+$", [None, Fault(status=412)], method="PUT")
    stub.script(r"/activities$", [Fault(drop_connection=True)])

    with pytest.raises(aiohttp.ClientConnectionError):
        await client.conversations.send_to_conversation(PERSONAL, message("tappad"))
    assert stub.calls[-1].status == 0 and stub.sent == []

    sent = await client.conversations.send_to_conversation(PERSONAL, message("ny"))
    await client.conversations.update_activity(PERSONAL, sent.id, message("v2"))  # None: passes
    with pytest.raises(aiohttp.ClientResponseError) as raised:
        await client.conversations.update_activity(PERSONAL, sent.id, message("v3"))
    assert raised.value.status == 412
    assert [a["op"] for a in stub.sent] == ["send", "update"]


@pytest.mark.asyncio
async def test_require_bearer(stub: ConnectorStub, http: aiohttp.ClientSession) -> None:
    stub.require_bearer = True
    anonymous = TeamsConnectorClient(endpoint=stub.url, token="")  # SDK then omits the header
    try:
        with pytest.raises(aiohttp.ClientResponseError) as raised:
            await anonymous.conversations.send_to_conversation(PERSONAL, message("x"))
    finally:
        await anonymous.close()
    assert raised.value.status == 401
    async with http.post(f"{stub.url}v3/conversations/{PERSONAL}/activities",
                         json={"type": "message"}, headers={"Authorization": "Bearer t"}) as resp:
        assert resp.status == 201
    assert [c.status for c in stub.calls] == [401, 201]


async def _statuses_under_fault_rate(seed: int) -> list[int]:
    async with ConnectorStub() as stub, aiohttp.ClientSession() as http:
        stub.fault_rate(0.4, seed=seed)
        statuses = []
        for n in range(40):
            async with http.post(f"{stub.url}v3/conversations/{PERSONAL}/activities",
                                 json={"type": "message", "text": str(n)}) as resp:
                statuses.append(resp.status)
                if resp.status == 429:
                    assert resp.headers["Retry-After"] == "1"
        assert len(stub.sent) == statuses.count(201)
        return statuses


@pytest.mark.asyncio
async def test_random_fault_rate_is_deterministic_with_seed() -> None:
    first, second, other = [await _statuses_under_fault_rate(seed) for seed in (7, 7, 8)]
    assert first == second
    assert first != other
    assert set(first) <= {201, 429, 502, 503, 504}
    assert 5 <= sum(s != 201 for s in first) <= 30


@pytest.mark.asyncio
async def test_eighth_message_within_one_second_gets_429(stub: ConnectorStub,
                                                         client: TeamsConnectorClient) -> None:
    stub.enforce_teams_limits()
    for n in range(7):
        await client.conversations.send_to_conversation(PERSONAL, message(f"{n}"))
    with pytest.raises(aiohttp.ClientResponseError) as raised:
        await client.conversations.send_to_conversation(PERSONAL, message("8th"))
    assert raised.value.status == 429
    assert raised.value.headers is not None and raised.value.headers["Retry-After"] == "1"
    assert len(stub.violations) == 1
    violation = stub.violations[0]
    assert (violation.kind, violation.conversation_id, violation.window, violation.limit) == (
        "conversation", PERSONAL, 1.0, 7)
    await client.conversations.send_to_conversation(CHANNEL_THREAD, message("other chat ok"))
    assert len(stub.sent) == 8 and len(stub.violations) == 1


@pytest.mark.asyncio
async def test_teams_windows_2s_and_30s_with_fake_clock(http: aiohttp.ClientSession) -> None:
    clock = FakeClock()
    async with ConnectorStub(clock=clock) as stub:
        stub.enforce_teams_limits()
        url = f"{stub.url}v3/conversations/{PERSONAL}/activities"

        async def post() -> int:
            async with http.post(url, json={"type": "message"}) as resp:
                return resp.status

        assert [await post() for _ in range(8)] == [201] * 7 + [429]
        clock.now += 1.0  # out of the 1 s window, still inside 2 s: 8 per 2 s allows one more
        assert [await post() for _ in range(2)] == [201, 429]
        assert [v.window for v in stub.violations] == [1.0, 2.0]

        stub.clear()
        clock.now += 3600
        accepted = 0
        for _ in range(16):  # 4 a second keeps under 7/1 s and 8/2 s but reaches 60/30 s
            accepted += sum([await post() == 201 for _ in range(4)])
            clock.now += 1.0
        assert accepted == 60
        assert {v.window for v in stub.violations} == {30.0}


@pytest.mark.asyncio
async def test_global_requests_per_second(http: aiohttp.ClientSession) -> None:
    clock = FakeClock()
    async with ConnectorStub(clock=clock) as stub:
        stub.enforce_teams_limits(per_conversation=False, global_per_second=3)
        statuses = []
        for n in range(4):
            async with http.get(f"{stub.url}v3/conversations/c{n}/members") as resp:
                statuses.append(resp.status)
        assert statuses == [200, 200, 200, 429]
        assert [(v.kind, v.limit) for v in stub.violations] == [("global", 3)]
        clock.now += 1.01
        async with http.get(f"{stub.url}v3/conversations/c9/members") as resp:
            assert resp.status == 200


@pytest.mark.asyncio
async def test_wait_for(stub: ConnectorStub, client: TeamsConnectorClient) -> None:
    async def bot() -> None:
        for text in ("ett", "två"):
            await asyncio.sleep(0.05)
            await client.conversations.send_to_conversation(PERSONAL, message(text))

    task = asyncio.create_task(bot())
    assert [a["text"] for a in await stub.wait_for(2, timeout=3)] == ["ett", "två"]
    await task
    assert await stub.wait_for(lambda sent: sent[-1]["text"] == "två", timeout=0.1)
    with pytest.raises(AssertionError, match="got 2"):
        await stub.wait_for(3, timeout=0.1)


@pytest.mark.asyncio
async def test_unknown_route_is_404_and_recorded(stub: ConnectorStub,
                                                 http: aiohttp.ClientSession) -> None:
    async with http.post(f"{stub.url}v3/batch/conversation/users", json={}) as resp:
        assert resp.status == 404
    assert (stub.calls[0].op, stub.calls[0].status) == ("unknown", 404)


@pytest.mark.asyncio
async def test_aiohttp_retries_a_dropped_get_once(stub: ConnectorStub,
                                                  client: TeamsConnectorClient) -> None:
    """Documents a trap for fault tests: one dropped GET on a kept-alive connection is hidden."""
    stub.add_member(id="29:anna", name="Anna Berg")
    await client.get_conversation_member(PERSONAL, "29:anna")  # opens a keep-alive connection
    stub.script(r"/members/", [Fault(drop_connection=True)])
    assert (await client.get_conversation_member(PERSONAL, "29:anna")).id == "29:anna"
    assert [c.status for c in stub.calls] == [200, 0, 200]

    stub.script(r"/members/", [Fault(drop_connection=True)] * 2)
    with pytest.raises(aiohttp.ClientConnectionError):
        await client.get_conversation_member(PERSONAL, "29:anna")
