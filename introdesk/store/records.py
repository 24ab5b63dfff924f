"""Domain dataclasses in and out of STRICT tables, each write recorded in the audit trail.

Dates are stored as ISO text, booleans as 0/1, hours (Decimal) as text with two decimals and
weekdays (a tuple of ints) as "0,2,4"; the dataclass's type hints say which is which.
Callers wrap each user action in db.atomic(); these functions never commit on their own.
"""

from __future__ import annotations

import dataclasses
import datetime
import typing
from decimal import Decimal
from typing import Any

import sqlite_utils

from introdesk.store import audit


class Mapper:
    """The columns of one table that hold the fields of one dataclass."""

    def __init__(self, table: str, kind: type, skip: tuple[str, ...] = ()):
        self.table, self.kind = table, kind
        hints = typing.get_type_hints(kind)
        self.fields = tuple(f.name for f in dataclasses.fields(kind) if f.name not in skip)
        self._dates = {n for n in self.fields if datetime.date in (hints[n], *typing.get_args(hints[n]))}
        self._bools = {n for n in self.fields if bool in (hints[n], *typing.get_args(hints[n]))}
        self._decimals = {n for n in self.fields if Decimal in (hints[n], *typing.get_args(hints[n]))}
        self._days = {n for n in self.fields if hints[n] == tuple[int, ...]}

    def to_row(self, obj) -> dict[str, Any]:
        row = {name: getattr(obj, name) for name in self.fields}
        for name in self._dates:
            row[name] = row[name].isoformat() if row[name] else None
        for name in self._bools:
            row[name] = None if row[name] is None else int(row[name])
        for name in self._decimals:
            row[name] = None if row[name] is None else f"{row[name].quantize(Decimal('0.01')):f}"
        for name in self._days:
            row[name] = ",".join(str(d) for d in row[name])
        return row

    def from_row(self, row: dict[str, Any], **extra):
        values = {name: row[name] for name in self.fields}
        for name in self._dates:
            values[name] = datetime.date.fromisoformat(values[name]) if values[name] else None
        for name in self._bools:
            values[name] = None if values[name] is None else bool(values[name])
        for name in self._decimals:
            values[name] = None if values[name] is None else Decimal(values[name])
        for name in self._days:
            values[name] = tuple(int(d) for d in values[name].split(",") if d)
        return self.kind(**values, **extra)

    def get(self, db: sqlite_utils.Database, row_id: int):
        """The record with this id (living or deleted); KeyError when there is none."""
        rows = db.execute_returning_dicts(f"SELECT * FROM {self.table} WHERE id = ?", [row_id])
        if not rows:
            raise KeyError(row_id)
        return self.from_row(rows[0], id=row_id)

    def living(self, db: sqlite_utils.Database, where: str = "1", params=(), order: str = "id") -> list:
        """The records not deleted that match `where`, in `order`."""
        rows = db.execute_returning_dicts(
            f"SELECT * FROM {self.table} WHERE slettet IS NULL AND ({where}) ORDER BY {order}", list(params))
        return [self.from_row(r, id=r["id"]) for r in rows]

    def insert(self, db: sqlite_utils.Database, actor: audit.Actor, obj, **parent) -> int:
        """Insert a row; `parent` names the columns that tie it to its owner (plan_id=...)."""
        stamp = audit.now().isoformat()
        row = {**parent, **self.to_row(obj)}
        cursor = db.execute(
            f"INSERT INTO {self.table} ({', '.join(row)}, opprettet, endret) "
            f"VALUES ({', '.join('?' for _ in row)}, ?, ?)",
            [*row.values(), stamp, stamp],
        )
        audit.record(db, actor, self.table, cursor.lastrowid, audit.OPPRETTET,
                     {k: [None, v] for k, v in row.items() if v not in (None, "", 0)})
        return cursor.lastrowid

    def update(self, db: sqlite_utils.Database, actor: audit.Actor, row_id: int, old, new) -> dict[str, list]:
        """Write the changed fields only; returns {field: [old, new]} (empty when nothing changed)."""
        changes = audit.diff(self.to_row(old), self.to_row(new))
        if changes:
            db.execute(
                f"UPDATE {self.table} SET {', '.join(f'{k} = ?' for k in changes)}, endret = ? WHERE id = ?",
                [*(value for _, value in changes.values()), audit.now().isoformat(), row_id],
            )
            audit.record(db, actor, self.table, row_id, audit.ENDRET, changes)
        return changes

    def set_deleted(self, db: sqlite_utils.Database, actor: audit.Actor, row_id: int, deleted: bool) -> None:
        stamp = audit.now().isoformat()
        db.execute(f"UPDATE {self.table} SET slettet = ?, endret = ? WHERE id = ?",
                   [stamp if deleted else None, stamp, row_id])
        audit.record(db, actor, self.table, row_id, audit.SLETTET if deleted else audit.GJENOPPRETTET, {})
