"""Form fields that carry their own Norwegian error message, shown right under the input.

Each field reads and writes the text a person types (the domain parses it), so the same messages
appear whether the data came from this form, the CLI or an import.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from introdesk.domain.form import format_count
from introdesk.domain.names import norwegian_sort_key
from introdesk.domain.plan import WEEKDAY_NAMES, WEEKDAYS
from introdesk.domain.rules import CodeList


class Notice(QWidget):
    """A warning icon and a bold message beside it, hidden while there is nothing to say. Bold text and
    an icon, so the message does not rest on colour alone."""

    def __init__(self, object_name: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        icon = QLabel()
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(size, size))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setObjectName(object_name)
        font = self.label.font()
        font.setBold(True)
        self.label.setFont(font)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(icon)
        row.addWidget(self.label, 1)
        self.hide()

    def text(self) -> str:
        return self.label.text() if not self.isHidden() else ""

    def set_text(self, text: str) -> None:
        self.label.setText(text)
        self.setVisible(bool(text))


class Field(QWidget):
    """An input with a hidden error line below it."""

    changed = Signal()

    def __init__(self, name: str, label: str, editor: QWidget, parent: QWidget | None = None):
        super().__init__(parent)
        self.name, self.label, self.editor = name, label, editor
        editor.setAccessibleName(label)
        self._error = Notice(f"feil_{name}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(editor)
        layout.addWidget(self._error)
        self.setFocusProxy(editor)

    def value(self):
        raise NotImplementedError

    def set_value(self, value) -> None:
        raise NotImplementedError

    def error(self) -> str:
        return self._error.text()

    def set_error(self, message: str) -> None:
        self._error.set_text(message)
        self.editor.setAccessibleDescription(message)

    def _edited(self, *_args) -> None:
        self.set_error("")
        self.changed.emit()


class TextField(Field):
    def __init__(self, name: str, label: str, placeholder: str = ""):
        editor = QLineEdit()
        editor.setPlaceholderText(placeholder)
        super().__init__(name, label, editor)
        editor.textEdited.connect(self._edited)

    def value(self) -> str:
        return self.editor.text()

    def set_value(self, value) -> None:
        self.editor.setText("" if value is None else str(value))


class _NoteEdit(QPlainTextEdit):
    """Refuses a paste that would take the text over the limit, with a message instead.

    The domain would refuse such a text anyway, and one huge line freezes the editor's layout.
    The clipboard still holds what was pasted, so nothing is lost.
    """

    refused = Signal(str)

    def __init__(self, limit: int):
        super().__init__()
        self.limit = limit

    def insertFromMimeData(self, source) -> None:
        kept = len(self.toPlainText()) - len(self.textCursor().selectedText())
        if source.hasText() and kept + len(source.text()) > self.limit:
            self.refused.emit(
                f"Det du limte inn er for langt ({format_count(len(source.text()))} tegn). Feltet kan ha "
                f"høyst {format_count(self.limit)} tegn."
            )
            return
        super().insertFromMimeData(source)


class NoteField(Field):
    def __init__(self, name: str, label: str, limit: int):
        editor = _NoteEdit(limit)
        editor.setTabChangesFocus(True)
        editor.setMinimumHeight(90)
        super().__init__(name, label, editor)
        editor.textChanged.connect(self._note_changed)
        editor.refused.connect(self.set_error)
        self._loading = False

    def _note_changed(self) -> None:
        if not self._loading:
            self._edited()

    def value(self) -> str:
        return self.editor.toPlainText()

    def set_value(self, value) -> None:
        self._loading = True
        self.editor.setPlainText(value or "")
        self._loading = False


class CheckField(Field):
    def __init__(self, name: str, label: str):
        super().__init__(name, label, QCheckBox(label))
        self.editor.toggled.connect(self._edited)

    def value(self) -> bool:
        return self.editor.isChecked()

    def set_value(self, value) -> None:
        self.editor.setChecked(bool(value))


class DaysField(Field):
    """Monday to Sunday as check boxes; the value is the weekday numbers ticked (0 = Monday)."""

    def __init__(self, name: str, label: str):
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        boxes = []
        for short, full in zip(WEEKDAYS, WEEKDAY_NAMES):
            box = QCheckBox(short)
            box.setAccessibleName(full)
            layout.addWidget(box)
            boxes.append(box)
        layout.addStretch(1)
        row.setFocusProxy(boxes[0])
        super().__init__(name, label, row)
        self.boxes = boxes
        for box in boxes:
            box.toggled.connect(self._edited)

    def value(self) -> list[int]:
        return [day for day, box in enumerate(self.boxes) if box.isChecked()]

    def set_value(self, value) -> None:
        for day, box in enumerate(self.boxes):
            box.setChecked(day in (value or ()))


class ChoiceField(Field):
    """A fixed list of (value, text) choices; the first may be the empty choice."""

    def __init__(self, name: str, label: str, choices: list[tuple[object, str]], searchable: bool = False):
        combo = QComboBox()
        for value, text in choices:
            combo.addItem(text, value)
        if searchable:  # long lists (countries): type to find, but only listed values are accepted
            combo.setEditable(True)
            combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            completer = QCompleter(combo.model(), combo)
            completer.setCaseSensitivity(completer.caseSensitivity().CaseInsensitive)
            completer.setFilterMode(completer.filterMode().MatchContains)
            combo.setCompleter(completer)
        super().__init__(name, label, combo)
        combo.currentIndexChanged.connect(self._edited)

    def value(self):
        combo = self.editor
        if combo.isEditable() and combo.currentText() != combo.itemText(combo.currentIndex()):
            return combo.currentText()  # typed text that matches no choice: the domain reports it
        return combo.currentData()

    def set_value(self, value) -> None:
        index = self.editor.findData(value if value not in ("",) else None)
        self.editor.setCurrentIndex(max(index, 0))


def code_choices(codes: CodeList, empty: str | None = "", sort: bool = False) -> list[tuple[object, str]]:
    items = [(c.code, c.label) for c in codes.codes]
    if sort:
        items.sort(key=lambda item: norwegian_sort_key(item[1]))
    return ([(None, empty)] if empty is not None else []) + items


class FieldSet(QObject):
    """The fields of one form by name: read, fill and show errors in one call."""

    changed = Signal()

    def __init__(self):
        super().__init__()
        self.fields: dict[str, Field] = {}

    def add(self, field: Field) -> Field:
        self.fields[field.name] = field
        field.changed.connect(self.changed)
        return field

    def values(self) -> dict[str, object]:
        return {name: field.value() for name, field in self.fields.items()}

    def set_values(self, values: dict[str, object]) -> None:
        for name, field in self.fields.items():
            field.blockSignals(True)
            field.set_value(values.get(name))
            field.blockSignals(False)
        self.clear_errors()

    def show_errors(self, errors: dict[str, str]) -> Field | None:
        """Show each message at its field; returns the first field with an error, to focus it."""
        first = None
        for name, field in self.fields.items():
            field.set_error(errors.get(name, ""))
            if name in errors and first is None:
                first = field
        return first

    def report(self, errors: dict[str, str]) -> None:
        """Show the messages at their fields and put the cursor in the first one to correct."""
        first = self.show_errors(errors)
        if first:
            first.setFocus()

    def clear_errors(self) -> None:
        for field in self.fields.values():
            field.set_error("")


def search_field(placeholder: str, accessible_name: str) -> tuple[QHBoxLayout, QLineEdit]:
    """The filter bar every list has: «Søk:» (Alt+S) and a line that filters as you type."""
    editor = QLineEdit()
    editor.setPlaceholderText(placeholder)
    editor.setClearButtonEnabled(True)
    editor.setAccessibleName(accessible_name)
    label = QLabel("&Søk:")
    label.setBuddy(editor)
    row = QHBoxLayout()
    row.addWidget(label)
    row.addWidget(editor, 1)
    return row, editor


def push_button(text: str, slot, tip: str = "") -> QPushButton:
    """A push button that does `slot` when clicked, with its tooltip. The slot is called with no
    arguments: «clicked» would otherwise hand its checked state to a slot's first optional parameter."""
    made = QPushButton(text)
    made.setToolTip(tip)
    made.clicked.connect(lambda: slot())
    return made
