"""The integration plan (integreringsplan; individuell plan under the old law): versions, elements and
the checks that make a thin or stale plan impossible to overlook. DOMAIN.md sections 5 and 7.

A plan is kept as numbered versions; a new version starts as a copy of the last, and elements keep a
stable key across versions so two versions can be compared element by element.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from introdesk.domain.dates import count_weekdays, format_date
from introdesk.domain.form import MAX_TEXT_CHARS, InputParser, format_hours
from introdesk.domain.rules import RuleBook

WEEKDAYS = ("man", "tir", "ons", "tor", "fre", "lør", "søn")
WEEKDAY_NAMES = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")
WORKDAYS = (0, 1, 2, 3, 4)

def weekdays_text(days, names=WEEKDAYS) -> str:
    """«man–fre», «tor, fre», «man–ons, fre»: three or more days in a row as a range."""
    runs: list[list[int]] = []
    for day in sorted(days):
        if runs and day == runs[-1][-1] + 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    return ", ".join(f"{names[r[0]]}–{names[r[-1]]}" if len(r) >= 3 else ", ".join(names[d] for d in r)
                     for r in runs)


PLAN_LABELS = {
    "dato": "Dato for planen",
    "sluttmal": "Sluttmål",
    "norskmal": "Norskmål",
    "onsker": "Deltakerens egne ønsker",
    "praksis_onske": "Ønske om praksis",
    "selvstudium": "Mye selvstudium (fulltid 30 timer)",
    "kontrakt_signert": "Integreringskontrakt signert",
    "notat": "Notat",
}
ELEMENT_LABELS = {
    "type": "Element",
    "tilbyder": "Tilbyder",
    "fra": "Fra og med",
    "til": "Til og med",
    "timer_per_uke": "Timer per uke",
    "dager": "Dager",
    "retning": "Arbeids- eller utdanningsrettet",
    "oppfolging": "Følges opp av",
    "status": "Status",
    "timer_fullfort": "Timer gjennomført",
    "beskrivelse": "Beskrivelse (står på plan og deltakerbevis)",
    "notat": "Notat (bare for deg)",
}


@dataclass(frozen=True)
class Element:
    nokkel: str  # the same element in every version of the plan
    type: str
    fra: datetime.date
    til: datetime.date
    timer_per_uke: Decimal
    dager: tuple[int, ...] = WORKDAYS  # 0 = Monday
    tilbyder: str = ""
    retning: str | None = None  # "arbeid", "utdanning" or None
    oppfolging: str = ""
    status: str = "planlagt"
    timer_fullfort: Decimal | None = None
    beskrivelse: str = ""  # printed on the plan and the certificate: «Spor 2, muntlig og skriftlig»
    notat: str = ""  # the adviser's own, never printed
    id: int | None = None

    def active_on(self, day: datetime.date) -> bool:
        return self.fra <= day <= self.til and day.weekday() in self.dager

    def hours_per_day(self) -> Decimal:
        return self.timer_per_uke / len(self.dager) if self.dager else Decimal(0)

    def planned_hours(self) -> Decimal:
        """Hours over the whole period: the hours of each day it runs on, part weeks included."""
        return self.hours_per_day() * count_weekdays(self.fra, self.til, self.dager)


@dataclass(frozen=True)
class Plan:
    deltaker_id: int
    versjon: int
    dato: datetime.date
    sluttmal: str = ""
    norskmal: str = ""
    onsker: str = ""
    praksis_onske: str = ""
    selvstudium: bool = False
    kontrakt_signert: datetime.date | None = None
    notat: str = ""
    elementer: tuple[Element, ...] = ()
    gjennomganger: tuple[datetime.date, ...] = ()  # reviews that left the plan as it was
    id: int | None = None

    @property
    def last_reviewed(self) -> datetime.date:
        return max((self.dato, *self.gjennomganger))

    def element(self, nokkel: str) -> Element | None:
        return next((e for e in self.elementer if e.nokkel == nokkel), None)


# ----- input

def parse_plan(raw: dict[str, Any], today: datetime.date) -> dict[str, Any]:
    """The plan's own fields (not its elements) from typed input; FieldErrors per field."""
    p = InputParser(raw, PLAN_LABELS)
    values = {
        "dato": p.date("dato", required=True, not_after=today),
        "sluttmal": p.text("sluttmal", limit=MAX_TEXT_CHARS * 3),
        "norskmal": p.text("norskmal", limit=MAX_TEXT_CHARS * 3),
        "onsker": p.note("onsker", limit=5000),
        "praksis_onske": p.text("praksis_onske", limit=MAX_TEXT_CHARS * 3),
        "selvstudium": p.flag("selvstudium"),
        "kontrakt_signert": p.date("kontrakt_signert", not_after=today),
        "notat": p.note("notat"),
    }
    p.raise_if_errors()
    return values


