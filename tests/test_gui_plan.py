"""The plan tab as an adviser uses it: a first plan and a new version through the dialogs, elements with
their messages at the fields, the checks and the week following each change, versions compared."""

import datetime

import pytest
from PySide6.QtCore import Qt

from conftest import person
from introdesk.services import deltakere, program
from introdesk.services import plan as plan_service
from introdesk.ui import documents, norsk, plan_tab
from introdesk.ui.form_dialog import FormDialog
from introdesk.ui.plan_dialogs import CompareDialog
from introdesk.ui.plan_tab import ElementModel

TODAY = datetime.date.today()
START = TODAY - datetime.timedelta(days=30)


def d(day: datetime.date) -> str:
    return day.strftime("%d.%m.%Y")


@pytest.fixture
def tab(window):
    """Amal's plan tab: the programme started a month ago, no plan yet."""
    s = window.session
    deltaker_id = deltakere.create_deltaker(s, person())
    program.save_hendelse(s, deltaker_id, {"type": "start", "dato": d(START)})
    window.reload(deltaker_id)
    window.page.tabs.setCurrentWidget(window.page.plan)
    return window.page.plan


def answer(monkeypatch, *steps):
    """The dialogs the tab opens are handled in turn by `steps`, each given the dialog; returns them all."""
    shown = []

    def run(dialog):
        shown.append(dialog)
        steps[len(shown) - 1](dialog)
        return dialog.result()

    monkeypatch.setattr(FormDialog, "exec", run)
    return shown


def fill(dialog, **values):
    for name, value in values.items():
        dialog.fields.fields[name].set_value(value)
    dialog.accept()


def error(dialog, name):
    return dialog.fields.fields[name].error()


def test_a_first_plan_and_a_second_version(qtbot, tab, monkeypatch):
    assert tab.stack.currentIndex() == 0 and tab.missing_label.text() == "Deltakeren har ingen integreringsplan."
    assert tab.missing_label.isVisible() and tab.missing_label.font().bold()

    def first(dialog):
        assert dialog.fields.fields["dato"].value() == d(TODAY)
        fill(dialog, sluttmal="Arbeid i barnehage", kontrakt_signert=d(TODAY))

    def second(dialog):
        assert dialog.fields.fields["sluttmal"].value() == "Arbeid i barnehage"  # from version 1
        fill(dialog, norskmal="B1 muntlig")

    answer(monkeypatch, first, second)
    with qtbot.waitSignal(tab.changed):
        qtbot.mouseClick(tab.create_button, Qt.MouseButton.LeftButton)
    assert tab.stack.currentIndex() == 1
    assert tab.version_combo.currentText() == f"Versjon 1 – {d(TODAY)} (gjeldende)"
    assert tab.field_labels["sluttmal"].text() == "Arbeid i barnehage"
    assert "Mangler: Opplæring i norsk mangler i planen." in tab.checks.texts()
    assert not tab.compare_button.isEnabled()

    with qtbot.waitSignal(tab.changed):
        qtbot.mouseClick(tab.new_version_button, Qt.MouseButton.LeftButton)
    assert [tab.version_combo.itemText(i) for i in range(2)] == [
        f"Versjon 1 – {d(TODAY)}", f"Versjon 2 – {d(TODAY)} (gjeldende)"]
    assert tab.field_labels["norskmal"].text() == "B1 muntlig"

    tab.version_combo.setCurrentIndex(0)  # an earlier version is read only
    assert tab.old_note.isVisible() and "bare for lesing" in tab.old_note.text()
    assert tab.field_labels["norskmal"].text() == "–"
    assert not tab.edit_plan_button.isEnabled() and not tab.new_element_button.isEnabled()
    assert tab.compare_button.isEnabled()


