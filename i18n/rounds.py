"""Messages about opening rounds and how far a round has come (refusals, counts)."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "round_err_due_past": {
        "sv": "Sista dagen ({due}) har redan varit. Ange i dag ({today}) eller ett senare datum. "
        "Ingen uppföljning startades.",
        "en": "The due date ({due}) has already passed. Give today ({today}) or a later date. "
        "No round was started.",
    },
    "round_err_overlap": {
        "sv": "Det finns redan en öppen uppföljning för samma områden i planen: ”{label}” (id "
        "{id}, {due}). En plan har högst en öppen uppföljning per prioriterat område, så att "
        "ingen får två omgångar frågor. Avsluta den först med **{close}**, eller välj andra "
        "områden. Ingen ny uppföljning startades.",
        "en": "The plan already has an open round for the same areas: “{label}” (id {id}, "
        "{due}). A plan has at most one open round per priority area, so nobody gets two sets "
        "of questions. Close it first with **{close}**, or choose other areas. No new round "
        "was started.",
    },
    "round_due_none": {"sv": "utan sista dag", "en": "no due date"},
    "round_due_on": {"sv": "sista dag {due}", "en": "due {due}"},
    "round_close_cli": {"sv": "folja round close {id}", "en": "folja round close {id}"},
    "round_close_chat": {"sv": "avsluta uppföljning {id}", "en": "close follow-up {id}"},
    "round_closed": {
        "sv": "Uppföljningen ”{label}” är avslutad. Inga fler svar tas emot i den.",
        "en": "The round “{label}” is closed. It takes no more answers.",
    },
    "round_close_not_coordinator": {
        "sv": "Bara koordinatorer kan avsluta en uppföljning. Fråga planens koordinator.",
        "en": "Only coordinators can close a follow-up round.",
    },
    "round_progress": {
        "sv": "Åtgärder: {actions} av {actions_total:# besvarad|# besvarade} · Personer: "
        "{people} av {people_total} har svarat",
        "en": "Actions: {actions} of {actions_total} answered · People: {people} of "
        "{people_total:# has answered|# have answered}",
    },
}
