"""Messages of quick lookups. Swedish first, English second."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "lookup_fact_area": {"sv": "Område", "en": "Area"},
    "lookup_fact_lead": {"sv": "Ansvarig", "en": "Lead"},
    "lookup_fact_owners": {"sv": "Ansvariga", "en": "Owners"},
    "lookup_fact_others": {"sv": "Deltar", "en": "Taking part"},
    "lookup_fact_who": {"sv": "Vem (i planen)", "en": "Who (in the plan)"},
    "lookup_fact_when": {"sv": "När", "en": "When"},
    "lookup_fact_status": {"sv": "Senaste status", "en": "Latest status"},
    "lookup_status_line": {"sv": "{status}, {day}", "en": "{status}, {day}"},
    "lookup_status_by": {"sv": "{status}, {day} ({name})", "en": "{status}, {day} ({name})"},
    "lookup_no_status": {"sv": "Ingen status rapporterad ännu", "en": "No status reported yet"},
    "lookup_status_done": {"sv": "Genomförd", "en": "Done"},
    "lookup_status_on_track": {"sv": "Pågår enligt plan", "en": "On track"},
    "lookup_status_partial": {"sv": "Delvis genomförd", "en": "Partly done"},
    "lookup_status_delayed": {"sv": "Försenad", "en": "Delayed"},
    "lookup_status_not_started": {"sv": "Ej påbörjad", "en": "Not started"},
    "lookup_status_discontinued": {"sv": "Avslutas", "en": "Discontinued"},
    "lookup_support": {"sv": "Behöver stöd: {text}", "en": "Needs support: {text}"},
    "lookup_leads": {"sv": "leder", "en": "leads"},
    "lookup_takes_part": {"sv": "deltar", "en": "takes part"},
    "lookup_nobody": {"sv": "ingen roll angiven", "en": "no role given"},
    "lookup_choose": {
        "sv": "Flera åtgärder passar ”{subject}”. Välj den du menar:",
        "en": "Several actions match “{subject}”. Pick the one you mean:",
    },
    "lookup_role_title": {
        "sv": "{name} ansvarar för {count:# åtgärd|# åtgärder}",
        "en": "{name} owns {count:# action|# actions}",
    },
    "lookup_role_title_one": {
        "sv": "{name} ansvarar för 1 åtgärd", "en": "{name} owns 1 action",
    },
    "lookup_area_title": {
        "sv": "{name}: {count:# åtgärd|# åtgärder}", "en": "{name}: {count:# action|# actions}",
    },
    "lookup_mine_title": {"sv": "Dina åtgärder ({count})", "en": "Your actions ({count})"},
    "lookup_mine_elsewhere_title": {
        "sv": "Dina åtgärder utan öppen uppföljning just nu ({count})",
        "en": "Your actions with no open round right now ({count})",
    },
    "lookup_mine_district": {
        "sv": "{district}: {count:# åtgärd|# åtgärder}",
        "en": "{district}: {count:# action|# actions}",
    },
    "lookup_more": {"sv": "… och {count} till.", "en": "… and {count} more."},
    "lookup_none_for_subject": {
        "sv": "{name} har inga åtgärder i planen.", "en": "{name} has no actions in the plan.",
    },
    "lookup_show": {"sv": "Visa", "en": "Show"},
    "lookup_gone": {
        "sv": "Det finns inte längre i planen. Fråga gärna igen, t.ex. **vem äger SSP?**",
        "en": "That is no longer in the plan. Ask again, e.g. **who owns SSP?**",
    },
    "lookup_compose_unknown": {
        "sv": "Det sökkommandot känner jag inte igen.", "en": "I do not know that search command.",
    },
}
