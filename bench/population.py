"""A generated register of N fictional participants, written the way the app writes them.

Participants go through the domain parser and the repositories (with the audit trail), with a
programme each, in one transaction, so the store looks like one filled by hand, only faster to make.
"""

from __future__ import annotations

import datetime
import random
from pathlib import Path

from introdesk.domain.dates import first_of_month, format_date
from introdesk.domain.deltaker import parse_deltaker
from introdesk.domain.ident import synthetic_number
from introdesk.services.session import Session, create_store
from decimal import Decimal

from introdesk.domain.hendelser import Hendelse
from introdesk.domain.plan import Element, Plan
from introdesk.domain.praksis import Arbeidsgiver, Oppfolging, Praksis
from introdesk.store import deltakere as repo
from introdesk.domain.fravaer import Fravaer
from introdesk.services import program, stonad
from introdesk.store import fravaer as fravaer_repo
from introdesk.store import hendelser, plans, praksis

PASSPHRASE = "benk-passordfrase-lang-nok"
GIVEN = ["Amal", "Yonas", "Olena", "Şükrü", "Ayşe", "Zahra", "Mohammad", "Grace", "Kateřina", "Mariam", "Aung",
         "Ahmad", "Fatuma", "Dmytro", "Nour", "Hamid", "Leyla", "Tigist", "Oksana", "Samir"]
FAMILY = ["Haddad", "Tesfaye", "Kovalenko", "Yıldırım", "Doğan", "Hassan", "Ahmadi", "Rezaei", "Mbuyi",
          "Dvořáková", "Ålvik", "Øvrebø", "Ko Ko", "Al-Khalil", "Bondarenko", "Nasser", "Mekonnen", "Karimi"]
GROUNDS = [("SY", "integreringsloven", "flyktning"), ("ER", "integreringsloven", "overforingsflyktning"),
           ("UA", "kap6a", "kollektiv_beskyttelse"), ("AF", "integreringsloven", "familie_flyktning"),
           ("SO", "integreringsloven", "flyktning"), ("TR", "integreringsloven", "sterke_menneskelige_hensyn")]
KINDS = ["fnr", "fnr", "dnr", "hnr", "duf"]


