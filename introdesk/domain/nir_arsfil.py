"""The yearly NIR file's content: its sheets, every column with its NIR meaning and code list, and the
rows for the participants of a year. DOMAIN.md section 12; the format is described column by column in
docs/nir-arsfil.md and docs/nir-arsfil.schema.json, and a test keeps them in step with this module.

Values are Python values (dates, Decimals, bools, None for unknown); the writers in reports/ give
them the shape of each format. A coded column is followed by its label (`<column>_tekst`).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from introdesk.domain import nir
from introdesk.domain.dates import add_months, count_weekdays
from introdesk.domain.fravaer import planned_hours, public_holidays
from introdesk.domain.hendelser import KINDS, Hendelse
from introdesk.domain.nir import Mangel, Sak
from introdesk.domain.praksis import AVSLUTTET, PAGAR
from introdesk.domain.rules import RuleBook

FORMATVERSJON = "1.0"
TEXT, DATE, FLAG, NUMBER, INTEGER = "text", "date", "flag", "number", "integer"


@dataclass(frozen=True)
class Felt:
    navn: str
    type: str
    beskrivelse: str  # what it means in NIR's terms
    kodeliste: str | None = None  # resources/kodelister/<kodeliste>.toml


@dataclass(frozen=True)
class Ark:
    navn: str
    beskrivelse: str
    felt: tuple[Felt, ...]

    def columns(self) -> tuple[Felt, ...]:
        """The columns as written: each coded column followed by its label."""
        out: list[Felt] = []
        for f in self.felt:
            out.append(f)
            if f.kodeliste:
                out.append(Felt(f"{f.navn}_tekst", TEXT, f"Teksten til koden i «{f.navn}»."))
        return tuple(out)


_WHO = (Felt("deltaker_nr", INTEGER, "IntroDesks nummer for deltakeren; binder arkene sammen."),
        Felt("identitetsnummer", TEXT, "Fødselsnummer, D-nummer, H-nummer eller DUF-nummer: identifikatoren i NIR."))

SHEETS: tuple[Ark, ...] = (
    Ark("deltakere", "Én rad per deltaker som var aktiv i året: personopplysninger og programmets hoveddatoer.", (
        *_WHO,
        Felt("identtype", TEXT, "fnr (fødselsnummer), dnr (D-nummer), hnr (H-nummer) eller duf (DUF-nummer)."),
        Felt("fornavn", TEXT, "Fornavn."),
        Felt("etternavn", TEXT, "Etternavn."),
        Felt("fodselsdato", DATE, "Fødselsdato."),
        Felt("kjonn", TEXT, "Kjønn.", "kjonn"),
        Felt("landbakgrunn", TEXT, "Landbakgrunn (ISO 3166-koden).", "land"),
        Felt("lovverk", TEXT, "Lovverket deltakeren følger.", "lovverk"),
        Felt("oppholdsgrunnlag", TEXT, "Grunnlaget for oppholdstillatelsen (målgruppe).", "oppholdsgrunnlag"),
        Felt("bosettingsdato", DATE, "Dato for bosetting i kommunen."),
        Felt("fullfort_vgs", FLAG, "Utdanningsbakgrunn: fullført videregående opplæring (tom: ikke kjent)."),
        Felt("skolear", INTEGER, "År med skolegang."),
        Felt("barn_under_18", INTEGER, "Antall barn under 18 år (avgjør foreldreveiledning)."),
        Felt("reservert_forskning", FLAG, "Reservert mot bruk av identifiserende opplysninger i forskning."),
        Felt("krav_dato", DATE, "Dato krav om deltakelse ble framsatt."),
        Felt("vedtaksdato", DATE, "Dato for vedtak om deltakelse (innvilgelse)."),
        Felt("programstart", DATE, "Dato programmet startet."),
        Felt("planlagt_slutt", DATE, "Planlagt sluttdato med forlengelse og permisjon."),
        Felt("sluttmalgruppe", TEXT, "Sluttmålgruppen som avgjør programmets lengde.", "sluttmalgruppe"),
        Felt("sluttmal", TEXT, "Sluttmålet."),
        Felt("kompetansekartlegging", DATE, "Dato kompetansekartleggingen ble gjennomført."),
        Felt("karriereveiledning", DATE, "Dato karriereveiledningen ble gjennomført."),
        Felt("kontrakt_signert", DATE, "Dato integreringskontrakten ble signert."),
        Felt("livsmestring", TEXT, "Status for kurset i livsmestring i planen (tom: ikke i planen).", "elementstatus"),
        Felt("foreldreveiledning", TEXT, "Status for foreldreveiledning i planen (tom: ikke i planen).",
             "elementstatus"),
        Felt("sluttdato", DATE, "Dato programmet ble avsluttet."),
        Felt("status_1_aar", TEXT, "Status ett år etter avslutning, målt i november året etter.", "oppfolgingsstatus"),
        Felt("feil", INTEGER, "Antall feil i kompletthetskontrollen (arket «mangler»); 0 når deltakeren er komplett."),
    )),
    Ark("hendelser", "Vedtak og hendelser i året som NIR spør etter under deltakerens lovverk.", (
        *_WHO,
        Felt("hendelse", TEXT, "Hva slags hendelse, som kode (kodene står i dokumentasjonen av formatet)."),
        Felt("hendelse_tekst", TEXT, "Hendelsen i ord."),
        Felt("dato", DATE, "Dato hendelsen gjelder fra."),
        Felt("til_dato", DATE, "Til og med (permisjon)."),
        Felt("vedtaksdato", DATE, "Dato for vedtaket."),
        Felt("maaneder", INTEGER, "Måneder forlenget (forlengelse)."),
        Felt("begrunnelse", TEXT, "Begrunnelse for avslag eller stans, hva en klage gjelder."),
        Felt("registrert_nir", DATE, "Dato hendelsen ble registrert i NIR (tom: ikke registrert)."),
        Felt("nir_frist", DATE, "Siste dag for registrering i NIR (to måneder etter hendelsen eller vedtaket)."),
        Felt("registrert_i_tide", FLAG, "Registrert i NIR innen fristen (tom: ikke registrert)."),
    )),
    Ark("elementer", "Elementer og tiltak i året med lengde og omfang: planens elementer og praksisplassene.", (
        *_WHO,
        Felt("kilde", TEXT, "plan (element i integreringsplanen) eller praksis (språk- eller arbeidspraksis)."),
        Felt("elementtype", TEXT, "Hva slags element eller tiltak.", "elementtype"),
        Felt("tilbyder", TEXT, "Tilbyder, eller arbeidsgiveren for en praksis."),
        Felt("fra", DATE, "Første dag."),
        Felt("til", DATE, "Siste dag (avkortet ved avslutning)."),
        Felt("uker", NUMBER, "Lengde i uker (dager / 7, én desimal)."),
        Felt("timer_per_uke", NUMBER, "Omfang: timer per uke."),
        Felt("timer_planlagt", NUMBER, "Timer i hele perioden etter dagene det går (én desimal)."),
        Felt("status", TEXT, "Status ved utgangen av året eller ved avslutning.", "elementstatus"),
        Felt("timer_fullfort", NUMBER, "Timer gjennomført, når det er registrert."),
    )),
    Ark("permisjoner", "Permisjoner som berører året.", (
        *_WHO,
        Felt("fra", DATE, "Første dag."),
        Felt("til", DATE, "Siste dag."),
        Felt("dager", INTEGER, "Lengde i kalenderdager."),
        Felt("grunn", TEXT, "Grunnen til permisjonen.", "permisjonsgrunn"),
        Felt("vedtaksdato", DATE, "Dato for vedtaket om permisjon."),
        Felt("med_stonad", FLAG, "Med introduksjonsstønad i permisjonen."),
        Felt("registrert_nir", DATE, "Dato permisjonen ble registrert i NIR."),
    )),
    Ark("fravaer", "Fravær i året per deltaker og type, i dager og timer.", (
        *_WHO,
        Felt("fravaerstype", TEXT, "Hva slags fravær.", "fravaerstype"),
        Felt("gyldig", FLAG, "Gyldig fravær (ja) eller ugyldig (nei)."),
        Felt("dager", INTEGER, "Dager med slikt fravær."),
        Felt("timer", NUMBER, "Timer fravær: de registrerte, eller dagens planlagte timer for en hel dag."),
    )),
    Ark("klager", "Klager mottatt eller avgjort i året, og utfallet.", (
        *_WHO,
        Felt("mottatt", DATE, "Dato klagen ble mottatt."),
        Felt("gjelder", TEXT, "Hva klagen gjelder."),
        Felt("utfall", TEXT, "Utfallet (tom: ikke avgjort).", "klageutfall"),
        Felt("utfall_dato", DATE, "Dato for utfallet."),
        Felt("registrert_nir", DATE, "Dato klagen ble registrert i NIR."),
    )),
    Ark("avslutninger", "Programmer som ble avsluttet i året, med utgang og sluttårsak.", (
        *_WHO,
        Felt("sluttdato", DATE, "Dato programmet ble avsluttet."),
        Felt("utgang", TEXT, "Avsluttet, vedtak om permanent stans eller avbrutt.", "utgang"),
        Felt("sluttarsak", TEXT, "Sluttårsaken: hovedaktiviteten ved avslutning.", "sluttarsak"),
        Felt("arbeid_eller_utdanning", FLAG, "Sluttårsaken teller som arbeid eller utdanning (tom: ingen sluttårsak)."),
        Felt("hovedaktivitet", TEXT, "Hovedaktiviteten i ord."),
        Felt("vedtaksdato", DATE, "Dato for vedtak om permanent stans."),
        Felt("programlengde_maaneder", INTEGER, "Hele måneder fra start til slutt."),
        Felt("registrert_nir", DATE, "Dato avslutningen ble registrert i NIR."),
    )),
    Ark("mangler", "Kompletthetskontrollen: hva som mangler før året er komplett i NIR.", (
        *_WHO,
        Felt("alvor", TEXT, "feil (må rettes) eller advarsel (bør sjekkes)."),
        Felt("kontroll", TEXT, "Kontrollen som slo ut.", "nirkontroll"),
        Felt("melding", TEXT, "Hva som mangler hos denne deltakeren."),
        Felt("regel", TEXT, "Regelen og kilden."),
        Felt("retting", TEXT, "Hvordan det rettes i IntroDesk."),
    )),
)
SHEET = {a.navn: a for a in SHEETS}
OM_FILEN = Ark("om_filen", "Om filen: format, kommune, år og om året er komplett.", (
    Felt("formatversjon", TEXT, f"Versjonen av dette formatet ({FORMATVERSJON})."),
    Felt("kommunenummer", TEXT, "Kommunenummeret (fire siffer)."),
    Felt("kommune", TEXT, "Kommunens navn."),
    Felt("aar", INTEGER, "Året filen gjelder."),
    Felt("laget", DATE, "Dato filen ble laget."),
    Felt("komplett", FLAG, "Ingen feil i kompletthetskontrollen."),
    Felt("deltakere", INTEGER, "Antall deltakere i filen."),
    Felt("feil", INTEGER, "Antall feil."),
    Felt("advarsler", INTEGER, "Antall advarsler."),
))


@dataclass(frozen=True)
class Arsfil:
    year: int
    about: dict[str, Any]
    sheets: dict[str, list[dict[str, Any]]]  # sheet name -> rows, columns as in SHEET[name].columns()
    problems: tuple[Mangel, ...]

    @property
    def complete(self) -> bool:
        return not any(m.alvor == nir.FEIL for m in self.problems)


def build(saker: list[Sak], year: int, rules: RuleBook, today: datetime.date, kommune: tuple[str, str]) -> Arsfil:
    """The year's file for the participants active in it, with the completeness check, in a stable order."""
    chosen = sorted((s for s in saker if nir.active_in(s, year)), key=lambda s: s.deltaker_id)
    sheets: dict[str, list[dict[str, Any]]] = {a.navn: [] for a in SHEETS}
    problems: list[Mangel] = []
    for sak in chosen:
        found = nir.check(sak, year, rules, today)
        problems += found
        who = {"deltaker_nr": sak.deltaker_id, "identitetsnummer": sak.deltaker.ident}
        rows = _Rows(sak, year, rules, today, who)
        sheets["deltakere"].append(rows.participant(sum(m.alvor == nir.FEIL for m in found)))
        sheets["hendelser"] += rows.events()
        sheets["elementer"] += rows.elements()
        sheets["permisjoner"] += rows.leaves()
        sheets["fravaer"] += rows.absence()
        sheets["klager"] += rows.complaints()
        sheets["avslutninger"] += rows.endings()
        sheets["mangler"] += [{**who, "alvor": m.alvor, "kontroll": m.kode, "melding": m.melding, "regel": m.regel,
                               "retting": m.retting} for m in found]
    labelled = {name: [_with_labels(SHEET[name], row, rules) for row in rows] for name, rows in sheets.items()}
    errors = sum(m.alvor == nir.FEIL for m in problems)
    about = {"formatversjon": FORMATVERSJON, "kommunenummer": kommune[0], "kommune": kommune[1], "aar": year,
             "laget": today, "komplett": errors == 0, "deltakere": len(chosen), "feil": errors,
             "advarsler": len(problems) - errors}
    return Arsfil(year, about, labelled, tuple(problems))


