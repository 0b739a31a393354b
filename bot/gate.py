"""What an activity must be before the SDK sees it: the checks behind the 400s of /api/messages.

Found by fuzzing (tests/e2e/test_fuzz_messages.py): the SDK raises, deep in a turn, on an activity
without channelId or with a serviceUrl it cannot call, and our tables cap the length of ids. Such
requests never come from Teams, so they are refused whole, before anything is read or written.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from microsoft_agents.activity import Activity

MAX_DEPTH = 64  # Teams' activities nest a dozen levels; Python's json would go to ~1000
LIMITS = {  # the column each id lands in (storage/models.py)
    "conversation.id": 500, "from.id": 200, "from.aadObjectId": 64, "from.name": 200,
    "tenant": 64, "serviceUrl": 500, "recipient.id": 200,
}

# Ids go into the Bot Connector's URL path (v3/conversations/{id}/activities/{id}): Teams' ids
# ("a:1…", "19:…@thread.tacv2;messageid=…") never hold a path separator, query or escape.
_PATH_UNSAFE = re.compile(r"[/?#\\%\s\x00-\x1f\x7f]")
# Text no database column can hold: NUL (PostgreSQL refuses it) and a lone UTF-16 surrogate
# (JSON's "\ud90f" escape; not encodable as UTF-8). Found by fuzzing; Teams never sends either.
_NOT_TEXT = re.compile("[\x00\ud800-\udfff]")


def scan(value: object) -> tuple[int, bool]:
    """How deeply lists and objects nest in a parsed JSON value, and whether any key or string
    holds text that cannot be stored (iterative: no recursion)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, str):
            if _NOT_TEXT.search(item):
                return deepest, True
        elif isinstance(item, dict | list):
            deepest = max(deepest, level)
            if deepest > MAX_DEPTH:
                return deepest, False
            if isinstance(item, dict):
                stack.extend((key, level) for key in item)
                stack.extend((child, level + 1) for child in item.values())
            else:
                stack.extend((child, level + 1) for child in item)
    return deepest, False


def _service_url_ok(url: object) -> bool:
    if not isinstance(url, str) or len(url) > LIMITS["serviceUrl"]:
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def problem(data: dict, activity: Activity) -> str | None:
    """Why this activity is refused, or None when the SDK may have it."""
    deepest, not_text = scan(data)
    if deepest > MAX_DEPTH:
        return "body nests too deeply"
    if not_text:
        return "body holds text that cannot be stored (NUL or a lone surrogate)"
    if not isinstance(activity.channel_id, str) or not activity.channel_id.strip():
        return "Activity must have channelId"
    if not _service_url_ok(data.get("serviceUrl")):
        return "Activity must have an http(s) serviceUrl"
    sender, recipient = activity.from_property, activity.recipient
    if sender is None or not isinstance(sender.id, str) or not sender.id.strip():
        return "Activity must have from.id"  # the SDK keys user state by it
    if recipient is None or not isinstance(recipient.id, str) or not recipient.id.strip():
        return "Activity must have recipient.id"  # a reply is sent from it
    tenant = getattr(activity.conversation, "tenant_id", None)
    values = {
        "conversation.id": activity.conversation.id,
        "from.id": sender.id if sender else None,
        "from.aadObjectId": getattr(sender, "aad_object_id", None) if sender else None,
        "from.name": sender.name if sender else None,
        "recipient.id": recipient.id if recipient else None,
        "tenant": tenant,
    }
    for value in (activity.conversation.id, activity.id):
        if isinstance(value, str) and _PATH_UNSAFE.search(value):
            return "conversation.id and id must not hold /, ?, #, %, \\ or spaces"
    for name, value in values.items():
        if value is not None and (not isinstance(value, str) or len(value) > LIMITS[name]):
            return f"{name} is too long or not text"
    return None
