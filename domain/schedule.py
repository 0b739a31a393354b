"""When scheduled jobs are due: pure date arithmetic in the plan's time zone.

A spec is plain JSON kept in the database (schedules.spec):
  {"every": "week", "weekday": 0, "time": "08:00"}          Mondays 08:00 (weekday 0 = Monday)
  {"every": "day", "time": "07:30"}
  {"every": "dates", "dates": ["2026-04-30", "2026-08-31", "2026-12-15"], "time": "08:00"}
  {"every": "minutes", "minutes": 15}
Each occurrence has a *period* key ("2026-W49", "2026-11-30", "2026-11-30T08:15"): a job runs
at most once per period across all replicas (job_runs is unique on (job, period)).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

EVERY = ("week", "day", "dates", "minutes")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class SpecError(ValueError):
    """A schedule spec that cannot be understood; the message says which part."""


@dataclass(frozen=True)
class Schedule:
    id: int
    name: str
    job: str
    plan_id: int | None
    spec: dict = field(default_factory=dict)
    enabled: bool = True
    next_run_at: datetime | None = None


def check_spec(spec: dict) -> dict:
    """The spec, validated (raises SpecError); normalises nothing so the stored JSON is as given."""
    every = spec.get("every")
    if every not in EVERY:
        raise SpecError(f"every must be one of {', '.join(EVERY)}")
    if every == "minutes":
        if not isinstance(spec.get("minutes"), int) or not 1 <= spec["minutes"] <= 1440:
            raise SpecError("minutes must be a whole number 1–1440")
        return spec
    _time(spec)
    if every == "week" and spec.get("weekday") not in range(7):
        raise SpecError("weekday must be 0 (Monday) … 6 (Sunday)")
    if every == "dates":
        if not spec.get("dates"):
            raise SpecError("dates must list at least one date (YYYY-MM-DD)")
        _dates(spec)
    return spec


def _time(spec: dict) -> time:
    try:
        return time.fromisoformat(str(spec.get("time", "08:00")))
    except ValueError as exc:
        raise SpecError("time must be HH:MM") from exc


def _dates(spec: dict) -> list[date]:
    try:
        return sorted(date.fromisoformat(str(d)) for d in spec["dates"])
    except ValueError as exc:
        raise SpecError("dates must be YYYY-MM-DD") from exc


def _occurrences_around(spec: dict, local: datetime) -> list[datetime]:
    """Candidate occurrences near `local` (a few before and after), in the zone of `local`."""
    zone = local.tzinfo
    if spec["every"] == "dates":
        days = _dates(spec)
    elif spec["every"] == "week":
        monday = local.date() - timedelta(days=local.weekday())
        days = [monday + timedelta(days=7 * k + spec["weekday"]) for k in (-1, 0, 1)]
    else:
        days = [local.date() + timedelta(days=k) for k in (-1, 0, 1)]
    at = _time(spec)
    return [datetime.combine(d, at, tzinfo=zone) for d in days]


def _minutes_due(spec: dict, now: datetime, zone: ZoneInfo) -> datetime:
    """The latest whole step of `spec["minutes"]` at or before `now`: there always is one."""
    step = spec["minutes"] * 60
    return datetime.fromtimestamp(int(now.timestamp()) // step * step, tz=zone)


def latest_due(spec: dict, now: datetime, zone: ZoneInfo) -> datetime | None:
    """The latest occurrence at or before `now`, or None when there is none."""
    if spec["every"] == "minutes":
        return _minutes_due(spec, now, zone)
    past = [o for o in _occurrences_around(spec, now.astimezone(zone)) if o <= now]
    return max(past) if past else None


def next_after(spec: dict, now: datetime, zone: ZoneInfo) -> datetime | None:
    """The first occurrence strictly after `now`, or None when there will be none."""
    if spec["every"] == "minutes":
        return _minutes_due(spec, now, zone) + timedelta(minutes=spec["minutes"])
    future = [o for o in _occurrences_around(spec, now.astimezone(zone)) if o > now]
    return min(future) if future else None


def period_key(spec: dict, occurrence: datetime, zone: ZoneInfo) -> str:
    """The name of the period an occurrence belongs to (what job_runs keeps unique)."""
    local = occurrence.astimezone(zone)
    if spec["every"] == "week":
        year, week, _ = local.isocalendar()
        return f"{year}-W{week:02d}"
    if spec["every"] == "minutes":
        return local.strftime("%Y-%m-%dT%H:%M")
    return local.date().isoformat()
