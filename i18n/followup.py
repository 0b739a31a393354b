"""Messages of the follow-up (issue 4): rounds, report cards, reminders, "inte min", away."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # The status catalogue (domain/status.py), one label per value.
    "status_done": {"sv": "Genomförd", "en": "Done"},
    "status_on_track": {"sv": "Pågår enligt plan", "en": "On track"},
    "status_partial": {"sv": "Delvis genomförd", "en": "Partly done"},
    "status_delayed": {"sv": "Försenad", "en": "Delayed"},
    "status_not_started": {"sv": "Ej påbörjad", "en": "Not started"},
    "status_discontinued": {"sv": "Avslutas", "en": "Discontinued"},
    # Prompt and reminder.
    "fu_intro": {
        "sv": "Hej! Du har {n} {noun} att följa upp före {day} ({label}).",
        "en": "Hi! You have {n} {noun} to follow up before {day} ({label}).",
    },
    "fu_intro_nodue": {
        "sv": "Hej! Du har {n} {noun} att följa upp ({label}).",
        "en": "Hi! You have {n} {noun} to follow up ({label}).",
    },
    "fu_action_one": {"sv": "åtgärd", "en": "action"},
    "fu_action_many": {"sv": "åtgärder", "en": "actions"},
    "fu_reminder": {
        "sv": "Påminnelse: {n} {noun} väntar fortfarande på din uppföljning före {day} ({label}).",
        "en": "Reminder: {n} {noun} still wait for your follow-up before {day} ({label}).",
    },
    "fu_reminder_today": {
        "sv": "Påminnelse: i dag är sista dagen att följa upp {n} {noun} ({label}).",
        "en": "Reminder: today is the last day to follow up {n} {noun} ({label}).",
    },
    "fu_list_hint": {
        "sv": "Tryck på Rapportera vid varje åtgärd för att öppna dess kort.",
        "en": "Press Report beside each action to open its card.",
    },
    # The report card.
    "fu_card_title": {"sv": "Uppföljning – {label}", "en": "Follow-up – {label}"},
    "fu_area": {"sv": "Område", "en": "Area"},
    "fu_goal": {"sv": "Operativt mål", "en": "Operational goal"},
    "fu_when": {"sv": "När", "en": "When"},
    "fu_coowners": {"sv": "Ansvariga", "en": "Owners"},
    "fu_previous": {"sv": "Tidigare status", "en": "Previous status"},
    "fu_previous_none": {"sv": "Ingen status rapporterad ännu", "en": "No status reported yet"},
    "fu_status": {"sv": "Status", "en": "Status"},
    "fu_status_pick": {"sv": "Välj status", "en": "Choose a status"},
    "fu_done_text": {"sv": "Vad har genomförts?", "en": "What has been done?"},
    "fu_occasions": {
        "sv": "Hur många tillfällen hittills i år?", "en": "How many occasions so far this year?"
    },
    "fu_needs_support": {
        "sv": "Behöver ni stöd från styrgruppen?", "en": "Do you need support from the steering group?"
    },
    "fu_support_text": {"sv": "Vilket stöd behöver ni?", "en": "What support do you need?"},
    "fu_save": {"sv": "Spara", "en": "Save"},
    "fu_open": {"sv": "Rapportera", "en": "Report"},
    "fu_edit": {"sv": "Ändra", "en": "Edit"},
    "fu_not_mine": {"sv": "Inte min", "en": "Not mine"},
    "fu_saved": {
        "sv": "Sparat av {name}, {day} – version {version}.",
        "en": "Saved by {name}, {day} – version {version}.",
    },
    "fu_support_yes": {"sv": "Stöd från styrgruppen: {text}", "en": "Support needed: {text}"},
    "fu_occasions_value": {"sv": "Tillfällen hittills i år: {n}", "en": "Occasions so far: {n}"},
    "fu_fix_below": {
        "sv": "Inget sparades. Rätta det markerade och spara igen.",
        "en": "Nothing was saved. Fix what is marked and save again.",
    },
    # Field errors and refusals.
    "fu_err_status": {"sv": "Välj en av statusarna i listan.", "en": "Choose one of the listed statuses."},
    "fu_err_too_long": {
        "sv": "Texten är {n} tecken; högst {max} får plats. Korta den gärna.",
        "en": "The text is {n} characters; at most {max} fit.",
    },
    "fu_err_personal_number": {
        "sv": "Texten innehåller ett personnummer eller samordningsnummer. Personuppgifter hör inte "
        "hemma i uppföljningen – ta bort numret och spara igen.",
        "en": "The text contains a Swedish personal identity number. Personal data does not belong "
        "in the follow-up – remove it and save again.",
    },
    "fu_err_done_required": {
        "sv": "Beskriv vad som har genomförts (krävs utom för Ej påbörjad).",
        "en": "Describe what has been done (required unless Not started).",
    },
    "fu_err_support_required": {
        "sv": "Skriv vilket stöd ni behöver.", "en": "Write what support you need.",
    },
    "fu_err_occasions": {"sv": "Ange ett heltal, 0 eller fler.", "en": "Enter a whole number, 0 or more."},
    "fu_err_unknown_round": {
        "sv": "Den här uppföljningen finns inte längre. Inget sparades.",
        "en": "This follow-up round no longer exists. Nothing was saved.",
    },
    "fu_err_unknown_action": {
        "sv": "Åtgärden finns inte (längre) i uppföljningen. Inget sparades.",
        "en": "The action is not (or no longer) part of this round. Nothing was saved.",
    },
    "fu_err_round_closed": {
        "sv": "Uppföljningen ”{label}” är avslutad, så inget sparades. Kontakta samordnaren.",
        "en": "The round “{label}” is closed, so nothing was saved. Contact the coordinator.",
    },
    "fu_refused": {
        "sv": "Du står inte som ansvarig för den här åtgärden och kan därför inte rapportera för "
        "den. Inget sparades. Fråga samordnaren om det är fel.",
        "en": "You are not an owner of this action, so you cannot report on it. Nothing was saved.",
    },
    "fu_unknown_sender": {
        "sv": "Jag vet inte vem du är ännu, så inget sparades. Skriv ett meddelande till mig först.",
        "en": "I do not know who you are yet, so nothing was saved. Send me a message first.",
    },
}
