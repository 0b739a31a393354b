"""The SDK's `Storage` on our database, so a restart loses no conversation or dialog.

Two things the SDK's own stores do not do (docs/agents-sdk-notes.md, 'State'):
- Dialog state holds objects (`DialogState`, pydantic `Activity`) that plain JSON cannot carry, so
  values go through jsonpickle, which round-trips them.
- The interface has no eTag, and the SDK's stores are last-write-wins. Here every row has a
  version; a read hands the version out inside the item (`e_tag`), and a write that carries a
  stale `e_tag` raises `StorageConflict` instead of silently overwriting a concurrent turn.
"""

from __future__ import annotations

import logging
from typing import Any

import jsonpickle
from microsoft_agents.hosting.core.storage import Storage, StoreItem
from sqlalchemy import delete, select, update

from storage.db import Database
from storage.models import SdkStateRow

log = logging.getLogger(__name__)
ETAG = "e_tag"


class StorageConflict(RuntimeError):
    """Another turn wrote this key since we read it."""


def _encode(value: Any) -> str:
    return jsonpickle.encode(value, keys=True, warn=True)


def _decode(data: str) -> Any:
    return jsonpickle.decode(data, keys=True)


class DatabaseStorage(Storage):
    """SDK storage with optimistic concurrency on the app's own database."""

    def __init__(self, database: Database) -> None:
        self._db = database

    async def read(self, keys: list[str], *, target_cls: type[StoreItem], **kwargs) -> dict:
        if not keys:
            raise ValueError("Storage.read(): Keys are required when reading.")
        async with self._db.session() as session:
            rows = (await session.scalars(select(SdkStateRow).where(SdkStateRow.key.in_(keys)))).all()
        result = {}
        for row in rows:
            data = _decode(row.data)
            if isinstance(data, dict):
                data[ETAG] = str(row.version)
            result[row.key] = target_cls.from_json_to_store_item(data)
        return result

    async def write(self, changes: dict[str, StoreItem]) -> None:
        if not changes:
            raise ValueError("Storage.write(): Changes are required when writing.")
        async with self._db.serialised(), self._db.session() as session, session.begin():
            for key, item in changes.items():
                data = item.store_item_to_json() if isinstance(item, StoreItem) else item
                if isinstance(data, dict):
                    data = dict(data)
                etag = data.pop(ETAG, None) if isinstance(data, dict) else None
                version = await self._write_one(session, key, _encode(data), etag)
                _set_etag(item, str(version))

    async def _write_one(self, session, key: str, blob: str, etag: str | None) -> int:
        now = self._db.clock()
        current = await session.scalar(
            select(SdkStateRow.version).where(SdkStateRow.key == key).with_for_update()
        )
        if current is None:
            if etag not in (None, "*"):
                raise StorageConflict(f"{key}: deleted since it was read")
            session.add(SdkStateRow(key=key, data=blob, version=1, updated_at=now))
            await session.flush()
            return 1
        if etag not in (None, "*") and etag != str(current):
            raise StorageConflict(f"{key}: version {current}, write based on {etag}")
        done = await session.execute(
            update(SdkStateRow)
            .where(SdkStateRow.key == key, SdkStateRow.version == current)
            .values(data=blob, version=current + 1, updated_at=now)
        )
        if done.rowcount != 1:
            raise StorageConflict(f"{key}: changed during write")
        return current + 1

    async def delete(self, keys: list[str]) -> None:
        if not keys:
            return
        async with self._db.serialised(), self._db.session() as session, session.begin():
            await session.execute(delete(SdkStateRow).where(SdkStateRow.key.in_(keys)))


def _set_etag(item: Any, version: str) -> None:
    """Keep the in-memory item's e_tag current so a second save in one turn is not a conflict."""
    state = getattr(item, "state", None)
    if isinstance(state, dict):
        state[ETAG] = version
    elif isinstance(item, dict):
        item[ETAG] = version
