"""Rule parameters valid for a legal regime and a period, and the code lists they refer to.

The values live as data in resources/ (DOMAIN.md: a rule marked VERIFY is never a constant in
code); this module only answers "which value is in force for this regime on this date".
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
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

    def covers(self, on: datetime.date) -> bool:
        return self.valid_from <= on and (self.valid_to is None or on <= self.valid_to)


class MissingRule(LookupError):
    """No parameter value is in force for the regime and date asked about."""


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
