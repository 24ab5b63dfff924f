"""The deadline radar across the register, and the adviser's marks on its items."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from introdesk.domain.dates import parse_date
from introdesk.domain.form import FieldErrors
from introdesk.domain.forlop import Forlop
from introdesk.domain.frister import FORFALT, Deltakerstatus, Frist, Merknad, Praksisstatus, radar
from introdesk.domain.names import listing_name
from introdesk.domain.praksis import AVSLUTTET, next_followup
from introdesk.services import program, stonad
from introdesk.services.session import Session
from introdesk.store import deltakere as deltaker_repo
from introdesk.store import frister as repo
from introdesk.store import plans as plan_repo
from introdesk.store import praksis as praksis_repo

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
    plans = plan_repo.latest_dates(session.db)
    placements = _open_placements(session, today)
    absence = stonad.absence_warnings(session, today)
    people, names = [], {}
    for r in deltaker_repo.list_rows(session.db):
        names[r["id"]] = listing_name(r["fornavn"], r["etternavn"])
        bosatt = datetime.date.fromisoformat(r["bosatt_dato"]) if r["bosatt_dato"] else None
        people.append(Deltakerstatus(r["id"], r["lovverk"], bosatt, statuses[r["id"]], plans.get(r["id"]),
                                     tuple(placements.get(r["id"], ())), tuple(absence.get(r["id"], ()))))
    return [
        FristRad(item, names.get(item.deltaker_id, MUNICIPALITY), item.urgency(today), item.when(today))
        for item in radar(people, session.rules, today, repo.marks(session.db))
    ]


def _open_placements(session: Session, today: datetime.date) -> dict[int, list[Praksisstatus]]:
    """Placements planned or running, by participant, with their next follow-up."""
    found = [p for p in praksis_repo.placements(session.db) if p.status(today) != AVSLUTTET]
    log = praksis_repo.followups(session.db, [p.id for p in found])
    employers = {a.id: a.navn for a in praksis_repo.employers(session.db)}
    out: dict[int, list[Praksisstatus]] = {}
    for p in found:
        out.setdefault(p.deltaker_id, []).append(Praksisstatus(
            p.id, employers.get(p.arbeidsgiver_id, ""), p.fra, p.til, p.avtale_signert is not None,
            next_followup(p, log.get(p.id, []), today)))
    return out


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
