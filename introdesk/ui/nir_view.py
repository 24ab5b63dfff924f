"""NIR: the events still to be keyed into NIR web, oldest first with their two-month deadline, marked
as registered one by one or a selection at a time; and the year's completeness check, per participant,
with the rule and how to fix each problem, and the yearly file set. DOMAIN.md section 12.

A double-click (or Enter) opens the participant where the item is dealt with."""

from __future__ import annotations

import datetime
from pathlib import Path

from PySide6.QtCore import QSortFilterProxyModel, QStandardPaths, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QStyle,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from introdesk.domain.dates import format_date
from introdesk.domain.form import FieldErrors, required_date
from introdesk.domain.frister import when
from introdesk.domain.names import norwegian_sort_key
from introdesk.domain.nir import FEIL
from introdesk.services import frister, nir
from introdesk.services.nir import MangelRad, NirRad
from introdesk.services.session import Session
from introdesk.ui import norsk
from introdesk.ui.fields import TextField, push_button, search_field
from introdesk.ui.form_dialog import FormDialog
from introdesk.ui.row_model import Column, RowFilter, RowModel, date_key, row_table, select_id
from introdesk.ui.stale import FillWhenShown

_WARNING = QStyle.StandardPixmap.SP_MessageBoxWarning
_CRITICAL = QStyle.StandardPixmap.SP_MessageBoxCritical
OPEN_HINT = "Dobbeltklikk eller trykk Enter for å åpne deltakeren"
FIRST_MONTH_OF_NEW_YEAR = 3  # before March the adviser is still finishing last year's file


def overdue_on_radar(frister_rows) -> int:
    """The overdue registrations as the Frister radar counts them (a snoozed one is not): the radar is read
    after every change, so the window's tab can show the count while this view waits to be shown."""
    return frister.overdue_count([r for r in frister_rows if r.frist.kind == "nir"])


def default_year(today: datetime.date) -> int:
    return today.year - 1 if today.month < FIRST_MONTH_OF_NEW_YEAR else today.year


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _overdue(r: NirRad, today: datetime.date) -> bool:
    return r.registrering.due < today


def _bold(label: QLabel) -> QLabel:
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


def _selected_rows(table: QTableView) -> list:
    """The row objects behind every selected row, in the order shown."""
    model = table.model()
    indexes = sorted(table.selectionModel().selectedRows(), key=lambda i: i.row())
    if isinstance(model, QSortFilterProxyModel):
        return [model.sourceModel().row(model.mapToSource(i)) for i in indexes]
    return [model.row(i) for i in indexes]


# ----- the worklist

def worklist_columns(today: datetime.date) -> list[Column]:
    def due_text(r: NirRad) -> str:
        due = format_date(r.registrering.due)
        return f"{due} – forfalt" if _overdue(r, today) else due

    return [
        Column("Deltaker", lambda r: r.navn),
        Column("Hendelse", lambda r: r.registrering.what),
        Column("Dato", lambda r: format_date(r.registrering.hendelse.dato),
               sort=lambda r: date_key(r.registrering.hendelse.dato), header_tip="Datoen hendelsen gjelder fra"),
        Column("Vedtak", lambda r: format_date(r.registrering.hendelse.vedtaksdato) or "–",
               sort=lambda r: date_key(r.registrering.hendelse.vedtaksdato), header_tip="Vedtaksdato"),
        Column("Frist", due_text, sort=lambda r: date_key(r.registrering.due),
               icon=lambda r: _WARNING if _overdue(r, today) else None,
               tooltip=lambda r: f"Registreres i NIR senest to måneder etter {format_date(r.registrering.since)}",
               header_tip="Registreres i NIR senest to måneder etter hendelsen eller vedtaket"),
        Column("Når", lambda r: when(r.registrering.due, today), sort=lambda r: date_key(r.registrering.due)),
    ]


