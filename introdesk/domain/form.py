"""Typed input (text as a person wrote it in a form, the CLI or a spreadsheet) into values, with one
Norwegian message per field that is wrong. Every record's parser builds on this, so the same mistake
gets the same message wherever it was made."""

from __future__ import annotations

import datetime
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Any

from introdesk.domain.dates import parse_date
from introdesk.domain.rules import RuleBook

# Long enough for a real case note, short enough that a pasted file is caught, not stored.
MAX_NOTE_CHARS = 20_000
MAX_TEXT_CHARS = 200
LAST_YEAR = 2100


class FieldErrors(ValueError):
    """One Norwegian message per field that failed."""

    def __init__(self, errors: dict[str, str], labels: dict[str, str] | None = None):
        labels = labels or {}
        super().__init__("; ".join(f"{labels.get(k, k)}: {v}" for k, v in errors.items()))
        self.errors = errors


def required_date(text: str, field: str, missing: str) -> datetime.date:
    """A date typed in one field of a small dialog, or FieldErrors at that field."""
    try:
        day = parse_date(text)
    except ValueError as exc:
        raise FieldErrors({field: str(exc)}) from None
    if day is None:
        raise FieldErrors({field: missing})
    return day


def whole_number(text: str) -> int | None:
    """Plain digits 0-9 as a number, else None. str.isdigit() also passes «²» and other digits int() refuses."""
    return int(text) if re.fullmatch(r"[0-9]+", text) else None


def format_count(n: int) -> str:
    """12 345 for 12345: Norwegian groups digits with a (non-breaking) space."""
    return f"{n:,}".replace(",", "\u00a0")


def format_hours(value: Decimal | int | None) -> str:
    """37,5 for 37.5 and 30 for 30.0: hours as Norwegians write them."""
    if value is None:
        return ""
    text = f"{Decimal(value).normalize():f}"
    return text.replace(".", ",")


