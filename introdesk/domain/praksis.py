"""Placements (språkpraksis, arbeidspraksis) and the host employers that take them. DOMAIN.md section 6.

A placement is followed up in three phases (preparation, during, summing up); during the placement
the adviser or a teacher visits or calls at a set interval, and the next follow-up falls due from the
last one. The employer register keeps each employer's history, so the load is spread and the
employers who hire, or who take women, are easy to find.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from stdnum.exceptions import ValidationError
from stdnum.no import orgnr as stdnum_orgnr

from introdesk.domain.dates import add_months, format_date
from introdesk.domain.deltaker import EMAIL, EMAIL_MESSAGE, PHONE, PHONE_MESSAGE, POSTCODE, POSTCODE_MESSAGE
from introdesk.domain.form import MAX_TEXT_CHARS, InputParser, format_hours, whole_number
from introdesk.domain.rules import RuleBook

ARBEIDSGIVER_LABELS = {
    "navn": "Navn",
    "orgnr": "Organisasjonsnummer",
    "adresse": "Adresse",
    "postnummer": "Postnummer",
    "poststed": "Poststed",
    "sektor": "Sektor",
    "notat": "Notat",
}
KONTAKT_LABELS = {"navn": "Navn", "rolle": "Rolle", "telefon": "Telefon", "epost": "E-post"}
PRAKSIS_LABELS = {
    "type": "Type praksis",
    "arbeidsgiver_id": "Arbeidsgiver",
    "kontakt_id": "Kontaktperson",
    "fra": "Fra og med",
    "til": "Til og med",
    "dager": "Dager på arbeidsplassen",
    "timer_per_uke": "Timer per uke",
    "oppgaver": "Arbeidsoppgaver",
    "sprakmal": "Språkmål",
    "avtale_signert": "Praksisavtale signert",
    "oppfolger": "Følges opp av",
    "oppfolger_navn": "Navn på den som følger opp",
    "oppfolging_dager": "Oppfølging hver (dager)",
    "fase_forberedelse": "Forberedelse gjort",
    "fase_underveis": "Oppfølging underveis gjort",
    "fase_oppsummering": "Oppsummering gjort",
    "evaluering": "Evaluering",
    "utfall": "Utfall",
    "utfall_grunn": "Hvorfor avsluttet tidlig",
    "notat": "Notat",
}
OPPFOLGING_LABELS = {"dato": "Dato", "form": "Form", "av": "Utført av", "notat": "Notat"}
PHASES = ("fase_forberedelse", "fase_underveis", "fase_oppsummering")

PLANLAGT, PAGAR, AVSLUTTET = "planlagt", "pagar", "avsluttet"
STATUS_LABELS = {PLANLAGT: "Planlagt", PAGAR: "Pågår", AVSLUTTET: "Avsluttet"}


@dataclass(frozen=True)
class Arbeidsgiver:
    navn: str
    orgnr: str = ""  # nine digits, or empty for a workplace without one
    adresse: str = ""
    postnummer: str = ""
    poststed: str = ""
    sektor: str | None = None
    notat: str = ""
    id: int | None = None

    def orgnr_formatted(self) -> str:
        return stdnum_orgnr.format(self.orgnr) if self.orgnr else ""


@dataclass(frozen=True)
class Kontaktperson:
    arbeidsgiver_id: int
    navn: str
    rolle: str = ""
    telefon: str = ""
    epost: str = ""
    id: int | None = None


@dataclass(frozen=True)
class Praksis:
    deltaker_id: int
    arbeidsgiver_id: int
    type: str
    fra: datetime.date
    til: datetime.date
    timer_per_uke: Decimal
    dager: tuple[int, ...]
    oppfolging_dager: int
    kontakt_id: int | None = None
    oppgaver: str = ""
    sprakmal: str = ""
    avtale_signert: datetime.date | None = None
    oppfolger: str = "radgiver"  # "radgiver" or "larer"
    oppfolger_navn: str = ""
    fase_forberedelse: bool = False
    fase_underveis: bool = False
    fase_oppsummering: bool = False
    evaluering: str = ""
    utfall: str | None = None
    utfall_grunn: str = ""
    notat: str = ""
    id: int | None = None

    def status(self, today: datetime.date) -> str:
        if self.utfall or self.til < today:
            return AVSLUTTET
        return PLANLAGT if self.fra > today else PAGAR

    def overlaps(self, other: Praksis) -> bool:
        return self.fra <= other.til and other.fra <= self.til


@dataclass(frozen=True)
class Oppfolging:
    praksis_id: int
    dato: datetime.date
    form: str  # "besok", "telefon" or "annet"
    av: str = ""
    notat: str = ""
    id: int | None = None


FORMS = {"besok": "Besøk", "telefon": "Telefon", "annet": "Annet"}
OPPFOLGERE = {"radgiver": "Programrådgiver", "larer": "Lærer"}


# ----- input

def parse_orgnr(text: str) -> str:
    """Nine digits with a valid mod 11 check digit; spaces allowed. Empty text is allowed (no number)."""
    digits = stdnum_orgnr.compact(str(text or ""))
    if not digits:
        return ""
    if not digits.isdigit():
        raise ValueError("Organisasjonsnummeret kan bare inneholde siffer.")
    if len(digits) != 9:
        raise ValueError(f"Organisasjonsnummeret har 9 siffer; dette har {len(digits)}.")
    try:
        stdnum_orgnr.validate(digits)
    except ValidationError:
        raise ValueError("Kontrollsifferet stemmer ikke. Sjekk at organisasjonsnummeret er skrevet riktig.") from None
    return digits


def parse_arbeidsgiver(raw: dict[str, Any], rules: RuleBook, arbeidsgiver_id: int | None = None) -> Arbeidsgiver:
    p = InputParser(raw, ARBEIDSGIVER_LABELS, rules)
    try:
        orgnr = parse_orgnr(raw.get("orgnr"))
    except ValueError as exc:
        p.fail("orgnr", str(exc))
        orgnr = ""
    values = dict(
        navn=p.text("navn", required=True),
        adresse=p.text("adresse"),
        postnummer=p.pattern("postnummer", POSTCODE, POSTCODE_MESSAGE),
        poststed=p.text("poststed"),
        sektor=p.code("sektor", "sektor"),
        notat=p.note("notat"),
    )
    p.raise_if_errors()
    return Arbeidsgiver(orgnr=orgnr, id=arbeidsgiver_id, **values)


def parse_kontakt(raw: dict[str, Any], arbeidsgiver_id: int, kontakt_id: int | None = None) -> Kontaktperson:
    p = InputParser(raw, KONTAKT_LABELS)
    values = dict(navn=p.text("navn", required=True), rolle=p.text("rolle"),
                  telefon=p.pattern("telefon", PHONE, PHONE_MESSAGE), epost=p.pattern("epost", EMAIL, EMAIL_MESSAGE))
    p.raise_if_errors()
    return Kontaktperson(arbeidsgiver_id, id=kontakt_id, **values)


def parse_praksis(raw: dict[str, Any], deltaker_id: int, rules: RuleBook, today: datetime.date,
                  default_interval: int, praksis_id: int | None = None) -> Praksis:
    p = InputParser(raw, PRAKSIS_LABELS, rules)
    employer = _record_id(raw.get("arbeidsgiver_id"))
    if employer is None:
        p.fail("arbeidsgiver_id", "Velg arbeidsgiveren (legg den inn i arbeidsgiverregisteret først).")
    kind = p.code("type", "praksistype", required=True)
    fra, til = p.period("fra", "til")
    hours = p.hours("timer_per_uke", 40, required=True)
    days = p.weekdays("dager", "Velg dagene deltakeren er på arbeidsplassen.")
    interval = p.number("oppfolging_dager", 1, 120) or default_interval
    oppfolger = str(raw.get("oppfolger") or "radgiver")
    if oppfolger not in OPPFOLGERE:
        p.fail("oppfolger", "Velg programrådgiver eller lærer.")
    oppfolger_navn = p.text("oppfolger_navn")
    if oppfolger == "larer" and not oppfolger_navn:
        p.fail("oppfolger_navn", "Skriv navnet på læreren som følger opp, så det er klart hvem som har ansvaret.")
    utfall = p.code("utfall", "praksisutfall")
    utfall_grunn = p.text("utfall_grunn", limit=MAX_TEXT_CHARS * 3)
    outcome = rules.codes("praksisutfall").get(utfall)  # None for a code that is not in the list (reported above)
    if outcome and outcome.attributes.get("krever_grunn") and not utfall_grunn:
        p.fail("utfall_grunn", "Skriv hvorfor praksisen ble avsluttet tidlig.")
    values = dict(
        oppgaver=p.note("oppgaver", limit=3000),
        sprakmal=p.note("sprakmal", limit=3000),
        avtale_signert=p.date("avtale_signert", not_after=today),
        evaluering=p.note("evaluering", limit=5000),
        notat=p.note("notat"),
        **{phase: p.flag(phase) for phase in PHASES},
    )
    kontakt = _record_id(raw.get("kontakt_id"))
    if raw.get("kontakt_id") not in (None, "") and kontakt is None:
        p.fail("kontakt_id", "Velg kontaktpersonen fra listen.")
    p.raise_if_errors()
    return Praksis(deltaker_id=deltaker_id, arbeidsgiver_id=employer, type=kind, fra=fra, til=til,
                   timer_per_uke=hours, dager=days, oppfolging_dager=interval, kontakt_id=kontakt, oppfolger=oppfolger, oppfolger_navn=oppfolger_navn,
                   utfall=utfall, utfall_grunn=utfall_grunn, id=praksis_id, **values)


def praksis_form(p: Praksis) -> dict[str, Any]:
    """A stored placement as the text a person would type: the inverse of parse_praksis."""
    values = {name: getattr(p, name) for name in PRAKSIS_LABELS}
    values.update(fra=format_date(p.fra), til=format_date(p.til), avtale_signert=format_date(p.avtale_signert),
                  timer_per_uke=format_hours(p.timer_per_uke), oppfolging_dager=str(p.oppfolging_dager),
                  dager=list(p.dager))
    return values


def _record_id(value) -> int | None:
    """A chosen record's id as a form or an import gives it (a number, or digits as text); else None."""
    text = str(value if value is not None else "").strip()
    number = whole_number(text)
    return number if number else None


