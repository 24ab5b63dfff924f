"""The deadline radar (Frister): everything due or overdue across participants, most urgent first.

Each item knows the rule behind it and its source, and a stable key, so the adviser can mark it done
or snooze it and the mark survives until the facts change (a new planned end gives a new key).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from decimal import Decimal

from introdesk.domain import nir
from introdesk.domain.dates import add_months, format_date, month_name
from introdesk.domain.form import format_hours
from introdesk.domain.forlop import AVSLATT, AVSLUTTET, Forlop
from introdesk.domain.rules import RuleBook

FORFALT, HASTER, SNART = "forfalt", "haster", "snart"
URGENCY_LABELS = {FORFALT: "Forfalt", HASTER: "Haster", SNART: "Snart"}
HASTER_DAGER = 7  # within a week counts as urgent, whatever the warning horizon


@dataclass(frozen=True)
class Frist:
    key: str
    kind: str
    deltaker_id: int | None  # None: the municipality's own (the yearly NIR clean-up)
    due: datetime.date
    text: str
    rule: str
    source: str
    hendelse_id: int | None = None  # the event it is about, to open it
    praksis_id: int | None = None  # the placement it is about

    @property
    def place(self) -> str:
        """Where on the participant's page the item is dealt with: "program", "plan" or "praksis"."""
        return "plan" if self.kind.startswith("plan") else "praksis" if self.kind.startswith("praksis") else "program"

    def urgency(self, today: datetime.date) -> str:
        return urgency(self.due, today)

    def when(self, today: datetime.date) -> str:
        return when(self.due, today)


def urgency(due: datetime.date, today: datetime.date) -> str:
    """Overdue, urgent (within a week) or soon: the same words wherever a date is due."""
    days = (due - today).days
    return FORFALT if days < 0 else HASTER if days <= HASTER_DAGER else SNART


def when(due: datetime.date, today: datetime.date) -> str:
    days = (due - today).days
    if days < 0:
        return f"{-days} {'dag' if days == -1 else 'dager'} over fristen"
    if days == 0:
        return "i dag"
    return f"om {days} {'dag' if days == 1 else 'dager'}"


@dataclass(frozen=True)
class Merknad:
    """The adviser's mark on an item: done, or snoozed until a date, with a reason."""

    key: str
    done: bool
    until: datetime.date | None
    reason: str

    def hides(self, today: datetime.date) -> bool:
        return self.done or (self.until is not None and today < self.until)


@dataclass(frozen=True)
class Praksisstatus:
    """What the radar needs of a placement: its follow-up and its signed agreement."""

    praksis_id: int
    arbeidsgiver: str
    fra: datetime.date
    til: datetime.date
    avtale_signert: bool
    neste_oppfolging: datetime.date | None  # None unless the placement is running


@dataclass(frozen=True)
class Fravaersvarsel:
    """An open month with unauthorised absence: its hours, and whether the deduction needs a decision."""

    month: datetime.date  # the first of the month
    hours: Decimal
    requires_vedtak: bool
    reason: str


@dataclass(frozen=True)
class Deltakerstatus:
    deltaker_id: int
    lovverk: str
    bosatt: datetime.date | None
    forlop: Forlop
    plan: tuple[datetime.date, datetime.date] | None = None  # first plan's date, last made or reviewed
    praksiser: tuple[Praksisstatus, ...] = ()
    fravaer: tuple[Fravaersvarsel, ...] = ()


def radar(people: list[Deltakerstatus], rules: RuleBook, today: datetime.date,
          marks: dict[str, Merknad] | None = None) -> list[Frist]:
    marks = marks or {}
    items: list[Frist] = []
    for person in people:
        items += _for_person(person, rules, today)
    items += _yearly_cleanup(people, rules, today)
    shown = [f for f in items if not (f.key in marks and marks[f.key].hides(today))]
    return sorted(shown, key=lambda f: (f.due, _ORDER.index(f.kind), f.deltaker_id or 0))


_ORDER = ("start", "kartlegging", "plan", "plan_revisjon", "slutt", "forlengelse", "nav", "permisjon",
          "stonad_vedtak", "fravaer", "praksis_avtale", "praksis_oppfolging", "oppfolging", "nir", "nir_aar")


