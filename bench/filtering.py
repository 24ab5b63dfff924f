"""Filter as you type: the time from a keystroke in the search field to the repainted list.

The baseline is Qt's own QSortFilterProxyModel with a fixed-string filter over a QStringListModel
of the same names, countries and numbers: all in C++, the least any filtered list can cost.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from PySide6.QtCore import QSortFilterProxyModel, QStringListModel, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QTableView, QVBoxLayout, QWidget

QUERIES = ("kovalenko", "ukraina", "ahmad ha", "1705")


def measure(data_dir: Path) -> list[tuple[str, float, float]]:
    from bench.population import PASSPHRASE
    from introdesk.services import deltakere
    from introdesk.services.session import open_store
    from introdesk.ui.app import create_application
    from introdesk.ui.main_window import MainWindow

    app = create_application()
    session = open_store(data_dir, PASSPHRASE, source="bench")
    try:
        window = MainWindow(session)
        window.show()
        app.processEvents()
        ours = _per_keystroke(app, window.filter)
        window.page.revert()
        window.close()
        baseline = _baseline([f"{r.navn} {r.land} {r.ident}" for r in deltakere.list_deltakere(session)], app)
    finally:
        session.close()
    return [("Filtrering per tastetrykk (ms)", ours * 1000, baseline * 1000)]


def _per_keystroke(app: QApplication, editor: QLineEdit) -> float:
    times = []
    for query in QUERIES:
        editor.clear()
        app.processEvents()
        for char in query:
            started = time.perf_counter()
            QTest.keyClick(editor, char)
            app.processEvents()  # the list repaints before the next key
            times.append(time.perf_counter() - started)
    return statistics.mean(times)


def _baseline(rows: list[str], app: QApplication) -> float:
    model = QStringListModel(rows)
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    editor = QLineEdit()
    editor.textChanged.connect(proxy.setFilterFixedString)
    table = QTableView()
    table.setModel(proxy)
    widget = QWidget()
    layout = QVBoxLayout(widget)
    layout.addWidget(editor)
    layout.addWidget(table)
    widget.resize(1400, 860)
    widget.show()
    app.processEvents()
    return _per_keystroke(app, editor)
