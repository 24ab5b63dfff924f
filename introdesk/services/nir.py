"""NIR for the adviser: the worklist of events still to key into NIR web, marking them registered, the
year's completeness check and the yearly file. DOMAIN.md section 12."""

from __future__ import annotations

import datetime
import shutil
from dataclasses import dataclass, replace
from pathlib import Path

from introdesk.domain import forlop as forlop_rules
from introdesk.domain import nir
from introdesk.domain import nir_arsfil
from introdesk.domain.dates import format_date
from introdesk.domain.form import FieldErrors
from introdesk.domain.names import listing_name
from introdesk.domain.nir import Mangel, Sak
from introdesk.domain.nir_arsfil import Arsfil
from introdesk.services import settings
from introdesk.services.files import writing
from introdesk.services.session import Session
from introdesk.store import deltakere as deltaker_repo
from introdesk.store import fravaer as fravaer_repo
from introdesk.store import hendelser as hendelse_repo
from introdesk.store import plans as plan_repo
from introdesk.store import praksis as praksis_repo


def saker(session: Session, today: datetime.date, year: int | None = None, content: bool = True) -> list[Sak]:
    """Every living participant's case, read in a few queries: with `content`, plans and placements; with
    a year, its absences too. The results need neither."""
    events = hendelse_repo.all_living(session.db)
    plans = plan_repo.current_plans(session.db) if content else {}
    placements: dict[int, list] = {}
    if content:
        employers = {a.id: a.navn for a in praksis_repo.employers(session.db)}
        for p in praksis_repo.placements(session.db):
            placements.setdefault(p.deltaker_id, []).append((p, employers.get(p.arbeidsgiver_id, "")))
    absences: dict[int, list] = {}
    if year is not None:
        first, last = nir.year_span(year)
        for a in fravaer_repo.absences(session.db, first, last):
            absences.setdefault(a.deltaker_id, []).append(a)
    out = []
    for stored in deltaker_repo.living(session.db):
        d = stored.deltaker
        ev = events.get(stored.id, [])
        out.append(Sak(stored.id, d, forlop_rules.summarize(ev, d.lovverk, session.rules, today), plans.get(stored.id),
                       tuple(placements.get(stored.id, ())), tuple(absences.get(stored.id, ()))))
    return out


# ----- the worklist

@dataclass(frozen=True)
class NirRad:
    registrering: nir.Registrering
    deltaker_id: int
    navn: str


def worklist(session: Session, today: datetime.date | None = None) -> list[NirRad]:
    """Every event NIR asks for that is not yet marked as registered, oldest first."""
    today = today or datetime.date.today()
    people = {r["id"]: r for r in deltaker_repo.list_rows(session.db)}
    rows = []
    for deltaker_id, events in hendelse_repo.all_living(session.db).items():
        r = people[deltaker_id]
        rows += [NirRad(item, deltaker_id, listing_name(r["fornavn"], r["etternavn"]))
                 for item in nir.awaiting(events, r["lovverk"], session.rules, today)]
    return sorted(rows, key=lambda r: (r.registrering.since, r.navn, r.registrering.hendelse.id))


def mark_registered(session: Session, hendelse_ids: list[int], day: datetime.date | None = None
                    ) -> dict[int, datetime.date | None]:
    """Mark events as keyed into NIR on `day` (today), all or none, each change in the audit trail.

    Returns each event's date before, for undo_registration; FieldErrors at «nir_dato» when the day is
    impossible for one of them."""
    today = datetime.date.today()
    day = day or today
    if day > today:
        raise FieldErrors({"nir_dato": "Registreringen i NIR kan ikke ligge fram i tid."})
    before = {}
    with session.db.atomic():
        for hendelse_id in hendelse_ids:
            h = hendelse_repo.get(session.db, hendelse_id)
            if day < nir.earliest_registration(h):
                raise FieldErrors({"nir_dato": f"«{h.label}» kan ikke være registrert i NIR før "
                                               f"{format_date(nir.earliest_registration(h))}."})
            before[hendelse_id] = h.nir_dato
            hendelse_repo.update(session.db, session.actor, replace(h, nir_dato=day))
    return before


def undo_registration(session: Session, before: dict[int, datetime.date | None]) -> None:
    """Put the events' NIR dates back as they were before a marking (audited like any change)."""
    with session.db.atomic():
        for hendelse_id, nir_dato in before.items():
            h = hendelse_repo.get(session.db, hendelse_id)
            hendelse_repo.update(session.db, session.actor, replace(h, nir_dato=nir_dato))


# ----- the year

@dataclass(frozen=True)
class MangelRad:
    mangel: Mangel
    navn: str


def completeness(session: Session, year: int, today: datetime.date | None = None) -> list[MangelRad]:
    """The year's problems, participant by participant, errors first within each."""
    today = today or datetime.date.today()
    rows = []
    for sak in saker(session, today):
        if nir.active_in(sak, year):
            name = listing_name(sak.deltaker.fornavn, sak.deltaker.etternavn)
            rows += [MangelRad(m, name) for m in nir.check(sak, year, session.rules, today)]
    return rows


def year_file(session: Session, year: int, today: datetime.date | None = None) -> Arsfil:
    today = today or datetime.date.today()
    municipality = settings.load(session)
    return nir_arsfil.build(saker(session, today, year), year, session.rules, today,
                            (municipality.kommune_nr, municipality.kommune_navn))


def export(session: Session, year: int, folder: Path, today: datetime.date | None = None) -> tuple[Arsfil, list[Path]]:
    """Write the year's file set into `folder`: XLSX, one CSV per sheet and JSON. Returns the file and
    the paths written; FieldErrors at «fil» naming the file when one cannot be written.

    The set is written beside the folder's files first and moved in only when every file is whole and
    none of the old ones is held open (by Excel), so a failure leaves last time's set as it was."""
    from introdesk.reports import nir_arsfil as writer  # the spreadsheet writer loads when a file is written

    arsfil = year_file(session, year, today)
    folder = Path(folder)
    staging = folder / f".nir-{year}-skrives"
    with writing(folder):
        folder.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir()
    try:
        with writing(folder):
            parts = writer.write_all(arsfil, staging)
        targets = [folder / part.name for part in parts]
        for target in targets:
            if target.exists():
                with writing(target), target.open("r+b"):  # refused while another program holds it
                    pass
        for part, target in zip(parts, targets):
            with writing(target):
                part.replace(target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return arsfil, targets
