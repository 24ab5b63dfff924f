"""The employer register, contact persons, placements and their follow-up log, all audited."""

from __future__ import annotations

import sqlite_utils

from introdesk.domain.praksis import Arbeidsgiver, Kontaktperson, Oppfolging, Praksis
from introdesk.store import audit, records

_EMPLOYER = records.Mapper("arbeidsgiver", Arbeidsgiver, skip=("id",))
_CONTACT = records.Mapper("kontaktperson", Kontaktperson, skip=("id",))
_PLACEMENT = records.Mapper("praksis", Praksis, skip=("id",))
_FOLLOWUP = records.Mapper("praksis_oppfolging", Oppfolging, skip=("id",))


def _rows(db: sqlite_utils.Database, mapper: records.Mapper, where: str = "1", params=(), order: str = "id"):
    rows = db.execute_returning_dicts(
        f"SELECT * FROM {mapper.table} WHERE slettet IS NULL AND ({where}) ORDER BY {order}", list(params))
    return [mapper.from_row(r, id=r["id"]) for r in rows]


def _one(db: sqlite_utils.Database, mapper: records.Mapper, row_id: int):
    rows = db.execute_returning_dicts(f"SELECT * FROM {mapper.table} WHERE id = ?", [row_id])
    if not rows:
        raise KeyError(row_id)
    return mapper.from_row(rows[0], id=row_id)


def _save(db: sqlite_utils.Database, actor: audit.Actor, mapper: records.Mapper, obj) -> int:
    """Insert a new record, or write the changed fields of an existing one; returns its id."""
    if obj.id is None:
        return mapper.insert(db, actor, obj)
    mapper.update(db, actor, obj.id, _one(db, mapper, obj.id), obj)
    return obj.id


# ----- employers and their contact persons

def save_employer(db, actor, employer: Arbeidsgiver) -> int:
    return _save(db, actor, _EMPLOYER, employer)


def get_employer(db, employer_id: int) -> Arbeidsgiver:
    return _one(db, _EMPLOYER, employer_id)


def employers(db) -> list[Arbeidsgiver]:
    return _rows(db, _EMPLOYER, order="navn")


def employer_by_orgnr(db, orgnr: str) -> Arbeidsgiver | None:
    found = _rows(db, _EMPLOYER, "orgnr = ?", [orgnr])
    return found[0] if found else None


def delete_employer(db, actor, employer_id: int) -> None:
    _EMPLOYER.set_deleted(db, actor, employer_id, True)


def save_contact(db, actor, contact: Kontaktperson) -> int:
    return _save(db, actor, _CONTACT, contact)


def get_contact(db, contact_id: int) -> Kontaktperson:
    return _one(db, _CONTACT, contact_id)


def contacts(db, employer_id: int | None = None) -> list[Kontaktperson]:
    if employer_id is None:
        return _rows(db, _CONTACT, order="navn")
    return _rows(db, _CONTACT, "arbeidsgiver_id = ?", [employer_id], order="navn")


def delete_contact(db, actor, contact_id: int) -> None:
    _CONTACT.set_deleted(db, actor, contact_id, True)


# ----- placements and follow-ups

def save_placement(db, actor, placement: Praksis) -> int:
    return _save(db, actor, _PLACEMENT, placement)


def get_placement(db, placement_id: int) -> Praksis:
    return _one(db, _PLACEMENT, placement_id)


def delete_placement(db, actor, placement_id: int) -> None:
    _PLACEMENT.set_deleted(db, actor, placement_id, True)


def placements(db, deltaker_id: int | None = None, employer_id: int | None = None) -> list[Praksis]:
    """Living placements of living participants, newest first; optionally one participant's or employer's."""
    where, params = "deltaker_id IN (SELECT id FROM deltaker WHERE slettet IS NULL)", []
    if deltaker_id is not None:
        where, params = where + " AND deltaker_id = ?", params + [deltaker_id]
    if employer_id is not None:
        where, params = where + " AND arbeidsgiver_id = ?", params + [employer_id]
    return _rows(db, _PLACEMENT, where, params, order="fra DESC, id DESC")


def add_followup(db, actor, followup: Oppfolging) -> int:
    return _FOLLOWUP.insert(db, actor, followup)


def delete_followup(db, actor, followup_id: int) -> None:
    _FOLLOWUP.set_deleted(db, actor, followup_id, True)


def followups(db, placement_ids: list[int] | None = None) -> dict[int, list[Oppfolging]]:
    """Follow-ups by placement, oldest first; all of them when no ids are given."""
    if placement_ids is None:
        found = _rows(db, _FOLLOWUP, order="dato, id")
    else:
        marks = ", ".join("?" for _ in placement_ids) or "NULL"
        found = _rows(db, _FOLLOWUP, f"praksis_id IN ({marks})", placement_ids, order="dato, id")
    out: dict[int, list[Oppfolging]] = {}
    for f in found:
        out.setdefault(f.praksis_id, []).append(f)
    return out
