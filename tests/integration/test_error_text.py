"""A failing statement's error text carries no parameter values: free text a user typed must not
reach the logs through a database error (the engine hides parameters)."""

from __future__ import annotations

import logging

import pytest

from storage.db import Conflict, Database
from storage.models import RoleRow

SECRET = "Hemlig fritext om Storgatan 12"


async def test_unique_violation_text_holds_no_parameter(database: Database, caplog):
    async with database.transaction() as repo:
        repo.session.add(RoleRow(name=SECRET, aliases=[]))
    caplog.set_level(logging.DEBUG)
    with pytest.raises(Conflict) as caught:
        async with database.transaction() as repo:
            repo.session.add(RoleRow(name=SECRET, aliases=[SECRET]))
    assert "UNIQUE" in str(caught.value).upper()  # the error itself still says what went wrong
    texts = [str(caught.value), str(caught.value.__cause__), repr(caught.value.__cause__),
             caplog.text]
    assert not [t for t in texts if "storgatan" in t.lower()], texts
