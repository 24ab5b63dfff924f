"""The import template (docs/import.md): the sheets, their columns, and how a cell as an adviser typed it
becomes the raw value a form would give.

A spreadsheet row is turned into the same dict a form hands its parser (`parse_deltaker`,
`parse_hendelse`), so an import is checked by the very rules the forms use; a parser's message for a
field is reported at the column that holds it. Codes may be written as the code or as its Norwegian
label, dates as dd.mm.åååå or ISO, yes/no as «ja»/«nei»; headers are matched without regard to case,
spaces, «_», «-» and the spelling of æøå.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from introdesk.domain.dates import format_date
from introdesk.domain.hendelser import DATE_FIELDS, KINDS, Hendelse
from introdesk.domain.rules import RuleBook

TEXT, DATE, CODE, FLAG, NUMBER, KIND = "tekst", "dato", "kode", "ja/nei", "tall", "hendelse"
HOURS, DAYS, CHOICE, DATES = "timer", "dager", "valg", "datoer"
# Where a column's value goes: the participant, or an event the participant row carries.
DELTAKER, START, AVSLUTNING = "deltaker", "start", "avslutning"


@dataclass(frozen=True)
class Kolonne:
    header: str  # as in the template
    field: str  # the form's field name
    kind: str = TEXT
    codes: str | None = None  # the code list a CODE column takes its values from
    choices: tuple[tuple[str, str], ...] = ()  # a CHOICE column's values: (code, label)
    part: str = DELTAKER  # on the participants sheet: the participant, or the start or end event
    required: bool = False
    example: str = ""
    description: str = ""


@dataclass(frozen=True)
class Ark:
    name: str  # the sheet's name in the template
    title: str
    columns: tuple[Kolonne, ...]
    event: str | None = None  # the kind of event each row is; None: the participants sheet, or a column says

    def column(self, header: str) -> Kolonne | None:
        return next((c for c in self.columns if c.header == header), None)


_IDENT = Kolonne("identitetsnummer", "ident", required=True, example="01889003711",
                 description="Fødselsnummer, D-nummer, H-nummer (11 siffer) eller DUF-nummer (12 siffer). "
                             "Mellomrom, punktum og bindestrek er lov; en null foran som Excel har tatt bort, "
                             "settes tilbake.")
_NIR = "Datoen hendelsen ble registrert i NIR, om den er det."
_NOTE = "Fritekst, bare for deg."

DELTAKERE = Ark("deltakere", "Deltakere, med programstart og avslutning", (
    _IDENT,
    Kolonne("fornavn", "fornavn", required=True, example="Amal"),
    Kolonne("etternavn", "etternavn", required=True, example="Haddad"),
    Kolonne("fodselsdato", "fodselsdato", DATE, example="01.08.1990",
            description="Kan stå tom når identitetsnummeret gir den; må ellers stemme med nummeret."),
    Kolonne("kjonn", "kjonn", CODE, "kjonn", required=True, example="K"),
    Kolonne("landbakgrunn", "landbakgrunn", CODE, "land", example="SY",
            description="Landkode (ISO 3166, to bokstaver) eller landets norske navn."),
    Kolonne("lovverk", "lovverk", CODE, "lovverk", required=True, example="integreringsloven"),
    Kolonne("bosettingsdato", "bosatt_dato", DATE, example="15.03.2025"),
    Kolonne("programstart", "dato", DATE, part=START, example="01.05.2025",
            description="Blir hendelsen «Programstart»."),
    Kolonne("avslutningsdato", "dato", DATE, part=AVSLUTNING, example="",
            description="Blir hendelsen «Avslutning eller permanent stans», sammen med kolonnene avslutningstype, sluttarsak, hovedaktivitet og avslutning_vedtaksdato."),
    Kolonne("avslutningstype", "utgang", CODE, "utgang", part=AVSLUTNING, example="",
            description="Påkrevd når avslutningsdato er fylt ut."),
    Kolonne("sluttarsak", "sluttarsak", CODE, "sluttarsak", part=AVSLUTNING, example="",
            description="Påkrevd når avslutningsdato er fylt ut; må passe til avslutningstypen."),
    Kolonne("hovedaktivitet", "hovedaktivitet", part=AVSLUTNING, example="",
            description="Deltakerens hovedaktivitet ved avslutning."),
    Kolonne("avslutning_vedtaksdato", "vedtaksdato", DATE, part=AVSLUTNING, example="",
            description="Påkrevd ved permanent stans (et vedtak)."),
    Kolonne("programstart_registrert_nir", "nir_dato", DATE, part=START, example="", description=_NIR),
    Kolonne("avslutning_registrert_nir", "nir_dato", DATE, part=AVSLUTNING, example="", description=_NIR),
    Kolonne("statsborgerskap", "statsborgerskap", CODE, "land", example="SY"),
    Kolonne("oppholdsgrunnlag", "oppholdsgrunnlag", CODE, "oppholdsgrunnlag", example="flyktning",
            description="Må høre til lovverket."),
    Kolonne("oppholdstillatelse_dato", "tillatelse_dato", DATE, example="01.02.2025",
            description="Datoen oppholdstillatelsen ble innvilget (avgjør alderen for målgruppen)."),
    Kolonne("bosatt_etter_avtale", "bosatt_etter_avtale", FLAG, example="ja",
            description="Bosatt etter avtale med IMDi. Tom betyr ja."),
    Kolonne("morsmal", "morsmal", example="Arabisk"),
    Kolonne("tolk_behov", "tolk_behov", FLAG, example="ja"),
    Kolonne("tolkesprak", "tolk_sprak", example="Arabisk", description="Påkrevd når tolk_behov er ja."),
    Kolonne("telefon", "telefon", example="400 12 345", description="8–15 siffer, gjerne med + foran."),
    Kolonne("epost", "epost", example=""),
    Kolonne("adresse", "adresse", example="Fjordveien 3"),
    Kolonne("postnummer", "postnummer", example="9990", description="Fire siffer."),
    Kolonne("poststed", "poststed", example="Fjordvik"),
    Kolonne("vgs_fullfort", "vgs_fullfort", FLAG, example="ja",
            description="Utdanning: fullført videregående. Tom betyr ukjent."),
    Kolonne("skolear", "skolear", NUMBER, example="12", description="Utdanning: år med skolegang, 0–30."),
    Kolonne("bor_med_foreldre", "bor_med_foreldre", FLAG, example="nei"),
    Kolonne("barn_under_18", "barn_under_18", NUMBER, example="2", description="Antall, 0–20."),
    Kolonne("reservert_forskning", "reservert_forskning", FLAG, example="nei"),
    Kolonne("nav_kontakt", "nav_kontakt", example="NAV Fjordvik"),
    Kolonne("notat", "notat", example="", description=_NOTE),
))

SLUTTMAL = Ark("sluttmal", "Sluttmål", (
    _IDENT,
    Kolonne("dato", "dato", DATE, required=True, example="01.05.2025", description="Datoen sluttmålet ble fastsatt."),
    Kolonne("sluttmalgruppe", "sluttmalgruppe", CODE, "sluttmalgruppe", required=True, example="vgs_eller_mer",
            description="Avgjør programmets lengde; må høre til deltakerens lovverk."),
    Kolonne("sluttmal", "sluttmal", required=True, example="Arbeid som sykepleier"),
    Kolonne("registrert_nir", "nir_dato", DATE, example="", description=_NIR),
    Kolonne("notat", "notat", example="", description=_NOTE),
), event="sluttmal")

PERMISJONER = Ark("permisjoner", "Permisjoner", (
    _IDENT,
    Kolonne("fra", "dato", DATE, required=True, example="01.09.2025"),
    Kolonne("til", "til_dato", DATE, required=True, example="10.09.2025"),
    Kolonne("vedtaksdato", "vedtaksdato", DATE, required=True, example="25.08.2025"),
    Kolonne("grunn", "grunn", CODE, "permisjonsgrunn", required=True, example="velferd"),
    Kolonne("med_stonad", "med_stonad", FLAG, example="ja"),
    Kolonne("registrert_nir", "nir_dato", DATE, example="", description=_NIR),
    Kolonne("notat", "notat", example="", description=_NOTE),
), event="permisjon")

# The events that have no place of their own above: every other kind the programme knows.
OWN_PLACE = ("start", "avslutning", "permisjon", "sluttmal")
OTHER_KINDS = tuple(kind for kind in KINDS if kind not in OWN_PLACE)
HENDELSER = Ark("hendelser", "Andre hendelser i programmet", (
    _IDENT,
    Kolonne("hendelse", "type", KIND, required=True, example="kartlegging",
            description="Koden eller navnet på hendelsen: " + ", ".join(OTHER_KINDS) + "."),
    Kolonne("dato", "dato", DATE, required=True, example="20.03.2025"),
    Kolonne("vedtaksdato", "vedtaksdato", DATE, example="",
            description="Påkrevd for innvilget, avslag, forlengelse og stans."),
    Kolonne("grunn", "grunn", example="",
            description="Begrunnelse (avslag), grunn til stans eller hva klagen gjelder; der hendelsen "
                        "har en kodeliste for den (status ett år etter), koden eller teksten i listen."),
    Kolonne("maaneder", "maaneder", NUMBER, example="", description="Forlengelse: antall måneder, 1–36."),
    Kolonne("utfall", "utfall", CODE, "klageutfall", example="", description="Klage: utfallet."),
    Kolonne("utfall_dato", "utfall_dato", DATE, example="", description="Klage: datoen for utfallet."),
    Kolonne("registrert_nir", "nir_dato", DATE, example="", description=_NIR),
    Kolonne("notat", "notat", example="", description=_NOTE),
))

ARBEIDSGIVERE = Ark("arbeidsgivere", "Arbeidsgivere som tar imot deltakere i praksis", (
    Kolonne("navn", "navn", required=True, example="Fjordvik sjukeheim"),
    Kolonne("orgnr", "orgnr", example="974760673",
            description="Organisasjonsnummer, 9 siffer. Arbeidsgiveren kjennes igjen på nummeret, eller på navnet "
                        "når den ikke har noe."),
    Kolonne("adresse", "adresse", example="Sjukeheimsvegen 2"),
    Kolonne("postnummer", "postnummer", example="9990", description="Fire siffer."),
    Kolonne("poststed", "poststed", example="Fjordvik"),
    Kolonne("sektor", "sektor", CODE, "sektor", example="kommunal"),
    Kolonne("notat", "notat", example="", description=_NOTE),
))

OPPFOLGERE = (("radgiver", "Programrådgiver"), ("larer", "Lærer"))
PRAKSIS = Ark("praksis", "Praksisplasser (språkpraksis, arbeidspraksis)", (
    _IDENT,
    Kolonne("arbeidsgiver", "arbeidsgiver_id", required=True, example="974760673",
            description="Arbeidsgiverens organisasjonsnummer eller navn, som på arket arbeidsgivere eller i "
                        "registeret."),
    Kolonne("type", "type", CODE, "praksistype", required=True, example="sprakpraksis"),
    Kolonne("fra", "fra", DATE, required=True, example="01.10.2025"),
    Kolonne("til", "til", DATE, required=True, example="19.12.2025"),
    Kolonne("timer_per_uke", "timer_per_uke", HOURS, required=True, example="15",
            description="Timer per uke på arbeidsplassen, 0–40, gjerne med desimalkomma (7,5)."),
    Kolonne("dager", "dager", DAYS, required=True, example="tir–tor",
            description="Dagene på arbeidsplassen: «man–fre», «man, ons, fre» eller hele navn."),
    Kolonne("oppfolger", "oppfolger", CHOICE, choices=OPPFOLGERE, example="radgiver",
            description="Hvem som følger opp: radgiver (Programrådgiver) eller larer (Lærer). Tom: rådgiver."),
    Kolonne("oppfolger_navn", "oppfolger_navn", example="", description="Påkrevd når en lærer følger opp."),
    Kolonne("oppfolging_dager", "oppfolging_dager", NUMBER, example="14",
            description="Dager mellom oppfølgingene, 1–120. Tom: innstillingen i regelverket."),
    Kolonne("avtale_signert", "avtale_signert", DATE, example="25.09.2025",
            description="Datoen praksisavtalen ble signert."),
    Kolonne("oppgaver", "oppgaver", example="Kjøkken og vaskeri"),
    Kolonne("sprakmal", "sprakmal", example="Forstå beskjeder på morgenmøtet"),
    Kolonne("fase_forberedelse", "fase_forberedelse", FLAG, example="ja"),
    Kolonne("fase_underveis", "fase_underveis", FLAG, example="nei"),
    Kolonne("fase_oppsummering", "fase_oppsummering", FLAG, example="nei"),
    Kolonne("evaluering", "evaluering", example=""),
    Kolonne("utfall", "utfall", CODE, "praksisutfall", example=""),
    Kolonne("utfall_grunn", "utfall_grunn", example="", description="Påkrevd når praksisen ble avsluttet tidlig."),
    Kolonne("notat", "notat", example="", description=_NOTE),
))

PLANER = Ark("planer", "Integreringsplaner, én rad per versjon", (
    _IDENT,
    Kolonne("dato", "dato", DATE, required=True, example="20.05.2025",
            description="Datoen versjonen ble laget. En ny dato gir en ny versjon (senere enn forrige versjon og "
                        "dens gjennomganger); en dato som finnes, retter den versjonen, men bare den gjeldende."),
    Kolonne("sluttmal", "sluttmal", example="Arbeid som sykepleier etter godkjent utdanning"),
    Kolonne("norskmal", "norskmal", example="B1 muntlig og skriftlig"),
    Kolonne("onsker", "onsker", example="Vil jobbe i helse", description="Deltakerens egne ønsker."),
    Kolonne("praksis_onske", "praksis_onske", example="Sykehjem"),
    Kolonne("selvstudium", "selvstudium", FLAG, example="nei", description="Mye selvstudium: fulltid er 30 timer."),
    Kolonne("kontrakt_signert", "kontrakt_signert", DATE, example="20.05.2025",
            description="Datoen integreringskontrakten ble signert."),
    Kolonne("gjennomganger", "gjennomganger", DATES, example="",
            description="Datoer planen ble gjennomgått uten endring, skilt med komma."),
    Kolonne("notat", "notat", example="", description=_NOTE),
))

RETNINGER = (("arbeid", "Arbeidsrettet"), ("utdanning", "Utdanningsrettet"))
ELEMENTER = Ark("elementer", "Elementer i integreringsplanen", (
    _IDENT,
    Kolonne("plan_dato", "plan_dato", DATE, required=True, example="20.05.2025",
            description="Datoen til planversjonen elementet hører til (på arket planer eller i registeret)."),
    Kolonne("type", "type", CODE, "elementtype", required=True, example="norsk"),
    Kolonne("fra", "fra", DATE, required=True, example="01.06.2025"),
    Kolonne("til", "til", DATE, required=True, example="19.12.2025"),
    Kolonne("timer_per_uke", "timer_per_uke", HOURS, required=True, example="15",
            description="0–60, gjerne med desimalkomma (7,5)."),
    Kolonne("dager", "dager", DAYS, example="man–fre", description="Tom: man–fre."),
    Kolonne("tilbyder", "tilbyder", example="Fjordvik voksenopplæring"),
    Kolonne("retning", "retning", CHOICE, choices=RETNINGER, example="",
            description="arbeid (Arbeidsrettet), utdanning (Utdanningsrettet) eller tom."),
    Kolonne("oppfolging", "oppfolging", example="Programrådgiver"),
    Kolonne("status", "status", CODE, "elementstatus", example="pagar", description="Tom: planlagt."),
    Kolonne("timer_fullfort", "timer_fullfort", HOURS, example=""),
    Kolonne("beskrivelse", "beskrivelse", example="Spor 2", description="Står på plan og deltakerbevis."),
    Kolonne("notat", "notat", example="", description=_NOTE),
))

SHEETS = (DELTAKERE, SLUTTMAL, PERMISJONER, HENDELSER, ARBEIDSGIVERE, PRAKSIS, PLANER, ELEMENTER)


# ----- headers and cells

def column_key(name: object) -> str:
    """A header as it is compared: lower case, no spaces, «_» or «-», æøå folded (and «oe», «aa» as well):
    «Fødsels dato», «FODSELSDATO» and «foedsels_dato» are the same column."""
    text = re.sub(r"[\s_\-]", "", unicodedata.normalize("NFC", str(name))).casefold()
    text = text.replace("æ", "ae").replace("ø", "o").replace("å", "a")
    return text.replace("oe", "o").replace("aa", "a")


def column_label(column: Kolonne) -> str:
    """A participants sheet column in the words of the form: «Kjønn», «Avslutning: sluttårsak»."""
    from introdesk.domain.deltaker import LABELS
    from introdesk.domain.hendelser import FIELD_LABELS

    if column.part == DELTAKER:
        return LABELS.get(column.field, "Identitetsnummer" if column.field == "ident" else column.header)
    label = {"dato": KINDS[column.part].date_label, "utgang": "Avslutningstype"}.get(column.field,
                                                                                     FIELD_LABELS[column.field])
    event = {START: "Programstart", AVSLUTNING: "Avslutning"}[column.part]
    return f"{event}: {label[0].lower()}{label[1:]}"


def sheet_for(name: str) -> Ark | None:
    key = column_key(name)
    return next((s for s in SHEETS if column_key(s.name) == key), None)


def match_headers(sheet: Ark, headers: list[str]) -> dict[str, str]:
    """{template header: the file's header} for the file's headers that name a template column."""
    keys = {column_key(c.header): c.header for c in sheet.columns}
    found: dict[str, str] = {}
    for header in headers:
        if (template := keys.get(column_key(header))) and template not in found:
            found[template] = header
    return found


def missing_required(sheet: Ark, present: set[str]) -> list[str]:
    return [c.header for c in sheet.columns if c.required and c.header not in present]


_DASHES = str.maketrans({"–": "-", "—": "-", "‐": "-", "‑": "-"})


def fold(text: str) -> str:
    """Text as it is compared: spacing collapsed, case folded, dashes alike («høyere utdanning - …» typed
    with a hyphen matches the code list's en dash)."""
    return " ".join(unicodedata.normalize("NFC", text).translate(_DASHES).split()).casefold()


class Kodeoppslag:
    """Codes and their Norwegian labels, looked up without regard to case and spacing: «kvinne», «K»."""

    def __init__(self, rules: RuleBook):
        self.rules = rules
        self._lists: dict[str, dict[str, str]] = {}

    def _index(self, list_name: str) -> dict[str, str]:
        if list_name not in self._lists:
            index: dict[str, str] = {}
            for c in self.rules.codes(list_name).codes:
                index.setdefault(fold(c.label), c.code)
            for c in self.rules.codes(list_name).codes:
                index[fold(c.code)] = c.code  # a code wins over a label that reads the same
            self._lists[list_name] = index
        return self._lists[list_name]

    def code(self, list_name: str, text: str) -> str:
        """The code for a code or label; the text unchanged when it is neither (the parser then says so)."""
        return self._index(list_name).get(fold(text), text)

    def choice(self, column: Kolonne, text: str) -> str:
        wanted = fold(text)
        return next((code for code, label in column.choices if wanted in (fold(code), fold(label))), text)

    def kind(self, text: str) -> str:
        wanted = fold(text)
        return next((code for code, k in KINDS.items() if wanted in (fold(code), fold(k.label))), text)


_DAY_KEYS = ("man", "tir", "ons", "tor", "fre", "lor", "son")


def weekdays(text: str) -> list[int]:
    """«man–fre», «man, ons, fre», «tirsdag-torsdag» as weekday numbers (0 = Monday). ValueError else."""
    days: set[int] = set()
    for part in re.split(r"[,;/]|\bog\b", fold(text)):
        ends = [column_key(end)[:3] for end in re.split(r"[–—-]", part) if end.strip()]
        if not ends:
            continue
        if len(ends) > 2 or any(end not in _DAY_KEYS for end in ends):
            raise ValueError("Skriv dagene som «man–fre» eller «man, ons, fre».")
        first, last = _DAY_KEYS.index(ends[0]), _DAY_KEYS.index(ends[-1])
        if last < first:
            raise ValueError("Skriv dagene i ukens rekkefølge: «man–fre».")
        days.update(range(first, last + 1))
    return sorted(days)


YES = {"ja", "j", "x", "1", "sann", "true", "yes", "y"}
NO = {"nei", "n", "0", "usann", "false", "no"}


def flag(text: str) -> bool | None:
    """«ja» or «nei» (and their usual spellings) as True/False; None for an empty cell. ValueError else."""
    value = fold(text)
    if not value:
        return None
    if value in YES:
        return True
    if value in NO:
        return False
    raise ValueError("Skriv ja eller nei.")


def cell_text(value: Any) -> str:
    """A cell as text: an Excel date «2026-03-02 00:00:00» (with or without a time of day) as its day, a
    whole number «12.0» as «12»."""
    text = str(value if value is not None else "").strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d+)?", text):
        return text[:10]
    if re.fullmatch(r"-?\d+\.0", text):
        return text[:-2]
    return text


SCIENTIFIC = re.compile(r"\d[.,]\d+E\+\d+", re.IGNORECASE)  # how Excel shows a long number: 1,23457E+10


def ident_digits(text: str) -> str:
    digits = re.sub(r"[\s.\-]", "", text.removesuffix(".0"))
    # Excel stores a number typed in a cell as a number and drops its leading zero: 01019012345 comes back
    # as 1019012345. No identity number has 10 digits, so the zero is put back.
    return "0" + digits if len(digits) == 10 and digits.isdigit() else digits


# ----- records back to cells (the inverse, for the export and for the fields a file leaves out)

def event_form(h: Hendelse) -> dict[str, Any]:
    """An event as a person would type it: the inverse of parse_hendelse."""
    values: dict[str, Any] = {}
    for name in ("type", "sluttmalgruppe", "sluttmal", "grunn", "med_stonad", "maaneder", "utgang", "sluttarsak",
                 "hovedaktivitet", "utfall", "notat", *DATE_FIELDS):
        value = getattr(h, name)
        values[name] = format_date(value) if name in DATE_FIELDS else value
    values["maaneder"] = "" if h.maaneder is None else str(h.maaneder)
    return values


def cell(column: Kolonne, value: Any) -> str:
    """A value from a form dict as it is written in the template."""
    if column.kind == FLAG:
        return "" if value is None or value == "" else ("ja" if value else "nei")
    if column.kind == DAYS:
        from introdesk.domain.plan import weekdays_text

        return weekdays_text(value or ())
    if column.kind == DATES:
        return ", ".join(format_date(day) for day in value or ())
    return "" if value is None else str(value)
