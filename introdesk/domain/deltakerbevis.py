"""The certificate of participation (deltakerbevis): what it documents, gathered from the records and
never typed twice, and when it may be issued. DOMAIN.md section 11 (integreringsloven § 18 a).

It documents the programme's measures and completed training; for social studies it must give scope
and length; if the programme ended early, why and how much was completed. Norwegian test results
are not on it: the test centres issue those.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, replace
from decimal import Decimal

from introdesk.domain.deltaker import Deltaker
from introdesk.domain.forlop import AVSLUTTET, Forlop
from introdesk.domain.plan import Element, Plan
from introdesk.domain.praksis import Praksis
from introdesk.domain.rules import RuleBook

# Elements the certificate names in their own section, in this order; the rest are «other measures».
MAIN_ELEMENTS = ("norsk", "samfunnskunnskap", "livsmestring", "foreldreveiledning")
# Plan elements that are placements: the registered placements stand for them when there are any.
PLACEMENT_ELEMENTS = ("sprakpraksis", "arbeidspraksis")
NOT_A_MEASURE = ("ferie",)  # a holiday in the plan is no part of what was done


@dataclass(frozen=True)
class Tiltak:
    """One measure on the certificate: what, who provided it, when, and the hours."""

    type: str  # element type code (elementtype.toml), or for a placement its kind (praksistype.toml)
    label: str
    provider: str
    fra: datetime.date
    til: datetime.date
    hours_planned: Decimal | None
    hours_completed: Decimal | None  # None: not recorded
    status: str  # element status code: planlagt, pagar, fullfort, avbrutt
    note: str = ""  # the element's description (the kind of Norwegian training), or the placement's tasks
    placement: bool = False


@dataclass(frozen=True)
class Bevisinnhold:
    deltaker: Deltaker
    lovverk: str
    start: datetime.date | None
    end: datetime.date | None
    utgang: str | None  # exit code (utgang.toml), None while running
    sluttarsak: str | None
    ended_early: bool  # stopped or interrupted rather than completed
    months_used: int | None  # whole months in the programme, leave and stops not counted
    months_planned: int | None  # the ordinary length for the end-goal group, with extensions
    sluttmal: str
    norskmal: str
    measures: tuple[Tiltak, ...]  # main elements first, then placements, then other measures

    @property
    def final(self) -> bool:
        """Ended: a certificate may be issued; before that only a draft."""
        return self.end is not None


def refusal(forlop: Forlop) -> str:
    """Why no certificate can be issued now ("" when it can): only for a completed or broken-off programme."""
    if forlop.start is None:
        return "Deltakeren har ikke startet i programmet, så det er ingenting å utstede deltakerbevis for."
    if forlop.status != AVSLUTTET:
        return ("Deltakerbevis utstedes når programmet er avsluttet eller avbrutt. For et program som pågår kan "
                "du skrive ut et utkast.")
    return ""


def gather(d: Deltaker, forlop: Forlop, plan: Plan | None, placements: list[tuple[Praksis, str]],
           rules: RuleBook, on: datetime.date) -> Bevisinnhold:
    """The certificate's content on a day from the participant, the programme, the current plan and the
    placements (each with its employer's name). Planned elements that never began are left out."""
    end = next((e for e in forlop.events if e.type == "avslutning"), None)
    exit_code = rules.codes("utgang").get(end.utgang) if end else None
    last = min(forlop.ended or on, on)  # what was done: nothing after the end, nothing still to come
    types = rules.codes("elementtype")
    elements = [e for e in (plan.elementer if plan else ()) if e.fra <= last and e.type not in NOT_A_MEASURE
                and not (placements and e.type in PLACEMENT_ELEMENTS)]
    elements.sort(key=lambda e: (MAIN_ELEMENTS.index(e.type) if e.type in MAIN_ELEMENTS else len(MAIN_ELEMENTS),
                                 e.fra))
    early = bool(exit_code and exit_code.code != "avsluttet")
    measures = [_element(e, types.label(e.type), last, early) for e in elements if e.type in MAIN_ELEMENTS]
    measures += [_placement(p, employer, rules, last, early)
                 for p, employer in sorted(placements, key=lambda pe: pe[0].fra) if p.fra <= last]
    measures += [_element(e, types.label(e.type), last, early) for e in elements if e.type not in MAIN_ELEMENTS]
    planned = (forlop.ordinary_months or 0) + forlop.extension_months if forlop.ordinary_months else None
    return Bevisinnhold(
        deltaker=d, lovverk=d.lovverk, start=forlop.start, end=forlop.ended,
        utgang=end.utgang if end else None, sluttarsak=end.sluttarsak if end else None,
        ended_early=early,
        months_used=forlop.used_days * 12 // 365 if forlop.used_days is not None else None,
        months_planned=planned, sluttmal=plan.sluttmal if plan else "", norskmal=plan.norskmal if plan else "",
        measures=tuple(measures),
    )


def _status(recorded: str, til: datetime.date, last: datetime.date, early: bool) -> str:
    """As recorded when finished or broken off; else by the dates: still running on the last day means
    broken off when the programme ended early, under way on a draft, and otherwise done."""
    if recorded in ("fullfort", "avbrutt"):
        return recorded
    if til > last:
        return "avbrutt" if early else "pagar"
    return "fullfort"


def _element(e: Element, label: str, last: datetime.date, early: bool) -> Tiltak:
    """An element as far as it went: cut at the last day, its planned hours counted to then."""
    done = replace(e, til=min(e.til, last))
    return Tiltak(e.type, label, e.tilbyder, done.fra, done.til, done.planned_hours().quantize(Decimal("1")),
                  e.timer_fullfort, _status(e.status, e.til, last, early), e.beskrivelse,
                  placement=e.type in PLACEMENT_ELEMENTS)


def _placement(p: Praksis, employer: str, rules: RuleBook, last: datetime.date, early: bool) -> Tiltak:
    til = min(p.til, last)
    weeks = Decimal((til - p.fra).days + 1) / 7
    recorded = "avbrutt" if p.utfall == "avbrutt" else "fullfort" if p.utfall else ""
    return Tiltak(p.type, rules.codes("praksistype").label(p.type), employer, p.fra, til,
                  (p.timer_per_uke * weeks).quantize(Decimal("1")), None, _status(recorded, p.til, last, early),
                  p.oppgaver.split("\n")[0], placement=True)
