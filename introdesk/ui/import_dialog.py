"""What was wrong in a file the adviser imported: row, column, value and a Norwegian message each.
Nothing was written; the adviser corrects the file and imports it again."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHeaderView, QLabel, QTableWidgetItem, QVBoxLayout

from introdesk.ui import norsk
from introdesk.ui.tables import read_only_table


class ImportProblemsDialog(QDialog):
    def __init__(self, file_name: str, report, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Importen ble stoppet")
        count = len(report.problems)
        intro = QLabel(f"{file_name}: {count} feil i {report.rows_read} rader. "
                       "Ingenting er ført inn. Rett filen og importer den på nytt.")
        intro.setWordWrap(True)
        self.table = read_only_table(["Rad", "Kolonne", "Verdi", "Hva er galt"], "Feil i filen", count)
        for row, problem in enumerate(report.problems):
            for col, text in enumerate((str(problem.row), problem.column, problem.value, problem.message)):
                self.table.setItem(row, col, QTableWidgetItem(text))
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.resizeColumnsToContents()
        buttons = norsk.buttons(QDialogButtonBox.StandardButton.Close, parent=self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(760, 420)
