"""Write the import template (resources/import/) and the column tables in docs/import.md from the one
description of the format (introdesk/domain/importmal.py), so the three never disagree.

    .venv/bin/python docs/make_import_template.py
"""

from __future__ import annotations

import re
from pathlib import Path

from introdesk.domain import importmal as mal
from introdesk.services.importering import write_template
from introdesk.services.rulebook import load_rulebook

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "import.md"
START, END = "<!-- kolonner: laget av docs/make_import_template.py -->", "<!-- kolonner slutt -->"


def main() -> None:
    folder = ROOT / "resources" / "import"
    folder.mkdir(exist_ok=True)
    write_template(folder / "introdesk-importmal.xlsx")
    write_template(folder / "deltakere.csv")
    text = DOC.read_text(encoding="utf-8")
    tables = "\n".join(_sheet(sheet) for sheet in mal.SHEETS)
    DOC.write_text(re.sub(f"{re.escape(START)}.*{re.escape(END)}", lambda _: f"{START}\n{tables}{END}", text,
                          flags=re.DOTALL), encoding="utf-8")


def _sheet(sheet: mal.Ark) -> str:
    rules = load_rulebook()
    lines = [f"### Arket `{sheet.name}`: {sheet.title.lower() if sheet.event else sheet.title}", "",
             "| Kolonne | Påkrevd | Format | Kodeliste | Beskrivelse | Eksempel |", "|---|---|---|---|---|---|"]
    for c in sheet.columns:
        codes = f"`{c.codes}`" if c.codes else ""
        if c.codes and c.codes != "land" and len(rules.codes(c.codes).codes) <= 20:
            codes += ": " + ", ".join(f"`{code.code}` ({code.label})" for code in rules.codes(c.codes).codes)
        if c.choices:
            codes = ", ".join(f"`{code}` ({label})" for code, label in c.choices)
        fmt = {mal.DATE: "dd.mm.åååå eller åååå-mm-dd", mal.FLAG: "ja / nei", mal.NUMBER: "helt tall",
               mal.CODE: "kode eller tekst", mal.KIND: "kode eller navn", mal.CHOICE: "kode eller tekst",
               mal.HOURS: "timer (7,5)", mal.DAYS: "ukedager", mal.DATES: "datoer skilt med komma"}.get(c.kind, "tekst")
        example = f"`{c.example}`" if c.example else ""
        lines.append(f"| `{c.header}` | {'ja' if c.required else ''} | {fmt} | {codes} | {c.description} | "
                     f"{example} |")
    example_row = ";".join(c.example for c in sheet.columns)
    lines += ["", "Eksempelrad (semikolondelt):", "", "```", ";".join(c.header for c in sheet.columns),
              example_row, "```", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
