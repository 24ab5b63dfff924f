"""Rule values and codes the adviser adds in the settings, stored beside the participants."""

from __future__ import annotations

import datetime
import json

import sqlite_utils

from introdesk.domain.dates import format_date
from introdesk.domain.rules import Code, DatedValue
from introdesk.store import audit


def values(db: sqlite_utils.Database) -> list[DatedValue]:
    rows = db.execute_returning_dicts("SELECT * FROM regelverdi WHERE slettet IS NULL ORDER BY gyldig_fra")
    return [
        DatedValue(r["navn"], r["lovverk"], datetime.date.fromisoformat(r["gyldig_fra"]), None,
                   json.loads(r["verdi"]), r["kilde"],
                   origin=f"lagt til i IntroDesk {format_date(datetime.date.fromisoformat(r['opprettet'][:10]))}")
        for r in rows
    ]


def codes(db: sqlite_utils.Database) -> dict[str, list[Code]]:
    lists: dict[str, list[Code]] = {}
    for r in db.execute_returning_dicts("SELECT * FROM kode WHERE slettet IS NULL ORDER BY id"):
        lists.setdefault(r["liste"], []).append(Code(r["kode"], r["tekst"], json.loads(r["egenskaper"])))
    return lists


def add_value(db: sqlite_utils.Database, actor: audit.Actor, value: DatedValue) -> int:
    row = {"navn": value.name, "lovverk": value.lovverk, "gyldig_fra": value.valid_from.isoformat(),
           "verdi": json.dumps(value.value, ensure_ascii=False), "kilde": value.source}
    return _insert(db, actor, "regelverdi", row)


def add_code(db: sqlite_utils.Database, actor: audit.Actor, list_name: str, code: Code) -> int:
    row = {"liste": list_name, "kode": code.code, "tekst": code.label,
           "egenskaper": json.dumps(code.attributes, ensure_ascii=False)}
    return _insert(db, actor, "kode", row)


def _insert(db: sqlite_utils.Database, actor: audit.Actor, table: str, row: dict) -> int:
    stamp = audit.now().isoformat()
    cursor = db.execute(
        f"INSERT INTO {table} ({', '.join(row)}, opprettet, endret) VALUES ({', '.join('?' for _ in row)}, ?, ?)",
        [*row.values(), stamp, stamp],
    )
    audit.record(db, actor, table, cursor.lastrowid, audit.OPPRETTET, {k: [None, v] for k, v in row.items()})
    return cursor.lastrowid
