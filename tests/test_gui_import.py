"""The import wizard driven as the adviser would: choose the file, map columns, see the check, import, undo."""

from __future__ import annotations

from PySide6.QtWidgets import QWizard

from introdesk.services import deltakere, importering
from introdesk.ui import import_wizard, norsk
from introdesk.ui.import_wizard import CHECK_PAGE, DONE_PAGE, FILE_PAGE, MAPPING_PAGE, ImportVeiviser

TEMPLATE = ("identitetsnummer;fornavn;etternavn;kjonn;landbakgrunn;lovverk;bosettingsdato;programstart\n"
            "01889003711;Amal;Haddad;Kvinne;Syria;integreringsloven;15.03.2025;01.05.2025\n"
            "17059012436;Yonas;Tesfaye;M;ER;integreringsloven;15.03.2025;01.05.2025\n")
_W = QWizard.WizardButton


def wizard(qtbot, session, path) -> ImportVeiviser:
    w = ImportVeiviser(session)
    qtbot.addWidget(w)
    w.show()
    w.file_page.path.setText(str(path))
    return w


def test_a_template_file_is_checked_imported_and_undone_from_the_summary(qtbot, session, tmp_path, monkeypatch):
    path = tmp_path / "deltakere.csv"
    path.write_text(TEMPLATE, encoding="utf-8")
    w = wizard(qtbot, session, path)
    assert w.button(_W.NextButton).text() == "&Neste >" and w.button(_W.CancelButton).text() == "Avbryt"
    w.next()
    assert w.currentId() == CHECK_PAGE  # the template's headers need no mapping
    page = w.check_page
    assert "2 rader, ingen feil" in page.summary.text() and "Deltakere: 2 nye" in page.summary.text()
    assert page.isComplete() and w.button(_W.NextButton).text() == "&Importer"
    assert deltakere.list_deltakere(session) == []  # the check wrote nothing
    w.next()
    assert w.currentId() == DONE_PAGE and w.changed
    assert "Hendelser: 2 nye" in w.done_page.summary.text() and "for-import" in w.done_page.summary.text()
    assert len(deltakere.list_deltakere(session)) == 2
    monkeypatch.setattr(norsk, "confirm", lambda *a: True)
    w.done_page.undo_button.click()
    assert deltakere.list_deltakere(session) == [] and not w.done_page.undo_button.isEnabled()
    assert "er angret" in w.done_page.summary.text()


def test_a_file_with_problems_lists_them_and_cannot_be_imported(qtbot, session, tmp_path):
    path = tmp_path / "deltakere.csv"
    path.write_text(TEMPLATE.replace(";M;ER;", ";X;ER;"), encoding="utf-8")
    w = wizard(qtbot, session, path)
    w.next()
    table = w.check_page.table
    assert "1 feil i 2 rader" in w.check_page.summary.text() and not w.check_page.isComplete()
    assert [table.item(0, c).text() for c in range(table.columnCount())] == [
        "3", "kjonn", "X", "«X» er ikke en gyldig verdi for kjønn."]
    assert not w.button(_W.NextButton).isEnabled()


def test_a_wrong_file_is_explained_on_the_first_page(qtbot, session, tmp_path):
    path = tmp_path / "register.xlsx"
    path.write_bytes(b"this is no workbook")
    w = wizard(qtbot, session, path)
    w.next()
    assert w.currentId() == FILE_PAGE
    assert "Kan ikke lese register.xlsx som regneark" in w.file_page.notice.text()


def test_columns_of_a_register_kept_by_hand_are_mapped_and_the_mapping_saved(qtbot, session, tmp_path):
    path = tmp_path / "mitt register.csv"
    path.write_text("Fødselsnr;Fornavn;Etternavn;Kjønn;Lov;Merknad\n01889003711;Amal;Haddad;K;integreringsloven;x\n",
                    encoding="utf-8")
    w = wizard(qtbot, session, path)
    w.next()
    page = w.mapping_page
    assert w.currentId() == MAPPING_PAGE and not page.isComplete()
    assert "«identitetsnummer», «lovverk»" in page.notice.text()
    for column, template in ((0, "identitetsnummer"), (4, "lovverk")):  # Fødselsnr, Lov
        page.combos[column].setCurrentIndex(page.combos[column].findData(template))
    merknad = page.combos[5]
    assert page.isComplete() and merknad.currentText() == import_wizard.NOT_IMPORTED
    merknad.setCurrentIndex(merknad.findData("fornavn"))
    assert "Flere kolonner er koblet til «fornavn»" in page.notice.text()
    merknad.setCurrentIndex(0)
    page.save_button.click()
    assert "lagret" in page.saved.text()
    w.next()
    assert w.currentId() == CHECK_PAGE and "Deltakere: 1 ny" in w.check_page.summary.text()
    again = wizard(qtbot, session, path)  # next time the mapping is there already
    again.next()
    assert again.mapping_page.isComplete()
    assert again.mapping_page.combos[0].currentData() == "identitetsnummer"


def test_the_file_menu_imports_and_undoes_the_last_import(window, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(norsk, "info", lambda parent, title, text: shown.append(text))
    window.undo_import()
    assert shown == ["Det er ingen import å angre."]
    path = tmp_path / "deltakere.csv"
    path.write_text(TEMPLATE, encoding="utf-8")

    def run_wizard(self):
        self.show()
        self.file_page.path.setText(str(path))
        self.next()
        self.next()
        self.close()
        return 1

    monkeypatch.setattr(ImportVeiviser, "exec", run_wizard)
    texts = [a.text() for a in window.menuBar().actions()[0].menu().actions()]
    assert "&Importer fra regneark …" in texts and "Angre siste i&mport" in texts
    window.import_spreadsheet()
    assert window.model.rowCount() == 2
    questions = []
    monkeypatch.setattr(norsk, "confirm", lambda parent, title, text: questions.append(text) or True)
    window.undo_import()
    assert "Angre importen av deltakere.csv" in questions[0] and "4 nye poster fjernes" in questions[0]
    assert window.model.rowCount() == 0 and importering.last_run(window.session) is None


def test_the_history_says_a_change_came_from_an_import(qtbot, window, tmp_path):
    path = tmp_path / "r.csv"
    path.write_text("identitetsnummer;fornavn;etternavn;kjonn;lovverk\n01889003711;Amal;Haddad;K;integreringsloven\n",
                    encoding="utf-8")
    assert importering.import_file(window.session, path).ok
    window.reload()
    window.select(deltakere.list_deltakere(window.session)[0].id)
    window.page.refresh_history()
    assert window.page.history.item(0, 1).text().endswith("(import)")


def test_the_check_lists_what_an_update_overwrites(qtbot, session, tmp_path):
    path = tmp_path / "deltakere.csv"
    path.write_text(TEMPLATE, encoding="utf-8")
    assert importering.import_file(session, path).ok
    path.write_text(TEMPLATE.replace("Haddad", "Haddad-Ali"), encoding="utf-8")
    w = wizard(qtbot, session, path)
    w.next()
    page = w.check_page
    assert "endres 1 felt" in page.summary.text() and page.changes.isVisibleTo(page)
    assert [page.changes.item(0, c).text() for c in range(5)] == ["2", "Amal Haddad-Ali", "Etternavn", "Haddad",
                                                                 "Haddad-Ali"]
    w.grab().save(str(tmp_path / "kontroll.png"))
