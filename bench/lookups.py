"""p95 latency of a quick lookup over a 2,000-action plan, in-process (goal: < 30 ms).

Run: .venv/bin/python -m bench.lookups [--actions 2000] [--rounds 5]

The plan repeats the 2025 seed plan's actions with varied wording (district names, numbers,
typical compounds) so the vocabulary grows as a real multi-district plan's would. Measured per
question: parse + match + answer (what the bot does per turn once the index is cached), and the
same plus building the reply card. Index build time (once per plan version) is reported apart.
"""

from __future__ import annotations

import argparse
import logging
import random
import statistics
import time
from dataclasses import replace
from datetime import date

from cards import lookups as cards
from domain.lookup import LatestStatus, answer, build_index, parse_question
from domain.model import Plan
from domain.status import Status
from i18n import format_day, t
from tests.lookup_fixtures import TOVE, domain_plan_2025
from tests.unit.test_lookup_table import TABLE

log = logging.getLogger("bench.lookups")
PLACES = ("Fridhemsplan", "Stadshagen", "Kristineberg", "Hornsberg", "Rålambshov", "Thorildsplan",
          "Marieberg", "Lilla Essingen", "Stora Essingen", "Kungsklippan", "Norr Mälarstrand")
EXTRA = ("uppföljning", "kartläggning", "samverkansmöte", "skolsamverkan", "lägesbild",
         "nattvandring", "föräldramöte", "fritidsgård", "idrottsförening", "platsaktivering")

SYLLABLES = ("tryg", "ska", "pol", "sam", "ver", "kan", "lin", "bo", "ende", "gård", "fält", "ung")


def big_plan(n_actions: int, seed: int = 7) -> Plan:
    """The 2025 plan's areas, each filled with varied copies of its actions up to n_actions."""
    rng = random.Random(seed)
    base = domain_plan_2025()
    templates = [(area, a) for area in base.areas for a in area.actions]
    per_area: dict[int, list] = {area.id: [] for area in base.areas}
    for n in range(n_actions):
        area, action = templates[n % len(templates)]
        place, extra = rng.choice(PLACES), rng.choice(EXTRA)
        coined = "".join(rng.choice(SYLLABLES) for _ in range(4))  # a word only this row has
        copy = replace(action, id=n + 1, position=n + 1,
                       title=f"{action.title} {place} {n}" if n >= len(templates) else action.title,
                       action_text=f"{action.action_text} {extra} i {place}, {coined}.")
        per_area[area.id].append(copy)
    areas = tuple(replace(a, actions=tuple(per_area[a.id])) for a in base.areas)
    return replace(base, areas=areas)


def statuses_for(plan: Plan) -> dict[int, LatestStatus]:
    values = list(Status)
    return {a.id: LatestStatus(a.id, values[a.id % len(values)], date(2026, 3, 1 + a.id % 28),
                               "Samir Trygg") for a in plan.actions if a.id % 3}


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--actions", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    plan = big_plan(args.actions)
    started = time.perf_counter()
    index = build_index(plan, statuses_for(plan))
    build_ms = (time.perf_counter() - started) * 1000
    questions = [q for q, *_ in TABLE] + ["mina åtgärder", "vem äger ÖDS?", "xyzzy qwerty",
                                          "vem ansvarar för trygghetsvandrngen"]
    def say(key, **values):
        return t(key, "sv", **values)

    def day(d):
        return format_day(d, "sv")

    match_ms, card_ms = [], []
    for _ in range(args.rounds):
        for question in questions:
            t0 = time.perf_counter()
            result = answer(index, parse_question(question), TOVE.id)
            t1 = time.perf_counter()
            if result.subject is not None and result.subject.kind.value == "action":
                cards.action_card(index, result.subject.id, say, day)
            elif result.groups:
                cards.group_card(index, "x", result.groups, say, day)
            t2 = time.perf_counter()
            match_ms.append((t1 - t0) * 1000)
            card_ms.append((t2 - t0) * 1000)
    print(f"plan: {len(index.actions)} actions, {len(index.entries)} entries, "
          f"{len(index.vocabulary)} words; index build {build_ms:.0f} ms")
    for name, values in (("answer", match_ms), ("answer+card", card_ms)):
        print(f"{name:12s} n={len(values)} p50={statistics.median(values):.2f} ms "
              f"p95={percentile(values, 95):.2f} ms max={max(values):.2f} ms")


if __name__ == "__main__":
    main()
