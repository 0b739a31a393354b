"""Messages of the follow-up: rounds, report cards, reminders, "inte min", away."""

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
        "sv": "Hej! Du har {n:# åtgärd|# åtgärder} att följa upp före {day} ({label}).",
        "en": "Hi! You have {n:# action|# actions} to follow up before {day} ({label}).",
    },
    "fu_intro_nodue": {
        "sv": "Hej! Du har {n:# åtgärd|# åtgärder} att följa upp ({label}).",
        "en": "Hi! You have {n:# action|# actions} to follow up ({label}).",
    },
    "fu_action_one": {"sv": "åtgärd", "en": "action"},
    "fu_action_many": {"sv": "åtgärder", "en": "actions"},
    "fu_reminder": {
        "sv": "Påminnelse: {n:# åtgärd väntar|# åtgärder väntar} fortfarande på din uppföljning före "
        "{day} ({label}).",
        "en": "Reminder: {n:# action still waits|# actions still wait} for your follow-up before "
        "{day} ({label}).",
    },
    "fu_reminder_today": {
        "sv": "Påminnelse: i dag är sista dagen att följa upp {n:# åtgärd|# åtgärder} ({label}).",
        "en": "Reminder: today is the last day to follow up {n:# action|# actions} ({label}).",
    },
    "fu_list_hint": {
        "sv": "Tryck på Rapportera vid en åtgärd: formuläret öppnas här i listan.",
        "en": "Press Report beside an action: its form opens here in the list.",
    },
    "fu_row_fix": {
        "sv": "Inget sparades – tryck på knappen nedan och rätta det markerade.",
        "en": "Nothing was saved – press the button below and fix what is marked.",
    },
    "fu_stale": {
        "sv": "Någon har sparat en nyare version: {name}, {day} kl. {time}. "
        "Här är den – ändra den om du vill.",
        "en": "Someone has saved a newer version: {name}, {day} at {time}. "
        "Here it is – edit it if you like.",
    },
    "fu_previous_mine": {"sv": "{who} (du, version {version})", "en": "{who} (you, version {version})"},
    # The report card.
    "fu_card_title": {"sv": "Uppföljning – {label}", "en": "Follow-up – {label}"},
    "fu_area": {"sv": "Område", "en": "Area"},
    "fu_goal": {"sv": "Operativt mål", "en": "Operational goal"},
    "fu_when": {"sv": "När", "en": "When"},
    "fu_coowners": {"sv": "Ansvariga", "en": "Owners"},
    "fu_previous": {"sv": "Tidigare status", "en": "Previous status"},
    "fu_previous_plan": {"sv": "Uppföljning i planen", "en": "Follow-up in the plan"},
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
    "fu_support_compact": {
        "sv": "Behöver ni stöd från styrgruppen? Skriv vilket (tomt: nej)",
        "en": "Do you need support from the steering group? Say which (empty: no)",
    },
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
        "sv": "Texten är {n:# tecken|# tecken}; högst {max} får plats. Korta den gärna.",
        "en": "The text is {n:# character|# characters}; at most {max} fit.",
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
    # The upper bound is domain.followup.MAX_OCCASIONS (tests/e2e/test_number_ranges.py).
    "fu_err_occasions": {"sv": "Ange ett heltal mellan 0 och 10 000.",
                         "en": "Enter a whole number from 0 to 10,000."},
    "fu_err_unknown_round": {
        "sv": "Den här uppföljningen finns inte längre. Inget sparades.",
        "en": "This follow-up round no longer exists. Nothing was saved.",
    },
    "fu_err_unknown_action": {
        "sv": "Åtgärden finns inte (längre) i uppföljningen. Inget sparades.",
        "en": "The action is not (or no longer) part of this round. Nothing was saved.",
    },
    "fu_err_round_closed": {
        "sv": "Uppföljningen ”{label}” är avslutad, så inget sparades. Kontakta koordinatorn.",
        "en": "The round “{label}” is closed, so nothing was saved. Contact the coordinator.",
    },
    "fu_refused": {
        "sv": "Du står inte som ansvarig för den här åtgärden och kan därför inte rapportera för "
        "den. Inget sparades. Fråga koordinatorn om det är fel.",
        "en": "You are not an owner of this action, so you cannot report on it. Nothing was saved.",
    },
    "fu_unknown_sender": {
        "sv": "Jag vet inte vem du är ännu, så inget sparades. Skriv ett meddelande till mig först.",
        "en": "I do not know who you are yet, so nothing was saved. Send me a message first.",
    },
    # Conversation.
    "fu_my_none": {
        "sv": "Du har inga åtgärder att följa upp i någon öppen uppföljning just nu.",
        "en": "You have no actions to follow up in any open round right now.",
    },
    "fu_my_header": {"sv": "Dina åtgärder ({n}):", "en": "Your actions ({n}):"},
    "fu_my_header_in": {
        "sv": "Dina åtgärder i {districts} ({n}):", "en": "Your actions in {districts} ({n}):",
    },
    "fu_report_none": {
        "sv": "Allt är rapporterat – tack! Skriv **mina åtgärder** för att se eller ändra.",
        "en": "Everything is reported – thank you! Write **my actions** to see or change it.",
    },
    "fu_away_set": {
        "sv": "Okej, jag skickar inga frågor eller påminnelser till dig till och med {day}.",
        "en": "OK, no prompts or reminders to you up to and including {day}.",
    },
    "fu_away_cleared": {
        "sv": "Välkommen tillbaka! Du får frågor och påminnelser igen.",
        "en": "Welcome back! You will get prompts and reminders again.",
    },
    "fu_away_usage": {
        "sv": "Skriv till exempel **borta till ÅÅÅÅ-MM-DD**, med den sista dagen du är borta (eller **tillbaka**).",
        "en": "Write for example **away until YYYY-MM-DD**, with your last day away (or **back**).",
    },
    "fu_err_away_past": {
        "sv": "Datumet har redan varit. Ange ett datum i dag eller senare.",
        "en": "That date has passed. Give today or a later date.",
    },
    "fu_not_coordinator": {
        "sv": "Bara koordinatorer kan starta en uppföljning. Fråga planens koordinator.",
        "en": "Only coordinators can start a follow-up round.",
    },
    "fu_round_not_your_district": {
        "sv": "Du är koordinator för {yours}, inte för {district}. Ingen uppföljning har startats.",
        "en": "You coordinate {yours}, not {district}. No round was started.",
    },
    "fu_round_which_district": {
        "sv": "Du är koordinator för flera stadsdelar: {districts}. Skriv vilken, till exempel "
        "**starta uppföljning Vecka 49 till 2026-12-20 i {example}**. Ingen uppföljning har "
        "startats.",
        "en": "You coordinate several districts: {districts}. Say which, for example "
        "**start follow-up Week 49 until 2026-12-20 in {example}**. No round was started.",
    },
    "fu_round_usage": {
        "sv": "Skriv till exempel **starta uppföljning Vecka 48 till ÅÅÅÅ-MM-DD**.",
        "en": "Write for example **start follow-up Week 48 until YYYY-MM-DD**.",
    },
    "fu_round_opened": {
        "sv": "Uppföljningen ”{label}” är startad för {plan}: {n:# person|# personer} får frågor om "
        "{actions:# åtgärd|# åtgärder}.",
        "en": "The round “{label}” has started for {plan}: {n:# person is|# people are} asked "
        "about {actions:# action|# actions}.",
    },
    "fu_round_unreachable": {
        "sv": "Kan inte nås (har aldrig skrivit till Följa): {names}.",
        "en": "Cannot be reached (never wrote to Följa): {names}.",
    },
    "fu_round_away": {"sv": "Borta: {names}.", "en": "Away: {names}."},
    "fu_err_plan": {"sv": "Ingen plan heter ”{plan}”.", "en": "No plan is called “{plan}”."},
    "fu_err_round": {"sv": "Ingen uppföljning heter ”{round}”.", "en": "No round is called “{round}”."},
    "fu_err_area": {"sv": "Planen har inget område ”{area}”.", "en": "The plan has no area “{area}”."},
    # "Inte min".
    "fu_notmine_title": {
        "sv": "Vem ska rapportera ”{title}”?", "en": "Who should report “{title}”?",
    },
    "fu_notmine_email": {"sv": "Kollegans e-postadress", "en": "Colleague's e-mail"},
    "fu_handover_not_coordinator": {
        "sv": "Bara koordinatorer kan se och ångra överlämningar. Fråga planens koordinator.",
        "en": "Only coordinators can see and undo hand-overs.",
    },
    "fu_handover_unknown": {
        "sv": "Ingen aktiv överlämning har nummer {id}.",
        "en": "No active hand-over has number {id}.",
    },
    "fu_handover_none": {
        "sv": "Inga överlämningar i ”{label}”.", "en": "No hand-overs in “{label}”.",
    },
    "fu_handover_line": {
        "sv": "{id}: ”{title}”, från {from_name} till {to_name}",
        "en": "{id}: “{title}”, from {from_name} to {to_name}",
    },
    "fu_handover_list": {
        "sv": "Överlämningar i ”{label}” (gäller bara den här omgången). Skriv "
              "”ångra överlämning NUMMER” för att ge tillbaka en åtgärd till sin ansvarige:",
        "en": "Hand-overs in “{label}” (this round only). Type “undo hand-over NUMBER” to give "
              "an action back to its owner:",
    },
    "fu_handover_undone": {
        "sv": "Klart: överlämning {id} är ångrad. Den ansvarige rapporterar igen i den här "
              "omgången.",
        "en": "Done: hand-over {id} is undone. The owner reports again in this round.",
    },
    "fu_handover_coordinators": {"sv": "koordinatorn", "en": "the coordinator"},
    "fu_handover_no_rounds": {
        "sv": "Ingen uppföljning är öppen, så det finns inga överlämningar att ångra.",
        "en": "No round is open, so there are no hand-overs to undo.",
    },
    "fu_delegate": {"sv": "Lämna över", "en": "Hand over"},
    "fu_return": {"sv": "Lämna tillbaka till koordinatorn", "en": "Hand back to the coordinator"},
    "fu_delegated": {
        "sv": "Klart: {name} rapporterar nu för ”{title}”.",
        "en": "Done: {name} now reports on “{title}”.",
    },
    "fu_returned": {
        "sv": "Klart: koordinatorn har fått veta att ”{title}” inte är din.",
        "en": "Done: the coordinator knows “{title}” is not yours.",
    },
    "fu_notice_delegated": {
        "sv": "{name} har lämnat över uppföljningen av ”{title}” till dig.",
        "en": "{name} handed the follow-up of “{title}” over to you.",
    },
    "fu_notice_returned": {
        "sv": "{name} säger att ”{title}” inte är deras ({label}). Vem ska rapportera den?",
        "en": "{name} says “{title}” is not theirs ({label}). Who should report it?",
    },
    "fu_err_email_unknown": {
        "sv": "Jag känner inte till {email}. Kontrollera adressen, eller lämna tillbaka till "
        "koordinatorn.",
        "en": "I do not know {email}. Check the address, or hand it back to the coordinator.",
    },
    "fu_err_email_self": {"sv": "Det är ju du själv.", "en": "That is yourself."},
    "fu_err_email_missing": {"sv": "Skriv kollegans e-postadress.", "en": "Write the colleague's e-mail."},
    # The text-only dialog (dialogs/status_dialog.py).
    "fu_dlg_pick_action": {
        "sv": "Vilken åtgärd vill du rapportera? Svara med numret (eller **avbryt**).",
        "en": "Which action do you want to report on? Answer with its number (or **cancel**).",
    },
    "fu_dlg_pick_status": {"sv": "Vilken status har den?", "en": "What is its status?"},
    "fu_dlg_retry": {"sv": "Svara med ett av numren i listan.", "en": "Answer with one of the numbers."},
    "fu_dlg_text": {
        "sv": "Vad har genomförts? (Skriv - om inget.)", "en": "What has been done? (Write - if nothing.)",
    },
    "fu_dlg_confirm": {
        "sv": "Spara för ”{title}”: {status} – {text}?", "en": "Save for “{title}”: {status} – {text}?",
    },
    "fu_dlg_yes": {"sv": "ja", "en": "yes"},
    "fu_dlg_no": {"sv": "nej", "en": "no"},
    "fu_dlg_saved": {"sv": "Sparat (version {version}). Tack!", "en": "Saved (version {version}). Thank you!"},
    "fu_dlg_cancelled": {"sv": "Okej, inget sparades.", "en": "OK, nothing was saved."},
    "fu_dlg_not_saved": {"sv": "Inget sparades: {problems}", "en": "Nothing was saved: {problems}"},
}
