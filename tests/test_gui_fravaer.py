"""Attendance and the month's benefit in the window, driven from the keyboard (pytest-qt, offscreen)."""

import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from conftest import person
from introdesk.domain.stonad import kroner
from introdesk.services import deltakere, fravaer, program, stonad
from introdesk.ui import norsk
from introdesk.ui.form_dialog import FormDialog
from introdesk.ui.month_grid import MonthGridDialog

D = datetime.date
MARCH = D(2026, 3, 1)
GROSS = 2169333  # March 2026 at full rate (G of May 2025), as in test_stonad_services


@pytest.fixture
def amal(window):
    """In the programme from 5 January 2026, shown on her Fravær tab in the week of Monday 2 March."""
    amal = deltakere.create_deltaker(window.session, person(bosatt_dato="01.12.2025", tillatelse_dato="01.10.2025"))
    program.save_hendelse(window.session, amal, {"type": "start", "dato": "05.01.2026"})
    window.reload(amal)
    window.page.tabs.setCurrentWidget(window.page.fravaer)
    window.page.fravaer.show_week(D(2026, 3, 4))
    return amal


def editor(table) -> QLineEdit | None:
    """The cell editor open in the grid (a closed one is hidden until it is deleted)."""
    return next((e for e in table.viewport().findChildren(QLineEdit) if e.isVisible()), None)


def type_in(qtbot, table, text: str, key=Qt.Key.Key_Tab) -> None:
    """Type into the current cell as an adviser does, and commit it with `key`. Tab and Enter leave the
    next cell open; otherwise the first key typed on the grid opens the cell."""
    if editor(table) is None:
        qtbot.keyClicks(table, text[0])
        text = text[1:]
    qtbot.keyClicks(editor(table), text)
    qtbot.keyClick(editor(table), key)


def cells(session, deltaker_id, first, days=7):
    return [d.cell for d in fravaer.days(session, deltaker_id, first, first + datetime.timedelta(days=days - 1))]


def net(view, deltaker_id) -> str:
    return view.model.index(view.model.row_of(deltaker_id), 5).data()


def test_a_week_typed_in_is_saved_cell_by_cell_and_the_month_net_drops(qtbot, window, amal):
    tab = window.page.fravaer
    window.show_stonad()
    window.stonad.show_month(MARCH)
    assert net(window.stonad, amal) == kroner(GROSS)
    window.show_deltakere()
    assert window.page.fravaer is tab and tab.title.text() == "Uke 10 (02.03.–08.03.2026)"
    model, table = tab.grid.model, tab.grid.table
    assert model.headerData(0, Qt.Orientation.Horizontal) == "man 02.03.\n7,5 t"
    assert model.headerData(5, Qt.Orientation.Horizontal) == "lør 07.03.\nfri"
    assert not model.flags(model.index(0, 5)) & Qt.ItemFlag.ItemIsEnabled  # a weekend is passed over

    table.setCurrentIndex(model.index(0, 0))
    type_in(qtbot, table, "U")  # the first key opens the cell; Tab saves it and opens the next
    type_in(qtbot, table, "u2,5")
    type_in(qtbot, table, "")  # Wednesday attended: passed with nothing written
    type_in(qtbot, table, "E", Qt.Key.Key_Return)  # Enter moves on too
    assert table.currentIndex().column() == 4
    qtbot.keyClick(editor(table), Qt.Key.Key_Left)  # from an empty cell the arrows move too
    assert table.currentIndex().column() == 3 and editor(table) is None
    assert cells(window.session, amal, D(2026, 3, 2)) == ["U", "U 2,5", "", "E", "", "", ""]
    assert model.index(0, 1).data() == "U 2,5"  # as the grid writes it, whatever was typed
    assert "Egenmelding: 1 av 4 ganger siste 12 måneder" in tab.quotas.accessibleDescription()
    absence = stonad.month_basis(window.session, MARCH).rows[0].grunnlag.absence_ore
    assert absence == 140714  # 7,5 + 2,5 hours
    assert kroner(GROSS - absence) in tab.benefit.text()

    window.show_stonad()  # marked stale by the writes, filled now
    assert net(window.stonad, amal) == kroner(GROSS - absence)
    assert window.stonad.explanation.model.rows[-1][0].text == "Ugyldig fravær: 10 timer × 1/1850 av årsbeløpet"

    window.show_deltakere()
    table.setCurrentIndex(model.index(0, 1))
    qtbot.keyClick(table, Qt.Key.Key_Delete)  # attended after all
    assert cells(window.session, amal, D(2026, 3, 2))[1] == ""


