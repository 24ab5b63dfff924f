"""The participant table: rows in and out as domain objects, every change written to the audit trail.

Callers wrap each user action in db.atomic(); these functions never commit on their own.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from introdesk.domain.deltaker import Deltaker
from introdesk.store import audit, records

TABLE = "deltaker"
_MAPPER = records.Mapper(TABLE, Deltaker)
to_row = _MAPPER.to_row
from_row = _MAPPER.from_row
# The columns the list screen needs; the rest is read when a participant is opened.
LIST_COLUMNS = (
    "id", "fornavn", "etternavn", "ident", "ident_type", "fodselsdato", "kjonn", "landbakgrunn",
    "lovverk", "oppholdsgrunnlag", "tillatelse_dato", "bosatt_dato", "bosatt_etter_avtale",
)


@dataclass(frozen=True)
class Stored:
    id: int
    deltaker: Deltaker
    opprettet: datetime.datetime
    endret: datetime.datetime
    slettet: datetime.datetime | None


def insert(db: sqlite_utils.Database, actor: audit.Actor, d: Deltaker) -> int:
    return _MAPPER.insert(db, actor, d)


def update(db: sqlite_utils.Database, actor: audit.Actor, row_id: int, d: Deltaker) -> dict[str, list]:
    """Write the changed fields only; returns {field: [old, new]} (empty when nothing changed)."""
    return _MAPPER.update(db, actor, row_id, get(db, row_id).deltaker, d)


def update_from(db: sqlite_utils.Database, actor: audit.Actor, row_id: int, old: Deltaker, new: Deltaker) -> dict:
    """As update, when the record as stored is already at hand (an import of thousands)."""
    return _MAPPER.update(db, actor, row_id, old, new)


def set_deleted(db: sqlite_utils.Database, actor: audit.Actor, row_id: int, deleted: bool) -> None:
    _MAPPER.set_deleted(db, actor, row_id, deleted)


def _stored(r: dict[str, Any]) -> Stored:
    stamp = datetime.datetime.fromisoformat
    return Stored(r["id"], from_row(r), stamp(r["opprettet"]), stamp(r["endret"]),
                  stamp(r["slettet"]) if r["slettet"] else None)


def get(db: sqlite_utils.Database, row_id: int) -> Stored:
    rows = db.execute_returning_dicts(f"SELECT * FROM {TABLE} WHERE id = ?", [row_id])
    if not rows:
        raise KeyError(row_id)
    return _stored(rows[0])


def list_deleted(db: sqlite_utils.Database) -> list[Stored]:
    rows = db.execute_returning_dicts(f"SELECT * FROM {TABLE} WHERE slettet IS NOT NULL ORDER BY slettet DESC")
    return [_stored(r) for r in rows]


def living(db: sqlite_utils.Database) -> list[Stored]:
    """Every living participant's whole record, by id: for the yearly file and the results."""
    return [_stored(r) for r in db.execute_returning_dicts(f"SELECT * FROM {TABLE} WHERE slettet IS NULL ORDER BY id")]


def list_rows(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    """The living participants, with the columns the list shows."""
    return db.execute_returning_dicts(f"SELECT {', '.join(LIST_COLUMNS)} FROM {TABLE} WHERE slettet IS NULL")


def names(db: sqlite_utils.Database, ids: list[int] | None = None) -> dict[int, tuple[str, str, str]]:
    """(fornavn, etternavn, kjonn) by id, for the given living participants or all of them."""
    where, params = "slettet IS NULL", []
    if ids is not None:
        where += f" AND id IN ({', '.join('?' for _ in ids) or 'NULL'})"
        params = list(ids)
    rows = db.execute(f"SELECT id, fornavn, etternavn, kjonn FROM {TABLE} WHERE {where}", params).fetchall()
    return {r[0]: (r[1], r[2], r[3]) for r in rows}


def find_by_ident(db: sqlite_utils.Database, ident: str) -> list[dict[str, Any]]:
    """Records with this identity number, living first; deleted ones can be restored instead."""
    return db.execute_returning_dicts(
        f"SELECT id, fornavn, etternavn, slettet FROM {TABLE} WHERE ident = ? ORDER BY slettet IS NOT NULL, id",
        [ident],
    )


def same_birth_date(db: sqlite_utils.Database, fodselsdato: datetime.date) -> list[dict[str, Any]]:
    return db.execute_returning_dicts(
        f"SELECT id, fornavn, etternavn FROM {TABLE} WHERE fodselsdato = ? AND slettet IS NULL",
        [fodselsdato.isoformat()],
    )
