"""The schedules every installation starts with, so the follow-up runs without setup.

Created at start when missing (services.delivery_admin.ensure_schedules); change them with
`folja schedule set NAME …`, turn one off with `--disabled`.
"""

from __future__ import annotations

from services.delivery_admin import ensure_schedules

DEFAULT_SCHEDULES: tuple[tuple[str, str, dict], ...] = (
    # Reminders are queued every weekday morning; the job itself skips weekends, Swedish public
    # holidays, people who are away, and slots already reminded.
    ("paminnelser", "reminders", {"every": "day", "time": "08:00"}),
    # Coordinators hear, privately, of people who missed two rounds in a row (working days).
    ("eskalering", "escalation", {"every": "day", "time": "08:30"}),
    # The styrgrupp's weekly summary, Monday morning.
    ("veckosammanfattning", "weekly_summary", {"every": "week", "weekday": 0, "time": "08:00"}),
    # Keep the round's styrgrupp card current as answers arrive (updated in place, not reposted).
    ("sammanfattning-uppdatering", "summary_refresh", {"every": "minutes", "minutes": 15}),
    # Tell coordinators about messages that could not be delivered.
    ("dodbrev", "dead_letters", {"every": "minutes", "minutes": 60}),
    # Remove status-report free text older than FOLJA_RETENTION_YEARS, at night.
    ("gallring", "retention", {"every": "day", "time": "03:00"}),
    # Close each reporting period FOLJA_PERIOD_CLOSE_DAYS after it ends, freezing its reports.
    ("periodstangning", "close_periods", {"every": "day", "time": "02:00"}),
)


async def install_defaults(db, settings) -> list[str]:
    """Create the missing default schedules (at the start of `folja serve` and `folja worker`);
    their first runs are counted from the database's clock."""
    return await ensure_schedules(db, DEFAULT_SCHEDULES, now=db.clock(), zone=settings.zone)
