"""A generated register of N fictional participants, written the way the app writes them.

Rows go through the domain parser and the repository (with the audit trail), in one transaction,
so the store looks like one filled by hand, only faster to make.
"""

from __future__ import annotations

import datetime
import random
from pathlib import Path

from introdesk.domain.dates import format_date
from introdesk.domain.deltaker import parse_deltaker
from introdesk.domain.ident import synthetic_number
from introdesk.services.session import Session, create_store
from introdesk.store import deltakere as repo

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
        while len(seen) < count:
            raw = _person(rng, today, len(seen))
            if raw["ident"] in seen:
                continue
            seen.add(raw["ident"])
            repo.insert(session.db, session.actor, parse_deltaker(raw, session.rules, today))
    return session


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
