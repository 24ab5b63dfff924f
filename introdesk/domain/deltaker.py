"""A participant (deltaker) in the register, and the checks a form or an import must pass.

Input arrives as text, the way a person typed it (form, CLI, spreadsheet). `parse_deltaker` turns it
into a `Deltaker` or raises `FieldErrors`, a Norwegian message per field, so every entry path
shows the same message at the same field.
"""

from __future__ import annotations

import datetime
from dataclasses import asdict, dataclass, fields
from typing import Any

from introdesk.domain.dates import format_date
from introdesk.domain.form import InputParser
from introdesk.domain.ident import parse_person_id
from introdesk.domain.rules import RuleBook

# Contact details as the form, the employer register and an import check them.
PHONE, PHONE_MESSAGE = r"\+?[\d ]{8,15}", "Skriv et telefonnummer med 8–15 siffer."
EMAIL, EMAIL_MESSAGE = r"[^@\s]+@[^@\s]+\.[^@\s]+", "Skriv en gyldig e-postadresse."
POSTCODE, POSTCODE_MESSAGE = r"\d{4}", "Postnummeret har 4 siffer."

LABELS = {
    "fornavn": "Fornavn",
    "etternavn": "Etternavn",
    "ident": "Identitetsnummer",
    "ident_type": "Type identitetsnummer",
    "fodselsdato": "Fødselsdato",
    "kjonn": "Kjønn",
    "landbakgrunn": "Landbakgrunn",
    "statsborgerskap": "Statsborgerskap",
    "morsmal": "Morsmål",
    "tolk_behov": "Trenger tolk",
    "tolk_sprak": "Tolkespråk",
    "telefon": "Telefon",
    "epost": "E-post",
    "adresse": "Adresse",
    "postnummer": "Postnummer",
    "poststed": "Poststed",
    "lovverk": "Lovverk",
    "oppholdsgrunnlag": "Oppholdsgrunnlag",
    "tillatelse_dato": "Oppholdstillatelse innvilget",
    "bosatt_dato": "Bosettingsdato",
    "bosatt_etter_avtale": "Bosatt etter avtale",
    "vgs_fullfort": "Fullført videregående",
    "skolear": "År med skolegang",
    "bor_med_foreldre": "Bor med foreldre",
    "barn_under_18": "Barn under 18 år",
    "reservert_forskning": "Reservert mot forskning",
    "nav_kontakt": "NAV-kontakt",
    "notat": "Notat",
}


@dataclass(frozen=True)
class Deltaker:
    fornavn: str
    etternavn: str
    ident: str  # digits only
    ident_type: str  # fnr, dnr, hnr or duf
    fodselsdato: datetime.date
    kjonn: str
    lovverk: str
    landbakgrunn: str | None = None
    statsborgerskap: str | None = None
    morsmal: str = ""
    tolk_behov: bool = False
    tolk_sprak: str = ""
    telefon: str = ""
    epost: str = ""
    adresse: str = ""
    postnummer: str = ""
    poststed: str = ""
    oppholdsgrunnlag: str | None = None
    tillatelse_dato: datetime.date | None = None
    bosatt_dato: datetime.date | None = None
    bosatt_etter_avtale: bool = True
    vgs_fullfort: bool | None = None  # None: not yet known
    skolear: int | None = None
    bor_med_foreldre: bool = False
    barn_under_18: int | None = None
    reservert_forskning: bool = False
    nav_kontakt: str = ""
    notat: str = ""

    @property
    def fullt_navn(self) -> str:
        return f"{self.fornavn} {self.etternavn}"

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


FIELD_NAMES = tuple(f.name for f in fields(Deltaker))


def parse_deltaker(raw: dict[str, Any], rules: RuleBook, today: datetime.date) -> Deltaker:
    """Validate typed input (strings, bools, codes) into a Deltaker, or raise FieldErrors."""
    parser = _Parser(raw, rules, today)
    values = parser.parse()
    parser.raise_if_errors()
    return Deltaker(**values)


