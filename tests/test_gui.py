"""The window as an adviser uses it, driven through real widgets (pytest-qt, offscreen)."""

import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from conftest import PASSPHRASE, person
from introdesk.services import deltakere
from introdesk.ui import norsk
from introdesk.ui.deltaker_list import DeltakerTableModel
from introdesk.ui.row_model import ID_ROLE
from introdesk.ui.login import CreateStoreDialog, UnlockDialog


def fill(qtbot, page, **values):
    for name, value in values.items():
        field = page.fields.fields[name]
        if hasattr(field.editor, "setCurrentIndex"):
            field.set_value(value)
        elif hasattr(field.editor, "setChecked"):
            field.editor.setChecked(value)
        elif value.isascii():
            field.editor.clear()
            qtbot.keyClicks(field.editor, value)
        else:  # QTest can only type ASCII keys; paste the rest as the user's edit
            field.editor.setText(value)
            field.editor.textEdited.emit(value)


def test_create_a_participant_through_the_form(qtbot, window):
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    fill(qtbot, window.page, fornavn="Şükrü", etternavn="Dvořák", ident="17059012436", kjonn="M",
         landbakgrunn="TR", oppholdsgrunnlag="flyktning", tillatelse_dato="01.02.2025", bosatt_dato="15.03.2025")
    assert "Fødselsnummer · født 17.05.1990" in window.page.ident_info.text()
    assert window.page.assessment.text().startswith("Rett og plikt")
    qtbot.mouseClick(window.page.save_button, Qt.MouseButton.LeftButton)
    assert window.model.rowCount() == 1
    assert window.proxy.index(0, 0).data() == "Dvořák, Şükrü"
    assert window.page.title.text() == "Şükrü Dvořák"
    assert window.page.fields.fields["fodselsdato"].value() == "17.05.1990"  # derived from the number
    assert window.page.tabs.isTabEnabled(2) and window.page.history.rowCount() == 1


def test_an_invalid_number_shows_its_message_at_the_field(qtbot, window):
    window.new_deltaker()
    fill(qtbot, window.page, fornavn="Amal", etternavn="Haddad", ident="17059012437", kjonn="K")
    window.page.save()
    field = window.page.fields.fields["ident"]
    assert "Andre kontrollsiffer stemmer ikke" in field.error()
    assert field.editor.hasFocus() or not window.isActiveWindow()
    assert window.model.rowCount() == 0  # nothing half-saved
    qtbot.keyClicks(field.editor, "x")
    assert field.error() == ""  # the message goes as soon as the field is edited


def test_filter_as_you_type_on_name_number_and_country(qtbot, demo_window):
    total = demo_window.model.rowCount()
    qtbot.keyClicks(demo_window.filter, "sukru")
    assert demo_window.proxy.rowCount() == 1
    assert demo_window.proxy.index(0, 0).data() == "Yıldırım, Şükrü"
    demo_window.filter.clear()
    qtbot.keyClicks(demo_window.filter, "tyrkia")
    assert demo_window.proxy.rowCount() == 2
    row = deltakere.list_deltakere(demo_window.session)[0]
    demo_window.filter.setText(f"{row.ident[:6]} {row.ident[6:]}")
    assert demo_window.proxy.rowCount() == 1
    demo_window.filter.clear()
    assert demo_window.proxy.rowCount() == total
    assert demo_window.count_label.text() == f"{total} deltakere"


def test_columns_sort_in_norwegian_order(demo_window):
    demo_window.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    names = [demo_window.proxy.index(r, 0).data() for r in range(demo_window.proxy.rowCount())]
    assert names[-1].startswith("Ålvik")
    demo_window.table.sortByColumn(3, Qt.SortOrder.AscendingOrder)
    ages = [int(demo_window.proxy.index(r, 3).data()) for r in range(demo_window.proxy.rowCount())]
    assert ages == sorted(ages)


