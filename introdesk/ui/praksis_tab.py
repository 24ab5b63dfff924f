"""The participant's placements: the list, and for the one selected its phases, follow-up log and outcome."""

from __future__ import annotations

import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from introdesk.domain.dates import format_date
from introdesk.domain.praksis import FORMS, PHASES, Oppfolging
from introdesk.services import praksis
from introdesk.services.praksis import PraksisRad
from introdesk.services.session import Session
from introdesk.ui import norsk
from introdesk.ui.fields import push_button
from introdesk.ui.documents import save_document
from introdesk.ui.praksis_columns import URGENCY_ICONS, followup_text, followup_urgency, pick, praksis_columns
from introdesk.ui.praksis_dialog import PraksisDialog, log_followup
from introdesk.ui.row_model import Column, RowModel, date_key, row_table, select_id, selected_row

PHASE_TEXTS = {"fase_forberedelse": "Forberedelse", "fase_underveis": "Oppfølging underveis",
               "fase_oppsummering": "Oppsummering"}
LOG_COLUMNS = [
    Column("Dato", lambda o: format_date(o.dato), sort=lambda o: date_key(o.dato)),
    Column("Form", lambda o: FORMS[o.form]),
    Column("Utført av", lambda o: o.av),
    Column("Notat", lambda o: o.notat.replace("\n", " "), tooltip=lambda o: o.notat),
]


class PraksisDetails(QWidget):
    """The selected placement: phases ticked off here, the follow-up log, what is due next and how it ended."""

    changed = Signal()  # a phase ticked or a follow-up removed

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        self.row: PraksisRad | None = None

        self.phases = {name: QCheckBox(PHASE_TEXTS[name]) for name in PHASES}
        phase_row = QHBoxLayout()
        for name, box in self.phases.items():
            box.toggled.connect(lambda done, name=name: self._mark_phase(name, done))
            phase_row.addWidget(box)
        phase_row.addStretch(1)

        self.next_icon = QLabel()
        self.next_text = QLabel()
        next_row = QHBoxLayout()
        next_row.setContentsMargins(0, 0, 0, 0)
        next_row.addWidget(self.next_icon)
        next_row.addWidget(self.next_text, 1)
        self.texts = {name: QLabel() for name in ("kontakt", "avtale", "evaluering", "utfall")}
        form = QFormLayout()
        form.addRow("Faser", phase_row)
        form.addRow("Neste oppfølging", next_row)
        for name, label in (("kontakt", "Kontaktperson"), ("avtale", "Praksisavtale"),
                            ("evaluering", "Evaluering"), ("utfall", "Utfall")):
            self.texts[name].setWordWrap(True)
            self.texts[name].setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(label, self.texts[name])

        self.log = RowModel(LOG_COLUMNS, row_id=lambda o: o.id, parent=self)
        self.log_table = row_table(self.log, "Oppfølgingslogg", stretch=3)
        self.log_table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.remove_log_button = push_button("Fjern opp&følging", self.remove_followup)
        log_box = QGroupBox("Oppfølgingslogg")
        log_layout = QVBoxLayout(log_box)
        log_layout.addWidget(self.log_table)
        remove_row = QHBoxLayout()
        remove_row.addStretch(1)
        remove_row.addWidget(self.remove_log_button)
        log_layout.addLayout(remove_row)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(log_box, 1)
        self.show_row(None)

    def show_row(self, row: PraksisRad | None) -> None:
        self.row = row
        p = row.praksis if row else None
        for name, box in self.phases.items():
            box.blockSignals(True)
            box.setChecked(bool(p and getattr(p, name)))
            box.setEnabled(p is not None)
            box.blockSignals(False)
        today = datetime.date.today()
        urgency = followup_urgency(row.neste_oppfolging, today) if row else None
        if urgency:
            size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
            self.next_icon.setPixmap(self.style().standardIcon(URGENCY_ICONS[urgency]).pixmap(size, size))
        self.next_icon.setVisible(urgency is not None)
        self.next_text.setText(self._next_followup(row, today))
        outcomes = self.session.rules.codes("praksisutfall")
        self.texts["kontakt"].setText(row.kontakt if row and row.kontakt else "–")
        self.texts["avtale"].setText(f"Signert {format_date(p.avtale_signert)}" if p and p.avtale_signert
                                     else "Ikke signert" if p else "–")
        self.texts["evaluering"].setText(p.evaluering if p and p.evaluering else "–")
        outcome = outcomes.label(p.utfall) if p and p.utfall else "Ikke avsluttet ennå" if p else "–"
        self.texts["utfall"].setText(f"{outcome}: {p.utfall_grunn}" if p and p.utfall_grunn else outcome)
        self.log.set_rows(sorted(praksis.followups(self.session, p.id), key=lambda o: o.dato, reverse=True)
                          if p else [])
        self._update_buttons()

    @staticmethod
    def _next_followup(row: PraksisRad | None, today: datetime.date) -> str:
        if row is None:
            return "–"
        if row.neste_oppfolging is None:
            return f"Ingen – praksisen er {row.status.lower()}"
        who = f" ({row.oppfolger})"
        return followup_text(row.neste_oppfolging, today) + who

    def _mark_phase(self, phase: str, done: bool) -> None:
        if self.row:
            praksis.mark_phase(self.session, self.row.praksis.id, phase, done)
            self.changed.emit()

    def _selected_followup(self) -> Oppfolging | None:
        return selected_row(self.log_table)

    def _update_buttons(self) -> None:
        self.remove_log_button.setEnabled(self._selected_followup() is not None)

    def remove_followup(self) -> None:
        o = self._selected_followup()
        if o is None or not norsk.confirm(self, "Fjern oppfølging",
                                          f"Fjerne {FORMS[o.form].lower()} {format_date(o.dato)} fra loggen?"):
            return
        praksis.delete_followup(self.session, o.id)
        self.changed.emit()


