"""The deadline radar across the register, and the adviser's marks on its items."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from introdesk.domain.dates import parse_date
from introdesk.domain.form import FieldErrors
from introdesk.domain.forlop import Forlop
from introdesk.domain.frister import FORFALT, Deltakerstatus, Frist, Merknad, radar
from introdesk.services import program
from introdesk.services.session import Session
from introdesk.store import deltakere as deltaker_repo
from introdesk.store import frister as repo

MUNICIPALITY = "Kommunen"  # shown for items that concern no single participant


@dataclass(frozen=True)
class FristRad:
    frist: Frist
    navn: str
    urgency: str
    when: str


def frister(session: Session, today: datetime.date | None = None,
            statuses: dict[int, Forlop] | None = None) -> list[FristRad]:
    """The radar; `statuses` (from program.statuses) saves reading the programmes twice."""
    today = today or datetime.date.today()
    if statuses is None:
        statuses = program.statuses(session, today)
    people, names = [], {}
    for r in deltaker_repo.list_rows(session.db):
        names[r["id"]] = f"{r['etternavn']}, {r['fornavn']}"
        bosatt = datetime.date.fromisoformat(r["bosatt_dato"]) if r["bosatt_dato"] else None
        people.append(Deltakerstatus(r["id"], r["lovverk"], bosatt, statuses[r["id"]]))
    return [
        FristRad(item, names.get(item.deltaker_id, MUNICIPALITY), item.urgency(today), item.when(today))
        for item in radar(people, session.rules, today, repo.marks(session.db))
    ]


def overdue_count(rows: list[FristRad]) -> int:
    return sum(1 for r in rows if r.urgency == FORFALT)


def mark_done(session: Session, key: str, reason: str) -> None:
    with session.db.atomic():
        repo.save_mark(session.db, session.actor, Merknad(key, True, None, reason.strip()))


def snooze(session: Session, key: str, until: str | datetime.date, reason: str) -> None:
    """Hide an item until a date; a reason is required, since the deadline itself stays."""
    errors = {}
    try:
        day = until if isinstance(until, datetime.date) else parse_date(until)
    except ValueError as exc:
        errors["til_dato"], day = str(exc), None
    if day is None and "til_dato" not in errors:
        errors["til_dato"] = "Skriv datoen fristen skal vises igjen."
    elif day is not None and day <= datetime.date.today():
        errors["til_dato"] = "Datoen må ligge fram i tid."
    if not reason.strip():
        errors["grunn"] = "Skriv hvorfor fristen utsettes."
    if errors:
        raise FieldErrors(errors)
    with session.db.atomic():
        repo.save_mark(session.db, session.actor, Merknad(key, False, day, reason.strip()))
