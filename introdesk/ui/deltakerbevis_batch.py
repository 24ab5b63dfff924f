"""Certificates for everyone whose programme ended in a period: one PDF each in a folder and all of them in
one file to print, with a preview of who ends up in it and a progress dialog that can stop the run."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from introdesk.domain.dates import format_date, parse_date
from introdesk.domain.form import FieldErrors
from introdesk.services import deltakerbevis
from introdesk.services.deltakerbevis import Avsluttet, Bunke, Utstedt
from introdesk.services.session import Session
from introdesk.ui import norsk
from introdesk.ui.deltakerbevis_tab import malform_field
from introdesk.ui.fields import CheckField, FieldSet, TextField
from introdesk.ui.row_model import Column, RowModel, date_key, row_table

TITLE = "Deltakerbevis for avsluttede"
_BOX = QDialogButtonBox.StandardButton


@dataclass(frozen=True)
class Kandidat:
    person: Avsluttet
    earlier: list[Utstedt]  # certificates issued before: the run issues a new one all the same


PREVIEW_COLUMNS = [
    Column("Navn", lambda k: k.person.navn),
    Column("Avsluttet", lambda k: format_date(k.person.ended), sort=lambda k: date_key(k.person.ended)),
    Column("Utstedt før", lambda k: ", ".join(format_date(u.dato) for u in k.earlier) or "–",
           sort=lambda k: len(k.earlier),
           header_tip="Deltakerbevis som alt er utstedt; de hoppes over, om du ikke krysser av for nytt"),
]


def _count(n: int) -> str:
    return f"{n} deltaker" if n == 1 else f"{n} deltakere"


class Progress:
    """The service's progress callback shown as «Utsteder 3 av 12: Navn»; Avbryt stops after the current one."""

    def __init__(self, parent: QWidget):
        self.dialog = QProgressDialog("Utsteder deltakerbevis …", "Avbryt", 0, 1, parent)
        self.dialog.setWindowTitle(TITLE)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(0)
        self.dialog.setMinimumWidth(400)  # wide enough for most names, so it does not jump as they change
        self.done = 0  # issued so far: what to tell if the run fails half-way

    def __call__(self, done: int, total: int, name: str) -> bool:
        self.done = done
        self.dialog.setMaximum(max(total, 1))
        self.dialog.setLabelText(f"Utsteder {done + 1} av {total}: {name}" if name else "Lager samlefilen …")
        self.dialog.setValue(done)
        return not self.dialog.wasCanceled()

    def close(self) -> None:
        self.dialog.close()


