"""Placements and the employer register in the window, driven through the real dialogs (pytest-qt, offscreen)."""

import datetime

import pytest
from PySide6.QtCore import Qt

from conftest import person
from introdesk.domain.dates import format_date
from introdesk.services import deltakere, praksis
from introdesk.ui import documents, norsk
from introdesk.ui.form_dialog import FormDialog
from introdesk.ui.praksis_dialog import PraksisDialog

TODAY = datetime.date.today()


def _day(offset: int) -> str:
    return format_date(TODAY + datetime.timedelta(days=offset))


def _drive(monkeypatch, dialog_class, *steps):
    """Replace the dialog's exec: each step fills the open dialog and presses Save."""
    seen = []

    def run(dialog):
        for step in steps:
            step(dialog)
            dialog.accept()
            seen.append(dialog.result())
        return dialog.result()

    monkeypatch.setattr(dialog_class, "exec", run)
    return seen


@pytest.fixture
def employer(session):
    employer_id = praksis.save_employer(session, {"navn": "Fjordvik sjukeheim", "orgnr": "974760673",
                                                  "sektor": "kommunal", "poststed": "Fjordvik"})
    praksis.save_contact(session, employer_id, {"navn": "Liv Haugen", "rolle": "Avdelingsleder"})
    return employer_id


@pytest.fixture
def amal(window):
    deltaker_id = deltakere.create_deltaker(window.session, person())
    window.reload(deltaker_id)
    window.page.tabs.setCurrentWidget(window.page.praksis)
    return deltaker_id


def test_an_employer_with_a_wrong_org_number_is_corrected_at_the_field(qtbot, window, monkeypatch):
    def wrong(d):
        values = {"navn": "Kiwi Sentrum", "orgnr": "974760674", "poststed": "Bergen", "sektor": "privat"}
        for name, value in values.items():
            d.fields.fields[name].set_value(value)

    def right(d):
        assert "Kontrollsifferet stemmer ikke" in d.fields.fields["orgnr"].error()
        d.fields.fields["orgnr"].set_value("974 760 673")

    results = _drive(monkeypatch, FormDialog, wrong, right)
    window.show_arbeidsgivere()
    window.arbeidsgivere.new_employer()
    view = window.arbeidsgivere
    assert results == [0, 1] and view.model.rowCount() == 1
    assert view.proxy.index(0, 1).data() == "974 760 673" and view.selected().arbeidsgiver.navn == "Kiwi Sentrum"
    qtbot.keyClicks(view.filter, "974760")
    assert view.proxy.rowCount() == 1
    view.filter.setText("Tromsø")
    assert view.proxy.rowCount() == 0 and view.count_label.text() == "0 av 1 arbeidsgivere"


def test_an_employer_with_a_running_placement_is_not_removed(window, employer, amal, monkeypatch):
    praksis.save_placement(window.session, amal, {"type": "sprakpraksis", "arbeidsgiver_id": employer,
                                                  "fra": _day(-5), "til": _day(60), "dager": [3],
                                                  "timer_per_uke": "7,5"})
    messages = []
    monkeypatch.setattr(norsk, "confirm", lambda *a: True)
    monkeypatch.setattr(norsk, "error", lambda parent, title, text: messages.append(text))
    window.show_arbeidsgivere()
    assert window.arbeidsgivere.selected_id() == employer
    window.arbeidsgivere.delete_selected()
    assert "pågår" in messages[0] and window.arbeidsgivere.model.rowCount() == 1
    assert window.arbeidsgivere.details.history.rows[0].deltaker == "Haddad, Amal"


