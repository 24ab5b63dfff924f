"""The participant register: list, read, create, change, delete and undo, each one transaction."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from introdesk.domain import malgruppe
from introdesk.domain.dates import age_on, from_iso
from introdesk.domain.deltaker import Deltaker, parse_deltaker
from introdesk.domain.form import FieldErrors
from introdesk.domain.forlop import Forlop
from introdesk.domain.names import listing_name, names_similar
from introdesk.domain.ident import KIND_LABELS, KIND_SHORT, mask_number
from introdesk.domain.rules import RuleBook
from introdesk.services import program
from introdesk.services.session import Session
from introdesk.store import audit
from introdesk.store import deltakere as repo


class PossibleDuplicate(Exception):
    """A living participant has a similar name and the same birth date: ask before saving."""

    def __init__(self, matches: tuple[str, ...]):
        super().__init__("Ligner på " + ", ".join(matches) + " (samme fødselsdato).")
        self.matches = matches


@dataclass(frozen=True)
class DeltakerRad:
    """One line of the participant list, with the values it sorts and filters on."""

    id: int
    fornavn: str
    etternavn: str
    ident_type: str
    ident_masked: str
    ident: str
    alder: int
    land: str
    malgruppe: str
    status: str
    bosatt_dato: datetime.date | None

    @property
    def navn(self) -> str:
        return listing_name(self.fornavn, self.etternavn)

    @property
    def ident_label(self) -> str:
        return KIND_LABELS[self.ident_type]

    @property
    def ident_short(self) -> str:
        return KIND_SHORT[self.ident_type]


def list_deltakere(session: Session, today: datetime.date | None = None,
                   statuses: dict[int, Forlop] | None = None) -> list[DeltakerRad]:
    """The register's rows; `statuses` (from program.statuses) saves reading the programmes twice."""
    today = today or datetime.date.today()
    countries = session.rules.codes("land")
    if statuses is None:
        statuses = program.statuses(session, today)
    return [
        DeltakerRad(
            id=r["id"],
            fornavn=r["fornavn"],
            etternavn=r["etternavn"],
            ident_type=r["ident_type"],
            ident_masked=mask_number(r["ident"]),
            ident=r["ident"],
            alder=age_on(from_iso(r["fodselsdato"]), today),
            land=countries.label(r["landbakgrunn"]),
            malgruppe=_assess_row(r, session.rules, today).label,
            status=statuses[r["id"]].status_label,
            bosatt_dato=from_iso(r["bosatt_dato"]),
        )
        for r in repo.list_rows(session.db)
    ]


def _assess_row(r: dict[str, Any], rules: RuleBook, today: datetime.date) -> malgruppe.Assessment:
    return malgruppe.assess(
        malgruppe.MalgruppeFacts(
            lovverk=r["lovverk"],
            birth_date=from_iso(r["fodselsdato"]),
            permit_date=from_iso(r["tillatelse_dato"]),
            settlement_date=from_iso(r["bosatt_dato"]),
            settled_by_agreement=bool(r["bosatt_etter_avtale"]),
            residence_ground=r["oppholdsgrunnlag"],
        ),
        rules,
        today,
    )


def assess_malgruppe(session: Session, d: Deltaker, on: datetime.date | None = None) -> malgruppe.Assessment:
    return _assess_row(repo.to_row(d), session.rules, on or datetime.date.today())


def get_deltaker(session: Session, deltaker_id: int) -> repo.Stored:
    return repo.get(session.db, deltaker_id)


def create_deltaker(session: Session, raw: dict[str, Any], confirm_similar: bool = False) -> int:
    """Validate and store a new participant; returns its id.

    Raises FieldErrors (messages per field) or PossibleDuplicate (ask, then call again confirmed).
    """
    d = parse_deltaker(raw, session.rules, datetime.date.today())
    with session.db.atomic():
        _check_unique(session, d, None, confirm_similar)
        return repo.insert(session.db, session.actor, d)


def update_deltaker(session: Session, deltaker_id: int, raw: dict[str, Any], confirm_similar: bool = False) -> dict:
    """Validate and store changes; returns {field: [old, new]} of what changed."""
    d = parse_deltaker(raw, session.rules, datetime.date.today())
    with session.db.atomic():
        _check_unique(session, d, deltaker_id, confirm_similar)
        return repo.update(session.db, session.actor, deltaker_id, d)


def _check_unique(session: Session, d: Deltaker, own_id: int | None, confirm_similar: bool) -> None:
    for other in repo.find_by_ident(session.db, d.ident):
        if other["id"] == own_id:
            continue
        who = f"{other['fornavn']} {other['etternavn']}"
        if other["slettet"] is None:
            raise FieldErrors({"ident": f"Nummeret er allerede registrert på {who}."})
        raise FieldErrors({"ident": f"Nummeret tilhører den slettede deltakeren {who}. Gjenopprett den i stedet "
                                    "(Rediger → Slettede deltakere)."})
    if confirm_similar:
        return
    matches = tuple(
        f"{m['fornavn']} {m['etternavn']}"
        for m in repo.same_birth_date(session.db, d.fodselsdato)
        if m["id"] != own_id and names_similar(f"{m['fornavn']} {m['etternavn']}", d.fullt_navn)
    )
    if matches:
        raise PossibleDuplicate(matches)


def delete_deltaker(session: Session, deltaker_id: int) -> None:
    """Soft delete: the record leaves the list but can be restored (Angre)."""
    with session.db.atomic():
        repo.set_deleted(session.db, session.actor, deltaker_id, True)


def restore_deltaker(session: Session, deltaker_id: int) -> None:
    stored = repo.get(session.db, deltaker_id)
    with session.db.atomic():
        if any(o["slettet"] is None for o in repo.find_by_ident(session.db, stored.deltaker.ident)):
            raise FieldErrors({"ident": "En annen deltaker er registrert med samme nummer siden sletting."})
        repo.set_deleted(session.db, session.actor, deltaker_id, False)


def list_deleted(session: Session) -> list[repo.Stored]:
    return repo.list_deleted(session.db)


# The rows that make up a participant's case, each found from the participant's id.
CASE_TABLES = {
    "hendelse": "SELECT id FROM hendelse WHERE deltaker_id = ?",
    "plan": "SELECT id FROM plan WHERE deltaker_id = ?",
    "plan_element": "SELECT e.id FROM plan_element e JOIN plan p ON p.id = e.plan_id WHERE p.deltaker_id = ?",
    "plan_gjennomgang": "SELECT g.id FROM plan_gjennomgang g JOIN plan p ON p.id = g.plan_id WHERE p.deltaker_id = ?",
    "praksis": "SELECT id FROM praksis WHERE deltaker_id = ?",
    "praksis_oppfolging": "SELECT o.id FROM praksis_oppfolging o JOIN praksis p ON p.id = o.praksis_id "
                          "WHERE p.deltaker_id = ?",
    "fravaer": "SELECT id FROM fravaer WHERE deltaker_id = ?",
    "stonad_reduksjon": "SELECT id FROM stonad_reduksjon WHERE deltaker_id = ?",
    "deltakerbevis": "SELECT id FROM deltakerbevis WHERE deltaker_id = ?",
}


def history(session: Session, deltaker_id: int) -> list[audit.AuditEntry]:
    """The case history: every change to this participant and their programme events, newest first."""
    return audit.history(session.db, repo.TABLE, deltaker_id, related=CASE_TABLES)
