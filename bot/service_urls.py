"""Which Bot Connector addresses Följa accepts and writes to: those Teams uses, nothing else.

An activity's serviceUrl is where the bot sends its replies, and what it stores to write later
(proactive messages, the outbox). Whoever could choose it could make the bot send its Bot
Framework token, and people's messages, to a host of their own. So with an app id:

- the serviceUrl must be the one the signed token vouches for (its `serviceurl` claim);
- its host must be one Teams uses: the SDK's `OutboundHostValidator` (https only, no user info,
  no private or loopback IP address) with the Bot Connector hosts of its default Microsoft list,
  plus FOLJA_SERVICE_HOSTS for other clouds. The rest of the SDK's list (Graph, SharePoint, the
  attachment CDN, Azure Blob Storage) is for downloads: anyone can own a `*.blob.core.windows.net`
  host, so those are no place to send a bot token to;
- the same validator guards every send (the turn's replies, bot/clients.py; the outbox,
  bot/proactive.py), so a reference stored before these checks is still never used.

Local mode (no app id) talks to a local connector (the Agents Playground, the test stub) on
loopback, so the validator is off there; that mode accepts loopback peers only (bot/http.py).
"""

from __future__ import annotations

from microsoft_agents.hosting.core import ClaimsIdentity, OutboundHostValidator
from yarl import URL

from config import Settings

#: The SDK's outbound host check, under the name the composition root uses.
HostValidator = OutboundHostValidator

SERVICE_URL_CLAIM = "serviceurl"
#: The Bot Connector's hosts in the SDK's default list (and their subdomains): Teams' serviceUrls
#: (smba.trafficmanager.net/…, smba.infra.gcc.teams.microsoft.com, ….teams.microsoft.us).
BOT_CONNECTOR_HOSTS = ("botframework.com", "smba.trafficmanager.net", "teams.microsoft.com",
                       "teams.microsoft.us")


def host_validator(settings: Settings) -> OutboundHostValidator:
    """On with an app id (the Bot Connector hosts and FOLJA_SERVICE_HOSTS), off in local mode."""
    if settings.local_mode:
        return OutboundHostValidator(enabled=False)
    return OutboundHostValidator([*BOT_CONNECTOR_HOSTS, *settings.service_hosts], enabled=True,
                                 include_default_microsoft_hosts=False)


def same_url(claimed: str, actual: str) -> bool:
    """The same address, up to the case of scheme and host and a trailing slash."""
    try:
        a, b = URL(claimed), URL(actual)
    except (ValueError, TypeError):
        return False
    if not a.absolute or not b.absolute:
        return False
    return (a.scheme, a.host, a.port, a.path.rstrip("/"), a.query_string) == \
        (b.scheme, b.host, b.port, b.path.rstrip("/"), b.query_string)


def inbound_problem(claims: ClaimsIdentity | None, service_url: object,
                    validator: OutboundHostValidator) -> str | None:
    """Why an activity's serviceUrl is refused (answered 401), or None when it may be used."""
    if not validator.enabled:
        return None
    if not isinstance(service_url, str):
        return "Activity must have a serviceUrl"
    claimed = claims.get_claim_value(SERVICE_URL_CLAIM) if claims is not None else None
    if not isinstance(claimed, str) or not same_url(claimed, service_url):
        return "serviceUrl is not the one the token was issued for"
    if not validator.is_allowed(service_url):
        return "serviceUrl is not a Bot Connector host Teams uses"
    return None
