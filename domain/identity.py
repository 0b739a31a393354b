"""The e-mail Följa binds a person by, also for guests (B2B) in the municipality's tenant.

A guest kommunpolis appears in the municipality's tenant with a user principal name like
`kim.kommunpolis_polisen.se#EXT#@kommun.onmicrosoft.com` and `userRole` "guest"; their real
address (`kim.kommunpolis@polisen.se`) is in `email`, and that is what a coordinator assigns
roles by. The UPN is never an address to bind by: when `email` is missing, the real address is
read back out of it (the part before `#EXT#`, whose last "_" stood for "@").
"""

from __future__ import annotations

GUEST_MARK = "#ext#"


def is_guest_upn(value: str) -> bool:
    return GUEST_MARK in value.lower()


def address_in_guest_upn(upn: str) -> str | None:
    """`kim_polisen.se#EXT#@kommun.onmicrosoft.com` → `kim@polisen.se`; None if not a guest UPN."""
    head = upn.strip().lower().split(GUEST_MARK, 1)[0] if is_guest_upn(upn) else ""
    user, sep, domain = head.rpartition("_")
    return f"{user}@{domain}" if sep and user and "." in domain else None


def binding_email(email: str | None, upn: str | None) -> str | None:
    """The address a member is bound by: `email` first, then the UPN (a guest's decoded)."""
    for value in (email, upn):
        value = (value or "").strip().lower()
        if not value:
            continue
        if is_guest_upn(value):
            decoded = address_in_guest_upn(value)
            if decoded:
                return decoded
            continue
        return value
    return None