class Registreringsliste(FillWhenShown, QWidget):
    """The events NIR asks for that are not marked as registered yet, oldest first."""

    open_requested = Signal(int, int)  # deltaker_id, hendelse_id
    changed = Signal()  # events were marked as registered

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        self.today = datetime.date.today()
        self.heading = _bold(QLabel())
        search, self.filter = search_field("Søk på deltaker eller hendelse", "Søk i hendelsene til registrering")
        self.filter.setMinimumWidth(280)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addLayout(search)

        self.model = RowModel(worklist_columns(self.today), row_id=lambda r: r.registrering.hendelse.id,
                              haystack=self._haystack, parent=self)
        self.proxy = RowFilter(self)
        self.proxy.setSourceModel(self.model)
        self.filter.textChanged.connect(self._filter_changed)
        self.table = row_table(self.proxy, "Hendelser til registrering i NIR", stretch=5)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setToolTip(f"{OPEN_HINT}. Ctrl+R: registrert i NIR i dag. Ctrl+Z: angre.")
        self.table.doubleClicked.connect(self.open_selected)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        for key, slot in ((QKeySequence(Qt.Key.Key_Return), self.open_selected),
                          (QKeySequence(Qt.Key.Key_Enter), self.open_selected),
                          (QKeySequence("Ctrl+R"), self.mark_today),
                          (QKeySequence(QKeySequence.StandardKey.Undo), self.undo)):
            QShortcut(key, self.table, slot, context=Qt.ShortcutContext.WidgetShortcut)

        self.open_button = push_button("Å&pne deltaker", self.open_selected, "Åpne hendelsen under Program")
        self.today_button = push_button("Registrert i NIR i &dag", self.mark_today,
                                        "Merk de valgte hendelsene som registrert i NIR i dag (Ctrl+R i listen)")
        self.date_button = push_button("Registrert da&to …", self.mark_on_day,
                                       "Merk de valgte hendelsene som registrert i NIR på en annen dag")
        self.undo_button = push_button("&Angre", self.undo, "Ta tilbake den siste merkingen (Ctrl+Z i listen)")
        self._undo: dict[int, datetime.date | None] = {}  # the last marking's dates before
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(self.undo_button)
        buttons.addWidget(self.today_button)
        buttons.addWidget(self.date_button)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self._update_buttons()

    @staticmethod
    def _haystack(r: NirRad) -> str:
        h = r.registrering.hendelse
        return f"{r.navn} {r.registrering.what} {format_date(h.dato)} {format_date(r.registrering.due)}"

    @property
    def rows(self) -> list[NirRad]:
        return self.model.rows

    def fill(self, select: int | None = None) -> None:
        """Read the list again; `select` is the event to select afterwards (else the one selected stays)."""
        current = _selected_rows(self.table)
        if select is None and current:
            select = current[0].registrering.hendelse.id
        today = datetime.date.today()
        if today != self.today:  # the window stayed open past midnight: deadlines fall due
            self.today = today
            self.model.columns = worklist_columns(today)
        self.model.set_rows(nir.worklist(self.session, today))
        if not select_id(self.table, select) and self.proxy.rowCount():
            self.table.selectRow(0)
        self._show_count()
        self._update_buttons()

    def overdue(self) -> int:
        return sum(_overdue(r, self.today) for r in self.rows)

    def _show_count(self) -> None:
        total = len(self.rows)
        if not total:
            self.heading.setText("Ingen hendelser venter på registrering i NIR.")
            return
        text = (f"{_count(total, 'hendelse', 'hendelser')} venter på registrering "
                f"({self.overdue() or 'ingen'} forfalt)")
        shown = self.proxy.rowCount()
        self.heading.setText(text + (f". Viser {shown} av {total}." if shown != total else ""))

    def _filter_changed(self, text: str) -> None:
        self.proxy.set_text(text)
        self._show_count()

    def selected(self) -> list[NirRad]:
        return _selected_rows(self.table)

    def _update_buttons(self) -> None:
        chosen = self.selected()
        self.open_button.setEnabled(len(chosen) == 1)
        self.today_button.setEnabled(bool(chosen))
        self.date_button.setEnabled(bool(chosen))
        self.undo_button.setEnabled(bool(self._undo))

    def open_selected(self) -> None:
        chosen = self.selected()
        if chosen:
            self.open_requested.emit(chosen[0].deltaker_id, chosen[0].registrering.hendelse.id)

    def mark_today(self) -> None:
        chosen = self.selected()
        if not chosen:
            return
        try:
            self._mark(chosen, datetime.date.today())
        except FieldErrors as exc:
            norsk.error(self, "Registrert i NIR", "\n".join(exc.errors.values()))

    def mark_on_day(self) -> None:
        chosen = self.selected()
        if not chosen:
            return
        field = TextField("nir_dato", "Registrert i NIR", "dd.mm.åååå")
        field.set_value(format_date(datetime.date.today()))
        listed = "\n".join(f"{r.navn}: {r.registrering.what} {format_date(r.registrering.hendelse.dato)}"
                           for r in chosen[:8])
        if len(chosen) > 8:
            listed += f"\n… og {len(chosen) - 8} til"
        dialog = FormDialog(f"Registrert i NIR: {_count(len(chosen), 'hendelse', 'hendelser')}", [field],
                            lambda values: self._mark(chosen, _day(values["nir_dato"]), refresh=False),
                            intro=listed, parent=self)
        if dialog.exec():
            self._after_mark(chosen)

    def _mark(self, chosen: list[NirRad], day: datetime.date, refresh: bool = True) -> None:
        """All or none, in one call; FieldErrors at «nir_dato» when the day is impossible for one of them."""
        self._undo = nir.mark_registered(self.session, [r.registrering.hendelse.id for r in chosen], day)
        if refresh:
            self._after_mark(chosen)

    def undo(self) -> None:
        """The last marking, taken back: the events come back on the list, selected."""
        if not self._undo:
            return
        before, self._undo = self._undo, {}
        nir.undo_registration(self.session, before)
        self.fill(next(iter(before)))
        self.changed.emit()

    def _after_mark(self, chosen: list[NirRad]) -> None:
        """The marked rows leave the list; the selection moves to the row after them (or before, at the end)."""
        marked = {r.registrering.hendelse.id for r in chosen}
        shown = [self.model.row(self.proxy.mapToSource(self.proxy.index(i, 0))) for i in range(self.proxy.rowCount())]
        positions = [i for i, r in enumerate(shown) if r.registrering.hendelse.id in marked]
        after = [r for r in shown[positions[-1] + 1:] if r.registrering.hendelse.id not in marked] if positions else []
        before = [r for r in shown[:positions[0]] if r.registrering.hendelse.id not in marked] if positions else []
        following = after[0] if after else (before[-1] if before else None)
        self.table.clearSelection()
        self.fill(following.registrering.hendelse.id if following else None)
        self.table.setFocus()
        self.changed.emit()


