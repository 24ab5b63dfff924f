"""Rule parameters valid for a legal regime and a period, and the code lists they refer to.

The values live as data in resources/ (DOMAIN.md: a rule marked VERIFY is never a constant in
code); this module only answers "which value is in force for this regime on this date".
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

LOVVERK = ("introloven", "integreringsloven", "kap6a")


@dataclass(frozen=True)
class DatedValue:
    name: str
    lovverk: str
    valid_from: datetime.date
    valid_to: datetime.date | None  # inclusive; None while in force
    value: Any
    source: str
    verify: bool = False  # the domain reference could not confirm it: show it as such
    origin: str = ""  # where it was set: "program.toml, linje 12", or "lagt til 01.05.2027 av kari"

    def covers(self, on: datetime.date) -> bool:
        return self.valid_from <= on and (self.valid_to is None or on <= self.valid_to)


class MissingRule(LookupError):
    """No parameter value is in force for the regime and date asked about."""


class RuleConflict(ValueError):
    """Two values for the same rule and regime claim the same day."""


def close_periods(values: list[DatedValue]) -> tuple[DatedValue, ...]:
    """Each value without an end runs until the next value of its rule and regime starts.

    That is how a series such as G is kept: next year's value is added, the old one closes itself.
    """
    series: dict[tuple[str, str], list[DatedValue]] = {}
    for value in values:
        series.setdefault((value.name, value.lovverk), []).append(value)
    closed = []
    for (name, lovverk), items in series.items():
        items.sort(key=lambda v: v.valid_from)
        for value, following in zip(items, items[1:] + [None]):
            if following is not None:
                last_day = following.valid_from - datetime.timedelta(days=1)
                if value.valid_to is not None and value.valid_to > last_day or value.valid_from > last_day:
                    raise RuleConflict(
                        f"«{name}» for {lovverk} har overlappende perioder: {value.origin or 'en verdi'} "
                        f"(fra {value.valid_from:%d.%m.%Y}) og {following.origin or 'en verdi'} "
                        f"(fra {following.valid_from:%d.%m.%Y})."
                    )
                if value.valid_to is None:
                    value = replace(value, valid_to=last_day)
            closed.append(value)
    return tuple(closed)


@dataclass(frozen=True)
class Code:
    code: str
    label: str
    attributes: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class CodeList:
    name: str
    codes: tuple[Code, ...]

    @cached_property
    def _by_code(self) -> dict[str, Code]:
        return {c.code: c for c in self.codes}

    def get(self, code: str | None) -> Code | None:
        return self._by_code.get(code)

    def label(self, code: str | None) -> str:
        found = self.get(code)
        return found.label if found else (code or "")


@dataclass(frozen=True)
class RuleBook:
    """All dated parameters and code lists, as loaded and checked at start-up."""

    values: tuple[DatedValue, ...]
    code_lists: dict[str, CodeList]

    @cached_property
    def _by_name(self) -> dict[tuple[str, str], list[DatedValue]]:
        index: dict[tuple[str, str], list[DatedValue]] = {}
        for v in self.values:
            index.setdefault((v.name, v.lovverk), []).append(v)
        return index

    def lookup(self, name: str, lovverk: str, on: datetime.date) -> DatedValue:
        for candidate in self._by_name.get((name, lovverk), ()):
            if candidate.covers(on):
                return candidate
        raise MissingRule(
            f"Ingen regel «{name}» gjelder for {lovverk} den {on.strftime('%d.%m.%Y')}."
        )

    def value(self, name: str, lovverk: str, on: datetime.date) -> Any:
        return self.lookup(name, lovverk, on).value

    def codes(self, name: str) -> CodeList:
        return self.code_lists[name]

    def in_force(self, on: datetime.date) -> list[DatedValue]:
        """Every value in force on a date, by rule and regime: what the settings page shows."""
        return sorted((v for v in self.values if v.covers(on)), key=lambda v: (v.name, v.lovverk))

    def with_additions(self, values: list[DatedValue], codes: dict[str, list[Code]]) -> RuleBook:
        """This book plus what the adviser added in the settings (stored in the database)."""
        lists = dict(self.code_lists)
        for name, extra in codes.items():
            known = {c.code for c in lists[name].codes}
            lists[name] = CodeList(name, lists[name].codes + tuple(c for c in extra if c.code not in known))
        return RuleBook(close_periods([*self.values, *values]), lists)
