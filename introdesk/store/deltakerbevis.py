"""Issued certificates, kept with the case as the PDF that was handed out; issuing is audited."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import sqlite_utils

from introdesk.store import audit


@dataclass(frozen=True)
class Utstedt:
    id: int
    deltaker_id: int
    dato: datetime.date
    malform: str
    sha256: str
    utstedt_av: str


def add(db: sqlite_utils.Database, actor: audit.Actor, deltaker_id: int, day: datetime.date, malform: str,
        sha256: str, pdf: bytes) -> int:
    cursor = db.execute(
        "INSERT INTO deltakerbevis (deltaker_id, dato, malform, sha256, pdf, utstedt_av, opprettet) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [deltaker_id, day.isoformat(), malform, sha256, pdf, actor.user, audit.now().isoformat()])
    audit.record(db, actor, "deltakerbevis", cursor.lastrowid, "utstedt",
                 {"deltaker_id": [None, deltaker_id], "dato": [None, day.isoformat()], "malform": [None, malform],
                  "sha256": [None, sha256]})
    return cursor.lastrowid


def issued(db: sqlite_utils.Database, deltaker_id: int) -> list[Utstedt]:
    """The participant's certificates, newest first."""
    rows = db.execute("SELECT id, deltaker_id, dato, malform, sha256, utstedt_av FROM deltakerbevis "
                      "WHERE deltaker_id = ? ORDER BY id DESC", [deltaker_id]).fetchall()
    return [Utstedt(r[0], r[1], datetime.date.fromisoformat(r[2]), r[3], r[4], r[5]) for r in rows]


def pdf(db: sqlite_utils.Database, certificate_id: int) -> bytes:
    row = db.execute("SELECT pdf FROM deltakerbevis WHERE id = ?", [certificate_id]).fetchone()
    if row is None:
        raise KeyError(certificate_id)
    return row[0]
