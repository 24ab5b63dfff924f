"""The month's attendance for the whole register: a row per participant in the programme, a column per day,
filled from the keyboard like the participant's week (the same grid)."""

from __future__ import annotations

import datetime

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QVBoxLayout

from introdesk.domain.dates import last_of_month, month_name
from introdesk.services import fravaer
from introdesk.services.session import Session
from introdesk.ui import norsk
from introdesk.ui.fravaer_grid import HINT, AttendanceGrid, legend
from introdesk.ui.month_picker import MonthPicker


class MonthGridDialog(QDialog):
    """`written` says whether anything was saved, so the caller knows to recompute the benefit."""

    def __init__(self, session: Session, month: datetime.date, parent=None):
        super().__init__(parent)
        self.session = session
        self.written = False
        self.picker = MonthPicker()
        self.picker.set_month(month)
        self.picker.changed.connect(self.show_month)
        self.count = QLabel()
        self.grid = AttendanceGrid(session, "Fravær for måneden", compact=True)
        self.grid.model.written.connect(self._written)
        hint = QLabel(f"{HINT} Fravær i en godkjent måned føres som rettelse i neste åpne måned.")
        hint.setWordWrap(True)
        buttons = norsk.buttons(QDialogButtonBox.StandardButton.Close, parent=self)
        buttons.rejected.connect(self.reject)

        top = QHBoxLayout()
        top.addWidget(self.picker)
        top.addSpacing(12)
        top.addWidget(self.count, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.grid, 1)
        layout.addWidget(hint)
        legend_row = QHBoxLayout()
        legend_row.addWidget(legend(session.rules))
        legend_row.addStretch(1)
        layout.addLayout(legend_row)
        layout.addWidget(buttons)
        self.resize(1360, 680)
        self.show_month(self.picker.month)

    def show_month(self, month: datetime.date) -> None:
        self.setWindowTitle(f"Fravær for {month_name(month)}")
        grid = fravaer.month_grid(self.session, month)
        days = [grid.month + datetime.timedelta(days=i) for i in range(last_of_month(grid.month).day)]
        self.grid.model.set_rows(days, grid.rows)
        self.count.setText(f"{len(grid.rows)} deltakere i programmet i {month_name(month)}" if grid.rows
                           else f"Ingen deltakere i programmet i {month_name(month)}.")
        self.grid.start()

    def _written(self) -> None:
        self.written = True
