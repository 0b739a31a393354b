"""City rounds, the beredningsgrupp's channel and card, and a district's styrgrupp channel."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "cityround_not_city": {
        "sv": "Bara en stadskoordinator kan öppna en uppföljning i alla stadsdelar. Inget har "
        "öppnats.",
        "en": "Only a city coordinator can open a round in every district. Nothing was opened.",
    },
    "cityround_exists": {
        "sv": "Stadsuppföljningen ”{label}” med samma sista svarsdag är redan öppnad (id "
        "{id}). Inget öppnades en gång till och ingen fick något nytt meddelande.",
        "en": "The city round “{label}” with the same due date is already open (id {id}). "
        "Nothing was opened again and nobody got a new message.",
    },
    "cityround_no_plans": {
        "sv": "Ingen stadsdel har en aktiv plan, så det finns inget att följa upp. Läs in en "
        "plan med `folja import FIL --district NAMN`.",
        "en": "No district has an active plan, so there is nothing to follow up. Import a plan "
        "with `folja import FILE --district NAME`.",
    },
    "cityround_overlap": {
        "sv": "{district} har redan en öppen uppföljning, ”{label}” (id {id}). Avsluta den "
        "först (`folja round close {id}`); inget har öppnats i någon stadsdel.",
        "en": "{district} already has an open round, “{label}” (id {id}). Close it first "
        "(`folja round close {id}`); nothing was opened in any district.",
    },
    "cityround.opened": {
        "sv": "Stadsuppföljningen ”{label}” är öppnad i {districts:# stadsdel|# stadsdelar} "
        "(id {id}): {n:# person|# personer} får frågor om {actions:# åtgärd|# åtgärder}, "
        "var och en i ett enda meddelande.",
        "en": "The city round “{label}” is open in {districts:# district|# districts} (id "
        "{id}): {n:# person is|# people are} asked about {actions:# action|# actions}, each "
        "in one message.",
    },
    "cityround.cli_plan_or_city": {
        "sv": "Ange antingen en plan (`folja round open PLAN …`) eller --city för alla "
        "stadsdelar, inte båda; --area går inte ihop med --city.",
        "en": "Give either a plan (`folja round open PLAN …`) or --city for every district, "
        "not both; --area does not go with --city.",
    },
    "cityround.chat_usage": {
        "sv": "Skriv till exempel: starta stadsuppföljning Vecka 50 till ÅÅÅÅ-MM-DD",
        "en": "Write for example: start city round Week 50 until YYYY-MM-DD",
    },
    "cityround.card_title": {
        "sv": "Beredningsgruppens lägesbild: {label}",
        "en": "The city group's overview: {label}",
    },
    "cityround.card_title_due": {
        "sv": "Beredningsgruppens lägesbild: {label} · svar senast {day}",
        "en": "The city group's overview: {label} · answers due {day}",
    },
    "cityround.card_total": {
        "sv": "{answered} av {actions:# åtgärd|# åtgärder} besvarade i "
        "{districts:# stadsdel|# stadsdelar}",
        "en": "{answered} of {actions:# action|# actions} answered in "
        "{districts:# district|# districts}",
    },
    "cityround.card_district": {
        "sv": "{light} {district}: {answered} av {actions:# åtgärd|# åtgärder} besvarade",
        "en": "{light} {district}: {answered} of {actions:# action|# actions} answered",
    },
    "cityround.card_area": {
        "sv": "{light} {area} · {answered} av {actions}",
        "en": "{light} {area} · {answered} of {actions}",
    },
    "cityround.card_support": {
        "sv": "{n:# åtgärd behöver|# åtgärder behöver} stöd",
        "en": "{n:# action needs|# actions need} support",
    },
    "cityround.card_legend": {
        "sv": "🟢 enligt plan · 🟡 delvis eller försenat · 🔴 inte påbörjat eller behöver stöd · "
        "⚪ för få svar än",
        "en": "🟢 on track · 🟡 partly done or delayed · 🔴 not started or needs support · "
        "⚪ too few answers yet",
    },
    "cityround.card_preview": {
        "sv": "Beredningsgruppens lägesbild: {label}",
        "en": "The city group's overview: {label}",
    },
    "cityround.channel_set": {
        "sv": "Klart! Den här kanalen är nu beredningsgruppens: här kommer ett kort per "
        "stadsuppföljning med ett trafikljus per stadsdel och område, som uppdateras när "
        "svaren kommer in. Skriv **@Följa sammanfattning** för att se läget nu.",
        "en": "Done! This channel is now the city group's: one card per city round, with a "
        "traffic light per district and area, updated as answers arrive. Write **@Följa "
        "summary** to see it now.",
    },
    "cityround.channel_not_city": {
        "sv": "Bara en stadskoordinator kan välja beredningsgruppens kanal. Inget har ändrats.",
        "en": "Only a city coordinator can choose the city group's channel. Nothing was changed.",
    },
    "cityround.no_city_round": {
        "sv": "Det finns ingen stadsuppföljning ännu. En stadskoordinator öppnar en med "
        "`folja round open --city --label NAMN --due ÅÅÅÅ-MM-DD`.",
        "en": "There is no city round yet. A city coordinator opens one with "
        "`folja round open --city --label NAME --due YYYY-MM-DD`.",
    },
    "steering.which_district": {
        "sv": "Du är koordinator för flera stadsdelar. Vilken stadsdels styrgrupp ska den här "
        "kanalen vara?",
        "en": "You coordinate several districts. Which district's steering group is this "
        "channel for?",
    },
    "steering.bound_elsewhere": {
        "sv": "Den här kanalen är redan styrgruppens kanal för {district}. Bara koordinatorer "
        "för {district} eller en stadskoordinator kan byta den. Inget har ändrats.",
        "en": "This channel is already the steering group's channel for {district}. Only "
        "coordinators of {district} or a city coordinator can change it. Nothing was changed.",
    },
}
