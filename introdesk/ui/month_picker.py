"""A month chosen from a list or stepped with the arrows beside it, for the benefit and the month's attendance."""

from __future__ import annotations

import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QWidget

from introdesk.domain.dates import add_months, first_of_month, month_name

YEARS_BACK = 5  # a programme lasts at most a few years; older months are for the archive, not this list


def previous_month(today: datetime.date | None = None) -> datetime.date:
    """The benefit is paid in arrears: the month to work on is the one before this."""
    return add_months(first_of_month(today or datetime.date.today()), -1)


class MonthPicker(QWidget):
    changed = Signal(object)  # the first of the month chosen

    def __init__(self, label: str = "&Måned:", parent=None):
        super().__init__(parent)
        this_month = first_of_month(datetime.date.today())
        self.combo = QComboBox()
        month = add_months(this_month, -12 * YEARS_BACK)
        while month <= add_months(this_month, 1):
            self.combo.addItem(month_name(month).capitalize(), month)
            month = add_months(month, 1)
        self.combo.setMaxVisibleItems(14)
        caption = QLabel(label)
        caption.setBuddy(self.combo)
        self.previous_button = QPushButton("◀")
        self.next_button = QPushButton("▶")
        for button, name, step in ((self.previous_button, "Forrige måned", -1), (self.next_button, "Neste måned", 1)):
            button.setAccessibleName(name)
            button.setToolTip(name)
            button.setFixedWidth(button.sizeHint().height() + 8)
            button.clicked.connect(lambda _checked=False, step=step: self.step(step))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(caption)
        layout.addWidget(self.previous_button)
        layout.addWidget(self.combo)
        layout.addWidget(self.next_button)
        self.combo.currentIndexChanged.connect(self._chosen)
        self.set_month(previous_month())

    @property
    def month(self) -> datetime.date:
        return self.combo.currentData()

    def set_month(self, day: datetime.date) -> None:
        """The month holding `day` (the nearest month in the list, if it is outside it)."""
        wanted = first_of_month(day)
        index = next((i for i in range(self.combo.count()) if self.combo.itemData(i) == wanted), -1)
        if index < 0:
            index = 0 if wanted < self.combo.itemData(0) else self.combo.count() - 1
        self.combo.setCurrentIndex(index)

    def step(self, by: int) -> None:
        self.combo.setCurrentIndex(max(0, min(self.combo.count() - 1, self.combo.currentIndex() + by)))

    def _chosen(self, index: int) -> None:
        self.previous_button.setEnabled(index > 0)
        self.next_button.setEnabled(index < self.combo.count() - 1)
        self.changed.emit(self.month)
