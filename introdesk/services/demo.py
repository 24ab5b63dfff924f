"""A realistic, fictional municipality for trying IntroDesk and for screenshots.

Dates are relative to today, so the demo always looks current. Identity numbers are synthetic
(Test Norge, month + 80) or plainly made up (DUF), never a real person's.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from dateutil.relativedelta import relativedelta

from introdesk.domain.dates import format_date, parse_date
from introdesk.domain.hendelser import DATE_FIELDS
from introdesk.domain.ident import synthetic_number
from introdesk.services import deltakere, program, settings
from introdesk.services.demo_plans import add_plans_and_placements
from introdesk.services.demo_resultater import add_former_participants
from introdesk.services.demo_stonad import add_attendance
from introdesk.services.session import DEMO_PASSPHRASE, Session, create_store

SETTINGS = {
    "kommune_navn": "Fjordvik kommune",
    "kommune_nr": "9999",
    "tjeneste_navn": "Flyktningtjenesten",
    "radgiver_navn": "Kari Nordstrøm",
    "radgiver_tittel": "Programrådgiver",
    "malform": "bokmal",
    "adresse": "Rådhusgata 1, 9990 Fjordvik",
    "telefon": "77 00 00 00",
    "sted": "Fjordvik",
}


@dataclass(frozen=True)
class _Person:
    fornavn: str
    etternavn: str
    kjonn: str
    land: str
    lovverk: str
    grunnlag: str
    ident_kind: str
    age: int  # years at settlement
    settled_days_ago: int
    extra: dict


PEOPLE = (
    _Person("Amal", "Haddad", "K", "SY", "integreringsloven", "flyktning", "fnr", 34, 60,
            {"morsmal": "Arabisk", "tolk_behov": True, "tolk_sprak": "Arabisk", "barn_under_18": "2", "skolear": "12", "vgs_fullfort": True}),
    _Person("Yonas", "Tesfaye", "M", "ER", "integreringsloven", "overforingsflyktning", "dnr", 27, 64,
            {"morsmal": "Tigrinja", "tolk_behov": True, "tolk_sprak": "Tigrinja", "skolear": "8", "vgs_fullfort": False}),
    _Person("Olena", "Kovalenko", "K", "UA", "kap6a", "kollektiv_beskyttelse", "fnr", 41, 240,
            {"morsmal": "Ukrainsk", "skolear": "15", "vgs_fullfort": True, "barn_under_18": "1"}),
    _Person("Dmytro", "Kovalenko", "M", "UA", "kap6a", "kollektiv_beskyttelse", "dnr", 19, 240,
            {"morsmal": "Ukrainsk", "skolear": "11", "vgs_fullfort": False, "bor_med_foreldre": True}),
    _Person("Şükrü", "Yıldırım", "M", "TR", "integreringsloven", "flyktning", "fnr", 38, 130,
            {"morsmal": "Kurdisk (kurmanji)", "tolk_behov": True, "tolk_sprak": "Kurdisk", "skolear": "9"}),
    _Person("Ayşe", "Doğan", "K", "TR", "integreringsloven", "familie_flyktning", "fnr", 35, 100,
            {"morsmal": "Tyrkisk", "barn_under_18": "3", "skolear": "6", "vgs_fullfort": False}),
    _Person("Fatuma Ali", "Hassan", "K", "SO", "integreringsloven", "familie_flyktning", "duf", 29, 410,
            {"morsmal": "Somali", "tolk_behov": True, "tolk_sprak": "Somali", "barn_under_18": "4", "skolear": "0", "vgs_fullfort": False}),
    _Person("Zahra", "Ahmadi", "K", "AF", "integreringsloven", "overforingsflyktning", "fnr", 31, 520,
            {"morsmal": "Dari", "barn_under_18": "2", "skolear": "4", "vgs_fullfort": False}),
    _Person("Mohammad", "Rezaei", "M", "AF", "integreringsloven", "sterke_menneskelige_hensyn", "hnr", 23, 600,
            {"morsmal": "Dari", "skolear": "10", "vgs_fullfort": False, "bor_med_foreldre": True}),
    _Person("Grace", "Mbuyi", "K", "CD", "integreringsloven", "overforingsflyktning", "duf", 45, 690,
            {"morsmal": "Lingala", "skolear": "12", "vgs_fullfort": True, "barn_under_18": "1"}),
    _Person("Kateřina", "Dvořáková", "K", "UA", "kap6a", "kollektiv_beskyttelse", "fnr", 57, 300,
            {"morsmal": "Ukrainsk", "skolear": "16", "vgs_fullfort": True}),
    _Person("Mariam", "Ålvik Øvrebø", "K", "SD", "integreringsloven", "familie_annen", "dnr", 30, 200,
            {"morsmal": "Arabisk", "bosatt_etter_avtale": False, "skolear": "12", "vgs_fullfort": True}),
    _Person("Aung", "Ko Ko", "M", "MM", "integreringsloven", "overforingsflyktning", "fnr", 36, 790,
            {"morsmal": "Burmesisk", "skolear": "7", "vgs_fullfort": False}),
    _Person("Ahmad", "Al-Khalil", "M", "SY", "introloven", "flyktning", "fnr", 32, -1,
            {"morsmal": "Arabisk", "skolear": "14", "vgs_fullfort": True, "barn_under_18": "2"}),
)

# Each participant's programme: (event, days after settlement, fields, registered in NIR). Date
# fields given as numbers are days after settlement too. "plan" marks a day the integration plan was
# made or gone through (demo_plans.py makes the versions and reviews). Chosen so that every status
# shows and the deadline radar has items of each kind, some overdue.
_GOAL = {"vgs_eller_mer": "Arbeid som sykepleier etter godkjent utdanning", "under_25_vgs": "Fullført videregående",
         "over_25_vgs": "Fullført videregående, helsefag", "andre": "Fast arbeid i bygg og anlegg"}
HISTORIES = {
    "Amal": [],  # settled two months ago: start deadline coming, competence mapping missing
    "Yonas": [("krav", 5, {}, True), ("kartlegging", 20, {}, True), ("karriereveiledning", 30, {}, True),
              ("innvilget", 45, {"vedtaksdato": 44}, True), ("start", 75, {}, None)],
    "Olena": [("kartlegging", 15, {}, True), ("karriereveiledning", 25, {}, True), ("innvilget", 35, {"vedtaksdato": 35}, True), ("start", 40, {}, True),
              ("sluttmal", 40, {"sluttmalgruppe": "vgs_eller_mer"}, True), ("plan", 55, {}, None),
              ("permisjon", 100, {"til_dato": 109, "vedtaksdato": 95, "grunn": "velferd", "med_stonad": True}, True)],
    "Dmytro": [("kartlegging", 15, {}, True), ("innvilget", 35, {"vedtaksdato": 35}, True), ("start", 40, {}, True),
               ("sluttmal", 40, {"sluttmalgruppe": "under_25_vgs"}, True), ("plan", 65, {}, None),
               ("permisjon", 228, {"til_dato": 245, "vedtaksdato": 220, "grunn": "barns_sykdom"}, False)],
    "Şükrü": [("kartlegging", 10, {}, True), ("innvilget", 25, {"vedtaksdato": 25}, True), ("start", 30, {}, False),
              ("sluttmal", 30, {"sluttmalgruppe": "andre"}, True)],
    "Ayşe": [("kartlegging", 12, {}, True), ("karriereveiledning", 18, {}, True), ("innvilget", 25, {"vedtaksdato": 24}, True), ("start", 30, {}, True),
             ("sluttmal", 30, {"sluttmalgruppe": "andre"}, True), ("plan", 40, {}, None),
             ("permisjon", 50, {"til_dato": 59, "vedtaksdato": 45, "grunn": "religios_hoytid"}, True)],
    "Fatuma Ali": [("kartlegging", 10, {}, True), ("karriereveiledning", 20, {}, True), ("innvilget", 28, {"vedtaksdato": 28}, True), ("start", 30, {}, True),
                   ("sluttmal", 30, {"sluttmalgruppe": "andre"}, True), ("plan", 60, {}, None),
                   ("plan", 150, {}, None),
                   ("stans", 390, {"vedtaksdato": 388, "grunn": "Ugyldig fravær over lang tid"}, None)],
    "Zahra": [("kartlegging", 14, {}, True), ("innvilget", 30, {"vedtaksdato": 30}, True), ("start", 35, {}, True),
              ("sluttmal", 35, {"sluttmalgruppe": "andre"}, False), ("plan", 50, {}, None),
              ("permisjon", 200, {"til_dato": 300, "vedtaksdato": 190, "grunn": "fodsel_mor", "med_stonad": True}, False),
              ("plan", 420, {}, None)],
    "Mohammad": [("kartlegging", 10, {}, True), ("karriereveiledning", 20, {}, True), ("innvilget", 29, {"vedtaksdato": 29}, True), ("start", 30, {}, True),
                 ("sluttmal", 30, {"sluttmalgruppe": "under_25_vgs"}, True), ("plan", 45, {}, None),
                 ("stans", 300, {"vedtaksdato": 298, "grunn": "Uteble fra praksisplassen"}, True),
                 ("klage", 310, {"grunn": "Vedtak om midlertidig stans", "utfall": "ikke_medhold", "utfall_dato": 340}, True),
                 ("gjenopptatt", 330, {}, True), ("plan", 480, {}, None)],
    "Grace": [("kartlegging", 10, {}, True), ("karriereveiledning", 20, {}, True), ("innvilget", 25, {"vedtaksdato": 25}, True), ("start", 30, {}, True),
              ("sluttmal", 30, {"sluttmalgruppe": "vgs_eller_mer"}, True), ("plan", 40, {}, None),
              ("avslutning", 212, {"utgang": "avsluttet", "sluttarsak": "arbeid_30",
                                   "hovedaktivitet": "Helsefagarbeider, Fjordvik sjukeheim, 100 %"}, True)],
    "Kateřina": [("kartlegging", 20, {}, True),
                 ("avslag", 35, {"vedtaksdato": 35, "grunn": "Over 55 år da oppholdstillatelsen ble innvilget; "
                                                            "tilbys norskopplæring etter kap. 6A"}, True),
                 ("klage", 50, {"grunn": "Avslag på deltakelse", "utfall": "ikke_medhold", "utfall_dato": 80}, True)],
    "Mariam": [("krav", 3, {}, True), ("kartlegging", 20, {}, True), ("karriereveiledning", 30, {}, True), ("innvilget", 45, {"vedtaksdato": 45}, True),
               ("start", 50, {}, True), ("sluttmal", 50, {"sluttmalgruppe": "vgs_eller_mer"}, True),
               ("plan", 60, {}, None)],
    "Aung": [("kartlegging", 15, {}, True), ("karriereveiledning", 25, {}, True), ("innvilget", 35, {"vedtaksdato": 35}, True), ("start", 40, {}, True),
             ("sluttmal", 40, {"sluttmalgruppe": "andre"}, True), ("plan", 55, {}, None), ("plan", 240, {}, None),
             ("plan", 420, {}, None), ("plan", 600, {}, None),
             ("avslutning", 765, {"utgang": "avsluttet", "sluttarsak": "arbeid_under_30",
                                  "hovedaktivitet": "Fjordvik Bygg AS, 60 % stilling"}, False)],
    "Ahmad": [("kartlegging", 20, {}, True), ("innvilget", 45, {"vedtaksdato": 45}, True), ("start", 55, {}, True),
              ("plan", 70, {}, None),
              ("avslutning", 785, {"utgang": "avsluttet", "sluttarsak": "videregaende",
                                   "hovedaktivitet": "Elev ved Fjordvik vidaregåande skule"}, True)],
}

# The one participant under the old law was settled before it was repealed, whatever today is.
_INTROLOVEN_SETTLED = datetime.date(2020, 11, 16)


def create_demo(data_dir: Path, passphrase: str = DEMO_PASSPHRASE, today: datetime.date | None = None) -> Session:
    """Create the demo municipality in data_dir (which must be empty) and return the open session."""
    today = today or datetime.date.today()
    session = create_store(data_dir, passphrase, source="demo", check_strength=False)
    try:
        settings.save(session, SETTINGS)
        ids, plan_days, children = {}, {}, {}
        for serial, person in enumerate(PEOPLE, start=1):
            raw = _raw(person, serial, today)
            ids[person.fornavn] = deltakere.create_deltaker(session, raw, confirm_similar=True)
            plan_days[person.fornavn] = _add_history(session, ids[person.fornavn], parse_date(raw["bosatt_dato"]),
                                                     HISTORIES[person.fornavn], today)
            children[person.fornavn] = bool(person.extra.get("barn_under_18"))
        add_plans_and_placements(session, ids, plan_days, children, today)
        add_attendance(session, ids, today)
        add_former_participants(session, today)
    except BaseException:
        session.close()
        raise
    return session


def _add_history(session: Session, deltaker_id: int, settled: datetime.date, history,
                 today: datetime.date) -> list[datetime.date]:
    """Record the programme's events; returns the days the plan was made or gone through."""
    plan_days = []
    for kind, offset, fields, registered in history:
        day = settled + datetime.timedelta(days=offset)
        if kind == "plan":
            plan_days.append(day)
            continue
        raw = {"type": kind, "dato": format_date(day), **fields}
        for name in DATE_FIELDS:
            if isinstance(raw.get(name), int):
                raw[name] = format_date(settled + datetime.timedelta(days=raw[name]))
        if kind == "sluttmal":
            raw["sluttmal"] = _GOAL[fields["sluttmalgruppe"]]
        nir = max(day, parse_date(raw.get("vedtaksdato")) or day) + datetime.timedelta(days=12)
        if registered and nir <= today:
            raw["nir_dato"] = format_date(nir)
        program.save_hendelse(session, deltaker_id, raw)
    return plan_days


def _raw(p: _Person, serial: int, today: datetime.date) -> dict:
    settled = _INTROLOVEN_SETTLED if p.settled_days_ago < 0 else today - datetime.timedelta(days=p.settled_days_ago)
    permit = settled - datetime.timedelta(days=45 + 7 * serial)
    birth = permit - relativedelta(years=p.age, days=37 * serial)
    return {
        "fornavn": p.fornavn,
        "etternavn": p.etternavn,
        "ident": synthetic_number(birth, p.ident_kind, serial * 37),
        "fodselsdato": format_date(birth),
        "kjonn": p.kjonn,
        "landbakgrunn": p.land,
        "statsborgerskap": p.land,
        "lovverk": p.lovverk,
        "oppholdsgrunnlag": p.grunnlag,
        "tillatelse_dato": format_date(permit),
        "bosatt_dato": format_date(settled),
        "telefon": f"4{serial:02d}0 {serial * 1234 % 10000:04d}",
        "adresse": f"Fjordveien {serial * 3}",
        "postnummer": "9990",
        "poststed": "Fjordvik",
        "nav_kontakt": "NAV Fjordvik, veileder Per Ås",
        **p.extra,
    }
