"""The employer register: who takes placements, who has taken women, who hires, and in which sectors.

The counts help spread the load over employers; the selected employer's contact persons and
placement history are beside the list.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from introdesk.domain.dates import format_date
from introdesk.domain.form import FieldErrors
from introdesk.domain.praksis import Kontaktperson
from introdesk.services import praksis
from introdesk.services.praksis import ArbeidsgiverRad
from introdesk.services.session import Session
from introdesk.ui import norsk
from introdesk.ui.arbeidsgiver_dialogs import edit_contact, edit_employer
from introdesk.ui.praksis_columns import pick, praksis_columns
from introdesk.ui.fields import push_button, search_field
from introdesk.ui.row_model import Column, RowFilter, RowModel, row_table, select_id, selected_row
from introdesk.ui.stale import FillWhenShown


def _count(header: str, value, meaning: str) -> Column:
    return Column(header, lambda r: str(value(r.statistikk)), sort=lambda r: value(r.statistikk), number=True,
                  header_tip=meaning)


def _name_tip(r: ArbeidsgiverRad) -> str:
    ended = r.statistikk.last_ended
    return r.arbeidsgiver.navn + (f"\nSiste praksis avsluttet {format_date(ended)}" if ended else "")


# Short headers, so the counts leave room for the names; the header's tooltip says what each counts.
EMPLOYER_COLUMNS = [
    Column("Navn", lambda r: r.arbeidsgiver.navn, tooltip=_name_tip),
    Column("Org.nr.", lambda r: r.arbeidsgiver.orgnr_formatted(), sort=lambda r: r.arbeidsgiver.orgnr),
    Column("Sektor", lambda r: r.sektor),
    Column("Poststed", lambda r: r.arbeidsgiver.poststed),
    _count("Praksiser", lambda s: s.placements, "Praksiser i alt hos arbeidsgiveren"),
    _count("Siste 12 mnd.", lambda s: s.last_12_months, "Praksiser de siste 12 månedene"),
    _count("Kvinner", lambda s: s.women, "Kvinner som har hatt praksis her"),
    _count("Jobbtilbud", lambda s: s.job_offers, "Praksiser som endte med tilbud om jobb"),
    _count("Pågår", lambda s: s.running, "Praksiser som pågår nå"),
]
CONTACT_COLUMNS = [
    Column("Navn", lambda c: c.navn),
    Column("Rolle", lambda c: c.rolle),
    Column("Telefon", lambda c: c.telefon),
    Column("E-post", lambda c: c.epost),
]


def _haystack(r: ArbeidsgiverRad) -> str:
    a = r.arbeidsgiver
    return f"{a.navn} {a.orgnr} {r.sektor} {a.poststed} {a.postnummer}"


class ArbeidsgiverView(FillWhenShown, QWidget):
    changed = Signal()  # an employer or contact saved or removed: placement lists show the new names
    open_requested = Signal(int)  # a participant id, from the placement history

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session

        search_row, self.filter = search_field("Søk på navn, organisasjonsnummer, sektor eller sted",
                                               "Søk i arbeidsgiverregisteret")
        self.filter.textChanged.connect(self._filter_changed)
        self.count_label = QLabel()
        search_row.addWidget(self.count_label)

        self.model = RowModel(EMPLOYER_COLUMNS, row_id=lambda r: r.arbeidsgiver.id, haystack=_haystack, parent=self)
        self.proxy = RowFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = row_table(self.proxy, "Arbeidsgivere", stretch=0)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.doubleClicked.connect(self.edit_selected)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)

        self.new_button = push_button("&Ny arbeidsgiver …", self.new_employer)
        self.edit_button = push_button("&Endre …", self.edit_selected)
        self.delete_button = QPushButton("F&jern arbeidsgiver")  # Alt+F is the File menu
        self.delete_button.clicked.connect(self.delete_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.edit_button)
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(search_row)
        left_layout.addWidget(self.table, 1)
        left_layout.addLayout(buttons)
        self.details = ArbeidsgiverDetails(session)
        self.details.changed.connect(self._contacts_changed)
        self.details.open_requested.connect(self.open_requested)
        splitter = QSplitter()
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(left)
        splitter.addWidget(self.details)
        splitter.setSizes([900, 480])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    def fill(self, select: int | None = None) -> None:
        """Read the register again, keeping the selected employer (or selecting `select`)."""
        current = select or self.selected_id()
        self.model.set_rows(praksis.employers(self.session))
        if not select_id(self.table, current) and self.proxy.rowCount():
            self.table.selectRow(0)
        self._update_count()
        self._selection_changed()

    def selected(self) -> ArbeidsgiverRad | None:
        return selected_row(self.table)

    def selected_id(self) -> int | None:
        row = self.selected()
        return row.arbeidsgiver.id if row else None

    def _filter_changed(self, text: str) -> None:
        self.proxy.set_text(text)
        self._update_count()
        if self.selected() is None and self.proxy.rowCount():
            self.table.selectRow(0)
        self._selection_changed()

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count_label.setText(f"{total} arbeidsgivere" if shown == total else f"{shown} av {total} arbeidsgivere")

    def _selection_changed(self) -> None:
        row = self.selected()
        self.details.show_row(row)
        self.edit_button.setEnabled(row is not None)
        self.delete_button.setEnabled(row is not None)

    def _after_change(self, select: int | None = None) -> None:
        self.fill(select)
        self.changed.emit()

    def _contacts_changed(self) -> None:
        self.details.show_row(self.selected())
        self.changed.emit()

    def new_employer(self) -> None:
        employer_id = edit_employer(self.session, self)
        if employer_id is not None:
            self.filter.clear()  # the new one might not match the search
            self._after_change(employer_id)

    def edit_selected(self) -> None:
        employer_id = self.selected_id()
        if employer_id is not None and edit_employer(self.session, self, employer_id) is not None:
            self._after_change(employer_id)

    def delete_selected(self) -> None:
        row = self.selected()
        if row is None or not norsk.confirm(self, "Fjern arbeidsgiver",
                                            f"Fjerne {row.arbeidsgiver.navn} fra registeret?\n\n"
                                            "Tidligere praksiser blir stående i historikken."):
            return
        try:
            praksis.delete_employer(self.session, row.arbeidsgiver.id)
        except FieldErrors as exc:
            norsk.error(self, "Fjern arbeidsgiver", "\n".join(exc.errors.values()))
            return
        self._after_change()


class ArbeidsgiverDetails(QWidget):
    """One employer: address and note, its contact persons, and the placements it has taken."""

    changed = Signal()  # a contact person saved or removed
    open_requested = Signal(int)

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        self.row: ArbeidsgiverRad | None = None

        self.texts = {name: QLabel() for name in ("navn", "adresse", "sektor", "notat")}
        info = QGroupBox("Arbeidsgiver")
        form = QFormLayout(info)
        for name, label in (("navn", "Navn"), ("adresse", "Adresse"), ("sektor", "Sektor"), ("notat", "Notat")):
            self.texts[name].setWordWrap(True)
            self.texts[name].setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(label, self.texts[name])

        self.contacts = RowModel(CONTACT_COLUMNS, row_id=lambda c: c.id, parent=self)
        self.contact_table = row_table(self.contacts, "Kontaktpersoner", stretch=3)
        self.contact_table.doubleClicked.connect(self.edit_contact)
        self.contact_table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.new_contact_button = push_button("Ny &kontaktperson …", self.new_contact)
        self.edit_contact_button = push_button("Endre kon&taktperson …", self.edit_contact)
        self.delete_contact_button = push_button("Fjern kontakt&person", self.delete_contact)
        contact_buttons = QHBoxLayout()
        contact_buttons.addWidget(self.new_contact_button)
        contact_buttons.addWidget(self.edit_contact_button)
        contact_buttons.addStretch(1)
        contact_buttons.addWidget(self.delete_contact_button)
        contact_box = QGroupBox("Kontaktpersoner")
        contact_layout = QVBoxLayout(contact_box)
        contact_layout.addWidget(self.contact_table)
        contact_layout.addLayout(contact_buttons)

        columns = pick(praksis_columns(session.rules), "deltaker", "periode", "type", "utfall")
        self.history = RowModel(columns, row_id=lambda r: r.praksis.id, parent=self)
        self.history_table = row_table(self.history, "Praksishistorikk", stretch=3)
        self.history_table.setToolTip("Dobbeltklikk for å åpne deltakeren")
        self.history_table.activated.connect(self._open)
        self.history_box = QGroupBox("Praksishistorikk")
        history_layout = QVBoxLayout(self.history_box)
        history_layout.addWidget(self.history_table)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(info)
        layout.addWidget(contact_box, 1)
        layout.addWidget(self.history_box, 2)
        self.show_row(None)

    def show_row(self, row: ArbeidsgiverRad | None) -> None:
        self.row = row
        a = row.arbeidsgiver if row else None
        if a:
            place = " ".join(part for part in (a.postnummer, a.poststed) if part)
            texts = {"navn": f"{a.navn}, org.nr. {a.orgnr_formatted()}" if a.orgnr else a.navn,
                     "adresse": ", ".join(part for part in (a.adresse, place) if part),
                     "sektor": row.sektor, "notat": a.notat}
        else:
            texts = {"navn": "Ingen arbeidsgiver valgt"}
        for name, label in self.texts.items():
            label.setText(texts.get(name) or "–")
        self.contacts.set_rows(praksis.contacts(self.session, a.id) if a else [])
        history = praksis.placements(self.session, employer_id=a.id) if a else []
        self.history.set_rows(sorted(history, key=lambda r: r.praksis.fra, reverse=True))
        self.history_box.setTitle(f"Praksishistorikk ({len(history)})" if a else "Praksishistorikk")
        self.new_contact_button.setEnabled(a is not None)
        self._update_buttons()

    def _selected_contact(self) -> Kontaktperson | None:
        return selected_row(self.contact_table)

    def _update_buttons(self) -> None:
        has = self._selected_contact() is not None
        self.edit_contact_button.setEnabled(has)
        self.delete_contact_button.setEnabled(has)

    def _open(self, index) -> None:
        self.open_requested.emit(self.history.row(index).praksis.deltaker_id)

    def new_contact(self) -> None:
        if self.row and edit_contact(self.session, self.row.arbeidsgiver.id, self) is not None:
            self.changed.emit()

    def edit_contact(self) -> None:
        c = self._selected_contact()
        if c and edit_contact(self.session, c.arbeidsgiver_id, self, c.id) is not None:
            self.changed.emit()

    def delete_contact(self) -> None:
        c = self._selected_contact()
        if c and norsk.confirm(self, "Fjern kontaktperson", f"Fjerne {c.navn} som kontaktperson?"):
            try:
                praksis.delete_contact(self.session, c.id)
            except FieldErrors as exc:
                norsk.error(self, "Fjern kontaktperson", "\n".join(exc.errors.values()))
                return
            self.changed.emit()