class DeltakerbevisBunke(QDialog):
    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.session = session
        self.fields = FieldSet()
        last = datetime.date.today().replace(day=1) - datetime.timedelta(days=1)  # the month before this
        first = last.replace(day=1)
        self.fra = self.fields.add(TextField("fra", "&Fra", "dd.mm.åååå"))
        self.til = self.fields.add(TextField("til", "&Til", "dd.mm.åååå"))
        for field, day in ((self.fra, first), (self.til, last)):
            field.set_value(format_date(day))
            field.editor.setMaximumWidth(field.editor.fontMetrics().horizontalAdvance("00.00.00000") + 24)
        self.malform = self.fields.add(malform_field(session))
        self.mappe = self.fields.add(TextField("mappe", "Ma&ppe"))
        self.mappe.set_value(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation))
        browse = QPushButton("&Velg …")
        browse.setAccessibleName("Velg mappe")
        browse.clicked.connect(self.choose_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.mappe, 1)
        folder_row.addWidget(browse, 0, Qt.AlignmentFlag.AlignTop)
        self.again = self.fields.add(CheckField("igjen", "Utsted nytt også til dem som har fått deltakerbevis før"))
        self.again.changed.connect(self.preview)
        form = QFormLayout()
        for field in (self.fra, self.til, self.malform):
            form.addRow(field.label, field)
        form.addRow(self.mappe.label, folder_row)
        form.labelForField(folder_row).setBuddy(self.mappe)
        form.addRow("", self.again)

        self.count_label = QLabel()
        self.model = RowModel(PREVIEW_COLUMNS, row_id=lambda k: k.person.deltaker_id, parent=self)
        self.table = row_table(self.model, "Avsluttet i perioden", stretch=0)

        buttons = norsk.buttons(_BOX.Close, parent=self)
        self.issue_button = buttons.addButton("&Utsted", QDialogButtonBox.ButtonRole.ActionRole)
        self.issue_button.setToolTip("Utsted deltakerbevis for alle i listen, ett i hver sin fil og alle i én fil")
        self.issue_button.clicked.connect(self.issue)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.count_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        for field in (self.fra, self.til):
            field.changed.connect(self.preview)
        self.preview()
        self.resize(560, 520)

    def _period(self) -> tuple[datetime.date, datetime.date]:
        errors, days = {}, {}
        for field in (self.fra, self.til):
            try:
                days[field.name] = parse_date(field.value())
            except ValueError as exc:
                errors[field.name] = str(exc)
            else:
                if days[field.name] is None:
                    errors[field.name] = "Skriv datoen."
        if not errors and days["til"] < days["fra"]:
            errors["til"] = "Til-datoen kan ikke være før fra-datoen."
        if errors:
            raise FieldErrors(errors)
        return days["fra"], days["til"]

    def preview(self) -> None:
        """Who the run would issue for, read again whenever the period changes."""
        try:
            first, last = self._period()
        except FieldErrors as exc:
            self.fields.show_errors(exc.errors)
            self.model.set_rows([])
            self.count_label.setText("Skriv en gyldig periode for å se hvem som avsluttet i den.")
            self.issue_button.setEnabled(False)
            return
        self.fra.set_error("")
        self.til.set_error("")
        rows = [Kandidat(p, deltakerbevis.issued(self.session, p.deltaker_id))
                for p in deltakerbevis.ended_between(self.session, first, last)]
        self.model.set_rows(rows)
        again = sum(1 for k in rows if k.earlier)
        text = f"{_count(len(rows)) if rows else 'Ingen'} avsluttet programmet i perioden"
        if again:
            text += f" ({again} av dem har fått deltakerbevis før og " + (
                "får et nytt)" if self.again.value() else "hoppes over)")
        self.count_label.setText(text + (":" if rows else "."))
        self.issue_button.setEnabled(bool(rows) and (self.again.value() or again < len(rows)))

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Velg mappe for deltakerbevisene", self.mappe.value())
        if folder:
            self.mappe.set_value(folder)
            self.mappe.set_error("")

    def issue(self) -> None:
        try:
            first, last = self._period()
            if not self.mappe.value().strip():
                raise FieldErrors({"mappe": "Velg mappen deltakerbevisene skal lagres i."})
        except FieldErrors as exc:
            self.fields.report(exc.errors)
            return
        folder = Path(self.mappe.value().strip())
        progress = Progress(self)
        try:
            result = deltakerbevis.issue_batch(self.session, first, last, folder, self.malform.value(), progress,
                                               include_issued=self.again.value())
        except FieldErrors as exc:
            self._failed(exc.errors, progress.done)
            return
        finally:
            progress.close()
            self.preview()  # «Utstedt før» now has today's
        self._report(result, folder)

    def _failed(self, errors: dict[str, str], issued: int) -> None:
        if set(errors) <= set(self.fields.fields):
            self.fields.report(errors)  # the folder is gone: say so at the folder
            return
        text = "\n".join(errors.values())
        if issued:
            text += f"\n\n{issued} deltakerbevis ble utstedt før dette og ligger i mappen."
        norsk.error(self, TITLE, text)

    def _report(self, result: Bunke, folder: Path) -> None:
        if result.cancelled:
            norsk.info(self, TITLE, f"Avbrutt. {len(result.files)} deltakerbevis ble utstedt og lagret i {folder} "
                                    "før du avbrøt; samlefilen ble ikke laget.")
            return
        if result.combined is None:
            norsk.info(self, TITLE, "Ingen avsluttet programmet i perioden, så ingenting ble utstedt.")
            return
        answer = norsk.ask(self, TITLE, f"{len(result.files)} deltakerbevis er lagret i {folder}, ett for hver "
                                        f"deltaker.\n\nAlle er også samlet i «{result.combined.name}» for utskrift. "
                                        "Åpne samlefilen nå?", standard=(_BOX.Open, _BOX.Close), default=_BOX.Open)
        if answer == QMessageBox.StandardButton.Open:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(result.combined)))
