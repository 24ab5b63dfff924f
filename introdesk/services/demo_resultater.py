"""The demo municipality's former participants: programmes that ended over the last five years, so the
results have a trend, breakdowns with large and small groups, and one-year follow-up statuses.

Generated from a fixed seed, so the demo is the same each time for the same day. Names are common
given names and family names from each country, combined at random: no real person.
"""

from __future__ import annotations

import datetime
import random

from dateutil.relativedelta import relativedelta

from introdesk.domain.dates import format_date
from introdesk.domain.ident import synthetic_number
from introdesk.services import deltakere, plan, program
from introdesk.services.session import Session

_NAMES = {
    "SY": (("Rami", "Khaled", "Omar", "Tarek"), ("Lina", "Nour", "Rasha", "Hiba"), ("Darwish", "Haddad", "Saleh")),
    "ER": (("Berhane", "Dawit", "Tesfay"), ("Selam", "Helen", "Luwam"), ("Gebremedhin", "Kidane", "Tekle")),
    "AF": (("Ahmad", "Jawad", "Farid"), ("Marzia", "Nilofar", "Shabnam"), ("Hakimi", "Sultani", "Noori")),
    "SO": (("Abdi", "Hassan", "Yusuf"), ("Hodan", "Amina", "Sahra"), ("Warsame", "Farah", "Ali")),
    "UA": (("Andrii", "Oleksii", "Serhii"), ("Iryna", "Oksana", "Yuliia"), ("Shevchenko", "Bondarenko", "Melnyk")),
    "CD": (("Patrick", "Jean", "Emmanuel"), ("Esther", "Chantal", "Grâce"), ("Kabila", "Mukendi", "Ilunga")),
}
# End reasons drawn for the demo, with weights: most go to work or education, as in small municipalities.
_REASONS = (("arbeid_30", 5), ("arbeid_under_30", 3), ("videregaende", 2), ("hoyere_utdanning", 1),
            ("grunnskole", 2), ("nav_tiltak", 2), ("ikke_arbeidssoker", 1), ("sosialhjelp", 1))
_STOPS = (("permanent_stans", "helse"), ("avbrutt", "flyttet"))
# The first day each regime's rules cover a programme start in the demo.
_EARLIEST_START = {"integreringsloven": datetime.date(2021, 3, 1), "kap6a": datetime.date(2022, 7, 1)}
_FOLLOWUP = (("arbeid", 5), ("utdanning", 2), ("arbeid_og_utdanning", 1), ("ingen", 2), ("ukjent", 1))
_GROUP = {"vgs": "vgs_eller_mer", "ung": "under_25_vgs", "andre": "andre"}
_MONTHS = {"vgs": (5, 6), "ung": (14, 22, 30, 36), "andre": (10, 16, 20, 24)}  # within each group's length


def add_former_participants(session: Session, today: datetime.date, count: int = 42) -> None:
    rng = random.Random(2026)
    for serial in range(count):
        ended = today - datetime.timedelta(days=rng.randint(20, 4 * 365))
        land = rng.choice(sorted(_NAMES))
        lovverk = "kap6a" if land == "UA" else "integreringsloven"
        men, women, families = _NAMES[land]
        woman = rng.random() < 0.45
        age = rng.choice((21, 23, 27, 31, 36, 42, 48, 57))
        vgs = rng.random() < 0.4
        group = "vgs" if vgs else "ung" if age < 25 else "andre"
        months = rng.choice(_MONTHS[group])
        start = ended - relativedelta(months=months)
        if start < _EARLIEST_START[lovverk]:
            continue  # before these rules: the demo keeps to programmes they cover
        settled = start - datetime.timedelta(days=rng.randint(20, 80))
        birth = settled - relativedelta(years=age, days=rng.randint(0, 300))
        children = rng.choice((0, 0, 1, 2, 3))
        deltaker_id = deltakere.create_deltaker(session, {
            "fornavn": rng.choice(women if woman else men), "etternavn": rng.choice(families),
            "ident": synthetic_number(birth, "fnr", 500 + serial * 7), "fodselsdato": format_date(birth),
            "kjonn": "K" if woman else "M", "landbakgrunn": land, "lovverk": lovverk,
            "oppholdsgrunnlag": "kollektiv_beskyttelse" if land == "UA" else "overforingsflyktning",
            "bosatt_dato": format_date(settled), "vgs_fullfort": vgs, "skolear": str(12 if vgs else rng.randint(0, 9)),
            "barn_under_18": str(children),
        }, confirm_similar=True)
        _programme(session, deltaker_id, rng, settled, start, ended, group, children > 0, today)


def _programme(session: Session, deltaker_id: int, rng: random.Random, settled: datetime.date,
               start: datetime.date, ended: datetime.date, group: str, parent: bool, today: datetime.date) -> None:
    def event(kind: str, day: datetime.date, **fields) -> None:
        registered = min(day + datetime.timedelta(days=rng.randint(3, 40)), today)
        program.save_hendelse(session, deltaker_id, {"type": kind, "dato": format_date(day),
                                                     "nir_dato": format_date(registered), **fields})

    event("kartlegging", settled + datetime.timedelta(days=10))
    event("karriereveiledning", settled + datetime.timedelta(days=15))
    event("innvilget", start - datetime.timedelta(days=5), vedtaksdato=format_date(start - datetime.timedelta(days=5)))
    event("start", start)
    event("sluttmal", start, sluttmalgruppe=_GROUP[group], sluttmal="Arbeid eller utdanning")
    plan_id = plan.new_version(session, deltaker_id, {"dato": format_date(start + datetime.timedelta(days=14)),
                                                      "kontrakt_signert": format_date(start + datetime.timedelta(days=14))})
    for course in ("livsmestring", "foreldreveiledning") if parent else ("livsmestring",):
        plan.save_element(session, plan_id, {"type": course, "fra": format_date(start + datetime.timedelta(days=21)),
                                             "til": format_date(start + datetime.timedelta(days=90)),
                                             "timer_per_uke": "3", "dager": [2], "status": "fullfort"})
    if rng.random() < 0.12:
        exit_type, reason = rng.choice(_STOPS)
    else:
        exit_type, reason = "avsluttet", _weighted(rng, _REASONS)
    vedtak = {"vedtaksdato": format_date(ended)} if exit_type == "permanent_stans" else {}
    event("avslutning", ended, utgang=exit_type, sluttarsak=reason, **vedtak)
    measured = datetime.date(ended.year + 1, 11, 15)  # SSB measures in November the year after
    if measured <= today:
        event("oppfolging", measured, grunn=_weighted(rng, _FOLLOWUP))


def _weighted(rng: random.Random, choices) -> str:
    codes, weights = zip(*choices)
    return rng.choices(codes, weights)[0]
