"""Frister: every due and overdue item across participants, most urgent first.

Urgency is shown by an icon and a word as well as a colour; the rule and its source are in the
tooltip. Double-click (or Enter) opens the participant where the item is about."""

from __future__ import annotations

import datetime

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from introdesk.domain.dates import format_date
from introdesk.domain.form import FieldErrors, required_date
from introdesk.domain.frister import FORFALT, HASTER, SNART, URGENCY_LABELS
from introdesk.domain.praksis import FORMS
from introdesk.services import frister, nir, plan, praksis, program
from introdesk.services.frister import FristRad
from introdesk.services.session import Session
from introdesk.ui.fields import ChoiceField, TextField, code_choices, push_button
from introdesk.ui.form_dialog import FormDialog

_ICONS = {FORFALT: QStyle.StandardPixmap.SP_MessageBoxCritical, HASTER: QStyle.StandardPixmap.SP_MessageBoxWarning,
          SNART: QStyle.StandardPixmap.SP_MessageBoxInformation}
_BACKGROUNDS = {FORFALT: QColor("#f8d7d3"), HASTER: QColor("#fcecc8")}
_DARK_TEXT = QColor("#1a1a1a")


class FristerModel(QAbstractTableModel):
    """The radar's rows, formatted as they are painted: tens of thousands stay cheap."""

    HEADERS = ("Haster", "Frist", "Når", "Deltaker", "Hva")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[FristRad] = []
        style = parent.style() if parent else None
        self._icons = {u: style.standardIcon(pixmap) for u, pixmap in _ICONS.items()} if style else {}

    def set_rows(self, rows: list[FristRad]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        r, col = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (URGENCY_LABELS[r.urgency], format_date(r.frist.due), r.when, r.navn, r.frist.text)[col]
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{r.frist.rule}\nKilde: {r.frist.source}"
        if role == Qt.ItemDataRole.BackgroundRole and r.urgency in _BACKGROUNDS:
            return _BACKGROUNDS[r.urgency]
        if role == Qt.ItemDataRole.ForegroundRole and r.urgency in _BACKGROUNDS:
            return _DARK_TEXT  # readable on the light warning colours in a dark theme too
        if role == Qt.ItemDataRole.DecorationRole and col == 0:
            return self._icons.get(r.urgency)
        return None


class FristerView(QWidget):
    open_requested = Signal(object)  # the Frist to open
    changed = Signal()  # marks changed: counts follow

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        self.heading = QLabel()
        self.model = FristerModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setAccessibleName("Frister")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        header.setResizeContentsPrecision(200)  # fit columns to a sample, not every row
        self.table.doubleClicked.connect(self.open_selected)
        QShortcut(QKeySequence(Qt.Key.Key_Return), self.table, self.open_selected,
                  context=Qt.ShortcutContext.WidgetShortcut)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)

        self.open_button = push_button("Å&pne deltaker", self.open_selected)
        self.done_button = push_button("&Ferdig …", self.mark_done,
                                       "Merk fristen som ferdig; for NIR-frister settes registreringsdatoen")
        self.snooze_button = push_button("&Utsett …", self.snooze, "Skjul fristen til en dato, med en begrunnelse")
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(self.done_button)
        buttons.addWidget(self.snooze_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    @property
    def rows(self) -> list[FristRad]:
        return self.model.rows

    def refresh(self, statuses=None) -> None:
        self.model.set_rows(frister.frister(self.session, statuses=statuses))
        overdue = self.overdue()
        self.heading.setText(
            f"{len(self.rows)} frister de neste ukene, {overdue} forfalt." if self.rows
            else "Ingen frister de neste ukene."
        )
        self.table.resizeColumnsToContents()
        self._update_buttons()

    def overdue(self) -> int:
        return frister.overdue_count(self.rows)

    def selected(self) -> FristRad | None:
        rows = self.table.selectionModel().selectedRows()
        return self.rows[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        r = self.selected()
        self.open_button.setEnabled(bool(r and r.frist.deltaker_id))
        self.done_button.setEnabled(r is not None)
        self.snooze_button.setEnabled(r is not None)

    def open_selected(self) -> None:
        r = self.selected()
        if r and r.frist.deltaker_id:
            self.open_requested.emit(r.frist)

    def mark_done(self) -> None:
        """Deal with the item: where the deadline has a record of its own (registered in NIR, the plan
        reviewed, the placement followed up), that record is what «done» writes; otherwise a remark."""
        r = self.selected()
        if r is None:
            return
        f = r.frist
        if f.kind == "nir" and f.hendelse_id:
            fields = [_date_field("Registrert i NIR", datetime.date.today())]

            def save(values):
                nir.mark_registered(self.session, [f.hendelse_id], _date(values["dato"]))
        elif f.kind == "plan_revisjon":
            fields = [_date_field("Planen gjennomgått", datetime.date.today())]

            def save(values):
                plan.add_review(self.session, plan.current(self.session, f.deltaker_id).id, values["dato"])
        elif f.kind == "oppfolging":
            fields = [_date_field("Målt", datetime.date.today()),
                      ChoiceField("grunn", "Status", code_choices(self.session.rules.codes("oppfolgingsstatus")))]

            def save(values):
                program.save_hendelse(self.session, f.deltaker_id, {"type": "oppfolging", **values})
        elif f.kind == "praksis_oppfolging":
            fields = [_date_field("Fulgt opp", datetime.date.today()),
                      ChoiceField("form", "Form", list(FORMS.items())),
                      TextField("av", "Utført av"), TextField("notat", "Notat")]

            def save(values):
                praksis.log_followup(self.session, f.praksis_id, values)
        else:
            fields = [TextField("grunn", "Merknad (valgfri)")]

            def save(values):
                frister.mark_done(self.session, f.key, values["grunn"])
        if FormDialog(f"Ferdig: {r.navn}", fields, _errors_at_date(save), intro=f.text, parent=self).exec():
            self._after_change()

    def snooze(self) -> None:
        r = self.selected()
        if r is None:
            return
        fields = [_date_field("Vis igjen fra", datetime.date.today() + datetime.timedelta(days=7)),
                  TextField("grunn", "Begrunnelse")]
        save = _errors_at_date(lambda values: frister.snooze(self.session, r.frist.key, values["dato"], values["grunn"]))
        if FormDialog(f"Utsett: {r.navn}", fields, save, intro=r.frist.text, parent=self).exec():
            self._after_change()

    def _after_change(self) -> None:
        self.refresh()
        self.changed.emit()



def _date(text: str) -> datetime.date:
    return required_date(text, "dato", "Skriv datoen.")


def _date_field(label: str, default: datetime.date) -> TextField:
    field = TextField("dato", label, "dd.mm.åååå")
    field.set_value(format_date(default))
    return field


_RENAMED = {"til_dato": "dato", "nir_dato": "dato"}


def _errors_at_date(save):
    """The services name their date field (til_dato, nir_dato); these dialogs have one, «dato»."""

    def wrapped(values):
        try:
            save(values)
        except FieldErrors as exc:
            raise FieldErrors({_RENAMED.get(k, k): v for k, v in exc.errors.items()}) from None

    return wrapped
