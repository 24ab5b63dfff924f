"""The import template as a workbook: one sheet per area, every cell text, so an identity number keeps its
leading zero and a date stays as written (docs/import.md)."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

from introdesk.reports.pdf import write_atomically


def write_workbook(target: Path, sheets: Sequence[tuple[str, Sequence[str], Sequence[Sequence[str]]]]) -> Path:
    """An XLSX with one sheet per (name, headers, rows), the headers bold and kept in view, written atomically."""
    return write_atomically(Path(target), lambda part: _xlsx(part, sheets))


def write_csv(target: Path, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> Path:
    """One sheet as semicolon CSV, UTF-8 with BOM so Excel reads æøå right, written atomically. Cells are
    written as they are: the file is for IntroDesk to read back."""

    def write(part: Path) -> None:
        with part.open("w", encoding="utf-8-sig", newline="") as f:
            out = csv.writer(f, delimiter=";", lineterminator="\r\n")
            out.writerow(headers)
            out.writerows(rows)

    return write_atomically(Path(target), write)


def _xlsx(path: Path, sheets) -> None:
    # openpyxl loads when a workbook is written, not when IntroDesk starts.
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    for index, (name, headers, rows) in enumerate(sheets):
        ws = book.active if index == 0 else book.create_sheet()
        ws.title = name
        ws.append(list(headers))
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in rows:
            ws.append(list(row))
            for cell in ws[ws.max_row]:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    cell.data_type = "s"  # a note that starts with = is text, never a formula
        for i, header in enumerate(headers, 1):
            letter = get_column_letter(i)
            for cell in ws[letter][1:]:
                cell.number_format = "@"  # text: what is typed later stays as typed
            longest = max((len(str(r[i - 1])) for r in rows), default=0)
            ws.column_dimensions[letter].width = min(max(len(header), longest) + 2, 50)
        ws.freeze_panes = "A2"
    book.save(path)