def parse_oppfolging(raw: dict[str, Any], praksis_id: int, today: datetime.date) -> Oppfolging:
    p = InputParser(raw, OPPFOLGING_LABELS)
    dato = p.date("dato", required=True, not_after=today)
    form = str(raw.get("form") or "")
    if form not in FORMS:
        p.fail("form", "Velg besøk, telefon eller annet.")
    values = dict(av=p.text("av"), notat=p.note("notat", limit=5000))
    p.raise_if_errors()
    return Oppfolging(praksis_id, dato, form, **values)


# ----- what follows

def overlapping(new: Praksis, others: list[Praksis]) -> list[Praksis]:
    """The participant's other placements in the same period: allowed, but worth a question."""
    return [o for o in others if o.id != new.id and o.deltaker_id == new.deltaker_id and new.overlaps(o)]


def next_followup(p: Praksis, log: list[Oppfolging], today: datetime.date) -> datetime.date | None:
    """When the next visit or call is due: the interval after the last one, or after the start.

    None when the placement is not running (planned, ended or given an outcome).
    """
    if p.status(today) != PAGAR:
        return None
    last = max((o.dato for o in log if o.dato >= p.fra), default=p.fra)
    return last + datetime.timedelta(days=p.oppfolging_dager)


@dataclass(frozen=True)
class ArbeidsgiverStatistikk:
    placements: int
    last_12_months: int
    women: int
    job_offers: int
    running: int
    last_ended: datetime.date | None


def employer_statistics(placements: list[Praksis], genders: dict[int, str], rules: RuleBook,
                        today: datetime.date) -> ArbeidsgiverStatistikk:
    """One employer's placements counted: to spread the load and see who hires and who takes women."""
    year_ago = add_months(today, -12)
    offers = {c.code for c in rules.codes("praksisutfall").codes if c.attributes.get("jobbtilbud")}
    ended = [p.til for p in placements if p.status(today) == AVSLUTTET]
    return ArbeidsgiverStatistikk(
        placements=len(placements),
        last_12_months=sum(1 for p in placements if p.til >= year_ago and p.fra <= today),
        women=len({p.deltaker_id for p in placements if genders.get(p.deltaker_id) == "K"}),
        job_offers=sum(1 for p in placements if p.utfall in offers),
        running=sum(1 for p in placements if p.status(today) == PAGAR),
        last_ended=max(ended, default=None),
    )


def period_text(p: Praksis) -> str:
    return f"{format_date(p.fra)}–{format_date(p.til)}"
