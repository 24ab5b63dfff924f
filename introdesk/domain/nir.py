"""The national introduction register (NIR): which events must be keyed in and by when, who belongs to
a year, and the year's completeness check. DOMAIN.md section 12.

Which event kinds NIR asks for under each regime, the two-month deadline and the checks themselves
(severity, rule, how to fix) are data in resources/ (regler/nir.toml, kodelister/nirkontroll.toml).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from introdesk.domain.dates import add_months, format_date
from introdesk.domain.deltaker import Deltaker
from introdesk.domain.forlop import Forlop
from introdesk.domain.fravaer import Fravaer
from introdesk.domain.hendelser import Hendelse
from introdesk.domain.plan import Plan
from introdesk.domain.praksis import Praksis
from introdesk.domain.rules import RuleBook

FEIL, ADVARSEL = "feil", "advarsel"
SEVERITY_LABELS = {FEIL: "Feil", ADVARSEL: "Advarsel"}
# Elements whose completion NIR asks about at the end, and whether only parents take them.
COURSES = (("livsmestring", "livsmestring_ikke_registrert", False),
           ("foreldreveiledning", "foreldreveiledning_ikke_registrert", True))
RECORDED = ("fullfort", "avbrutt")  # element statuses that say whether the course was done


def kinds(rules: RuleBook, lovverk: str, on: datetime.date) -> frozenset[str]:
    """The event kinds NIR asks for under this regime."""
    return frozenset(rules.value("nir.hendelser", lovverk, on))


def registered_from(e: Hendelse) -> datetime.date:
    """The day the two months run from: a decision's date where there is one (a grant decided in November
    for a start in December is keyed in from November), else the day it happened. A complaint decided
    after it was keyed in is due again from its outcome."""
    if e.type == "klage" and e.utfall_dato and e.nir_dato and e.nir_dato < e.utfall_dato:
        return e.utfall_dato
    return e.vedtaksdato or e.dato


def earliest_registration(e: Hendelse) -> datetime.date:
    """The first day an event can have been keyed into NIR: when it was decided or happened."""
    return min(e.dato, e.vedtaksdato or e.dato)


def _waiting(e: Hendelse) -> bool:
    """Not yet keyed in; or a complaint keyed in on receipt whose outcome has come since."""
    return e.nir_dato is None or (e.type == "klage" and registered_from(e) > e.nir_dato)


@dataclass(frozen=True)
class Registrering:
    """An event that is still to be keyed into NIR."""

    hendelse: Hendelse
    due: datetime.date

    @property
    def since(self) -> datetime.date:
        return registered_from(self.hendelse)

    @property
    def what(self) -> str:
        """What to key in: the event, or a complaint's outcome when the complaint itself is in NIR."""
        h = self.hendelse
        return f"{h.label}: utfallet" if h.type == "klage" and h.nir_dato else h.label


def awaiting(events: list[Hendelse], lovverk: str, rules: RuleBook, today: datetime.date) -> list[Registrering]:
    """The participant's events NIR asks for that have happened and are not marked as registered."""
    wanted = kinds(rules, lovverk, today)
    months = rules.value("nir.registreringsfrist_maaneder", lovverk, today)
    return [Registrering(e, add_months(registered_from(e), months)) for e in events
            if e.type in wanted and _waiting(e) and registered_from(e) <= today]


@dataclass(frozen=True)
class Sak:
    """What the year file and its check read of one participant."""

    deltaker_id: int
    deltaker: Deltaker
    forlop: Forlop
    plan: Plan | None = None
    praksiser: tuple[tuple[Praksis, str], ...] = ()  # each placement with its employer's name
    fravaer: tuple[Fravaer, ...] = ()  # the year's absences

    def event(self, kind: str) -> Hendelse | None:
        return next((e for e in self.forlop.events if e.type == kind), None)

    def events(self, kind: str) -> list[Hendelse]:
        return [e for e in self.forlop.events if e.type == kind]


