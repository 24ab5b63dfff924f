"""The yearly NIR file set on disk: one XLSX with a sheet per area, the same sheets as semicolon CSV
(UTF-8 with BOM, Norwegian dates) and one JSON file that follows docs/nir-arsfil.schema.json.

A year with errors in the completeness check is still written, and says so: «komplett» is false in
every format, the XLSX opens on a sheet that says UFULLSTENDIG, and the problems are in «mangler».
"""

from __future__ import annotations

import datetime
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from introdesk.domain import nir_arsfil as spec
from introdesk.domain.nir_arsfil import Arsfil, Felt
from introdesk.reports import tabell
from introdesk.reports.pdf import write_atomically

_KINDS = {spec.TEXT: tabell.TEXT, spec.DATE: tabell.DATE, spec.FLAG: tabell.FLAG, spec.NUMBER: tabell.NUMBER,
          spec.INTEGER: tabell.NUMBER}


def file_names(year: int) -> tuple[str, ...]:
    return (f"nir-{year}.xlsx", f"nir-{year}.json", f"nir-{year}-{spec.OM_FILEN.navn}.csv",
            *(f"nir-{year}-{a.navn}.csv" for a in spec.SHEETS))


def write_all(arsfil: Arsfil, folder: Path) -> list[Path]:
    """Every file of the set, each written atomically; returns their paths in the order of file_names."""
    year = arsfil.year
    written = [write_xlsx(arsfil, folder / f"nir-{year}.xlsx"), write_json(arsfil, folder / f"nir-{year}.json")]
    for ark, rows in ((spec.OM_FILEN, [arsfil.about]), *((a, arsfil.sheets[a.navn]) for a in spec.SHEETS)):
        written.append(tabell.write_csv(folder / f"nir-{year}-{ark.navn}.csv", _columns(ark.columns()),
                                        _values(ark.columns(), rows)))
    return written


def write_xlsx(arsfil: Arsfil, target: Path) -> Path:
    about = [(f.navn, arsfil.about[f.navn]) for f in spec.OM_FILEN.felt]
    if not arsfil.complete:  # the first thing a reader sees
        about.insert(0, ("UFULLSTENDIG", f"{arsfil.about['feil']} feil: se arket «mangler» før året meldes komplett"))
    about_columns = [tabell.Kolonne("felt"), tabell.Kolonne("verdi")]
    sheets = [tabell.Ark(spec.OM_FILEN.navn, about_columns, [(k, _cell(v)) for k, v in about])]
    sheets += [tabell.Ark(a.navn, _columns(a.columns()), _values(a.columns(), arsfil.sheets[a.navn]))
               for a in spec.SHEETS]
    return tabell.write_workbook(target, sheets)


def write_json(arsfil: Arsfil, target: Path) -> Path:
    document = {spec.OM_FILEN.navn: {k: _json(v) for k, v in arsfil.about.items()},
                **{a.navn: [{k: _json(v) for k, v in row.items()} for row in arsfil.sheets[a.navn]]
                   for a in spec.SHEETS}}
    text = json.dumps(document, ensure_ascii=False, indent=1) + "\n"
    return write_atomically(target, lambda part: part.write_text(text, encoding="utf-8"))


def _columns(felt: tuple[Felt, ...]) -> list[tabell.Kolonne]:
    return [tabell.Kolonne(f.navn, _KINDS[f.type]) for f in felt]


def _values(felt: tuple[Felt, ...], rows: list[dict[str, Any]]) -> list[list[Any]]:
    return [[row.get(f.navn) for f in felt] for row in rows]


def _cell(value: Any) -> Any:
    """A value on the «om_filen» sheet, where one column holds values of every kind."""
    if isinstance(value, bool):
        return "ja" if value else "nei"
    return value


def _json(value: Any) -> Any:
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


# What the schema can say beyond the type. Coded columns get no enum: a municipality may add codes
# (an end reason under Regelverk), and the file must still validate.
_PATTERNS = {"identitetsnummer": r"^\d{11,12}$", "kommunenummer": r"^(\d{4})?$"}
_ENUMS = {"identtype": ["fnr", "dnr", "hnr", "duf"], "alvor": ["feil", "advarsel"], "kilde": ["plan", "praksis"],
          "formatversjon": [spec.FORMATVERSJON]}
_JSON_TYPES = {spec.TEXT: "string", spec.DATE: "string", spec.FLAG: "boolean", spec.NUMBER: "number",
               spec.INTEGER: "integer"}


def json_schema() -> dict[str, Any]:
    """The JSON Schema of write_json's output, as shipped in docs/nir-arsfil.schema.json."""
    def field(f: Felt, nullable: bool = True) -> dict[str, Any]:
        out: dict[str, Any] = {"type": [_JSON_TYPES[f.type], "null"] if nullable else _JSON_TYPES[f.type],
                               "description": f.beskrivelse}
        if f.type == spec.DATE:
            out["format"] = "date"
            out["pattern"] = r"^\d{4}-\d{2}-\d{2}$"
        if f.navn in _PATTERNS:
            out["pattern"] = _PATTERNS[f.navn]
        if f.navn in _ENUMS:
            out["enum"] = _ENUMS[f.navn] + ([None] if nullable else [])
        if f.kodeliste:
            out["description"] += f" Kodeliste: {f.kodeliste}."
        return out

    def table(ark: spec.Ark) -> dict[str, Any]:
        columns = ark.columns()
        return {"type": "array", "description": ark.beskrivelse,
                "items": {"type": "object", "additionalProperties": False,
                          "required": [f.navn for f in columns],
                          "properties": {f.navn: field(f, f.navn not in ("deltaker_nr", "identitetsnummer"))
                                         for f in columns}}}

    about = spec.OM_FILEN
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://introdesk.no/nir-arsfil/{spec.FORMATVERSJON}/schema.json",
        "title": f"IntroDesk: årsfil for NIR, formatversjon {spec.FORMATVERSJON}",
        "description": "Kommunens komplette og kontrollerte år i NIRs begreper. Se docs/nir-arsfil.md.",
        "type": "object",
        "additionalProperties": False,
        "required": [about.navn, *(a.navn for a in spec.SHEETS)],
        "properties": {
            about.navn: {"type": "object", "description": about.beskrivelse, "additionalProperties": False,
                         "required": [f.navn for f in about.felt],
                         "properties": {f.navn: field(f, False) for f in about.felt}},
            **{a.navn: table(a) for a in spec.SHEETS},
        },
    }
