"""Attendance and absence (fravær): what a day in the grid means, the hours planned that day, public
holidays, and the quotas for self-certified illness, a child's illness, holiday and religious holidays.
DOMAIN.md sections 4 and 8.

Attendance is recorded by exception: a day with nothing recorded is a day attended as planned. An
absence is a kind (valid or unauthorised) and the hours missed, or the whole day.
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from types import MappingProxyType

import holidays

from introdesk.domain.dates import add_months, format_date
from introdesk.domain.form import format_hours
from introdesk.domain.hendelser import Hendelse
from introdesk.domain.plan import Plan
from introdesk.domain.rules import RuleBook

UGYLDIG = "ugyldig"


@dataclass(frozen=True)
class Fravaer:
    deltaker_id: int
    dato: datetime.date
    type: str  # code list "fravaerstype"
    timer: Decimal | None = None  # None: the whole day
    notat: str = ""
    id: int | None = None

    def hours(self, planned: Decimal) -> Decimal:
        """The hours missed: those recorded, or the day's planned hours for a whole day."""
        return planned if self.timer is None else self.timer


@functools.lru_cache(maxsize=32)  # building a year's calendar takes a third of a millisecond, asked per day
def public_holidays(year: int) -> Mapping[datetime.date, str]:
    """Norway's public holidays (helligdager) with their Norwegian names: days off in the programme."""
    return MappingProxyType(dict(holidays.Norway(years=year, language="no")))


def planned_hours(plan: Plan | None, day: datetime.date, off: dict[datetime.date, str], default: Decimal) -> Decimal:
    """The hours the participant is expected in the programme that day.

    The plan's elements decide; a weekday the plan does not fill still counts as a full day, since
    the programme is full time; weekends and public holidays are off.
    """
    if day in off:
        return Decimal(0)
    hours = sum((e.hours_per_day() for e in (plan.elementer if plan else ()) if e.active_on(day)), Decimal(0))
    if hours == 0 and day.weekday() < 5:
        return default
    return hours


_CELL = re.compile(r"^\s*(?:([A-Za-zÆØÅæøå])\s*([\d.,]*)|([\d.,]+)\s*([A-Za-zÆØÅæøå]))\s*$")


def parse_cell(text: str, rules: RuleBook) -> tuple[str, Decimal | None] | None:
    """What the adviser typed in a day of the grid: nothing (attended as planned), a letter for a
    whole day's absence («U»), or a letter and hours («U 2,5» or «2,5U»). Raises ValueError in Norwegian."""
    if not str(text or "").strip():
        return None
    m = _CELL.match(str(text))
    kinds = rules.codes("fravaerstype").codes
    keys = ", ".join(c.attributes["tast"] for c in kinds)
    if not m:
        raise ValueError(f"Skriv en bokstav for fraværet ({keys}), eventuelt med timer: «U» eller «U 2,5».")
    letter, number = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
    found = next((c for c in kinds if c.attributes["tast"] == letter.upper()), None)
    if found is None:
        raise ValueError(f"Ukjent fraværskode «{letter}». Bruk {keys}.")
    kind = found.code
    if not number:
        return kind, None
    if found.attributes.get("hele_dager"):
        raise ValueError(f"{found.label} føres for hele dager: en deltaker kan ikke være delvis sykmeldt.")
    try:
        hours = Decimal(number.replace(",", "."))
    except InvalidOperation:
        raise ValueError("Skriv timene som et tall, for eksempel 2,5.") from None
    if not 0 < hours <= 24 or (hours * 4) % 1:
        raise ValueError("Timene må være mellom 0,25 og 24, i hele kvarter.")
    return kind, hours


def cell_text(f: Fravaer | None, rules: RuleBook) -> str:
    """The inverse of parse_cell: how a recorded absence shows in the grid."""
    if f is None:
        return ""
    letter = rules.codes("fravaerstype").get(f.type).attributes["tast"]
    return letter if f.timer is None else f"{letter} {format_hours(f.timer)}"


def unauthorised_hours(absences: list[Fravaer], plan: Plan | None, first: datetime.date, last: datetime.date,
                       default: Decimal) -> Decimal:
    """Hours of unauthorised absence from `first` to `last`: what the benefit is reduced by."""
    off = {**public_holidays(first.year), **public_holidays(last.year)}
    return sum((a.hours(planned_hours(plan, a.dato, off, default)) for a in absences
                if a.type == UGYLDIG and first <= a.dato <= last), Decimal(0))


# ----- quotas

@dataclass(frozen=True)
class Kvote:
    name: str
    used: int  # days, or occurrences for self-certification
    limit: int
    unit: str
    period: str
    source: str
    warnings: tuple[str, ...] = ()

    @property
    def over(self) -> bool:
        return bool(self.warnings)

    @property
    def text(self) -> str:
        return f"{self.name}: {self.used} av {self.limit} {self.unit} {self.period}"