def plan_form(plan: Plan) -> dict[str, Any]:
    """The plan's own fields as a person would type them: the inverse of parse_plan."""
    values = {name: getattr(plan, name) for name in PLAN_LABELS}
    return {k: format_date(v) if isinstance(v, datetime.date) else v for k, v in values.items()}


def element_form(e: Element) -> dict[str, Any]:
    """An element as a person would type it: the inverse of parse_element."""
    return {"type": e.type, "tilbyder": e.tilbyder, "fra": format_date(e.fra), "til": format_date(e.til),
            "timer_per_uke": format_hours(e.timer_per_uke), "dager": list(e.dager), "retning": e.retning,
            "oppfolging": e.oppfolging, "status": e.status, "timer_fullfort": format_hours(e.timer_fullfort),
            "beskrivelse": e.beskrivelse, "notat": e.notat}


def parse_element(raw: dict[str, Any], rules: RuleBook, nokkel: str) -> Element:
    p = InputParser(raw, ELEMENT_LABELS, rules)
    kind = p.code("type", "elementtype", required=True)
    fra, til = p.period("fra", "til")
    hours = p.hours("timer_per_uke", 60, required=True)
    days = p.weekdays("dager", "Velg minst én dag i uken.")
    retning = str(raw.get("retning") or "").strip() or None
    if retning not in (None, "arbeid", "utdanning"):
        p.fail("retning", "Velg arbeidsrettet, utdanningsrettet eller ingen av delene.")
    status = p.code("status", "elementstatus") or "planlagt"
    done = p.hours("timer_fullfort", 5000)
    values = dict(tilbyder=p.text("tilbyder"), oppfolging=p.text("oppfolging"), beskrivelse=p.text("beskrivelse"),
                  notat=p.note("notat", limit=5000))
    p.raise_if_errors()
    return Element(nokkel=nokkel, type=kind, fra=fra, til=til, timer_per_uke=hours, dager=days, retning=retning,
                   status=status, timer_fullfort=done, **values)


# ----- checks

FEIL, ADVARSEL = "feil", "advarsel"
SEVERITY_LABELS = {FEIL: "Mangler", ADVARSEL: "Sjekk"}


@dataclass(frozen=True)
class Avvik:
    severity: str
    text: str
    rule: str = ""
    element: str | None = None  # the element's key, when it is about one

    @property
    def severity_label(self) -> str:
        return SEVERITY_LABELS[self.severity]


@dataclass(frozen=True)
class Programperiode:
    """What the checks need to know of the participant and the programme around the plan."""

    lovverk: str
    start: datetime.date | None
    end: datetime.date | None  # the end, or the planned end while running
    barn_under_18: bool


def check_plan(plan: Plan, period: Programperiode, rules: RuleBook) -> list[Avvik]:
    """Everything a reviewer of the plan should see, most serious first."""
    found = _mandatory(plan, period, rules) + _outside_period(plan, period, rules) + _weeks(plan, period, rules)
    if plan.kontrakt_signert is None:
        found.append(Avvik(ADVARSEL, "Integreringskontrakten er ikke registrert som signert.",
                           "Integreringsloven § 16: kontrakten signeres av deltakeren og kommunen."))
    if not plan.sluttmal.strip():
        found.append(Avvik(FEIL, "Sluttmålet mangler.", "Integreringsloven § 15: planen skal ha et sluttmål."))
    return sorted(found, key=lambda a: a.severity != FEIL)


