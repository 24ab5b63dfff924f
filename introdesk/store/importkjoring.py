"""Import runs (import_kjoring) and what each wrote, read back from the audit trail so it can be undone.

Callers wrap each user action in db.atomic(); these functions never commit on their own.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from introdesk.store import audit

TABLE = "import_kjoring"


@dataclass(frozen=True)
class Kjoring:
    id: int
    tidspunkt: datetime.datetime
    bruker: str
    filnavn: str
    sha256: str
    nye: int
    endret: int
    uendret: int
    revisjon_fra: int
    revisjon_til: int
    angret: datetime.datetime | None


@dataclass(frozen=True)
class Skrevet:
    """One row the import wrote, as its audit row tells it."""

    revisjon_id: int
    table: str
    row_id: int
    action: str  # audit.OPPRETTET or audit.ENDRET
    changes: dict[str, list[Any]]


def last_audit_id(db: sqlite_utils.Database) -> int:
    return db.execute("SELECT coalesce(max(id), 0) FROM revisjon").fetchone()[0]


def insert(db: sqlite_utils.Database, actor: audit.Actor, filnavn: str, sha256: str, counts: tuple[int, int, int],
           revisjon_fra: int, revisjon_til: int) -> int:
    cursor = db.execute(
        f"INSERT INTO {TABLE} (tidspunkt, bruker, filnavn, sha256, nye, endret, uendret, revisjon_fra, revisjon_til) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [audit.now().isoformat(), actor.user, filnavn, sha256, *counts, revisjon_fra, revisjon_til])
    return cursor.lastrowid


def last(db: sqlite_utils.Database) -> Kjoring | None:
    """The newest import, undone or not."""
    rows = db.execute_returning_dicts(f"SELECT * FROM {TABLE} ORDER BY id DESC LIMIT 1")
    if not rows:
        return None
    r = rows[0]
    stamp = datetime.datetime.fromisoformat
    return Kjoring(**{**r, "tidspunkt": stamp(r["tidspunkt"]), "angret": stamp(r["angret"]) if r["angret"] else None})


def mark_undone(db: sqlite_utils.Database, kjoring_id: int) -> None:
    db.execute(f"UPDATE {TABLE} SET angret = ? WHERE id = ?", [audit.now().isoformat(), kjoring_id])


def written(db: sqlite_utils.Database, run: Kjoring) -> list[Skrevet]:
    """The rows the run created or changed, in the order it wrote them."""
    rows = db.execute(
        "SELECT id, tabell, rad_id, handling, endringer FROM revisjon WHERE id BETWEEN ? AND ? AND kilde = 'import' "
        "AND handling IN (?, ?) ORDER BY id", [run.revisjon_fra, run.revisjon_til, audit.OPPRETTET, audit.ENDRET],
    ).fetchall()
    return [Skrevet(r[0], r[1], r[2], r[3], json.loads(r[4])) for r in rows]


def touched_since(db: sqlite_utils.Database, after_id: int) -> set[tuple[str, int]]:
    """(table, row id) of every row the audit trail says was written after that audit row."""
    rows = db.execute("SELECT tabell, rad_id FROM revisjon WHERE id > ? AND rad_id IS NOT NULL", [after_id])
    return {(r[0], r[1]) for r in rows.fetchall()}


def delete_row(db: sqlite_utils.Database, actor: audit.Actor, table: str, row_id: int) -> None:
    """Remove a row an import created; the audit trail keeps that it was there."""
    db.execute(f"DELETE FROM {table} WHERE id = ?", [row_id])
    audit.record(db, actor, table, row_id, audit.SLETTET, {"import": [None, "angret"]})


def revert(db: sqlite_utils.Database, actor: audit.Actor, table: str, row_id: int,
           changes: dict[str, list[Any]]) -> None:
    """Put back the values an import changed ({field: [old, new]} as the audit row has them)."""
    db.execute(f"UPDATE {table} SET {', '.join(f'{k} = ?' for k in changes)}, endret = ? WHERE id = ?",
               [*(old for old, _ in changes.values()), audit.now().isoformat(), row_id])
    audit.record(db, actor, table, row_id, audit.ENDRET, {k: [new, old] for k, (old, new) in changes.items()})
