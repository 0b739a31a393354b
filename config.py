"""Settings from the environment (and an optional `.env`), validated once at start.

Everything Följa can be told lives here so that an operator reads one place, and so that a wrong
value stops the start with a clear message instead of failing on the first turn.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dotenv import load_dotenv

DEFAULT_DB_PATH = Path("var") / "folja.db"
AUTH_TYPES = ("client_secret", "certificate", "user_managed_identity", "system_managed_identity")
LANGUAGES = ("sv", "en")


class SettingsError(ValueError):
    """A setting is missing or malformed; the message names it."""


#: Teams' per-bot, per-conversation limits: (seconds, messages) — FOLJA_CONVERSATION_LIMITS.
TEAMS_CONVERSATION_LIMITS = ((1.0, 7), (2.0, 8), (30.0, 60), (3600.0, 1800))


def _limits(env: dict[str, str], key: str) -> tuple[tuple[float, int], ...]:
    """"1:7,2:8,30:60,3600:1800" → ((1.0, 7), …); empty means Teams' documented limits."""
    raw = env.get(key, "").strip()
    if not raw:
        return TEAMS_CONVERSATION_LIMITS
    try:
        pairs = [part.split(":") for part in raw.split(",") if part.strip()]
        return tuple((float(w), int(n)) for w, n in pairs)
    except ValueError as exc:
        raise SettingsError(f"{key} must look like 1:7,2:8,30:60 (seconds:messages)") from exc


def _split(value: str | None) -> tuple[str, ...]:
    return tuple(v.strip() for v in (value or "").split(",") if v.strip())


MULTI_TENANT = ("common", "organizations", "consumers")


def _allowed_tenants(env: dict[str, str]) -> tuple[str, ...]:
    """FOLJA_ALLOWED_TENANTS; with an app id and no list, the bot's own tenant only.

    A municipality's bot serves its own tenant: accepting every tenant must be a choice someone
    wrote down, never what an unset variable means. Local mode keeps no list (the Playground
    sends its own tenant id).
    """
    listed = _split(env.get("FOLJA_ALLOWED_TENANTS"))
    tenant = env.get("MICROSOFT_APP_TENANT_ID", "").strip()
    if listed or not env.get("MICROSOFT_APP_ID", "").strip() or not tenant:
        return listed
    if tenant.lower() in MULTI_TENANT:
        raise SettingsError(f"MICROSOFT_APP_TENANT_ID is {tenant!r} (multi-tenant): list the "
                            "tenants whose users may use Följa in FOLJA_ALLOWED_TENANTS")
    return (tenant,)


#: The city's tertials: (key, first month, last month) — FOLJA_PERIODS="T1:1-4,T2:5-8,T3:9-12".
DEFAULT_PERIODS = (("T1", 1, 4), ("T2", 5, 8), ("T3", 9, 12))  # = domain.periods.TERTIALS


def _periods(env: dict[str, str]) -> tuple[tuple[str, int, int], ...]:
    """"T1:1-4,T2:5-8,T3:9-12" → (("T1", 1, 4), …); empty means the tertials."""
    raw = env.get("FOLJA_PERIODS", "").strip()
    if not raw:
        return DEFAULT_PERIODS
    try:
        parts = [part.strip().split(":") for part in raw.split(",") if part.strip()]
        return tuple((key.strip(), int(months.split("-")[0]), int(months.split("-")[-1]))
                     for key, months in parts)
    except ValueError as exc:
        raise SettingsError("FOLJA_PERIODS must look like T1:1-4,T2:5-8,T3:9-12 "
                            "(name:first month-last month)") from exc


def _check_periods(periods: tuple[tuple[str, int, int], ...]) -> None:
    """Periods in month order, each at least one month, none overlapping, names unique."""
    last = 0
    for key, first, end in periods:
        if not re.fullmatch(r"[A-Za-z0-9]{1,10}", key) or not last < first <= end <= 12:
            raise SettingsError("FOLJA_PERIODS must list short names with months 1-12 in "
                                "order, without overlaps, e.g. T1:1-4,T2:5-8,T3:9-12")
        last = end
    if len({k.lower() for k, _, _ in periods}) != len(periods):
        raise SettingsError("FOLJA_PERIODS names must be unique")


