"""The participant list: a table model, a filter-as-you-type proxy and the view that shows them.

Display text is formatted; sorting uses native values (dates, numbers, a Norwegian name key)
through SORT_ROLE, so Ø sorts after Z and 9 before 10 on every platform.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt

from introdesk.domain.dates import format_date
from introdesk.domain.names import fold_name, norwegian_sort_key
from introdesk.services.deltakere import DeltakerRad

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2

# (header, display text, sort value)
COLUMNS = (
    ("Navn", lambda r: r.navn, lambda r: norwegian_sort_key(r.navn)),
    ("ID", lambda r: r.ident_short, lambda r: r.ident_short),
    ("Nummer", lambda r: r.ident_masked, lambda r: r.ident_masked),
    ("Alder", lambda r: str(r.alder), lambda r: r.alder),
    ("Land", lambda r: r.land, lambda r: norwegian_sort_key(r.land)),
    ("Målgruppe", lambda r: r.malgruppe, lambda r: r.malgruppe),
    ("Bosatt", lambda r: format_date(r.bosatt_dato), lambda r: r.bosatt_dato.toordinal() if r.bosatt_dato else 0),
)


class DeltakerTableModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[DeltakerRad] = []
        self._haystacks: list[str] = []

    def set_rows(self, rows: list[DeltakerRad]) -> None:
        self.beginResetModel()
        self._rows = rows
        # What filter-as-you-type searches: names and country folded, the full number without spaces.
        self._haystacks = [f"{fold_name(r.fornavn + ' ' + r.etternavn)} {fold_name(r.land)} {r.ident}" for r in rows]
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[index.column()][1](row)
        if role == SORT_ROLE:
            return COLUMNS[index.column()][2](row)
        if role == ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.ToolTipRole and index.column() in (1, 2):
            return f"{row.ident_label}. Nummeret vises maskert; søk med hele nummeret for å finne deltakeren."
        return None

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section][0]
        return None

    def haystack(self, row: int) -> str:
        return self._haystacks[row]

    def sort_value(self, row: int, column: int):
        return COLUMNS[column][2](self._rows[row])

    def row_of(self, deltaker_id: int) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == deltaker_id), -1)


class DeltakerFilter(QSortFilterProxyModel):
    """Keeps the rows whose name, country or number contains every word typed."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._words: list[str] = []
        self.setSortRole(SORT_ROLE)

    def set_text(self, text: str) -> None:
        # Digits typed with spaces or a dash ("170590 12436") are one number.
        words = fold_name(text).split()
        merged: list[str] = []
        for word in words:
            if merged and word.replace("-", "").isdigit() and merged[-1].isdigit():
                merged[-1] += word.replace("-", "")
            else:
                merged.append(word)
        self.beginFilterChange()
        self._words = merged
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex) -> bool:
        if not self._words:
            return True
        haystack = self.sourceModel().haystack(source_row)
        return all(word in haystack for word in self._words)

    def lessThan(self, left: QModelIndex, right: QModelIndex) -> bool:
        model = self.sourceModel()
        return model.sort_value(left.row(), left.column()) < model.sort_value(right.row(), right.column())
