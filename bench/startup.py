"""One start-up, run as its own process: `python -m bench.startup (app DATA_DIR | bare)`.

Prints the wall-clock time (time.time()) at which the window is up and the event loop is idle,
so the caller can subtract the moment it launched the process: interpreter start, imports,
unlocking the store (the key derivation is deliberately slow), loading the list and the first paint.
"""

import sys
import time


def main(mode: str, data_dir: str | None = None) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

    app = QApplication([])
    if mode == "bare":
        window = QMainWindow()
        window.setCentralWidget(QTableView())
    else:
        from pathlib import Path

        from bench.population import PASSPHRASE
        from introdesk.services.session import open_store
        from introdesk.ui.app import create_application
        from introdesk.ui.main_window import MainWindow

        create_application()
        session = open_store(Path(data_dir), PASSPHRASE, source="bench")
        window = MainWindow(session)
    window.show()
    QTimer.singleShot(0, lambda: (print(time.time(), flush=True), app.quit()))
    app.exec()


if __name__ == "__main__":
    main(*sys.argv[1:])
