"""Load and check the rule parameters and code lists in resources/.

A broken or inconsistent file must stop the program with a message that names the file and the
line, never with a traceback: a municipality may edit these files by hand.
"""

from __future__ import annotations

import datetime
import gettext
import re
import tomllib
from pathlib import Path

import pycountry

from introdesk.domain.rules import LOVVERK, Code, CodeList, DatedValue, RuleBook, RuleConflict, close_periods
from introdesk.resources import resources_dir

REQUIRED_LISTS = (
    "lovverk", "kjonn", "oppholdsgrunnlag", "utgang", "sluttarsak", "sluttmalgruppe", "permisjonsgrunn", "klageutfall",
    "elementtype", "elementstatus", "sektor", "praksistype", "praksisutfall", "fravaerstype", "reduksjonstype",
)


class ResourceError(Exception):
    """A resource file is broken; the message names the file and the line."""


def load_rulebook(root: Path | None = None) -> RuleBook:
    root = root or resources_dir()
    if not root.is_dir():
        raise ResourceError(f"Finner ikke regelmappen {root}.")
    values: list[DatedValue] = []
    for path in sorted((root / "regler").glob("*.toml")):
        values.extend(_dated_values(path))
    try:
        closed = close_periods(values)
    except RuleConflict as exc:
        raise ResourceError(str(exc)) from None
    code_lists = {}
    for path in sorted((root / "kodelister").glob("*.toml")):
        code_list = _code_list(path)
        code_lists[code_list.name] = code_list
    code_lists["land"] = _countries(code_lists.get("land"), root / "kodelister" / "land.toml")
    for required in REQUIRED_LISTS:
        if required not in code_lists:
            raise ResourceError(f"Kodelisten «{required}» mangler i {root / 'kodelister'}.")
    _check_references(code_lists, closed, root / "kodelister")
    return RuleBook(closed, code_lists)


def _check_references(code_lists: dict[str, CodeList], values: tuple[DatedValue, ...], folder: Path) -> None:
    """Codes that point at other lists must point at codes that exist."""
    exits = {c.code for c in code_lists["utgang"].codes}
    for code in code_lists["sluttarsak"].codes:
        unknown = set(code.attributes.get("utgang", ())) - exits
        if unknown or not code.attributes.get("utgang"):
            raise ResourceError(
                f"sluttarsak.toml, koden «{code.code}»: «utgang» må liste utgangstyper fra utgang.toml "
                f"(ukjent: {', '.join(sorted(unknown)) or 'ingen oppgitt'})."
            )
    for code in code_lists["sluttmalgruppe"].codes:
        if not set(code.attributes.get("lovverk", ())) <= set(LOVVERK):
            raise ResourceError(f"sluttmalgruppe.toml, koden «{code.code}»: ukjent lovverk.")
    groups = {c.code for c in code_lists["sluttmalgruppe"].codes}
    element_types = {c.code for c in code_lists["elementtype"].codes}
    for value in values:
        if value.name == "plan.obligatoriske_elementer":
            unknown = {t for need in value.value for t in need.get("typer", ())} - element_types
            if unknown:
                raise ResourceError(f"{value.origin}: ukjent elementtype {', '.join(sorted(unknown))}.")
        if value.name in ("program.lengde_maaneder", "program.forlengelse_maaneder"):
            unknown = set(value.value) - groups
            if unknown:
                raise ResourceError(f"{value.origin}: ukjent sluttmålgruppe {', '.join(sorted(unknown))}.")


def _read(path: Path) -> tuple[dict, dict[str, list[int]]]:
    """Parse a TOML file; also return the line of each [[table]] entry, by table, for messages."""
    text = path.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ResourceError(f"{path.name}: {exc}") from None
    headers: dict[str, list[int]] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if m := re.match(r"\s*\[\[\s*(\w+)\s*\]\]", line):
            headers.setdefault(m.group(1), []).append(number)
    return data, headers


def _where(path: Path, headers: dict[str, list[int]], table: str, index: int) -> str:
    lines = headers.get(table, [])
    return f"{path.name}, linje {lines[index]}" if index < len(lines) else path.name


def _dated_values(path: Path) -> list[DatedValue]:
    data, headers = _read(path)
    values = []
    for index, entry in enumerate(data.get("verdi", [])):
        where = _where(path, headers, "verdi", index)
        missing = [k for k in ("navn", "lovverk", "gyldig_fra", "verdi", "kilde") if k not in entry]
        if missing:
            raise ResourceError(f"{where}: mangler {', '.join(missing)}.")
        regimes = entry["lovverk"] if isinstance(entry["lovverk"], list) else [entry["lovverk"]]
        if not regimes or any(r not in LOVVERK for r in regimes):
            raise ResourceError(f"{where}: ukjent lovverk «{entry['lovverk']}».")
        valid_from, valid_to = entry["gyldig_fra"], entry.get("gyldig_til")
        for key, value in (("gyldig_fra", valid_from), ("gyldig_til", valid_to)):
            if value is not None and type(value) is not datetime.date:
                raise ResourceError(f"{where}: {key} må være en dato (åååå-mm-dd).")
        if valid_to is not None and valid_to < valid_from:
            raise ResourceError(f"{where}: gyldig_til ligger før gyldig_fra.")
        values.extend(
            DatedValue(
                name=entry["navn"],
                lovverk=regime,
                valid_from=valid_from,
                valid_to=valid_to,
                value=entry["verdi"],
                source=entry["kilde"],
                verify=bool(entry.get("verifiser", False)),
                origin=where,
            )
            for regime in regimes
        )
    return values


def _code_list(path: Path) -> CodeList:
    data, headers = _read(path)
    if "navn" not in data:
        raise ResourceError(f"{path.name}: mangler «navn» (kodelistens navn).")
    codes = []
    for index, entry in enumerate(data.get("kode", [])):
        where = _where(path, headers, "kode", index)
        if not entry.get("kode") or not entry.get("tekst"):
            raise ResourceError(f"{where}: hver kode trenger «kode» og «tekst».")
        if any(c.code == entry["kode"] for c in codes):
            raise ResourceError(f"{where}: koden «{entry['kode']}» finnes fra før.")
        attributes = {k: v for k, v in entry.items() if k not in ("kode", "tekst")}
        codes.append(Code(entry["kode"], entry["tekst"], attributes))
    return CodeList(data["navn"], tuple(codes))


def _countries(extras: CodeList | None, path: Path) -> CodeList:
    """ISO 3166 countries with Norwegian names, plus the additions and short names in land.toml."""
    short_names = {}
    if path.exists():
        data, _ = _read(path)
        short_names = {e["kode"]: e["tekst"] for e in data.get("kortnavn", [])}
    norwegian = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["nb"], fallback=True)
    codes = [
        Code(c.alpha_2, short_names.get(c.alpha_2) or norwegian.gettext(c.name))
        for c in pycountry.countries
    ]
    codes.extend(extras.codes if extras else ())
    return CodeList("land", tuple(codes))

