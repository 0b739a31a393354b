"""Messages about reporting periods: closing them, and what a closed period refuses."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "period_err_closed": {
        "sv": "Uppföljningen ”{label}” hör till rapportperioden {period}, som är stängd: "
        "periodens rapport är låst. Inget sparades.",
        "en": "The round “{label}” belongs to the reporting period {period}, which is closed: "
        "its report is locked. Nothing was saved.",
    },
    "period_err_closed_next": {
        "sv": "Uppföljningen ”{label}” hör till rapportperioden {period}, som är stängd: "
        "periodens rapport är låst. Inget sparades. Svara i stället i den öppna uppföljningen "
        "”{next}”.",
        "en": "The round “{label}” belongs to the reporting period {period}, which is closed: "
        "its report is locked. Nothing was saved. Answer in the open round “{next}” instead.",
    },
    "period_err_round_open": {
        "sv": "{day} ligger i rapportperioden {period}, som är stängd. Välj en sista svarsdag i "
        "en öppen period. Ingen uppföljning startades.",
        "en": "{day} lies in the reporting period {period}, which is closed. Choose a due date "
        "in an open period. No round was started.",
    },
    "period_err_unknown": {
        "sv": "Det finns ingen rapportperiod ”{period}”. Perioderna heter {known}.",
        "en": "There is no reporting period “{period}”. The periods are {known}.",
    },
    "period_err_already_closed": {
        "sv": "Rapportperioden {period} är redan stängd.",
        "en": "The reporting period {period} is already closed.",
    },
    "period_err_not_closed": {
        "sv": "Rapportperioden {period} är inte stängd.",
        "en": "The reporting period {period} is not closed.",
    },
    "period_closed": {
        "sv": "Rapportperioden {period} är stängd: inga fler svar sparas i dess uppföljningar, "
        "och {files:# rapportfil är fryst|# rapportfiler är frysta}.",
        "en": "The reporting period {period} is closed: its rounds take no more answers, and "
        "{files:# report file is frozen|# report files are frozen}.",
    },
    "period_reopened": {
        "sv": "Rapportperioden {period} är öppen igen; dess frysta rapporter är borttagna.",
        "en": "The reporting period {period} is open again; its frozen reports are removed.",
    },
    "period_report_frozen": {
        "sv": "Skrev {file}: rapportperioden {period}, stängd och låst (samma innehåll varje "
        "gång).",
        "en": "Wrote {file}: reporting period {period}, closed and locked (the same content "
        "every time).",
    },
    "period_report_live": {
        "sv": "Skrev {file}: rapportperioden {period}, öppen (innehållet kan ändras tills "
        "perioden stängs).",
        "en": "Wrote {file}: reporting period {period}, open (the content may change until the "
        "period closes).",
    },
    "cli.report_round_or_period": {
        "sv": "Ange --round eller --period, inte båda.",
        "en": "Give --round or --period, not both.",
    },
    "period_state_open": {"sv": "öppen", "en": "open"},
    "period_state_closed": {"sv": "stängd", "en": "closed"},
    "period_heading": {
        "sv": "period|från|till|läge|stängd|av|uppföljningar",
        "en": "period|from|to|state|closed|by|rounds",
    },
}
