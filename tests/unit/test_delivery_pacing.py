"""The sliding windows that keep Följa under Teams' limits, on a fake clock (no sleeping)."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from config import TEAMS_CONVERSATION_LIMITS, Settings, SettingsError
from domain.schedule import SpecError, check_spec, latest_due, next_after, period_key
from services.budget import LocalBudget
from services.ratelimit import LATE, RateLimiter, SlidingWindows, tenant_interval

STOCKHOLM = ZoneInfo("Europe/Stockholm")


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += seconds


async def departures(limiter: RateLimiter, clock: Clock, count: int) -> list[float]:
    """When each of `count` requests, one chat each, was let through."""
    times = []
    for i in range(count):
        await limiter.acquire(f"a:{i}")
        times.append(clock.now)
    return times


def most_within(times: list[float], window: float) -> int:
    """The most departures in any `window` seconds, both ends counted."""
    return max(sum(1 for t in times if s <= t <= s + window) for s in times)


def test_windows_say_how_long_to_wait():
    windows = SlidingWindows(TEAMS_CONVERSATION_LIMITS)
    for i in range(7):
        assert windows.wait(10.0 + i * 0.01) == 0
        windows.hit(10.0 + i * 0.01)
    assert windows.wait(10.1) == pytest.approx(0.9)  # 7 per second: the first must age out
    windows.hit(11.0)
    assert windows.wait(11.01) == pytest.approx(0.99)  # 8 per 2 s: wait for 10.0 + 2


async def test_limiter_paces_a_conversation_under_all_of_teams_windows():
    clock = Clock()
    limiter = RateLimiter(1000, TEAMS_CONVERSATION_LIMITS, slack=0, clock=clock, sleep=clock.sleep)
    times = []
    for _ in range(60):
        assert await limiter.acquire("a:tove", max_lane_wait=3600) == 0
        times.append(clock.now)
    for window, limit in TEAMS_CONVERSATION_LIMITS:
        assert max(sum(1 for t in times if s <= t < s + window) for s in times) <= limit
    # the 61st in 30 s would break 60/30 s: with a short patience it is handed back, not sent
    assert await limiter.acquire("a:tove", max_lane_wait=5) > 5
    assert await limiter.acquire("a:samir", max_lane_wait=5) == 0  # other chats are not held up


async def test_tenant_budget_is_spread_not_burst():
    clock = Clock()
    limiter = RateLimiter(200, (), slack=0.04, clock=clock, sleep=clock.sleep)
    times = await departures(limiter, clock, 600)
    assert max(sum(1 for t in times if s <= t < s + 1.0) for s in times) <= 200
    assert max(sum(1 for t in times if s <= t < s + 0.05) for s in times) <= 10
    assert times[-1] - times[0] == pytest.approx(599 * 1.04 / 200)  # the full rate less slack


def test_conversation_limits_setting():
    assert Settings.from_env({"FOLJA_CONVERSATION_LIMITS": "1:5,60:100"}, dotenv=False) \
        .conversation_limits == ((1.0, 5), (60.0, 100))
    with pytest.raises(SettingsError):
        Settings.from_env({"FOLJA_CONVERSATION_LIMITS": "fem per sekund"}, dotenv=False)
    with pytest.raises(SettingsError):
        Settings.from_env({"FOLJA_TENANT_RATE": "0"}, dotenv=False)


def test_weekly_schedule_in_stockholm_time_across_dst():
    spec = check_spec({"every": "week", "weekday": 0, "time": "08:00"})
    # Monday 30 March 2026, after the switch to summer time: 08:00 CEST is 06:00 UTC
    now = datetime(2026, 3, 30, 6, 30, tzinfo=UTC)
    due = latest_due(spec, now, STOCKHOLM)
    assert due == datetime(2026, 3, 30, 6, 0, tzinfo=UTC)
    assert period_key(spec, due, STOCKHOLM) == "2026-W14"
    assert next_after(spec, now, STOCKHOLM) == datetime(2026, 4, 6, 6, 0, tzinfo=UTC)
    before = datetime(2026, 3, 30, 5, 59, tzinfo=UTC)
    assert period_key(spec, latest_due(spec, before, STOCKHOLM), STOCKHOLM) == "2026-W13"


def test_dates_schedule_for_tertials():
    spec = check_spec({"every": "dates", "dates": ["2026-04-30", "2026-08-31", "2026-12-15"],
                       "time": "09:00"})
    assert latest_due(spec, datetime(2026, 4, 1, tzinfo=UTC), STOCKHOLM) is None
    may = datetime(2026, 5, 2, tzinfo=UTC)
    assert period_key(spec, latest_due(spec, may, STOCKHOLM), STOCKHOLM) == "2026-04-30"
    assert next_after(spec, may, STOCKHOLM) == datetime(2026, 8, 31, 7, 0, tzinfo=UTC)
    assert next_after(spec, datetime(2027, 1, 1, tzinfo=UTC), STOCKHOLM) is None


@pytest.mark.parametrize("spec", [{"every": "fortnight"}, {"every": "week", "weekday": 9},
                                  {"every": "day", "time": "8 på morgonen"},
                                  {"every": "dates", "dates": ["30/4"]},
                                  {"every": "minutes", "minutes": 0}])
def test_bad_specs_are_refused(spec):
    with pytest.raises(SpecError):
        check_spec(spec)


class SharedSlots(LocalBudget):
    """Slots as a budget shared with other processes hands them out: this process does not see
    every request the schedule paces."""

    sees_every_send = False


async def test_a_slot_left_too_late_is_given_up_not_bunched():
    """A busy event loop wakes a sender after its slot: with a budget shared by several
    processes it takes a new slot rather than leaving together with the senders after it."""
    clock = Clock()

    async def oversleep(seconds: float) -> None:
        clock.now += seconds + 0.05

    limiter = RateLimiter(100, (), slack=0.04, late=0.03, clock=clock, sleep=oversleep,
                          budget=SharedSlots(tenant_interval(100), clock))
    times = await departures(limiter, clock, 20)
    assert limiter.missed > 0
    assert min(b - a for a, b in zip(times, times[1:], strict=False)) >= 1.04 / 100 - 1e-9


async def test_a_request_just_in_time_leaves_room_for_jitter_on_the_way():
    """The worst the defaults allow: one request leaves just under `late` after its slot and
    the next ones on time. Teams counts arrivals, so requests bunched by up to 24 ms on their way
    (slack − late, less a margin) must still fit in 200 per second: 200 in any 1.024 s of
    departures, at most."""
    clock = Clock()
    lateness = iter([LATE - 1e-6])

    async def wake(seconds: float) -> None:
        clock.now += seconds + next(lateness, 0.0)

    handed_out = SharedSlots(tenant_interval(200), clock=lambda: 1000.0)  # fixed ahead, as in
    limiter = RateLimiter(200, (), budget=handed_out, clock=clock, sleep=wake)  # blocks
    times = await departures(limiter, clock, 400)
    assert limiter.missed == 0
    assert most_within(times, 1.024) <= 200


async def test_one_process_counts_its_own_sends_instead_of_giving_up_late_slots():
    """Alone, the process sees every request: a sender woken late by a busy loop still leaves
    (no slot lost), and its sends never exceed 200 in any 1.024 s (the same room for jitter on
    the way as a shared budget leaves)."""
    clock = Clock()
    wakes = iter(([0.0] * 9 + [0.12]) * 100)  # every tenth wake-up is 120 ms late

    async def wake(seconds: float) -> None:
        clock.now += seconds + next(wakes, 0.0)

    handed_out = LocalBudget(tenant_interval(200), clock=lambda: 1000.0)  # slots fixed ahead
    limiter = RateLimiter(200, (), budget=handed_out, clock=clock, sleep=wake)
    times = await departures(limiter, clock, 600)
    assert limiter.missed == 0
    assert most_within(times, 1.024) <= 200
    assert times[-1] - 1000.0 < 600 * tenant_interval(200) + 0.2  # the late ones cost no slots


async def test_sends_by_another_worker_count_in_a_chats_windows():
    clock = Clock()
    limiter = RateLimiter(1000, TEAMS_CONVERSATION_LIMITS, clock=clock, sleep=clock.sleep)
    limiter.note_sends("a:tove", [(i, 0.5 - i * 0.01) for i in range(7)])  # 7 in the last 0.5 s
    limiter.note_sends("a:tove", [(i, 0.5) for i in range(7)])  # the same sends again: no change
    assert limiter.lane_wait("a:tove") == pytest.approx(0.5 * 1.04, abs=0.03)
    assert limiter.lane_wait("a:samir") == 0
