"""The certificate of participation in the window: issuing it for an ended programme, the refusal and the draft
for a running one, the copies kept with the case, printing, and the run for everyone who ended in a period."""

import datetime
import hashlib

import pytest
import pypdf
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QMessageBox, QProgressDialog

from introdesk.domain.dates import format_date
from introdesk.services import deltakerbevis, settings
from introdesk.store import audit
from introdesk.ui import deltakerbevis_batch, documents, norsk
from introdesk.ui.deltakerbevis_batch import DeltakerbevisBunke
from introdesk.ui.form_dialog import FormDialog
from introdesk.ui.print_pdf import print_pdf

TODAY = datetime.date.today()


def _save_to(monkeypatch, path):
    opened = []
    monkeypatch.setattr(documents.QFileDialog, "getSaveFileName", lambda *a: (str(path), ""))
    monkeypatch.setattr(documents.QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()))
    return opened


def _print_to(monkeypatch, path):
    """Qt's print dialog «accepted» with the printer writing a PDF file instead of to paper."""

    def accept(dialog):
        dialog.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        dialog.printer().setOutputFileName(str(path))
        return QPrintDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", accept)


def _pages(source) -> int:
    return len(pypdf.PdfReader(source).pages)


def _open_tab(window, fornavn):
    ids = {row.fornavn: row.id for row in window.model.rows}
    window.select(ids[fornavn])
    window.page.tabs.setCurrentWidget(window.page.bevis)
    return window.page.bevis


def test_an_ended_programme_gets_a_certificate_kept_with_the_case(demo_window, monkeypatch, tmp_path, qtbot,
                                                                   qtmodeltester):
    tab = _open_tab(demo_window, "Aung")
    assert tab.issue_button.isEnabled() and tab.model.rowCount() == 0
    assert "kan utstedes" in tab.status.text.text() and not tab.status.icon.isVisibleTo(tab)
    preselected = []

    def choose_nynorsk(dialog):
        preselected.append(dialog.fields.fields["malform"].value())
        dialog.fields.fields["malform"].set_value("nynorsk")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(FormDialog, "exec", choose_nynorsk)
    target = tmp_path / "bevis.pdf"
    opened = _save_to(monkeypatch, target)
    with qtbot.waitSignal(tab.changed, timeout=1000):
        tab.issue()

    assert preselected == [settings.load(demo_window.session).malform] and opened == [str(target)]
    digest = hashlib.sha256(target.read_bytes()).hexdigest()
    assert [tab.model.index(0, c).data() for c in range(4)] == [format_date(TODAY), "Nynorsk",
                                                                demo_window.session.actor.user, digest[:12]]
    assert digest in tab.model.index(0, 3).data(Qt.ItemDataRole.ToolTipRole)  # the whole checksum
    certificate_id = tab.model.rows[0].id
    assert [e.action for e in audit.history(demo_window.session.db, "deltakerbevis", certificate_id)] == ["utstedt"]
    qtmodeltester.check(tab.model)

    asked = []
    monkeypatch.setattr(norsk, "confirm", lambda parent, title, text: asked.append(text) or False)
    tab.issue()  # a second one is asked about, with the date of the first
    assert format_date(TODAY) in asked[0] and tab.model.rowCount() == 1


def test_a_running_programme_is_refused_but_can_print_a_draft(demo_window, monkeypatch, tmp_path):
    tab = _open_tab(demo_window, "Mariam")
    mariam = tab.deltaker_id
    assert tab.status.text.text() == deltakerbevis.refusal(demo_window.session, mariam) != ""
    assert tab.status.icon.isVisibleTo(tab) and not tab.issue_button.isEnabled()
    target = tmp_path / "utkast.pdf"
    opened = _save_to(monkeypatch, target)

    def choose_nynorsk(dialog):  # a draft asks for the written standard too, to preview either
        dialog.fields.fields["malform"].set_value("nynorsk")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(FormDialog, "exec", choose_nynorsk)
    tab.print_draft()
    first_page = pypdf.PdfReader(target).pages[0].extract_text()
    assert opened == [str(target)] and "UTKAST" in first_page and "Deltakarbevis" in first_page
    assert deltakerbevis.issued(demo_window.session, mariam) == []  # a draft is not kept

    tab = _open_tab(demo_window, "Amal")  # not started: nothing to draft either
    assert not tab.issue_button.isEnabled() and not tab.draft_button.isEnabled()


def test_an_issued_copy_is_opened_and_printed_as_it_was(demo_window, monkeypatch, tmp_path):
    tab = _open_tab(demo_window, "Aung")
    certificate_id = deltakerbevis.issue(demo_window.session, tab.deltaker_id)
    tab.refresh()
    assert tab.selected().id == certificate_id and tab.print_button.isEnabled()
    stored = deltakerbevis.copy_bytes(demo_window.session, certificate_id)
    _save_to(monkeypatch, tmp_path / "kopi.pdf")
    tab.open_copy()
    assert (tmp_path / "kopi.pdf").read_bytes() == stored
    _print_to(monkeypatch, tmp_path / "utskrift.pdf")
    tab.print_copy()
    assert _pages(tmp_path / "utskrift.pdf") == _pages(tmp_path / "kopi.pdf")


