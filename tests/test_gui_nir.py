"""The NIR view in the window: the worklist marked from the keyboard and by selection, the date asked for,
the year's completeness check opening the place to fix each problem, and the year's file set."""

import datetime
import shutil

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt

from conftest import person
from introdesk.domain.dates import format_date
from introdesk.domain.nir import earliest_registration
from introdesk.services import deltakere, nir, program
from introdesk.services.session import DEMO_PASSPHRASE, open_store
from introdesk.ui import nir_view, norsk

TODAY = datetime.date.today()


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory):
    """The demo municipality made once for this file; each test opens a copy of it (seconds saved per test)."""
    from introdesk.services.demo import create_demo

    folder = tmp_path_factory.mktemp("nir") / "demo"
    create_demo(folder).close()
    return folder


@pytest.fixture
def demo_session(demo_template, tmp_path):
    """Overrides conftest's: a fresh copy of the module's demo, so tests still do not share a store."""
    folder = tmp_path / "demo-kopi"
    shutil.copytree(demo_template, folder, ignore=shutil.ignore_patterns("*.lock"))
    s = open_store(folder, DEMO_PASSPHRASE, source="test")
    yield s
    s.close()


def shown_ids(view) -> list[int]:
    """The events on the worklist, in the order shown."""
    return [view.model.row(view.proxy.mapToSource(view.proxy.index(i, 0))).registrering.hendelse.id
            for i in range(view.proxy.rowCount())]


def select_rows(table, *rows: int) -> None:
    table.clearSelection()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for row in rows:
        table.selectionModel().select(table.model().index(row, 0), flags)


def nir_changes(session, deltaker_id: int, hendelse_id: int) -> list:
    return [e.changes["nir_dato"] for e in deltakere.history(session, deltaker_id)
            if e.table == "hendelse" and e.row_id == hendelse_id and e.action == "endret" and "nir_dato" in e.changes]


@pytest.fixture
def worklist(demo_window):
    demo_window.show_nir()
    view = demo_window.nir.worklist
    assert view.isVisible() and view.proxy.rowCount() >= 4, "the demo has events waiting for NIR"
    return view


def test_ctrl_r_marks_the_selected_event_registered_today_and_the_next_is_selected(qtbot, demo_window, worklist):
    w = demo_window
    first, second = worklist.rows[0], worklist.rows[1]
    w.select(first.deltaker_id)  # the participant is on the page behind: it follows
    w.show_nir()
    history_rows = w.page.history.rowCount()
    worklist.table.selectRow(0)
    worklist.table.setFocus()
    qtbot.keyClick(worklist.table, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)

    hendelse_id = first.registrering.hendelse.id
    assert hendelse_id not in shown_ids(worklist)
    assert program.get_hendelse(w.session, hendelse_id).nir_dato == TODAY
    assert nir_changes(w.session, first.deltaker_id, hendelse_id) == [[None, TODAY.isoformat()]]
    assert [r.registrering.hendelse.id for r in worklist.selected()] == [second.registrering.hendelse.id]
    assert worklist.heading.text().startswith(f"{len(worklist.rows)} hendelser venter på registrering")
    assert w.page.history.rowCount() == history_rows + 1
    assert w.page.program.forlop.events and next(
        e for e in w.page.program.forlop.events if e.id == hendelse_id).nir_dato == TODAY


