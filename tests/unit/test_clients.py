"""bot/clients.py: the SDK's per-turn clients are built at first use, closed only if built."""

from __future__ import annotations

from types import SimpleNamespace

from microsoft_agents.activity import Activity, ChannelAccount, ConversationAccount, RoleTypes
from microsoft_agents.hosting.core import ClaimsIdentity

from bot.clients import Deferred, DeferredClientFactory
from bot.sdk import LOCAL_TOKEN, auth_configuration, connections
from config import Settings


class _Client:
    closed = False
    value = 42

    async def close(self) -> None:
        self.closed = True


async def test_deferred_builds_once_at_first_use_and_closes_what_it_built():
    built: list[_Client] = []
    proxy = Deferred(lambda: built.append(_Client()) or built[-1])
    await proxy.close()
    assert not proxy.built and built == []
    assert proxy.value == 42 and proxy.value == 42
    assert len(built) == 1 and proxy.built
    await proxy.close()
    assert built[0].closed


def _turn(role: str | None = None) -> SimpleNamespace:
    """What the factory reads of a TurnContext: its activity."""
    activity = Activity(type="message", text="hej", service_url="http://127.0.0.1:1/",
                        conversation=ConversationAccount(id="c1"),
                        from_property=ChannelAccount(id="29:u"),
                        recipient=ChannelAccount(id="28:bot", role=role))
    return SimpleNamespace(activity=activity)


def _factory() -> DeferredClientFactory:
    settings = Settings(app_id="")
    return DeferredClientFactory(connections(settings, auth_configuration(settings)))


async def test_factory_defers_both_clients_and_they_carry_the_token():
    factory, claims = _factory(), ClaimsIdentity({}, False)
    context = _turn()
    users = await factory.create_user_token_client(context, claims)
    connector = await factory.create_connector_client(
        context, claims, "http://127.0.0.1:1/", "https://api.botframework.com")
    assert isinstance(users, Deferred) and isinstance(connector, Deferred)
    assert not users.built and not connector.built
    assert connector.conversations is not None and connector.built
    assert connector.client.headers["Authorization"] == f"Bearer {LOCAL_TOKEN}"
    await connector.close()
    await users.close()


async def test_copilot_studio_connector_goes_the_sdk_way():
    factory, claims = _factory(), ClaimsIdentity({}, False)
    client = await factory.create_connector_client(
        _turn(RoleTypes.connector_user), claims, "http://127.0.0.1:1/",
        "https://api.botframework.com")
    assert not isinstance(client, Deferred)
    await client.close()


async def test_replies_go_only_to_the_hosts_teams_uses():
    """Inbound checks refuse a foreign serviceUrl first; the reply client refuses it again."""
    from microsoft_agents.hosting.core import OutboundHostValidator

    settings = Settings(app_id="")
    factory = DeferredClientFactory(connections(settings, auth_configuration(settings)),
                                    host_validator=OutboundHostValidator(enabled=True))
    claims = ClaimsIdentity({}, False)
    for url in ("https://folja-test.invalid/", "http://smba.trafficmanager.net/emea/"):
        try:
            await factory.create_connector_client(_turn(), claims, url,
                                                  "https://api.botframework.com")
        except PermissionError:
            continue
        raise AssertionError(f"a reply client was built for {url}")
    allowed = await factory.create_connector_client(
        _turn(), claims, "https://smba.trafficmanager.net/emea/", "https://api.botframework.com")
    assert isinstance(allowed, Deferred) and not allowed.built
