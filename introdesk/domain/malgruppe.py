"""Is the person in the programme's target group (målgruppe)? Integreringsloven § 8, DOMAIN.md section 3.

The answer is advice in words, never a block: the municipality may take in a person it has no duty
to, and records them anyway.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from introdesk.domain.dates import add_months, age_on, format_date
from introdesk.domain.rules import RuleBook

RETT_OG_PLIKT = "rett_og_plikt"
KAN_TILBYS = "kan_tilbys"
UTENFOR = "utenfor"
UAVKLART = "uavklart"

OUTCOME_LABELS = {
    RETT_OG_PLIKT: "Rett og plikt",
    KAN_TILBYS: "Kan tilbys",
    UTENFOR: "Utenfor målgruppen",
    UAVKLART: "Uavklart",
}

# A criterion's verdict; the most serious one decides the whole answer.
OK = "ok"
_SEVERITY = (OK, KAN_TILBYS, UAVKLART, UTENFOR)


@dataclass(frozen=True)
class Criterion:
    verdict: str  # OK, KAN_TILBYS, UTENFOR or UAVKLART
    text: str
    source: str = ""


@dataclass(frozen=True)
class Assessment:
    outcome: str
    criteria: tuple[Criterion, ...]

    @property
    def label(self) -> str:
        return OUTCOME_LABELS[self.outcome]

    def explanation(self) -> str:
        return "\n".join(c.text for c in self.criteria)


@dataclass(frozen=True)
class MalgruppeFacts:
    lovverk: str | None
    birth_date: datetime.date | None
    permit_date: datetime.date | None
    settlement_date: datetime.date | None
    settled_by_agreement: bool
    residence_ground: str | None


def assess(facts: MalgruppeFacts, rules: RuleBook, on: datetime.date) -> Assessment:
    """Assess eligibility on the date the municipality decides (`on`)."""
    if not facts.lovverk:
        return Assessment(UAVKLART, (Criterion(UAVKLART, "Lovverk er ikke valgt."),))
    criteria = (
        _age(facts, rules, on),
        _time_in_municipality(facts, rules, on),
        _residence_ground(facts, rules),
        _settled_by_agreement(facts),
    )
    outcome = max((c.verdict for c in criteria), key=_SEVERITY.index)
    return Assessment(RETT_OG_PLIKT if outcome == OK else outcome, criteria)


def _age(facts: MalgruppeFacts, rules: RuleBook, on: datetime.date) -> Criterion:
    low = rules.lookup("malgruppe.alder_min", facts.lovverk, on)
    high = rules.lookup("malgruppe.alder_maks", facts.lovverk, on)
    if facts.birth_date is None or facts.permit_date is None:
        return Criterion(
            UAVKLART, "Alder kan ikke vurderes uten fødselsdato og dato for oppholdstillatelse.", low.source
        )
    age = age_on(facts.birth_date, facts.permit_date)
    when = f"da oppholdstillatelsen ble innvilget ({format_date(facts.permit_date)})"
    if age < low.value:
        return Criterion(UTENFOR, f"Var {age} år {when}; nedre grense er {low.value} år.", low.source)
    if age > high.value:
        return Criterion(
            KAN_TILBYS,
            f"Var {age} år {when}; over {high.value} år gir ingen rett, men kommunen kan tilby programmet.",
            high.source,
        )
    return Criterion(OK, f"Var {age} år {when}: innenfor {low.value}–{high.value} år.", low.source)


def _time_in_municipality(facts: MalgruppeFacts, rules: RuleBook, on: datetime.date) -> Criterion:
    limit = rules.lookup("malgruppe.botid_aar", facts.lovverk, on)
    if facts.settlement_date is None:
        return Criterion(UAVKLART, "Bosettingsdato mangler.", limit.source)
    deadline = add_months(facts.settlement_date, 12 * limit.value)
    if on >= deadline:
        return Criterion(
            UTENFOR,
            f"Bosatt {format_date(facts.settlement_date)}: {limit.value} år eller mer i kommunen "
            f"({format_date(deadline)} er passert).",
            limit.source,
        )
    return Criterion(
        OK,
        f"Bosatt {format_date(facts.settlement_date)}: mindre enn {limit.value} år i kommunen "
        f"(fristen er {format_date(deadline)}).",
        limit.source,
    )


def _residence_ground(facts: MalgruppeFacts, rules: RuleBook) -> Criterion:
    grounds = rules.codes("oppholdsgrunnlag")
    ground = grounds.get(facts.residence_ground)
    if ground is None:
        return Criterion(UAVKLART, "Oppholdsgrunnlag er ikke valgt.")
    verdict = ground.attributes.get("malgruppe", UTENFOR)
    source = ground.attributes.get("kilde", "")
    if facts.lovverk not in ground.attributes.get("lovverk", ()):
        return Criterion(UAVKLART, f"«{ground.label}» hører ikke til det valgte lovverket.", source)
    texts = {
        "rett": f"Oppholdsgrunnlaget «{ground.label}» gir rett til programmet.",
        KAN_TILBYS: f"Oppholdsgrunnlaget «{ground.label}» gir ingen rett, men kommunen kan tilby programmet.",
        UTENFOR: f"Oppholdsgrunnlaget «{ground.label}» er utenfor målgruppen.",
    }
    return Criterion(OK if verdict == "rett" else verdict, texts[verdict], source)


def _settled_by_agreement(facts: MalgruppeFacts) -> Criterion:
    if facts.settled_by_agreement:
        return Criterion(OK, "Bosatt etter avtale med IMDi.")
    return Criterion(
        KAN_TILBYS, "Ikke bosatt etter avtale med IMDi: ingen rett, men kommunen kan tilby programmet."
    )
