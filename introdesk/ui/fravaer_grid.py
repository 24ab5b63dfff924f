"""The attendance grid: days as columns, participants as rows, filled from the keyboard like a sheet.

The participant's week (one row) and the register's month (a row per participant) are the same grid.
Each cell is saved the moment it is committed. A wrong entry writes nothing: the cell keeps what was
typed, with a warning icon, and the message stands under the grid until the cell is corrected.
"""

from __future__ import annotations

import datetime

from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QGridLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from introdesk.domain.dates import format_date
from introdesk.domain.form import FieldErrors, format_hours
from introdesk.domain.plan import WEEKDAY_NAMES, WEEKDAYS
from introdesk.domain.rules import RuleBook
from introdesk.services import fravaer
from introdesk.services.fravaer import Dag
from introdesk.services.session import Session
from introdesk.ui.fields import Notice

Row = tuple[int, str, list[Dag]]  # participant id, name, the days shown
HINT = ("Tom celle: møtt som planlagt. Skriv en bokstav for fravær hele dagen («U»), eller bokstav og timer "
        "(«U 2,5»). Tab, Enter og piltastene går videre; Delete tømmer cellen.")


class AttendanceModel(QAbstractTableModel):
    """Days of one or more participants. `compact` is the month's narrow columns («4 / M»); otherwise a
    column says the date and the hours planned («man 04.05. / 7,5 t»), and a holiday its name."""

    written = Signal()  # a day was saved
    errors_changed = Signal()

    def __init__(self, session: Session, compact: bool = False, parent=None):
        super().__init__(parent)
        self.session, self.compact = session, compact
        self.dates: list[datetime.date] = []
        self.rows: list[Row] = []
        self._errors: dict[tuple[int, int], tuple[str, str]] = {}  # (row, column): (typed, message)
        palette = QApplication.palette()
        self._off_background = palette.color(QPalette.ColorRole.Window)
        self._warning = QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        self._kinds = session.rules.codes("fravaerstype")

    def set_rows(self, dates: list[datetime.date], rows: list[Row]) -> None:
        self.beginResetModel()
        self.dates = list(dates)
        self.rows = [(i, name, list(days)) for i, name, days in rows]
        had_errors, self._errors = bool(self._errors), {}
        self.endResetModel()
        if had_errors:
            self.errors_changed.emit()

    def day(self, index: QModelIndex) -> Dag:
        return self.rows[index.row()][2][index.column()]

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.dates)

    def flags(self, index: QModelIndex):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        d = self.day(index)
        if d.off and not d.cell and (index.row(), index.column()) not in self._errors:
            # Disabled, so Tab and the arrow keys pass over it. A day off with an absence stays
            # editable, so the absence can be cleared.
            return Qt.ItemFlag.ItemNeverHasChildren
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable
                | Qt.ItemFlag.ItemNeverHasChildren)

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        d = self.day(index)
        error = self._errors.get((index.row(), index.column()))
        if role == Qt.ItemDataRole.EditRole:
            return error[0] if error else d.cell
        if role == Qt.ItemDataRole.DisplayRole:
            if error:
                return error[0]
            if d.cell or not d.off:
                return d.cell.replace(" ", "") if self.compact else d.cell  # «U2,5» fits a narrow column
            return "–" if self.compact else d.holiday
        if role == Qt.ItemDataRole.DecorationRole and error:
            return self._warning
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            text = self.describe(index)
            return f"{text}\nIkke lagret: {error[1]}" if error else text
        if role == Qt.ItemDataRole.BackgroundRole and d.off:
            return self._off_background
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def describe(self, index: QModelIndex) -> str:
        """«tirsdag 05.05.2026, 7,5 timer planlagt: Ugyldig fravær, 2,5 timer», for tooltips and screen readers."""
        name, d = self.rows[index.row()][1], self.day(index)
        when = f"{WEEKDAY_NAMES[d.dato.weekday()]} {d.dato:%d.%m.%Y}"
        if d.off:
            when += f", fri ({d.holiday})" if d.holiday else ", fri"
        else:
            when += f", {format_hours(d.planned)} timer planlagt"
        if d.absence is None:
            what = "" if d.off else ": møtt som planlagt"
        else:
            hours = "hele dagen" if d.absence.timer is None else f"{format_hours(d.absence.timer)} timer"
            what = f": {self._kinds.label(d.absence.type)}, {hours}"
        return f"{name}, {when}{what}" if self.compact else f"{when}{what}"

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Vertical:
            return self.rows[section][1] if role == Qt.ItemDataRole.DisplayRole and section < len(self.rows) else None
        if not 0 <= section < len(self.dates):
            return None
        day = self.dates[section]
        if role == Qt.ItemDataRole.DisplayRole:
            if self.compact:
                return f"{day.day}\n{WEEKDAYS[day.weekday()][0].upper()}"
            return f"{WEEKDAYS[day.weekday()]} {day:%d.%m.}\n{self._hours(section)}"
        if role == Qt.ItemDataRole.ToolTipRole:
            holiday = next((r[2][section].holiday for r in self.rows if r[2][section].holiday), "")
            return f"{WEEKDAY_NAMES[day.weekday()]} {day:%d.%m.%Y}" + (f": {holiday}" if holiday else "")
        return None

    def _hours(self, section: int) -> str:
        """The first participant's planned hours: the week grid has only one."""
        if not self.rows:
            return ""
        d = self.rows[0][2][section]
        return "fri" if d.off else f"{format_hours(d.planned)} t"

    # ----- editing

    def setData(self, index: QModelIndex, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        deltaker_id, _, days = self.rows[index.row()]
        d, key = days[index.column()], (index.row(), index.column())
        text = str(value or "").strip()
        if text == d.cell and key not in self._errors:
            return False  # passed through with Tab: nothing to write
        try:
            fravaer.set_cells(self.session, [(deltaker_id, d.dato, text)])
        except FieldErrors as exc:
            self._errors[key] = (text, next(iter(exc.errors.values())))
            self._cell_changed(index, errors=True)
            return False
        days[index.column()] = fravaer.days(self.session, deltaker_id, d.dato, d.dato)[0]  # «u2,5» shows «U 2,5»
        self._cell_changed(index, errors=self._errors.pop(key, None) is not None)
        self.written.emit()
        return True

    def _cell_changed(self, index: QModelIndex, errors: bool) -> None:
        self.dataChanged.emit(index, index)
        if errors:
            self.errors_changed.emit()

    def has_error(self, index: QModelIndex) -> bool:
        return (index.row(), index.column()) in self._errors

    def messages(self) -> list[str]:
        """«Tirsdag 05.05.2026: Ukjent fraværskode «X» …» for each cell not saved, top left first."""
        out = []
        for (row, column), (_typed, message) in sorted(self._errors.items()):
            day = self.dates[column]
            where = f"{WEEKDAY_NAMES[day.weekday()]} {format_date(day)}"
            where = where if self.compact else where.capitalize()
            out.append(f"{self.rows[row][1]}, {where}: {message}" if self.compact else f"{where}: {message}")
        return out


class CellDelegate(QStyledItemDelegate):
    """The cell editor: Enter moves on like Tab; the arrow keys move out of the cell (left and right
    only from the ends of the text, so a typed «U 2,5» can still be corrected)."""

    move_requested = Signal(object)  # a QAbstractItemView.CursorAction

    _MOVES = {Qt.Key.Key_Up: QAbstractItemView.CursorAction.MoveUp,
              Qt.Key.Key_Down: QAbstractItemView.CursorAction.MoveDown,
              Qt.Key.Key_Left: QAbstractItemView.CursorAction.MoveLeft,
              Qt.Key.Key_Right: QAbstractItemView.CursorAction.MoveRight}

    def createEditor(self, parent, option, index):
        editor = QLineEdit(parent)
        editor.setMaxLength(12)
        editor.setAccessibleName(index.data(Qt.ItemDataRole.AccessibleTextRole) or "Fravær")
        return editor

    def eventFilter(self, editor, event) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(editor, QLineEdit):
            key = event.key()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.commitData.emit(editor)
                self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.EditNextItem)
                return True
            if key in self._MOVES and self._leaves_text(editor, key):
                self.commitData.emit(editor)
                self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)
                self.move_requested.emit(self._MOVES[key])
                return True
        return super().eventFilter(editor, event)

    @staticmethod
    def _leaves_text(editor: QLineEdit, key) -> bool:
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            return True
        if editor.hasSelectedText():
            return False
        at = editor.cursorPosition()
        return at == 0 if key == Qt.Key.Key_Left else at == len(editor.text())