def _day(text: str) -> datetime.date:
    return required_date(text, "nir_dato", "Skriv datoen hendelsene ble registrert i NIR.")


# ----- the year's completeness

def _help(r: MangelRad) -> str:
    return f"Regel: {r.mangel.regel}\nSlik retter du det: {r.mangel.retting}"


MANGEL_COLUMNS = [
    Column("Deltaker", lambda r: r.navn, tooltip=_help),
    Column("Alvor", lambda r: r.mangel.severity_label, sort=lambda r: r.mangel.alvor != FEIL,
           icon=lambda r: _CRITICAL if r.mangel.alvor == FEIL else _WARNING, tooltip=_help,
           header_tip="Feil gjør årsfilen ufullstendig; advarsler bør sjekkes"),
    Column("Problem", lambda r: r.mangel.tekst, tooltip=_help),
    Column("Hva mangler", lambda r: r.mangel.melding, tooltip=_help),
]


def _key(r: MangelRad) -> str:
    m = r.mangel
    return f"{m.deltaker_id}:{m.kode}:{m.hendelse_id or ''}"


def summary(year: int, rows: list[MangelRad]) -> str:
    errors = sum(r.mangel.alvor == FEIL for r in rows)
    warnings = len(rows) - errors
    people = len({r.mangel.deltaker_id for r in rows})
    if not rows:
        return f"{year}: Komplett: ingen feil eller advarsler."
    if not errors:
        return f"{year}: Komplett: ingen feil. {_count(warnings, 'advarsel', 'advarsler')} for " \
               f"{_count(people, 'deltaker', 'deltakere')}."
    return (f"{year}: {_count(people, 'deltaker', 'deltakere')} med mangler, {errors} feil, "
            f"{_count(warnings, 'advarsel', 'advarsler')}.")


