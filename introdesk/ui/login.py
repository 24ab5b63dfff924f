"""The passphrase dialogs: create a store, unlock it, change the passphrase."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QProgressBar, QVBoxLayout

from introdesk.domain.passphrase import MIN_LENGTH, strength
from introdesk.services.session import Session, create_store, open_store
from introdesk.store.connection import WrongPassphrase
from introdesk.store.lock import AlreadyRunning
from introdesk.store.migrations import NewerDatabase
from introdesk.ui import norsk
from introdesk.ui.fields import FieldSet, TextField

_BOX = QDialogButtonBox.StandardButton


def _secret(name: str, label: str) -> TextField:
    field = TextField(name, label)
    field.editor.setEchoMode(QLineEdit.EchoMode.Password)
    return field


class NewPassphraseFields(FieldSet):
    """A new passphrase typed twice, with a strength meter; shared by create and change."""

    def __init__(self, form: QFormLayout):
        super().__init__()
        self.first = self.add(_secret("ny", "&Ny passordfrase"))
        self.meter = QProgressBar()
        self.meter.setRange(0, 4)
        self.meter.setTextVisible(True)
        self.meter.setAccessibleName("Styrke")
        self.hint = QLabel(f"Minst {MIN_LENGTH} tegn. Flere ord etter hverandre er sterkt og lett å huske.")
        self.hint.setWordWrap(True)
        self.repeat = self.add(_secret("gjenta", "&Gjenta passordfrasen"))
        form.addRow(self.first.label, self.first)
        form.addRow("Styrke", self.meter)
        form.addRow("", self.hint)
        form.addRow(self.repeat.label, self.repeat)
        self.first.editor.textChanged.connect(self._rate)
        self._rate("")

    def _rate(self, text: str) -> None:
        verdict = strength(text)
        self.meter.setValue(verdict.score)
        self.meter.setFormat(verdict.label if text else "")
        if text:
            self.hint.setText(verdict.hint or "Passordfrasen er god.")

    def checked(self) -> str | None:
        """The new passphrase, or None with messages shown at the fields."""
        new = self.first.value()
        verdict = strength(new)
        if not verdict.acceptable:
            self.first.set_error(verdict.hint)
            self.first.setFocus()
            return None
        if self.repeat.value() != new:
            self.repeat.set_error("Passordfrasene er ikke like.")
            self.repeat.setFocus()
            return None
        return new


class CreateStoreDialog(QDialog):
    """First start: choose the passphrase that encrypts the database."""

    def __init__(self, data_dir: Path, parent=None):
        super().__init__(parent)
        self.data_dir = data_dir
        self.session: Session | None = None
        self.setWindowTitle("IntroDesk – ny database")
        intro = QLabel(
            "Velkommen til IntroDesk. Opplysningene om deltakerne lagres kryptert på denne maskinen.\n"
            "Velg en passordfrase. Den trengs hver gang IntroDesk åpnes, og kan ikke gjenopprettes "
            "hvis den glemmes: skriv den ned og oppbevar den trygt."
        )
        intro.setWordWrap(True)
        form = QFormLayout()
        self.passphrase = NewPassphraseFields(form)
        box = norsk.buttons(_BOX.Ok, _BOX.Cancel, parent=self)
        box.button(_BOX.Ok).setText("&Lag database")
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(QLabel(f"Datamappe: {data_dir}"))
        layout.addWidget(box)
        self.resize(520, self.sizeHint().height())

    def accept(self) -> None:
        new = self.passphrase.checked()
        if new is None:
            return
        self.session = create_store(self.data_dir, new)
        super().accept()


class UnlockDialog(QDialog):
    """Later starts: ask for the passphrase; a wrong one says so and lets the user try again."""

    def __init__(self, data_dir: Path, demo_passphrase: str | None = None, parent=None):
        super().__init__(parent)
        self.data_dir = data_dir
        self.session: Session | None = None
        self.setWindowTitle("IntroDesk – lås opp")
        form = QFormLayout()
        self.field = _secret("passordfrase", "&Passordfrase")
        form.addRow(self.field.label, self.field)
        layout = QVBoxLayout(self)
        if demo_passphrase:
            note = QLabel(f"Dette er demokommunen. Passordfrasen er: {demo_passphrase}")
            note.setWordWrap(True)
            layout.addWidget(note)
            self.field.set_value(demo_passphrase)
        layout.addLayout(form)
        box = norsk.buttons(_BOX.Open, _BOX.Cancel, parent=self)
        box.button(_BOX.Open).setDefault(True)
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        layout.addWidget(box)
        self.resize(420, self.sizeHint().height())

    def accept(self) -> None:
        try:
            self.session = open_store(self.data_dir, self.field.value())
        except WrongPassphrase:
            self.field.set_value("")
            self.field.set_error("Feil passordfrase. Prøv igjen.")
            self.field.setFocus()
            return
        except (AlreadyRunning, NewerDatabase) as exc:
            norsk.error(self, "IntroDesk kan ikke åpne databasen", str(exc))
            self.reject()
            return
        super().accept()


class ChangePassphraseDialog(QDialog):
    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        self.setWindowTitle("Bytt passordfrase")
        form = QFormLayout()
        self.old = _secret("gammel", "&Nåværende passordfrase")
        form.addRow(self.old.label, self.old)
        self.passphrase = NewPassphraseFields(form)
        box = norsk.buttons(_BOX.Ok, _BOX.Cancel, parent=self)
        box.button(_BOX.Ok).setText("&Bytt")
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        note = QLabel("Databasen krypteres på nytt med den nye passordfrasen. En sikkerhetskopi tas først.")
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(box)

    def accept(self) -> None:
        new = self.passphrase.checked()
        if new is None:
            return
        try:
            self.session.change_passphrase(self.old.value(), new)
        except ValueError as exc:
            self.old.set_error(str(exc))
            self.old.setFocus()
            return
        super().accept()
