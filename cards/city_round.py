"""The beredningsgrupp's card of a city round: a traffic light per district and per area.

Pure. One Container per district: its light and answered count, then one line per area with the
area's light; area names are shortened and every user-written text goes through `card_text`.
Thirteen districts with their real area names stay well under Teams' 28 KB
(tests/integration/test_city_round_card.py holds it).
"""

from __future__ import annotations

from typing import Any

from cards.followup import card, text
from domain.city import CityStatus, Tally
from domain.city_round import CityRoundView
from domain.lights import emoji
from domain.plaintext import card_text
from i18n import format_day, t

ADAPTIVE = "application/vnd.microsoft.card.adaptive"
AREA_CHARS, DISTRICT_CHARS, LABEL_CHARS = 70, 60, 120


def _areas_of(status: CityStatus, district: str) -> list[tuple[str, Tally]]:
    """(city area name, this district's tally) for every area the district has."""
    return [(area.name, tally) for area in status.areas for tally in area.districts
            if tally.district == district]


def _district(status: CityStatus, index: int, lang: str) -> dict:
    d = status.districts[index]
    head = t("cityround.card_district", lang, light=emoji(d.light),
             district=card_text(d.district, DISTRICT_CHARS), answered=d.answered,
             actions=d.actions)
    items: list[dict[str, Any]] = [text(head, weight="Bolder")]
    if d.needs_support:
        items.append(text(t("cityround.card_support", lang, n=d.needs_support), size="Small",
                          spacing="None", color="Attention"))
    lines = [t("cityround.card_area", lang, light=emoji(tally.light),
               area=card_text(name, AREA_CHARS), answered=tally.answered, actions=tally.actions)
             for name, tally in _areas_of(status, d.district)]
    if lines:
        items.append(text("\n\n".join(lines), size="Small", spacing="Small"))
    return {"type": "Container", "separator": True, "items": items}


def city_round_card(view: CityRoundView, lang: str) -> dict:
    """The card: heading, one block per district (name order), the lights' legend."""
    label = card_text(view.label, LABEL_CHARS)
    heading = (t("cityround.card_title_due", lang, label=label,
                 day=format_day(view.due_date, lang)) if view.due_date
               else t("cityround.card_title", lang, label=label))
    answered = sum(d.answered for d in view.status.districts)
    total = sum(d.actions for d in view.status.districts)
    body = [text(heading, weight="Bolder", size="Medium"),
            text(t("cityround.card_total", lang, answered=answered, actions=total,
                   districts=len(view.status.districts)), isSubtle=True, spacing="None")]
    body += [_district(view.status, n, lang) for n in range(len(view.status.districts))]
    body.append(text(t("cityround.card_legend", lang), size="Small", isSubtle=True))
    return card(body)


def city_round_activity(view: CityRoundView, lang: str) -> dict:
    """The message that carries the card (its `summary` is the notification's preview)."""
    return {"type": "message",
            "summary": t("cityround.card_preview", lang, label=card_text(view.label, 80)),
            "attachments": [{"contentType": ADAPTIVE, "content": city_round_card(view, lang)}]}