def _with_labels(ark: Ark, row: dict[str, Any], rules: RuleBook) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in ark.felt:
        out[f.navn] = row.get(f.navn)
        if f.kodeliste:
            out[f"{f.navn}_tekst"] = rules.codes(f.kodeliste).label(row.get(f.navn)) or None
    return out


class _Rows:
    """One participant's rows in each sheet."""

    def __init__(self, sak: Sak, year: int, rules: RuleBook, today: datetime.date, who: dict[str, Any]):
        self.sak, self.rules, self.today, self.who = sak, rules, today, who
        self.first, self.last = nir.year_span(year)
        self.end = sak.event("avslutning")
        self.months = rules.value("nir.registreringsfrist_maaneder", sak.deltaker.lovverk, today)

    def _in_year(self, *days: datetime.date | None) -> bool:
        return any(d and self.first <= d <= self.last for d in days)

    def participant(self, errors: int) -> dict[str, Any]:
        s, d, f = self.sak, self.sak.deltaker, self.sak.forlop
        goal = s.events("sluttmal")[-1] if s.events("sluttmal") else None
        granted = s.event("innvilget")

        def dated(kind: str) -> datetime.date | None:
            e = s.event(kind)
            return e.dato if e else None

        followup = s.event("oppfolging")
        return {**self.who, "identtype": d.ident_type, "fornavn": d.fornavn, "etternavn": d.etternavn,
                "fodselsdato": d.fodselsdato, "kjonn": d.kjonn, "landbakgrunn": d.landbakgrunn, "lovverk": d.lovverk,
                "oppholdsgrunnlag": d.oppholdsgrunnlag, "bosettingsdato": d.bosatt_dato,
                "fullfort_vgs": d.vgs_fullfort, "skolear": d.skolear, "barn_under_18": d.barn_under_18,
                "reservert_forskning": d.reservert_forskning, "krav_dato": dated("krav"),
                "vedtaksdato": granted.vedtaksdato if granted else None, "programstart": f.start,
                "planlagt_slutt": f.planned_end, "sluttmalgruppe": goal.sluttmalgruppe if goal else None,
                "sluttmal": goal.sluttmal if goal else None, "kompetansekartlegging": dated("kartlegging"),
                "karriereveiledning": dated("karriereveiledning"),
                "kontrakt_signert": s.plan.kontrakt_signert if s.plan else None,
                "livsmestring": self._course("livsmestring"), "foreldreveiledning": self._course("foreldreveiledning"),
                "sluttdato": f.ended, "status_1_aar": followup.grunn if followup else None, "feil": errors}

    def _course(self, kind: str) -> str | None:
        statuses = [e.status for e in (self.sak.plan.elementer if self.sak.plan else ()) if e.type == kind]
        for status in ("fullfort", "pagar", "planlagt", "avbrutt"):  # the most advanced one tells
            if status in statuses:
                return status
        return None

    def events(self) -> list[dict[str, Any]]:
        wanted = nir.kinds(self.rules, self.sak.deltaker.lovverk, self.today)
        return [self._event(e) for e in self.sak.forlop.events
                if e.type in wanted and self._in_year(e.dato, e.vedtaksdato)]

    def _event(self, e: Hendelse) -> dict[str, Any]:
        due = add_months(nir.registered_from(e), self.months)
        return {**self.who, "hendelse": e.type, "hendelse_tekst": KINDS[e.type].label, "dato": e.dato,
                "til_dato": e.til_dato, "vedtaksdato": e.vedtaksdato, "maaneder": e.maaneder,
                "begrunnelse": e.grunn if e.type in ("avslag", "stans", "klage") else None,
                "registrert_nir": e.nir_dato, "nir_frist": due,
                "registrert_i_tide": None if e.nir_dato is None else e.nir_dato <= due}

    def elements(self) -> list[dict[str, Any]]:
        ended = self.sak.forlop.ended
        rows = []
        measures = [("plan", e.type, e.tilbyder, e.fra, e.til, e.timer_per_uke, e.dager, e.status, e.timer_fullfort)
                    for e in (self.sak.plan.elementer if self.sak.plan else ()) if e.type != "ferie"]
        measures += [("praksis", p.type if p.type in ("sprakpraksis", "arbeidspraksis") else "arbeidsrettet", employer,
                      p.fra, p.til, p.timer_per_uke, p.dager, _placement_status(p, self.today), None)
                     for p, employer in self.sak.praksiser]
        for source, kind, provider, fra, til, hours, days, status, done in sorted(measures, key=lambda m: (m[3], m[1])):
            if ended and fra > ended:
                continue
            til = min(til, ended) if ended else til
            if til < self.first or fra > self.last:
                continue
            runs = count_weekdays(fra, til, days)
            per_day = hours / len(days) if days else Decimal(0)
            rows.append({**self.who, "kilde": source, "elementtype": kind, "tilbyder": provider, "fra": fra, "til": til,
                         "uker": _one_decimal(Decimal((til - fra).days + 1) / 7), "timer_per_uke": hours,
                         "timer_planlagt": _one_decimal(per_day * runs), "status": status, "timer_fullfort": done})
        return rows

    def leaves(self) -> list[dict[str, Any]]:
        return [{**self.who, "fra": e.dato, "til": e.til_dato, "dager": e.days(), "grunn": e.grunn or None,
                 "vedtaksdato": e.vedtaksdato, "med_stonad": e.med_stonad, "registrert_nir": e.nir_dato}
                for e in self.sak.events("permisjon")
                if e.dato <= self.last and (e.til_dato or e.dato) >= self.first]

    def absence(self) -> list[dict[str, Any]]:
        lovverk = self.sak.deltaker.lovverk
        days: dict[str, int] = defaultdict(int)
        hours: dict[str, Decimal] = defaultdict(Decimal)
        off = public_holidays(self.first.year)
        for a in self.sak.fravaer:
            if not self.first <= a.dato <= self.last:
                continue
            default = Decimal(str(self.rules.value("fravaer.timer_per_dag", lovverk, a.dato)))
            days[a.type] += 1
            hours[a.type] += a.hours(planned_hours(self.sak.plan, a.dato, off, default))
        kinds = self.rules.codes("fravaerstype")
        return [{**self.who, "fravaerstype": kind, "gyldig": _valid(kinds.get(kind)), "dager": days[kind],
                 "timer": hours[kind]} for kind in sorted(days)]

    def complaints(self) -> list[dict[str, Any]]:
        return [{**self.who, "mottatt": e.dato, "gjelder": e.grunn, "utfall": e.utfall, "utfall_dato": e.utfall_dato,
                 "registrert_nir": e.nir_dato} for e in self.sak.events("klage") if self._in_year(e.dato, e.utfall_dato)]

    def endings(self) -> list[dict[str, Any]]:
        e, f = self.end, self.sak.forlop
        if e is None or not self._in_year(e.dato):
            return []
        reason = self.rules.codes("sluttarsak").get(e.sluttarsak)
        return [{**self.who, "sluttdato": e.dato, "utgang": e.utgang, "sluttarsak": e.sluttarsak,
                 "arbeid_eller_utdanning": bool(reason.attributes.get("resultat")) if reason else None,
                 "hovedaktivitet": e.hovedaktivitet or None, "vedtaksdato": e.vedtaksdato,
                 "programlengde_maaneder": whole_months(f.start, e.dato) if f.start else None,
                 "registrert_nir": e.nir_dato}]


def _valid(kind) -> bool:
    return bool(kind and kind.attributes.get("gyldig"))


def _placement_status(p, today: datetime.date) -> str:
    status = p.status(today)
    if status == AVSLUTTET:
        return "avbrutt" if p.utfall == "avbrutt" else "fullfort"
    return "pagar" if status == PAGAR else "planlagt"


def _one_decimal(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.1"))


def whole_months(start: datetime.date, end: datetime.date) -> int:
    return (end.year - start.year) * 12 + end.month - start.month - (end.day < start.day)
