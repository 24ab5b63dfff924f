"""The monthly benefit basis for the register: computed from attendance, leave, stops and reductions;
approved as a whole and then locked. A change that touches a paid month (a late absence, a new G
that applies back to May) becomes a correction line in the first open month after it."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from introdesk.domain import stonad as benefit
from introdesk.domain.form import FieldErrors, InputParser
from introdesk.domain.forlop import Forlop
from introdesk.domain.fravaer import UGYLDIG, unauthorised_hours
from introdesk.domain.plan import Plan
from introdesk.domain.frister import Fravaersvarsel
from introdesk.domain.dates import add_months, first_of_month, last_of_month, month_name
from introdesk.domain.names import norwegian_sort_key
from introdesk.domain.stonad import Grunnlag, Justering, Linje, Reduksjon, Stonadsfakta
from introdesk.services import program
from introdesk.services.fravaer import default_hours
from introdesk.services.session import Session
from introdesk.store import deltakere as deltaker_repo
from introdesk.store import fravaer as repo
from introdesk.store import hendelser as hendelse_repo
from introdesk.store import plans as plan_repo


@dataclass(frozen=True)
class Rad:
    deltaker_id: int
    navn: str
    ident: str
    grunnlag: Grunnlag


@dataclass(frozen=True)
class Maaned:
    month: datetime.date
    approved: str  # when and by whom, or "" while open
    rows: list[Rad]

    @property
    def locked(self) -> bool:
        return bool(self.approved)

    @property
    def total_ore(self) -> int:
        return sum(r.grunnlag.net_ore for r in self.rows)


def parse_month(text: str) -> datetime.date:
    """«2026-05» or «05.2026» (or «5.2026») into the first of that month; ValueError in Norwegian."""
    value = str(text or "").strip()
    for fmt in ("%Y-%m", "%m.%Y"):
        try:
            return datetime.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"«{value}» er ikke en måned. Skriv for eksempel 2026-05 eller 05.2026.")


def month_basis(session: Session, month: datetime.date, deltaker_id: int | None = None) -> Maaned:
    """Every participant with benefit in the month (or only `deltaker_id`): as paid when approved, else
    computed now with the corrections of approved months that this month is the first open one after."""
    month = first_of_month(month)
    approved = repo.approved_months(session.db)
    people = {r["id"]: r for r in deltaker_repo.list_rows(session.db)}
    only = None if deltaker_id is None else {deltaker_id}
    if month in approved:
        paid = approved[month]
        rows = [Rad(int(i), p["navn"], p["ident"], _from_snapshot(int(i), month, p))
                for i, p in paid["deltakere"].items() if only is None or int(i) in only]
        return Maaned(month, f"{paid['godkjent']} av {paid['godkjent_av']}", rows)
    records = _Records.read(session)
    computed = _compute(session, month, only, records=records)
    corrections = _corrections(session, month, approved, only, records)
    rows = []
    for i in sorted(set(computed) | set(corrections), key=lambda i: norwegian_sort_key(_name(people.get(i)))):
        base = computed.get(i) or _empty(session, i, month)
        grunnlag = benefit.compute(replace(base.facts, adjustments=tuple(corrections[i])), month, session.rules) \
            if i in corrections else base.grunnlag
        rows.append(Rad(i, _name(people.get(i)), people[i]["ident"] if i in people else "", grunnlag))
    return Maaned(month, "", rows)


@dataclass(frozen=True)
class _Computed:
    facts: Stonadsfakta
    grunnlag: Grunnlag


@dataclass(frozen=True)
class _Records:
    """What every month is computed from, read once when several months are (the open one and the
    approved ones its corrections check)."""

    people: list[dict]
    events: dict[int, list]
    statuses: dict[int, Forlop]
    plans: dict[int, Plan]

    @classmethod
    def read(cls, session: Session) -> _Records:
        return cls(_people(session), hendelse_repo.all_living(session.db), program.statuses(session),
                   plan_repo.current_plans(session.db))


def _compute(session: Session, month: datetime.date, only: set[int] | None = None,
             with_parents: dict[int, bool] | None = None, records: _Records | None = None) -> dict[int, _Computed]:
    """The month as the records stand now, without corrections: for the open month, and to check paid ones
    (`with_parents`: the living situation each was paid on)."""
    first, last = month, last_of_month(month)
    records = records or _Records.read(session)
    people = [r for r in records.people if only is None or r["id"] in only]
    events, statuses, plans = records.events, records.statuses, records.plans
    absences: dict[int, list] = {}
    for a in repo.absences(session.db, first, last):
        absences.setdefault(a.deltaker_id, []).append(a)
    reductions: dict[int, list[Reduksjon]] = {}
    for r in repo.reductions(session.db, month):
        reductions.setdefault(r.deltaker_id, []).append(r)
    out = {}
    for p in people:
        f = statuses.get(p["id"])
        unpaid = benefit.without_benefit(events.get(p["id"], []))
        days = benefit.benefit_days(month, f.start, f.ended, unpaid) if f else 0
        if not days and not reductions.get(p["id"]):
            continue
        # No deduction for a day the month was already cut for (a stop, leave without benefit).
        counted = [a for a in absences.get(p["id"], []) if not any(x <= a.dato <= y for x, y in unpaid)]
        hours = unauthorised_hours(counted, plans.get(p["id"]), first, last, default_hours(session, p["lovverk"], first))
        parents = (with_parents or {}).get(p["id"], bool(p["bor_med_foreldre"]))
        facts = Stonadsfakta(p["id"], p["lovverk"], datetime.date.fromisoformat(p["fodselsdato"]), parents, days,
                             hours, tuple(reductions.get(p["id"], ())))
        out[p["id"]] = _Computed(facts, benefit.compute(facts, month, session.rules))
    return out


def absence_warnings(session: Session, today: datetime.date) -> dict[int, list[Fravaersvarsel]]:
    """Unauthorised absence in the open months up to now (this month, and the last one until it is
    approved), by participant: what the deadline radar warns about."""
    approved = repo.approved_months(session.db)
    this_month = first_of_month(today)
    months = [m for m in (first_of_month(this_month - datetime.timedelta(days=1)), this_month) if m not in approved]
    out: dict[int, list[Fravaersvarsel]] = {}
    for month in months:
        absent = {a.deltaker_id for a in repo.absences(session.db, month, last_of_month(month))
                  if a.type == UGYLDIG}
        for i, c in _compute(session, month, absent).items() if absent else ():
            if c.facts.unauthorised_hours:
                out.setdefault(i, []).append(Fravaersvarsel(month, c.facts.unauthorised_hours,
                                                            c.grunnlag.requires_vedtak, c.grunnlag.vedtak_reason))
    return out


def _people(session: Session) -> list[dict]:
    return session.db.execute_returning_dicts(
        "SELECT id, fornavn, etternavn, ident, lovverk, fodselsdato, bor_med_foreldre FROM deltaker "
        "WHERE slettet IS NULL")


def _corrections(session: Session, month: datetime.date, approved: dict[datetime.date, dict],
                 only: set[int] | None = None, records: _Records | None = None) -> dict[int, list[Justering]]:
    """For each approved month whose first open month after it is `month`: what it comes to now, less
    what was paid for it and what earlier corrections already carried."""
    out: dict[int, list[Justering]] = {}
    records = records or _Records.read(session)
    living = {r["id"] for r in records.people}  # a deleted participant's paid months are left as paid
    for paid_month, paid in approved.items():
        if paid_month >= month or _first_open_after(paid_month, approved) != month:
            continue
        # The rate as paid: living with parents is not dated, so today's answer would rewrite history.
        as_paid = {int(k): v["bor_med_foreldre"] for k, v in paid["deltakere"].items()
                   if v.get("bor_med_foreldre") is not None}
        now = _compute(session, paid_month, only, as_paid, records)
        for i in sorted((set(now) | {int(k) for k in paid["deltakere"] if only is None or int(k) in only}) & living):
            before = paid["deltakere"].get(str(i), {})
            carried = sum(later["deltakere"].get(str(i), {}).get("justeringer", {}).get(paid_month.isoformat(), 0)
                          for m, later in approved.items() if m > paid_month)
            delta = (now[i].grunnlag.base_ore if i in now else 0) - before.get("base_ore", 0) - carried
            if delta:
                word = "Etterbetaling" if delta > 0 else "For mye utbetalt, trekkes"
                out.setdefault(i, []).append(Justering(paid_month, f"{word} for {month_name(paid_month)}: beregnet "
                                                                   f"på nytt etter godkjenning", delta))
    return out


def _first_open_after(month: datetime.date, approved: dict) -> datetime.date:
    following = add_months(month, 1)
    while following in approved:
        following = add_months(following, 1)
    return following


def _empty(session: Session, deltaker_id: int, month: datetime.date) -> _Computed:
    """A participant with only a correction this month (the programme has ended since)."""
    p = next(r for r in _people(session) if r["id"] == deltaker_id)
    facts = Stonadsfakta(deltaker_id, p["lovverk"], datetime.date.fromisoformat(p["fodselsdato"]),
                         bool(p["bor_med_foreldre"]), 0, Decimal(0))
    return _Computed(facts, benefit.compute(facts, month, session.rules))


def _name(row: dict | None) -> str:
    return f"{row['etternavn']}, {row['fornavn']}" if row else "(slettet deltaker)"


def _from_snapshot(deltaker_id: int, month: datetime.date, paid: dict) -> Grunnlag:
    lines = tuple(Linje(*line) for line in paid["linjer"])
    corrections = tuple(Justering(datetime.date.fromisoformat(m), "", ore) for m, ore in paid["justeringer"].items())
    return Grunnlag(deltaker_id, month, lines, paid["gross_ore"], paid["absence_ore"], paid["base_ore"],
                    paid["net_ore"], paid["requires_vedtak"], paid["vedtak_reason"], corrections)


def _snapshot(row: Rad) -> dict[str, Any]:
    g = row.grunnlag
    return {"navn": row.navn, "ident": row.ident, "gross_ore": g.gross_ore, "absence_ore": g.absence_ore,
            "base_ore": g.base_ore, "net_ore": g.net_ore, "requires_vedtak": g.requires_vedtak,
            "vedtak_reason": g.vedtak_reason,
            "linjer": [[line.kind, line.text, line.ore, line.rule, line.source] for line in g.lines],
            # which paid month each correction was for, so it is never carried twice
            "justeringer": {a.month.isoformat(): a.ore for a in g.adjustments}}


def approve(session: Session, month: datetime.date) -> Maaned:
    """Approve the month as a whole; from then on it is locked, and its basis is what was paid."""
    month = first_of_month(month)
    with session.db.atomic():
        approved = repo.approved_months(session.db)
        if month in approved:
            raise FieldErrors({"maaned": f"{month_name(month).capitalize()} er allerede godkjent."})
        later = [m for m in approved if m > month]
        if later:
            raise FieldErrors({"maaned": f"{month_name(max(later)).capitalize()} er godkjent; en tidligere måned "
                                         "kan ikke godkjennes etter den. Rettelser føres i neste åpne måned."})
        if month > first_of_month(datetime.date.today()):
            raise FieldErrors({"maaned": "Stønaden betales etterskuddsvis: en måned kan ikke godkjennes før "
                                         "den har begynt."})
        if approved and month != add_months(max(approved), 1):
            raise FieldErrors({"maaned": f"Godkjenn {month_name(add_months(max(approved), 1))} først: månedene "
                                         "godkjennes i rekkefølge, så ingen måned blir stående ubetalt."})
        basis = month_basis(session, month)
        negative = [r.navn for r in basis.rows if r.grunnlag.net_ore < 0]
        if negative:
            raise FieldErrors({"maaned": f"Netto er negativ for {', '.join(negative)}. Lønn kan ikke utbetale et "
                                         "negativt beløp: fordel reduksjonen over flere måneder først."})
        with_parents = {r["id"]: bool(r["bor_med_foreldre"]) for r in _people(session)}
        paid = {"godkjent": datetime.datetime.now().strftime("%d.%m.%Y %H:%M"), "godkjent_av": session.actor.user,
                "deltakere": {str(r.deltaker_id): {**_snapshot(r), "bor_med_foreldre": with_parents.get(r.deltaker_id)}
                              for r in basis.rows}}
        repo.approve(session.db, session.actor, month, paid)
    return month_basis(session, month)


def add_reduction(session: Session, deltaker_id: int, month: datetime.date, raw: dict[str, Any]) -> int:
    """A reduction line for an open month: another benefit, programme pay, a set-off (in kroner)."""
    month = first_of_month(month)
    p = InputParser(raw, {"type": "Type", "tekst": "Tekst", "belop": "Beløp"}, session.rules)
    kind = p.code("type", "reduksjonstype", required=True)
    text = p.text("tekst") or (session.rules.codes("reduksjonstype").label(kind) if kind else "")
    ore = p.amount("belop", required=True)
    p.raise_if_errors()
    with session.db.atomic():
        if month in repo.approved_months(session.db):
            raise FieldErrors({"maaned": f"{month_name(month).capitalize()} er godkjent og låst. Før reduksjonen "
                                         "i neste åpne måned."})
        return repo.add_reduction(session.db, session.actor, Reduksjon(kind, text, ore,
                                                                       deltaker_id, month))


def delete_reduction(session: Session, reduction_id: int) -> None:
    with session.db.atomic():
        r = repo.get_reduction(session.db, reduction_id)
        if r.maaned in repo.approved_months(session.db):
            raise FieldErrors({"maaned": "Måneden er godkjent og låst; reduksjonen kan ikke fjernes."})
        repo.delete_reduction(session.db, session.actor, reduction_id)


def reductions(session: Session, month: datetime.date) -> list[Reduksjon]:
    """The month's reductions, in the order each participant's basis lists them."""
    return repo.reductions(session.db, first_of_month(month))
