"""The employer register and placements: record, follow up, and the overview of who is out where."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from introdesk.domain import praksis as praksis_rules
from introdesk.domain.forlop import I_PROGRAM, PERMISJON, STANSET, Forlop
from introdesk.domain.form import FieldErrors
from introdesk.domain.names import listing_name
from introdesk.domain.praksis import Arbeidsgiver, ArbeidsgiverStatistikk, Kontaktperson, Oppfolging, Praksis
from introdesk.services import program, settings
from introdesk.services.files import writing
from introdesk.services.session import Session
from introdesk.store import deltakere as deltaker_repo
from introdesk.store import plans as plan_repo
from introdesk.store import praksis as repo


class OverlappingPlacement(Exception):
    """The participant has another placement in the same period: ask before saving."""

    def __init__(self, others: list[str]):
        super().__init__("Deltakeren har allerede praksis i samme periode: " + "; ".join(others) + ".")
        self.others = others


def _default_interval(session: Session) -> int:
    return session.rules.value("praksis.oppfolging_dager", "integreringsloven", datetime.date.today())


# ----- employers

@dataclass(frozen=True)
class ArbeidsgiverRad:
    arbeidsgiver: Arbeidsgiver
    statistikk: ArbeidsgiverStatistikk
    sektor: str


def employers(session: Session, today: datetime.date | None = None) -> list[ArbeidsgiverRad]:
    """The register with each employer's placements counted."""
    today = today or datetime.date.today()
    by_employer: dict[int, list[Praksis]] = {}
    for p in repo.placements(session.db):
        by_employer.setdefault(p.arbeidsgiver_id, []).append(p)
    genders = _genders(session)
    sectors = session.rules.codes("sektor")
    return [ArbeidsgiverRad(a, praksis_rules.employer_statistics(by_employer.get(a.id, []), genders, session.rules, today),
                            sectors.label(a.sektor))
            for a in repo.employers(session.db)]


def _genders(session: Session) -> dict[int, str]:
    return {i: gender for i, (_, _, gender) in deltaker_repo.names(session.db).items()}


def get_employer(session: Session, employer_id: int) -> Arbeidsgiver:
    return repo.get_employer(session.db, employer_id)


def save_employer(session: Session, raw: dict[str, Any], employer_id: int | None = None) -> int:
    employer = praksis_rules.parse_arbeidsgiver(raw, session.rules, employer_id)
    with session.db.atomic():
        same = repo.employer_by_orgnr(session.db, employer.orgnr) if employer.orgnr else None
        if same and same.id != employer_id:
            raise FieldErrors({"orgnr": f"Organisasjonsnummeret er allerede registrert på {same.navn}."})
        return repo.save_employer(session.db, session.actor, employer)


def delete_employer(session: Session, employer_id: int) -> None:
    """Remove an employer without placements that are planned or running (their history stays)."""
    today = datetime.date.today()
    with session.db.atomic():
        active = [p for p in repo.placements(session.db, employer_id=employer_id)
                  if p.status(today) != praksis_rules.AVSLUTTET]
        if active:
            raise FieldErrors({"arbeidsgiver": "Arbeidsgiveren har praksis som pågår eller er planlagt, og kan ikke "
                                               "fjernes før den er avsluttet."})
        repo.delete_employer(session.db, session.actor, employer_id)


def contacts(session: Session, employer_id: int) -> list[Kontaktperson]:
    return repo.contacts(session.db, employer_id)


def save_contact(session: Session, employer_id: int, raw: dict[str, Any], contact_id: int | None = None) -> int:
    contact = praksis_rules.parse_kontakt(raw, employer_id, contact_id)
    with session.db.atomic():
        return repo.save_contact(session.db, session.actor, contact)


def get_contact(session: Session, contact_id: int) -> Kontaktperson:
    return repo.get_contact(session.db, contact_id)


