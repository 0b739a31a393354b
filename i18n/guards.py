"""Messages of the review guards: personal identity numbers refused, unsafe files refused.

Every refusal says what was found, that nothing was kept, and what to do instead; none repeats
the number or the link it refuses.
"""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "pnr_message_refused": {
        "sv": "Meddelandet innehåller ett personnummer eller samordningsnummer. Personuppgifter "
        "hör inte hemma i Följa, så inget sparades – skriv igen utan numret.",
        "en": "The message contains a Swedish personal identity number. Personal data does not "
        "belong in Följa, so nothing was saved – write it again without the number.",
    },
    "fu_err_label_personal_number": {
        "sv": "Namnet på uppföljningen innehåller ett personnummer eller samordningsnummer. "
        "Ingen uppföljning startades – välj ett namn utan numret.",
        "en": "The follow-up's name contains a Swedish personal identity number. No follow-up "
        "was started – choose a name without it.",
    },
    "fu_err_email_personal_number": {
        "sv": "Fältet innehåller ett personnummer eller samordningsnummer. Inget sparades – "
        "skriv kollegans e-postadress i stället.",
        "en": "The field contains a Swedish personal identity number. Nothing was saved – "
        "write your colleague's e-mail address instead.",
    },
    "import.error.personal_number_name": {
        "sv": "Filnamnet innehåller ett personnummer eller samordningsnummer. Inget har "
        "sparats – byt namn på filen och skicka den igen.",
        "en": "The file name contains a Swedish personal identity number. Nothing was saved – "
        "rename the file and send it again.",
    },
    # A workbook far beyond any plan (importer/limits.py); nothing was read into Följa.
    "import.error.too_big_unpacked": {
        "sv": "Arbetsboken blir {size} MB uppackad; högst {limit} MB går att läsa in. En "
        "åtgärdsplan är mycket mindre – kontrollera att det är rätt fil. Inget har sparats.",
        "en": "The workbook unpacks to {size} MB; at most {limit} MB can be imported. An "
        "action plan is far smaller – check that it is the right file. Nothing was saved.",
    },
    "import.error.too_many_sheets": {
        "sv": "Arbetsboken har {n} blad; högst {limit} blad går att läsa in. Inget har sparats.",
        "en": "The workbook has {n} sheets; at most {limit} can be imported. Nothing was saved.",
    },
    "import.error.too_many_rows": {
        "sv": "Ett blad i arbetsboken har fler än {limit} rader, högst så många går att läsa "
        "in. Ta bort tomma eller överflödiga rader och försök igen. Inget har sparats.",
        "en": "A sheet of the workbook has more than {limit} rows, the most that can be "
        "imported. Remove empty or surplus rows and try again. Nothing was saved.",
    },
    "import.error.too_many_columns": {
        "sv": "Ett blad i arbetsboken har fler än {limit} kolumner, högst så många går att läsa "
        "in. Ta bort överflödiga kolumner och försök igen. Inget har sparats.",
        "en": "A sheet of the workbook has more than {limit} columns, the most that can be "
        "imported. Remove surplus columns and try again. Nothing was saved.",
    },
    "import.error.too_many_parts": {
        "sv": "Arbetsboken består av fler än {limit} delar och liknar ingen åtgärdsplan. "
        "Inget har sparats.",
        "en": "The workbook has more than {limit} parts and looks like no action plan. "
        "Nothing was saved.",
    },
    "import.error.download_refused": {
        "sv": "Filen ligger inte i Teams, SharePoint eller OneDrive, så jag hämtade den inte. "
        "Dela arbetsboken direkt i chatten. Inget har sparats.",
        "en": "The file is not stored in Teams, SharePoint or OneDrive, so I did not fetch it. "
        "Share the workbook in the chat itself. Nothing was saved.",
    },
}
