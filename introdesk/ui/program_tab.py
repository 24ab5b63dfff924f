"""The participant's programme: status and dates in words, the timeline, and the events."""

from __future__ import annotations

import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from introdesk.domain.dates import format_date
from introdesk.domain.form import FieldErrors
from introdesk.domain.forlop import Forlop
from introdesk.domain.hendelser import Hendelse
from introdesk.services import nir, program
from introdesk.services.session import Session
from introdesk.ui import norsk
from introdesk.ui.fields import push_button
from introdesk.ui.hendelse_dialog import HendelseDialog
from introdesk.ui.tables import read_only_table
from introdesk.ui.timeline import TimelineWidget

ID_ROLE = Qt.ItemDataRole.UserRole + 1


class ProgramTab(QWidget):
    changed = Signal()  # an event was saved or removed: the list and the radar follow

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        self.deltaker_id: int | None = None
        self.forlop: Forlop | None = None

        self.summary = {name: QLabel() for name in ("status", "start", "slutt", "tid", "gruppe")}
        form = QFormLayout()
        for name, label in (("status", "Status"), ("start", "Startet"), ("slutt", "Planlagt slutt"),
                            ("tid", "Tid brukt / igjen"), ("gruppe", "Sluttmålgruppe")):
            self.summary[name].setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.summary[name].setWordWrap(True)
            form.addRow(label, self.summary[name])
        self.timeline = TimelineWidget()

        self.table = read_only_table(["Dato", "Hendelse", "Detaljer", "Vedtaksdato", "Registrert i NIR"],
                                     "Hendelser i programmet")
        header = self.table.horizontalHeader()
        for col in range(5):  # details take what is left, elided; the full text is in the tooltip
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch if col == 2
                                        else QHeaderView.ResizeMode.ResizeToContents)
        self.table.doubleClicked.connect(self.edit_selected)
        self.table.itemSelectionChanged.connect(self._update_buttons)

        self.new_button = push_button("&Ny hendelse …", self.new_event)
        self.edit_button = push_button("&Endre …", self.edit_selected)
        self.nir_button = push_button("Registrert i NIR i &dag", self.mark_nir_today,
                                      "Sett dagens dato som registreringsdato i NIR for den valgte hendelsen")
        self.delete_button = push_button("&Fjern", self.delete_selected)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.nir_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.timeline)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def show_deltaker(self, deltaker_id: int | None) -> None:
        self.deltaker_id = deltaker_id
        self.refresh()

    def refresh(self, select_id: int | None = None) -> None:
        if self.deltaker_id is None:
            self.forlop = None
            self.table.setRowCount(0)
            self.timeline.set_forlop(None)
            return
        today = datetime.date.today()
        f = self.forlop = program.forlop(self.session, self.deltaker_id, today)
        self._fill_summary(f, today)
        self.timeline.set_forlop(f, today)
        events = sorted(f.events, key=lambda e: (e.dato, e.id), reverse=True)
        self.table.setRowCount(len(events))
        for row, e in enumerate(events):
            nir = format_date(e.nir_dato) or "Ikke registrert"
            cells = (format_date(e.dato), e.label, self._details(e), format_date(e.vedtaksdato), nir)
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(ID_ROLE, e.id)
                item.setToolTip(text if col == 2 else "")
                if col == 4 and nir == "Ikke registrert":
                    item.setForeground(Qt.GlobalColor.darkRed)
                self.table.setItem(row, col, item)
            if e.id == select_id:
                self.table.selectRow(row)
        self._update_buttons()

    def _fill_summary(self, f: Forlop, today: datetime.date) -> None:
        s = self.summary
        s["status"].setText(f.status_label + (f" {format_date(f.ended)}" if f.ended else ""))
        s["start"].setText(format_date(f.start) or "–")
        if f.ended:
            s["slutt"].setText(f"Avsluttet {format_date(f.ended)}")
        elif f.planned_end:
            parts = [f"{f.ordinary_months} mnd."]
            if f.extension_months:
                parts.append(f"+ {f.extension_months} mnd. forlengelse")
            if f.leave_days:
                parts.append(f"+ {f.leave_days} dager permisjon")
            s["slutt"].setText(f"{format_date(f.planned_end)} ({' '.join(parts)})")
        else:
            s["slutt"].setText(f.missing)
        if f.used_days is None:
            s["tid"].setText("–")
        else:
            left = "" if f.left_days is None else (
                f" / {f.left_days} dager igjen" if f.left_days >= 0 else f" / {-f.left_days} dager over planlagt slutt")
            s["tid"].setText(f"{f.used_days} dager i program{left}")
        group = self.session.rules.codes("sluttmalgruppe").label(f.group)
        s["gruppe"].setText(group or "Ikke fastsatt")

    def _details(self, e: Hendelse) -> str:
        codes = self.session.rules.codes
        if e.type == "permisjon":
            return (f"{format_date(e.dato)}–{format_date(e.til_dato)}, {codes('permisjonsgrunn').label(e.grunn)}, "
                    f"{'med' if e.med_stonad else 'uten'} stønad")
        if e.type == "sluttmal":
            return f"{codes('sluttmalgruppe').label(e.sluttmalgruppe)}: {e.sluttmal}"
        if e.type == "forlengelse":
            return f"{e.maaneder} måneder"
        if e.type == "avslutning":
            return f"{codes('utgang').label(e.utgang)} – {codes('sluttarsak').label(e.sluttarsak)}"
        if e.type == "klage":
            outcome = codes("klageutfall").label(e.utfall) if e.utfall else "ikke avgjort"
            return f"{e.grunn} – {outcome.lower() if e.utfall else outcome}"
        if e.type == "oppfolging":
            return codes("oppfolgingsstatus").label(e.grunn)
        return e.grunn or e.notat.split("\n")[0]

    def selected_id(self) -> int | None:
        items = self.table.selectedItems()
        return items[0].data(ID_ROLE) if items else None

    def select_event(self, hendelse_id: int) -> None:
        for row in range(self.table.rowCount()):
            if self.table.item(row, 0).data(ID_ROLE) == hendelse_id:
                self.table.selectRow(row)
                self.table.setFocus()
                return

    def _update_buttons(self) -> None:
        has = self.selected_id() is not None
        for button in (self.edit_button, self.nir_button, self.delete_button):
            button.setEnabled(has)
        self.new_button.setEnabled(self.deltaker_id is not None)

    def new_event(self, kind: str | None = None) -> None:
        dialog = HendelseDialog(self.session, self.deltaker_id, kind=kind, parent=self)
        if dialog.exec():
            self.refresh(dialog.saved_id)
            self.changed.emit()

    def edit_selected(self) -> None:
        hendelse_id = self.selected_id()
        if hendelse_id is None:
            return
        dialog = HendelseDialog(self.session, self.deltaker_id, program.get_hendelse(self.session, hendelse_id),
                                parent=self)
        if dialog.exec():
            self.refresh(hendelse_id)
            self.changed.emit()

    def mark_nir_today(self) -> None:
        hendelse_id = self.selected_id()
        if hendelse_id is None:
            return
        try:
            nir.mark_registered(self.session, [hendelse_id])
        except FieldErrors as exc:
            norsk.error(self, "Registrert i NIR", "\n".join(exc.errors.values()))
            return
        self.refresh(hendelse_id)
        self.changed.emit()

    def delete_selected(self) -> None:
        hendelse_id = self.selected_id()
        if hendelse_id is None:
            return
        h = program.get_hendelse(self.session, hendelse_id)
        if not norsk.confirm(self, "Fjern hendelse", f"Fjerne «{h.label}» {format_date(h.dato)}?\n\n"
                                                      "Den blir stående i historikken."):
            return
        program.delete_hendelse(self.session, hendelse_id)
        self.refresh()
        self.changed.emit()
