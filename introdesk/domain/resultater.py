"""The municipality's results (DOMAIN.md section 13): who ended the programme in a year, and whether
their end reason counts as work or education. Each ending carries the groups the results are broken
down by; services/resultater.py counts them (with pandas).

The main indicator's denominator is everyone who ended (completed, stopped or interrupted), those
without an end reason included; the age groups, length groups and the small-group limit are rules
in resources/regler/nir.toml.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from introdesk.domain.dates import age_on
from introdesk.domain.names import norwegian_sort_key
from introdesk.domain.nir import Sak
from introdesk.domain.nir_arsfil import whole_months
from introdesk.domain.rules import RuleBook

# The breakdowns, in the order they are shown: field -> heading.
BREAKDOWNS = {
    "kjonn": "Kjønn",
    "aldersgruppe": "Alder ved avslutning",
    "landbakgrunn": "Landbakgrunn",
    "utdanning": "Utdanningsbakgrunn",
    "lovverk": "Lovverk",
    "programlengde": "Programlengde",
}
UNKNOWN = "Ukjent"


@dataclass(frozen=True)
class Avslutning:
    deltaker_id: int
    year: int
    utgang: str | None
    sluttarsak: str | None
    resultat: bool  # the end reason counts as work or education
    kjonn: str
    aldersgruppe: str
    landbakgrunn: str
    utdanning: str
    lovverk: str
    programlengde: str
    oppfolging: str | None  # status one year after, when recorded
    oppfolging_resultat: bool


def endings(saker: list[Sak], rules: RuleBook, today: datetime.date) -> list[Avslutning]:
    """Every programme in the register that has ended, with the groups it belongs to. Someone who never
    started was never a participant, and an end recorded ahead of time has not happened yet."""
    out = []
    codes = rules.codes
    for sak in saker:
        end = sak.event("avslutning")
        if end is None or sak.forlop.start is None or end.dato > today:
            continue
        d, on = sak.deltaker, end.dato
        reason = codes("sluttarsak").get(end.sluttarsak)
        followup = sak.event("oppfolging")
        status = codes("oppfolgingsstatus").get(followup.grunn) if followup else None
        start = sak.forlop.start
        out.append(Avslutning(
            deltaker_id=sak.deltaker_id, year=on.year, utgang=end.utgang, sluttarsak=end.sluttarsak,
            resultat=bool(reason and reason.attributes.get("resultat")),
            kjonn=codes("kjonn").label(d.kjonn) or UNKNOWN,
            aldersgruppe=_group(age_on(d.fodselsdato, on), rules.value("resultater.aldersgrupper", d.lovverk, on),
                                "år"),
            landbakgrunn=codes("land").label(d.landbakgrunn) or UNKNOWN,
            utdanning=_education(d.vgs_fullfort),
            lovverk=codes("lovverk").label(d.lovverk) or d.lovverk,
            programlengde=_group(whole_months(start, on), rules.value("resultater.programlengde_maaneder", d.lovverk, on),
                                 "måneder"),
            oppfolging=status.code if status else None,
            oppfolging_resultat=bool(status and status.attributes.get("resultat")),
        ))
    return out


def _group(value: int, lower_bounds: list[int], unit: str) -> str:
    """The group a value falls in, named from the rule's lower bounds: «25–34 år», «55 år og eldre»."""
    bounds = sorted(lower_bounds)
    if value < bounds[0]:
        return f"Under {bounds[0]} {unit}"
    for low, high in zip(bounds, bounds[1:]):
        if value < high:
            return f"Under {high} {unit}" if low == 0 else f"{low}–{high - 1} {unit}"
    last = bounds[-1]
    return f"{last} {unit} og eldre" if unit == "år" else f"{last} {unit} eller mer"


def _education(vgs: bool | None) -> str:
    return UNKNOWN if vgs is None else "Fullført videregående" if vgs else "Ikke fullført videregående"


def group_order(field: str, labels: list[str]) -> list[str]:
    """Groups in a reader's order: numeric groups by their bound, others alphabetically (Æ, Ø, Å last),
    Ukjent at the end."""
    numeric = field in ("aldersgruppe", "programlengde")

    def key(label: str):
        if label == UNKNOWN:
            return (2, 0, "")
        if numeric:
            bound = next((int(w) for w in label.replace("–", " ").split() if w.isdigit()), 0)
            return (0, -1 if label.startswith("Under") else bound, "")
        return (1, 0, norwegian_sort_key(label))
    return sorted(labels, key=key)