class GridView(QTableView):
    """Typing in a cell starts editing it; a wrong entry keeps the cursor there instead of moving on."""

    def __init__(self, model: AttendanceModel, accessible_name: str):
        super().__init__()
        self.setModel(model)
        delegate = CellDelegate(self)
        delegate.move_requested.connect(self._move)
        self.setItemDelegate(delegate)
        self.setEditTriggers(QAbstractItemView.EditTrigger.AnyKeyPressed
                             | QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAccessibleName(accessible_name)

    def closeEditor(self, editor, hint) -> None:
        if self.model().has_error(self.currentIndex()):
            hint = QAbstractItemDelegate.EndEditHint.NoHint
        super().closeEditor(editor, hint)

    def _move(self, action: QAbstractItemView.CursorAction) -> None:
        if not self.model().has_error(self.currentIndex()):
            self.setCurrentIndex(self.moveCursor(action, Qt.KeyboardModifier.NoModifier))

    def event(self, event) -> bool:
        # Delete empties the cell here; without this the window's «Slett deltaker» shortcut would take it.
        if event.type() == QEvent.Type.ShortcutOverride and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event) -> None:
        index = self.currentIndex()
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and index.flags() & Qt.ItemFlag.ItemIsEditable:
            self.model().setData(index, "")
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.state() != self.State.EditingState:
            self._move(QAbstractItemView.CursorAction.MoveNext)
            return
        super().keyPressEvent(event)


