"""The events of a participant's programme (DOMAIN.md section 4): what each kind asks for, how typed
input becomes an event, and the consistency rules between a participant's events.

All events share one record; each kind uses the fields listed for it, so a form, an import and the
NIR file all read the same fields.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from introdesk.domain.dates import format_date, parse_date
from introdesk.domain.form import MAX_NOTE_CHARS, MAX_TEXT_CHARS, FieldErrors, whole_number
from introdesk.domain.rules import RuleBook

FIELD_LABELS = {
    "type": "Hendelse",
    "dato": "Dato",
    "til_dato": "Til og med",
    "vedtaksdato": "Vedtaksdato",
    "sluttmalgruppe": "Sluttmålgruppe",
    "sluttmal": "Sluttmål",
    "grunn": "Grunn",
    "med_stonad": "Med stønad",
    "maaneder": "Måneder",
    "utgang": "Utgang",
    "sluttarsak": "Sluttårsak",
    "hovedaktivitet": "Hovedaktivitet ved avslutning",
    "utfall": "Utfall",
    "utfall_dato": "Dato for utfall",
    "nir_dato": "Registrert i NIR",
    "notat": "Notat",
}


@dataclass(frozen=True)
class Kind:
    label: str
    fields: tuple[str, ...]  # beyond dato, notat and nir_dato, which every kind has
    required: tuple[str, ...] = ()
    date_label: str = "Dato"
    codes: dict[str, str] | None = None  # field -> code list it takes its values from


KINDS: dict[str, Kind] = {
    "krav": Kind("Krav om program framsatt", ()),
    "kartlegging": Kind("Kompetansekartlegging gjennomført", ()),
    "karriereveiledning": Kind("Karriereveiledning gjennomført", ()),
    "innvilget": Kind("Vedtak om deltakelse", ("vedtaksdato",), ("vedtaksdato",), "Gjelder fra"),
    "avslag": Kind("Avslag på deltakelse", ("vedtaksdato", "grunn"), ("vedtaksdato", "grunn"), "Dato"),
    "start": Kind("Programstart", (), (), "Startdato"),
    "sluttmal": Kind("Sluttmål fastsatt", ("sluttmalgruppe", "sluttmal"), ("sluttmalgruppe", "sluttmal"),
                     codes={"sluttmalgruppe": "sluttmalgruppe"}),
    "permisjon": Kind("Permisjon", ("til_dato", "vedtaksdato", "grunn", "med_stonad"),
                      ("til_dato", "vedtaksdato", "grunn"), "Fra og med", {"grunn": "permisjonsgrunn"}),
    "forlengelse": Kind("Forlengelse", ("vedtaksdato", "maaneder"), ("vedtaksdato", "maaneder"), "Gjelder fra"),
    "stans": Kind("Midlertidig stans", ("vedtaksdato", "grunn"), ("vedtaksdato", "grunn"), "Stanset fra"),
    "gjenopptatt": Kind("Gjenopptatt etter stans", (), (), "Gjenopptatt fra"),
    "avslutning": Kind("Avslutning eller permanent stans", ("utgang", "sluttarsak", "hovedaktivitet", "vedtaksdato"),
                       ("utgang", "sluttarsak"), "Sluttdato", {"utgang": "utgang", "sluttarsak": "sluttarsak"}),
    "klage": Kind("Klage", ("grunn", "utfall", "utfall_dato"), ("grunn",), "Mottatt",
                  {"utfall": "klageutfall"}),
    # SSB measures again in November the year after the end (DOMAIN.md section 13).
    "oppfolging": Kind("Status ett år etter avslutning", ("grunn",), ("grunn",), "Målt",
                       {"grunn": "oppfolgingsstatus"}),
}
# Only these may come after the end (the certificate joins them with its own feature).
AFTER_END = {"klage", "oppfolging"}
# These may happen once; a second one is a correction of the first.
ONCE = {"krav", "kartlegging", "innvilget", "avslag", "start", "avslutning", "oppfolging"}
# What "grunn" means for each kind, for the form's label (a code for the kinds that list it in `codes`).
GRUNN_LABELS = {"avslag": "Begrunnelse", "stans": "Grunn til stans", "klage": "Klagen gjelder", "permisjon": "Grunn",
                "oppfolging": "Status"}


@dataclass(frozen=True)
class Hendelse:
    id: int | None
    deltaker_id: int
    type: str
    dato: datetime.date
    til_dato: datetime.date | None = None
    vedtaksdato: datetime.date | None = None
    sluttmalgruppe: str | None = None
    sluttmal: str = ""
    grunn: str = ""
    med_stonad: bool = False
    maaneder: int | None = None
    utgang: str | None = None
    sluttarsak: str | None = None
    hovedaktivitet: str = ""
    utfall: str | None = None
    utfall_dato: datetime.date | None = None
    nir_dato: datetime.date | None = None
    notat: str = ""

    @property
    def label(self) -> str:
        return KINDS[self.type].label

    @property
    def is_decision(self) -> bool:
        return "vedtaksdato" in KINDS[self.type].fields

    def days(self) -> int:
        """Calendar days a period covers (a leave), both ends included."""
        return (self.til_dato - self.dato).days + 1 if self.til_dato else 0


DATE_FIELDS = ("dato", "til_dato", "vedtaksdato", "utfall_dato", "nir_dato")


def parse_hendelse(raw: dict[str, Any], deltaker_id: int, rules: RuleBook, today: datetime.date,
                   hendelse_id: int | None = None) -> Hendelse:
    """Typed input into an event of its kind, or FieldErrors with a Norwegian message per field."""
    errors: dict[str, str] = {}
    kind_code = raw.get("type")
    kind = KINDS.get(kind_code)
    if kind is None:
        raise FieldErrors({"type": "Velg hva slags hendelse det er."})
    used = {"dato", "notat", "nir_dato", *kind.fields}
    values: dict[str, Any] = {}
    for name in DATE_FIELDS:
        if name not in used:
            continue
        try:
            values[name] = parse_date(raw.get(name))
        except ValueError as exc:
            errors[name] = str(exc)
    for name in ("sluttmal", "grunn", "hovedaktivitet", "notat"):
        if name in used:
            text = str(raw.get(name) or "").strip()
            limit = MAX_NOTE_CHARS if name == "notat" else MAX_TEXT_CHARS * 5
            if len(text) > limit:
                errors[name] = f"Teksten er for lang: høyst {limit} tegn."
            values[name] = text
    for name, list_name in (kind.codes or {}).items():
        code = str(raw.get(name) or "").strip() or None
        if code is not None and rules.codes(list_name).get(code) is None:
            errors[name] = f"«{code}» er ikke en gyldig verdi."
        values[name] = code
    if "maaneder" in used:
        text = str(raw.get("maaneder") or "").strip()
        months = whole_number(text)
        if text and not (months and 1 <= months <= 36):
            errors["maaneder"] = "Skriv et helt antall måneder fra 1 til 36."
        values["maaneder"] = months
    if "med_stonad" in used:
        values["med_stonad"] = bool(raw.get("med_stonad"))
    if values.get("dato") is None and "dato" not in errors:
        errors["dato"] = f"{kind.date_label} må fylles ut."
    for name in kind.required:
        if values.get(name) in (None, "") and name not in errors:
            label = _field_label(kind_code, name)
            errors[name] = f"Velg {label.lower()}." if name in (kind.codes or {}) else f"{label} må fylles ut."
    _check_own_dates(values, today, errors)
    if errors:
        raise FieldErrors(errors)
    return Hendelse(id=hendelse_id, deltaker_id=deltaker_id, type=kind_code, **values)


def _field_label(kind: str, name: str) -> str:
    return GRUNN_LABELS.get(kind, "Grunn") if name == "grunn" else FIELD_LABELS[name]


def _check_own_dates(v: dict[str, Any], today: datetime.date, errors: dict[str, str]) -> None:
    dato = v.get("dato")
    if v.get("til_dato") and dato and v["til_dato"] < dato and "til_dato" not in errors:
        errors["til_dato"] = "Sluttdatoen ligger før startdatoen."
    if v.get("vedtaksdato") and v["vedtaksdato"] > today and "vedtaksdato" not in errors:
        errors["vedtaksdato"] = "Et vedtak kan ikke være fattet fram i tid."
    if v.get("nir_dato") and "nir_dato" not in errors:
        if v["nir_dato"] > today:
            errors["nir_dato"] = "Registreringen i NIR kan ikke ligge fram i tid."
        elif dato and v["nir_dato"] < min(dato, v.get("vedtaksdato") or dato):
            errors["nir_dato"] = "Hendelsen kan ikke være registrert i NIR før den skjedde."
    if v.get("utfall_dato") and dato and v["utfall_dato"] < dato and "utfall_dato" not in errors:
        errors["utfall_dato"] = "Utfallet kan ikke komme før klagen ble mottatt."


def check_consistency(new: Hendelse, others: list[Hendelse], bosatt: datetime.date | None, lovverk: str,
                      rules: RuleBook) -> None:
    """The rules between a participant's events; FieldErrors at the field to correct.

    `others` are the participant's other events (without the one being saved, when it is edited).
    """
    errors: dict[str, str] = {}
    by_kind = {}
    for e in sorted(others, key=lambda e: e.dato):
        by_kind.setdefault(e.type, []).append(e)
    start = by_kind.get("start", [None])[0]
    end = by_kind.get("avslutning", [None])[0]

    if new.type in ONCE and new.type in by_kind:
        errors["type"] = f"Deltakeren har allerede «{KINDS[new.type].label}». Rett den i stedet."
    if new.type == "start" and bosatt and new.dato < bosatt:
        errors["dato"] = f"Programmet kan ikke starte før bosettingen ({format_date(bosatt)})."
    if new.type == "oppfolging" and (end is None or new.dato <= end.dato):
        errors["dato"] = ("Status ett år etter kan bare registreres etter avslutningen." if end is None else
                          f"Målingen må ligge etter avslutningen ({format_date(end.dato)}).")
    if new.type not in AFTER_END and end is not None and new.dato > end.dato:
        errors["dato"] = f"Programmet ble avsluttet {format_date(end.dato)}; bare klager kan komme etter det."
    if new.type == "avslutning":
        later = [e for e in others if e.type not in AFTER_END and e.dato > new.dato]
        if later:
            first = min(later, key=lambda e: e.dato)
            errors["dato"] = f"«{first.label}» {format_date(first.dato)} ligger etter denne sluttdatoen."
        exit_type = rules.codes("utgang").get(new.utgang)
        reason = rules.codes("sluttarsak").get(new.sluttarsak)
        if exit_type and reason and exit_type.code not in reason.attributes.get("utgang", ()):
            errors["sluttarsak"] = f"«{reason.label}» kan ikke brukes når utgangen er «{exit_type.label}»."
        if exit_type and exit_type.attributes.get("vedtak") and new.vedtaksdato is None:
            errors["vedtaksdato"] = "Permanent stans er et vedtak: fyll ut vedtaksdatoen."
    if new.type in ("permisjon", "forlengelse", "stans", "gjenopptatt", "avslutning") and (
        start is None or new.dato < start.dato
    ) and not (new.type == "avslutning" and start is None):
        errors.setdefault("dato", "Dette kan bare registreres etter programstart." if start is None
                          else f"Datoen ligger før programstart ({format_date(start.dato)}).")
    if new.type == "start" and any(e.type in ("stans", "permisjon") and e.dato < new.dato for e in others):
        errors["dato"] = "Det finnes permisjon eller stans før denne startdatoen."
    if new.type == "permisjon" and new.til_dato:
        for leave in by_kind.get("permisjon", []):
            if leave.dato <= new.til_dato and new.dato <= leave.til_dato:
                errors["dato"] = (f"Overlapper med permisjonen {format_date(leave.dato)}–"
                                  f"{format_date(leave.til_dato)}.")
                break
    if new.type == "stans" and "dato" not in errors and stopped_on(others, new.dato):
        errors["dato"] = "Programmet er allerede stanset på denne datoen."
    if new.type == "gjenopptatt" and "dato" not in errors and not stopped_on(others, new.dato):
        errors["dato"] = "Det er ingen stans å gjenoppta på denne datoen."
    group = rules.codes("sluttmalgruppe").get(new.sluttmalgruppe)
    if group and lovverk not in group.attributes.get("lovverk", ()):
        errors["sluttmalgruppe"] = "Denne sluttmålgruppen brukes ikke under deltakerens lovverk."
    if errors:
        raise FieldErrors(errors)


def stopped_on(events: list[Hendelse], day: datetime.date) -> bool:
    """Is the programme under a temporary stop on this day (a stop with no resumption since)?"""
    state = False
    for e in sorted((e for e in events if e.type in ("stans", "gjenopptatt") and e.dato <= day),
                    key=lambda e: (e.dato, e.type == "gjenopptatt")):
        state = e.type == "stans"
    return state


def without(events: list[Hendelse], hendelse_id: int | None) -> list[Hendelse]:
    return [e for e in events if e.id != hendelse_id] if hendelse_id is not None else list(events)