class Kompletthet(FillWhenShown, QWidget):
    """The year's problems per participant, and the year's file set."""

    open_requested = Signal(int, str, object)  # deltaker_id, sted, hendelse_id or None
    filled = Signal()

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        self.rows: list[MangelRad] = []  # every problem of the year, «Bare feil» or not

        self.year = QSpinBox()
        today = datetime.date.today()
        self.year.setRange(2004, today.year)  # the introduction act came into force in 2004
        self.year.setValue(default_year(today))
        self.year.setAccessibleName("År")
        self.year.valueChanged.connect(lambda _year: self.fill())
        year_label = QLabel("&År:")
        year_label.setBuddy(self.year)
        self.summary = _bold(QLabel())
        self.errors_only = QCheckBox("&Bare feil")
        self.errors_only.setToolTip("Skjul advarslene")
        self.errors_only.toggled.connect(lambda _on: self._show_rows())
        search, self.filter = search_field("Søk på deltaker eller problem", "Søk i mangler for året")
        self.filter.setMinimumWidth(260)
        top = QHBoxLayout()
        top.addWidget(year_label)
        top.addWidget(self.year)
        top.addSpacing(16)
        top.addWidget(self.summary, 1)
        top.addWidget(self.errors_only)
        top.addSpacing(16)
        top.addLayout(search)

        self.model = RowModel(MANGEL_COLUMNS, row_id=_key, parent=self,
                              haystack=lambda r: f"{r.navn} {r.mangel.severity_label} {r.mangel.tekst} "
                                                 f"{r.mangel.melding}")
        self.proxy = RowFilter(self)
        self.proxy.setSourceModel(self.model)
        self.filter.textChanged.connect(self.proxy.set_text)
        self.table = row_table(self.proxy, "Mangler i NIR-året", stretch=3)
        self.table.setToolTip(OPEN_HINT)
        self.table.doubleClicked.connect(self.open_selected)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            QShortcut(QKeySequence(key), self.table, self.open_selected, context=Qt.ShortcutContext.WidgetShortcut)

        self.rule = QLabel()
        self.fix = QLabel()
        details = QFormLayout()
        for label, text in ((self.rule, "Regel"), (self.fix, "Slik retter du det")):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setAccessibleName(text)
            details.addRow(_bold(QLabel(f"{text}:")), label)

        self.open_button = push_button("Å&pne der det rettes", self.open_selected,
                                       "Åpne deltakeren der problemet rettes")
        self.export_button = push_button("&Eksporter årsfil …", self.export_year,
                                         "Skriv årets filer til NIR (Excel, CSV og JSON) i en mappe")
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(details)
        layout.addLayout(buttons)
        self._selection_changed()

    def fill(self) -> None:
        # Participants in name order (Æ, Ø, Å last); within each, errors first as the check gives them.
        self.rows = sorted(nir.completeness(self.session, self.year.value()),
                           key=lambda r: (norwegian_sort_key(r.navn), r.mangel.deltaker_id))
        self.summary.setText(summary(self.year.value(), self.rows))
        self._show_rows()
        self.filled.emit()

    def _show_rows(self) -> None:
        current = self.selected()
        self.model.set_rows([r for r in self.rows if r.mangel.alvor == FEIL] if self.errors_only.isChecked()
                            else self.rows)
        if not select_id(self.table, _key(current) if current else None) and self.proxy.rowCount():
            self.table.selectRow(0)
        self._selection_changed()

    def selected(self) -> MangelRad | None:
        chosen = _selected_rows(self.table)
        return chosen[0] if chosen else None

    def _selection_changed(self) -> None:
        r = self.selected()
        self.rule.setText(r.mangel.regel if r else "")
        self.fix.setText(r.mangel.retting if r else "")
        self.open_button.setEnabled(r is not None)

    def errors(self) -> int:
        return sum(r.mangel.alvor == FEIL for r in self.rows)

    def open_selected(self) -> None:
        r = self.selected()
        if r:
            self.open_requested.emit(r.mangel.deltaker_id, r.mangel.sted, r.mangel.hendelse_id)

    def export_year(self) -> None:
        """Write the year's file set into a folder; a year with errors is asked about first and marked."""
        year = self.year.value()
        title = f"Eksporter NIR-årsfil for {year}"
        start = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        folder = QFileDialog.getExistingDirectory(self, title, start)
        if not folder:
            return
        self.fill()  # count the errors as they are now
        if self.errors() and not norsk.confirm(
                self, title, f"Året har {self.errors()} feil. Filen merkes som ufullstendig. Eksporter likevel?"):
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            arsfil, paths = nir.export(self.session, year, Path(folder))
        except FieldErrors as exc:
            arsfil, paths, refusal = None, [], "\n".join(exc.errors.values())
        finally:
            QApplication.restoreOverrideCursor()
        if arsfil is None:
            norsk.error(self, title, refusal)
            return
        names = "\n".join(p.name for p in paths)
        state = ("Filen er komplett." if arsfil.complete
                 else f"Filen er merket som ufullstendig: {arsfil.about['feil']} feil.")
        norsk.info(self, title, f"{len(paths)} filer er lagret i\n{folder}\n\n{names}\n\n{state}")


