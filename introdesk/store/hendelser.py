"""The programme events table (hendelse), every change in the audit trail."""

from __future__ import annotations

import sqlite_utils

from introdesk.domain.hendelser import Hendelse
from introdesk.store import audit, records

TABLE = "hendelse"
_MAPPER = records.Mapper(TABLE, Hendelse, skip=("id",))
to_row = _MAPPER.to_row


def insert(db: sqlite_utils.Database, actor: audit.Actor, h: Hendelse) -> int:
    return _MAPPER.insert(db, actor, h)


def update(db: sqlite_utils.Database, actor: audit.Actor, h: Hendelse) -> dict[str, list]:
    return _MAPPER.update(db, actor, h.id, get(db, h.id), h)


def update_from(db: sqlite_utils.Database, actor: audit.Actor, old: Hendelse, new: Hendelse) -> dict[str, list]:
    """As update, when the event as stored is already at hand (an import of thousands)."""
    return _MAPPER.update(db, actor, new.id, old, new)


def set_deleted(db: sqlite_utils.Database, actor: audit.Actor, hendelse_id: int, deleted: bool) -> None:
    _MAPPER.set_deleted(db, actor, hendelse_id, deleted)


def get(db: sqlite_utils.Database, hendelse_id: int) -> Hendelse:
    return _MAPPER.get(db, hendelse_id)


def for_deltaker(db: sqlite_utils.Database, deltaker_id: int) -> list[Hendelse]:
    return _MAPPER.living(db, "deltaker_id = ?", [deltaker_id], order="dato, id")


def all_living(db: sqlite_utils.Database) -> dict[int, list[Hendelse]]:
    """Every living participant's events, by participant: what the radar and the list need."""
    rows = db.execute_returning_dicts(
        f"SELECT h.* FROM {TABLE} h JOIN deltaker d ON d.id = h.deltaker_id "
        "WHERE h.slettet IS NULL AND d.slettet IS NULL ORDER BY h.dato, h.id"
    )
    events: dict[int, list[Hendelse]] = {}
    for r in rows:
        events.setdefault(r["deltaker_id"], []).append(_MAPPER.from_row(r, id=r["id"]))
    return events
