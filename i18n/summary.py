"""Messages of the styrgrupp channel."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "steering_set": {
        "sv": "Klart! Den här kanalen får nu styrgruppens lägesbild för {plan}: ett kort per "
        "omgång som uppdateras när svaren kommer in, och en sammanfattning varje vecka. Skriv "
        "**@Följa sammanfattning** för att se läget nu.",
        "en": "Done! This channel now gets the steering group's overview for {plan}: one card "
        "per round, updated as answers arrive, and a weekly summary. Write **@Följa summary** to "
        "see it now.",
    },
    "steering_moved": {
        "sv": "Sammanfattningen för {plan} skickades tidigare till en annan kanal; från och med nu "
        "kommer den hit.",
        "en": "The summary for {plan} used to go to another channel; from now on it comes here.",
    },
    "steering_not_coordinator": {
        "sv": "Bara planens koordinator kan välja styrgruppens kanal. Be koordinatorn skriva "
        "**@Följa styrgrupp** här. Inget har ändrats.",
        "en": "Only the plan's coordinator can choose the steering group's channel. Ask the "
        "coordinator to write **@Följa styrgrupp** here. Nothing was changed.",
    },
    "steering_not_your_plan": {
        "sv": "Du är koordinator för {yours}, inte för {plan}, så du kan inte välja "
        "styrgruppens kanal för den planen. Be dess koordinator. Inget har ändrats.",
        "en": "You coordinate {yours}, not {plan}, so you cannot choose the steering group's "
        "channel for that plan. Ask its coordinator. Nothing was changed.",
    },
    "steering_unknown_plan": {
        "sv": "Jag hittar ingen plan som heter ”{ref}”. Skriv till exempel **@Följa styrgrupp "
        "Kungsholmen 2025**, eller bara **@Följa styrgrupp** för den senaste aktiva planen.",
        "en": "I cannot find a plan called “{ref}”. Write for example **@Följa styrgrupp "
        "Kungsholmen 2025**, or just **@Följa styrgrupp** for the latest active plan.",
    },
    "steering_only_channel": {
        "sv": "Det här gör man i styrgruppens kanal: nämn mig där med **@Följa styrgrupp**.",
        "en": "This is done in the steering group's channel: mention me there with "
        "**@Följa styrgrupp**.",
    },
    "summary_no_channel": {
        "sv": "Den här kanalen är inte vald som styrgruppens kanal. En koordinator väljer den med "
        "**@Följa styrgrupp**.",
        "en": "This channel is not the steering group's channel. A coordinator chooses it with "
        "**@Följa styrgrupp**.",
    },
    "summary_no_plan": {
        "sv": "Det finns ingen aktiv åtgärdsplan att sammanfatta ännu.",
        "en": "There is no active action plan to summarise yet.",
    },
}
