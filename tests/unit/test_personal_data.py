"""The personnummer guard against a generated corpus of valid and invalid numbers."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from domain.personal_data import contains_personal_number, find_personal_numbers, luhn_check_digit
from tests import pnr_corpus

luhn = pnr_corpus.luhn  # Skatteverket's rule, written independently of the code under test


def corpus(seed: int = 4, n: int = 300) -> list[tuple[date, str, bool]]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        day = date(1930, 1, 1) + timedelta(days=rng.randrange(0, 365 * 90))
        serial = f"{rng.randrange(0, 1000):03d}"
        out.append((day, serial, rng.random() < 0.3))  # 30 %: samordningsnummer
    return out


def forms(day: date, serial: str, coordination: bool) -> tuple[list[str], str]:
    dd = day.day + (60 if coordination else 0)
    short = f"{day:%y%m}{dd:02d}{serial}"
    check = luhn(short)
    long_ = f"{day.year}{day:%m}{dd:02d}"
    return [
        f"{short}{check}", f"{short[:6]}-{short[6:]}{check}", f"{short[:6]}+{short[6:]}{check}",
        f"{long_}{serial}{check}", f"{long_}-{serial}{check}",
    ], f"{short}{(check + 1) % 10}"


@pytest.mark.parametrize(("day", "serial", "coordination"), corpus())
def test_valid_numbers_are_found_in_every_form(day, serial, coordination):
    valid, wrong_check = forms(day, serial, coordination)
    for number in valid:
        assert find_personal_numbers(f"Vi träffade {number} i går.") == [number], number
    assert not contains_personal_number(f"Ärende {wrong_check} stängt")


def test_check_digit_matches_known_examples():
    assert luhn_check_digit("811218987") == 6  # Skatteverket's example 811218-9876
    assert contains_personal_number("pnr 811218-9876")
    assert contains_personal_number("19811218-9876")
    assert contains_personal_number("samordningsnummer 701063-2391")


@pytest.mark.parametrize("text", [
    "Fyra möten 2026-03-12, 2026-05-20 och 2026-09-15",  # dates are not numbers
    "Tel 08-508 08 000", "Ärendenummer 12345678", "811218-9875",  # wrong check digit
    "811318-9876 (month 13)", "810230-1234", "Budget 1 200 000 kr", "org.nr 212000-0142x",
    "12345678901234",  # too long
])
def test_ordinary_text_passes(text):
    assert not contains_personal_number(text)


@pytest.mark.parametrize("number", pnr_corpus.VALID)
def test_corpus_numbers_are_found_as_people_type_them(number):
    assert find_personal_numbers(pnr_corpus.in_text(number)) == [number]


@pytest.mark.parametrize("text", pnr_corpus.INVALID)
def test_corpus_lookalikes_pass(text):
    assert not contains_personal_number(pnr_corpus.in_text(text)), find_personal_numbers(text)