def test_a_placement_through_the_dialog_then_a_visit_moves_the_next_follow_up(window, employer, amal, monkeypatch):
    def fill(d):
        assert d.contact.editor.count() == 1  # no employer chosen: no contact persons
        d.employer.set_value(employer)
        assert d.contact.editor.itemText(1) == "Liv Haugen, Avdelingsleder"  # that employer's
        d.contact.set_value(d.contact.editor.itemData(1))
        for name, value in {"fra": _day(-20), "til": _day(60), "timer_per_uke": "15", "oppfolger": "larer"}.items():
            d.fields.fields[name].set_value(value)
        d.fields.fields["dager"].boxes[3].click()
        d.fields.fields["dager"].boxes[4].click()
        assert d.fields.fields["oppfolger_navn"].isEnabled()
        assert not d.fields.fields["utfall_grunn"].isEnabled()

    def name_the_teacher(d):
        assert "navnet på læreren" in d.fields.fields["oppfolger_navn"].error()
        d.fields.fields["oppfolger_navn"].set_value("Anne Fjeld")

    results = _drive(monkeypatch, PraksisDialog, fill, name_the_teacher)
    tab = window.page.praksis
    tab.new_placement()
    assert results == [0, 1] and tab.model.rowCount() == 1 and tab.selected().oppfolger == "Anne Fjeld"
    # Started 20 days ago and never visited: the 14-day follow-up is overdue, with icon and word.
    due = tab.model.index(0, 3)
    assert f"Forfalt: {_day(-6)}" in due.data() and due.data(Qt.ItemDataRole.DecorationRole) is not None
    assert tab.details.next_icon.isVisibleTo(tab)
    assert window.praksis_oversikt.due.model.rows == []  # filled when shown
    window.show_praksis()
    assert [r.deltaker for r in window.praksis_oversikt.due.model.rows] == ["Haddad, Amal"]
    assert window.praksis_oversikt.week.model.rows[0].arbeidsgiver == "Fjordvik sjukeheim"
    window.show_deltakere()

    def radar():  # the window's deadline radar, for this placement
        return [r.frist.due for r in window.frister.rows if r.frist.praksis_id == tab.selected_id()
                and r.frist.kind == "praksis_oppfolging"]

    assert radar() == [TODAY - datetime.timedelta(days=6)]
    _drive(monkeypatch, FormDialog, lambda d: d.fields.fields["notat"].set_value("Trives godt."))
    tab.log_followup()
    assert radar() == [TODAY + datetime.timedelta(days=14)]
    assert f"{_day(14)}, om 14 dager" in tab.model.index(0, 3).data()
    assert tab.model.index(0, 3).data(Qt.ItemDataRole.DecorationRole) is None
    assert tab.details.log.rows[0].notat == "Trives godt." and tab.details.log.rows[0].av == "Anne Fjeld"
    window.show_praksis()
    assert window.praksis_oversikt.due.model.rows[0].neste_oppfolging == TODAY + datetime.timedelta(days=14)

    tab.details.phases["fase_underveis"].click()
    assert praksis.get_placement(window.session, tab.selected_id()).fase_underveis


def test_an_overlapping_placement_is_asked_about(window, employer, amal, monkeypatch):
    raw = {"type": "sprakpraksis", "arbeidsgiver_id": employer, "fra": _day(0), "til": _day(30), "dager": [0],
           "timer_per_uke": "7,5"}
    praksis.save_placement(window.session, amal, raw)
    answers = iter([False, True])
    monkeypatch.setattr(norsk, "confirm", lambda *a: next(answers))

    def fill(d):
        d.fields.set_values(raw | {"oppfolger": "radgiver"})
        d.employer.set_value(employer)

    results = _drive(monkeypatch, PraksisDialog, fill, lambda d: None)
    window.page.praksis.new_placement()
    assert results == [0, 1] and window.page.praksis.model.rowCount() == 2


def test_the_agreement_pdf_is_saved_and_opened(window, employer, amal, monkeypatch, tmp_path):
    praksis.save_placement(window.session, amal, {"type": "sprakpraksis", "arbeidsgiver_id": employer,
                                                  "fra": _day(0), "til": _day(30), "dager": [0],
                                                  "timer_per_uke": "7,5"})
    window.page.praksis.refresh()
    target = tmp_path / "avtale.pdf"
    monkeypatch.setattr(documents.QFileDialog, "getSaveFileName", lambda *a: (str(target), "PDF (*.pdf)"))
    monkeypatch.setattr(praksis, "write_agreement_pdf", lambda session, placement_id, path: path)
    opened = []
    monkeypatch.setattr(documents.QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()))
    window.page.praksis.save_agreement()
    assert opened == [str(target)]


