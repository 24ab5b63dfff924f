"""Stønad: the month's payment basis for payroll, a row per participant, and for the one selected every
line of the basis with its rule and source. Reductions are entered here; approving the month locks it.
DOMAIN.md section 9. IntroDesk never pays: payroll pays from the approved basis."""

from __future__ import annotations

import datetime
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QMenu,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from introdesk.domain.form import FieldErrors
from introdesk.domain.dates import month_name
from introdesk.domain.stonad import REDUKSJON, kroner
from introdesk.services import stonad, stonad_dokumenter
from introdesk.services.session import Session
from introdesk.services.stonad import Maaned, Rad
from introdesk.ui import norsk
from introdesk.ui.documents import save_document
from introdesk.ui.import_dialog import ImportProblemsDialog
from introdesk.ui.fields import ChoiceField, Notice, TextField, code_choices, push_button, search_field
from introdesk.ui.form_dialog import FormDialog
from introdesk.ui.month_grid import MonthGridDialog
from introdesk.ui.month_picker import MonthPicker
from introdesk.ui.row_model import Column, RowFilter, RowModel, row_table, select_id, selected_row
from introdesk.ui.stale import FillWhenShown

_WARNING = QStyle.StandardPixmap.SP_MessageBoxWarning


def _amount(ore: int) -> str:
    """A deduction or correction column: a dash for none, so the amounts that matter stand out."""
    return kroner(ore) if ore else "–"


def _reductions_ore(r: Rad) -> int:
    g = r.grunnlag
    return g.base_ore - g.gross_ore + g.absence_ore  # negative: what the reductions take


def _vedtak(r: Rad) -> str:
    return "Krever vedtak" if r.grunnlag.requires_vedtak else ""


PERSON_COLUMNS = [
    Column("Deltaker", lambda r: r.navn, tooltip=lambda r: r.ident),
    Column("Brutto", lambda r: kroner(r.grunnlag.gross_ore), sort=lambda r: r.grunnlag.gross_ore, number=True,
           header_tip="Månedens stønad, del av måned medregnet"),
    Column("Trekk fravær", lambda r: _amount(-r.grunnlag.absence_ore), sort=lambda r: -r.grunnlag.absence_ore,
           number=True, header_tip="Trekk for ugyldig fravær"),
    Column("Reduksjoner", lambda r: _amount(_reductions_ore(r)), sort=_reductions_ore, number=True,
           header_tip="Andre ytelser, lønn fra arbeid i programmet, motregning"),
    Column("Rettelser", lambda r: _amount(r.grunnlag.net_ore - r.grunnlag.base_ore),
           sort=lambda r: r.grunnlag.net_ore - r.grunnlag.base_ore, number=True,
           header_tip="Etterbetaling eller tilbakebetaling for godkjente måneder"),
    Column("Netto", lambda r: kroner(r.grunnlag.net_ore), sort=lambda r: r.grunnlag.net_ore, number=True,
           header_tip="Til utbetaling"),
    Column("Vedtak", _vedtak, icon=lambda r: _WARNING if r.grunnlag.requires_vedtak else None,
           tooltip=lambda r: r.grunnlag.vedtak_reason,
           header_tip="Trekk for fravær som krever enkeltvedtak med forhåndsvarsel"),
]

# Rows are (Linje, the id of the reduction it shows or None for a computed line).
LINE_COLUMNS = [
    Column("Linje", lambda x: x[0].text, tooltip=lambda x: x[0].text),
    Column("Beløp", lambda x: "" if x[0].ore is None else kroner(x[0].ore), sort=lambda x: x[0].ore or 0,
           number=True),
    Column("Regel og kilde", lambda x: " – ".join(t for t in (x[0].rule, x[0].source) if t),
           tooltip=lambda x: "\n".join(t for t in (x[0].rule, f"Kilde: {x[0].source}" if x[0].source else "") if t)),
]


