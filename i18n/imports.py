"""Messages for importing and exporting the workbook, roles and links (Swedish first)."""

from __future__ import annotations

from i18n.plurals import fill, plural

MESSAGES: dict[str, dict[str, str]] = {
    # Errors: the file is not a plan; nothing was written.
    "import.error.not_workbook": {
        "sv": "Filen är ingen Excel-arbetsbok (.xlsx). Inget har sparats.",
        "en": "The file is not an Excel workbook (.xlsx). Nothing was saved.",
    },
    "import.error.encrypted": {
        "sv": "Arbetsboken är lösenordsskyddad. Ta bort lösenordet i Excel (Arkiv → Info → "
        "Skydda arbetsbok) och skicka den igen. Inget har sparats.",
        "en": "The workbook is password-protected. Remove the password in Excel and send it "
        "again. Nothing was saved.",
    },
    "import.error.old_excel": {
        "sv": "Filen är i det gamla Excel-formatet (.xls). Spara den som .xlsx och försök igen. "
        "Inget har sparats.",
        "en": "The file is in the old Excel format (.xls). Save it as .xlsx and try again. "
        "Nothing was saved.",
    },
    "import.error.no_area_sheets": {
        "sv": "Jag hittar inget blad med åtgärdsplanens kolumner (Orsak, Åtgärd, När, Vem, "
        "Uppföljning). Inget har sparats.",
        "en": "I find no sheet with the action plan's columns (Orsak, Åtgärd, När, Vem, "
        "Uppföljning). Nothing was saved.",
    },
    "import.error.no_year": {
        "sv": "Jag ser inte vilket år planen gäller. Ange året (--year 2025). Inget har sparats.",
        "en": "I cannot tell which year the plan is for. Give the year (--year 2025). "
        "Nothing was saved.",
    },
    "import.error.too_large": {
        "sv": "Filen är för stor ({size} MB, högst {limit} MB). Inget har sparats.",
        "en": "The file is too large ({size} MB, at most {limit} MB). Nothing was saved.",
    },
    "import.error.download": {
        "sv": "Jag kunde inte hämta filen från Teams. Försök skicka den igen.",
        "en": "I could not fetch the file from Teams. Please send it again.",
    },
    # Warnings: kept, but worth a look.
    "import.warn.personal_number": {  # the personnummer guard: importer/personal_data.py
        "sv": "Kolumnen {column} innehåller något som ser ut som ett personnummer. Planen är en "
        "allmän handling: ta bort det i Excel-filen och läs in den igen.",
        "en": "Column {column} holds what looks like a Swedish personal identity number. The plan "
        "is a public document: remove it in the workbook and import it again.",
    },
    "import.warn.hidden_sheet_skipped": {
        "sv": "Dolt blad hoppades över.", "en": "Hidden sheet skipped.",
    },
    "import.warn.unknown_sheet_skipped": {
        "sv": "Bladet har inga kolumner jag känner igen och hoppades över.",
        "en": "The sheet has no columns I recognise and was skipped.",
    },
    "import.warn.duplicate_column": {
        "sv": "Kolumnen {column} finns två gånger; den första används.",
        "en": "Column {column} appears twice; the first one is used.",
    },
    "import.warn.no_action_text": {
        "sv": "Raden saknar text i Åtgärd; den är inläst ändå.",
        "en": "The row has no text under Åtgärd; it was imported anyway.",
    },
    "import.warn.area_name_missing": {
        "sv": "Området saknar namn; bladets namn ”{name}” används.",
        "en": "The area has no name; the sheet name “{name}” is used.",
    },
    "import.warn.custom_area_unnamed": {
        "sv": "Eget prioriterat område har åtgärder men inget eget namn.",
        "en": "The custom priority area has actions but no name of its own.",
    },
    "import.warn.summary_unknown_area": {
        "sv": "Sammanställningen nämner ”{area}”, som inte finns bland flikarna.",
        "en": "The summary lists “{area}”, which is not among the sheets.",
    },
    "import.warn.summary_missing_area": {
        "sv": "”{area}” saknas i sammanställningen.",
        "en": "“{area}” is missing from the summary sheet.",
    },
    "import.warn.summary_mismatch": {
        "sv": "Sammanställningen anger {theirs} {what} för ”{area}”, men flikarna har {ours}.",
        "en": "The summary gives {theirs} {what} for “{area}”, but the sheets have {ours}.",
    },
    # Plural forms, chosen by the summary's count ("theirs").
    "import.what.problems": {"sv": "problem|problem", "en": "problem|problems"},
    "import.what.causes": {"sv": "orsak|orsaker", "en": "cause|causes"},
    "import.what.actions": {"sv": "åtgärd|åtgärder", "en": "action|actions"},
    # Upload in Teams.
    "import.upload.not_coordinator": {
        "sv": "Bara planens koordinatorer kan läsa in en åtgärdsplan. Be en koordinator, eller be "
        "om rollen koordinator.",
        "en": "Only the plan's coordinators can import an action plan. Ask a coordinator, or "
        "ask for the coordinator role.",
    },
    "import.upload.not_your_district": {
        "sv": "Du är koordinator för {yours}, inte för {district}. Be den stadsdelens "
        "koordinator läsa in planen. Inget har lästs in.",
        "en": "You coordinate {yours}, not {district}. Ask that district's coordinator to "
        "import the plan. Nothing was imported.",
    },
    "import.upload.which_district": {
        "sv": "Du är koordinator för flera stadsdelar. Vilken stadsdels plan är det här? Välj "
        "nedan (eller skicka filen igen med stadsdelens namn i meddelandet).",
        "en": "You coordinate several districts. Which district's plan is this? Choose below "
        "(or send the file again with the district's name in the message).",
    },
    "import.upload.not_personal": {
        "sv": "Skicka arbetsboken till mig i en personlig chatt, så läser jag in den.",
        "en": "Send me the workbook in a personal chat and I will import it.",
    },
    "import.upload.not_xlsx": {
        "sv": "Jag kan bara läsa in åtgärdsplanen som Excel-fil (.xlsx).",
        "en": "I can only import the action plan as an Excel file (.xlsx).",
    },
    # Roles and links (CLI).
    "roles.unknown": {
        "sv": "Rollen ”{role}” finns inte. Lägg till den med `folja roles add`.",
        "en": "There is no role “{role}”. Add it with `folja roles add`.",
    },
    "roles.bad_email": {
        "sv": "”{email}” är ingen e-postadress.", "en": "“{email}” is not an e-mail address.",
    },
    "roles.assigned": {
        "sv": "{email} har nu rollen {role}.", "en": "{email} now holds the role {role}.",
    },
    "roles.already": {
        "sv": "{email} hade redan rollen {role}.", "en": "{email} already held the role {role}.",
    },
    "roles.bad_org": {
        "sv": "Okänd organisation ”{org}”. Välj en av: {choices}.",
        "en": "Unknown organisation “{org}”. Choose one of: {choices}.",
    },
    "roles.load_row": {
        "sv": "Rad {row}: {message}", "en": "Row {row}: {message}",
    },
    "roles.bad_file": {
        "sv": "Filen kunde inte läsas: {reason}. Inget har sparats.",
        "en": "The file could not be read: {reason}. Nothing was saved.",
    },
    "links.unknown": {
        "sv": "Det finns ingen länk med id {link}.", "en": "There is no link with id {link}.",
    },
    "plan.unknown": {
        "sv": "Ingen plan heter ”{plan}”.", "en": "No plan is called “{plan}”.",
    },
}

