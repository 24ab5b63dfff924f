"""A realistic, fictional municipality for trying IntroDesk and for screenshots.

Dates are relative to today, so the demo always looks current. Identity numbers are synthetic
(Test Norge, month + 80) or plainly made up (DUF), never a real person's.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from dateutil.relativedelta import relativedelta

from introdesk.domain.dates import format_date
from introdesk.domain.ident import synthetic_number
from introdesk.services import deltakere, settings
from introdesk.services.session import DEMO_PASSPHRASE, Session, create_store

SETTINGS = {
    "kommune_navn": "Fjordvik kommune",
    "kommune_nr": "9999",
    "tjeneste_navn": "Flyktningtjenesten",
    "radgiver_navn": "Kari Nordstrøm",
    "radgiver_tittel": "Programrådgiver",
    "malform": "bokmal",
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
    _Person("Amal", "Haddad", "K", "SY", "integreringsloven", "flyktning", "fnr", 34, 18,
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
    _Person("Mohammad", "Rezaei", "M", "AF", "integreringsloven", "sterke_menneskelige_hensyn", "hnr", 24, 600,
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

# The one participant under the old law was settled before it was repealed, whatever today is.
_INTROLOVEN_SETTLED = datetime.date(2020, 11, 16)


def create_demo(data_dir: Path, passphrase: str = DEMO_PASSPHRASE, today: datetime.date | None = None) -> Session:
    """Create the demo municipality in data_dir (which must be empty) and return the open session."""
    today = today or datetime.date.today()
    session = create_store(data_dir, passphrase, source="demo", check_strength=False)
    try:
        settings.save(session, SETTINGS)
        for serial, person in enumerate(PEOPLE, start=1):
            deltakere.create_deltaker(session, _raw(person, serial, today), confirm_similar=True)
    except BaseException:
        session.close()
        raise
    return session


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
