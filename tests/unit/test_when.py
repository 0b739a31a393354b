from datetime import date

import pytest

from domain.when import WhenKind, parse_when


@pytest.mark.parametrize(
    ("text", "kind", "times", "deadline"),
    [
        ("4 ggr/år", WhenKind.TIMES_PER_YEAR, 4, None),
        ("2 gånger per termin", WhenKind.TIMES_PER_YEAR, 4, None),
        ("En gång per månad", WhenKind.TIMES_PER_YEAR, 12, None),
        ("Varje vecka", WhenKind.TIMES_PER_YEAR, 52, None),
        ("Linjearbete", WhenKind.CONTINUOUS, None, None),
        ("Löpande under året", WhenKind.CONTINUOUS, None, None),
        ("Våren 2026", WhenKind.DEADLINE, None, date(2026, 6, 30)),
        ("Hösten 2025", WhenKind.DEADLINE, None, date(2025, 12, 31)),
        ("2026-03-15", WhenKind.DEADLINE, None, date(2026, 3, 15)),
        ("Q2", WhenKind.DEADLINE, None, date(2025, 6, 30)),
        ("Vid behov", WhenKind.UNKNOWN, None, None),
        ("", WhenKind.UNKNOWN, None, None),
    ],
)
def test_parse_when(text, kind, times, deadline):
    when = parse_when(text, year=2025)
    assert (when.kind, when.times_per_year, when.deadline) == (kind, times, deadline)


def test_text_is_kept_with_spaces_folded():
    assert parse_when("4\u00a0ggr/år \n").text == "4 ggr/år"
