"""Messages for effect indicators: the Indikatorer sheet, value files, entries (Swedish first)."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # The Indikatorer sheet of a plan workbook (warnings: the import goes on).
    "import.warn.indicator_no_header": {
        "sv": "Bladet saknar rubrikraden (Område, Indikator, Källa, Riktning …); inga "
        "indikatorer lästes in.",
        "en": "The sheet lacks its header row (Område, Indikator, Källa, Riktning …); no "
        "indicators were read.",
    },
    "import.warn.indicator_no_name": {
        "sv": "Raden saknar text i Indikator och hoppades över.",
        "en": "The row has no text under Indikator and was skipped.",
    },
    "import.warn.indicator_unknown_source": {
        "sv": "Källan ”{text}” känner jag inte igen; ”Annan” används.",
        "en": "I do not recognise the source “{text}”; “Annan” is used.",
    },
    "import.warn.indicator_unknown_direction": {
        "sv": "Riktningen ”{text}” känner jag inte igen; ”Lägre är bättre” används.",
        "en": "I do not recognise the direction “{text}”; “Lägre är bättre” is used.",
    },
    "import.warn.indicator_bad_value": {
        "sv": "Värdet ”{text}” för {column} är varken ett tal eller ”ingen data: orsak”; det "
        "hoppades över.",
        "en": "The value “{text}” for {column} is neither a number nor “ingen data: reason”; "
        "it was skipped.",
    },
    "import.warn.indicator_bad_number": {
        "sv": "”{text}” är inget tal; fältet lämnas tomt.",
        "en": "“{text}” is not a number; the field is left empty.",
    },
    "import.warn.indicator_bad_period": {
        "sv": "”{text}” är ingen period (till exempel 2025 eller 2026-T1); fältet lämnas tomt.",
        "en": "“{text}” is not a period (for example 2025 or 2026-T1); the field is left empty.",
    },
    "import.warn.indicator_unknown_area": {
        "sv": "Området ”{area}” finns inte i planen; indikatorn ”{name}” lästes inte in.",
        "en": "The area “{area}” is not in the plan; the indicator “{name}” was not imported.",
    },
    "import.warn.indicator_unknown_owner": {
        "sv": "Ansvarig ”{text}” är ingen roll jag känner igen; texten sparas utan roll.",
        "en": "Ansvarig “{text}” is no role I recognise; the text is kept without a role.",
    },
    "import.warn.indicator_frozen": {
        "sv": "Perioden {period} är låst; värdet i bladet sparades inte.",
        "en": "The period {period} is locked; the value in the sheet was not saved.",
    },
    "import.error.indicator_personal_number": {
        "sv": "Bladet {sheet}, rad {row}: orsaken till ”ingen data” innehåller något som ser ut "
        "som ett personnummer. Ta bort det och läs in filen igen. Inget har sparats.",
        "en": "Sheet {sheet}, row {row}: the reason for “ingen data” holds what looks like a "
        "personal identity number. Remove it and import the file again. Nothing was saved.",
    },
    # Value files (`folja indicators import`): an error refuses the whole file.
    "indicators.error.not_readable": {
        "sv": "Filen går inte att läsa som .xlsx eller .csv. Inget har sparats.",
        "en": "The file cannot be read as .xlsx or .csv. Nothing was saved.",
    },
    "indicators.error.no_columns": {
        "sv": "Filen saknar kolumnerna {columns}. Den ska ha Stadsdel, Indikator, Period, Värde "
        "och gärna Kommentar. Inget har sparats.",
        "en": "The file lacks the columns {columns}. It needs Stadsdel, Indikator, Period, Värde "
        "and optionally Kommentar. Nothing was saved.",
    },
    "indicators.error.no_district": {
        "sv": "Filen har ingen kolumn Stadsdel; ange stadsdelen med --district. Inget har sparats.",
        "en": "The file has no Stadsdel column; give the district with --district. Nothing was "
        "saved.",
    },
    "indicators.error.bad_period": {
        "sv": "Rad {row}: ”{text}” är ingen period (till exempel 2025 eller 2026-T1). Inget har "
        "sparats.",
        "en": "Row {row}: “{text}” is not a period (for example 2025 or 2026-T1). Nothing was "
        "saved.",
    },
    "indicators.error.bad_value": {
        "sv": "Rad {row}: ”{text}” är varken ett tal eller ”ingen data: orsak”. Inget har sparats.",
        "en": "Row {row}: “{text}” is neither a number nor “ingen data: reason”. Nothing was "
        "saved.",
    },
    "indicators.error.personal_number": {
        "sv": "Rad {row}: kommentaren eller orsaken innehåller något som ser ut som ett "
        "personnummer. Ta bort det och försök igen. Inget har sparats.",
        "en": "Row {row}: the comment or reason holds what looks like a personal identity "
        "number. Remove it and try again. Nothing was saved.",
    },
    "indicators.error.frozen": {
        "sv": "Rad {row}: perioden {period} är låst och kan inte ändras. Inget har sparats.",
        "en": "Row {row}: the period {period} is locked and cannot be changed. Nothing was saved.",
    },
    "indicators.warn.unknown_district": {
        "sv": "Rad {row}: stadsdelen ”{district}” har ingen plan; raden hoppades över.",
        "en": "Row {row}: the district “{district}” has no plan; the row was skipped.",
    },
    "indicators.warn.unknown_indicator": {
        "sv": "Rad {row}: ”{indicator}” är ingen indikator i planen för {district}; raden "
        "hoppades över.",
        "en": "Row {row}: “{indicator}” is not an indicator of the plan for {district}; the row "
        "was skipped.",
    },
    "indicators.warn.ambiguous_indicator": {
        "sv": "Rad {row}: ”{indicator}” finns i flera områden i planen för {district}; ange "
        "Område. Raden hoppades över.",
        "en": "Row {row}: “{indicator}” is in several areas of the plan for {district}; give "
        "Område. The row was skipped.",
    },
    # One entry (the Teams side and the services' callers).
    "indicators.refused.unknown": {
        "sv": "Indikatorn finns inte längre.", "en": "The indicator no longer exists.",
    },
    "indicators.refused.not_owner": {
        "sv": "Du är inte ansvarig för den här indikatorn.",
        "en": "You are not responsible for this indicator.",
    },
    "indicators.refused.bad_period": {
        "sv": "”{period}” är ingen period (till exempel 2025 eller 2026-T1).",
        "en": "“{period}” is not a period (for example 2025 or 2026-T1).",
    },
    "indicators.refused.frozen": {
        "sv": "Perioden {period} är låst och kan inte ändras.",
        "en": "The period {period} is locked and cannot be changed.",
    },
    "indicators.refused.no_reason": {
        "sv": "Skriv varför det saknas data (till exempel ”enkäten genomfördes inte”).",
        "en": "Say why there is no data (for example “the survey was not carried out”).",
    },
    "indicators.refused.personal_number": {
        "sv": "Texten innehåller något som ser ut som ett personnummer. Ta bort det; inget har "
        "sparats.",
        "en": "The text holds what looks like a personal identity number. Remove it; nothing "
        "was saved.",
    },
    # `folja indicators list`
    "indicators.cli.none": {
        "sv": "Inga indikatorer.", "en": "No indicators.",
    },
    "indicators.cli.columns": {
        "sv": "id|Stadsdel|År|Område|Indikator|Källa|Senaste|Bedömning",
        "en": "id|District|Year|Area|Indicator|Source|Latest|Judgement",
    },
    "indicators.cli.imported": {
        "sv": "Läste in {values:# värde|# värden} för {indicators:# indikator|# indikatorer}.",
        "en": "Imported {values:# value|# values} for {indicators:# indicator|# indicators}.",
    },
    "indicators.light.green": {"sv": "grön", "en": "green"},
    "indicators.light.yellow": {"sv": "gul", "en": "yellow"},
    "indicators.light.red": {"sv": "röd", "en": "red"},
    "indicators.light.grey": {"sv": "grå (ingen data)", "en": "grey (no data)"},
    "indicators.cli.no_data": {
        "sv": "ingen data", "en": "no data",
    },
    # The owner's card (cards/indicators.py, bot/indicators.py).
    "indicators.err.value": {
        "sv": "”{text}” är inget tal. Skriv värdet som ett tal, till exempel 12,5 (enhet: {unit}), "
        "eller välj ”Ingen data” och skriv varför. Inget har sparats.",
        "en": "“{text}” is not a number. Write the value as a number, for example 12.5 (unit: "
        "{unit}), or choose “Ingen data” and say why. Nothing was saved.",
    },
    "indicators.card.title": {
        "sv": "Effektindikator för {period}", "en": "Effect indicator for {period}",
    },
    "indicators.card.list_title": {
        "sv": "Effektindikatorer som saknar värde för {period} ({n})",
        "en": "Effect indicators without a value for {period} ({n})",
    },
    "indicators.card.line": {
        "sv": "{area} · {period} · {unit}", "en": "{area} · {period} · {unit}",
    },
    "indicators.card.no_unit": {"sv": "utan enhet", "en": "no unit"},
    "indicators.card.value": {"sv": "Värde ({unit})", "en": "Value ({unit})"},
    "indicators.card.value_hint": {"sv": "Till exempel 12,5", "en": "For example 12.5"},
    "indicators.card.reason": {
        "sv": "Om ingen data: varför (krävs)", "en": "If no data: why (required)",
    },
    "indicators.card.note": {"sv": "Kommentar (valfri)", "en": "Note (optional)"},
    "indicators.card.save": {"sv": "Spara värdet", "en": "Save the value"},
    "indicators.card.no_data": {"sv": "Ingen data", "en": "No data"},
    "indicators.card.enter": {"sv": "Fyll i", "en": "Fill in"},
    "indicators.card.saved": {
        "sv": "Sparat: {name}, {period}: {value} {unit}.",
        "en": "Saved: {name}, {period}: {value} {unit}.",
    },
    "indicators.card.saved_no_data": {
        "sv": "Sparat: {name}, {period}: ingen data ({reason}).",
        "en": "Saved: {name}, {period}: no data ({reason}).",
    },
    # Indicator questions ("indikatorer otrygga platser", "hur går det med tryggheten?").
    "indicators.lookup.title": {"sv": "Effektindikatorer", "en": "Effect indicators"},
    "indicators.lookup.none": {
        "sv": "Jag hittar ingen effektindikator om ”{subject}”.",
        "en": "I find no effect indicator about “{subject}”.",
    },
    "indicators.lookup.nothing": {"sv": "inget mätt ännu", "en": "nothing measured yet"},
    "indicators.lookup.latest": {
        "sv": "senast {period}: {value} {unit}", "en": "latest {period}: {value} {unit}",
    },
    "indicators.lookup.no_data": {
        "sv": "{period}: ingen data ({reason})", "en": "{period}: no data ({reason})",
    },
    "indicators.lookup.better": {"sv": "bättre", "en": "better"},
    "indicators.lookup.worse": {"sv": "sämre", "en": "worse"},
    "indicators.lookup.note": {"sv": "Kommentar: {note}", "en": "Note: {note}"},
    "indicators.lookup.more": {
        "sv": "… och {n} till. Fråga mer precist, till exempel ”indikatorer otrygga platser”.",
        "en": "… and {n} more. Ask more precisely, for example “indicators unsafe places”.",
    },
    "indicators.card.more": {
        "sv": "… och {n} till. Fyll i dem när du har sparat de här.",
        "en": "… and {n} more. Fill them in once you have saved these.",
    },
}