MESSAGES.update({
    "export.no_report": {"sv": "Ingen rapport", "en": "No report"},
    "export.imported": {"sv": "Uppföljning i planen", "en": "Follow-up in the plan"},
    "export.done": {
        "sv": "{plan} ({actions:# åtgärd|# åtgärder}) är sparad i {file}.",
        "en": "{plan} ({actions:# action|# actions}) is saved in {file}.",
    },
    "sample.skipped": {
        "sv": "Det finns redan en plan; exempelplanen lästes inte in.",
        "en": "There is already a plan; the sample plan was not loaded.",
    },
    "links.confirmed": {"sv": "Länk {link} är bekräftad.", "en": "Link {link} is confirmed."},
    "links.undone": {
        "sv": "Länk {link} är ångrad; historiken följer inte längre med.",
        "en": "Link {link} is undone; the history no longer carries over.",
    },
    "roles.added": {
        "sv": "Rollen {role} finns nu (alias: {aliases}).",
        "en": "The role {role} now exists (aliases: {aliases}).",
    },
    "roles.nothing_saved": {"sv": "Inget har sparats.", "en": "Nothing was saved."},
})


def warning_message(code: str, values: dict, lang: str = "sv") -> str:
    """An import warning in words; "what" (problems/causes/actions) is translated too."""
    values = dict(values)
    if "what" in values:  # the noun agrees with the summary's count
        entry = MESSAGES[f"import.what.{values['what']}"]
        values["what"] = plural(int(values.get("theirs") or 0), entry.get(lang) or entry["sv"],
                                lang)
    entry = MESSAGES[f"import.warn.{code}"]
    return fill(entry.get(lang) or entry["sv"], lang, values)
