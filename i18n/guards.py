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
    "import.error.download_refused": {
        "sv": "Filen ligger inte i Teams, SharePoint eller OneDrive, så jag hämtade den inte. "
        "Dela arbetsboken direkt i chatten. Inget har sparats.",
        "en": "The file is not stored in Teams, SharePoint or OneDrive, so I did not fetch it. "
        "Share the workbook in the chat itself. Nothing was saved.",
    },
}
