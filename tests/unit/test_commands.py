import pytest

from bot.commands import normalise, parse
from bot.routes import COMMANDS


@pytest.mark.parametrize(
    ("text", "name", "lang"),
    [("hjälp", "help", "sv"), ("Hjälp!", "help", "sv"), ("HELP", "help", "en"),
     ("<at>Följa</at> hjälp", "help", "sv"), ("vad kan du?", "help", "sv")],
)
def test_parse_known(text, name, lang):
    intent = parse(text, COMMANDS)
    assert intent is not None and (intent.name, intent.lang) == (name, lang)


@pytest.mark.parametrize("text", ["", "   ", "hjälpsam kollega", "blabla"])
def test_parse_unknown(text):
    assert parse(text, COMMANDS) is None


def test_normalise_folds_nbsp_and_case():
    assert normalise("  Mina\u00a0ÅTGÄRDER? ") == "mina åtgärder"
