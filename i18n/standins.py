"""Messages of stand-ins (ersättare): naming one, ending one, the stand-in's prompts, errors."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "standin_usage": {
        "sv": "Skriv till exempel **ersättare anna.andersson@stad.se till ÅÅÅÅ-MM-DD**, med "
        "ersättarens e-postadress och sista dagen. Koordinatorer kan lägga till **för "
        "E-POST** för någon annan i sitt distrikt.",
        "en": "Write for example **stand-in anna.andersson@city.se until YYYY-MM-DD**, with the "
        "stand-in's e-mail address and the last day. Coordinators can add **for E-MAIL** for "
        "someone else in their district.",
    },
    "standin_err_date": {
        "sv": "Datumet finns inte. Skriv det som ÅÅÅÅ-MM-DD, till exempel 2027-01-10.",
        "en": "That date does not exist. Write it as YYYY-MM-DD, for example 2027-01-10.",
    },
    "standin_err_past": {
        "sv": "Datumet har redan passerat. Ange ett datum från och med i dag.",
        "en": "That date has already passed. Give a date from today on.",
    },
    "standin_err_email_unknown": {
        "sv": "Jag känner inte igen {email}. Kontrollera e-postadressen (personen måste finnas "
        "i Följa). Inget sparades.",
        "en": "I do not know {email}. Check the e-mail address (the person must be known to "
        "Följa). Nothing was saved.",
    },
    "standin_err_self": {
        "sv": "Du kan inte vara din egen ersättare. Ange en kollegas e-postadress.",
        "en": "You cannot be your own stand-in. Give a colleague's e-mail address.",
    },
    "standin_err_personal_number": {
        "sv": "Meddelandet ser ut att innehålla ett personnummer. Skriv bara e-postadress och "
        "datum. Inget sparades.",
        "en": "The message seems to contain a personal identity number. Write only the e-mail "
        "address and the date. Nothing was saved.",
    },
    "standin_err_not_coordinator": {
        "sv": "Bara koordinatorer kan utse ersättare för någon annan. Du kan utse din egen: "
        "**ersättare E-POST till ÅÅÅÅ-MM-DD**.",
        "en": "Only coordinators can name a stand-in for someone else. You can name your own: "
        "**stand-in E-MAIL until YYYY-MM-DD**.",
    },
    "standin_err_not_coordinator_end": {
        "sv": "Bara koordinatorer kan avsluta någon annans ersättare. Du kan avsluta din egen: "
        "**avsluta ersättare**.",
        "en": "Only coordinators can end someone else's stand-in. You can end your own: "
        "**end stand-in**.",
    },
    "standin_err_not_your_district": {
        "sv": "{email} har inga åtgärder i ditt distrikts planer, så du kan inte utse ersättare "
        "för hen.",
        "en": "{email} has no actions in your district's plans, so you cannot name a stand-in "
        "for them.",
    },
    "standin_err_unknown_sender": {
        "sv": "Jag känner inte igen dig ännu. Skriv **hjälp** så kommer vi igång.",
        "en": "I do not know you yet. Write **help** to get started.",
    },
    "standin_err_none": {
        "sv": "{name} har ingen ersättare just nu.",
        "en": "{name} has no stand-in right now.",
    },
    "standin_set": {
        "sv": "Klart! {standin} får dina frågor och påminnelser och kan svara för dig till och "
        "med {day}. Skriv **avsluta ersättare** för att sluta tidigare.",
        "en": "Done! {standin} gets your prompts and reminders and can answer for you until "
        "{day}. Write **end stand-in** to stop earlier.",
    },
    "standin_set_other": {
        "sv": "Klart! {standin} är ersättare för {owner} till och med {day}. Skriv **avsluta "
        "ersättare för E-POST** för att sluta tidigare.",
        "en": "Done! {standin} stands in for {owner} until {day}. Write **end stand-in for "
        "E-MAIL** to stop earlier.",
    },
    "standin_ended": {
        "sv": "{standin} är inte längre ersättare för {owner}. Frågorna går till {owner} igen.",
        "en": "{standin} no longer stands in for {owner}. The prompts go to {owner} again.",
    },
    "standin_prompt_for": {
        "sv": "Du är ersättare för **{name}**: frågorna nedan gäller hens åtgärder, och ditt svar "
        "sparas för hen.",
        "en": "You are standing in for **{name}**: the questions below are about their actions, "
        "and your answer is saved for them.",
    },
    "standin_away_hint": {
        "sv": "Vill du att en kollega svarar för dig under tiden? Skriv **ersättare E-POST till "
        "{until}**.",
        "en": "Would you like a colleague to answer for you meanwhile? Write **stand-in E-MAIL "
        "until {until}**.",
    },
    "standin_attribution": {"sv": "{standin} för {owner}", "en": "{standin} for {owner}"},
}
