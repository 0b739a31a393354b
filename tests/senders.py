"""The real TeamsSender in local mode, with the pacing a test chooses."""

from __future__ import annotations

from bot.proactive import TeamsSender
from bot.sdk import auth_configuration, connections
from config import TEAMS_CONVERSATION_LIMITS, Settings
from services.ratelimit import RateLimiter


def make_sender(rate: int = 50, limits=TEAMS_CONVERSATION_LIMITS) -> TeamsSender:
    settings = Settings()
    return TeamsSender(connections(settings, auth_configuration(settings)),
                       limiter=RateLimiter(rate, limits))