def test_an_element_is_corrected_at_its_fields_and_the_checks_and_week_follow(qtbot, tab, monkeypatch):
    plan_service.new_version(tab.session, tab.deltaker_id, {"dato": d(START), "sluttmal": "Fagbrev"})
    tab.refresh()
    end = d(TODAY + datetime.timedelta(days=300))

    def new_element(dialog):
        assert dialog.fields.fields["fra"].value() == d(START)  # the programme period
        assert dialog.fields.fields["dager"].value() == [0, 1, 2, 3, 4]
        fill(dialog, type="norsk", til=end, timer_per_uke="mange", dager=[])
        assert "tall" in error(dialog, "timer_per_uke") and not dialog.result()
        assert error(dialog, "dager") == "Velg minst én dag i uken."  # at the row of days
        fill(dialog, timer_per_uke="15", dager=[0, 1, 2, 3, 4])
        assert dialog.result()

    answer(monkeypatch, new_element)
    assert "Mangler: Opplæring i norsk mangler i planen." in tab.checks.texts()
    with qtbot.waitSignal(tab.changed):
        qtbot.mouseClick(tab.new_element_button, Qt.MouseButton.LeftButton)
    assert tab.elements.rowCount() == 1
    assert tab.elements.index(0, 0).data() == "Opplæring i norsk\n"
    assert tab.elements.index(0, 2).data() == "15 t/uke\nman–fre"
    assert tab.table.selectionModel().selectedRows()[0].row() == 0  # the saved element is selected
    assert not any("Opplæring i norsk" in text for text in tab.checks.texts())
    assert tab.week.total.text() == "15 av 37,5 timer – under fulltid"
    assert "Mandag: Opplæring i norsk 3 timer." in tab.week.accessibleDescription()


def test_hours_and_removal_of_an_element(qtbot, tab, monkeypatch):
    plan_id = plan_service.new_version(tab.session, tab.deltaker_id, {"dato": d(START), "sluttmal": "Fagbrev"})
    four_weeks = d(START + datetime.timedelta(days=27))  # four of every weekday, whatever day today is
    plan_service.save_element(tab.session, plan_id, {"type": "livsmestring", "fra": d(START), "til": four_weeks,
                                                     "timer_per_uke": "5", "dager": [1]})
    tab.refresh()
    tab.table.selectRow(0)
    answer(monkeypatch, lambda dialog: fill(dialog, timer_fullfort="12,5"))
    tab.record_hours()
    assert tab.elements.index(0, 5).data().endswith("12,5 av 20 t")
    monkeypatch.setattr(norsk, "confirm", lambda *args: True)
    tab.table.selectRow(0)
    with qtbot.waitSignal(tab.changed):
        tab.delete_element()
    assert tab.elements.rowCount() == 0
    assert tab.week.title.text() == "Ukeplan" and not tab.week.next_button.isVisible()


def test_two_versions_compared(tab, monkeypatch):
    first = plan_service.new_version(tab.session, tab.deltaker_id, {"dato": d(START), "sluttmal": "Fagbrev"})
    second = plan_service.new_version(tab.session, tab.deltaker_id, {"dato": d(TODAY), "sluttmal": "Sykepleier"})
    tab.refresh()
    shown = []
    monkeypatch.setattr(CompareDialog, "exec", lambda dialog: shown.append(dialog) or 0)
    tab.compare()
    dialog = shown[0]
    assert (dialog.old_combo.currentData(), dialog.new_combo.currentData()) == (first, second)
    assert dialog.lines() == ["• Sluttmål: Fagbrev → Sykepleier"]
    dialog.old_combo.setCurrentIndex(1)
    assert dialog.lines() == ["Velg to forskjellige versjoner."]
    dialog.close()


