"""What `folja city …` and `folja report --city` tell the operator: the city's overview."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "city.no_plans": {
        "sv": "Det finns ingen aktiv plan att sammanställa för staden.",
        "en": "There is no active plan to compile for the city.",
    },
    "city.no_plans_year": {
        "sv": "Inget stadsdelsområde har en aktiv plan för {year}.",
        "en": "No district has an active plan for {year}.",
    },
    "city.unknown_period": {
        "sv": "Okänd period ”{period}”: ange T1 (jan–apr), T2 (maj–aug) eller T3 (sep–dec).",
        "en": "Unknown period “{period}”: give T1 (Jan–Apr), T2 (May–Aug) or T3 (Sep–Dec).",
    },
    "city.heading": {
        "sv": "Läget i staden {year}{period}: {districts:# stadsdelsområde|# stadsdelsområden}",
        "en": "The city's status {year}{period}: {districts:# district|# districts}",
    },
    "city.areas_heading": {"sv": "Per prioriterat område", "en": "Per priority area"},
    "city.flagged_heading": {
        "sv": "Flaggade till stadens grupp (behöver stöd): {count:# åtgärd|# åtgärder}",
        "en": "Flagged for the city group (needs support): {count:# action|# actions}",
    },
    "city.col_district": {"sv": "stadsdelsområde", "en": "district"},
    "city.col_area": {"sv": "område", "en": "area"},
    "city.col_answered": {"sv": "besvarade", "en": "answered"},
    "city.col_support": {"sv": "behöver stöd", "en": "needs support"},
    "city.col_light": {"sv": "läge", "en": "light"},
    "city.col_action": {"sv": "åtgärd", "en": "action"},
    "city.col_support_text": {"sv": "vad som behövs", "en": "what is needed"},
    "city.light_green": {"sv": "grönt", "en": "green"},
    "city.light_yellow": {"sv": "gult", "en": "yellow"},
    "city.light_red": {"sv": "rött", "en": "red"},
    "city.light_grey": {"sv": "grått (för få svar)", "en": "grey (too few answers)"},
    "city.report_written": {
        "sv": "Skrev {file} ({districts:# stadsdelsområde|# stadsdelsområden}).",
        "en": "Wrote {file} ({districts:# district|# districts}).",
    },
    "city.report_needs_plan": {
        "sv": "Ange en plan (PLAN_REF) eller --city.",
        "en": "Give a plan (PLAN_REF) or --city.",
    },
    "city.report_plan_and_city": {
        "sv": "Ange antingen en plan eller --city, inte båda.",
        "en": "Give either a plan or --city, not both.",
    },
    "city.city_only_option": {
        "sv": "{option} gäller bara med --city.",
        "en": "{option} only applies with --city.",
    },
}
