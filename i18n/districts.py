"""Districts: binding roles to a district, the city level, and listing districts."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "roles.unknown_district": {
        "sv": "Stadsdelen ”{district}” finns inte. Kända stadsdelar: {known}. En stadsdel "
        "skapas när dess första plan läses in (`folja import FIL --district NAMN`).",
        "en": "There is no district “{district}”. Known districts: {known}. A district is "
        "created when its first plan is imported (`folja import FILE --district NAME`).",
    },
    "roles.city_no_district": {
        "sv": "En stadskoordinator gäller hela staden. Ta bort --district.",
        "en": "A city coordinator covers the whole city. Leave out --district.",
    },
    "roles.assigned_in": {
        "sv": "{email} har nu rollen {role} i {district}.",
        "en": "{email} now holds the role {role} in {district}.",
    },
    "roles.every_district": {"sv": "alla stadsdelar", "en": "every district"},
    "district.list_empty": {
        "sv": "Inga stadsdelar ännu. Läs in en plan med `folja import FIL --district NAMN`.",
        "en": "No districts yet. Import a plan with `folja import FILE --district NAME`.",
    },
    "lookup_from_district": {
        "sv": "Svaret kommer från {district}.", "en": "This answer comes from {district}.",
    },
    "report.year_needs_period": {
        "sv": "--year gäller bara med --period eller --city.",
        "en": "--year only goes with --period or --city.",
    },
}