def delete_contact(session: Session, contact_id: int) -> None:
    """Remove a contact person who is not the contact of a placement that is planned or running."""
    today = datetime.date.today()
    with session.db.atomic():
        contact = repo.get_contact(session.db, contact_id)
        if any(p.kontakt_id == contact_id and p.status(today) != praksis_rules.AVSLUTTET
               for p in repo.placements(session.db, employer_id=contact.arbeidsgiver_id)):
            raise FieldErrors({"kontakt": f"{contact.navn} er kontaktperson for en praksis som pågår eller er "
                                          "planlagt. Velg en annen kontaktperson der først."})
        repo.delete_contact(session.db, session.actor, contact_id)


# ----- placements

@dataclass(frozen=True)
class PraksisRad:
    """A placement with the names and dates the lists show."""

    praksis: Praksis
    deltaker: str
    kjonn: str
    arbeidsgiver: str
    kontakt: str
    status: str
    siste_oppfolging: datetime.date | None
    neste_oppfolging: datetime.date | None

    @property
    def oppfolger(self) -> str:
        p = self.praksis
        return p.oppfolger_navn or praksis_rules.OPPFOLGERE[p.oppfolger]


def placements(session: Session, deltaker_id: int | None = None, employer_id: int | None = None,
               today: datetime.date | None = None) -> list[PraksisRad]:
    today = today or datetime.date.today()
    found = repo.placements(session.db, deltaker_id, employer_id)
    log = repo.followups(session.db, [p.id for p in found])
    people = deltaker_repo.names(session.db, None if deltaker_id is None and employer_id is None
                                 else sorted({p.deltaker_id for p in found}))
    names = {i: (listing_name(first, last), gender) for i, (first, last, gender) in people.items()}
    employer_names = {a.id: a.navn for a in repo.employers(session.db)}
    contact_names = {c.id: c.navn for c in repo.contacts(session.db)}
    return [
        PraksisRad(
            praksis=p, deltaker=names.get(p.deltaker_id, ("", ""))[0], kjonn=names.get(p.deltaker_id, ("", ""))[1],
            arbeidsgiver=employer_names.get(p.arbeidsgiver_id, "(fjernet arbeidsgiver)"),
            kontakt=contact_names.get(p.kontakt_id, ""), status=praksis_rules.STATUS_LABELS[p.status(today)],
            siste_oppfolging=max((o.dato for o in log.get(p.id, [])), default=None),
            neste_oppfolging=praksis_rules.next_followup(p, log.get(p.id, []), today),
        )
        for p in found
    ]


def get_placement(session: Session, placement_id: int) -> Praksis:
    return repo.get_placement(session.db, placement_id)


def save_placement(session: Session, deltaker_id: int, raw: dict[str, Any], placement_id: int | None = None,
                   confirm_overlap: bool = False) -> int:
    """Validate and store a placement. Raises FieldErrors, or OverlappingPlacement (ask, then confirm)."""
    today = datetime.date.today()
    new = praksis_rules.parse_praksis(raw, deltaker_id, session.rules, today, _default_interval(session), placement_id)
    with session.db.atomic():
        try:
            repo.get_employer(session.db, new.arbeidsgiver_id)
        except KeyError:
            raise FieldErrors({"arbeidsgiver_id": "Arbeidsgiveren finnes ikke lenger i registeret."}) from None
        if new.kontakt_id and repo.get_contact(session.db, new.kontakt_id).arbeidsgiver_id != new.arbeidsgiver_id:
            raise FieldErrors({"kontakt_id": "Kontaktpersonen hører til en annen arbeidsgiver."})
        clash = praksis_rules.overlapping(new, repo.placements(session.db, deltaker_id))
        if clash and not confirm_overlap:
            employers_by_id = {a.id: a.navn for a in repo.employers(session.db)}
            raise OverlappingPlacement([f"{employers_by_id.get(o.arbeidsgiver_id, '')} {praksis_rules.period_text(o)}"
                                        for o in clash])
        return repo.save_placement(session.db, session.actor, new)


