"""Key-value settings stored in the database, audited like any other change."""

from __future__ import annotations

import sqlite_utils

from introdesk.store import audit


def load(db: sqlite_utils.Database) -> dict[str, str]:
    return dict(db.execute("SELECT nokkel, verdi FROM innstilling").fetchall())


def save(db: sqlite_utils.Database, actor: audit.Actor, values: dict[str, str]) -> dict[str, list]:
    changes = audit.diff(load(db), values)
    for key, (_, new) in changes.items():
        db.execute(
            "INSERT INTO innstilling (nokkel, verdi) VALUES (?, ?) "
            "ON CONFLICT (nokkel) DO UPDATE SET verdi = excluded.verdi",
            [key, new],
        )
    if changes:
        audit.record(db, actor, "innstilling", None, audit.ENDRET, changes)
    return changes
