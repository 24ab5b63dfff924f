"""Resultater: of those who ended the programme in a year, how many went on to work or education, against
the municipality's target; broken down by group, over the years, and one year after. DOMAIN.md section 13.

Counts are always shown; a group smaller than the rule's limit gets no percentage, only its counts and a
note, so a share of one or two people is never read as a result."""

from __future__ import annotations

import datetime

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from introdesk.domain.resultater import BREAKDOWNS
from introdesk.services import resultater
from introdesk.services.resultater import Andel, Resultater
from introdesk.services.session import Session
from introdesk.ui import norsk
from introdesk.ui.charts import Bar, BarChart
from introdesk.ui.documents import save_document
from introdesk.ui.fields import push_button
from introdesk.ui.nir_view import default_year
from introdesk.ui.row_model import Column, RowModel, row_table
from introdesk.ui.stale import FillWhenShown

# Rows are (position in the reader's order, Andel): sorting on «Gruppe» gives that order back.
COLUMNS = [
    Column("Gruppe", lambda x: x[1].group, sort=lambda x: x[0], tooltip=lambda x: x[1].group),
    Column("Avsluttet", lambda x: str(x[1].ended), sort=lambda x: x[1].ended, number=True,
           header_tip="Fullført, stanset eller avbrutt i året, også de uten registrert sluttårsak"),
    Column("I arbeid eller utdanning", lambda x: str(x[1].in_work_or_education),
           sort=lambda x: x[1].in_work_or_education, number=True,
           header_tip="Sluttårsaken regnes som arbeid eller utdanning"),
    Column("Andel", lambda x: x[1].share_text(), sort=lambda x: -1.0 if x[1].share is None else x[1].share,
           number=True, header_tip="Andelen i arbeid eller utdanning; ikke vist for små grupper"),
]


def bar(a: Andel, emphasis: bool = False) -> Bar:
    return Bar(a.group, a.in_work_or_education, a.ended, a.share, emphasis)


def headline(r: Resultater) -> str:
    """«2026: 12 avsluttet, 6 i arbeid eller utdanning – 50 %»."""
    t = r.total
    if t.ended == 0:
        return f"{r.year}: ingen avsluttet ennå"
    return f"{r.year}: {t.ended} avsluttet, {t.in_work_or_education} i arbeid eller utdanning – {t.share_text()}"


def target_met(r: Resultater) -> bool | None:
    """Whether the year's share reaches the target, counted exactly; None when there is no share to judge."""
    t = r.total
    return None if t.share is None else t.in_work_or_education * 100 >= r.target * t.ended


def target_text(r: Resultater) -> str:
    met = target_met(r)
    if met is None:
        reason = "ingen avsluttet" if r.total.ended == 0 else f"færre enn {r.min_group} avsluttet"
        return f"Mål: {r.target} % – kan ikke vurderes ({reason})"
    return f"Mål: {r.target} % – nådd" if met else f"Mål: {r.target} % – ikke nådd"


def followup_text(r: Resultater) -> str:
    """«Ett år etter: 10 av 14 med registrert status i arbeid eller utdanning (71 %)», and how many lack one."""
    f = r.followup
    if r.followup_of == 0:
        return f"Ett år etter: ingen avsluttet i {r.year}."
    if f.ended == 0:
        return (f"Ett år etter: ingen status registrert ennå for de {r.followup_of} som avsluttet i {r.year}."
                if r.followup_of > 1 else f"Ett år etter: ingen status registrert ennå for den som avsluttet i {r.year}.")
    text = (f"Ett år etter: {f.in_work_or_education} av {f.ended} med registrert status i arbeid eller utdanning "
            f"({f.share_text()}).")
    missing = r.followup_of - f.ended
    if missing:
        text += f" {missing} av {r.followup_of} avsluttede mangler status."
    return text


