"""Guests (B2B) are bound by their real e-mail, never by the `#EXT#` UPN of the host tenant."""

from __future__ import annotations

import pytest

from domain.identity import address_in_guest_upn, binding_email

GUEST_UPN = "Kim.Kommunpolis_polisen.se#EXT#@kommun.onmicrosoft.com"


def test_the_email_field_wins_over_a_guest_upn():
    assert binding_email("Kim.Kommunpolis@Polisen.se", GUEST_UPN) == "kim.kommunpolis@polisen.se"


def test_a_guest_upn_alone_gives_the_real_address():
    assert binding_email(None, GUEST_UPN) == "kim.kommunpolis@polisen.se"
    assert binding_email(GUEST_UPN, None) == "kim.kommunpolis@polisen.se"


@pytest.mark.parametrize("upn", ["#EXT#@kommun.onmicrosoft.com", "nounderscore#EXT#@x.se",
                                 "kim_nodot#EXT#@x.se"])
def test_an_undecodable_guest_upn_is_never_an_address(upn):
    assert address_in_guest_upn(upn) is None
    assert binding_email(None, upn) is None


def test_a_member_upn_is_their_address():
    assert binding_email("", "tove.polis@stad.se") == "tove.polis@stad.se"
    assert binding_email(None, None) is None
