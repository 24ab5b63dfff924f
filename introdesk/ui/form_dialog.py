"""A small form in a dialog that saves through a service call and stays open on FieldErrors."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout

from introdesk.domain.form import FieldErrors
from introdesk.ui import norsk
from introdesk.ui.fields import CheckField, Field, FieldSet, Notice

_BOX = QDialogButtonBox.StandardButton


class FormDialog(QDialog):
    """`save(values)` stores the input or raises FieldErrors; the messages then stand at the fields."""

    def __init__(self, title: str, fields: list[Field], save: Callable[[dict], object], intro: str = "",
                 parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.save = save
        self.fields = FieldSet()
        form = QFormLayout()
        # Messages about the whole record rather than one field (it was replaced meanwhile, the file
        # could not be written) stand here, above the fields.
        self.message = Notice("feil_skjema")
        form.addRow(self.message)
        if intro:
            text = QLabel(intro)
            text.setWordWrap(True)
            form.addRow(text)
        for field in fields:
            self.fields.add(field)
            form.addRow("" if isinstance(field, CheckField) else field.label, field)
        buttons = norsk.buttons(_BOX.Save, _BOX.Cancel, parent=self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(480, self.sizeHint().height())

    def accept(self) -> None:
        try:
            self.save(self.fields.values())
        except FieldErrors as exc:
            self.fields.report(exc.errors)
            others = [message for name, message in exc.errors.items() if name not in self.fields.fields]
            self.message.set_text("\n".join(others))
            return
        super().accept()
