"""The adviser's marks on deadline items (done, or snoozed with a reason), audited."""

from __future__ import annotations

import sqlite_utils

from introdesk.domain.dates import from_iso, to_iso
from introdesk.domain.frister import Merknad
from introdesk.store import audit

TABLE = "frist_merknad"


def marks(db: sqlite_utils.Database) -> dict[str, Merknad]:
    rows = db.execute_returning_dicts(f"SELECT nokkel, ferdig, til_dato, grunn FROM {TABLE} WHERE slettet IS NULL")
    return {r["nokkel"]: Merknad(r["nokkel"], bool(r["ferdig"]), from_iso(r["til_dato"]), r["grunn"]) for r in rows}


def save_mark(db: sqlite_utils.Database, actor: audit.Actor, mark: Merknad) -> None:
    stamp = audit.now().isoformat()
    new = {"nokkel": mark.key, "ferdig": int(mark.done), "til_dato": to_iso(mark.until), "grunn": mark.reason}
    old = db.execute_returning_dicts(f"SELECT id, nokkel, ferdig, til_dato, grunn FROM {TABLE} WHERE nokkel = ?",
                                     [mark.key])
    if old:
        row_id = old[0].pop("id")
        db.execute(f"UPDATE {TABLE} SET ferdig = ?, til_dato = ?, grunn = ?, endret = ?, slettet = NULL WHERE id = ?",
                   [new["ferdig"], new["til_dato"], new["grunn"], stamp, row_id])
        audit.record(db, actor, TABLE, row_id, audit.ENDRET, audit.diff(old[0], new))
    else:
        cursor = db.execute(
            f"INSERT INTO {TABLE} (nokkel, ferdig, til_dato, grunn, opprettet, endret) VALUES (?, ?, ?, ?, ?, ?)",
            [*new.values(), stamp, stamp],
        )
        audit.record(db, actor, TABLE, cursor.lastrowid, audit.OPPRETTET, {k: [None, v] for k, v in new.items()})