def _int(env: dict[str, str], key: str, default: int) -> int:
    raw = env.get(key, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise SettingsError(f"{key} must be a whole number, got {raw!r}") from exc


@dataclass(frozen=True)
class Settings:
    """What one Följa process runs with; built by `from_env`, never mutated."""

    database_url: str = f"sqlite+aiosqlite:///{DEFAULT_DB_PATH}"
    app_id: str = ""
    app_password: str = field(default="", repr=False)
    tenant_id: str = ""
    app_type: str = "client_secret"
    host: str = "127.0.0.1"
    port: int = 3978
    time_zone: str = "Europe/Stockholm"
    default_language: str = "sv"
    allowed_tenants: tuple[str, ...] = ()
    # Bot Connector hosts beside bot/service_urls.py's (another cloud): FOLJA_SERVICE_HOSTS
    service_hosts: tuple[str, ...] = ()
    coordinators: tuple[str, ...] = ()
    max_body_bytes: int = 1_000_000
    log_level: str = "INFO"
    log_format: str = "text"
    public_host: str = ""  # the bot's public host name (Teams app package: validDomains)
    # privacy: free text of status reports is kept this many years; /metrics token
    retention_years: int = 3
    metrics_token: str = field(default="", repr=False)
    # delivery: the tenant's budget, shared by every replica through the database
    tenant_rate_per_second: int = 50
    conversation_limits: tuple[tuple[float, int], ...] = TEAMS_CONVERSATION_LIMITS
    delivery_concurrency: int = 16
    outbox_max_attempts: int = 8
    outbox_claim_timeout: int = 120  # seconds before another worker may take a claimed row
    scheduler_interval: int = 30  # seconds between scheduler ticks in a worker
    # reporting periods (docs/periods.md): their months, and how many days after a period's
    # end the scheduler closes it (0: only `folja period close` does)
    periods: tuple[tuple[str, int, int], ...] = DEFAULT_PERIODS
    period_close_days: int = 14

    @property
    def local_mode(self) -> bool:
        """No app id: accept unauthenticated requests, but only on loopback."""
        return not self.app_id

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None, *, dotenv: bool = True) -> Settings:
        """Read settings from `env` (default: the process environment plus `.env`)."""
        if env is None:
            if dotenv:
                load_dotenv(override=False)
            env = dict(os.environ)
        settings = cls(
            database_url=env.get("DATABASE_URL", "").strip() or cls.database_url,
            app_id=env.get("MICROSOFT_APP_ID", "").strip(),
            app_password=env.get("MICROSOFT_APP_PASSWORD", "").strip(),
            tenant_id=env.get("MICROSOFT_APP_TENANT_ID", "").strip(),
            app_type=(env.get("MICROSOFT_APP_TYPE", "").strip() or "client_secret").lower(),
            host=env.get("FOLJA_HOST", "").strip() or cls.host,
            port=_int(env, "FOLJA_PORT", cls.port),
            time_zone=env.get("FOLJA_TIME_ZONE", "").strip() or cls.time_zone,
            default_language=(env.get("FOLJA_LANGUAGE", "").strip() or "sv").lower(),
            allowed_tenants=_allowed_tenants(env),
            service_hosts=tuple(h.lower() for h in _split(env.get("FOLJA_SERVICE_HOSTS"))),
            coordinators=tuple(e.lower() for e in _split(env.get("FOLJA_COORDINATORS"))),
            max_body_bytes=_int(env, "FOLJA_MAX_BODY_BYTES", cls.max_body_bytes),
            log_level=(env.get("LOG_LEVEL", "").strip() or "INFO").upper(),
            log_format=(env.get("LOG_FORMAT", "").strip() or "text").lower(),
            public_host=env.get("FOLJA_PUBLIC_HOST", "").strip().lower(),
            retention_years=_int(env, "FOLJA_RETENTION_YEARS", cls.retention_years),
            metrics_token=env.get("FOLJA_METRICS_TOKEN", "").strip(),
            tenant_rate_per_second=_int(env, "FOLJA_TENANT_RATE", cls.tenant_rate_per_second),
            conversation_limits=_limits(env, "FOLJA_CONVERSATION_LIMITS"),
            delivery_concurrency=_int(env, "FOLJA_DELIVERY_CONCURRENCY", cls.delivery_concurrency),
            outbox_max_attempts=_int(env, "FOLJA_OUTBOX_MAX_ATTEMPTS", cls.outbox_max_attempts),
            outbox_claim_timeout=_int(env, "FOLJA_OUTBOX_CLAIM_TIMEOUT", cls.outbox_claim_timeout),
            scheduler_interval=_int(env, "FOLJA_SCHEDULER_INTERVAL", cls.scheduler_interval),
            periods=_periods(env),
            period_close_days=_int(env, "FOLJA_PERIOD_CLOSE_DAYS", cls.period_close_days),
        )
        settings.validate()
        return settings

    def with_(self, **changes: Any) -> Settings:
        """A copy with some fields changed (tests and the CLI's --host/--port)."""
        return replace(self, **changes)

    def validate(self) -> None:
        """Refuse settings that cannot work, naming the variable to fix."""
        if not self.database_url.startswith(("sqlite+aiosqlite://", "postgresql+asyncpg://")):
            raise SettingsError(
                "DATABASE_URL must start with sqlite+aiosqlite:// or postgresql+asyncpg://"
            )
        if self.app_type not in AUTH_TYPES:
            raise SettingsError(f"MICROSOFT_APP_TYPE must be one of {', '.join(AUTH_TYPES)}")
        if self.app_id and self.app_type == "client_secret" and not self.app_password:
            raise SettingsError("MICROSOFT_APP_PASSWORD is required when MICROSOFT_APP_ID is set")
        if self.app_id and not self.tenant_id:
            raise SettingsError("MICROSOFT_APP_TENANT_ID is required when MICROSOFT_APP_ID is set")
        if self.default_language not in LANGUAGES:
            raise SettingsError(f"FOLJA_LANGUAGE must be one of {', '.join(LANGUAGES)}")
        if not 0 < self.port < 65536:
            raise SettingsError("FOLJA_PORT must be between 1 and 65535")
        if self.public_host and not re.fullmatch(r"[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:\d+)?", self.public_host):
            raise SettingsError(
                "FOLJA_PUBLIC_HOST must be a host name such as folja.kommun.se (no https://, no path)"
            )
        for host in self.service_hosts:
            if not re.fullmatch(r"[a-z0-9]([a-z0-9.-]*[a-z0-9])?", host):
                raise SettingsError("FOLJA_SERVICE_HOSTS must be host names such as "
                                    "smba.connector.example (no https://, no path)")
        if min(self.tenant_rate_per_second, self.delivery_concurrency, self.outbox_max_attempts,
               self.outbox_claim_timeout, self.scheduler_interval) < 1:
            raise SettingsError("FOLJA_TENANT_RATE, FOLJA_DELIVERY_CONCURRENCY, "
                                "FOLJA_OUTBOX_MAX_ATTEMPTS, FOLJA_OUTBOX_CLAIM_TIMEOUT and "
                                "FOLJA_SCHEDULER_INTERVAL must be at least 1")
        _check_periods(self.periods)
        if self.period_close_days < 0:
            raise SettingsError("FOLJA_PERIOD_CLOSE_DAYS must be 0 or more")
        if self.retention_years < 1:
            raise SettingsError("FOLJA_RETENTION_YEARS must be at least 1")
        if self.metrics_token and len(self.metrics_token) < 16:
            raise SettingsError("FOLJA_METRICS_TOKEN must be at least 16 characters")
        if self.log_format not in ("text", "json"):
            raise SettingsError("LOG_FORMAT must be text or json")
        try:
            ZoneInfo(self.time_zone)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise SettingsError(f"FOLJA_TIME_ZONE {self.time_zone!r} is not a time zone") from exc
        if self.local_mode and self.host not in ("127.0.0.1", "localhost", "::1"):
            raise SettingsError(
                "Without MICROSOFT_APP_ID Följa runs in local mode and binds to loopback only; "
                "set FOLJA_HOST=127.0.0.1 or configure the bot's credentials"
            )
