"""Messages that guard the bot's edges: answers to card actions Följa does not know."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "card_action_unknown": {
        "sv": "Den här knappen känner jag inte igen, så inget sparades. Be om ett nytt kort "
        "genom att skriva **hjälp**.",
        "en": "I do not recognise this button, so nothing was saved. Write **help** to get a "
        "new card.",
    },
    "card_action_failed": {
        "sv": "Något gick fel hos mig och inget sparades. Försök igen om en stund.",
        "en": "Something went wrong on my side and nothing was saved. Please try again shortly.",
    },
}
