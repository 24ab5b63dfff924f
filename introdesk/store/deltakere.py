"""The participant table: rows in and out as domain objects, every change written to the audit trail.

Callers wrap each user action in db.atomic(); these functions never commit on their own.
"""

from __future__ import annotations

import datetime
import typing
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from introdesk.domain.deltaker import FIELD_NAMES, Deltaker
from introdesk.store import audit

TABLE = "deltaker"
_HINTS = typing.get_type_hints(Deltaker)


def _fields_of_type(kind: type) -> set[str]:
    return {n for n in FIELD_NAMES if kind in (_HINTS[n], *typing.get_args(_HINTS[n]))}


_DATE_FIELDS = _fields_of_type(datetime.date)
_BOOL_FIELDS = _fields_of_type(bool)
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


def to_row(d: Deltaker) -> dict[str, Any]:
    row = d.as_dict()
    for name in _DATE_FIELDS:
        row[name] = row[name].isoformat() if row[name] else None
    for name in _BOOL_FIELDS:
        row[name] = None if row[name] is None else int(row[name])
    return row


def from_row(row: dict[str, Any]) -> Deltaker:
    values = {name: row[name] for name in FIELD_NAMES}
    for name in _DATE_FIELDS:
        values[name] = datetime.date.fromisoformat(values[name]) if values[name] else None
    for name in _BOOL_FIELDS:
        values[name] = None if values[name] is None else bool(values[name])
    return Deltaker(**values)


def insert(db: sqlite_utils.Database, actor: audit.Actor, d: Deltaker) -> int:
    stamp = audit.now().isoformat()
    row = to_row(d)
    cursor = db.execute(
        f"INSERT INTO {TABLE} ({', '.join(row)}, opprettet, endret) "
        f"VALUES ({', '.join('?' for _ in row)}, ?, ?)",
        [*row.values(), stamp, stamp],
    )
    new_id = cursor.lastrowid
    audit.record(db, actor, TABLE, new_id, audit.OPPRETTET, {k: [None, v] for k, v in row.items() if v not in (None, "", 0)})
    return new_id


def update(db: sqlite_utils.Database, actor: audit.Actor, row_id: int, d: Deltaker) -> dict[str, list]:
    """Write the changed fields only; returns {field: [old, new]} (empty when nothing changed)."""
    current = get(db, row_id)
    changes = audit.diff(to_row(current.deltaker), to_row(d))
    if changes:
        assignments = ", ".join(f"{k} = ?" for k in changes)
        db.execute(
            f"UPDATE {TABLE} SET {assignments}, endret = ? WHERE id = ?",
            [*(new for _, new in changes.values()), audit.now().isoformat(), row_id],
        )
        audit.record(db, actor, TABLE, row_id, audit.ENDRET, changes)
    return changes


def set_deleted(db: sqlite_utils.Database, actor: audit.Actor, row_id: int, deleted: bool) -> None:
    stamp = audit.now().isoformat()
    db.execute(f"UPDATE {TABLE} SET slettet = ?, endret = ? WHERE id = ?", [stamp if deleted else None, stamp, row_id])
    audit.record(db, actor, TABLE, row_id, audit.SLETTET if deleted else audit.GJENOPPRETTET, {})


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


def list_rows(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    """The living participants, with the columns the list shows."""
    return db.execute_returning_dicts(f"SELECT {', '.join(LIST_COLUMNS)} FROM {TABLE} WHERE slettet IS NULL")


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
