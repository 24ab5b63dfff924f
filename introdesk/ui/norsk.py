"""Norwegian texts for Qt's standard buttons (Qt ships no Bokmål translation) and common questions."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QMessageBox, QWidget

_BOX = QDialogButtonBox.StandardButton
_TEXTS = {
    _BOX.Ok: "OK",
    _BOX.Cancel: "Avbryt",
    _BOX.Save: "&Lagre",
    _BOX.Discard: "&Forkast",
    _BOX.Yes: "&Ja",
    _BOX.No: "&Nei",
    _BOX.Close: "&Lukk",
    _BOX.Open: "&Åpne",
    _BOX.Reset: "&Tilbakestill",
}


def buttons(*standard: QDialogButtonBox.StandardButton, parent: QWidget | None = None) -> QDialogButtonBox:
    box = QDialogButtonBox(parent)
    for button in standard:
        box.addButton(button).setText(_TEXTS[button])
    return box


def _message(parent, icon, title: str, text: str, standard, default) -> QMessageBox.StandardButton:
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, parent)
    for button in standard:
        box.addButton(QMessageBox.StandardButton(button.value)).setText(_TEXTS[button])
    box.setDefaultButton(QMessageBox.StandardButton(default.value))
    return QMessageBox.StandardButton(box.exec())


def ask(parent: QWidget | None, title: str, text: str, standard=(_BOX.Yes, _BOX.No), default=_BOX.No):
    """A question with Norwegian buttons; returns the QMessageBox.StandardButton chosen."""
    return _message(parent, QMessageBox.Icon.Question, title, text, standard, default)


def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    return ask(parent, title, text) == QMessageBox.StandardButton.Yes


def error(parent: QWidget | None, title: str, text: str) -> None:
    _message(parent, QMessageBox.Icon.Warning, title, text, (_BOX.Ok,), _BOX.Ok)


def info(parent: QWidget | None, title: str, text: str) -> None:
    _message(parent, QMessageBox.Icon.Information, title, text, (_BOX.Ok,), _BOX.Ok)
