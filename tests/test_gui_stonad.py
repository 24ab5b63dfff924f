"""The Stønad view's documents, payroll export and attendance import, driven through the window."""

import datetime

from introdesk.services import fravaer, stonad
from introdesk.ui import documents, norsk, stonad_view
from introdesk.ui.import_dialog import ImportProblemsDialog


def _months_back(n: int) -> datetime.date:
    month = datetime.date.today().replace(day=1)
    for _ in range(n):
        month = (month - datetime.timedelta(days=1)).replace(day=1)
    return month


def _save_to(monkeypatch, path):
    opened = []
    monkeypatch.setattr(documents.QFileDialog, "getSaveFileName", lambda *a: (str(path), ""))
    monkeypatch.setattr(documents.QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()))
    return opened


def _decision_month(session) -> tuple[datetime.date, int]:
    for back in range(1, 4):
        month = _months_back(back)
        row = next((r for r in stonad.month_basis(session, month).rows if r.grunnlag.requires_vedtak), None)
        if row:
            return month, row.deltaker_id
    raise AssertionError("the demo has a month whose deduction needs a decision")


def test_the_letters_of_a_deduction_that_needs_a_decision(demo_window, monkeypatch, tmp_path):
    w = demo_window
    month, deltaker_id = _decision_month(w.session)
    w.show_stonad()
    view = w.stonad
    view.show_month(month)
    view.table.selectRow(next(i for i, r in enumerate(view.model.rows) if r.deltaker_id == deltaker_id))
    assert view.decision_action.isEnabled() and view.notice_action.isEnabled()
    assert not view.export_button.isEnabled()  # an open month is not paid yet
    opened = _save_to(monkeypatch, tmp_path / "vedtak.pdf")
    view.write_letter("vedtak")
    assert opened == [str(tmp_path / "vedtak.pdf")] and (tmp_path / "vedtak.pdf").read_bytes()[:4] == b"%PDF"
    view.table.selectRow(next(i for i, r in enumerate(view.model.rows) if not r.grunnlag.requires_vedtak))
    assert not view.decision_action.isEnabled() and view.documents_button.isEnabled()


def test_an_approved_month_is_exported_for_payroll(demo_window, monkeypatch, tmp_path):
    w = demo_window
    approved = next(m for m in (_months_back(n) for n in range(1, 5)) if stonad.month_basis(w.session, m).locked)
    w.show_stonad()
    w.stonad.show_month(approved)
    assert w.stonad.export_button.isEnabled()
    _save_to(monkeypatch, tmp_path / "lonn.csv")
    told = []
    monkeypatch.setattr(norsk, "info", lambda parent, title, text: told.append(text))
    w.stonad.export()
    assert (tmp_path / "lonn.csv").read_bytes().startswith(b"\xef\xbb\xbf") and "lagret" in told[0]


def test_an_attendance_list_with_a_bad_row_is_shown_and_nothing_is_written(demo_window, monkeypatch, tmp_path):
    w = demo_window
    olena = next(r.id for r in w.model.rows if r.fornavn == "Olena")
    ident = next(r.ident for r in w.model.rows if r.id == olena)
    last = _months_back(1)
    monday = next(d.dato for d in fravaer.days(w.session, olena, last, last + datetime.timedelta(days=27))
                  if not d.off and d.absence is None)  # a working day last month with nothing recorded
    bad = tmp_path / "liste.csv"
    bad.write_text(f"identitetsnummer;dato;fravaer\n{ident};{monday:%d.%m.%Y};U\n{ident};{monday:%d.%m.%Y};X\n",
                   encoding="utf-8")
    monkeypatch.setattr(stonad_view.QFileDialog, "getOpenFileName", lambda *a: (str(bad), ""))
    shown = []
    monkeypatch.setattr(ImportProblemsDialog, "exec", lambda self: shown.append(self.table.rowCount()))
    w.show_stonad()
    w.stonad.import_attendance()
    assert shown and shown[0] >= 1
    good = tmp_path / "liste.csv"
    good.write_text(f"identitetsnummer;dato;fravaer\n{ident};{monday:%d.%m.%Y};U 2,5\n", encoding="utf-8")
    monkeypatch.setattr(norsk, "confirm", lambda *a: True)
    monkeypatch.setattr(norsk, "info", lambda *a: None)
    assert fravaer.days(w.session, olena, monday, monday)[0].absence is None  # the bad file wrote nothing
    w.stonad.import_attendance()
    assert fravaer.days(w.session, olena, monday, monday)[0].cell == "U 2,5"