class AttendanceGrid(QWidget):
    """The grid with the messages of the cells not saved under it. The week's days share the width;
    the month's are narrow fixed columns with the participants' names down the side."""

    MONTH_COLUMN = 38  # «U2,5» fits, and 31 days beside the names fit a 1366 px screen

    def __init__(self, session: Session, accessible_name: str, compact: bool = False, parent=None):
        super().__init__(parent)
        self.model = AttendanceModel(session, compact, self)
        self.table = GridView(self.model, accessible_name)
        self.model.errors_changed.connect(self._show_errors)
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        header.setSectionsClickable(False)
        if compact:
            header.setMinimumSectionSize(self.MONTH_COLUMN)
            header.setDefaultSectionSize(self.MONTH_COLUMN)
            header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
            self.table.setWordWrap(False)
        else:
            header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
            self.table.verticalHeader().hide()

        self.errors = Notice("feil_fravaer")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.errors)

    def start(self, row: int = 0) -> None:
        """Put the cursor on the row's first day with something to record."""
        model = self.model
        first = next((model.index(row, c) for c in range(model.columnCount())
                      if model.flags(model.index(row, c)) & Qt.ItemFlag.ItemIsEnabled), QModelIndex())
        if first.isValid():
            self.table.setCurrentIndex(first)

    def _show_errors(self) -> None:
        lines = self.model.messages()
        if lines:
            lines.append("Det som står i cellen med varselikon, er ikke lagret.")
        self.errors.set_text("\n".join(lines))
        self.table.setAccessibleDescription(self.errors.text())


def legend(rules: RuleBook) -> QGroupBox:
    """The letters of the code list and what they mean, in two columns; the unauthorised marked in words."""
    box = QGroupBox("Fraværskoder")
    grid = QGridLayout(box)
    grid.setHorizontalSpacing(8)
    kinds = rules.codes("fravaerstype").codes
    per_column = (len(kinds) + 1) // 2
    for i, code in enumerate(kinds):
        letter = QLabel(f"<b>{code.attributes['tast']}</b>")
        text = code.label if code.attributes.get("gyldig", True) else f"{code.label} (gir trekk i stønaden)"
        row, column = i % per_column, 2 * (i // per_column)
        grid.addWidget(letter, row, column)
        grid.addWidget(QLabel(text), row, column + 1)
    grid.setColumnStretch(1, 1)
    grid.setColumnStretch(3, 1)
    return box

