"""The card that asks a coordinator of several districts which district a workbook belongs to.

Pure. Each button carries the district and the file's Teams download link; the person acting is
still the activity's sender, and the choice is checked against their districts again.
"""

from __future__ import annotations

from collections.abc import Sequence

from domain.plaintext import card_text

SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json"
CHOOSE_DISTRICT = "import.district"


def district_choice_card(question: str, file_name: str, url: str,
                         districts: Sequence[str]) -> dict:
    """`question` (a catalogue sentence) and one button per district the file may go into."""
    buttons = [{"type": "Action.Submit", "title": district[:60],
                "data": {"verb": CHOOSE_DISTRICT, "district": district, "name": file_name,
                         "url": url}} for district in districts]
    return {"type": "AdaptiveCard", "$schema": SCHEMA, "version": "1.5",
            "body": [{"type": "TextBlock", "text": question, "wrap": True},
                     {"type": "TextBlock", "text": card_text(file_name, 120), "wrap": True,
                      "isSubtle": True, "size": "Small"}],
            "actions": buttons}