def _mandatory(plan: Plan, period: Programperiode, rules: RuleBook) -> list[Avvik]:
    rule = rules.lookup("plan.obligatoriske_elementer", period.lovverk, plan.dato)
    found = []
    for need in rule.value:
        if need.get("bare_med_barn") and not period.barn_under_18:
            continue
        matching = [e for e in plan.elementer if e.type in need.get("typer", ())
                    or e.retning in need.get("retning", ())]
        if not matching:
            found.append(Avvik(FEIL, f"{need['navn']} mangler i planen.", rule.source))
        elif minimum := need.get("min_timer"):
            planned = sum((e.planned_hours() for e in matching), Decimal(0))
            if planned < minimum:
                found.append(Avvik(FEIL, f"{need['navn']}: {format_hours(planned.quantize(Decimal('0.1')))} timer "
                                         f"planlagt, minst {minimum} kreves.", rule.source, matching[0].nokkel))
    return found


def _outside_period(plan: Plan, period: Programperiode, rules: RuleBook) -> list[Avvik]:
    if period.start is None:
        return []
    codes = rules.codes("elementtype")
    found = []
    for e in plan.elementer:
        if e.fra < period.start or (period.end and e.til > period.end):
            found.append(Avvik(
                ADVARSEL,
                f"{codes.label(e.type)} ({format_date(e.fra)}–{format_date(e.til)}) ligger utenfor programperioden "
                f"({format_date(period.start)}–{format_date(period.end) or 'åpen'}).",
                "Elementene skal ligge innenfor programmets varighet (integreringsloven § 13).", e.nokkel))
    return found


def full_time(plan: Plan, lovverk: str, rules: RuleBook) -> Decimal:
    name = "plan.fulltid_selvstudium_timer" if plan.selvstudium else "plan.fulltid_timer"
    return Decimal(str(rules.value(name, lovverk, plan.dato)))


@dataclass(frozen=True)
class Uke:
    monday: datetime.date
    planned: Decimal
    norm: Decimal  # full time for the days of this week inside the plan's period

    @property
    def number(self) -> int:
        return self.monday.isocalendar().week


def weeks(plan: Plan, period: Programperiode, rules: RuleBook) -> list[Uke]:
    """The plan week by week over its period: hours planned against full time."""
    span = _span(plan, period)
    if span is None:
        return []
    first, last = span
    norm = full_time(plan, period.lovverk, rules)
    out = []
    monday = first - datetime.timedelta(days=first.weekday())
    while monday <= last:
        days = [d for d in _days(max(first, monday), min(last, monday + datetime.timedelta(days=6)))]
        workdays = sum(1 for d in days if d.weekday() in WORKDAYS)
        planned = sum((e.hours_per_day() for d in days for e in plan.elementer if e.active_on(d)), Decimal(0))
        out.append(Uke(monday, planned, norm * workdays / len(WORKDAYS)))
        monday += datetime.timedelta(days=7)
    return out


def _span(plan: Plan, period: Programperiode) -> tuple[datetime.date, datetime.date] | None:
    if not plan.elementer:
        return None
    first = period.start or min(e.fra for e in plan.elementer)
    last = period.end or max(e.til for e in plan.elementer)
    return (first, last) if first <= last else None


def _weeks(plan: Plan, period: Programperiode, rules: RuleBook) -> list[Avvik]:
    """Runs of weeks with nothing planned, less than full time or more, one line per run. The summer
    holiday is planned as an element of its own («Ferie»), so a holiday week is not a gap."""
    norm_rule = rules.lookup("plan.fulltid_selvstudium_timer" if plan.selvstudium else "plan.fulltid_timer",
                             period.lovverk, plan.dato)
    found = []
    for kind, run in _runs(weeks(plan, period, rules)):
        when = _week_range(run)
        if kind == "tom":
            found.append(Avvik(FEIL, f"Ingenting er planlagt {when}. Planlegg også ferien, som et element «Ferie».",
                               "Programmet er på fulltid og helårig (integreringsloven § 13)."))
        elif kind in ("under", "over"):
            planned = _span_text(w.planned for w in run)
            word = "under" if kind == "under" else "over"
            found.append(Avvik(ADVARSEL, f"{planned} timer per uke {when}: {word} fulltid "
                                         f"({_span_text(w.norm for w in run)} timer).", norm_rule.source))
    return found


def _span_text(values) -> str:
    """«30» or «22,5–37,5»: the lowest and highest of some hours, to a tenth."""
    found = sorted({v.quantize(Decimal("0.1")) for v in values})
    return format_hours(found[0]) if len(found) == 1 else f"{format_hours(found[0])}–{format_hours(found[-1])}"


