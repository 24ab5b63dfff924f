"""What follows from a participant's events: status, planned end date, time used and left, and the
periods a timeline draws. DOMAIN.md section 4.

The planned end is start + the ordinary length for the end-goal group (by regime, in force on the
start date) + extensions; leave moves it by its calendar days. A temporary stop does not.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from introdesk.domain.dates import period_end
from introdesk.domain.hendelser import Hendelse, stopped_on
from introdesk.domain.rules import MissingRule, RuleBook

IKKE_STARTET, AVSLATT, I_PROGRAM, PERMISJON, STANSET, AVSLUTTET = (
    "ikke_startet", "avslatt", "i_program", "permisjon", "stanset", "avsluttet",
)
STATUS_LABELS = {
    IKKE_STARTET: "Ikke startet",
    AVSLATT: "Avslått",
    I_PROGRAM: "I program",
    PERMISJON: "Permisjon",
    STANSET: "Midlertidig stanset",
    AVSLUTTET: "Avsluttet",
}


@dataclass(frozen=True)
class Periode:
    kind: str  # "program", "forlengelse", "permisjon", "stans"
    start: datetime.date
    end: datetime.date  # inclusive
    label: str


@dataclass(frozen=True)
class Forlop:
    status: str
    start: datetime.date | None
    ended: datetime.date | None
    planned_end: datetime.date | None
    group: str | None
    ordinary_months: int | None
    extension_months: int
    max_extension_months: int | None
    leave_days: int
    used_days: int | None  # programme days so far, leave and stops not counted
    left_days: int | None  # calendar days to the planned end
    missing: str  # why there is no planned end, in words; "" when there is one
    periods: tuple[Periode, ...]
    events: tuple[Hendelse, ...]

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


def summarize(events: list[Hendelse], lovverk: str, rules: RuleBook, today: datetime.date) -> Forlop:
    events = sorted(events, key=lambda e: (e.dato, e.id or 0))
    start = _first(events, "start")
    end = _first(events, "avslutning")
    leaves = [e for e in events if e.type == "permisjon" and e.til_dato]
    group = _group(events, lovverk)
    extension = sum(e.maaneder or 0 for e in events if e.type == "forlengelse")
    leave_days = sum(e.days() for e in leaves)

    ordinary = max_extension = planned_end = None
    missing = ""
    if start is None:
        missing = "Programmet har ikke startet."
    elif group is None:
        missing = "Sluttmål og sluttmålgruppe er ikke fastsatt."
    else:
        try:
            ordinary = rules.value("program.lengde_maaneder", lovverk, start.dato).get(group)
            max_extension = rules.value("program.forlengelse_maaneder", lovverk, start.dato).get(group)
        except MissingRule:
            missing = "Ingen regel for programmets lengde gjelder på startdatoen."
        if ordinary is not None:
            planned_end = period_end(start.dato, ordinary + extension) + datetime.timedelta(leave_days)
        elif not missing:
            missing = "Sluttmålgruppen har ingen lengde under dette lovverket."

    status = _status(events, start, end, leaves, today)
    periods = _periods(events, start, end, planned_end, leaves, ordinary, extension, today)
    used = left = None
    if start is not None:
        last = min(today, end.dato if end else today)
        off = sum(_overlap(p, start.dato, last) for p in periods if p.kind in ("permisjon", "stans"))
        used = max(0, (last - start.dato).days + 1 - off)
        if planned_end and not end:
            left = (planned_end - today).days
    return Forlop(
        status=status, start=start.dato if start else None, ended=end.dato if end else None,
        planned_end=planned_end, group=group, ordinary_months=ordinary, extension_months=extension,
        max_extension_months=max_extension, leave_days=leave_days, used_days=used, left_days=left,
        missing=missing, periods=tuple(periods), events=tuple(events),
    )


def _first(events: list[Hendelse], kind: str) -> Hendelse | None:
    return next((e for e in events if e.type == kind), None)


def _group(events: list[Hendelse], lovverk: str) -> str | None:
    goals = [e for e in events if e.type == "sluttmal" and e.sluttmalgruppe]
    if goals:
        return goals[-1].sluttmalgruppe
    return "introloven" if lovverk == "introloven" else None  # the old law had one length for all


def _status(events, start, end, leaves, today) -> str:
    if end and end.dato <= today:
        return AVSLUTTET
    if start is None or start.dato > today:
        return AVSLATT if _first(events, "avslag") and not _first(events, "innvilget") else IKKE_STARTET
    if stopped_on(events, today):
        return STANSET
    if any(leave.dato <= today <= leave.til_dato for leave in leaves):
        return PERMISJON
    return I_PROGRAM


def _periods(events, start, end, planned_end, leaves, ordinary, extension, today) -> list[Periode]:
    if start is None:
        return []
    last = end.dato if end else (planned_end or today)
    periods = []
    if extension and planned_end and not end:
        ext_start = period_end(start.dato, ordinary) + datetime.timedelta(1 + sum(e.days() for e in leaves))
        periods.append(Periode("program", start.dato, ext_start - datetime.timedelta(1), "Program"))
        periods.append(Periode("forlengelse", ext_start, planned_end, f"Forlengelse {extension} mnd."))
    else:
        periods.append(Periode("program", start.dato, last, "Program"))
    periods += [Periode("permisjon", e.dato, e.til_dato, "Permisjon") for e in leaves]
    stop_start = None
    for e in events:
        if e.type == "stans" and stop_start is None:
            stop_start = e.dato
        elif e.type == "gjenopptatt" and stop_start is not None:
            periods.append(Periode("stans", stop_start, e.dato - datetime.timedelta(1), "Stans"))
            stop_start = None
    if stop_start is not None:
        periods.append(Periode("stans", stop_start, end.dato if end else max(today, stop_start), "Stans"))
    return periods


def _overlap(period: Periode, first: datetime.date, last: datetime.date) -> int:
    return max(0, (min(period.end, last) - max(period.start, first)).days + 1)
