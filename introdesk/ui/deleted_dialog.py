"""Slettede deltakere: deleted participants stay in the store and can be restored from here."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListWidget, QListWidgetItem, QVBoxLayout

from introdesk.domain.form import FieldErrors
from introdesk.services import deltakere
from introdesk.services.session import Session
from introdesk.ui import norsk

_BOX = QDialogButtonBox.StandardButton


class DeletedDialog(QDialog):
    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        self.restored: list[int] = []
        self.setWindowTitle("Slettede deltakere")
        self.list = QListWidget()
        self.list.setAccessibleName("Slettede deltakere")
        for stored in deltakere.list_deleted(session):
            item = QListWidgetItem(f"{stored.deltaker.fullt_navn} – slettet {stored.slettet:%d.%m.%Y %H:%M}")
            item.setData(Qt.ItemDataRole.UserRole, stored.id)
            self.list.addItem(item)
        box = norsk.buttons(_BOX.Close, parent=self)
        self.restore_button = box.addButton("&Gjenopprett", QDialogButtonBox.ButtonRole.ActionRole)
        self.restore_button.clicked.connect(self.restore)
        self.restore_button.setEnabled(self.list.count() > 0)
        box.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Velg en deltaker og trykk Gjenopprett." if self.list.count() else "Ingen slettede deltakere."))
        layout.addWidget(self.list)
        layout.addWidget(box)
        self.list.setCurrentRow(0)
        self.resize(460, 320)

    def restore(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        deltaker_id = item.data(Qt.ItemDataRole.UserRole)
        try:
            deltakere.restore_deltaker(self.session, deltaker_id)
        except FieldErrors as exc:
            norsk.error(self, "Kan ikke gjenopprette", "\n".join(exc.errors.values()))
            return
        self.restored.append(deltaker_id)
        self.list.takeItem(self.list.row(item))
        self.restore_button.setEnabled(self.list.count() > 0)