def test_the_plan_is_written_as_pdf_and_opened(tab, monkeypatch, tmp_path):
    plan_service.new_version(tab.session, tab.deltaker_id, {"dato": d(START), "sluttmal": "Fagbrev"})
    tab.refresh()
    asked, opened = [], []

    def save_as(parent, title, suggested, filters):
        asked.append(suggested)
        return str(tmp_path / "plan.pdf"), filters

    def write(session, deltaker_id, target, plan_id=None, malform=None):
        target.write_bytes(b"%PDF")
        return target

    monkeypatch.setattr(documents.QFileDialog, "getSaveFileName", save_as)
    monkeypatch.setattr(plan_tab.plan_service, "write_pdf", write)
    monkeypatch.setattr(documents.QDesktopServices, "openUrl", opened.append)
    tab.write_pdf()
    assert asked[0].endswith("Integreringsplan Amal Haddad v1.pdf")
    assert opened[0].toLocalFile() == str(tmp_path / "plan.pdf")


def test_element_model_passes_qt_model_tester(qtmodeltester, session):
    deltaker_id = deltakere.create_deltaker(session, person())
    plan_id = plan_service.new_version(session, deltaker_id, {"dato": d(START), "sluttmal": "Fagbrev"})
    for kind, days in (("norsk", [0, 1, 2, 3, 4]), ("arbeidspraksis", [0, 2, 4])):
        plan_service.save_element(session, plan_id, {"type": kind, "fra": d(START), "til": d(TODAY),
                                                     "timer_per_uke": "10", "dager": days, "retning": "arbeid"})
    model = ElementModel(session.rules)
    model.set_plan(plan_service.get(session, plan_id), plan_service.check(session, plan_service.get(session, plan_id)))
    assert model.rowCount() == 2 and model.index(1, 2).data() == "10 t/uke\nman, ons, fre"
    qtmodeltester.check(model)


def test_an_overdue_review_stands_out_until_one_is_registered(qtbot, tab, monkeypatch):
    old = TODAY - datetime.timedelta(days=250)
    plan_service.new_version(tab.session, tab.deltaker_id, {"dato": d(old), "sluttmal": "Fagbrev"})
    tab.refresh()
    review = tab.field_labels["gjennomgang"]
    assert "Forfalt: skulle vært gjennomgått senest" in review.text() and review.font().bold()
    answer(monkeypatch, lambda dialog: fill(dialog))  # the date is today unless changed
    with qtbot.waitSignal(tab.changed):
        qtbot.mouseClick(tab.review_button, Qt.MouseButton.LeftButton)
    assert review.text().startswith(d(TODAY)) and "Neste gjennomgang senest" in review.text()
    assert not review.font().bold()


def test_a_missing_or_stale_plan_shows_on_the_tab_itself(demo_window):
    w = demo_window
    ids = {r.fornavn: r.id for r in w.model.rows}
    page = w.page
    index = page.tabs.indexOf(page.plan)
    w.select(ids["Şükrü"])  # running, no plan
    assert not page.tabs.tabIcon(index).isNull() and "ingen integreringsplan" in page.tabs.tabToolTip(index)
    w.select(ids["Fatuma Ali"])  # the review is overdue
    assert "forfalt" in page.tabs.tabToolTip(index)
    w.select(ids["Amal"])  # not started: nothing to say yet
    assert page.tabs.tabIcon(index).isNull() and page.tabs.tabToolTip(index) == ""


def test_a_first_plan_takes_the_missing_plan_off_the_radar(demo_window, monkeypatch):
    w = demo_window
    sukru = next(r.id for r in w.model.rows if r.fornavn == "Şükrü")
    assert [r for r in w.frister.rows if r.frist.kind == "plan" and r.frist.deltaker_id == sukru]
    w.select(sukru)
    answer(monkeypatch, lambda dialog: fill(dialog, sluttmal="Fast arbeid i bygg"))
    w.page.plan.create_button.click()
    assert not [r for r in w.frister.rows if r.frist.kind == "plan" and r.frist.deltaker_id == sukru]
    assert w.page.tabs.tabIcon(w.page.tabs.indexOf(w.page.plan)).isNull()
