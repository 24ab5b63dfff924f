"""Render the README's screenshots from the demo municipality (offscreen, no display needed).

    QT_QPA_PLATFORM=offscreen .venv/bin/python docs/make_screenshots.py
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

from introdesk.services.demo import create_demo  # noqa: E402
from introdesk.ui.app import create_application  # noqa: E402
from introdesk.ui.main_window import MainWindow  # noqa: E402

HERE = Path(__file__).parent


def main() -> int:
    create_application()
    with tempfile.TemporaryDirectory() as folder:
        session = create_demo(Path(folder) / "demo")
        window = MainWindow(session)
        window.resize(1400, 860)
        window.show()
        ids = {row.fornavn: row.id for row in window.model.rows}
        window.select(ids["Amal"])
        _save(window, "hovedvindu.png")
        window.select(ids["Mohammad"])  # a stop, a complaint and plan reviews on the timeline
        window.page.tabs.setCurrentWidget(window.page.program)
        _save(window, "program.png")
        window.page.tabs.setCurrentWidget(window.page.plan)  # two versions, clean checks, the week drawn
        _save(window, "plan.png")
        window.show_frister()
        _save(window, "frister.png")
        window.show_praksis()
        _save(window, "praksis.png")
        window.close()
        session.close()
    return 0


def _save(window: MainWindow, name: str) -> None:
    for _ in range(5):
        QApplication.processEvents()
    window.grab().save(str(HERE / name))


if __name__ == "__main__":
    sys.exit(main())