def lock_pixmap(colour, size: int) -> QPixmap:
    """A padlock in the text colour: Qt's standard icons have none."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(colour, max(1.5, size / 9))
    painter.setPen(pen)
    painter.drawArc(QRectF(size * 0.28, size * 0.08, size * 0.44, size * 0.5), 0, 180 * 16)
    painter.drawLine(QPointF(size * 0.28, size * 0.33), QPointF(size * 0.28, size * 0.45))
    painter.drawLine(QPointF(size * 0.72, size * 0.33), QPointF(size * 0.72, size * 0.45))
    painter.setBrush(colour)
    painter.drawRoundedRect(QRectF(size * 0.16, size * 0.45, size * 0.68, size * 0.48), size * 0.08, size * 0.08)
    painter.end()
    return pixmap


class Explanation(QGroupBox):
    """Every line of one participant's basis, and why the absence deduction needs a decision when it does."""

    def __init__(self, parent=None):
        super().__init__("Grunnlag", parent)
        self.vedtak = Notice("vedtak")
        self.model = RowModel(LINE_COLUMNS, row_id=lambda x: x[1], parent=self)
        self.table = row_table(self.model, "Linjene i grunnlaget", stretch=2, sortable=False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.vedtak)
        layout.addWidget(self.table, 1)
        self.show_row(None, "", [])

    def show_row(self, row: Rad | None, month: str, reduction_ids: list[int]) -> None:
        """`reduction_ids`: the participant's reductions, in the order the basis lists them."""
        self.setTitle(f"Grunnlag for {row.navn}, {month}" if row else "Grunnlag")
        lines = row.grunnlag.lines if row else ()
        ids = iter(reduction_ids)
        self.model.set_rows([(line, next(ids, None) if line.kind == REDUKSJON else None) for line in lines])
        needs = bool(row and row.grunnlag.requires_vedtak)
        self.vedtak.set_text(row.grunnlag.vedtak_reason if needs else "")

    def selected_reduction(self) -> int | None:
        line = selected_row(self.table)
        return line[1] if line else None


