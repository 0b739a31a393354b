"""The styrgrupp summary jobs: the weekly card, and keeping the round's card current.

Registered in scheduler/jobs.py as "weekly_summary" (moves the "changes since" baseline) and
"summary_refresh" (run often, e.g. every 15 minutes: updates the card in place when answers
arrived; nothing is queued when nothing changed). Both also keep the city channel's card of
each open city round current. Jobs only enqueue; the worker sends.
"""

from __future__ import annotations

from cards.city_round import city_round_activity
from reports.summary import renderer
from services import city_cards, summaries


async def run_summaries(ctx, *, new_period: bool) -> dict:
    """Every open round of every plan with a summary channel (or only ctx.plan_id)."""
    lang = (ctx.spec.get("args") or {}).get("lang") or ctx.settings.default_language
    if new_period:
        result = await summaries.weekly_summaries(ctx.db, renderer(lang), now=ctx.now,
                                                  plan_id=ctx.plan_id)
    else:
        result = await summaries.refresh_summaries(ctx.db, renderer(lang), now=ctx.now,
                                                   plan_id=ctx.plan_id)
    # The city channel's cards, one per open city round (reported only when one was queued).
    if ctx.plan_id is None and (city := await city_cards.refresh_city_cards(
            ctx.db, lambda view: city_round_activity(view, lang), now=ctx.now)):
        result["city"] = city
    return result
