"""The Qt binding must not leak or drop references: PySide6 6.12.0 decremented None on every
QTableWidgetItem setter under Python 3.11, and a long session then crashed (pyproject pins it out)."""

import sys

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableWidget, QTableWidgetItem


def test_table_item_setters_keep_none_alive(qapp):
    table = QTableWidget(1, 1)
    item = QTableWidgetItem("x")
    before = sys.getrefcount(None)
    for i in range(2000):
        item.setData(Qt.ItemDataRole.UserRole + 1, i)
        item.setToolTip("regel")
        table.setItem(0, 0, QTableWidgetItem("x"))
    assert sys.getrefcount(None) - before > -100
