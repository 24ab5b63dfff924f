"""Absences by participant and day, and the benefit's reductions and approved months, all audited."""

from __future__ import annotations

import datetime
import json
from dataclasses import replace

import sqlite_utils

from introdesk.domain.fravaer import Fravaer
from introdesk.domain.stonad import Reduksjon
from introdesk.store import audit, records

_ABSENCE = records.Mapper("fravaer", Fravaer, skip=("id",))
_REDUCTION = records.Mapper("stonad_reduksjon", Reduksjon, skip=("id",))


def absences(db: sqlite_utils.Database, first: datetime.date, last: datetime.date,
             deltaker_id: int | None = None) -> list[Fravaer]:
    """Living absences from `first` to `last`, of one participant or all, by day."""
    where, params = "dato BETWEEN ? AND ?", [first.isoformat(), last.isoformat()]
    if deltaker_id is not None:
        where, params = where + " AND deltaker_id = ?", params + [deltaker_id]
    return _ABSENCE.living(db, where, params, order="dato, deltaker_id")


def set_day(db: sqlite_utils.Database, actor: audit.Actor, deltaker_id: int, day: datetime.date,
            absence: Fravaer | None) -> None:
    """Record the day as it should now stand: an absence, or (None) attended as planned."""
    found = absences(db, day, day, deltaker_id)
    old = found[0] if found else None
    if absence is None:
        if old is not None:
            _ABSENCE.set_deleted(db, actor, old.id, True)
    elif old is None:
        _ABSENCE.insert(db, actor, absence)
    else:
        _ABSENCE.update(db, actor, old.id, old, replace(absence, id=old.id))


def reductions(db: sqlite_utils.Database, month: datetime.date) -> list[Reduksjon]:
    return _REDUCTION.living(db, "maaned = ?", [month.isoformat()])


def add_reduction(db: sqlite_utils.Database, actor: audit.Actor, reduction: Reduksjon) -> int:
    return _REDUCTION.insert(db, actor, reduction)


def delete_reduction(db: sqlite_utils.Database, actor: audit.Actor, reduction_id: int) -> None:
    _REDUCTION.set_deleted(db, actor, reduction_id, True)


def get_reduction(db: sqlite_utils.Database, reduction_id: int) -> Reduksjon:
    return _REDUCTION.get(db, reduction_id)


def approved_months(db: sqlite_utils.Database) -> dict[datetime.date, dict]:
    """Every approved month's basis as it was paid, by month (the first of it)."""
    rows = db.execute("SELECT maaned, grunnlag FROM stonad_maaned ORDER BY maaned").fetchall()
    return {datetime.date.fromisoformat(m): json.loads(g) for m, g in rows}


def approve(db: sqlite_utils.Database, actor: audit.Actor, month: datetime.date, paid: dict) -> None:
    stamp = audit.now().isoformat()
    db.execute("INSERT INTO stonad_maaned (maaned, godkjent, godkjent_av, grunnlag) VALUES (?, ?, ?, ?)",
               [month.isoformat(), stamp, actor.user, json.dumps(paid, ensure_ascii=False)])
    audit.record(db, actor, "stonad_maaned", None, "godkjent", {"maaned": [None, month.isoformat()]})