def delete_placement(session: Session, placement_id: int) -> None:
    with session.db.atomic():
        repo.delete_placement(session.db, session.actor, placement_id)


def followups(session: Session, placement_id: int) -> list[Oppfolging]:
    return repo.followups(session.db, [placement_id]).get(placement_id, [])


def log_followup(session: Session, placement_id: int, raw: dict[str, Any]) -> int:
    """A visit or call in the follow-up log; the next follow-up falls due from it."""
    followup = praksis_rules.parse_oppfolging(raw, placement_id, datetime.date.today())
    with session.db.atomic():
        placement = repo.get_placement(session.db, placement_id)
        if followup.dato < placement.fra:
            raise FieldErrors({"dato": f"Praksisen startet {placement.fra:%d.%m.%Y}; oppfølgingen kan ikke være før."})
        return repo.add_followup(session.db, session.actor, followup)


def delete_followup(session: Session, followup_id: int) -> None:
    with session.db.atomic():
        repo.delete_followup(session.db, session.actor, followup_id)


def mark_phase(session: Session, placement_id: int, phase: str, done: bool) -> None:
    """Tick a phase of the placement (preparation, follow-up during, summing up) on or off."""
    if phase not in praksis_rules.PHASES:
        raise ValueError(phase)
    with session.db.atomic():
        placement = repo.get_placement(session.db, placement_id)
        repo.save_placement(session.db, session.actor, replace(placement, **{phase: done}))


# ----- the overview

@dataclass(frozen=True)
class UtenPraksis:
    deltaker_id: int
    navn: str
    kjonn: str
    onske: str  # the participant's own wish, from the plan


@dataclass(frozen=True)
class Oversikt:
    denne_uken: list[PraksisRad]  # out in placement this week
    oppfolging: list[PraksisRad]  # running placements by next follow-up, soonest first
    uten_praksis: list[UtenPraksis]  # in the programme, with no placement planned or running


def overview(session: Session, today: datetime.date | None = None,
             statuses: dict[int, Forlop] | None = None) -> Oversikt:
    """`statuses` (from program.statuses) saves reading every programme again."""
    today = today or datetime.date.today()
    monday = today - datetime.timedelta(days=today.weekday())
    sunday = monday + datetime.timedelta(days=6)
    rows = placements(session, today=today)
    this_week = [r for r in rows if r.praksis.fra <= sunday and r.praksis.til >= monday and not r.praksis.utfall]
    due = sorted((r for r in rows if r.neste_oppfolging), key=lambda r: r.neste_oppfolging)
    placed = {r.praksis.deltaker_id for r in rows if r.praksis.status(today) != praksis_rules.AVSLUTTET}
    statuses = statuses if statuses is not None else program.statuses(session, today)
    wishes = plan_repo.placement_wishes(session.db)
    without = [
        UtenPraksis(r["id"], listing_name(r["fornavn"], r["etternavn"]), r["kjonn"], wishes.get(r["id"], ""))
        for r in deltaker_repo.list_rows(session.db)
        if r["id"] not in placed and statuses[r["id"]].status in (I_PROGRAM, PERMISJON, STANSET)
    ]
    return Oversikt(this_week, due, sorted(without, key=lambda u: (u.kjonn, u.navn)))


def write_agreement_pdf(session: Session, placement_id: int, target: Path, malform: str | None = None) -> Path:
    """The placement agreement (praksisavtale) for the participant, the employer and the municipality to sign."""
    # ReportLab loads when the first document is written, not at start-up.
    from introdesk.reports.praksisavtale_pdf import render_praksisavtale

    placement = repo.get_placement(session.db, placement_id)
    municipality = settings.load(session)
    contact = repo.get_contact(session.db, placement.kontakt_id) if placement.kontakt_id else None
    with writing(target):
        return render_praksisavtale(
            target, placement, deltaker_repo.get(session.db, placement.deltaker_id).deltaker,
            repo.get_employer(session.db, placement.arbeidsgiver_id), contact, municipality, session.rules,
            malform or municipality.malform)