def test_the_overview_shows_who_is_left_without_a_placement_by_gender(demo_window):
    w = demo_window
    w.show_praksis()
    o = w.praksis_oversikt
    headings = [o.without.topLevelItem(i).text(0) for i in range(o.without.topLevelItemCount())]
    without = praksis.overview(w.session).uten_praksis
    women = sum(1 for u in without if u.kjonn == "K")
    assert headings[:2] == [f"Kvinner ({women})", f"Menn ({len(without) - women})"]
    assert "Uten praksisplass:" in o.summary.text()
    overdue = o.due.model.rows[0]
    assert o.due.proxy.index(0, 0).data().startswith("Forfalt")
    o.due.table.activated.emit(o.due.proxy.index(0, 1))  # double-click or Enter
    assert w.views.currentWidget() is w.splitter and w.page.deltaker_id == overdue.praksis.deltaker_id
    assert w.page.tabs.currentWidget() is w.page.praksis
    o.filter.setText("ingen slik person")
    assert o.due.proxy.rowCount() == 0 and o.due.title() == f"Oppfølging (0 av {o.due.model.rowCount()})"
    assert o.without.topLevelItem(0).text(0) == f"Kvinner (0 av {women})"


def test_placement_models_pass_qt_model_tester(qtmodeltester, window, employer, amal):
    placement = praksis.save_placement(window.session, amal, {"type": "sprakpraksis", "arbeidsgiver_id": employer,
                                                              "fra": _day(-5), "til": _day(30), "dager": [0, 4],
                                                              "timer_per_uke": "7,5"})
    praksis.log_followup(window.session, placement, {"dato": _day(0), "form": "telefon"})
    window.page.praksis.refresh()
    window.show_arbeidsgivere()
    window.show_praksis()
    page, register, overview = window.page.praksis, window.arbeidsgivere, window.praksis_oversikt
    for model in (page.model, page.details.log, register.model, register.proxy, register.details.contacts,
                  register.details.history, overview.week.model, overview.due.proxy):
        assert model.rowCount() > 0
        qtmodeltester.check(model)


def test_the_register_sorts_names_in_norwegian_order_and_counts_as_numbers(window, employer, amal):
    for name in ("Åsen bakeri", "Zeta Eiendom", "Ørland kafé"):
        praksis.save_employer(window.session, {"navn": name})
    for offset in (-200, -100):
        praksis.save_placement(window.session, amal, {"type": "sprakpraksis", "arbeidsgiver_id": employer,
                                                      "fra": _day(offset), "til": _day(offset + 30), "dager": [0],
                                                      "timer_per_uke": "7,5"}, confirm_overlap=True)
    window.show_arbeidsgivere()
    view = window.arbeidsgivere
    names = [view.proxy.index(r, 0).data() for r in range(view.proxy.rowCount())]
    assert names == ["Fjordvik sjukeheim", "Zeta Eiendom", "Ørland kafé", "Åsen bakeri"]
    view.table.sortByColumn(4, Qt.SortOrder.DescendingOrder)
    assert view.proxy.index(0, 0).data() == "Fjordvik sjukeheim" and view.proxy.index(0, 4).data() == "2"


def test_an_ended_placement_keeps_its_removed_employer_and_contact_when_edited(qtbot, window, employer, amal):
    contact = praksis.contacts(window.session, employer)[0].id
    placement = praksis.save_placement(window.session, amal, {
        "type": "sprakpraksis", "arbeidsgiver_id": employer, "kontakt_id": contact, "fra": _day(-90),
        "til": _day(-30), "dager": [3, 4], "timer_per_uke": "15", "utfall": "fullfort"})
    praksis.delete_contact(window.session, contact)
    praksis.delete_employer(window.session, employer)
    dialog = PraksisDialog(window.session, amal, praksis.get_placement(window.session, placement), window)
    qtbot.addWidget(dialog)
    assert "(fjernet fra registeret)" in dialog.employer.editor.currentText()
    assert "(fjernet)" in dialog.contact.editor.currentText()
    dialog.fields.fields["evaluering"].set_value("Gikk bra.")
    dialog.accept()
    saved = praksis.get_placement(window.session, placement)
    assert dialog.result() and saved.evaluering == "Gikk bra." and saved.kontakt_id == contact
