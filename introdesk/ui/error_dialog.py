"""Unexpected errors: a Norwegian dialog with "Kopier detaljer", logged, and the program keeps going."""

from __future__ import annotations

import logging
import sys
import traceback

from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
)

from introdesk.applog import crash_report
from introdesk.ui import norsk

log = logging.getLogger("introdesk.crash")


class ErrorDialog(QDialog):
    def __init__(self, report: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Uventet feil")
        text = QLabel(
            "Det oppstod en uventet feil. Det du allerede har lagret er trygt, og IntroDesk fortsetter.\n\n"
            "Kommer feilen igjen, kopier detaljene og send dem til brukerstøtte. De inneholder ingen "
            "opplysninger om deltakerne."
        )
        text.setWordWrap(True)
        details = QPlainTextEdit(report)
        details.setReadOnly(True)
        details.setAccessibleName("Detaljer")
        box = norsk.buttons(QDialogButtonBox.StandardButton.Ok, parent=self)
        copy = box.addButton("&Kopier detaljer", QDialogButtonBox.ButtonRole.ActionRole)  # does not close
        copy.clicked.connect(lambda: QApplication.clipboard().setText(report))
        box.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(details)
        layout.addWidget(box)
        self.resize(560, 360)


def show_unexpected_error(exc_type, exc, tb) -> None:
    report = crash_report(exc_type, exc, tb)
    log.error("Uventet feil\n%s", report)
    if QApplication.instance() is None:
        traceback.print_exception(exc_type, exc, tb, file=sys.stderr)
        return
    ErrorDialog(report, QApplication.activeWindow()).exec()


def install() -> None:
    sys.excepthook = show_unexpected_error
