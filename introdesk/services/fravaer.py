"""Attendance: the days of a participant or of the whole register, recorded from the grid, and the
quotas. A day with nothing recorded was attended as planned."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from introdesk.domain.dates import first_of_month, last_of_month
from introdesk.domain import fravaer as attendance
from introdesk.domain.fravaer import Fravaer, Kvote
from introdesk.domain.form import FieldErrors, format_hours
from introdesk.domain.names import norwegian_sort_key
from introdesk.domain.plan import Plan
from introdesk.domain.stonad import without_benefit
from introdesk.services import program
from introdesk.services.session import Session
from introdesk.store import deltakere as deltaker_repo
from introdesk.store import fravaer as repo
from introdesk.store import plans as plan_repo


@dataclass(frozen=True)
class Dag:
    dato: datetime.date
    planned: Decimal  # hours expected in the programme
    holiday: str  # the public holiday's name, or ""
    absence: Fravaer | None
    cell: str  # as the grid shows it: "", "U", "E 2,5"
    outside: bool = False  # before the programme's start or after its end: nothing to record

    @property
    def off(self) -> bool:
        return self.planned == 0


def default_hours(session: Session, lovverk: str, day: datetime.date) -> Decimal:
    return Decimal(str(session.rules.value("fravaer.timer_per_dag", lovverk, day)))


def days(session: Session, deltaker_id: int, first: datetime.date, last: datetime.date) -> list[Dag]:
    """Each day from `first` to `last` with its planned hours and what was recorded."""
    lovverk = deltaker_repo.get(session.db, deltaker_id).deltaker.lovverk
    plan = plan_repo.current_plans(session.db, [deltaker_id]).get(deltaker_id)
    recorded = {a.dato: a for a in repo.absences(session.db, first, last, deltaker_id)}
    f = program.forlop(session, deltaker_id, first)
    return _days(session, plan, recorded, lovverk, first, last, (f.start, f.ended))


def _days(session: Session, plan: Plan | None, recorded: dict[datetime.date, Fravaer], lovverk: str,
          first: datetime.date, last: datetime.date, span: tuple) -> list[Dag]:
    """`span` is the programme's (start, end); either may be None (not started, still running)."""
    off = {**attendance.public_holidays(first.year), **attendance.public_holidays(last.year)}
    default = default_hours(session, lovverk, first)
    start, end = span
    out = []
    day = first
    while day <= last:
        absence = recorded.get(day)
        outside = start is None or day < start or (end is not None and day > end)
        planned = Decimal(0) if outside else attendance.planned_hours(plan, day, off, default)
        out.append(Dag(day, planned, off.get(day, ""), absence, attendance.cell_text(absence, session.rules), outside))
        day += datetime.timedelta(days=1)
    return out


@dataclass(frozen=True)
class Grid:
    """A month for the whole register: one row of days per participant in the programme that month."""

    month: datetime.date
    rows: list[tuple[int, str, list[Dag]]]  # participant id, name, the month's days


def month_grid(session: Session, month: datetime.date) -> Grid:
    first, last = first_of_month(month), last_of_month(month)
    statuses = program.statuses(session, first)
    people = {r["id"]: r for r in deltaker_repo.list_rows(session.db)}
    active = [i for i, f in statuses.items()
              if f.start and f.start <= last and (f.ended is None or f.ended >= first)]
    plans = plan_repo.current_plans(session.db, active)
    recorded: dict[int, dict[datetime.date, Fravaer]] = {}
    for a in repo.absences(session.db, first, last):
        recorded.setdefault(a.deltaker_id, {})[a.dato] = a
    rows = [(i, f"{people[i]['etternavn']}, {people[i]['fornavn']}",
             _days(session, plans.get(i), recorded.get(i, {}), people[i]["lovverk"], first, last,
                   (statuses[i].start, statuses[i].ended))) for i in active]
    return Grid(first, sorted(rows, key=lambda r: norwegian_sort_key(r[1])))


def set_cells(session: Session, cells: list[tuple[int, datetime.date, str]]) -> None:
    """Record what was typed in one or more days of the grid, all or nothing.

    Raises FieldErrors keyed "deltaker_id:åååå-mm-dd" with the message for each cell that is wrong.
    """
    errors, parsed = {}, []
    for deltaker_id, day, text in cells:
        key = f"{deltaker_id}:{day.isoformat()}"
        try:
            found = attendance.parse_cell(text, session.rules)
        except ValueError as exc:
            errors[key] = str(exc)
            continue
        parsed.append((deltaker_id, day, found, key))
    if errors:
        raise FieldErrors(errors)
    with session.db.atomic():
        for deltaker_id, day, found, key in parsed:
            if found is not None and (refused := _no_absence_here(session, deltaker_id, day, found[1])):
                errors[key] = refused
                continue
            absence = None if found is None else Fravaer(deltaker_id, day, found[0], found[1])
            repo.set_day(session.db, session.actor, deltaker_id, day, absence)
        if errors:
            raise FieldErrors(errors)  # the transaction is rolled back: nothing of the batch is kept


def set_cell(session: Session, deltaker_id: int, day: datetime.date, text: str) -> None:
    set_cells(session, [(deltaker_id, day, text)])


def _no_absence_here(session: Session, deltaker_id: int, day: datetime.date, hours: Decimal | None) -> str:
    """Why this absence cannot be recorded that day, or "" when it can."""
    d = days(session, deltaker_id, day, day)[0]
    if d.outside:
        return "Deltakeren var ikke i programmet denne dagen (før start eller etter avslutning)."
    if d.off:
        return "Fridag (helg eller helligdag uten noe i planen): her er det ikke noe fravær å føre."
    if any(first <= day <= last for first, last in without_benefit(program.hendelser(session, deltaker_id))):
        return "Programmet var stanset, eller deltakeren hadde permisjon uten stønad: det er ingen stønad å trekke i."
    if hours is not None and hours > d.planned:
        return f"Dagen har {format_hours(d.planned)} timer i planen; fraværet kan ikke være lengre."
    return ""


def quotas(session: Session, deltaker_id: int, on: datetime.date | None = None) -> list[Kvote]:
    on = on or datetime.date.today()
    d = deltaker_repo.get(session.db, deltaker_id).deltaker
    f = program.forlop(session, deltaker_id, on)
    absences = repo.absences(session.db, on.replace(year=on.year - 1, day=1), on, deltaker_id)
    return (attendance.quotas(absences, d.lovverk, d.barn_under_18 or 0, f.start, on, session.rules)
            + attendance.leave_quotas(list(f.events), d.lovverk, on, session.rules))