def generate(data_dir: Path, count: int, seed: int = 2026) -> Session:
    rng = random.Random(seed)
    today = datetime.date.today()
    session = create_store(data_dir, PASSPHRASE, source="bench")
    seen: set[str] = set()
    with session.db.atomic():
        employers = [praksis.save_employer(session.db, session.actor, Arbeidsgiver(f"Arbeidsgiver {n}", sektor="privat"))
                     for n in range(max(1, count // 50))]
        while len(seen) < count:
            raw = _person(rng, today, len(seen))
            if raw["ident"] in seen:
                continue
            seen.add(raw["ident"])
            d = parse_deltaker(raw, session.rules, today)
            deltaker_id = repo.insert(session.db, session.actor, d)
            events = _programme(rng, deltaker_id, d.bosatt_dato, d.lovverk, today)
            for event in events:
                hendelser.insert(session.db, session.actor, event)
            if events:
                plans.insert_version(session.db, session.actor, _plan(deltaker_id, events[1].dato))
                if rng.random() < 0.3:
                    _placement(session, rng, deltaker_id, rng.choice(employers), events[1].dato, today)
        _absences(session, rng, today)
    stonad.approve(session, first_of_month(first_of_month(today) - datetime.timedelta(days=1)))
    return session


def _absences(session: Session, rng: random.Random, today: datetime.date) -> None:
    """A day or two of absence last month for one participant in ten, as the grid records them."""
    month = first_of_month(first_of_month(today) - datetime.timedelta(days=1))
    for deltaker_id, f in program.statuses(session, month).items():
        if f.start and f.start < month and not f.ended and rng.random() < 0.1:
            day = month + datetime.timedelta(days=rng.randint(0, 20))
            if day.weekday() < 5:
                fravaer_repo.set_day(session.db, session.actor, deltaker_id, day,
                                     Fravaer(deltaker_id, day, rng.choice(["ugyldig", "egenmelding"])))


def _programme(rng: random.Random, deltaker_id: int, settled: datetime.date, lovverk: str, today: datetime.date):
    """Most have started, with an end goal and a plan; some have a leave: what the list and radar read."""
    start = settled + datetime.timedelta(days=rng.randint(20, 90))
    if start > today:
        return []
    group = "introloven" if lovverk == "introloven" else rng.choice(["vgs_eller_mer", "under_25_vgs", "andre"])
    events = [Hendelse(None, deltaker_id, "kartlegging", settled + datetime.timedelta(days=10), nir_dato=start),
              Hendelse(None, deltaker_id, "start", start),
              Hendelse(None, deltaker_id, "sluttmal", start, sluttmalgruppe=group, sluttmal="Arbeid")]
    if rng.random() < 0.2:
        leave = start + datetime.timedelta(days=rng.randint(30, 200))
        events.append(Hendelse(None, deltaker_id, "permisjon", leave, til_dato=leave + datetime.timedelta(days=14),
                               vedtaksdato=leave, grunn="velferd"))
    end = start + datetime.timedelta(days=rng.randint(300, 1000))
    if end < today and rng.random() < 0.8:  # the results need programmes that ended, over several years
        events.append(Hendelse(None, deltaker_id, "avslutning", end, utgang="avsluttet",
                               sluttarsak=rng.choice(["arbeid_30", "arbeid_under_30", "videregaende", "grunnskole",
                                                      "nav_tiltak", "sosialhjelp"]), nir_dato=end))
    return events


def _plan(deltaker_id: int, start: datetime.date) -> Plan:
    """A first plan three weeks after the start: Norwegian and language practice for a year."""
    end = start + datetime.timedelta(days=365)
    return Plan(deltaker_id, 1, start + datetime.timedelta(days=20), sluttmal="Arbeid", elementer=(
        Element(f"{deltaker_id}n", "norsk", start, end, Decimal(15), (0, 1, 2)),
        Element(f"{deltaker_id}p", "sprakpraksis", start, end, Decimal(15), (3, 4), retning="arbeid")))


def _placement(session: Session, rng: random.Random, deltaker_id: int, employer_id: int, start: datetime.date,
               today: datetime.date) -> None:
    """A placement somewhere in the programme's first year, with a follow-up or two when it has begun."""
    fra = start + datetime.timedelta(days=rng.randint(20, 300))
    placement_id = praksis.save_placement(session.db, session.actor, Praksis(
        deltaker_id, employer_id, "sprakpraksis", fra, fra + datetime.timedelta(weeks=12), Decimal(15), (3, 4), 14,
        avtale_signert=fra))
    for week in range(0, min(12, (today - fra).days // 7), 4):
        praksis.add_followup(session.db, session.actor,
                             Oppfolging(placement_id, fra + datetime.timedelta(weeks=week, days=3), "besok"))


def _person(rng: random.Random, today: datetime.date, serial: int) -> dict:
    settled = today - datetime.timedelta(days=rng.randint(0, 1500))
    permit = settled - datetime.timedelta(days=rng.randint(20, 200))
    birth = permit - datetime.timedelta(days=rng.randint(18 * 365, 60 * 365))
    land, lovverk, grunnlag = rng.choice(GROUNDS)
    return {
        "fornavn": rng.choice(GIVEN),
        "etternavn": rng.choice(FAMILY),
        "ident": synthetic_number(birth, rng.choice(KINDS), rng.randint(0, 10**8) + serial),
        "fodselsdato": format_date(birth),
        "kjonn": rng.choice("KM"),
        "landbakgrunn": land,
        "lovverk": lovverk,
        "oppholdsgrunnlag": grunnlag,
        "tillatelse_dato": format_date(permit),
        "bosatt_dato": format_date(settled),
    }
