"""The employer register, contact persons, placements and their follow-up log, all audited."""

from __future__ import annotations

import sqlite_utils

from introdesk.domain.praksis import Arbeidsgiver, Kontaktperson, Oppfolging, Praksis
from introdesk.store import audit, records

_EMPLOYER = records.Mapper("arbeidsgiver", Arbeidsgiver, skip=("id",))
_CONTACT = records.Mapper("kontaktperson", Kontaktperson, skip=("id",))
_PLACEMENT = records.Mapper("praksis", Praksis, skip=("id",))
_FOLLOWUP = records.Mapper("praksis_oppfolging", Oppfolging, skip=("id",))


def _save(db: sqlite_utils.Database, actor: audit.Actor, mapper: records.Mapper, obj) -> int:
    """Insert a new record, or write the changed fields of an existing one; returns its id."""
    if obj.id is None:
        return mapper.insert(db, actor, obj)
    mapper.update(db, actor, obj.id, mapper.get(db, obj.id), obj)
    return obj.id


# ----- employers and their contact persons

def save_employer(db, actor, employer: Arbeidsgiver) -> int:
    return _save(db, actor, _EMPLOYER, employer)


def update_employer_from(db, actor, old: Arbeidsgiver, new: Arbeidsgiver) -> dict:
    """Write the changed fields when the employer as stored is already at hand (an import)."""
    return _EMPLOYER.update(db, actor, new.id, old, new)


def update_placement_from(db, actor, old: Praksis, new: Praksis) -> dict:
    return _PLACEMENT.update(db, actor, new.id, old, new)


def employer_row(employer: Arbeidsgiver) -> dict:
    return _EMPLOYER.to_row(employer)


def placement_row(placement: Praksis) -> dict:
    return _PLACEMENT.to_row(placement)


def get_employer(db, employer_id: int) -> Arbeidsgiver:
    return _EMPLOYER.get(db, employer_id)


def employers(db) -> list[Arbeidsgiver]:
    return _EMPLOYER.living(db, order="navn")


def employer_by_orgnr(db, orgnr: str) -> Arbeidsgiver | None:
    found = _EMPLOYER.living(db, "orgnr = ?", [orgnr])
    return found[0] if found else None


def delete_employer(db, actor, employer_id: int) -> None:
    _EMPLOYER.set_deleted(db, actor, employer_id, True)


def save_contact(db, actor, contact: Kontaktperson) -> int:
    return _save(db, actor, _CONTACT, contact)


def get_contact(db, contact_id: int) -> Kontaktperson:
    return _CONTACT.get(db, contact_id)


def contacts(db, employer_id: int | None = None) -> list[Kontaktperson]:
    if employer_id is None:
        return _CONTACT.living(db, order="navn")
    return _CONTACT.living(db, "arbeidsgiver_id = ?", [employer_id], order="navn")


def delete_contact(db, actor, contact_id: int) -> None:
    _CONTACT.set_deleted(db, actor, contact_id, True)


# ----- placements and follow-ups

def save_placement(db, actor, placement: Praksis) -> int:
    return _save(db, actor, _PLACEMENT, placement)


def get_placement(db, placement_id: int) -> Praksis:
    return _PLACEMENT.get(db, placement_id)


def delete_placement(db, actor, placement_id: int) -> None:
    _PLACEMENT.set_deleted(db, actor, placement_id, True)


def placements(db, deltaker_id: int | None = None, employer_id: int | None = None) -> list[Praksis]:
    """Living placements of living participants, newest first; optionally one participant's or employer's."""
    where, params = "deltaker_id IN (SELECT id FROM deltaker WHERE slettet IS NULL)", []
    if deltaker_id is not None:
        where, params = where + " AND deltaker_id = ?", params + [deltaker_id]
    if employer_id is not None:
        where, params = where + " AND arbeidsgiver_id = ?", params + [employer_id]
    return _PLACEMENT.living(db, where, params, order="fra DESC, id DESC")


def add_followup(db, actor, followup: Oppfolging) -> int:
    return _FOLLOWUP.insert(db, actor, followup)


def delete_followup(db, actor, followup_id: int) -> None:
    _FOLLOWUP.set_deleted(db, actor, followup_id, True)


def followups(db, placement_ids: list[int] | None = None) -> dict[int, list[Oppfolging]]:
    """Follow-ups by placement, oldest first; all of them when no ids are given."""
    if placement_ids is None:
        found = _FOLLOWUP.living(db, order="dato, id")
    else:
        marks = ", ".join("?" for _ in placement_ids) or "NULL"
        found = _FOLLOWUP.living(db, f"praksis_id IN ({marks})", placement_ids, order="dato, id")
    out: dict[int, list[Oppfolging]] = {}
    for f in found:
        out.setdefault(f.praksis_id, []).append(f)
    return out
