from datetime import date

from bot.handlers import help_lines
from bot.routes import COMMANDS
from i18n import MESSAGES, catalogue, format_day, t
from reports import render


def test_every_message_has_swedish_and_english():
    for key, entry in MESSAGES.items():
        assert entry.get("sv") and entry.get("en"), key


def test_fallback_to_swedish_and_values():
    assert t("unknown_command", "fi", text="x").startswith("Det förstod jag inte")


def test_swedish_day():
    assert format_day(date(2026, 12, 4)) == "fredag 4 december"
    assert format_day(date(2026, 12, 4), "en") == "Friday 4 December"


def test_help_template_renders_both_languages():
    swedish = render("help", "sv", commands=help_lines(COMMANDS, "sv"), channel=False)
    english = render("help", "en", commands=help_lines(COMMANDS, "en"), channel=True)
    assert "- **borta till ÅÅÅÅ-MM-DD**: inga frågor eller påminnelser till dess" in swedish
    assert "- **away until YYYY-MM-DD**: no prompts or reminders until then" in english
    assert swedish.count("\n- **") == english.count("\n- **") == len(COMMANDS)


def test_feature_catalogues_do_not_clash():
    total = sum(len(part) for part in catalogue._PARTS)
    assert total == len(MESSAGES)
