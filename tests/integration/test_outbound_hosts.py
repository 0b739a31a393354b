"""With an app id, Följa sends only to the Bot Connector hosts Teams uses.

A conversation reference stored before this rule (or written into the database by hand) may
hold any serviceUrl: the outbox sender refuses it for good, before any connection or token
request, and a personal chat Teams creates is remembered only at an address Teams uses.
"""

from __future__ import annotations

import pytest
from microsoft_agents.activity import ConversationResourceResponse

from bot.proactive import sender_for
from bot.sdk import auth_configuration, connections
from config import Settings
from services.delivery import SendError
from storage.repos.outbox import OutboxEntry
from tests.tokens import APP_ID, fixed_msal_token, loopback_only

SECURED = Settings(app_id=APP_ID, app_password="pw", tenant_id="t")
TEAMS_URL = "https://smba.trafficmanager.net/emea/"


def entry(target: dict) -> OutboxEntry:
    return OutboxEntry(id=1, kind="send", dedupe_key="k", target=target,
                       activity={"type": "message", "text": "hej"}, status="pending",
                       attempts=0, activity_id=None, update_of=None, update_of_activity_id=None,
                       update_of_conversation_id=None, person_id=None, round_id=None,
                       plan_id=None, last_error="")


@pytest.fixture
def secured_sender(monkeypatch):
    fixed_msal_token(monkeypatch)
    return sender_for(SECURED, connections(SECURED, auth_configuration(SECURED)))


@pytest.mark.parametrize("target", [
    {"conversation_id": "a:x", "service_url": "https://folja-test.invalid/teams/"},
    {"conversation_id": "a:x", "service_url": "http://smba.trafficmanager.net/emea/"},
    {"conversation_id": "a:x", "service_url": "https://10.0.0.5/"},
    {"create_personal": {"aad_object_id": "aad-x", "tenant_id": "t",
                         "service_url": "https://folja-test.invalid/"}},
])
async def test_a_stored_foreign_service_url_is_never_sent_to(target, secured_sender, monkeypatch):
    refused = loopback_only(monkeypatch)
    with pytest.raises(SendError) as caught:
        await secured_sender.deliver(entry(target))
    assert caught.value.permanent, caught.value  # not retried: it will never become allowed
    assert refused == []  # no connection was even tried
    await secured_sender.close()


async def test_a_created_chat_is_remembered_only_at_a_teams_address(secured_sender, monkeypatch):
    class Conversations:
        async def create_conversation(self, params):
            return ConversationResourceResponse(id="a:new", service_url="https://folja-test.invalid/")

        async def send_to_conversation(self, conversation_id, activity):
            return ConversationResourceResponse(id="m1")

    class Client:
        conversations = Conversations()

    async def client(service_url: str, *, fresh: bool = False):
        return Client()

    monkeypatch.setattr(secured_sender, "_client", client)
    target = {"create_personal": {"aad_object_id": "aad-x", "tenant_id": "t",
                                  "service_url": TEAMS_URL}}
    delivered = await secured_sender.deliver(entry(target))
    assert delivered.created["service_url"] == TEAMS_URL


async def test_local_mode_sends_to_the_local_connector(stub, sender):
    """Without an app id the stub on loopback stays reachable (tests, the Playground)."""
    delivered = await sender.deliver(entry({"conversation_id": "a:x", "service_url": stub.url}))
    assert delivered.activity_id