def _for_person(p: Deltakerstatus, rules: RuleBook, today: datetime.date) -> list[Frist]:
    f, ev = p.forlop, p.forlop.events
    warn = rules.value("frister.varsel_dager", p.lovverk, today)

    def rule(name: str):
        return rules.lookup(name, p.lovverk, today)

    def item(kind: str, key: str, due: datetime.date, text: str, rule_text: str, source: str, hendelse=None,
             praksis_id: int | None = None):
        if (due - today).days <= warn:
            out.append(Frist(f"{kind}:{p.deltaker_id}:{key}", kind, p.deltaker_id, due, text, rule_text, source,
                             hendelse.id if hendelse else None, praksis_id))

    out: list[Frist] = []
    first = {e.type: e for e in reversed(ev)}  # the earliest of each kind
    closed = f.ended is not None or f.status == AVSLATT

    if f.start is None and not closed:
        base = first.get("krav") or None
        base_date = base.dato if base else p.bosatt
        if base_date:
            r = rule("program.startfrist_maaneder")
            due = add_months(base_date, r.value)
            item("start", format_date(due), due, "Programmet har ikke startet",
                 f"Start senest {r.value} måneder etter {'krav' if base else 'bosetting'} ({format_date(base_date)}).",
                 r.source)
            if "kartlegging" not in first:
                grant = first.get("innvilget")
                item("kartlegging", "", grant.vedtaksdato if grant else due, "Kompetansekartlegging mangler",
                     "Kompetansen skal kartlegges før vedtak om program (integreringsloven §§ 6 og 10).",
                     "Integreringsloven §§ 6 og 10", grant)
    if f.start is not None and f.ended is None:
        if p.plan is None:
            r = rule("plan.frist_maaneder")
            due = add_months(f.start, r.value)
            item("plan", "", due, "Integreringsplan mangler",
                 f"Planen lages ved oppstart; IntroDesk varsler {r.value} måned(er) etter start.", r.source)
        else:
            r = rule("plan.revisjon_maaneder")
            last = p.plan[1]
            due = add_months(last, r.value)
            item("plan_revisjon", format_date(last), due, "Integreringsplanen skal gjennomgås",
                 f"Planen gjennomgås minst hver {r.value}. måned; sist {format_date(last)}.", r.source)
        if f.planned_end:
            _approaching_end(p, rule, item, today)
        for leave in ev:
            if leave.type == "permisjon" and leave.til_dato and leave.til_dato >= today:
                item("permisjon", str(leave.id), leave.til_dato, "Permisjonen slutter",
                     f"Permisjon {format_date(leave.dato)}–{format_date(leave.til_dato)}: planlegg tilbakekomsten.",
                     "Integreringsloven § 17", leave)
    end = first.get("avslutning")
    if f.status == AVSLUTTET and "oppfolging" not in first and _followed_up(end, rules):
        _followup_status(end.dato, rule, item, today)
    _placements(p, item)  # open placements need their follow-up whatever the programme's recorded state
    _absence(p, rule, item)
    r = rule("nir.registreringsfrist_maaneder")
    for waiting in nir.awaiting(list(ev), p.lovverk, rules, today):
        e = waiting.hendelse
        key = f"{e.id}:{waiting.since.isoformat()}"  # a complaint's outcome is a new item, not the old one snoozed
        item("nir", key, waiting.due, f"Ikke registrert i NIR: {waiting.what.lower()}",
             f"Registreres i NIR senest {r.value} måneder etter hendelsen ({format_date(waiting.since)}).",
             r.source, e)
    return out


def _followed_up(end, rules: RuleBook) -> bool:
    reason = rules.codes("sluttarsak").get(end.sluttarsak) if end else None
    return end is not None and (reason is None or reason.attributes.get("oppfolging", True))


def _followup_status(ended: datetime.date, rule, item, today: datetime.date) -> None:
    r = rule("resultater.oppfolging_dag")
    month, day = (int(x) for x in r.value.split("-"))
    due = datetime.date(ended.year + 1, month, day)
    if (today - due).days <= 90:  # a status not found within a quarter after is not found later
        item("oppfolging", str(ended.year + 1), due, "Registrer status ett år etter avslutning",
             f"Programmet sluttet {format_date(ended)}. Registrer i november {ended.year + 1} om deltakeren er i "
             "arbeid eller utdanning (hendelsen «Status ett år etter avslutning»).", r.source)