class PraksisTab(QWidget):
    changed = Signal()  # a placement or its follow-up was saved or removed: the window's lists follow

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        self.deltaker_id: int | None = None

        # The page is narrow: type under employer, status under period, hours under days, who under when.
        columns = pick(praksis_columns(session.rules), "praksis", "periode_status", "omfang", "oppfolging")
        self.model = RowModel(columns, row_id=lambda r: r.praksis.id, parent=self)
        self.table = row_table(self.model, "Praksisplasser", stretch=0)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.doubleClicked.connect(self.edit_selected)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)

        self.new_button = push_button("&Ny praksis …", self.new_placement)
        self.edit_button = push_button("&Endre …", self.edit_selected)
        self.log_button = push_button("Lo&gg oppfølging …", self.log_followup,
                                      "Registrer et besøk eller en samtale; neste oppfølging regnes fra den")
        self.pdf_button = push_button("Praksisavtale (P&DF) …", self.save_agreement,
                                      "Lag praksisavtalen som PDF, til underskrift")
        self.delete_button = QPushButton("F&jern")  # Alt+F is the File menu
        self.delete_button.clicked.connect(self.delete_selected)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.log_button, self.pdf_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.table, 1)
        top_layout.addLayout(buttons)
        self.details = PraksisDetails(session)
        self.details.changed.connect(self._after_change)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(top)
        splitter.addWidget(self.details)
        splitter.setSizes([200, 400])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    def show_deltaker(self, deltaker_id: int | None) -> None:
        self.deltaker_id = deltaker_id
        self.refresh()

    def refresh(self, select: int | None = None) -> None:
        """Read the placements again, keeping the selected one (or selecting `select`)."""
        current = select or self.selected_id()
        self.model.set_rows(praksis.placements(self.session, self.deltaker_id) if self.deltaker_id else [])
        if not select_id(self.table, current) and self.model.rows:
            self.table.selectRow(0)
        self._selection_changed()

    def selected(self) -> PraksisRad | None:
        return selected_row(self.table)

    def selected_id(self) -> int | None:
        row = self.selected()
        return row.praksis.id if row else None

    def select_placement(self, placement_id: int) -> None:
        select_id(self.table, placement_id)
        self.table.setFocus()

    def _selection_changed(self) -> None:
        row = self.selected()
        self.details.show_row(row)
        for button in (self.edit_button, self.log_button, self.pdf_button, self.delete_button):
            button.setEnabled(row is not None)
        self.new_button.setEnabled(self.deltaker_id is not None)

    def _after_change(self, select: int | None = None) -> None:
        self.refresh(select)
        self.changed.emit()

    # ----- actions

    def new_placement(self) -> None:
        self._run(PraksisDialog(self.session, self.deltaker_id, parent=self))

    def edit_selected(self) -> None:
        row = self.selected()
        if row:
            self._run(PraksisDialog(self.session, self.deltaker_id, row.praksis, parent=self))

    def _run(self, dialog: PraksisDialog) -> None:
        saved = dialog.exec()
        if saved or dialog.register_changed:  # a new employer shows in the register even if this was cancelled
            self._after_change(dialog.saved_id)

    def log_followup(self) -> None:
        row = self.selected()
        if row and log_followup(self.session, row.praksis, self):
            self._after_change()

    def delete_selected(self) -> None:
        row = self.selected()
        if row is None or not norsk.confirm(
                self, "Fjern praksis", f"Fjerne praksisen hos {row.arbeidsgiver} "
                                       f"({format_date(row.praksis.fra)}–{format_date(row.praksis.til)})?\n\n"
                                       "Den blir stående i historikken."):
            return
        praksis.delete_placement(self.session, row.praksis.id)
        self._after_change()

    def save_agreement(self) -> None:
        row = self.selected()
        if row is None:
            return
        save_document(self, "Lagre praksisavtalen", f"Praksisavtale {row.deltaker} {row.arbeidsgiver}.pdf",
                      lambda path: praksis.write_agreement_pdf(self.session, row.praksis.id, path))
