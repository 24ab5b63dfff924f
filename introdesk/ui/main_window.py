"""The main window: the participant list with its filter bar, and the selected participant's page."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QIcon, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStyle,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from introdesk import __version__
from introdesk.domain.dates import format_date
from introdesk.domain.form import FieldErrors
from introdesk.services import deltakere, importering, program, settings
from introdesk.services.session import Session
from introdesk.ui import norsk
from introdesk.ui.actions import action, build_menus
from introdesk.ui.arbeidsgiver_view import ArbeidsgiverView
from introdesk.ui.deleted_dialog import DeletedDialog
from introdesk.ui.deltaker_list import DeltakerFilter, DeltakerTableModel
from introdesk.ui.deltakerbevis_batch import DeltakerbevisBunke
from introdesk.ui.deltaker_page import DeltakerPage
from introdesk.ui.import_wizard import ImportVeiviser
from introdesk.ui.frister_view import FristerView
from introdesk.ui.nir_view import NirView, overdue_on_radar
from introdesk.ui.praksis_oversikt import PraksisOversikt
from introdesk.ui.regelverk_dialog import RegelverkDialog
from introdesk.ui.resultater_view import ResultaterView
from introdesk.ui.row_model import ID_ROLE
from introdesk.ui.login import ChangePassphraseDialog
from introdesk.ui.settings_dialog import settings_dialog
from introdesk.ui.stonad_view import StonadView

_BOX = QDialogButtonBox.StandardButton


class MainWindow(QMainWindow):
    def __init__(self, session: Session):
        super().__init__()
        self.session = session
        self._undo: list[int] = []  # participants deleted in this session, newest last

        self.model = DeltakerTableModel(self)
        self.proxy = DeltakerFilter(self)
        self.proxy.setSourceModel(self.model)

        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Søk på navn, nummer eller land")
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName("Søk i deltakerlisten")
        self.filter.textChanged.connect(self._filter_changed)
        search_label = QLabel("&Søk:")
        search_label.setBuddy(self.filter)

        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setResizeContentsPrecision(200)  # fit columns to a sample, not every row
        self.table.setAccessibleName("Deltakere")
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)

        self.page = DeltakerPage(session)
        self.page.saved.connect(self._saved)
        self.page.program_changed.connect(self._program_changed)
        self.frister = FristerView(session)
        self.frister.open_requested.connect(self.open_frist)
        self.frister.changed.connect(self._update_overdue)
        self.praksis_oversikt = PraksisOversikt(session)
        self.praksis_oversikt.open_requested.connect(self.open_praksis)
        self.arbeidsgivere = ArbeidsgiverView(session)
        self.arbeidsgivere.open_requested.connect(self.open_praksis)
        self.arbeidsgivere.changed.connect(self._employers_changed)
        self.stonad = StonadView(session)
        self.stonad.changed.connect(self.page.fravaer.refresh)  # the month grid may have changed the page's week
        self.page.fravaer.stonad_requested.connect(self.show_stonad_month)
        self.nir = NirView(session)
        self.nir.open_requested.connect(self.open_nir)
        self.nir.changed.connect(self._nir_changed)
        self.frister.changed.connect(self.nir.refresh)  # «Ferdig» on a NIR deadline marks the event registered
        self.resultater = ResultaterView(session)

        search_row = QHBoxLayout()
        search_row.addWidget(search_label)
        search_row.addWidget(self.filter, 1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(6, 6, 0, 0)
        left_layout.addLayout(search_row)
        left_layout.addWidget(self.table)
        self.splitter = QSplitter()
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.page)
        self.views = QTabWidget()
        self.views.setDocumentMode(True)
        self.views.addTab(self.splitter, "Deltakere")
        self.views.addTab(self.frister, "Frister")
        self.views.addTab(self.praksis_oversikt, "Praksis")
        self.views.addTab(self.arbeidsgivere, "Arbeidsgivere")
        self.views.addTab(self.stonad, "Stønad")
        self.views.addTab(self.nir, "NIR")
        self.views.addTab(self.resultater, "Resultater")
        self.setCentralWidget(self.views)

        self.actions = build_menus(self)
        self.actions["undo_delete"].setEnabled(False)
        self.count_label = QLabel()
        self.overdue_label = QLabel()
        self.statusBar().addPermanentWidget(self.overdue_label)
        self.statusBar().addPermanentWidget(self.count_label)
        self._refresh_all()
        self.table.resizeColumnsToContents()
        self._update_title()
        self.resize(1400, 860)
        self.splitter.setSizes([660, 740])

    # ----- list

    def reload(self, select_id: int | None = None, statuses=None) -> None:
        was_empty = self.model.rowCount() == 0
        self.model.set_rows(deltakere.list_deltakere(self.session, statuses=statuses))
        if was_empty and self.model.rowCount():  # columns sized to an empty list would cut the first names
            self.table.resizeColumnsToContents()
        self._update_count()
        if select_id is not None:
            self.select(select_id)

    def select(self, deltaker_id: int) -> None:
        source_row = self.model.row_of(deltaker_id)
        if source_row < 0:
            return
        index = self.proxy.mapFromSource(self.model.index(source_row, 0))
        if not index.isValid():  # hidden by the filter: clear it so the participant shows
            self.filter.clear()
            index = self.proxy.mapFromSource(self.model.index(source_row, 0))
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.scrollTo(index)

    def _filter_changed(self, text: str) -> None:
        self.proxy.set_text(text)
        self._update_count()

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count_label.setText(f"{total} deltakere" if shown == total else f"{shown} av {total} deltakere")

    def _row_changed(self, current, previous) -> None:
        if not current.isValid():
            return
        deltaker_id = current.data(ID_ROLE)
        if deltaker_id == self.page.deltaker_id:
            return
        if not self._leave_page():
            # Stay on the participant being edited.
            self.table.selectionModel().blockSignals(True)
            self.table.selectionModel().setCurrentIndex(
                previous, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
            )
            self.table.selectionModel().blockSignals(False)
            return
        self.page.show_deltaker(deltaker_id)

    def _leave_page(self) -> bool:
        """Ask about unsaved changes; False means stay."""
        if not self.page.is_dirty():
            return True
        answer = norsk.ask(
            self, "Ulagrede endringer", "Du har endringer som ikke er lagret. Vil du lagre dem?",
            standard=(_BOX.Save, _BOX.Discard, _BOX.Cancel), default=_BOX.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.page.save()
        return answer == QMessageBox.StandardButton.Discard

    def _saved(self, deltaker_id: int) -> None:
        self._refresh_all(deltaker_id)
        self.statusBar().showMessage("Lagret.", 4000)

    def _program_changed(self, deltaker_id: int) -> None:
        self._refresh_all(deltaker_id)

    def _refresh_all(self, select_id: int | None = None) -> None:
        """The list and the radar from one reading of every programme."""
        statuses = program.statuses(self.session)
        self.reload(select_id, statuses)
        self._refresh_frister(statuses)
        self.praksis_oversikt.refresh(statuses)
        self.arbeidsgivere.refresh()
        self.stonad.refresh()  # filled when shown
        self.nir.refresh()  # filled when shown
        self.resultater.refresh()  # filled when shown

    def _refresh_frister(self, statuses=None) -> None:
        self.frister.refresh(statuses)
        self._update_overdue()

    def _update_overdue(self) -> None:
        overdue = self.frister.overdue()
        index = self.views.indexOf(self.frister)
        self.views.setTabText(index, f"Frister ({overdue} forfalt)" if overdue else "Frister")
        self.views.setTabIcon(index, self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
                              if overdue else QIcon())
        self.overdue_label.setText(f"{overdue} forfalte frister" if overdue else "Ingen forfalte frister")
        nir_overdue = overdue_on_radar(self.frister.rows)
        self.views.setTabText(self.views.indexOf(self.nir), f"NIR ({nir_overdue} forfalt)" if nir_overdue else "NIR")
        self.views.setTabIcon(self.views.indexOf(self.nir), self.style().standardIcon(
            QStyle.StandardPixmap.SP_MessageBoxWarning) if nir_overdue else QIcon())

    def open_frist(self, frist) -> None:
        """Show the participant a deadline is about, on the tab where it is dealt with, at its record."""
        tab = {"program": self.page.program, "plan": self.page.plan, "praksis": self.page.praksis}[frist.place]
        if not self._open_on_page(frist.deltaker_id, tab):
            return
        if frist.hendelse_id:
            self.page.program.select_event(frist.hendelse_id)
        if frist.praksis_id:
            self.page.praksis.select_placement(frist.praksis_id)

    def open_praksis(self, deltaker_id: int) -> None:
        """Show the participant on the placements tab (from the overview or an employer's history)."""
        self._open_on_page(deltaker_id, self.page.praksis)

    def open_nir(self, deltaker_id: int, sted: str, hendelse_id: int | None) -> None:
        """Show the participant where a NIR item is dealt with: the event, the plan or the personal details."""
        tab = {"program": self.page.program, "plan": self.page.plan}.get(sted, self.page.tabs.widget(0))
        if self._open_on_page(deltaker_id, tab) and sted == "program" and hendelse_id:
            self.page.program.select_event(hendelse_id)

    def _nir_changed(self) -> None:
        """Events were marked as registered in the NIR view: the radar and the participant shown follow."""
        self._refresh_frister()
        if self.page.deltaker_id is not None:
            self.page.program.refresh()
            self.page.refresh_history()

    def show_stonad_month(self, month) -> None:
        """The benefit view at a month (from the participant's attendance)."""
        self.stonad.show_month(month)
        self.show_stonad()

    def _open_on_page(self, deltaker_id: int, tab) -> bool:
        if not self._leave_page():
            return False
        self.views.setCurrentWidget(self.splitter)
        self.select(deltaker_id)
        self.page.tabs.setCurrentWidget(tab)
        return True

    def _employers_changed(self) -> None:
        self.page.praksis.refresh()  # an employer's new name shows in the participant's placements
        self.praksis_oversikt.refresh()

    def _update_title(self) -> None:
        kommune = settings.load(self.session).kommune_navn
        self.setWindowTitle(f"IntroDesk – {kommune}" if kommune else "IntroDesk")

    def closeEvent(self, event) -> None:
        if self._leave_page():
            event.accept()
        else:
            event.ignore()

    # ----- actions (menus are built from these declarations)

    @action("&Fil", "&Ny deltaker", QKeySequence.StandardKey.New)
    def new_deltaker(self) -> None:
        if self._leave_page():
            self.table.clearSelection()
            self.page.show_new()
            self.page.fields.fields["fornavn"].setFocus()

    @action("&Fil", "&Importer fra regneark …")
    def import_spreadsheet(self) -> None:
        if not self._leave_page():
            return
        wizard = ImportVeiviser(self.session, self)
        wizard.exec()
        if wizard.changed:
            self._after_import()

    @action("&Fil", "Angre siste i&mport")
    def undo_import(self) -> None:
        run = importering.last_run(self.session)
        if run is None:
            norsk.info(self, "Angre siste import", "Det er ingen import å angre.")
            return
        when = f"{format_date(run.tidspunkt.date())} kl. {run.tidspunkt:%H.%M}"
        if not self._leave_page() or not norsk.confirm(
                self, "Angre siste import", f"Angre importen av {run.filnavn} {when}?\n\n{run.nye} nye poster "
                                            f"fjernes, og {run.endret} endrede settes tilbake."):
            return
        try:
            importering.undo_last(self.session)
        except FieldErrors as exc:
            norsk.error(self, "Angre siste import", " ".join(exc.errors.values()))
            return
        self._after_import()
        self.statusBar().showMessage(f"Importen av {run.filnavn} er angret.", 8000)

    def _after_import(self) -> None:
        shown = self.page.deltaker_id
        self._refresh_all()
        if shown is not None and self.model.row_of(shown) >= 0:
            self.page.show_deltaker(shown)  # it may have been changed by the import
            self.select(shown)
        elif shown is not None:
            self.page.show_new()  # removed by the undo

    @action("&Vis", "&Deltakere", "Ctrl+1")
    def show_deltakere(self) -> None:
        self.views.setCurrentWidget(self.splitter)
        self.table.setFocus()

    @action("&Vis", "&Frister", "Ctrl+2")
    def show_frister(self) -> None:
        self._refresh_frister()  # the day may have turned since the window opened
        self.views.setCurrentWidget(self.frister)
        self.frister.table.setFocus()

    @action("&Vis", "&Praksis", "Ctrl+3")
    def show_praksis(self) -> None:
        self.praksis_oversikt.refresh()  # follow-ups fall due as the days pass
        self.views.setCurrentWidget(self.praksis_oversikt)
        self.praksis_oversikt.filter.setFocus()

    @action("&Vis", "&Arbeidsgivere", "Ctrl+4")
    def show_arbeidsgivere(self) -> None:
        self.views.setCurrentWidget(self.arbeidsgivere)
        self.arbeidsgivere.filter.setFocus()

    @action("&Vis", "&Stønad", "Ctrl+5")
    def show_stonad(self) -> None:
        self.views.setCurrentWidget(self.stonad)
        self.stonad.table.setFocus()

    @action("&Vis", "&NIR", "Ctrl+6")
    def show_nir(self) -> None:
        self.nir.refresh()  # registrations fall due as the days pass
        self.views.setCurrentWidget(self.nir)
        self.nir.focus_table()

    @action("&Vis", "&Resultater", "Ctrl+7")
    def show_resultater(self) -> None:
        self.views.setCurrentWidget(self.resultater)
        self.resultater.year.setFocus()

    @action("&Fil", "&Eksporter NIR-årsfil …", separator_before=True)
    def export_nir_year(self) -> None:
        self.views.setCurrentWidget(self.nir)
        self.nir.export_year()

    @action("&Fil", "&Deltakerbevis for avsluttede …", separator_before=True)
    def issue_certificates(self) -> None:
        DeltakerbevisBunke(self.session, self).exec()
        self.page.bevis.refresh()  # the participant shown may have got one

    @action("&Fil", "Ta &sikkerhetskopi", separator_before=True)
    def backup(self) -> None:
        path = self.session.backup("manuell")
        norsk.info(self, "Sikkerhetskopi", f"Kryptert sikkerhetskopi lagret:\n{path}")

    @action("&Fil", "Bytt &passordfrase …")
    def change_passphrase(self) -> None:
        if ChangePassphraseDialog(self.session, self).exec():
            norsk.info(self, "Passordfrase", "Passordfrasen er byttet.")

    @action("&Fil", "&Avslutt", QKeySequence.StandardKey.Quit, separator_before=True)
    def quit(self) -> None:
        self.close()

    @action("&Rediger", "&Angre sletting", QKeySequence.StandardKey.Undo)
    def undo_delete(self) -> None:
        if not self._undo:
            return
        deltaker_id = self._undo.pop()
        deltakere.restore_deltaker(self.session, deltaker_id)
        self.actions["undo_delete"].setEnabled(bool(self._undo))
        self._refresh_all(deltaker_id)
        self.statusBar().showMessage("Slettingen er angret.", 5000)

    @action("&Rediger", "&Finn", QKeySequence.StandardKey.Find)
    def find(self) -> None:
        self.filter.setFocus()
        self.filter.selectAll()

    @action("&Rediger", "&Slett deltaker", QKeySequence.StandardKey.Delete, separator_before=True)
    def delete_deltaker(self) -> None:
        # Text fields claim the Delete key themselves (shortcut override), so this runs only from
        # the list, the menu or a button.
        deltaker_id = self.page.deltaker_id
        if deltaker_id is None:
            return
        name = self.page.title.text()
        if not norsk.confirm(self, "Slett deltaker", f"Slette {name}?\n\nDu kan angre med Ctrl+Z."):
            return
        deltakere.delete_deltaker(self.session, deltaker_id)
        self._undo.append(deltaker_id)
        self.actions["undo_delete"].setEnabled(True)
        self.page.show_new()
        self._refresh_all()
        self.statusBar().showMessage(f"{name} er slettet. Angre med Ctrl+Z.", 8000)

    @action("&Rediger", "Slettede &deltakere …")
    def show_deleted(self) -> None:
        dialog = DeletedDialog(self.session, self)
        dialog.exec()
        if dialog.restored:
            self._refresh_all(dialog.restored[-1])

    @action("&Rediger", "&Innstillinger …", QKeySequence.StandardKey.Preferences, separator_before=True)
    def edit_settings(self) -> None:
        if settings_dialog(self.session, self).exec():
            self._update_title()
            self.resultater.refresh()  # the results target is a setting

    @action("&Rediger", "&Regelverk …")
    def edit_rules(self) -> None:
        RegelverkDialog(self.session, self).exec()
        self.page.program.refresh()  # a new G or end reason applies at once
        self.nir.refresh()  # which events NIR asks for, and its checks, are rules
        self._refresh_frister()
        self.resultater.refresh()  # end reasons, age groups and the small-group limit are rules

    @action("&Hjelp", "&Om IntroDesk")
    def about(self) -> None:
        norsk.info(
            self, "Om IntroDesk",
            f"IntroDesk {__version__}\n\nSaksbehandling for introduksjonsprogrammet i kommunen.\n"
            f"Data: {self.session.data_dir}",
        )
