"""Innstillinger: the municipality, the service, the adviser and the written standard."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QVBoxLayout

from introdesk.domain.deltaker import FieldErrors
from introdesk.services import settings
from introdesk.services.session import Session
from introdesk.ui import norsk
from introdesk.ui.fields import ChoiceField, FieldSet, TextField

_BOX = QDialogButtonBox.StandardButton


class SettingsDialog(QDialog):
    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        self.setWindowTitle("Innstillinger")
        self.fields = FieldSet()
        labels = settings.LABELS
        form = QFormLayout()
        for name in ("kommune_navn", "kommune_nr", "tjeneste_navn", "radgiver_navn", "radgiver_tittel"):
            field = self.fields.add(TextField(name, labels[name], "4 siffer, f.eks. 0301" if name == "kommune_nr" else ""))
            form.addRow(field.label, field)
        malform = self.fields.add(ChoiceField("malform", labels["malform"], list(settings.MALFORMER.items())))
        form.addRow(malform.label, malform)
        self.fields.set_values(settings.as_dict(settings.load(session)))
        box = norsk.buttons(_BOX.Save, _BOX.Cancel, parent=self)
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(box)
        self.resize(460, self.sizeHint().height())

    def accept(self) -> None:
        try:
            settings.save(self.session, self.fields.values())
        except FieldErrors as exc:
            first = self.fields.show_errors(exc.errors)
            if first:
                first.setFocus()
            return
        super().accept()
