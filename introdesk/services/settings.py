"""The municipality's settings: who we are, and how documents are written."""

from __future__ import annotations

import re
from dataclasses import asdict
from pathlib import Path

from introdesk.domain.form import FieldErrors, whole_number
from introdesk.domain.innstillinger import Innstillinger
from introdesk.services.session import Session
from introdesk.store import settings as repo

MALFORMER = {"bokmal": "Bokmål", "nynorsk": "Nynorsk"}

LABELS = {
    "kommune_navn": "Kommunenavn",
    "kommune_nr": "Kommunenummer",
    "tjeneste_navn": "Tjenestens navn",
    "radgiver_navn": "Programrådgiver",
    "radgiver_tittel": "Tittel",
    "malform": "Målform i dokumenter",
    "adresse": "Tjenestens adresse",
    "telefon": "Tjenestens telefon",
    "sted": "Sted for underskrift",
    "logo": "Kommunens logo (PNG eller JPEG)",
    "bevis_ident": "Identitetsnummer på deltakerbevis",
    "resultatmal": "Mål for andel i arbeid eller utdanning (%)",
}
IDENT_CHOICES = {"maskert": "Maskert (bare fødselsdatoen vises)", "fullt": "Fullt nummer"}


def load(session: Session) -> Innstillinger:
    stored = {k: v for k, v in repo.load(session.db).items() if k in LABELS}
    if "resultatmal" in stored:
        stored["resultatmal"] = int(stored["resultatmal"])
    return Innstillinger(**stored)


def save(session: Session, raw: dict[str, str]) -> Innstillinger:
    """Validate and store; raises FieldErrors with a message per field."""
    values = {k: str(raw.get(k, "")).strip() for k in LABELS}
    values["bevis_ident"] = values["bevis_ident"] or "maskert"
    values["resultatmal"] = values["resultatmal"].removesuffix("%").strip() or str(Innstillinger.resultatmal)
    errors = {}
    target = whole_number(values["resultatmal"])
    if target is None or not 1 <= target <= 100:
        errors["resultatmal"] = "Skriv målet som en hel prosent fra 1 til 100, for eksempel 70."
    if values["bevis_ident"] not in IDENT_CHOICES:
        errors["bevis_ident"] = "Velg maskert eller fullt nummer."
    logo = Path(values["logo"]) if values["logo"] else None
    if logo and (logo.suffix.lower() not in (".png", ".jpg", ".jpeg") or not logo.is_file()):
        errors["logo"] = "Velg en PNG- eller JPEG-fil som finnes, eller la feltet stå tomt."
    if values["kommune_nr"] and not re.fullmatch(r"\d{4}", values["kommune_nr"]):
        errors["kommune_nr"] = "Kommunenummeret har fire siffer, med null først der det hører til (for eksempel 0301)."
    if values["malform"] not in MALFORMER:
        errors["malform"] = "Velg bokmål eller nynorsk."
    for key, value in values.items():
        if len(value) > (400 if key == "logo" else 120):
            errors[key] = "Teksten er for lang (høyst 120 tegn)."
    if errors:
        raise FieldErrors(errors)
    with session.db.atomic():
        repo.save(session.db, session.actor, values)
    return Innstillinger(**{**values, "resultatmal": int(values["resultatmal"])})


def as_dict(settings: Innstillinger) -> dict[str, str]:
    return {k: str(v) for k, v in asdict(settings).items()}