def test_delete_and_undo(qtbot, demo_window, monkeypatch):
    monkeypatch.setattr(norsk, "confirm", lambda *a: True)
    total = demo_window.model.rowCount()
    demo_window.table.setFocus()
    demo_window.table.selectRow(0)
    demo_window.delete_deltaker()
    assert demo_window.model.rowCount() == total - 1
    assert demo_window.actions["undo_delete"].isEnabled()
    qtbot.keyClick(demo_window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert demo_window.model.rowCount() == total


def test_unsaved_changes_are_not_lost_when_switching(qtbot, demo_window, monkeypatch):
    demo_window.table.selectRow(0)
    first = demo_window.page.deltaker_id
    fill(qtbot, demo_window.page, morsmal="Pashto")
    monkeypatch.setattr(norsk, "ask", lambda *a, **k: QMessageBox.StandardButton.Save)
    demo_window.table.selectRow(1)
    assert deltakere.get_deltaker(demo_window.session, first).deltaker.morsmal == "Pashto"


def test_table_model_passes_qt_model_tester(qtmodeltester, session):
    deltakere_rows = []
    model = DeltakerTableModel()
    model.set_rows(deltakere_rows)
    qtmodeltester.check(model)


def test_demo_model_passes_qt_model_tester(qtmodeltester, demo_window):
    qtmodeltester.check(demo_window.model)
    qtmodeltester.check(demo_window.proxy)


def test_unlock_dialog_says_wrong_passphrase_and_retries(qtbot, session, data_dir):
    session.close()
    session.close = lambda: None
    dialog = UnlockDialog(data_dir)
    qtbot.addWidget(dialog)
    dialog.field.set_value("feil passordfrase")
    dialog.accept()
    assert dialog.session is None and "Feil passordfrase" in dialog.field.error()
    dialog.field.set_value(PASSPHRASE)
    dialog.accept()
    assert dialog.session is not None
    dialog.session.close()


def test_create_dialog_demands_a_strong_repeated_passphrase(qtbot, tmp_path):
    dialog = CreateStoreDialog(tmp_path / "ny")
    qtbot.addWidget(dialog)
    dialog.passphrase.first.set_value("kort")
    dialog.accept()
    assert "minst 10 tegn" in dialog.passphrase.first.error() and dialog.session is None
    dialog.passphrase.first.set_value("en lang og god passordfrase")
    dialog.passphrase.repeat.set_value("en lang og god passordfras")
    dialog.accept()
    assert "ikke like" in dialog.passphrase.repeat.error() and dialog.session is None
    dialog.passphrase.repeat.set_value("en lang og god passordfrase")
    dialog.accept()
    assert dialog.session is not None and (tmp_path / "ny" / "introdesk.db").exists()
    dialog.session.close()


def test_sorting_keeps_the_selected_participant(demo_window):
    demo_window.table.selectRow(3)
    chosen = demo_window.page.deltaker_id
    demo_window.table.sortByColumn(6, Qt.SortOrder.DescendingOrder)
    assert demo_window.table.currentIndex().data(ID_ROLE) == chosen == demo_window.page.deltaker_id


def test_a_huge_paste_into_the_note_is_refused_with_a_message(window):
    window.new_deltaker()
    note = window.page.fields.fields["notat"]
    note.editor.setPlainText("Møte med NAV.")
    QApplication.clipboard().setText("x" * 5_000_000)  # one line: would freeze the editor
    note.editor.paste()
    assert note.value() == "Møte med NAV."
    assert "for langt (5\u00a0000\u00a0000 tegn)" in note.error()


def _new_event(qtbot, window, **values):
    """Record an event through the event dialog, as the adviser does from the programme tab."""
    from introdesk.ui.hendelse_dialog import HendelseDialog

    dialog = HendelseDialog(window.session, window.page.deltaker_id, kind=values.pop("type"), parent=window)
    qtbot.addWidget(dialog)
    for name, value in values.items():
        dialog.fields.fields[name].set_value(value)
    dialog.accept()
    if dialog.result():
        window.page.program.refresh(dialog.saved_id)
        window.page.program.changed.emit()
    return dialog


def test_a_leave_recorded_in_the_form_moves_the_end_date_and_the_radar(qtbot, demo_window):
    w = demo_window
    mariam = next(r.id for r in w.model.rows if r.fornavn == "Mariam")
    w.select(mariam)
    before = w.page.program.forlop.planned_end
    nav_before = next(r for r in w.frister.rows if r.frist.kind == "nav" and r.frist.deltaker_id == mariam)
    today = datetime.date.today()
    bad = _new_event(qtbot, w, type="permisjon", dato=today.strftime("%d.%m.%Y"), til_dato="01.01.2000",
                     vedtaksdato=today.strftime("%d.%m.%Y"), grunn_permisjonsgrunn="velferd")
    assert "før startdatoen" in bad.fields.fields["til_dato"].error() and not bad.result()
    _new_event(qtbot, w, type="permisjon", dato=today.strftime("%d.%m.%Y"),
               til_dato=(today + datetime.timedelta(days=29)).strftime("%d.%m.%Y"),
               vedtaksdato=today.strftime("%d.%m.%Y"), grunn_permisjonsgrunn="velferd")
    assert w.page.program.forlop.planned_end - before == datetime.timedelta(days=30)
    assert w.proxy.index(w.table.currentIndex().row(), 5).data() == "Permisjon"
    nav_after = next(r for r in w.frister.rows if r.frist.kind == "nav" and r.frist.deltaker_id == mariam)
    assert nav_after.frist.due - nav_before.frist.due == datetime.timedelta(days=30)
    assert "Frister" in w.views.tabText(1)


def test_a_deadline_opens_the_participant_at_its_event(demo_window):
    w = demo_window
    w.show_frister()
    row = next(i for i, r in enumerate(w.frister.rows) if r.frist.kind == "nir" and r.frist.deltaker_id)
    item = w.frister.rows[row]
    w.frister.table.selectRow(row)
    w.frister.open_selected()
    assert w.views.currentWidget() is w.splitter and w.page.deltaker_id == item.frist.deltaker_id
    assert w.page.tabs.currentWidget() is w.page.program
    assert w.page.program.selected_id() == item.frist.hendelse_id
    assert item.frist.rule in w.frister.model.index(row, 4).data(Qt.ItemDataRole.ToolTipRole)


def test_the_overdue_count_shows_in_the_window(demo_window):
    overdue = demo_window.frister.overdue()
    assert overdue > 0
    assert demo_window.views.tabText(1) == f"Frister ({overdue} forfalt)"
    assert demo_window.overdue_label.text() == f"{overdue} forfalte frister"


def test_the_adviser_adds_a_g_in_the_rules_dialog(qtbot, window, monkeypatch):
    from introdesk.ui import regelverk_dialog
    from introdesk.ui.form_dialog import FormDialog

    shown = []

    def fill_and_save(self):
        shown.append(self)
        self.fields.fields["gyldig_fra"].set_value("01.05.2027")
        self.fields.fields["verdi"].set_value("141 000")
        self.accept()  # no source: stays open with the message at the field
        assert "kilden" in self.fields.fields["kilde"].error() and not self.result()
        self.fields.fields["kilde"].set_value("Trygdeoppgjøret 2027")
        self.accept()
        return self.result()

    monkeypatch.setattr(FormDialog, "exec", fill_and_save)
    dialog = regelverk_dialog.RegelverkDialog(window.session, window)
    qtbot.addWidget(dialog)
    dialog.add_g()
    assert shown and window.session.rules.value("grunnbelop", "kap6a", datetime.date(2027, 5, 1)) == 141000
    g_table = dialog.tabs.widget(1).findChild(regelverk_dialog.QTableWidget)
    assert g_table.item(0, 2).text() == "141\u00a0000" and g_table.item(1, 1).text() == "30.04.2027"


def test_radar_model_passes_qt_model_tester(qtmodeltester, demo_window):
    qtmodeltester.check(demo_window.frister.model)


def test_done_on_a_follow_up_or_a_review_writes_the_record_itself(qtbot, demo_window, monkeypatch):
    from introdesk.services import plan, praksis
    from introdesk.ui.form_dialog import FormDialog

    w = demo_window
    monkeypatch.setattr(FormDialog, "exec", lambda self: (self.accept(), self.result())[1])  # today's date

    def done(kind):
        row = next(i for i, r in enumerate(w.frister.rows) if r.frist.kind == kind)
        item = w.frister.rows[row].frist
        w.frister.table.selectRow(row)
        w.frister.mark_done()
        return item

    follow_up = done("praksis_oppfolging")
    assert praksis.followups(w.session, follow_up.praksis_id)[-1].dato == datetime.date.today()
    assert follow_up.key not in [r.frist.key for r in w.frister.rows]
    review = done("plan_revisjon")
    assert plan.current(w.session, review.deltaker_id).last_reviewed == datetime.date.today()
    assert not [r for r in w.frister.rows if r.frist.kind == "plan_revisjon"
                and r.frist.deltaker_id == review.deltaker_id]


def test_plan_and_placement_deadlines_open_their_own_tab(demo_window):
    w = demo_window
    for kind, tab in (("plan_revisjon", w.page.plan), ("praksis_oppfolging", w.page.praksis)):
        w.show_frister()
        row = next(i for i, r in enumerate(w.frister.rows) if r.frist.kind == kind)
        item = w.frister.rows[row].frist
        w.frister.table.selectRow(row)
        w.frister.open_selected()
        assert w.page.deltaker_id == item.deltaker_id and w.page.tabs.currentWidget() is tab
    assert w.page.praksis.selected().praksis.id == item.praksis_id


def test_a_message_about_the_whole_record_shows_in_the_dialog(qtbot, window):
    from introdesk.domain.form import FieldErrors
    from introdesk.ui.fields import TextField
    from introdesk.ui.form_dialog import FormDialog

    def refuse(values):
        raise FieldErrors({"versjon": "Versjon 1 er erstattet av versjon 2.", "dato": "Skriv datoen."})

    dialog = FormDialog("Test", [TextField("dato", "Dato")], refuse, parent=window)
    qtbot.addWidget(dialog)
    dialog.accept()
    assert not dialog.result() and dialog.message.text() == "Versjon 1 er erstattet av versjon 2."
    assert dialog.fields.fields["dato"].error() == "Skriv datoen."


def test_the_first_participant_in_a_new_store_fits_its_columns(qtbot, window):
    narrow = window.table.columnWidth(0)
    deltakere.create_deltaker(window.session, {**person(), "fornavn": "Şükrü", "etternavn": "Dvořák-Yıldırım"})
    window.reload()
    assert window.table.columnWidth(0) > narrow
    name = window.proxy.index(0, 0).data()
    assert window.table.columnWidth(0) >= window.table.fontMetrics().horizontalAdvance(name)