class _Parser(InputParser):
    def __init__(self, raw: dict[str, Any], rules: RuleBook, today: datetime.date):
        super().__init__(raw, LABELS, rules)
        self.today = today

    def parse(self) -> dict[str, Any]:
        v: dict[str, Any] = {}
        v["fornavn"] = self.text("fornavn", required=True)
        v["etternavn"] = self.text("etternavn", required=True)
        v.update(self.identity())
        v["kjonn"] = self.code("kjonn", "kjonn", required=True)
        v["lovverk"] = self.code("lovverk", "lovverk", required=True)
        v["landbakgrunn"] = self.code("landbakgrunn", "land")
        v["statsborgerskap"] = self.code("statsborgerskap", "land")
        for name in ("morsmal", "tolk_sprak", "adresse", "poststed", "nav_kontakt"):
            v[name] = self.text(name)
        v["telefon"] = self.pattern("telefon", PHONE, PHONE_MESSAGE)
        v["epost"] = self.pattern("epost", EMAIL, EMAIL_MESSAGE)
        v["postnummer"] = self.pattern("postnummer", POSTCODE, POSTCODE_MESSAGE)
        v["notat"] = self.note("notat")
        v["oppholdsgrunnlag"] = self.residence_ground(v["lovverk"])
        v["tillatelse_dato"] = self.date("tillatelse_dato", not_after=self.today)
        v["bosatt_dato"] = self.date("bosatt_dato")
        if v["tillatelse_dato"] and v["fodselsdato"] and v["tillatelse_dato"] < v["fodselsdato"]:
            self.errors["tillatelse_dato"] = "Oppholdstillatelsen kan ikke være innvilget før fødselen."
        v["skolear"] = self.number("skolear", 0, 30)
        v["barn_under_18"] = self.number("barn_under_18", 0, 20)
        for name in ("tolk_behov", "bosatt_etter_avtale", "bor_med_foreldre", "reservert_forskning"):
            v[name] = self.flag(name, name == "bosatt_etter_avtale")
        vgs = self.raw.get("vgs_fullfort")
        v["vgs_fullfort"] = None if vgs in (None, "") else bool(vgs)
        if v["tolk_behov"] and not v["tolk_sprak"]:
            self.errors["tolk_sprak"] = "Skriv hvilket språk tolken skal bruke."
        return v

    def identity(self) -> dict[str, Any]:
        birth_date = self.date("fodselsdato", not_after=self.today)
        result: dict[str, Any] = {"ident": "", "ident_type": "", "fodselsdato": birth_date}
        try:
            person_id = parse_person_id(str(self.raw.get("ident") or ""))
        except ValueError as exc:
            self.errors["ident"] = str(exc)
        else:
            result["ident"], result["ident_type"] = person_id.number, person_id.kind
            if person_id.birth_date:
                if birth_date is None and "fodselsdato" not in self.errors:
                    result["fodselsdato"] = birth_date = person_id.birth_date
                elif birth_date and birth_date != person_id.birth_date:
                    self.errors["fodselsdato"] = (
                        "Stemmer ikke med identitetsnummeret, som gir "
                        f"{format_date(person_id.birth_date)}."
                    )
        # A wrong number is the one thing to fix: a right one may bring the birth date with it.
        if birth_date is None and "fodselsdato" not in self.errors and "ident" not in self.errors:
            self.errors["fodselsdato"] = "Fødselsdato må fylles ut."
        return result

    def residence_ground(self, lovverk: str | None) -> str | None:
        value = self.code("oppholdsgrunnlag", "oppholdsgrunnlag")
        ground = self.rules.codes("oppholdsgrunnlag").get(value)
        if ground and lovverk and lovverk not in ground.attributes.get("lovverk", ()):
            self.errors["oppholdsgrunnlag"] = "Dette oppholdsgrunnlaget brukes ikke under det valgte lovverket."
        return value


def to_form(d: Deltaker) -> dict[str, Any]:
    """The record as a person would type it: the inverse of parse_deltaker."""
    values = d.as_dict()
    for name, value in values.items():
        if isinstance(value, datetime.date):
            values[name] = format_date(value)
        elif isinstance(value, int) and not isinstance(value, bool):
            values[name] = str(value)
        elif value is None and name not in ("vgs_fullfort",):
            values[name] = ""
    return values
