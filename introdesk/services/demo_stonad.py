"""The demo municipality's attendance and benefit history.

A few months of absence for everyone in the programme (self-certified illness, a child's illness,
some hours of unauthorised absence), one participant whose unauthorised absence in a month needs an
enkeltvedtak before the programme was stopped, a reduction for another benefit, and the month before
that one approved, so a month shows both open and locked.
"""

from __future__ import annotations

import datetime

from introdesk.domain.dates import add_months, first_of_month, last_of_month
from introdesk.domain.forlop import I_PROGRAM, PERMISJON, STANSET
from introdesk.services import fravaer, program, stonad
from introdesk.services.session import Session

# Absence by week of the month and weekday: (week, weekday, text). Chosen per participant in turn.
PATTERNS = (
    ((0, 1, "E"), (2, 2, "U 2,5")),
    ((1, 3, "B"), (1, 4, "B"), (3, 0, "U")),
    ((0, 4, "V"), (2, 1, "E"), (2, 2, "E")),
    ((1, 0, "U 1,5"),),
)


def add_attendance(session: Session, people: dict[str, int], today: datetime.date) -> None:
    statuses = program.statuses(session, today)
    this_month = first_of_month(today)
    months = [add_months(this_month, -n) for n in (3, 2, 1, 0)]
    running = [(name, i) for name, i in sorted(people.items())
               if statuses[i].status in (I_PROGRAM, PERMISJON, STANSET)]
    for serial, (name, deltaker_id) in enumerate(running):
        for month in months:
            _absences(session, deltaker_id, month, PATTERNS[(serial + month.month) % len(PATTERNS)], today)
    heavy = _stopped_for_absence(session, people["Fatuma Ali"], today)
    stonad.add_reduction(session, people["Olena"], add_months(this_month, -1),
                         {"type": "dagpenger", "tekst": "Dagpenger fra NAV (etterbetalt)", "belop": "2 000"})
    if heavy is not None:
        stonad.approve(session, add_months(heavy, -1))


def _absences(session: Session, deltaker_id: int, month: datetime.date, pattern, today: datetime.date) -> None:
    days = [d for d in fravaer.days(session, deltaker_id, month, min(last_of_month(month), today))
            if not d.off and d.absence is None]
    cells = []
    for week, weekday, text in pattern:
        matching = [d for d in days if d.dato.weekday() == weekday]
        if week < len(matching) and _open(session, deltaker_id, matching[week].dato):
            cells.append((deltaker_id, matching[week].dato, text))
    if cells:
        fravaer.set_cells(session, cells)


def _open(session: Session, deltaker_id: int, day: datetime.date) -> bool:
    """A day in the programme: after the start, not on leave or stopped."""
    f = program.forlop(session, deltaker_id, day)
    return f.start is not None and f.start <= day and not any(
        p.start <= day <= p.end for p in f.periods if p.kind in ("permisjon", "stans"))


def _stopped_for_absence(session: Session, deltaker_id: int, today: datetime.date) -> datetime.date | None:
    """Every working day absent without leave in the month before the stop: the deduction needs a decision."""
    stop = next((e.dato for e in program.hendelser(session, deltaker_id) if e.type == "stans"), None)
    if stop is None:
        return None
    month = first_of_month(stop - datetime.timedelta(days=30))
    last = min(last_of_month(month), stop - datetime.timedelta(days=1), today)
    cells = [(deltaker_id, d.dato, "U") for d in fravaer.days(session, deltaker_id, month, last)
             if not d.off and _open(session, deltaker_id, d.dato)]
    fravaer.set_cells(session, cells)
    return month
