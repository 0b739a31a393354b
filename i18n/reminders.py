"""Messages of reminders, reminder preferences and the coordinators' escalation digest.

A reminder names nobody and shows only counts of who has answered; the digest goes to
coordinators alone.
"""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # The daily reminder: one message, every open action of the person's, by district.
    "rem_intro": {
        "sv": "Påminnelse: {n:# åtgärd väntar|# åtgärder väntar} fortfarande på din uppföljning.",
        "en": "Reminder: {n:# action still waits|# actions still wait} for your follow-up.",
    },
    "rem_title": {"sv": "Påminnelse om uppföljning", "en": "Follow-up reminder"},
    "rem_district": {"sv": "{district} – {plan}", "en": "{district} – {plan}"},
    "rem_round_due": {"sv": "{label}, sista dag {day}", "en": "{label}, due {day}"},
    "rem_round_today": {"sv": "{label}, sista dagen är i dag", "en": "{label}, due today"},
    "rem_round_nodue": {"sv": "{label}", "en": "{label}"},
    "rem_progress": {
        "sv": "{answered} av {total:# tillfrågad|# tillfrågade} har svarat",
        "en": "{answered} of {total:# person|# people} {answered:has|have} answered",
    },
    "rem_part_for": {
        "sv": "För **{name}**, som du är ersättare för:",
        "en": "For **{name}**, whom you stand in for:",
    },
    "rem_report": {"sv": "Rapportera", "en": "Report"},
    "rem_more": {
        "sv": "… och {n:# åtgärd till|# åtgärder till} (skriv ”rapportera”)",
        "en": "… and {n:# more action|# more actions} (write “report”)",
    },
    "rem_hint": {
        "sv": "Vill du hellre ha påminnelser en viss dag eller tid? Skriv till exempel "
        "”påminn mig på tisdagar” eller ”påminn mig kl 9”.",
        "en": "Rather have reminders on a certain day or hour? Write for example "
        "“remind me on tuesdays” or “remind me at 9”.",
    },
    # Preferences ("påminn mig på tisdagar", "påminn mig kl 9", "mina påminnelser").
    "rem_day_0": {"sv": "måndagar", "en": "Mondays"},
    "rem_day_1": {"sv": "tisdagar", "en": "Tuesdays"},
    "rem_day_2": {"sv": "onsdagar", "en": "Wednesdays"},
    "rem_day_3": {"sv": "torsdagar", "en": "Thursdays"},
    "rem_day_4": {"sv": "fredagar", "en": "Fridays"},
    "rem_pref_day": {"sv": "på {days}", "en": "on {days}"},
    "rem_pref_hour": {"sv": "tidigast kl. {hour:02d}.00", "en": "not before {hour:02d}:00"},
    "rem_pref_set": {
        "sv": "Klart! Du får påminnelser {when}. Före sista dagen kommer alltid minst en "
        "påminnelse, och aldrig någon efter. Skriv ”påminn mig när som helst” för att ångra.",
        "en": "Done! You get reminders {when}. At least one reminder always comes before the due "
        "date, and none after it. Write “remind me any time” to undo.",
    },
    "rem_pref_show": {
        "sv": "Du får påminnelser {when} (aldrig på helger eller helgdagar, eller när du är "
        "borta).",
        "en": "You get reminders {when} (never on weekends or public holidays, or while you are "
        "away).",
    },
    "rem_pref_none": {
        "sv": "Du har inga önskemål: påminnelser kommer några dagar före sista dagen och på "
        "sista dagen, högst en om dagen. Skriv till exempel ”påminn mig på tisdagar” eller "
        "”påminn mig kl 9”.",
        "en": "You have no preference: reminders come a few days before the due date and on it, "
        "at most one a day. Write for example “remind me on tuesdays” or “remind me at 9”.",
    },
    "rem_pref_cleared": {
        "sv": "Klart! Du får påminnelser när uppföljningen behöver dem, högst en om dagen.",
        "en": "Done! You get reminders when the follow-up needs them, at most one a day.",
    },
    "rem_pref_usage": {
        "sv": "Jag förstod inte. Skriv till exempel ”påminn mig på tisdagar”, ”påminn mig kl 9” "
        "eller ”påminn mig på tisdagar kl 14” (måndag–fredag, kl 7–18).",
        "en": "I did not understand. Write for example “remind me on tuesdays”, “remind me at 9” "
        "or “remind me on tuesdays at 14” (Monday–Friday, 7–18).",
    },
    "rem_unknown_person": {
        "sv": "Jag hittar dig inte bland de ansvariga, så du får inga påminnelser från mig.",
        "en": "I cannot find you among the owners, so you get no reminders from me.",
    },
    # The coordinators' digest.
    "esc_title": {"sv": "Två uppföljningar i rad utan svar", "en": "Two rounds in a row unanswered"},
    "esc_intro": {
        "sv": "{n:# person|# personer} i {plan} har inte svarat på någon av sina åtgärder i "
        "{previous} och {label}. Bara koordinatorer får det här meddelandet.",
        "en": "{n:# person|# people} in {plan} answered none of their actions in {previous} and "
        "{label}. Only coordinators get this message.",
    },
    "esc_open": {"sv": "Öppna åtgärder", "en": "Open actions"},
}
