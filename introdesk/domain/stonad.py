"""The monthly payment basis (utbetalingsgrunnlag) of the introduction benefit. DOMAIN.md section 9.

IntroDesk never pays: it tells payroll what a participant is to be paid for a month, and explains
every number with its rule and source.

Money: every amount is computed exactly (fractions of kroner) and each line of the basis is then
rounded to whole øre, half up; the net is the sum of the rounded lines, so the lines always add up.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from introdesk.domain.dates import add_months, first_of_month, last_of_month, month_name
from introdesk.domain.form import format_count, format_hours
from introdesk.domain.hendelser import Hendelse
from introdesk.domain.rules import MissingRule, RuleBook

# Kinds of line in a basis.
SATS, MAANED, FRAVAER, REDUKSJON, JUSTERING = "sats", "maaned", "fravaer", "reduksjon", "justering"


def round_ore(kroner: Fraction) -> int:
    """Whole øre, half up (0,5 øre and more rounds away from zero)."""
    return int((Decimal(kroner.numerator) * 100 / Decimal(kroner.denominator)).quantize(
        Decimal(1), rounding=ROUND_HALF_UP))


def kroner(ore: int) -> str:
    """kr 12 345,67 for 1234567 øre, as Norwegians write amounts."""
    sign = "−" if ore < 0 else ""
    whole, cents = divmod(abs(ore), 100)
    return f"{sign}kr {format_count(whole)},{cents:02d}"


@dataclass(frozen=True)
class Reduksjon:
    """A reduction the adviser enters for a participant's month: another benefit, pay from programme
    work, a set-off of an overpayment."""

    type: str  # code list "reduksjonstype"
    tekst: str
    ore: int  # positive: reduces the payment
    deltaker_id: int = 0
    maaned: datetime.date | None = None  # the first of the month
    id: int | None = None


@dataclass(frozen=True)
class Justering:
    """A correction of a month already approved and paid, carried into this month."""

    month: datetime.date
    text: str
    ore: int  # positive: paid now (back-pay); negative: taken back


@dataclass(frozen=True)
class Stonadsfakta:
    """What the basis of one participant for one month is computed from."""

    deltaker_id: int
    lovverk: str
    fodselsdato: datetime.date
    bor_med_foreldre: bool
    benefit_days: int  # calendar days of the month in the programme with benefit (not stopped, not unpaid leave)
    unauthorised_hours: Decimal
    reductions: tuple[Reduksjon, ...] = ()
    adjustments: tuple[Justering, ...] = ()


@dataclass(frozen=True)
class Linje:
    kind: str
    text: str
    ore: int | None  # None for a line that explains and pays nothing
    rule: str = ""
    source: str = ""


@dataclass(frozen=True)
class Grunnlag:
    deltaker_id: int
    month: datetime.date  # the first of the month
    lines: tuple[Linje, ...]
    gross_ore: int  # the month's amount, part month included
    absence_ore: int  # the deduction for unauthorised absence
    base_ore: int  # what the month itself comes to, before corrections of earlier months
    net_ore: int  # what payroll pays
    requires_vedtak: bool  # the absence deduction needs an individual decision with advance notice
    vedtak_reason: str
    adjustments: tuple[Justering, ...] = ()  # the corrections of paid months in `net_ore`


@dataclass(frozen=True)
class Sats:
    fraction: Fraction
    text: str
    source: str


def rate(lovverk: str, birth: datetime.date, with_parents: bool, month: datetime.date, rules: RuleBook) -> Sats:
    """The share of the full rate (2 G) for this month: all of it, 2/3 under 25, 1/3 under 25 with parents."""
    turns_25 = add_months(birth, 25 * 12)
    when = rules.lookup("stonad.full_sats_fra", lovverk, month)
    first_full = first_of_month(turns_25) if when.value == "samme_maaned" else first_of_month(
        add_months(first_of_month(turns_25), 1))
    if month >= first_full:
        return Sats(Fraction(1), "Full sats (25 år eller eldre)", "Integreringsloven § 20 første ledd")
    if with_parents:
        try:
            share = rules.lookup("stonad.med_foreldre_andel", lovverk, month)
        except MissingRule:  # the old law had no lower rate for those living with parents
            share = None
        if share is not None:
            return Sats(Fraction(*share.value), f"Under 25 år og bor med foreldre: {share.value[0]}/{share.value[1]}",
                        share.source)
    share = rules.lookup("stonad.under_25_andel", lovverk, month)
    return Sats(Fraction(*share.value), f"Under 25 år: {share.value[0]}/{share.value[1]}", share.source)


def compute(f: Stonadsfakta, month: datetime.date, rules: RuleBook) -> Grunnlag:
    """The basis for one participant and one month (`month` is any day of it)."""
    month = first_of_month(month)
    days_in_month = last_of_month(month).day
    g = rules.lookup("grunnbelop", f.lovverk, month)
    times_g = rules.lookup("stonad.g_per_aar", f.lovverk, month)
    sats = rate(f.lovverk, f.fodselsdato, f.bor_med_foreldre, month, rules)
    annual = Fraction(times_g.value) * g.value * sats.fraction
    monthly = annual / 12
    lines = [
        Linje(SATS, f"Grunnbeløpet (G) i {month_name(month)}: {kroner(g.value * 100)}", None,
              "G som gjelder den 1. i måneden", g.source),
        Linje(SATS, f"{sats.text}: {times_g.value} G × {_fraction(sats.fraction)} = {kroner(round_ore(annual))} "
                    f"i året, {kroner(round_ore(monthly))} i måneden", None,
              f"{times_g.value} G i året; en måned er 1/12", f"{times_g.source}; {sats.source}"),
    ]

    day_share = rules.lookup("stonad.dag_av_maaned", f.lovverk, month)
    if f.benefit_days >= days_in_month:
        amount, text = monthly, f"Hele {month_name(month)}"
    else:
        per_day = Fraction(*day_share.value)
        amount = min(monthly, monthly * per_day * f.benefit_days)
        text = (f"Del av måneden: {f.benefit_days} av {days_in_month} dager × "
                f"{day_share.value[0]}/{day_share.value[1]} av månedsbeløpet")
    gross = round_ore(amount)
    lines.append(Linje(MAANED, text, gross, "Dager i programmet med stønad (ikke stans eller permisjon uten stønad)",
                       day_share.source))

    hour_share = rules.lookup("stonad.time_av_aar", f.lovverk, month)
    absence = min(gross, round_ore(annual * Fraction(*hour_share.value) * Fraction(f.unauthorised_hours)))
    if f.unauthorised_hours:
        lines.append(Linje(FRAVAER, f"Ugyldig fravær: {format_hours(f.unauthorised_hours)} timer × "
                                    f"{hour_share.value[0]}/{hour_share.value[1]} av årsbeløpet", -absence,
                           "Ugyldig fravær gir trekk etter lengden (integreringsloven § 21)", hour_share.source))
    for r in f.reductions:
        lines.append(Linje(REDUKSJON, r.tekst, -r.ore, "Andre ytelser og lønn fra arbeid i programmet reduserer "
                                                      "stønaden", "Integreringsloven § 22"))
    base = gross - absence - sum(r.ore for r in f.reductions)
    for a in f.adjustments:
        lines.append(Linje(JUSTERING, a.text, a.ore, "Rettelser av godkjente måneder føres i neste åpne måned",
                           "IntroDesk: en utbetalt måned endres aldri"))
    requires, reason = _needs_decision(gross, absence, g.value, f.lovverk, month, rules)
    return Grunnlag(f.deltaker_id, month, tuple(lines), gross, absence, base,
                    base + sum(a.ore for a in f.adjustments), requires, reason, f.adjustments)


def _needs_decision(gross: int, absence: int, g: int, lovverk: str, month: datetime.date,
                    rules: RuleBook) -> tuple[bool, str]:
    share = rules.lookup("stonad.vedtak_andel_av_utbetaling", lovverk, month)
    of_g = rules.lookup("stonad.vedtak_andel_av_g", lovverk, month)
    limit_share = Fraction(gross) * Fraction(*share.value)
    limit_g = Fraction(g * 100) * Fraction(*of_g.value)
    if gross and absence >= limit_share and absence >= limit_g:
        return True, (f"Trekket for fravær ({kroner(absence)}) er minst {percent(Fraction(*share.value))} "
                      f"av utbetalingen og minst {of_g.value[0]}/{of_g.value[1]} G ({kroner(round_ore(limit_g / 100))}): "
                      f"det krever enkeltvedtak med forhåndsvarsel. {share.source}")
    return False, ""


def _fraction(value: Fraction) -> str:
    return "1" if value == 1 else f"{value.numerator}/{value.denominator}"


def percent(value: Fraction) -> str:
    """«50 %» for 1/2, to a tenth: how a share is written in a text or a letter."""
    return f"{format_hours((Decimal(value.numerator * 100) / value.denominator).quantize(Decimal('0.1')))} %"


def without_benefit(events: list[Hendelse]) -> list[tuple[datetime.date, datetime.date]]:
    """The periods with no benefit: temporary stops (until resumed) and leave without benefit."""
    periods = [(e.dato, e.til_dato) for e in events if e.type == "permisjon" and e.til_dato and not e.med_stonad]
    stopped = None
    for e in sorted((e for e in events if e.type in ("stans", "gjenopptatt")), key=lambda e: e.dato):
        if e.type == "stans" and stopped is None:
            stopped = e.dato
        elif e.type == "gjenopptatt" and stopped is not None:
            periods.append((stopped, e.dato - datetime.timedelta(days=1)))
            stopped = None
    if stopped is not None:
        periods.append((stopped, datetime.date.max))
    return periods


def benefit_days(month: datetime.date, start: datetime.date | None, end: datetime.date | None,
                 without_benefit: list[tuple[datetime.date, datetime.date]]) -> int:
    """Calendar days of the month inside the programme (start..end) and outside the periods without benefit
    (temporary stops and leave without benefit)."""
    if start is None:
        return 0
    first, last = max(first_of_month(month), start), last_of_month(month)
    if end is not None:
        last = min(last, end)
    days = 0
    day = first
    while day <= last:
        if not any(a <= day <= b for a, b in without_benefit):
            days += 1
        day += datetime.timedelta(days=1)
    return days
