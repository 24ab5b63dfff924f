"""The placement overview: who is out this week, whose follow-up is due, and who has no placement yet.

Women get placements far less often than men (DOMAIN.md section 6), so the participants without one
are grouped by gender with the counts in the headings, and one line sets the genders side by side.
"""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QLabel,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from introdesk.domain.names import fold_name
from introdesk.services import praksis
from introdesk.services.praksis import Oversikt, PraksisRad, UtenPraksis
from introdesk.services.session import Session
from introdesk.ui.praksis_columns import pick, praksis_columns
from introdesk.ui.fields import search_field
from introdesk.ui.row_model import ID_ROLE, Column, RowFilter, RowModel, row_table
from introdesk.ui.stale import FillWhenShown

# By gender code; "" for anyone whose gender is not recorded. Women first: the group most often left without.
HEADINGS = {"K": "Kvinner", "M": "Menn", "": "Kjønn ikke registrert"}
NOUNS = {"K": ("kvinne", "kvinner"), "M": ("mann", "menn"), "": ("person", "personer")}
OPEN_HINT = "Dobbeltklikk eller trykk Enter for å åpne deltakeren"


def _gender(kjonn: str) -> str:
    return kjonn if kjonn in HEADINGS else ""


def by_gender(kjonn_by_person: dict[int, str]) -> str:
    """«1 kvinne og 6 menn»: women and men always, the unrecorded only when there are some."""
    counts = Counter(_gender(k) for k in kjonn_by_person.values())
    parts = [f"{counts[g]} {NOUNS[g][counts[g] != 1]}" for g in HEADINGS if g or counts[g]]
    return ", ".join(parts[:-1]) + " og " + parts[-1]


class Section(QGroupBox):
    """A titled list of placements that follows the filter, with the count shown in the title."""

    open_requested = Signal(int)

    def __init__(self, title: str, columns: list[Column], stretch: int):
        super().__init__(title)
        self.heading = title
        self.model = RowModel(columns, row_id=lambda r: r.praksis.id,
                              haystack=lambda r: f"{r.deltaker} {r.arbeidsgiver} {r.oppfolger}", parent=self)
        self.proxy = RowFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = row_table(self.proxy, title, stretch=stretch)
        self.table.setToolTip(OPEN_HINT)
        self.table.activated.connect(self._open)
        QVBoxLayout(self).addWidget(self.table)

    def set_rows(self, rows: list[PraksisRad]) -> None:
        self.model.set_rows(rows)
        self._update_title()

    def set_filter(self, text: str) -> None:
        self.proxy.set_text(text)
        self._update_title()

    def _update_title(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.setTitle(f"{self.heading} ({total})" if shown == total else f"{self.heading} ({shown} av {total})")

    def _open(self, index) -> None:
        self.open_requested.emit(self.model.row(self.proxy.mapToSource(index)).praksis.deltaker_id)


class UtenPraksisTree(QTreeWidget):
    """The participants without a placement, one group per gender, each with their own wish."""

    open_requested = Signal(int)

    def __init__(self):
        super().__init__()
        self.setHeaderLabels(["Deltaker", "Eget ønske om praksis"])
        self.setAccessibleName("Uten praksisplass")
        self.setAlternatingRowColors(True)
        self.setToolTip(OPEN_HINT)
        self.itemActivated.connect(self._open)

    def fill(self, people: list[UtenPraksis]) -> None:
        self.clear()
        groups: dict[str, list[UtenPraksis]] = {g: [] for g in HEADINGS if g}
        for u in people:
            groups.setdefault(_gender(u.kjonn), []).append(u)
        for gender, members in groups.items():
            group = QTreeWidgetItem(self)
            group.setData(0, ID_ROLE, gender)
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            group.setFirstColumnSpanned(True)
            for u in members:
                item = QTreeWidgetItem(group, [u.navn, u.onske or "Ikke registrert"])
                item.setData(1, ID_ROLE, u.deltaker_id)
                item.setToolTip(1, u.onske)
            group.setExpanded(True)
        self.resizeColumnToContents(0)

    def set_filter(self, text: str) -> None:
        """Hide the participants that do not match; the headings say «Kvinner (1 av 4)» meanwhile."""
        words = fold_name(text).split()
        for i in range(self.topLevelItemCount()):
            group = self.topLevelItem(i)
            shown = 0
            for j in range(group.childCount()):
                item = group.child(j)
                match = all(w in fold_name(f"{item.text(0)} {item.text(1)}") for w in words)
                item.setHidden(not match)
                shown += match
            total = group.childCount()
            count = str(total) if shown == total else f"{shown} av {total}"
            group.setText(0, f"{HEADINGS[group.data(0, ID_ROLE)]} ({count})")

    def _open(self, item: QTreeWidgetItem) -> None:
        deltaker_id = item.data(1, ID_ROLE)
        if deltaker_id is not None:
            self.open_requested.emit(deltaker_id)


class PraksisOversikt(FillWhenShown, QWidget):
    open_requested = Signal(int)  # a participant id

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self._statuses = None
        self.session = session

        search_row, self.filter = search_field("Søk på deltaker, arbeidsgiver eller den som følger opp",
                                               "Søk i praksisoversikten")
        self.filter.textChanged.connect(self._filter_changed)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        font = self.summary.font()
        font.setBold(True)
        self.summary.setFont(font)

        columns = praksis_columns(session.rules)
        self.week = Section("Ute i praksis denne uken",
                            pick(columns, "deltaker", "arbeidsgiver", "dager", "timer", "periode"), 1)
        self.due = Section("Oppfølging",
                           pick(columns, "neste", "deltaker", "arbeidsgiver", "oppfolger", "siste"), 2)
        self.without = UtenPraksisTree()
        self.without_box = QGroupBox("Uten praksisplass")
        QVBoxLayout(self.without_box).addWidget(self.without)
        for source in (self.week, self.due, self.without):
            source.open_requested.connect(self.open_requested)

        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(self.week)
        left.addWidget(self.due)
        body = QSplitter()
        body.addWidget(left)
        body.addWidget(self.without_box)
        body.setSizes([860, 500])
        layout = QVBoxLayout(self)
        layout.addLayout(search_row)
        layout.addWidget(self.summary)
        layout.addWidget(body, 1)

    def refresh(self, statuses=None) -> None:
        """`statuses`: every programme as the window last read them, so they are not read again."""
        self._statuses = statuses
        super().refresh()

    def fill(self) -> None:
        o = praksis.overview(self.session, statuses=self._statuses)
        self.week.set_rows(o.denne_uken)
        self.due.set_rows(o.oppfolging)
        self.without.fill(o.uten_praksis)
        self.without.set_filter(self.filter.text())
        self.without_box.setTitle(f"Uten praksisplass ({len(o.uten_praksis)})")
        self.summary.setText(self._balance(o))

    @staticmethod
    def _balance(o: Oversikt) -> str:
        placed = {r.praksis.deltaker_id: r.kjonn for r in o.oppfolging}  # running placements
        without = {u.deltaker_id: u.kjonn for u in o.uten_praksis}
        return f"I praksis nå: {by_gender(placed)}.   Uten praksisplass: {by_gender(without)}."

    def _filter_changed(self, text: str) -> None:
        self.week.set_filter(text)
        self.due.set_filter(text)
        self.without.set_filter(text)
