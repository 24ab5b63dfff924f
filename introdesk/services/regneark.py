"""Spreadsheets the adviser brings in (an attendance list, the municipality's register): CSV or XLSX read as
text cells, nothing converted, and the problems found in them by row and column.

A file that cannot be read (not a spreadsheet, locked by Excel, empty, gone) gives a FieldErrors with a
Norwegian message at «fil», never a traceback. pandas loads here, not at start-up.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from python_calamine import CalamineError, PasswordError

from introdesk.domain.form import FieldErrors

SUFFIXES = (".csv", ".txt", ".xlsx", ".xlsm")
# calamine (Rust) reads a workbook of 10 000 rows some ten times faster than openpyxl.
ENGINE = "calamine"
_LARGEST_FILE = 256 * 1024 * 1024


@dataclass(frozen=True)
class Problem:
    row: int  # as the spreadsheet numbers it: the header is row 1
    column: str  # as the file names it
    value: str
    message: str
    sheet: str = ""  # in a workbook of several sheets


class TooManyFields(Exception):
    """A CSV row has more fields than its header: a decimal comma without quotes, most likely."""

    def __init__(self, row: int):
        super().__init__(row)
        self.row = row


@dataclass(frozen=True)
class Tabell:
    """One sheet: its name and its rows as text, «» for an empty cell."""

    name: str
    headers: list[str]
    rows: list[list[str]]


def read_table(path: Path) -> tuple[Any, bool]:
    """The first sheet (or the CSV) as a DataFrame of text cells, nothing converted («01» stays «01», an
    empty cell is ""), and whether it was comma-separated."""
    import pandas as pd

    suffix = _check_suffix(path)
    with _reading(path):
        if suffix in (".xlsx", ".xlsm"):
            return pd.read_excel(path, dtype=str, keep_default_na=False, engine=ENGINE), False
        return _read_csv(path)


def read_workbook(path: Path) -> list[Tabell]:
    """Every sheet of a workbook (a CSV is one sheet named after the file), in the file's order."""
    import pandas as pd

    suffix = _check_suffix(path)
    with _reading(path):
        if suffix in (".xlsx", ".xlsm") and _has_error_cells(path):
            frames = _with_errors(path)
        elif suffix in (".xlsx", ".xlsm"):
            frames = {name: frame.values.tolist() for name, frame in pd.read_excel(
                path, sheet_name=None, dtype=str, keep_default_na=False, header=None, engine=ENGINE).items()}
        else:
            frames = {path.stem: _read_csv(path, header=None)[0].values.tolist()}
    sheets = []
    for name, rows in frames.items():
        headers = [str(h).strip() for h in rows[0]] if rows else []
        while headers and not headers[-1]:  # Excel's formatting may reach past the last real column
            headers.pop()
        sheets.append(Tabell(str(name), headers, [[str(v) for v in r[:len(headers)]] for r in rows[1:]]))
    if not any(s.headers for s in sheets):
        raise FieldErrors({"fil": f"{path.name} er tom: det står ingen overskrifter i første rad."})
    return sheets


def _has_error_cells(path: Path) -> bool:
    """Does a sheet hold an error cell (#N/A from a VLOOKUP, #REF!)? calamine reads those as empty."""
    with zipfile.ZipFile(path) as book:
        return any(b't="e"' in book.read(name) for name in book.namelist() if name.startswith("xl/worksheets/"))


def _with_errors(path: Path) -> dict[str, list[list[str]]]:
    """Every sheet through openpyxl, which keeps an error cell's text («#N/A»), so the check can point at it.
    Slower than calamine; taken only for a workbook that has error cells."""
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    try:
        return {ws.title: [["" if v is None else str(v) for v in row] for row in ws.iter_rows(values_only=True)]
                for ws in book.worksheets}
    finally:
        book.close()


def _check_suffix(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise FieldErrors({"fil": "Velg en CSV-fil (.csv) eller en Excel-fil (.xlsx)."})
    return suffix


def _read_csv(path: Path, header: int | None = 0) -> tuple[Any, bool]:
    import pandas as pd

    text = _decode(path.read_bytes()).replace("\r\n", "\n").replace("\r", "\n")  # Excel for Mac ends lines in CR
    if not text.strip():
        raise FieldErrors({"fil": f"{path.name} er tom."})
    first = text.split("\n", 1)[0]  # the header tells the separator
    separator = "\t" if "\t" in first else ";" if ";" in first else ","  # «Unicode-tekst» is tab-separated
    extra = _first_row_longer_than_header(text, separator)
    if extra:  # pandas would quietly take the first column as an index, or drop the extra field
        raise TooManyFields(extra)
    return pd.read_csv(io.StringIO(text), sep=separator, dtype=str, keep_default_na=False,
                       skip_blank_lines=False, index_col=False, header=header), separator == ","


class _reading:
    """Turns what reading a file can raise into a Norwegian message at «fil»."""

    def __init__(self, path: Path):
        self.path = path

    def __enter__(self):
        return self

    def __exit__(self, kind, exc, tb) -> bool:
        import pandas as pd

        if exc is None or isinstance(exc, (FieldErrors, TooManyFields)):
            return False
        path = self.path
        if isinstance(exc, FileNotFoundError):
            raise FieldErrors({"fil": f"Finner ikke filen {path}."}) from None
        if isinstance(exc, PermissionError):
            raise FieldErrors({"fil": f"Kan ikke lese {path.name}: filen er åpen i et annet program, eller du har "
                                      "ikke lov til å lese den."}) from None
        if isinstance(exc, (pd.errors.ParserError, csv.Error)):
            if isinstance(exc, csv.Error):
                raise FieldErrors({"fil": f"Kan ikke lese {path.name} som CSV. Åpne den i Excel og lagre den som "
                                          "«CSV UTF-8» eller «CSV (semikolondelt)»."}) from None
            line = re.search(r"line (\d+)", str(exc))
            raise TooManyFields(int(line.group(1)) if line else 0) from None
        if isinstance(exc, PasswordError):
            raise FieldErrors({"fil": f"{path.name} er beskyttet med passord. Lagre en kopi uten passord og importer "
                                      "den."}) from None
        if isinstance(exc, (ValueError, OSError, zipfile.BadZipFile, KeyError, CalamineError)):  # not a spreadsheet
            raise FieldErrors({"fil": f"Kan ikke lese {path.name} som regneark: filen er skadet, eller den er ikke et "
                                      "regneark av typen navnet sier (.xlsx eller .csv)."}) from None
        return False


def _first_row_longer_than_header(text: str, separator: str) -> int:
    """The spreadsheet row number of the first row with more fields than the header, or 0."""
    # A cell may hold a whole pasted document: the check of its column says how long it may be, with its
    # row and column, which the csv module's own 128 kB limit would not.
    csv.field_size_limit(max(csv.field_size_limit(), _LARGEST_FILE))
    rows = csv.reader(io.StringIO(text), delimiter=separator)
    width = len(next(rows, []))
    return next((number for number, row in enumerate(rows, start=2) if len(row) > width), 0)


def _decode(data: bytes) -> str:
    """UTF-8 with or without BOM; a list saved by Excel as «CSV (semikolondelt)» is Windows-1252 on a
    Norwegian Windows, and UTF-8 never mistakes æøå in it for its own."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # Excel's «Unicode-tekst»
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")