def test_a_wrong_letter_shows_its_message_and_writes_nothing(qtbot, window, amal):
    tab = window.page.fravaer
    model, table = tab.grid.model, tab.grid.table
    table.setCurrentIndex(model.index(0, 2))
    type_in(qtbot, table, "X")
    assert cells(window.session, amal, D(2026, 3, 2)) == [""] * 7
    assert table.currentIndex().column() == 2  # the cursor stays on the wrong entry
    assert model.index(0, 2).data() == "X" and model.index(0, 2).data(Qt.ItemDataRole.DecorationRole) is not None
    assert tab.grid.errors.isVisibleTo(tab)
    assert tab.grid.errors.text().startswith("Onsdag 04.03.2026: Ukjent fraværskode «X». Bruk E, L, B, V, P, F, R")
    type_in(qtbot, table, "B")
    assert cells(window.session, amal, D(2026, 3, 2))[2] == "B"
    assert not tab.grid.errors.isVisibleTo(tab) and model.index(0, 2).data(Qt.ItemDataRole.DecorationRole) is None

    for _ in range(4):  # Easter: the holidays named, and not to be filled
        tab.next_button.click()
    assert tab.title.text().startswith("Uke 14 (30.03.")
    assert model.index(0, 3).data() == "Skjærtorsdag"
    assert not model.flags(model.index(0, 3)) & Qt.ItemFlag.ItemIsEnabled


def test_a_reduction_then_approval_locks_the_month(qtbot, window, amal, monkeypatch):
    view = window.stonad
    window.show_stonad()
    view.show_month(MARCH)

    def fill(d):
        d.fields.fields["type"].set_value("dagpenger")
        d.fields.fields["belop"].set_value("2 500,50")

    monkeypatch.setattr(FormDialog, "exec", lambda d: (fill(d), d.accept(), d.result())[-1])
    view.add_reduction()
    assert net(view, amal) == kroner(GROSS - 250050)
    view.explanation.table.selectRow(view.explanation.model.rowCount() - 1)
    assert view.explanation.selected_reduction() and view.remove_button.isEnabled()

    questions, errors = [], []
    monkeypatch.setattr(norsk, "confirm", lambda parent, title, text: questions.append(text) or True)
    monkeypatch.setattr(norsk, "error", lambda parent, title, text: errors.append(text))
    view.approve()
    assert "låst" in questions[0] and view.basis.locked
    assert view.status.text().startswith("Godkjent ") and view.status_icon.isVisibleTo(view)
    assert not view.add_button.isEnabled() and not view.remove_button.isEnabled()
    assert not view.approve_button.isEnabled()
    assert net(view, amal) == kroner(GROSS - 250050)  # as paid

    view.picker.step(-1)  # February cannot come after an approved March
    view.approve()
    assert "tidligere måned" in errors[0] and not view.basis.locked


def test_the_month_grid_saves_from_the_keyboard_and_the_benefit_follows(qtbot, window, amal, monkeypatch):
    window.show_stonad()
    window.stonad.show_month(MARCH)
    seen = []

    def fill(dialog):
        dialog.show()
        grid = dialog.grid
        assert dialog.windowTitle() == "Fravær for mars 2026" and grid.model.rowCount() == 1
        assert grid.model.headerData(1, Qt.Orientation.Horizontal) == "2\nM"
        assert grid.table.currentIndex().column() == 1  # Sunday the 1st is passed over
        type_in(qtbot, grid.table, "U", Qt.Key.Key_Return)
        type_in(qtbot, grid.table, "Z")
        seen.append(grid.errors.text())
        return 0

    monkeypatch.setattr(MonthGridDialog, "exec", fill)
    window.stonad.grid_button.click()
    assert seen[0].startswith("Haddad, Amal, tirsdag 03.03.2026: Ukjent fraværskode «Z»")
    assert cells(window.session, amal, D(2026, 3, 2), 2) == ["U", ""]
    assert net(window.stonad, amal) == kroner(GROSS - 105535)  # 7,5 hours
    assert window.page.fravaer.grid.model.index(0, 0).data() == "U"  # the page's week follows


def test_models_pass_qt_model_tester(qtmodeltester, window, amal):
    fravaer.set_cells(window.session, [(amal, D(2026, 3, 3), "U 2,5")])
    window.page.fravaer.refresh()
    qtmodeltester.check(window.page.fravaer.grid.model, force_py=True)
    dialog = MonthGridDialog(window.session, MARCH, window)
    qtmodeltester.check(dialog.grid.model, force_py=True)
    dialog.close()
    window.show_stonad()
    window.stonad.show_month(MARCH)
    qtmodeltester.check(window.stonad.model, force_py=True)
    qtmodeltester.check(window.stonad.proxy, force_py=True)
    qtmodeltester.check(window.stonad.explanation.model, force_py=True)