def test_print_pdf_draws_every_page_on_the_printer(qtbot, monkeypatch, tmp_path):
    from reportlab.pdfgen import canvas

    source = tmp_path / "to_sider.pdf"
    pdf = canvas.Canvas(str(source))
    for text in ("Side 1", "Side 2"):
        pdf.drawString(100, 750, text)
        pdf.showPage()
    pdf.save()
    _print_to(monkeypatch, tmp_path / "ut.pdf")
    assert print_pdf(None, source.read_bytes(), "Prøve")
    assert (tmp_path / "ut.pdf").stat().st_size > 0 and _pages(tmp_path / "ut.pdf") == 2

    monkeypatch.setattr(QPrintDialog, "exec", lambda dialog: QPrintDialog.DialogCode.Rejected)
    assert not print_pdf(None, source.read_bytes(), "Prøve")


class _Recording(QProgressDialog):
    labels: list[str] = []
    cancel_at: str | None = None  # press Avbryt when this label shows

    def setLabelText(self, text):
        self.labels.append(text)
        super().setLabelText(text)
        if text == self.cancel_at:
            self.cancel()


@pytest.fixture
def recording(monkeypatch):
    monkeypatch.setattr(_Recording, "labels", [])
    monkeypatch.setattr(deltakerbevis_batch, "QProgressDialog", _Recording)
    return _Recording


def _batch(qtbot, window, folder) -> DeltakerbevisBunke:
    dialog = DeltakerbevisBunke(window.session, window)
    qtbot.addWidget(dialog)
    dialog.fra.set_value(format_date(TODAY - datetime.timedelta(days=2000)))
    dialog.til.set_value(format_date(TODAY))
    dialog.mappe.set_value(str(folder))
    dialog.preview()
    return dialog


def test_the_batch_issues_for_everyone_who_ended_and_combines_them(qtbot, demo_window, monkeypatch, tmp_path,
                                                                    recording, qtmodeltester):
    dialog = _batch(qtbot, demo_window, tmp_path)
    ended = deltakerbevis.ended_between(demo_window.session, TODAY - datetime.timedelta(days=2000), TODAY)
    assert len(ended) >= 2 and dialog.model.rowCount() == len(ended)
    assert dialog.count_label.text().startswith(f"{len(ended)} deltakere") and dialog.issue_button.isEnabled()
    qtmodeltester.check(dialog.model)
    told, opened = [], []
    monkeypatch.setattr(norsk, "ask",
                        lambda parent, title, text, **kw: told.append(text) or QMessageBox.StandardButton.Open)
    monkeypatch.setattr(deltakerbevis_batch.QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()))
    dialog.issue()

    total = len(ended)
    issuing = [f"Utsteder {i} av {total}: {p.navn}" for i, p in enumerate(ended, 1)]
    assert recording.labels == issuing + ["Lager samlefilen …"]
    files = sorted(tmp_path.glob("*.pdf"))
    combined = [f for f in files if "(alle)" in f.name]
    assert len(files) == total + 1 and len(combined) == 1 and opened == [str(combined[0])]
    assert _pages(combined[0]) == sum(_pages(f) for f in files if f != combined[0])
    assert f"{total} deltakerbevis" in told[0] and combined[0].name in told[0]
    assert dialog.model.index(0, 2).data() == format_date(TODAY)  # the preview now shows them issued


def test_the_batch_can_be_stopped_and_refuses_a_wrong_period(qtbot, demo_window, monkeypatch, tmp_path, recording):
    dialog = _batch(qtbot, demo_window, tmp_path)
    first = dialog.model.rows[0].person.navn
    monkeypatch.setattr(recording, "cancel_at",
                        f"Utsteder 2 av {dialog.model.rowCount()}: {dialog.model.rows[1].person.navn}")
    told = []
    monkeypatch.setattr(norsk, "info", lambda parent, title, text: told.append(text))
    dialog.issue()
    assert "Avbrutt. 1 deltakerbevis" in told[0] and [f.name for f in tmp_path.glob("*.pdf")] == [
        f"Deltakerbevis {first.replace(', ', ' ')} {dialog.model.rows[0].person.ended:%Y-%m-%d}.pdf"]

    dialog.mappe.set_value(str(tmp_path / "finnes ikke"))
    dialog.issue()  # said at the folder, before anything is issued
    assert "finnes ikke" in dialog.mappe.error() and len(list(tmp_path.glob("*.pdf"))) == 1

    dialog.til.set_value(format_date(TODAY - datetime.timedelta(days=3000)))
    dialog.preview()
    assert "før fra-datoen" in dialog.til.error() and not dialog.issue_button.isEnabled()
    assert dialog.model.rowCount() == 0


def test_the_file_menu_opens_the_batch_before_the_backup(window, monkeypatch):
    actions = [a.text() for a in window.menuBar().actions()[0].menu().actions() if a.text()]
    assert actions.index("&Deltakerbevis for avsluttede …") + 1 == actions.index("Ta &sikkerhetskopi")
    shown = []
    monkeypatch.setattr(DeltakerbevisBunke, "exec", lambda dialog: shown.append(dialog.count_label.text()) or 0)
    window.actions["issue_certificates"].trigger()
    assert shown == ["Ingen avsluttet programmet i perioden."]
