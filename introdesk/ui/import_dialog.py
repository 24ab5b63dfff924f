"""What was wrong in a file the adviser imported: row, column, value and a Norwegian message each.
Nothing was written; the adviser corrects the file and imports it again."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from introdesk.ui import norsk
from introdesk.ui.tables import read_only_table


def problem_table(problems) -> QTableWidget:
    """The problems by row, column, value and message; the sheet first when a workbook has several."""
    table = read_only_table([], "Feil i filen")
    fill_problems(table, problems)
    return table


def fill_problems(table: QTableWidget, problems) -> None:
    sheets = any(getattr(p, "sheet", "") for p in problems)
    headers = (["Ark"] if sheets else []) + ["Rad", "Kolonne", "Verdi", "Hva er galt"]
    table.clearContents()
    table.setColumnCount(len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setRowCount(len(problems))
    for row, problem in enumerate(problems):
        cells = ([problem.sheet] if sheets else []) + [str(problem.row) if problem.row else "", problem.column,
                                                      problem.value, problem.message]
        for col, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            table.setItem(row, col, item)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.resizeColumnsToContents()
    header.setSectionResizeMode(len(headers) - 1, QHeaderView.ResizeMode.Stretch)


class ImportProblemsDialog(QDialog):
    def __init__(self, file_name: str, report, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Importen ble stoppet")
        count = len(report.problems)
        intro = QLabel(f"{file_name}: {count} feil i {report.rows_read} rader. "
                       "Ingenting er ført inn. Rett filen og importer den på nytt.")
        intro.setWordWrap(True)
        self.table = problem_table(report.problems)
        buttons = norsk.buttons(QDialogButtonBox.StandardButton.Close, parent=self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(760, 420)