def year_span(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def active_in(sak: Sak, year: int) -> bool:
    """In the year's file: something happened in the year, or the programme ran during it."""
    first, last = year_span(year)
    if any(first <= d <= last for e in sak.forlop.events if e.type != "oppfolging"
           for d in (e.dato, e.vedtaksdato) if d):
        return True
    f = sak.forlop
    return f.start is not None and f.start <= last and (f.ended is None or f.ended >= first)


@dataclass(frozen=True)
class Mangel:
    """One problem in the year's record, with the rule it breaks and how to fix it."""

    deltaker_id: int
    kode: str  # kodelister/nirkontroll.toml
    alvor: str  # FEIL or ADVARSEL
    tekst: str  # the problem in short
    melding: str  # this participant's case in words
    regel: str
    retting: str
    sted: str  # where it is fixed: "deltaker", "program" or "plan"
    hendelse_id: int | None = None

    @property
    def severity_label(self) -> str:
        return SEVERITY_LABELS[self.alvor]


def check(sak: Sak, year: int, rules: RuleBook, today: datetime.date) -> list[Mangel]:
    """Everything NIR will miss in this participant's record for the year, errors first."""
    lovverk = sak.deltaker.lovverk
    catalogue = rules.codes("nirkontroll")
    found: list[Mangel] = []

    def add(kode: str, melding: str, hendelse: Hendelse | None = None, alvor: str | None = None) -> None:
        c = catalogue.get(kode)
        if c is None or lovverk not in c.attributes.get("lovverk", ()):
            return
        a = c.attributes
        found.append(Mangel(sak.deltaker_id, kode, alvor or a.get("alvor", FEIL), c.label, melding,
                            a.get("regel", ""), a.get("retting", ""), a.get("sted", "program"),
                            hendelse.id if hendelse else None))

    _, last = year_span(year)
    as_of = min(today, last)
    f = sak.forlop
    end = sak.event("avslutning")
    ended = end is not None and end.dato <= as_of  # an end recorded ahead of time has not happened yet
    started = f.start is not None and f.start <= as_of
    if ended:
        _check_end(end, rules, add)
    elif f.planned_end and f.planned_end < as_of:
        add("slutt_passert", f"Planlagt slutt {format_date(f.planned_end)}, men ingen avslutning er registrert.")
    if started:
        _check_start(sak, rules, as_of, add)
    if started or sak.event("innvilget"):
        if sak.event("kartlegging") is None:
            add("mangler_kartlegging", "Ingen kompetansekartlegging er registrert.")
        if sak.deltaker.vgs_fullfort is None:
            add("mangler_utdanning", "Det er ikke registrert om deltakeren har fullført videregående.")
    for leave in sak.events("permisjon"):
        if leave.vedtaksdato is None and leave.dato <= as_of:
            add("permisjon_uten_vedtak", f"Permisjonen fra {format_date(leave.dato)} har ingen vedtaksdato.", leave)
    for item in awaiting(list(f.events), lovverk, rules, today):
        if item.since > last:
            continue
        e = item.hendelse
        what = f"«{item.what}» {format_date(e.dato)}"
        if item.due < today:
            add("ikke_registrert_nir", f"{what} skulle vært registrert innen {format_date(item.due)}.", e)
        else:
            add("ikke_registrert_nir_enda", f"{what} registreres senest {format_date(item.due)}.", e)
    if ended and started:  # the courses are asked for of those who took part
        _check_courses(sak, end, add)
    return sorted(found, key=lambda m: m.alvor != FEIL)


def _check_start(sak: Sak, rules: RuleBook, as_of: datetime.date, add) -> None:
    """End goal, career guidance and contract come with the plan: errors once the plan is due, warnings
    before that."""
    f = sak.forlop
    due = add_months(f.start, rules.value("plan.frist_maaneder", sak.deltaker.lovverk, f.start))
    alvor = FEIL if due < as_of else ADVARSEL
    if sak.event("sluttmal") is None:
        add("mangler_sluttmal", f"Programmet startet {format_date(f.start)} uten registrert sluttmål.", alvor=alvor)
    if sak.plan is None:
        add("mangler_kontraktsdato", "Deltakeren har ingen integreringsplan, og dermed ingen signert kontrakt.",
            alvor=alvor)
    elif sak.plan.kontrakt_signert is None:
        add("mangler_kontraktsdato", f"Planen fra {format_date(sak.plan.dato)} har ingen dato for signert kontrakt.",
            alvor=alvor)
    if sak.event("karriereveiledning") is None:
        add("mangler_karriereveiledning", "Ingen karriereveiledning er registrert.", alvor=alvor)


def _check_end(end: Hendelse, rules: RuleBook, add) -> None:
    exit_type = rules.codes("utgang").get(end.utgang)
    reason = rules.codes("sluttarsak").get(end.sluttarsak)
    missing = [name for name, value in (("utgang", exit_type), ("sluttårsak", reason)) if value is None]
    if missing:
        add("mangler_sluttarsak", f"Programmet ble avsluttet {format_date(end.dato)} uten {' og '.join(missing)}.", end)
    elif exit_type.code not in reason.attributes.get("utgang", ()):
        add("sluttarsak_utgang", f"«{reason.label}» er ikke tillatt når utgangen er «{exit_type.label}».", end)


def _check_courses(sak: Sak, end: Hendelse, add) -> None:
    """Whether the courses were taken is reported at the end. A programme broken off early may well have
    ended before them: then it is a warning, fixed by recording the course as «Avbrutt»."""
    elements = sak.plan.elementer if sak.plan else ()
    alvor = ADVARSEL if end.utgang == "avbrutt" else None
    for kind, kode, parents_only in COURSES:
        if parents_only and not sak.deltaker.barn_under_18:
            continue
        courses = [e for e in elements if e.type == kind]
        if not courses:
            add(kode, "Programmet er avsluttet, og kurset er ikke i planen: legg det inn med status «Fullført» "
                      "eller «Avbrutt».", alvor=alvor)
        elif not any(e.status in RECORDED for e in courses):
            add(kode, "Programmet er avsluttet, men kurset står ikke som fullført eller avbrutt i planen.", alvor=alvor)
