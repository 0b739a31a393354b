"""Reporting periods from the settings: the tertials by default, other months when told, and
which period a round's day belongs to."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from config import DEFAULT_PERIODS, Settings, SettingsError
from domain.followup import Round, RoundState
from domain.periods import (
    TERTIALS,
    closed,
    closed_period_of,
    due_to_close,
    find_period,
    period_on,
    periods_of,
    round_day,
    with_closed,
)


def test_the_default_is_the_citys_tertials():
    t1, t2, t3 = periods_of(2028, DEFAULT_PERIODS)  # a leap year: February has 29 days
    assert (t1.key, t1.starts, t1.ends) == ("T1", date(2028, 1, 1), date(2028, 4, 30))
    assert (t2.starts, t2.ends) == (date(2028, 5, 1), date(2028, 8, 31))
    assert (t3.starts, t3.ends, t3.label) == (date(2028, 9, 1), date(2028, 12, 31), "T3 2028")


def test_settings_change_the_periods_and_refuse_nonsense():
    env = {"FOLJA_PERIODS": "Q1:1-3, Q2:4-6, Q3:7-9, Q4:10-12", "FOLJA_PERIOD_CLOSE_DAYS": "30"}
    settings = Settings.from_env(env)
    assert settings.periods[1] == ("Q2", 4, 6) and settings.period_close_days == 30
    assert period_on(date(2027, 2, 28), settings.periods).ends == date(2027, 3, 31)
    assert Settings.from_env({}).periods == DEFAULT_PERIODS
    for bad in ("T1:1-4,T2:4-8", "T1:5-4", "T1:1-13", "T1", "T1:1-4,t1:5-8", "T 1:1-4"):
        with pytest.raises(SettingsError, match="FOLJA_PERIODS"):
            Settings.from_env({"FOLJA_PERIODS": bad})
    with pytest.raises(SettingsError, match="FOLJA_PERIOD_CLOSE_DAYS"):
        Settings.from_env({"FOLJA_PERIOD_CLOSE_DAYS": "-1"})


def _round(due: date | None, opened: datetime) -> Round:
    return Round(1, 1, "V", due, (), RoundState.OPEN, opened)


def test_a_round_belongs_to_the_period_of_its_due_date_else_its_opening_day():
    opened = datetime(2027, 4, 28, 21, 30, tzinfo=UTC)
    assert round_day(_round(date(2027, 5, 3), opened)) == date(2027, 5, 3)
    assert round_day(_round(None, opened)) == date(2027, 4, 28)
    t1 = closed(find_period(2027, "t1", DEFAULT_PERIODS), opened, "cli")
    assert closed_period_of(round_day(_round(None, opened)), [t1]) == t1
    assert closed_period_of(date(2027, 5, 3), [t1]) is None
    assert closed_period_of(date(2027, 4, 3), periods_of(2027, DEFAULT_PERIODS)) is None  # open


def test_the_scheduler_closes_the_set_days_after_the_end():
    t1 = find_period(2027, "T1", DEFAULT_PERIODS)
    assert not due_to_close(t1, t1.ends + timedelta(days=13), 14)
    assert due_to_close(t1, t1.ends + timedelta(days=14), 14)
    assert not due_to_close(t1, t1.ends + timedelta(days=400), 0)  # 0: only by hand
    done = closed(t1, datetime(2027, 5, 2, tzinfo=UTC), "cli")
    assert not due_to_close(done, t1.ends + timedelta(days=20), 14)


def test_a_closed_period_keeps_its_own_dates_in_the_list():
    t1 = closed(find_period(2027, "T1", DEFAULT_PERIODS), datetime(2027, 5, 2, tzinfo=UTC), "x")
    listed = with_closed(2027, (("T1", 1, 6), ("T2", 7, 12)), [t1])
    assert listed[0] == t1 and listed[0].ends == date(2027, 4, 30)
    assert not listed[1].closed and find_period(2027, "T9", DEFAULT_PERIODS) is None


def test_the_settings_default_is_the_domains_tertials():
    assert DEFAULT_PERIODS == TERTIALS  # config may import nothing of ours: two spellings
