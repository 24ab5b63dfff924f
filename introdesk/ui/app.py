"""Start the window: unlock or create the store, then show the main window."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QDialog

from introdesk.applog import setup_logging
from introdesk.resources import resources_dir
from introdesk.services.rulebook import ResourceError, load_rulebook
from introdesk.services.session import (
    DEMO_PASSPHRASE,
    Session,
    default_data_dir,
    demo_data_dir,
    store_exists,
)
from introdesk.ui import error_dialog, norsk
from introdesk.ui.login import CreateStoreDialog, UnlockDialog
from introdesk.ui.main_window import MainWindow

log = logging.getLogger(__name__)


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName("IntroDesk")
    app.setOrganizationName("IntroDesk")
    app.setStyle("Fusion")  # the same look on Windows and Linux, and in screenshots
    icon = resources_dir() / "ikoner" / "introdesk.png"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def open_session(data_dir: Path, demo: bool) -> Session | None:
    """Ask for the passphrase (or create the store); None when the user cancels."""
    if demo and not store_exists(data_dir):
        from introdesk.services.demo import create_demo

        return create_demo(data_dir)
    dialog = UnlockDialog(data_dir, DEMO_PASSPHRASE if demo else None) if store_exists(data_dir) else CreateStoreDialog(data_dir)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.session


def run_gui(data_dir: Path | None = None, demo: bool = False) -> int:
    setup_logging()
    app = create_application()
    error_dialog.install()
    try:
        load_rulebook()  # a broken rule file is reported before anything else happens
    except ResourceError as exc:
        norsk.error(None, "IntroDesk kan ikke starte", f"En regelfil er ugyldig:\n{exc}")
        return 1
    folder = data_dir or (demo_data_dir() if demo else default_data_dir())
    session = open_session(folder, demo)
    if session is None:
        return 0
    log.info("Startet på %s", "demodata" if demo else "egne data")
    try:
        window = MainWindow(session)
        window.show()
        return app.exec()
    finally:
        session.close()