def test_a_marking_can_be_taken_back(qtbot, demo_window, worklist):
    w = demo_window
    before = [r.registrering.hendelse.id for r in worklist.rows]
    assert not worklist.undo_button.isEnabled()
    select_rows(worklist.table, 0, 1)
    worklist.table.setFocus()
    qtbot.keyClick(worklist.table, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert len(worklist.rows) == len(before) - 2 and worklist.undo_button.isEnabled()
    qtbot.keyClick(worklist.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [r.registrering.hendelse.id for r in worklist.rows] == before
    assert program.get_hendelse(w.session, before[0]).nir_dato is None
    assert not worklist.undo_button.isEnabled()


def test_a_selection_is_marked_in_one_go_and_the_counts_follow(qtbot, demo_window, worklist):
    w = demo_window
    before = len(worklist.rows)
    overdue = worklist.overdue()
    assert overdue and w.views.tabText(w.views.indexOf(w.nir)) == f"NIR ({overdue} forfalt)"
    chosen = [worklist.rows[0], worklist.rows[2]]  # both overdue in the demo: oldest first
    select_rows(worklist.table, 0, 2)
    worklist.table.setFocus()
    qtbot.keyClick(worklist.table, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)

    assert len(worklist.rows) == before - 2
    for r in chosen:
        assert program.get_hendelse(w.session, r.registrering.hendelse.id).nir_dato == TODAY
        assert nir_changes(w.session, r.deltaker_id, r.registrering.hendelse.id)
    assert worklist.overdue() == overdue - 2
    assert f"({overdue - 2 or 'ingen'} forfalt)" in worklist.heading.text()
    tab = w.views.tabText(w.views.indexOf(w.nir))
    assert tab == (f"NIR ({overdue - 2} forfalt)" if overdue > 2 else "NIR")
    assert not any(r.frist.kind == "nir" and r.frist.hendelse_id == chosen[0].registrering.hendelse.id
                   for r in w.frister.rows)  # the radar follows


def test_a_wrong_date_is_refused_at_the_field_and_nothing_is_marked(demo_window, worklist, monkeypatch):
    w = demo_window
    select_rows(worklist.table, 0, 1)
    chosen = worklist.selected()
    latest = max(earliest_registration(r.registrering.hendelse) for r in chosen)  # decided or happened
    messages = []

    def answer(dialog):
        field = dialog.fields.fields["nir_dato"]
        assert field.value() == format_date(TODAY)
        for typed in ("31.02.2026", format_date(latest - datetime.timedelta(days=1)),
                      format_date(TODAY + datetime.timedelta(days=1))):
            field.set_value(typed)
            dialog.accept()
            messages.append(field.error())
            assert [program.get_hendelse(w.session, r.registrering.hendelse.id).nir_dato for r in chosen] == \
                [None, None]  # all or none
        field.set_value(format_date(latest))
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(nir_view.FormDialog, "exec", answer)
    worklist.date_button.click()
    assert messages[0] == "31.02.2026 er ikke en gyldig dato."
    assert "kan ikke være registrert i NIR før" in messages[1]
    assert "fram i tid" in messages[2]
    assert [program.get_hendelse(w.session, r.registrering.hendelse.id).nir_dato for r in chosen] == [latest, latest]
    assert not set(shown_ids(worklist)) & {r.registrering.hendelse.id for r in chosen}


# ----- the year's completeness

@pytest.fixture
def crafted(window):
    """Started five months ago, with nothing else: no plan, no goal, education not recorded, and the start
    not keyed into NIR."""
    s = window.session
    start = TODAY - datetime.timedelta(days=150)
    amal = deltakere.create_deltaker(s, person(bosatt_dato=format_date(start - datetime.timedelta(days=40)),
                                               tillatelse_dato=format_date(start - datetime.timedelta(days=90))))
    start_id = program.save_hendelse(s, amal, {"type": "start", "dato": format_date(start)})
    window.reload(amal)
    window.show_nir()
    view = window.nir.completeness
    window.nir.tabs.setCurrentWidget(view)
    view.year.setValue(start.year)
    return amal, start_id


def row_of(view, kode: str) -> int:
    return next(i for i in range(view.proxy.rowCount())
                if view.model.row(view.proxy.mapToSource(view.proxy.index(i, 0))).mangel.kode == kode)


def double_click(qtbot, table, row: int) -> None:
    rect = table.visualRect(table.model().index(row, 2))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # a view opens what was pressed
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_the_completeness_table_shows_each_problem_and_opens_where_it_is_fixed(qtbot, window, crafted):
    amal, start_id = crafted
    view = window.nir.completeness
    row = row_of(view, "ikke_registrert_nir")
    index = view.proxy.index(row, 0)
    assert index.data() == "Haddad, Amal" and view.proxy.index(row, 1).data() == "Feil"
    assert "Programstart" in view.proxy.index(row, 3).data()
    assert "Regel: IMDi" in view.proxy.index(row, 3).data(Qt.ItemDataRole.ToolTipRole)
    view.table.selectRow(row)
    assert view.rule.text().startswith("IMDi") and "Ctrl+6" in view.fix.text()
    errors = sum(r.mangel.alvor == "feil" for r in view.rows)
    assert view.summary.text() == f"{view.year.value()}: 1 deltaker med mangler, {errors} feil, 0 advarsler."

    double_click(qtbot, view.table, row)
    assert window.views.currentWidget() is window.splitter and window.page.deltaker_id == amal
    assert window.page.tabs.currentWidget() is window.page.program
    assert window.page.program.selected_id() == start_id

    window.show_nir()  # back where it was, on «Kompletthet»
    double_click(qtbot, view.table, row_of(view, "mangler_kontraktsdato"))
    assert window.page.tabs.currentWidget() is window.page.plan
    window.show_nir()
    view.table.selectRow(row_of(view, "mangler_utdanning"))
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert window.views.currentWidget() is window.splitter and window.page.tabs.currentIndex() == 0


def test_the_default_year_is_last_year_until_march():
    assert nir_view.default_year(datetime.date(2027, 2, 28)) == 2026
    assert nir_view.default_year(datetime.date(2027, 3, 1)) == 2027


# ----- the year's file

def test_the_year_is_exported_from_the_menu_after_a_question_and_marked_incomplete(demo_window, monkeypatch,
                                                                                     tmp_path):
    w = demo_window
    folder = tmp_path / "nir"
    folder.mkdir()
    monkeypatch.setattr(nir_view.QFileDialog, "getExistingDirectory", lambda *a: str(folder))
    asked, told = [], []
    monkeypatch.setattr(norsk, "confirm", lambda parent, title, text: asked.append(text) or len(asked) > 1)
    monkeypatch.setattr(norsk, "info", lambda parent, title, text: told.append(text))
    year = w.nir.completeness.year.value()
    errors = sum(r.mangel.alvor == "feil" for r in nir.completeness(w.session, year))
    assert errors, "the demo's year has errors"

    w.actions["export_nir_year"].trigger()  # «Nei» the first time: nothing is written
    assert asked == [f"Året har {errors} feil. Filen merkes som ufullstendig. Eksporter likevel?"]
    assert not list(folder.iterdir()) and not told
    assert w.views.currentWidget() is w.nir and w.nir.tabs.currentWidget() is w.nir.completeness

    w.nir.completeness.export_button.click()
    written = sorted(p.name for p in folder.iterdir())
    assert f"nir-{year}.xlsx" in written and f"nir-{year}.json" in written and len(written) > 3
    assert str(folder) in told[0] and f"ufullstendig: {errors} feil" in told[0]

    blocked = tmp_path / "ikke-en-mappe"  # a file where the folder should be: told in words, not a traceback
    blocked.write_text("en fil, ikke en mappe")
    monkeypatch.setattr(nir_view.QFileDialog, "getExistingDirectory", lambda *a: str(blocked))
    shown = []
    monkeypatch.setattr(norsk, "error", lambda parent, title, text: shown.append(text))
    w.nir.completeness.export_year()
    assert len(shown) == 1 and "Kan ikke skrive" in shown[0] and len(told) == 1


def test_ctrl_6_shows_the_view_and_only_errors_hides_the_warnings(qtbot, qtmodeltester, demo_window):
    w = demo_window
    assert w.views.currentWidget() is not w.nir
    qtbot.keyClick(w, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    assert w.views.currentWidget() is w.nir
    assert w.nir.worklist.table.hasFocus() and w.nir.worklist.rows
    qtmodeltester.check(w.nir.worklist.model)

    view = w.nir.completeness
    w.nir.tabs.setCurrentWidget(view)
    view.year.setValue(nir_view.default_year(TODAY))
    qtmodeltester.check(view.model)
    warnings = sum(r.mangel.alvor == "advarsel" for r in view.rows)
    assert warnings, "the demo has warnings for the year"
    view.errors_only.setChecked(True)
    assert view.proxy.rowCount() == len(view.rows) - warnings
    assert {view.proxy.index(i, 1).data() for i in range(view.proxy.rowCount())} == {"Feil"}
