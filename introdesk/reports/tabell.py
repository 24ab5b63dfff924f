"""Tables for other programs: XLSX for people who open them in Excel, semicolon CSV for systems that
read them (payroll). The file's suffix chooses.

Norwegian conventions in both: dates dd.mm.åååå, decimal comma in CSV (Excel shows numbers in the
reader's own format), amounts in øre in, kroner out, never through float arithmetic.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from introdesk.domain.dates import format_date
from introdesk.reports.pdf import write_atomically

TEXT, DATE, MONEY, FLAG = "text", "date", "money", "flag"
SUFFIXES = (".xlsx", ".csv")
KRONER_FORMAT = '"kr" #,##0.00'  # Excel puts the reader's own group and decimal marks: «kr 12 345,67»
DATE_FORMAT = "DD.MM.YYYY"


@dataclass(frozen=True)
class Kolonne:
    name: str
    kind: str = TEXT  # TEXT, DATE (datetime.date), MONEY (int øre) or FLAG (bool)


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
        return write_atomically(target, lambda part: _csv(part, columns, rows))
    return write_atomically(target, lambda part: _xlsx(part, columns, rows, sheet, total_label))


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
    return str(value)


def _xlsx(path: Path, columns: Sequence[Kolonne], rows: Sequence[Sequence[Any]], sheet: str,
          total_label: tuple[int, str] | None) -> None:
    # openpyxl loads when a workbook is written, not when IntroDesk starts.
    from openpyxl import Workbook
    from openpyxl.styles import Border, Font, Side
    from openpyxl.utils import get_column_letter

    book = Workbook()
    ws = book.active
    ws.title = _sheet_title(sheet)
    ws.append([c.name for c in columns])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in rows:
        ws.append([_xlsx_value(c, value) for c, value in zip(columns, row)])
    if total_label is not None:
        label_column, label = total_label
        ws.append([label if i == label_column else _kroner(sum(r[i] for r in rows)) if c.kind == MONEY else None
                   for i, c in enumerate(columns)])
        for cell in ws[ws.max_row]:
            cell.font = Font(bold=True)
            cell.border = Border(top=Side(style="thin"))
    for i, c in enumerate(columns, 1):
        letter = get_column_letter(i)
        for cell in ws[letter][1:]:
            if c.kind == MONEY:
                cell.number_format = KRONER_FORMAT
            elif c.kind == DATE:
                cell.number_format = DATE_FORMAT
        ws.column_dimensions[letter].width = _width(c, rows, i - 1)
    ws.freeze_panes = "A2"  # the header stays in view when scrolling
    book.save(path)


def _xlsx_value(column: Kolonne, value: Any) -> Any:
    if value is None:
        return None
    if column.kind == MONEY:
        return _kroner(value)  # a number, so Excel can add it up
    if column.kind == FLAG:
        return "ja" if value else "nei"
    return value  # text stays text: an identity number keeps its leading zero


def _kroner(ore: int) -> Decimal:
    return Decimal(ore).scaleb(-2)


def _width(column: Kolonne, rows: Sequence[Sequence[Any]], index: int) -> float:
    shown = {MONEY: 16, DATE: 12, FLAG: 6}.get(column.kind)
    longest = shown or max((len(str(r[index])) for r in rows if r[index] is not None), default=0)
    return min(max(len(column.name), longest) + 2, 50)


def _sheet_title(text: str) -> str:
    """Excel refuses some characters in a sheet's name, and more than 31 of them."""
    return "".join(" " if c in "[]:*?/\\" else c for c in text)[:31] or "Ark1"
