"""The card that asks a coordinator of several districts which district's styrgrupp a channel is.

Pure. Each button carries only the district's name; the person acting is still the activity's
sender, and the choice is checked against their districts again (services/summaries.py).
"""

from __future__ import annotations

from collections.abc import Sequence

from cards.followup import card, text
from domain.plaintext import card_text

CHOOSE_STEERING_DISTRICT = "steering.district"


def steering_district_card(question: str, districts: Sequence[str]) -> dict:
    """`question` (a catalogue sentence) and one button per district they coordinate."""
    buttons = [{"type": "Action.Submit", "title": district[:60],
                "data": {"verb": CHOOSE_STEERING_DISTRICT, "district": district}}
               for district in districts[:20]]
    listed = text(card_text(", ".join(districts), 600), isSubtle=True, size="Small")
    return card([text(question), listed], buttons)
