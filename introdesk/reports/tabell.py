"""Tables for other programs: XLSX for people who open them in Excel, semicolon CSV for systems that
read them (payroll). The file's suffix chooses.

Norwegian conventions in both: dates dd.mm.åååå, decimal comma in CSV (Excel shows numbers in the
reader's own format), amounts in øre in, kroner out, never through float arithmetic.
"""

from __future__ import annotations

import csv
import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from introdesk.domain.dates import format_date
from introdesk.reports.pdf import write_atomically

TEXT, DATE, MONEY, FLAG, NUMBER = "text", "date", "money", "flag", "number"
SUFFIXES = (".xlsx", ".csv")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
KRONER_FORMAT = '"kr" #,##0.00'  # Excel puts the reader's own group and decimal marks: «kr 12 345,67»
DATE_FORMAT = "DD.MM.YYYY"


@dataclass(frozen=True)
class Kolonne:
    name: str
    kind: str = TEXT  # TEXT, DATE (datetime.date), MONEY (int øre), FLAG (bool) or NUMBER (int or Decimal)


@dataclass(frozen=True)
class Ark:
    """One sheet of a workbook: its name, columns and rows."""

    name: str
    columns: Sequence[Kolonne]
    rows: Sequence[Sequence[Any]]


def write_table(target: Path, columns: Sequence[Kolonne], rows: Sequence[Sequence[Any]], *, sheet: str = "Ark1",
                total_label: tuple[int, str] | None = None) -> Path:
    """Write `rows` under a header of the column names, atomically. `total_label` (column, text) adds a
    row that sums the money columns: in the XLSX only, since a system reading the CSV would take it for
    one more person."""
    target = Path(target)
    suffix = target.suffix.lower()
    if suffix not in SUFFIXES:
        raise ValueError(f"Ukjent filtype «{target.suffix}»: bruk .xlsx eller .csv.")
    if suffix == ".csv":
        return write_csv(target, columns, rows)
    return write_atomically(target, lambda part: _xlsx(part, [Ark(sheet, columns, rows)], total_label))


def write_csv(target: Path, columns: Sequence[Kolonne], rows: Sequence[Sequence[Any]]) -> Path:
    return write_atomically(Path(target), lambda part: _csv(part, columns, rows))


def write_workbook(target: Path, sheets: Sequence[Ark]) -> Path:
    """An XLSX with one sheet per `Ark`, in order, written atomically."""
    return write_atomically(Path(target), lambda part: _xlsx(part, sheets, None))


def _csv(path: Path, columns: Sequence[Kolonne], rows: Sequence[Sequence[Any]]) -> None:
    # UTF-8 with BOM so Excel reads æøå right; CRLF as Windows programs expect.
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f, delimiter=";", lineterminator="\r\n")
        writer.writerow([c.name for c in columns])
        writer.writerows([_csv_value(c, value) for c, value in zip(columns, row)] for row in rows)


def _csv_value(column: Kolonne, value: Any) -> str:
    if value is None:
        return ""
    if column.kind == MONEY:
        return f"{_kroner(value):.2f}".replace(".", ",")  # 21693,33: no thousands mark for a machine
    if column.kind == DATE:
        return format_date(value)
    if column.kind == FLAG:
        return "ja" if value else "nei"
    if column.kind == NUMBER:
        return str(value).replace(".", ",")
    text = str(value)
    # Excel runs a cell that starts like a formula (=HYPERLINK(…) typed as a name): the quote keeps it text.
    return "'" + text if text[:1] in _FORMULA_START else text


def _xlsx(path: Path, sheets: Sequence[Ark], total_label: tuple[int, str] | None) -> None:
    # XlsxWriter streams cells straight to the file: a year's NIR file of tens of thousands of rows in a
    # second or two. It loads when a workbook is written, not when IntroDesk starts.
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    formats = {MONEY: book.add_format({"num_format": KRONER_FORMAT}), DATE: book.add_format({"num_format": DATE_FORMAT})}
    bold = book.add_format({"bold": True})
    total = book.add_format({"bold": True, "top": 1, "num_format": KRONER_FORMAT})
    for sheet in sheets:
        ws = book.add_worksheet(_sheet_title(sheet.name))
        columns, rows = sheet.columns, sheet.rows
        for i, c in enumerate(columns):
            ws.set_column(i, i, _width(c, rows, i))
        ws.freeze_panes(1, 0)  # the header stays in view when scrolling
        ws.write_row(0, 0, [c.name for c in columns], bold)
        for r, row in enumerate(rows, 1):
            for i, (c, value) in enumerate(zip(columns, row)):
                _write_cell(ws, r, i, c, value, formats)
        if total_label is not None:
            label_column, label = total_label
            for i, c in enumerate(columns):
                value = label if i == label_column else sum(r[i] for r in rows) if c.kind == MONEY else None
                _write_cell(ws, len(rows) + 1, i, c, value, formats, total)
    book.close()


def _write_cell(ws, row: int, col: int, column: Kolonne, value: Any, formats: dict, force_format=None) -> None:
    """Numbers as numbers (so Excel can add them up), dates as dates, text as text: an identity number
    keeps its leading zero."""
    fmt = force_format or formats.get(column.kind)
    if value is None:
        if force_format:
            ws.write_blank(row, col, None, fmt)
    elif isinstance(value, bool):
        ws.write_string(row, col, "ja" if value else "nei", fmt)
    elif isinstance(value, str):
        ws.write_string(row, col, value, fmt)
    elif isinstance(value, datetime.date):
        ws.write_datetime(row, col, value, force_format or formats[DATE])
    elif column.kind == MONEY:
        ws.write_number(row, col, float(_kroner(value)), fmt)  # Excel keeps numbers as binary floats anyway
    else:
        ws.write_number(row, col, float(value), fmt)


def _kroner(ore: int) -> Decimal:
    return Decimal(ore).scaleb(-2)


def _width(column: Kolonne, rows: Sequence[Sequence[Any]], index: int) -> float:
    shown = {MONEY: 16, DATE: 12, FLAG: 6, NUMBER: 8}.get(column.kind)
    longest = shown or max((len(str(r[index])) for r in rows if r[index] is not None), default=0)
    return min(max(len(column.name), longest) + 2, 50)


def _sheet_title(text: str) -> str:
    """Excel refuses some characters in a sheet's name, and more than 31 of them."""
    return "".join(" " if c in "[]:*?/\\" else c for c in text)[:31] or "Ark1"
