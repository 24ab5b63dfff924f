"""Dates as Norwegians write them (dd.mm.åååå), and ages."""

from __future__ import annotations

import calendar
import datetime
import re

_NORWEGIAN = re.compile(r"^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*$")
_ISO = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})\s*$")


def parse_date(text: str) -> datetime.date | None:
    """Parse dd.mm.åååå (or ISO åååå-mm-dd); empty text is None. Raises ValueError in Norwegian."""
    if text is None or not str(text).strip():
        return None
    text = str(text)
    if m := _NORWEGIAN.match(text):
        day, month, year = (int(g) for g in m.groups())
    elif m := _ISO.match(text):
        year, month, day = (int(g) for g in m.groups())
    else:
        raise ValueError("Skriv datoen som dd.mm.åååå, for eksempel 01.09.2025.")
    try:
        return datetime.date(year, month, day)
    except ValueError:
        raise ValueError(f"{text.strip()} er ikke en gyldig dato.") from None


MONTH_NAMES = ("januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober",
               "november", "desember")


def first_of_month(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def last_of_month(month: datetime.date) -> datetime.date:
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


def month_name(month: datetime.date) -> str:
    """«mai 2026»."""
    return f"{MONTH_NAMES[month.month - 1]} {month.year}"


def format_date(value: datetime.date | None) -> str:
    return f"{value.day:02d}.{value.month:02d}.{value.year:04d}" if value else ""


def from_iso(text: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(text) if text else None


def to_iso(value: datetime.date | None) -> str | None:
    return value.isoformat() if value else None


def age_on(birth_date: datetime.date, on: datetime.date) -> int:
    """Whole years completed on the given date (a birthday counts on the day itself)."""
    return on.year - birth_date.year - ((on.month, on.day) < (birth_date.month, birth_date.day))



def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later; the month's last day when it has no such day (31.01 + 1 → 28.02).

    That is how a deadline in months runs out (forvaltningsloven § 30). Computed by hand rather than
    with dateutil: the radar adds months tens of thousands of times at start-up.
    """
    years, month_index = divmod(day.month - 1 + months, 12)
    year, month = day.year + years, month_index + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def period_end(start: datetime.date, months: int) -> datetime.date:
    """The last day of a period of `months` from `start`: the day before the same day `months` later,
    or that month's last day when it has no such day (29.02.2024 + 36 months ends 28.02.2027)."""
    end = add_months(start, months)
    return end if end.day != start.day else end - datetime.timedelta(days=1)


def count_weekdays(first: datetime.date, last: datetime.date, weekdays) -> int:
    """How many days from `first` to `last` (both included) fall on the given weekdays (0 = Monday)."""
    if last < first:
        return 0
    weeks, rest = divmod((last - first).days + 1, 7)
    start = first.weekday()
    return weeks * len(set(weekdays)) + sum(1 for n in range(rest) if (start + n) % 7 in weekdays)