class StonadView(FillWhenShown, QWidget):
    changed = Signal()  # absences or reductions were saved here

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        self.basis: Maaned | None = None

        self.picker = MonthPicker()
        self.picker.changed.connect(lambda _month: self.refresh())
        self.status_icon = QLabel()
        self.status = QLabel()
        font = self.status.font()
        font.setBold(True)
        self.status.setFont(font)
        search, self.filter = search_field("Søk på navn eller nummer", "Søk i stønadsgrunnlaget")
        self.filter.setMinimumWidth(260)
        top = QHBoxLayout()
        top.addWidget(self.picker)
        top.addSpacing(16)
        top.addWidget(self.status_icon)
        top.addWidget(self.status, 1)
        top.addLayout(search)

        self.model = RowModel(PERSON_COLUMNS, row_id=lambda r: r.deltaker_id,
                              haystack=lambda r: f"{r.navn} {r.ident}", parent=self)
        self.proxy = RowFilter(self)
        self.proxy.setSourceModel(self.model)
        self.filter.textChanged.connect(self.proxy.set_text)
        self.table = row_table(self.proxy, "Stønad per deltaker", stretch=len(PERSON_COLUMNS) - 1)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.total = QLabel()
        self.total.setFont(font)
        self.total.setAlignment(Qt.AlignmentFlag.AlignRight)

        self.explanation = Explanation()
        self.explanation.table.selectionModel().selectionChanged.connect(self._update_buttons)

        self.add_button = push_button("&Legg til reduksjon …", self.add_reduction,
                                      "Andre ytelser, lønn fra arbeid i programmet eller motregning for deltakeren")
        self.remove_button = push_button("Fjern re&duksjon", self.remove_reduction,
                                         "Velg reduksjonen i grunnlaget først")
        self.grid_button = push_button("Fravær for må&neden …", self.open_month_grid,
                                       "Før fravær for alle deltakerne i måneden")
        self.approve_button = push_button("&Godkjenn måned …", self.approve)
        self.documents_button = QPushButton("D&okumenter")
        menu = QMenu(self.documents_button)
        self.statement_action = menu.addAction("Stønadsoversikt til deltakeren (PDF) …", self.write_statement)
        menu.addSeparator()
        self.notice_action = menu.addAction("Forhåndsvarsel om trekk (PDF) …", lambda: self.write_letter("forhandsvarsel"))
        self.decision_action = menu.addAction("Vedtak om trekk (PDF) …", lambda: self.write_letter("vedtak"))
        self.documents_button.setMenu(menu)
        self.export_button = push_button("E&ksporter til lønn …", self.export,
                                         "En godkjent måned som Excel eller CSV, én rad per deltaker")
        self.import_button = push_button("&Importer fravær …", self.import_attendance,
                                         "Les lærerens fraværsliste (CSV eller Excel); se docs/fravaer-import.md")
        buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.grid_button, self.import_button,
                       self.documents_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.approve_button)

        people = QWidget()
        people_layout = QVBoxLayout(people)
        people_layout.setContentsMargins(0, 0, 0, 0)
        people_layout.addWidget(self.table, 1)
        people_layout.addWidget(self.total)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(people)
        splitter.addWidget(self.explanation)
        splitter.setSizes([380, 300])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)

    @property
    def month(self) -> datetime.date:
        return self.picker.month

    def show_month(self, month: datetime.date) -> None:
        self.picker.set_month(month)  # fills through the picker's signal when the month changes

    def fill(self) -> None:
        current = self.selected_id()
        self.basis = stonad.month_basis(self.session, self.month)
        self.model.set_rows(self.basis.rows)
        self._show_status()
        if not select_id(self.table, current) and self.proxy.rowCount():
            self.table.selectRow(0)
        self._selection_changed()

    def _show_status(self) -> None:
        b = self.basis
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        if b.locked:
            self.status_icon.setPixmap(lock_pixmap(self.palette().windowText().color(), size))
            self.status.setText(f"Godkjent {b.approved}: låst. Senere endringer føres i neste åpne måned.")
        else:
            self.status_icon.clear()
            self.status.setText("Åpen: ikke godkjent ennå.")
        self.status_icon.setVisible(b.locked)
        vedtak = sum(r.grunnlag.requires_vedtak for r in b.rows)
        self.total.setText(f"{len(b.rows)} deltakere · til utbetaling {kroner(b.total_ore)}"
                           + (f" · {vedtak} krever vedtak" if vedtak else ""))

    def selected(self) -> Rad | None:
        return selected_row(self.table)

    def selected_id(self) -> int | None:
        row = self.selected()
        return row.deltaker_id if row else None

    def _selection_changed(self) -> None:
        row = self.selected()
        ids = [r.id for r in stonad.reductions(self.session, self.month)
               if row and r.deltaker_id == row.deltaker_id] if self.basis and not self.basis.locked else []
        self.explanation.show_row(row, month_name(self.month), ids)
        self._update_buttons()

    def _update_buttons(self) -> None:
        open_month = self.basis is not None and not self.basis.locked
        row = self.selected()
        self.add_button.setEnabled(open_month and row is not None)
        self.remove_button.setEnabled(open_month and self.explanation.selected_reduction() is not None)
        self.approve_button.setEnabled(open_month)
        self.export_button.setEnabled(self.basis is not None and self.basis.locked)
        self.documents_button.setEnabled(row is not None)
        for action in (self.notice_action, self.decision_action):
            action.setEnabled(row is not None and row.grunnlag.requires_vedtak)

    def _after_change(self) -> None:
        self.fill()
        self.changed.emit()

    # ----- actions

    def add_reduction(self) -> None:
        row = self.selected()
        if row is None:
            return
        fields = [ChoiceField("type", "Type", code_choices(self.session.rules.codes("reduksjonstype"))),
                  TextField("tekst", "Tekst", "Står i grunnlaget; tomt gir typen"),
                  TextField("belop", "Beløp (kr)", "2 500,50")]
        dialog = FormDialog(f"Reduksjon for {row.navn}, {month_name(self.month)}", fields,
                            lambda values: stonad.add_reduction(self.session, row.deltaker_id, self.month, values),
                            intro="Barnetrygd, kontantstøtte, barnebidrag og lønn fra arbeid utenfor programmet "
                                  "reduserer ikke stønaden.", parent=self)
        if dialog.exec():
            self._after_change()

    def remove_reduction(self) -> None:
        reduction_id = self.explanation.selected_reduction()
        line = selected_row(self.explanation.table)
        if reduction_id is None or not norsk.confirm(self, "Fjern reduksjon",
                                                     f"Fjerne «{line[0].text}» ({kroner(-line[0].ore)})?"):
            return
        try:
            stonad.delete_reduction(self.session, reduction_id)
        except FieldErrors as exc:
            norsk.error(self, "Fjern reduksjon", "\n".join(exc.errors.values()))
        self._after_change()

    def approve(self) -> None:
        b = self.basis
        vedtak = sum(r.grunnlag.requires_vedtak for r in b.rows)
        text = (f"Godkjenne stønaden for {month_name(b.month)}: {len(b.rows)} deltakere, til sammen "
                f"{kroner(b.total_ore)}?\n\nMåneden blir låst: grunnlaget kan ikke endres etterpå, og senere "
                "endringer føres som rettelser i neste åpne måned.")
        if vedtak:
            text += f"\n\n{vedtak} deltakere har trekk for fravær som krever enkeltvedtak med forhåndsvarsel."
        if not norsk.confirm(self, "Godkjenn måned", text):
            return
        try:
            stonad.approve(self.session, b.month)
        except FieldErrors as exc:
            norsk.error(self, "Godkjenn måned", "\n".join(exc.errors.values()))
            return
        self._after_change()

    def write_statement(self) -> None:
        row = self.selected()
        if row:
            save_document(self, "Stønadsoversikt", f"Stønadsoversikt {row.navn} {self.month:%Y-%m}.pdf",
                          lambda path: stonad_dokumenter.write_statement(self.session, row.deltaker_id, self.month,
                                                                        path))

    def write_letter(self, kind: str) -> None:
        row = self.selected()
        title = "Forhåndsvarsel om trekk" if kind == "forhandsvarsel" else "Vedtak om trekk"
        if row:
            save_document(self, title, f"{title} {row.navn} {self.month:%Y-%m}.pdf",
                          lambda path: stonad_dokumenter.write_letter(self.session, row.deltaker_id, self.month, kind,
                                                                     path))

    def export(self) -> None:
        written = save_document(self, "Eksporter til lønn", f"Introduksjonsstønad {self.month:%Y-%m}.xlsx",
                                lambda path: stonad_dokumenter.export_month(self.session, self.month, path),
                                "Excel (*.xlsx);;CSV med semikolon (*.csv)", open_after=False)
        if written:
            norsk.info(self, "Eksporter til lønn", f"Grunnlaget for {month_name(self.month)} er lagret:\n{written}")

    def import_attendance(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Importer fravær", "", "Fraværslister (*.csv *.xlsx)")
        if not path:
            return
        try:
            report = stonad_dokumenter.import_attendance(self.session, Path(path), dry_run=True)
            if report.problems:
                ImportProblemsDialog(Path(path).name, report, self).exec()
                return
            if not norsk.confirm(self, "Importer fravær", f"{Path(path).name}: {report.rows_read} rader uten feil. "
                                                          "Føre dem inn i fraværet nå?"):
                return
            report = stonad_dokumenter.import_attendance(self.session, Path(path))
        except FieldErrors as exc:  # the file could not be read at all: empty, not a spreadsheet, open in Excel
            norsk.error(self, "Importer fravær", "\n".join(exc.errors.values()))
            return
        norsk.info(self, "Importer fravær", f"{report.written} dager er ført inn.")
        self._after_change()

    def open_month_grid(self) -> None:
        dialog = MonthGridDialog(self.session, self.month, self)
        dialog.exec()
        if dialog.written:
            self._after_change()