class NirView(QWidget):
    """«Til registrering» and «Kompletthet» on two tabs; each is read when it is shown."""

    open_requested = Signal(int, str, object)  # deltaker_id, sted ("program", "plan", "deltaker"), hendelse_id
    changed = Signal()  # events were marked as registered in NIR

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        self.worklist = Registreringsliste(session)
        self.worklist.open_requested.connect(lambda d, h: self.open_requested.emit(d, "program", h))
        self.worklist.changed.connect(self._marked)
        self.completeness = Kompletthet(session)
        self.completeness.open_requested.connect(self.open_requested)
        self.completeness.filled.connect(self._update_titles)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.worklist, "Til re&gistrering")
        self.tabs.addTab(self.completeness, "&Kompletthet")
        self.worklist.model.modelReset.connect(self._update_titles)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self._update_titles()

    def refresh(self) -> None:
        """Read again what is shown now; the rest when it is next shown."""
        self.worklist.refresh()
        self.completeness.refresh()

    def _marked(self) -> None:
        self.completeness.refresh()  # «not registered» problems go with the marks
        self.changed.emit()

    def _update_titles(self) -> None:
        waiting = len(self.worklist.rows)
        self.tabs.setTabText(0, f"Til re&gistrering ({waiting})" if waiting else "Til re&gistrering")
        self.tabs.setTabText(1, f"&Kompletthet {self.completeness.year.value()}")

    def focus_table(self) -> None:
        self.tabs.currentWidget().table.setFocus()

    def export_year(self) -> None:
        """From the menu: on the «Kompletthet» tab, so the year and its problems are in sight."""
        self.tabs.setCurrentWidget(self.completeness)
        self.completeness.export_year()
