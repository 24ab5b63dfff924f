"""Render the README's screenshots from the demo municipality (offscreen, no display needed).

    QT_QPA_PLATFORM=offscreen .venv/bin/python docs/make_screenshots.py
"""

from __future__ import annotations

import datetime
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

from introdesk.services import fravaer, stonad  # noqa: E402
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
        window.select(ids["Ayşe"])  # a week with absence: a child's illness and unauthorised hours
        window.page.tabs.setCurrentWidget(window.page.fravaer)
        window.page.fravaer.show_week(_week_with_absence(window, ids["Ayşe"]))
        _save(window, "fravaer.png")
        window.show_frister()
        _save(window, "frister.png")
        window.show_praksis()
        _save(window, "praksis.png")
        _show_decision_month(window)  # the open month where a deduction needs an enkeltvedtak
        _save(window, "stonad.png")
        window.show_nir()  # the worklist, oldest first, the overdue ones marked
        _save(window, "nir.png")
        window.show_resultater()  # last year, as reported to the council: its follow-up is recorded
        window.resultater.show_year(window.resultater.year.itemData(1))
        window.resultater.show_breakdown("programlengde")  # groups too small for a share show counts only
        _save(window, "resultater.png")
        window.close()
        session.close()
    return 0


def _week_with_absence(window: MainWindow, deltaker_id: int):
    """The Monday of the latest week with an absence recorded for the participant."""
    today = datetime.date.today()
    days = fravaer.days(window.session, deltaker_id, today - datetime.timedelta(days=120), today)
    last = max(d.dato for d in days if d.absence)
    return last - datetime.timedelta(days=last.weekday())


def _show_decision_month(window: MainWindow) -> None:
    month = datetime.date.today().replace(day=1)
    for _ in range(4):
        month = (month - datetime.timedelta(days=1)).replace(day=1)
        rows = stonad.month_basis(window.session, month).rows
        if any(r.grunnlag.requires_vedtak for r in rows):
            break
    window.show_stonad()
    window.stonad.show_month(month)
    view = window.stonad
    view.table.selectRow(next(i for i, r in enumerate(view.model.rows) if r.grunnlag.requires_vedtak))


def _save(window: MainWindow, name: str) -> None:
    for _ in range(5):
        QApplication.processEvents()
    window.grab().save(str(HERE / name))


if __name__ == "__main__":
    sys.exit(main())
