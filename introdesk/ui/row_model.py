"""A table model over a list of rows, declared as columns, and the filter-as-you-type proxy in front of it.

Each column says how a row is shown and what it sorts by: a native value (a date, a number, a
Norwegian name key) behind the formatted text, so 9 sorts before 10 and Ø after Z. As in the
participant list, the model sorts itself in Python and the proxy only filters.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QHeaderView, QStyle, QTableView

from introdesk.domain.names import fold_name, norwegian_sort_key

ID_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class Column:
    header: str
    text: Callable[[Any], str]
    sort: Callable[[Any], Any] | None = None  # a native value; None sorts the text in Norwegian order
    icon: Callable[[Any], QStyle.StandardPixmap | None] | None = None
    tooltip: Callable[[Any], str] | None = None
    number: bool = False  # right-aligned
    header_tip: str = ""  # what a short header means

    def sort_value(self, row) -> Any:
        return self.sort(row) if self.sort else norwegian_sort_key(self.text(row))


def stack(header: str, top: Column, bottom: Column, sort_by: Column | None = None) -> Column:
    """Two columns in one cell, one above the other: for a narrow page. Sorts by `sort_by` (default `top`)."""
    return Column(header, lambda r: f"{top.text(r)}\n{bottom.text(r)}", sort=(sort_by or top).sort_value,
                  icon=bottom.icon or top.icon, tooltip=top.tooltip or bottom.tooltip)


def date_key(day: datetime.date | None) -> int:
    """Dates as numbers, with no date first."""
    return day.toordinal() if day else 0


class RowModel(QAbstractTableModel):
    """`rows` in the order shown. `row_id` gives each row's id (ID_ROLE); `haystack` the text a filter searches."""

    def __init__(self, columns: list[Column], row_id: Callable[[Any], int] | None = None,
                 haystack: Callable[[Any], str] | None = None, parent=None):
        super().__init__(parent)
        self.columns = columns
        self._row_id = row_id
        self._haystack = haystack
        self.rows: list = []
        self._haystacks: list[str] = []
        self.matches: list[bool] = []  # per row: contains every word of the filter
        self._words: list[str] = []
        self._sorting: tuple[int, Qt.SortOrder] | None = None  # None: the order the rows came in
        self._icons: dict[QStyle.StandardPixmap, Any] = {}

    def set_rows(self, rows: list) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self._haystacks = [fold_name(self._haystack(r)) if self._haystack else "" for r in self.rows]
        self.set_words(self._words)
        self.endResetModel()
        if self._sorting:
            self.sort(*self._sorting)

    def row(self, index: QModelIndex):
        return self.rows[index.row()] if index.isValid() else None

    def row_of(self, row_id: int) -> int:
        return next((i for i, r in enumerate(self.rows) if self._row_id and self._row_id(r) == row_id), -1)

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].header
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.columns[section].header_tip or None
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = self.rows[index.row()], self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == ID_ROLE:
            return self._row_id(row) if self._row_id else None
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip:
            return column.tooltip(row) or None
        if role == Qt.ItemDataRole.DecorationRole and column.icon:
            return self._icon(column.icon(row))
        if role == Qt.ItemDataRole.TextAlignmentRole and column.number:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _icon(self, pixmap: QStyle.StandardPixmap | None):
        if pixmap is None:
            return None
        if pixmap not in self._icons:
            self._icons[pixmap] = QApplication.style().standardIcon(pixmap)
        return self._icons[pixmap]

    def set_words(self, words: list[str]) -> None:
        """Match every row at once here, so the proxy's per-row question is a list lookup."""
        self._words = words
        # One pass of plain comprehensions per word: at 10 000 rows this is what keeps typing smooth.
        self.matches = [True] * len(self._haystacks)
        for word in words:
            self.matches = [m and word in h for m, h in zip(self.matches, self._haystacks)]

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        self._sorting = (column, order)
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        old_rows = [index.row() for index in before]
        key = self.columns[column].sort_value
        # A stable sort: ties keep the order the service gave.
        permutation = sorted(range(len(self.rows)), key=lambda i: key(self.rows[i]),
                             reverse=order == Qt.SortOrder.DescendingOrder)
        self.rows = [self.rows[i] for i in permutation]
        self._haystacks = [self._haystacks[i] for i in permutation]
        self.matches = [self.matches[i] for i in permutation]
        new_position = {old: new for new, old in enumerate(permutation)}
        self.changePersistentIndexList(
            before, [self.index(new_position[r], i.column()) for r, i in zip(old_rows, before)]
        )
        self.layoutChanged.emit()


class RowFilter(QSortFilterProxyModel):
    """Keeps the rows whose search text contains every word typed (case and accents folded)."""

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        self.sourceModel().sort(column, order)  # the proxy keeps the source order

    def set_text(self, text: str) -> None:
        self.filter_words(fold_name(text).split())

    def filter_words(self, words: list[str]) -> None:
        self.beginFilterChange()
        self.sourceModel().set_words(words)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex) -> bool:
        return self.sourceModel().matches[source_row]


def row_table(model, accessible_name: str, stretch: int | None = None, sortable: bool = True) -> QTableView:
    """A read-only table of whole rows; `stretch` is the column that takes the room left over."""
    table = QTableView()
    table.setModel(model)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setWordWrap(False)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    table.setAccessibleName(accessible_name)
    header = table.horizontalHeader()
    header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # keep the order the service gave until a click
    table.setSortingEnabled(sortable)
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSortIndicatorShown(sortable)
    if stretch is not None:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table


def selected_row(table: QTableView):
    """The row object behind the table's selection (through a proxy if there is one), or None."""
    rows = table.selectionModel().selectedRows()
    if not rows:
        return None
    index, model = rows[0], table.model()
    if isinstance(model, QSortFilterProxyModel):
        index, model = model.mapToSource(index), model.sourceModel()
    return model.row(index)


def select_id(table: QTableView, row_id: int | None) -> bool:
    """Select the row with this id; False when it is not shown."""
    model = table.model()
    source = model.sourceModel() if isinstance(model, QSortFilterProxyModel) else model
    position = source.row_of(row_id) if row_id is not None else -1
    if position < 0:
        return False
    index = source.index(position, 0)
    if source is not model:
        index = model.mapFromSource(index)
        if not index.isValid():
            return False
    table.selectRow(index.row())
    table.scrollTo(index)
    return True
