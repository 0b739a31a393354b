"""Reading a turn: who sent it, from which tenant, in what kind of conversation.

SDK objects stop here: the rest of the code gets `TeamsIdentity` and `ConversationRef` values.
"""

from __future__ import annotations

import logging

from microsoft_agents.activity import Activity
from microsoft_agents.hosting.core import TurnContext

from domain.identity import binding_email
from domain.model import ConversationRef
from services.people import TeamsIdentity

log = logging.getLogger(__name__)


def tenant_of(activity: Activity) -> str | None:
    """Teams puts the tenant on the conversation and in channelData.tenant.id."""
    conversation = activity.conversation
    if conversation is not None and getattr(conversation, "tenant_id", None):
        return conversation.tenant_id
    data = activity.channel_data
    tenant = data.get("tenant") if isinstance(data, dict) else getattr(data, "tenant", None)
    if isinstance(tenant, dict):
        return tenant.get("id")
    return getattr(tenant, "id", None)


def conversation_kind(activity: Activity) -> str:
    """personal | channel | group, as Teams names conversation types."""
    conv_type = getattr(activity.conversation, "conversation_type", None) or ""
    if conv_type == "channel":
        return "channel"
    if conv_type == "groupChat" or getattr(activity.conversation, "is_group", False):
        return "group"
    return "personal"


def identity_of(activity: Activity) -> TeamsIdentity | None:
    sender = activity.from_property
    if sender is None or not sender.id:
        return None
    return TeamsIdentity(
        teams_user_id=sender.id,
        aad_object_id=getattr(sender, "aad_object_id", None) or None,
        name=sender.name or "",
        tenant_id=tenant_of(activity),
    )


def reference_of(activity: Activity) -> ConversationRef:
    """What we need later to write into this conversation unprompted."""
    recipient = activity.recipient
    data = activity.channel_data if isinstance(activity.channel_data, dict) else {}
    extra = {}
    if isinstance(data.get("team"), dict):
        extra["team_id"] = data["team"].get("id")
    if isinstance(data.get("channel"), dict):
        extra["channel"] = data["channel"].get("id")
    return ConversationRef(
        conversation_id=activity.conversation.id,
        service_url=activity.service_url or "",
        channel_id=str(activity.channel_id or "msteams"),
        tenant_id=tenant_of(activity),
        bot_id=recipient.id if recipient else None,
        bot_name=recipient.name if recipient else None,
        user_id=activity.from_property.id if activity.from_property else None,
        is_group=conversation_kind(activity) != "personal",
        extra=extra,
    )


async def lookup_email(context: TurnContext, user_id: str) -> str | None:
    """Ask Teams for the member's e-mail (one call; None if Teams will not say). A guest's
    real address, never their `#EXT#` UPN (domain/identity.py)."""
    client = context.turn_state.get("ConnectorClient")
    if client is None or not hasattr(client, "get_conversation_member"):
        return None
    try:
        member = await client.get_conversation_member(context.activity.conversation.id, user_id)
    except Exception:  # the lookup is a convenience; the turn goes on without it
        log.info("member lookup failed", exc_info=True)
        return None
    return binding_email(getattr(member, "email", None),
                         getattr(member, "user_principal_name", None))
