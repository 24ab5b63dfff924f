"""The append-only audit trail (revisjonsspor): who changed which fields of which record, when.

It doubles as the case history on a participant's page. The table refuses UPDATE and DELETE by
trigger, so even a bug cannot rewrite history.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from typing import Any

import sqlite_utils

# Action names as shown in the history.
OPPRETTET = "opprettet"
ENDRET = "endret"
SLETTET = "slettet"
GJENOPPRETTET = "gjenopprettet"


@dataclass(frozen=True)
class Actor:
    """Who acts, and through which door (gui, cli, demo, import)."""

    user: str
    source: str


@dataclass(frozen=True)
class AuditEntry:
    id: int
    when: datetime.datetime
    user: str
    source: str
    table: str
    row_id: int | None
    action: str
    changes: dict[str, list[Any]]  # field -> [old, new]


def now() -> datetime.datetime:
    return datetime.datetime.now().replace(microsecond=0)


def record(
    db: sqlite_utils.Database,
    actor: Actor,
    table: str,
    row_id: int | None,
    action: str,
    changes: dict[str, list[Any]],
) -> None:
    db.execute(
        "INSERT INTO revisjon (tidspunkt, bruker, kilde, tabell, rad_id, handling, endringer) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [now().isoformat(), actor.user, actor.source, table, row_id, action,
         json.dumps(changes, ensure_ascii=False, default=str)],
    )


def diff(old: dict[str, Any], new: dict[str, Any]) -> dict[str, list[Any]]:
    return {k: [old.get(k), v] for k, v in new.items() if old.get(k) != v}


def history(db: sqlite_utils.Database, table: str, row_id: int | None,
            related: dict[str, str] | None = None) -> list[AuditEntry]:
    """Changes to one row, newest first. `related` adds the changes to rows of other tables that belong
    to it: {table: "SELECT id FROM table WHERE ... = ?"}, the ? standing for row_id (a participant's
    events, plans and placements)."""
    where, params = "tabell = ? AND rad_id IS ?", [table, row_id]
    for other, ids in (related or {}).items():
        where += f" OR tabell = ? AND rad_id IN ({ids})"
        params += [other, row_id]
    rows = db.execute(
        f"SELECT id, tidspunkt, bruker, kilde, tabell, rad_id, handling, endringer FROM revisjon "
        f"WHERE {where} ORDER BY id DESC",
        params,
    ).fetchall()
    return [
        AuditEntry(r[0], datetime.datetime.fromisoformat(r[1]), r[2], r[3], r[4], r[5], r[6], json.loads(r[7]))
        for r in rows
    ]