def verdict(week: Uke) -> str:
    """"tom" (nothing planned), "under" or "over" full time, or "ok"."""
    if week.norm == 0:
        return "ok"  # a weekend at the edge of the period
    if week.planned == 0:
        return "tom"
    return "under" if week.planned < week.norm else "over" if week.planned > week.norm else "ok"


def _runs(items: list[Uke]) -> Iterator[tuple[str, list[Uke]]]:
    run: list[Uke] = []
    for week in items:
        if run and verdict(run[-1]) != verdict(week):
            yield verdict(run[0]), run
            run = []
        run.append(week)
    if run:
        yield verdict(run[0]), run


def _week_range(run: list[Uke]) -> str:
    """«i uke 36–40 (dates)», with the years when the run crosses a new year: «uke 50/2026–3/2027»."""
    first, last = run[0], run[-1]
    sunday = last.monday + datetime.timedelta(days=6)
    if first is last:
        return f"i uke {first.number} ({format_date(first.monday)})"
    years = first.monday.isocalendar().year, last.monday.isocalendar().year
    numbers = (f"{first.number}–{last.number}" if years[0] == years[1]
               else f"{first.number}/{years[0]}–{last.number}/{years[1]}")
    return f"i uke {numbers} ({format_date(first.monday)}–{format_date(sunday)})"


def _days(first: datetime.date, last: datetime.date) -> Iterator[datetime.date]:
    day = first
    while day <= last:
        yield day
        day += datetime.timedelta(days=1)


# ----- the week view

@dataclass(frozen=True)
class Okt:
    """One element on one day of the week view."""

    element: Element
    hours: Decimal


def week_schedule(plan: Plan, monday: datetime.date) -> list[list[Okt]]:
    """For each day Monday to Sunday of the week, the elements that run and their hours that day."""
    days = [monday + datetime.timedelta(days=i) for i in range(7)]
    return [[Okt(e, e.hours_per_day()) for e in plan.elementer if e.active_on(day)] for day in days]


# ----- comparing versions

def diff_plans(old: Plan, new: Plan, rules: RuleBook) -> list[str]:
    """What changed from one version to another, in words, one line a change."""
    lines = []
    for name, label in PLAN_LABELS.items():
        a, b = getattr(old, name), getattr(new, name)
        if a != b and name != "dato":
            lines.append(f"{label}: {_shown(a)} → {_shown(b)}")
    codes = rules.codes("elementtype")
    for e in new.elementer:
        before = old.element(e.nokkel)
        if before is None:
            lines.append(f"Nytt element: {describe_element(e, rules)}")
            continue
        changes = [f"{ELEMENT_LABELS[name].lower()} {_shown(getattr(before, name), name)} → "
                   f"{_shown(getattr(e, name), name)}"
                   for name in ELEMENT_LABELS if getattr(before, name) != getattr(e, name)]
        if changes:
            lines.append(f"Endret element {codes.label(e.type)}: {'; '.join(changes)}")
    for e in old.elementer:
        if new.element(e.nokkel) is None:
            lines.append(f"Fjernet element: {describe_element(e, rules)}")
    return lines


def describe_element(e: Element, rules: RuleBook) -> str:
    provider = f" ({e.tilbyder})" if e.tilbyder else ""
    return (f"{rules.codes('elementtype').label(e.type)}{provider} {format_date(e.fra)}–{format_date(e.til)}, "
            f"{format_hours(e.timer_per_uke)} t/uke")


def _shown(value, name: str = "") -> str:
    if value in (None, "", ()):
        return "–"
    if isinstance(value, bool):
        return "ja" if value else "nei"
    if isinstance(value, datetime.date):
        return format_date(value)
    if isinstance(value, Decimal):
        return format_hours(value)
    if name == "dager":
        return ", ".join(WEEKDAYS[d] for d in value)
    return str(value)


def copy_for_new_version(plan: Plan, dato: datetime.date) -> Plan:
    """The next version starts as the last one, dated anew, with no reviews of its own."""
    return replace(plan, id=None, versjon=plan.versjon + 1, dato=dato, gjennomganger=(),
                   elementer=tuple(replace(e, id=None) for e in plan.elementer))