def quotas(absences: list[Fravaer], lovverk: str, children_under_18: int, programme_start: datetime.date | None,
           on: datetime.date, rules: RuleBook) -> list[Kvote]:
    """How much of each quota is used on a day, with a warning for each rule broken."""
    year_ago = add_months(on, -12) + datetime.timedelta(days=1)
    last_12 = [a for a in absences if year_ago <= a.dato <= on]
    this_year = [a for a in absences if a.dato.year == on.year and a.dato <= on]
    return [
        _self_certification(last_12, lovverk, programme_start, on, rules),
        _child_illness(last_12, lovverk, children_under_18, on, rules),
        _days_in_year(this_year, "ferie", "Ferie", "fravaer.ferie_dager", lovverk, on, rules),
        _days_in_year(this_year, "religios_hoytid", "Religiøse høytider", "fravaer.religios_hoytid_dager", lovverk,
                      on, rules),
    ]


def leave_quotas(leaves: list[Hendelse], lovverk: str, on: datetime.date, rules: RuleBook) -> list[Kvote]:
    """Leave granted for pregnancy, birth and care, against its quota over the last 12 months: working
    days, or calendar months for care leave. Only the kinds the participant has had are listed."""
    year_ago = add_months(on, -12) + datetime.timedelta(days=1)
    reasons = rules.codes("permisjonsgrunn")
    out = []
    for reason in reasons.codes:
        name = reason.attributes.get("kvote")
        taken = [e for e in leaves if e.type == "permisjon" and e.grunn == reason.code and e.til_dato
                 and e.til_dato >= year_ago and e.dato <= on]
        if not name or not taken:
            continue
        rule = rules.lookup(name, lovverk, on)
        months = name.endswith("_maaneder")
        used = sum(((e.til_dato - e.dato).days + 1) // 30 if months else _working_days(e.dato, e.til_dato)
                   for e in taken)
        unit = "måneder" if months else "virkedager"
        warnings = (f"{reason.label}: {used} {unit} siste 12 måneder; høyst {rule.value}.",) if used > rule.value else ()
        out.append(Kvote(reason.label, used, rule.value, unit, "siste 12 måneder", rule.source, warnings))
    return out


def _working(day: datetime.date) -> bool:
    return day.weekday() < 5 and day not in public_holidays(day.year)


def _working_days(first: datetime.date, last: datetime.date) -> int:
    return sum(1 for n in range((last - first).days + 1) if _working(first + datetime.timedelta(days=n)))


def _self_certification(absences: list[Fravaer], lovverk: str, start: datetime.date | None, on: datetime.date,
                        rules: RuleBook) -> Kvote:
    rule = rules.lookup("permisjon.egenmelding", lovverk, on)
    limits = rule.value
    spells = _spells(sorted(a.dato for a in absences if a.type == "egenmelding"))
    warnings = []
    for first, days in spells:
        if days > limits["dager_per_gang"]:
            warnings.append(f"Egenmelding fra {format_date(first)} varte {days} dager; høyst "
                            f"{limits['dager_per_gang']} dager om gangen, deretter legeerklæring.")
        if start and first < start + datetime.timedelta(weeks=limits["etter_uker_i_program"]):
            warnings.append(f"Egenmelding {format_date(first)} kom før deltakeren hadde vært "
                            f"{limits['etter_uker_i_program']} uker i programmet.")
    if len(spells) > limits["ganger_per_12_maaneder"]:
        warnings.append(f"{len(spells)} egenmeldinger siste 12 måneder; høyst {limits['ganger_per_12_maaneder']}.")
    return Kvote("Egenmelding", len(spells), limits["ganger_per_12_maaneder"], "ganger", "siste 12 måneder",
                 rule.source, tuple(warnings))


def _child_illness(absences: list[Fravaer], lovverk: str, children: int, on: datetime.date,
                   rules: RuleBook) -> Kvote:
    rule = rules.lookup("permisjon.barns_sykdom_dager", lovverk, on)
    limit = rule.value["flere_enn_to_barn" if children > 2 else "vanlig"]
    used = sum(1 for a in absences if a.type == "barns_sykdom")
    warnings = (f"{used} dager med barns sykdom siste 12 måneder; kvoten er {limit} dager "
                "(enslige forsørgere har mer).",) if used > limit else ()
    return Kvote("Barns sykdom", used, limit, "dager", "siste 12 måneder", rule.source, warnings)


def _days_in_year(absences: list[Fravaer], kind: str, name: str, rule_name: str, lovverk: str, on: datetime.date,
                  rules: RuleBook) -> Kvote:
    rule = rules.lookup(rule_name, lovverk, on)
    used = sum(1 for a in absences if a.type == kind)
    warnings = (f"{used} dager {name.lower()} i {on.year}; høyst {rule.value}.",) if used > rule.value else ()
    return Kvote(name, used, rule.value, "dager", f"i {on.year}", rule.source, warnings)


def _spells(days: list[datetime.date]) -> list[tuple[datetime.date, int]]:
    """Absences on following working days (a weekend or public holiday between does not break them) as
    (first day, days)."""
    spells: list[tuple[datetime.date, int]] = []
    previous = None
    for day in days:
        follows = previous is not None and not any(
            _working(previous + datetime.timedelta(days=n)) for n in range(1, (day - previous).days))
        if follows:
            spells[-1] = (spells[-1][0], spells[-1][1] + 1)
        else:
            spells.append((day, 1))
        previous = day
    return spells
