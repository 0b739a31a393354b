"""What the `folja` command line tells its operator (the municipality's staff: Swedish)."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "cli.bad_setting": {"sv": "Felaktig inställning: {error}", "en": "Invalid setting: {error}"},
    "cli.database_down": {
        "sv": "Databasen svarar inte: {error}", "en": "The database does not answer: {error}",
    },
    "cli.not_a_date": {
        "sv": "inte ett datum: ”{value}” (t.ex. 2026-11-01)",
        "en": "not a date: “{value}” (e.g. 2026-11-01)",
    },
    "cli.not_a_time": {"sv": "inte ett datum/tid: ”{value}”", "en": "not a date/time: “{value}”"},
    "cli.no_events": {"sv": "Inga händelser.", "en": "No events."},
    "cli.outbox_empty": {"sv": "tom", "en": "empty"},
    "cli.outbox_total": {"sv": "Totalt: {counts}", "en": "Total: {counts}"},
    "cli.outbox_unreachable": {"sv": "Går inte att nå i Teams:", "en": "Unreachable in Teams:"},
    "cli.outbox_id_or_all": {"sv": "Ange ett ID eller --all.", "en": "Give an ID or --all."},
    "cli.outbox_not_failed": {
        "sv": "Utskick {id} finns inte eller har inte misslyckats.",
        "en": "Send {id} does not exist or has not failed.",
    },
    "cli.outbox_requeued": {"sv": "{count} utskick köas igen.", "en": "{count} sends queued again."},
    "cli.schedule_invalid": {
        "sv": "Schemat går inte att förstå: {error}", "en": "Invalid schedule: {error}",
    },
    "cli.schedule_saved": {
        "sv": "Schemat {name} är sparat; nästa körning {at} ({zone}).",
        "en": "Schedule {name} saved; next run {at} ({zone}).",
    },
    "cli.times_in": {"sv": "Tider i {zone}", "en": "Times in {zone}"},
    "cli.schedule_choose_one": {
        "sv": "Välj en av --weekly, --daily, --dates, --every-minutes.",
        "en": "Choose one of --weekly, --daily, --dates, --every-minutes.",
    },
    "cli.schedule_args_json": {"sv": "--args måste vara JSON.", "en": "--args must be JSON."},
    "cli.schedule_unknown": {"sv": "Inget schema heter ”{name}”.", "en": "No schedule “{name}”."},
    "cli.schedule_deleted": {
        "sv": "Schemat {name} är borttaget.", "en": "Schedule {name} deleted.",
    },
    "cli.person_unknown": {
        "sv": "Ingen person med e-post ”{email}”.", "en": "No person with e-mail “{email}”.",
    },
    "cli.person_forget_confirm": {
        "sv": "Glöm {email}? Det går inte att ångra.", "en": "Forget {email}? This cannot be undone.",
    },
    "cli.person_forgotten": {
        "sv": "Personen heter nu ”{pseudonym}”.", "en": "The person is now called “{pseudonym}”.",
    },
    "cli.retention_done": {
        "sv": "Fritext borttagen ur {count} statusrapporter äldre än {years} år.",
        "en": "Free text removed from {count} status reports older than {years} years.",
    },
    "cli.round_unknown": {
        "sv": "Planen har ingen omgång ”{round}”.", "en": "The plan has no round “{round}”.",
    },
    "cli.report_written": {
        "sv": "Skrev {file} ({actions:# åtgärd|# åtgärder}).",
        "en": "Wrote {file} ({actions:# action|# actions}).",
    },
    "cli.backup_done": {
        "sv": "Säkerhetskopian är klar: {file} ({pages} sidor).",
        "en": "Backup written: {file} ({pages} pages).",
    },
    "cli.workers_need_postgres": {
        "sv": "SQLite har en enda skrivare: --workers över 1 kräver PostgreSQL (DATABASE_URL).",
        "en": "SQLite has one writer: more than one worker needs PostgreSQL (DATABASE_URL).",
    },
    "cli.db_upgraded": {"sv": "Databasen är uppgraderad.", "en": "The database is upgraded."},
    "cli.no_bot_id": {
        "sv": "Bot-id saknas: sätt MICROSOFT_APP_ID eller ange --bot-id.",
        "en": "No bot id: set MICROSOFT_APP_ID or pass --bot-id.",
    },
    "cli.package_written": {
        "sv": "Skrev {file} ({size} byte), Teams-app-id {app_id}.",
        "en": "Wrote {file} ({size} bytes), Teams app id {app_id}.",
    },
    "cli.round_closed": {
        "sv": "Uppföljningen ”{label}” är avslutad.", "en": "The round “{label}” is closed.",
    },
    "cli.reminders_queued": {
        "sv": "{count} påminnelser köade.", "en": "{count} reminders queued.",
    },
    "cli.unreachable": {"sv": "kan inte nås", "en": "unreachable"},
    "cli.plan_area_actions": {"sv": "{n:# åtgärd|# åtgärder}", "en": "{n:# action|# actions}"},
}