def _placements(p: Deltakerstatus, item) -> None:
    for placement in p.praksiser:
        where = f"{placement.arbeidsgiver} ({format_date(placement.fra)}–{format_date(placement.til)})"
        if not placement.avtale_signert:
            item("praksis_avtale", str(placement.praksis_id), placement.fra, f"Praksisavtale ikke signert: {where}",
                 "Praksisavtalen signeres av deltakeren, arbeidsplassen og kommunen før praksisen starter.",
                 "IMDi: språkpraksis i introduksjonsprogrammet (forberedelse)", praksis_id=placement.praksis_id)
        if placement.neste_oppfolging:
            due = placement.neste_oppfolging
            item("praksis_oppfolging", f"{placement.praksis_id}:{due.isoformat()}", due,
                 f"Følg opp praksis: {where}",
                 "Praksisen følges opp med besøk eller samtale med jevne mellomrom; neste forfaller "
                 f"{format_date(due)}.", "IMDi: språkpraksis i tre faser (bakgrunnsdokument 004)",
                 praksis_id=placement.praksis_id)


def _absence(p: Deltakerstatus, rule, item) -> None:
    for warning in p.fravaer:
        month = month_name(warning.month)
        paid_on = add_months(warning.month, 1)  # paid in arrears: decided before next month's payment
        if warning.requires_vedtak:
            item("stonad_vedtak", warning.month.isoformat(), paid_on, f"Trekk i stønaden for {month} krever vedtak",
                 warning.reason + " Send forhåndsvarsel før trekket gjøres.", "Integreringsloven § 21; "
                 "forvaltningsloven § 16")
        limit = rule("fravaer.varsel_ugyldig_timer")
        if warning.hours >= Decimal(str(limit.value)):
            item("fravaer", warning.month.isoformat(), paid_on,
                 f"Mye ugyldig fravær i {month}: {format_hours(warning.hours)} timer",
                 f"{format_hours(Decimal(str(limit.value)))} timer ugyldig fravær eller mer i en måned: vurder en "
                 "samtale, forhåndsvarsel om trekk eller stans (integreringsloven §§ 21 og 29).", limit.source)


def _approaching_end(p: Deltakerstatus, rule, item, today: datetime.date) -> None:
    f = p.forlop
    end = format_date(f.planned_end)
    if f.planned_end < today:
        item("slutt", end, f.planned_end, "Planlagt sluttdato er passert",
             f"Programmet skulle slutte {end}: registrer avslutning eller forlengelse.", "Integreringsloven §§ 13–14")
        return
    nav = rule("nav.overgang_maaneder")
    item("nav", end, add_months(f.planned_end, -nav.value), "Overgang til NAV",
         f"Programmet slutter {end}: avtal overgangen med NAV {nav.value} måneder før.", nav.source)
    if f.max_extension_months and f.extension_months < f.max_extension_months:
        length = rule("program.forlengelse_maaneder")
        item("forlengelse", end, f.planned_end, "Vurder forlengelse",
             f"Programmet slutter {end}. Forlengelse (høyst {f.max_extension_months} måneder i alt) må vedtas før "
             "det, og bare når deltakeren ventes å nå sluttmålet med den.", length.source)


def _yearly_cleanup(people: list[Deltakerstatus], rules: RuleBook, today: datetime.date) -> list[Frist]:
    missing: dict[int, int] = defaultdict(int)
    regime: dict[int, str] = {}
    for p in people:
        for waiting in nir.awaiting(list(p.forlop.events), p.lovverk, rules, today):
            missing[waiting.since.year] += 1
            regime.setdefault(waiting.since.year, p.lovverk)
    out = []
    for year, count in sorted(missing.items()):
        r = rules.lookup("nir.opprydding_dag", regime[year], today)
        month, day = (int(x) for x in r.value.split("-"))
        due = datetime.date(year + 1, month, day)
        warn = rules.value("frister.varsel_dager", regime[year], today)
        if (due - today).days <= warn:
            out.append(Frist(f"nir_aar:{year}", "nir_aar", None, due,
                             f"Årlig opprydding i NIR for {year}: {count} {'hendelse' if count == 1 else 'hendelser'} "
                             "er ikke registrert",
                             f"Året {year} skal være komplett i NIR innen {format_date(due)}.", r.source))
    return out
