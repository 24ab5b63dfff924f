"""Rule parameters in force, and what the adviser may add without touching code: next year's G and
new end reasons. Additions are stored in the database (audited) and take effect at once."""

from __future__ import annotations

import datetime
import re
import unicodedata

from introdesk.domain.dates import parse_date
from introdesk.domain.form import FieldErrors, whole_number
from introdesk.domain.rules import LOVVERK, Code, DatedValue, RuleConflict
from introdesk.services.session import Session
from introdesk.store import regler as repo


def in_force(session: Session, on: datetime.date | None = None) -> list[DatedValue]:
    return session.rules.in_force(on or datetime.date.today())


def add_grunnbelop(session: Session, raw: dict[str, str]) -> None:
    """A new G from a date (1 May as a rule), for every regime; the previous one ends the day before."""
    errors: dict[str, str] = {}
    try:
        start = parse_date(raw.get("gyldig_fra"))
    except ValueError as exc:
        errors["gyldig_fra"], start = str(exc), None
    if start is None and "gyldig_fra" not in errors:
        errors["gyldig_fra"] = "Skriv datoen G gjelder fra (som regel 1. mai)."
    amount_text = re.sub(r"[\s\u00a0]", "", str(raw.get("verdi") or ""))
    amount = whole_number(amount_text)
    if amount is None:
        errors["verdi"] = "Skriv G i hele kroner, for eksempel 140 000."
    elif start and amount <= session.rules.value("grunnbelop", "integreringsloven", start - datetime.timedelta(1)) * 0.8:
        errors["verdi"] = "Beløpet er mye lavere enn G før denne datoen. Sjekk tallet."
    source = str(raw.get("kilde") or "").strip()
    if not source:
        errors["kilde"] = "Skriv kilden, for eksempel «Stortingets vedtak mai 2027»."
    if errors:
        raise FieldErrors(errors)
    values = [DatedValue("grunnbelop", regime, start, None, amount, source) for regime in LOVVERK]
    try:
        session.rules.with_additions(values, {})
    except RuleConflict:
        raise FieldErrors({"gyldig_fra": "Det finnes allerede en G fra denne datoen."}) from None
    with session.db.atomic():
        for value in values:
            repo.add_value(session.db, session.actor, value)
    session.refresh_rules()


def add_sluttarsak(session: Session, raw: dict) -> str:
    """A new end reason with the exit types it is allowed for; returns its code."""
    errors: dict[str, str] = {}
    text = str(raw.get("tekst") or "").strip()
    if not text:
        errors["tekst"] = "Skriv sluttårsaken."
    elif any(c.label.casefold() == text.casefold() for c in session.rules.codes("sluttarsak").codes):
        errors["tekst"] = "Denne sluttårsaken finnes allerede."
    exits = [e for e in raw.get("utgang") or [] if session.rules.codes("utgang").get(e)]
    if not exits:
        errors["utgang"] = "Velg minst én utgang sluttårsaken kan brukes for."
    if errors:
        raise FieldErrors(errors)
    code = _code_for(text, {c.code for c in session.rules.codes("sluttarsak").codes})
    with session.db.atomic():
        repo.add_code(session.db, session.actor, "sluttarsak",
                      Code(code, text, {"resultat": bool(raw.get("resultat")), "utgang": exits}))
    session.refresh_rules()
    return code


def _code_for(text: str, taken: set[str]) -> str:
    plain = unicodedata.normalize("NFKD", text.casefold().replace("ø", "o").replace("æ", "ae"))
    base = re.sub(r"[^a-z0-9]+", "_", "".join(c for c in plain if not unicodedata.combining(c))).strip("_")[:40]
    code, n = base or "arsak", 2
    while code in taken:
        code, n = f"{base}_{n}", n + 1
    return code
