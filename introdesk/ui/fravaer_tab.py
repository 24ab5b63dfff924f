"""The participant's attendance: a week of the grid, the letters it takes, the leave quotas, and what the
month's benefit comes to with the absence recorded. DOMAIN.md sections 8 and 9."""

from __future__ import annotations

import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from introdesk.domain.dates import first_of_month, format_date, month_name
from introdesk.domain.fravaer import Kvote
from introdesk.domain.stonad import kroner
from introdesk.services import fravaer, stonad
from introdesk.services.session import Session
from introdesk.ui.fields import push_button
from introdesk.ui.fravaer_grid import HINT, AttendanceGrid, legend
from introdesk.ui.week_view import week_title

WEEK = datetime.timedelta(days=7)


class QuotaList(QWidget):
    """One line per quota, «Egenmelding: 1 av 4 ganger siste 12 måneder», with a warning icon and the
    rule broken under it when over; the source in the tooltip."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setColumnStretch(1, 1)
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        self._warning = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(size, size)
        self._size = size

    def set_quotas(self, kvoter: list[Kvote]) -> None:
        while self._grid.count():
            old = self._grid.takeAt(0).widget()
            old.hide()  # deleted later, and meanwhile it would still be painted under the new one
            old.deleteLater()
        row, said = 0, []
        for k in kvoter:
            icon = QLabel()
            icon.setFixedWidth(self._size)
            if k.over:
                icon.setPixmap(self._warning)
            text = QLabel(f"<b>{k.text}</b>" if k.over else k.text)
            text.setToolTip(f"Kilde: {k.source}")
            text.setAccessibleName(f"{k.text}: over kvoten" if k.over else k.text)
            self._grid.addWidget(icon, row, 0)
            self._grid.addWidget(text, row, 1)
            row += 1
            for warning in k.warnings:
                line = QLabel(warning)
                line.setWordWrap(True)
                self._grid.addWidget(line, row, 1)
                row += 1
            said += [k.text, *k.warnings]
        self.setAccessibleDescription("\n".join(said))  # the whole list at once for a screen reader
        self.updateGeometry()  # the lines' wrapped height changed: the box around must grow with them


class FravaerTab(QWidget):
    changed = Signal()  # a day was saved
    stonad_requested = Signal(object)  # the month to show in the Stønad view

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        self.deltaker_id: int | None = None
        self.monday = self._monday_of(datetime.date.today())

        self.title = QLabel()
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.previous_button = QPushButton("◀ Forrige uke")
        self.previous_button.setAccessibleName("Forrige uke")
        self.previous_button.clicked.connect(lambda: self.show_week(self.monday - WEEK))
        self.today_button = push_button("Denne &uken", lambda: self.show_week(datetime.date.today()))
        self.next_button = QPushButton("Neste uke ▶")
        self.next_button.setAccessibleName("Neste uke")
        self.next_button.clicked.connect(lambda: self.show_week(self.monday + WEEK))
        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        for button in (self.previous_button, self.today_button, self.next_button):
            header.addWidget(button)

        self.grid = AttendanceGrid(session, "Fravær i uken")
        self.grid.model.written.connect(self._written)
        hint = QLabel(HINT)
        hint.setWordWrap(True)

        self.benefit = QLabel()
        self.benefit.setWordWrap(True)
        self.benefit.setTextFormat(Qt.TextFormat.RichText)
        self.benefit.linkActivated.connect(lambda month: self.stonad_requested.emit(datetime.date.fromisoformat(month)))
        self.quotas = QuotaList()
        self.quota_box = QGroupBox("Kvoter")
        QVBoxLayout(self.quota_box).addWidget(self.quotas)

        layout = QVBoxLayout(self)  # quotas above the legend: side by side they are wider than the page
        layout.addLayout(header)
        layout.addWidget(self.grid)
        layout.addWidget(hint)
        layout.addWidget(self.benefit)
        layout.addWidget(self.quota_box)
        layout.addWidget(legend(session.rules))
        layout.addStretch(1)

    @staticmethod
    def _monday_of(day: datetime.date) -> datetime.date:
        return day - datetime.timedelta(days=day.weekday())

    def show_deltaker(self, deltaker_id: int | None) -> None:
        self.deltaker_id = deltaker_id
        self.refresh()

    def show_week(self, day: datetime.date) -> None:
        self.monday = self._monday_of(day)
        self.refresh()

    def refresh(self) -> None:
        self.title.setText(week_title(self.monday))
        sunday = self.monday + datetime.timedelta(days=6)
        dates = [self.monday + datetime.timedelta(days=i) for i in range(7)]
        rows = [(self.deltaker_id, "", fravaer.days(self.session, self.deltaker_id, self.monday, sunday))
                ] if self.deltaker_id else []
        self.grid.model.set_rows(dates, rows)
        self._fit_height()
        self._show_consequences()

    def _fit_height(self) -> None:
        """One row tall enough for a holiday's name on two lines, and no more: the grid is one week.
        Done after filling, since the header has its height only once it has its days."""
        table = self.grid.table
        line = table.fontMetrics().lineSpacing()
        table.verticalHeader().setDefaultSectionSize(int(line * 2.8))
        table.setWordWrap(True)
        table.setFixedHeight(table.horizontalHeader().sizeHint().height() + int(line * 2.8) + 2 * table.frameWidth())

    def _written(self) -> None:
        self._show_consequences()
        self.changed.emit()

    def _show_consequences(self) -> None:
        """The quotas as of the week's end and the benefit of the month or two the week falls in."""
        if self.deltaker_id is None:
            self.quotas.set_quotas([])
            self.benefit.setText("")
            return
        sunday = self.monday + datetime.timedelta(days=6)
        self.quota_box.setTitle(f"Kvoter per {format_date(sunday)}")
        self.quotas.set_quotas(fravaer.quotas(self.session, self.deltaker_id, sunday))
        months = sorted({first_of_month(self.monday), first_of_month(sunday)})
        self.benefit.setText("<br>".join(self._benefit_line(m) for m in months))

    def _benefit_line(self, month: datetime.date) -> str:
        basis = stonad.month_basis(self.session, month, self.deltaker_id)
        g = next((r.grunnlag for r in basis.rows if r.deltaker_id == self.deltaker_id), None)
        name = month_name(month)
        link = f' <a href="{month.isoformat()}">Vis i Stønad</a>'
        if g is None:
            return f"Ingen stønad for {name}."
        text = f"Stønad for {name}: <b>{kroner(g.net_ore)}</b>"
        if g.absence_ore:
            text += f" (trekk for ugyldig fravær {kroner(g.absence_ore)})"
        if g.requires_vedtak:
            text += " – <b>krever enkeltvedtak</b>"
        if basis.locked:
            text += " – godkjent og låst"
        return text + "." + link
