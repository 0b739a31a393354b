"""How the help list names and explains each typed command (bot/routes.py::COMMANDS).

Two keys per command, `cmd.<name>.usage` (what to type) and `cmd.<name>.help` (what it does);
tests/unit/test_routes.py fails when a command in the table has none. Swedish first.
"""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "cmd.help.usage": {"sv": "hjälp", "en": "help"},
    "cmd.help.help": {"sv": "visar den här listan", "en": "shows this list"},
    "cmd.my_actions.usage": {"sv": "mina åtgärder", "en": "my actions"},
    "cmd.my_actions.help": {
        "sv": "dina åtgärder med status, och en knapp för att rapportera",
        "en": "your actions with their status, and a button to report",
    },
    "cmd.report.usage": {"sv": "rapportera", "en": "report"},
    "cmd.report.help": {
        "sv": "korten för det du ännu inte har rapporterat (rapportera text: utan kort)",
        "en": "the cards of what you have not reported yet (report text: without cards)",
    },
    "cmd.away.usage": {"sv": "borta till ÅÅÅÅ-MM-DD", "en": "away until YYYY-MM-DD"},
    "cmd.away.help": {
        "sv": "inga frågor eller påminnelser till dess", "en": "no prompts or reminders until then",
    },
    "cmd.back.usage": {"sv": "tillbaka", "en": "back"},
    "cmd.back.help": {
        "sv": "du får frågor och påminnelser igen", "en": "you get prompts and reminders again",
    },
    "cmd.standin.usage": {
        "sv": "ersättare E-POST [för E-POST] till ÅÅÅÅ-MM-DD",
        "en": "stand-in E-MAIL [for E-MAIL] until YYYY-MM-DD",
    },
    "cmd.standin.help": {
        "sv": "en kollega får dina frågor och kan svara för dig till och med datumet "
        "(koordinatorer: för någon i sitt distrikt)",
        "en": "a colleague gets your prompts and can answer for you until the date "
        "(coordinators: for someone in their district)",
    },
    "cmd.standin_end.usage": {"sv": "avsluta ersättare [för E-POST]", "en": "end stand-in [for E-MAIL]"},
    "cmd.standin_end.help": {
        "sv": "avslutar ersättaren i förtid", "en": "ends the stand-in early",
    },
    "cmd.start_round.usage": {
        "sv": "starta uppföljning NAMN till ÅÅÅÅ-MM-DD", "en": "start follow-up NAME until …",
    },
    "cmd.start_round.help": {
        "sv": "(koordinatorer) frågar alla ansvariga om läget",
        "en": "(coordinators) asks every owner for a status",
    },
    "cmd.start_city_round.usage": {
        "sv": "starta stadsuppföljning NAMN till ÅÅÅÅ-MM-DD", "en": "start city round NAME until …",
    },
    "cmd.start_city_round.help": {
        "sv": "(stadskoordinatorer) öppnar uppföljningen i alla stadsdelar samtidigt",
        "en": "(city coordinators) opens the round in every district at once",
    },
    "cmd.close_round.usage": {"sv": "avsluta uppföljning ID", "en": "close follow-up ID"},
    "cmd.close_round.help": {
        "sv": "(koordinatorer) avslutar en uppföljning", "en": "(coordinators) closes a round",
    },
    "cmd.undo_handover.usage": {"sv": "ångra överlämning [NR]", "en": "undo hand-over [NR]"},
    "cmd.undo_handover.help": {
        "sv": "(koordinatorer) visar omgångens överlämningar (”inte min”) eller ger en åtgärd "
              "tillbaka till sin ansvarige",
        "en": "(coordinators) lists the round's hand-overs (“not mine”) or gives an action back "
              "to its owner",
    },
    "cmd.reminder_prefer.usage": {
        "sv": "påminn mig på tisdagar · påminn mig kl 9", "en": "remind me on tuesdays · at 9",
    },
    "cmd.reminder_prefer.help": {
        "sv": "påminnelser bara den veckodagen eller tidigast den timmen",
        "en": "reminders only on that weekday or not before that hour",
    },
    "cmd.reminder_show.usage": {"sv": "mina påminnelser", "en": "my reminders"},
    "cmd.reminder_show.help": {
        "sv": "visar när du vill ha påminnelser", "en": "shows when you want reminders",
    },
    "cmd.reminder_clear.usage": {"sv": "påminn mig när som helst", "en": "remind me any time"},
    "cmd.reminder_clear.help": {
        "sv": "tar bort dag och tid för påminnelser", "en": "removes your reminder day and hour",
    },
    "cmd.steering.usage": {"sv": "styrgrupp [plan]", "en": "steering group [plan]"},
    "cmd.steering.help": {
        "sv": "(koordinatorer, i en kanal) gör kanalen till styrgruppens kanal för planen",
        "en": "(coordinators, in a channel) makes the channel the plan's steering group channel",
    },
    "cmd.city_channel.usage": {"sv": "beredningsgrupp", "en": "city group"},
    "cmd.city_channel.help": {
        "sv": "(stadskoordinatorer, i en kanal) gör kanalen till beredningsgruppens, med ett "
              "kort per stadsuppföljning",
        "en": "(city coordinators, in a channel) makes the channel the city group's, with one "
              "card per city round",
    },
    "cmd.summary.usage": {"sv": "sammanfattning [alla]", "en": "summary [all]"},
    "cmd.summary.help": {
        "sv": "visar styrgruppens lägesbild i styrgruppens kanal",
        "en": "shows the steering group's overview in its channel",
    },
    "cmd.lookup.usage": {"sv": "vem äger …", "en": "who owns …"},
    "cmd.lookup.help": {
        "sv": "vem äger SSP? · vad ansvarar kommunpolisen för? · status platssamverkan · "
        "åtgärder inom otrygga platser · mina åtgärder · indikatorer (effektindikatorernas "
        "senaste värden)",
        "en": "who owns SSP? · what does kommunpolis own? · status platssamverkan · "
        "actions in otrygga platser · my actions · indicators (the effect indicators' latest "
        "values)",
    },
    "cmd.unchanged.usage": {"sv": "oförändrat", "en": "unchanged"},
    "cmd.unchanged.help": {
        "sv": "bekräftar ditt förra svar för alla dina obesvarade åtgärder",
        "en": "confirms your last answer for all your unanswered actions",
    },
}
