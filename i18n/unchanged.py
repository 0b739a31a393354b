"""Messages of "oförändrat sedan förra" and "påminn mig i morgon / på måndag"."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # Buttons on the prompt (the list card) and on each action.
    "uc_all": {"sv": "Oförändrat sedan förra", "en": "Unchanged since last time"},
    "uc_one": {"sv": "Oförändrat", "en": "Unchanged"},
    "uc_snooze_tomorrow": {"sv": "Påminn mig i morgon", "en": "Remind me tomorrow"},
    "uc_snooze_monday": {"sv": "Påminn mig på måndag", "en": "Remind me on Monday"},
    "uc_show_list": {"sv": "Visa mina åtgärder", "en": "Show my actions"},
    # The receipt.
    "uc_receipt_title": {
        "sv": "Oförändrat sedan förra – {n:# åtgärd bekräftad|# åtgärder bekräftade}",
        "en": "Unchanged since last time – {n:# action confirmed|# actions confirmed}",
    },
    "uc_receipt_none": {
        "sv": "Ingenting bekräftades.", "en": "Nothing was confirmed.",
    },
    "uc_last_year": {"sv": "(från förra årets åtgärd)", "en": "(from last year's action)"},
    "uc_no_earlier": {
        "sv": "Inget tidigare svar att bekräfta – {n:# åtgärd är|# åtgärder är} fortfarande "
        "öppna:",
        "en": "No earlier answer to confirm – {n:# action is|# actions are} still open:",
    },
    "uc_answered": {
        "sv": "Redan besvarade i den här uppföljningen (oförändrade):",
        "en": "Already answered in this follow-up (left as they are):",
    },
    "uc_row_no_earlier": {
        "sv": "Inget tidigare svar att bekräfta – rapportera i formuläret.",
        "en": "No earlier answer to confirm – report in the form.",
    },
    "uc_nothing_open": {
        "sv": "Du har inga obesvarade åtgärder i en pågående uppföljning.",
        "en": "You have no unanswered actions in an open follow-up.",
    },
    # Snooze.
    "uc_snoozed": {
        "sv": "Okej! Jag påminner dig {day}.",
        "en": "All right! I will remind you on {day}.",
    },
    "uc_snooze_nothing": {
        "sv": "Uppföljningen är redan avslutad – det finns inget att påminna om.",
        "en": "The follow-up has already closed – there is nothing to remind you of.",
    },
}