class ResultaterView(FillWhenShown, QWidget):
    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        self.result: Resultater | None = None

        self.year = QComboBox()
        self.year.setAccessibleName("År")
        self.year.setToolTip("Året deltakerne avsluttet programmet")
        self.year.currentIndexChanged.connect(lambda _i: self._year_changed())
        year_label = QLabel("&År:")
        year_label.setBuddy(self.year)

        self.headline = QLabel()
        self.headline.setObjectName("overskrift")
        font = self.headline.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.35)
        self.headline.setFont(font)
        self.headline.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.target = QLabel()
        bold = self.target.font()
        bold.setBold(True)
        self.target.setFont(bold)
        self.followup = QLabel()
        self.followup.setWordWrap(True)

        top = QHBoxLayout()
        top.addWidget(year_label)
        top.addWidget(self.year)
        top.addSpacing(16)
        top.addWidget(self.headline, 1)
        summary = QVBoxLayout()
        summary.addLayout(top)
        summary.addWidget(self.target)
        summary.addWidget(self.followup)

        self.trend = BarChart(Qt.Orientation.Vertical, "Utvikling over år",
                              "Ingen har avsluttet programmet ennå.")
        trend_box = QGroupBox("Utvikling over år: andel i arbeid eller utdanning")
        trend_layout = QVBoxLayout(trend_box)
        self.trend_area = QScrollArea()  # many years scroll sideways rather than crowd their labels
        self.trend_area.setWidget(self.trend)
        self.trend_area.setWidgetResizable(True)
        self.trend_area.setFrameShape(QFrame.Shape.NoFrame)
        self.trend_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        trend_layout.addWidget(self.trend_area, 1)

        self.breakdown = QComboBox()
        for field, heading in BREAKDOWNS.items():
            self.breakdown.addItem(heading, field)
        self.breakdown.setAccessibleName("Fordelt på")
        self.breakdown.currentIndexChanged.connect(lambda _i: self._show_breakdown())
        breakdown_label = QLabel("Fordel&t på:")
        breakdown_label.setBuddy(self.breakdown)
        choose = QHBoxLayout()
        choose.addWidget(breakdown_label)
        choose.addWidget(self.breakdown)
        choose.addStretch(1)
        self.chart = BarChart(Qt.Orientation.Horizontal, "Fordeling", "Ingen avsluttet i året.")
        self.model = RowModel(COLUMNS, parent=self)
        self.table = row_table(self.model, "Fordeling", stretch=0)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.groups_box = QGroupBox("Fordelt på grupper")
        groups_layout = QVBoxLayout(self.groups_box)
        groups_layout.addLayout(choose)
        # Chart and table take the height their groups need; many groups (countries) scroll.
        self.chart_area = QScrollArea()
        self.chart_area.setWidget(self.chart)
        self.chart_area.setWidgetResizable(True)
        self.chart_area.setFrameShape(QFrame.Shape.NoFrame)
        self.chart_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.chart_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        groups_layout.addWidget(self.chart_area, 3)
        groups_layout.addWidget(self.table, 2)
        groups_layout.addWidget(self.note)
        groups_layout.addStretch(1)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(trend_box)
        splitter.addWidget(self.groups_box)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)

        self.report_button = push_button("Lagre ra&pport (PDF) …", self.write_report,
                                         "Resultatrapport for året med diagrammer og tabeller, til kommunestyret")
        self.export_button = push_button("Eksporter ta&beller (Excel) …", self.export,
                                         "Tabellene for året som Excel-ark, ett ark per tabell")
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.report_button)
        buttons.addWidget(self.export_button)

        layout = QVBoxLayout(self)
        layout.addLayout(summary)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)

    # ----- filling

    @property
    def selected_year(self) -> int | None:
        return self.year.currentData()

    @property
    def selected_field(self) -> str:
        return self.breakdown.currentData()

    def fill(self) -> None:
        """Read the chosen year's results again; their trend gives the years to choose from (a new ending
        may add one). The first time, the year being reported on (last year until March)."""
        today = datetime.date.today()
        chosen = self.selected_year or default_year(today)
        r = resultater.results(self.session, chosen)
        years = sorted(set(r.years) | {today.year}, reverse=True)
        self.year.blockSignals(True)
        self.year.clear()
        for y in years:
            self.year.addItem(str(y), y)
        self.year.setCurrentIndex(years.index(chosen))
        self.year.blockSignals(False)
        self._show(r)

    def show_year(self, year: int) -> None:
        index = self.year.findData(year)
        if index >= 0:
            self.year.setCurrentIndex(index)  # fills through the combo's signal when the year changes

    def show_breakdown(self, field: str) -> None:
        self.breakdown.setCurrentIndex(self.breakdown.findData(field))

    def _year_changed(self) -> None:
        if self.selected_year is not None:
            self._show(resultater.results(self.session, self.selected_year))

    def _show(self, r: Resultater) -> None:
        self.result = r
        year = r.year
        self.headline.setText(headline(r))
        self.target.setText(target_text(r))
        self.followup.setText(followup_text(r))
        self.trend.set_bars([bar(a, emphasis=a.group == str(year)) for a in r.trend], r.target)
        self.trend.setAccessibleDescription(f"Andel i arbeid eller utdanning per år. {self.trend.describe()}")
        QTimer.singleShot(0, self, self._scroll_to_year)  # once the chart has its new width
        self._show_breakdown()

    def _scroll_to_year(self) -> None:
        index = next((i for i, b in enumerate(self.trend.bars) if b.emphasis), len(self.trend.bars) - 1)
        self.trend_area.ensureVisible(int(self.trend.column_centre(index)), 0, int(self.trend.column_width() * 2), 0)

    def _show_breakdown(self) -> None:
        r = self.result
        if r is None:
            return
        heading = self.breakdown.currentText()
        groups = r.breakdowns[self.selected_field]
        self.groups_box.setTitle(f"{r.year} fordelt på {heading.lower()}")
        self.chart.setAccessibleName(f"{r.year} fordelt på {heading.lower()}")
        self.chart.set_bars([bar(a) for a in groups], r.target)
        self.model.set_rows(list(enumerate(groups)))
        self._fit_heights()
        self.table.setAccessibleName(f"Tabell: {r.year} fordelt på {heading.lower()}")
        self.note.setText(f"Grupper med færre enn {r.min_group} avsluttede vises bare som antall."
                          if groups else f"Ingen avsluttet i {r.year}.")

    def _fit_heights(self) -> None:
        """No empty space under a few groups: the chart and the table are at most as tall as their rows."""
        self.chart_area.setMaximumHeight(self.chart.sizeHint().height())
        self.chart_area.setMinimumHeight(min(self.chart.sizeHint().height(), self.chart.fontMetrics().height() * 9))
        header = self.table.horizontalHeader().sizeHint().height() + 2 * self.table.frameWidth()
        row = self.table.verticalHeader().defaultSectionSize()
        self.table.setMaximumHeight(header + row * max(1, self.model.rowCount()))
        self.table.setMinimumHeight(header + row * min(4, max(1, self.model.rowCount())))

    # ----- documents

    def write_report(self) -> None:
        year = self.selected_year
        if year is not None:
            save_document(self, "Lagre resultatrapport", f"resultater-{year}.pdf",
                          lambda path: resultater.write_report(self.session, year, path))

    def export(self) -> None:
        year = self.selected_year
        if year is None:
            return
        written = save_document(self, "Eksporter tabeller", f"resultater-{year}.xlsx",
                                lambda path: resultater.export_tables(self.session, year, path),
                                "Excel (*.xlsx)", open_after=False)
        if written:
            norsk.info(self, "Eksporter tabeller", f"Tabellene for {year} er lagret:\n{written}")