class InputParser:
    """Collects values and messages field by field; `errors` is empty when all were right."""

    def __init__(self, raw: dict[str, Any], labels: dict[str, str], rules: RuleBook | None = None):
        self.raw, self.labels, self.rules = raw, labels, rules
        self.errors: dict[str, str] = {}

    def fail(self, name: str, message: str) -> None:
        self.errors.setdefault(name, message)

    def raise_if_errors(self) -> None:
        if self.errors:
            raise FieldErrors(self.errors, self.labels)

    def text(self, name: str, required=False, limit=MAX_TEXT_CHARS, multiline=False) -> str:
        value = unicodedata.normalize("NFC", str(self.raw.get(name) or "").strip())
        if required and not value:
            self.fail(name, f"{self.labels[name]} må fylles ut.")
        elif len(value) > limit:
            self.fail(name, f"Teksten er for lang: {format_count(len(value))} tegn, høyst {format_count(limit)} er lov.")
        elif _has_control_chars(value, multiline):
            self.fail(name, "Teksten inneholder usynlige kontrolltegn. Skriv den inn på nytt.")
        return value

    def note(self, name: str, limit=MAX_NOTE_CHARS) -> str:
        return self.text(name, limit=limit, multiline=True)

    def pattern(self, name: str, regex: str, message: str) -> str:
        value = self.text(name)
        if value and name not in self.errors and not re.fullmatch(regex, value):
            self.fail(name, message)
        return value

    def code(self, name: str, list_name: str, required=False) -> str | None:
        value = str(self.raw.get(name) or "").strip() or None
        if value is None:
            if required:
                self.fail(name, f"Velg {self.labels[name].lower()}.")
        elif self.rules.codes(list_name).get(value) is None:
            self.fail(name, f"«{value}» er ikke en gyldig verdi for {self.labels[name].lower()}.")
        return value

    def date(self, name: str, required=False, not_after: datetime.date | None = None) -> datetime.date | None:
        raw = self.raw.get(name)
        if isinstance(raw, datetime.date):
            value = raw
        else:
            try:
                value = parse_date(raw)
            except ValueError as exc:
                self.fail(name, str(exc))
                return None
        if value is None and required:
            self.fail(name, f"{self.labels[name]} må fylles ut.")
        elif value and value.year < 1900:
            self.fail(name, "Datoen er for langt tilbake i tid.")
        elif value and value.year > LAST_YEAR:  # «31.12.9999» for «open» would break every count of days
            self.fail(name, f"Datoen er for langt fram i tid (senest {LAST_YEAR}).")
        elif value and not_after and value > not_after:
            self.fail(name, "Datoen kan ikke ligge fram i tid.")
        return value

    def period(self, start: str, end: str, required=True) -> tuple[datetime.date | None, datetime.date | None]:
        first = self.date(start, required=required)
        last = self.date(end, required=required)
        if first and last and last < first:
            self.fail(end, "Sluttdatoen ligger før startdatoen.")
        return first, last

    def number(self, name: str, low: int, high: int, required=False) -> int | None:
        raw = str(self.raw.get(name) if self.raw.get(name) is not None else "").strip()
        if not raw:
            if required:
                self.fail(name, f"{self.labels[name]} må fylles ut.")
            return None
        value = whole_number(raw)
        if value is None or not low <= value <= high:
            self.fail(name, f"Skriv et helt tall fra {low} til {high}.")
            return None
        return value

    def hours(self, name: str, high: int, required=False) -> Decimal | None:
        """Hours with a decimal comma or point (7,5), 0 to `high`, to the nearest quarter hour or finer."""
        raw = self.raw.get(name)
        text = str(raw if raw is not None else "").strip().replace(",", ".").replace("\u00a0", "").replace(" ", "")
        if not text:
            if required:
                self.fail(name, f"{self.labels[name]} må fylles ut.")
            return None
        try:
            value = Decimal(text)
        except InvalidOperation:
            self.fail(name, "Skriv antall timer som et tall, for eksempel 7,5.")
            return None
        if not value.is_finite() or not 0 <= value <= high:
            self.fail(name, f"Skriv et antall timer fra 0 til {high}.")
            return None
        if value != value.quantize(Decimal("0.01")):
            self.fail(name, "Bruk høyst to desimaler.")
            return None
        return value.quantize(Decimal("0.01"))

    def amount(self, name: str, required=False) -> int | None:
        """Kroner as Norwegians write them («2 500,50», «2500», «1.000,50») into whole øre; more than zero."""
        text = re.sub(r"[\s\u00a0]|^kr\.?", "", str(self.raw.get(name) or ""), flags=re.IGNORECASE)
        if not text:
            if required:
                self.fail(name, f"{self.labels[name]} må fylles ut.")
            return None
        if "," in text:
            text = text.replace(".", "").replace(",", ".")  # 1.000,50: the dots group thousands
        if not re.fullmatch(r"\d+(\.\d{1,2})?", text):
            self.fail(name, "Skriv beløpet i kroner, for eksempel 2 500,50.")
            return None
        ore = int(Decimal(text) * 100)
        if ore <= 0 or ore > 100_000_000:
            self.fail(name, "Beløpet må være større enn null og høyst 1 million kroner.")
            return None
        return ore

    def weekdays(self, name: str, message: str) -> tuple[int, ...]:
        """Days of the week ticked (0 = Monday), as numbers or digits; `message` when none or wrong."""
        try:
            days = tuple(sorted({int(d) for d in self.raw.get(name) or ()}))
        except (TypeError, ValueError):
            days = ()
        if not days or not set(days) <= set(range(7)):
            self.fail(name, message)
            return ()
        return days

    def flag(self, name: str, default=False) -> bool:
        return bool(self.raw.get(name, default))


def _has_control_chars(value: str, multiline: bool) -> bool:
    allowed = "\n\t" if multiline else ""
    return any(unicodedata.category(ch) == "Cc" and ch not in allowed for ch in value)
