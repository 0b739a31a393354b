"""The answer to an indicator question: per indicator its latest value (or "ingen data" and
why), the trend arrow with "bättre"/"sämre", the colour, and the note where the asker may read
it (services/indicator_lookups.py removed it otherwise). Names and texts are escaped here."""

from __future__ import annotations

from cards.followup import card, cut, text
from domain.indicator_results import IndicatorResult
from i18n import t

MAX_SHOWN = 12  # indicators on one answer; the rest are counted
LIGHTS = {"green": "🟢", "yellow": "🟡", "red": "🔴", "grey": "⬜"}


def number_text(value: float, lang: str) -> str:
    shown = f"{value:g}"
    return shown.replace(".", ",") if lang == "sv" else shown


def _latest(result: IndicatorResult, lang: str) -> str:
    latest = result.latest
    if latest is None:
        return t("indicators.lookup.nothing", lang)
    period = cut(latest.period, 20)
    if latest.value is None:
        return t("indicators.lookup.no_data", lang, period=period, reason=cut(latest.reason, 200))
    trend = ""
    if result.arrow and result.better is not None:
        trend = f" {result.arrow} " + t("indicators.lookup.better" if result.better
                                        else "indicators.lookup.worse", lang)
    elif result.arrow:
        trend = f" {result.arrow}"
    return t("indicators.lookup.latest", lang, period=period,
             value=number_text(latest.value, lang), unit=cut(result.indicator.unit, 60)) + trend


def _row(result: IndicatorResult, lang: str) -> dict:
    i = result.indicator
    items = [text(f"{LIGHTS[result.light.value]} {cut(i.name, 200)}", weight="Bolder"),
             text(f"{cut(i.area_name, 120)} · {_latest(result, lang)}", size="Small",
                  spacing="None")]
    note = result.latest.note if result.latest else ""
    if note:
        items.append(text(t("indicators.lookup.note", lang, note=cut(note, 300)), size="Small",
                          isSubtle=True, spacing="None"))
    return {"type": "Container", "separator": True, "items": items}


def indicator_answer_card(found: tuple[tuple[str, tuple[IndicatorResult, ...]], ...],
                          subject: str, lang: str) -> dict:
    """One card: a heading per district, its indicators below (at most MAX_SHOWN in all)."""
    if not any(results for _, results in found):
        return card([text(t("indicators.lookup.none", lang, subject=cut(subject, 120)))])
    body: list[dict] = [text(t("indicators.lookup.title", lang), weight="Bolder", size="Medium")]
    shown = 0
    for district, results in found:
        body.append(text(cut(district, 80), weight="Bolder", spacing="Medium"))
        for result in results[:max(0, MAX_SHOWN - shown)]:
            body.append(_row(result, lang))
        shown += len(results)
    if shown > MAX_SHOWN:
        body.append(text(t("indicators.lookup.more", lang, n=shown - MAX_SHOWN), isSubtle=True))
    return card(body)
