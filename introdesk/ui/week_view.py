"""One week of the integration plan drawn as a timetable: a column per day, each element a block as tall
as its hours that day. Every block carries its name and hours in text, so colour is never the only cue,
and the whole week is described in words for screen readers."""

from __future__ import annotations

import datetime
from decimal import Decimal

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPalette, QPen
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QToolTip, QVBoxLayout, QWidget

from introdesk.domain.dates import format_date
from introdesk.domain.form import format_hours
from introdesk.domain.plan import WEEKDAY_NAMES, WEEKDAYS, WORKDAYS, Okt, Plan, Uke, verdict, week_schedule
from introdesk.domain.rules import CodeList
from introdesk.ui.fields import push_button

# Light fills, so the block text (the palette's darker of text and base) reads on them in light and dark themes.
TYPE_COLOURS = {
    "norsk": "#9cc3ec",
    "samfunnskunnskap": "#a8dba4",
    "sprakpraksis": "#f5cf8a",
    "arbeidspraksis": "#eeb48e",
    "grunnskole": "#cdb4e8",
    "videregaende": "#93d6ce",
    "livsmestring": "#f4b4cc",
    "foreldreveiledning": "#ebe596",
    "arbeidsrettet": "#dcc09f",
    "annet": "#cfcfcf",
}
EXTRA_COLOURS = ("#b9d7a0", "#e7c3e9", "#a9cfe0", "#f0d0a8")  # element types a municipality adds


def type_colour(code: str) -> QColor:
    if code in TYPE_COLOURS:
        return QColor(TYPE_COLOURS[code])
    return QColor(EXTRA_COLOURS[sum(map(ord, code)) % len(EXTRA_COLOURS)])  # stable across runs, unlike hash()


def hours_text(hours: Decimal) -> str:
    return format_hours(hours.quantize(Decimal("0.1")))


def week_title(monday: datetime.date) -> str:
    """«Uke 36 (31.08.–06.09.2026)»; both years when the week spans new year."""
    sunday = monday + datetime.timedelta(days=6)
    first = f"{monday:%d.%m.}" if monday.year == sunday.year else format_date(monday)
    return f"Uke {monday.isocalendar().week} ({first}–{format_date(sunday)})"


VERDICT_WORDS = {"tom": "ingenting planlagt", "under": "under fulltid", "over": "over fulltid", "ok": "fulltid"}


def verdict_text(week: Uke) -> str:
    """The plan check's own verdict on the week, in words."""
    return VERDICT_WORDS[verdict(week)]


class WeekView(QWidget):
    """The header with the week, its hours against full time and navigation, over the drawn week."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._plan: Plan | None = None
        self._weeks: list[Uke] = []
        self._codes: CodeList | None = None
        self._index = 0  # the week shown, in self._weeks

        self.title = QLabel()
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.total = QLabel()
        self.previous_button = QPushButton("◀ Forrige uke")
        self.previous_button.setAccessibleName("Forrige uke")
        self.previous_button.clicked.connect(lambda: self._step(-1))
        self.today_button = push_button("Denne &uken", lambda: self.show_week(datetime.date.today()))
        self.next_button = QPushButton("Neste uke ▶")
        self.next_button.setAccessibleName("Neste uke")
        self.next_button.clicked.connect(lambda: self._step(1))
        self.canvas = WeekCanvas()

        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        for button in (self.previous_button, self.today_button, self.next_button):
            header.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(header)
        layout.addWidget(self.total)
        layout.addWidget(self.canvas)
        self.setAccessibleName("Ukeplan")

    @property
    def monday(self) -> datetime.date | None:
        return self._weeks[self._index].monday if self._weeks else None

    def set_plan(self, plan: Plan | None, weeks: list[Uke], codes: CodeList,
                 today: datetime.date | None = None) -> None:
        """Show the plan's weeks: the same week as before for the same participant (after an edit or a new
        version), else the current week if it is inside the plan, else the plan's first week."""
        same_person = self._plan is not None and plan is not None and self._plan.deltaker_id == plan.deltaker_id
        shown = self.monday if same_person else None
        self._plan, self._weeks, self._codes = plan, weeks, codes
        self._index = 0
        self.show_week(shown or today or datetime.date.today())

    def show_week(self, day: datetime.date) -> None:
        """The week that holds `day`, or the plan's first week when the day is outside the plan."""
        monday = day - datetime.timedelta(days=day.weekday())
        self._index = next((i for i, w in enumerate(self._weeks) if w.monday == monday), 0)
        self._update()

    def _step(self, by: int) -> None:
        self._index = max(0, min(len(self._weeks) - 1, self._index + by))
        self._update()

    def _update(self) -> None:
        has_weeks = bool(self._weeks)
        for widget in (self.total, self.previous_button, self.today_button, self.next_button):
            widget.setVisible(has_weeks)
        if not has_weeks:
            self.title.setText("Ukeplan")
            self.canvas.set_week(None, [], Decimal(0), None)
            self.setAccessibleDescription("Planen har ingen elementer ennå.")
            return
        week = self._weeks[self._index]
        self.title.setText(week_title(week.monday))
        self.total.setText(f"{hours_text(week.planned)} av {hours_text(week.norm)} timer – {verdict_text(week)}")
        self.previous_button.setEnabled(self._index > 0)
        self.next_button.setEnabled(self._index < len(self._weeks) - 1)
        today = datetime.date.today()
        self.today_button.setEnabled(any(w.monday <= today < w.monday + datetime.timedelta(days=7)
                                         for w in self._weeks))
        days = week_schedule(self._plan, week.monday)
        # The dashed line each day is measured against: a whole week's full time over five days. The largest
        # norm is a whole week's; the weeks at the ends of the plan count only their days inside it.
        full_week = max(w.norm for w in self._weeks)
        self.canvas.set_week(week.monday, days, full_week / len(WORKDAYS), self._codes)
        self.setAccessibleDescription(self._describe(week, days))

    def _describe(self, week: Uke, days: list[list[Okt]]) -> str:
        parts = [f"{week_title(week.monday)}: {self.total.text()}."]
        for i, sessions in enumerate(days):
            if sessions:
                what = ", ".join(f"{self._codes.label(s.element.type)} {hours_text(s.hours)} timer" for s in sessions)
                parts.append(f"{WEEKDAY_NAMES[i].capitalize()}: {what}.")
            elif i in WORKDAYS:
                parts.append(f"{WEEKDAY_NAMES[i].capitalize()}: ingenting planlagt.")
        return " ".join(parts)


class WeekCanvas(QWidget):
    """The drawn days. Weekend columns appear only when something is planned on them."""

    PADDING = 3.0

    def __init__(self, parent=None):
        super().__init__(parent)
        self._monday: datetime.date | None = None
        self._days: list[list[Okt]] = []
        self._day_norm = Decimal(0)
        self._codes: CodeList | None = None
        self._blocks: list[tuple[QRectF, str]] = []  # for tooltips
        self.setMouseTracking(True)
        self.setMinimumHeight(280)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(640, 320)

    def set_week(self, monday: datetime.date | None, days: list[list[Okt]], day_norm: Decimal,
                 codes: CodeList | None) -> None:
        self._monday, self._days, self._day_norm, self._codes = monday, days, day_norm, codes
        self.update()

    def shown_days(self) -> list[int]:
        weekend = [d for d in (5, 6) if d < len(self._days) and self._days[d]]
        return [*WORKDAYS, *weekend]

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        self._blocks = []
        if self._monday is None:
            painter.setPen(palette.placeholderText().color())
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "Planen har ingen elementer ennå.")
            return
        metrics = QFontMetricsF(self.font())
        line = metrics.height()
        columns = self.shown_days()
        top, bottom = line * 1.6, self.height() - line * 2.8  # day names above; day totals and the key below
        width = (self.width() - 2) / len(columns)
        totals = {d: sum((s.hours for s in self._days[d]), Decimal(0)) for d in columns}
        # The fullest day fills the height, with a little room above the full-time line on lighter weeks.
        per_hour = (bottom - top) / float(max([*totals.values(), self._day_norm * Decimal("1.1")]) or 1)

        grid = QPen(palette.mid().color(), 1)
        for col, day in enumerate(columns):
            left = 1 + col * width
            date = self._monday + datetime.timedelta(days=day)
            painter.setPen(palette.windowText().color())
            painter.drawText(QRectF(left, 0, width, top - 4), Qt.AlignmentFlag.AlignCenter,
                             f"{WEEKDAYS[day]} {date:%d.%m.}")
            painter.setPen(grid)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(left, top, width, bottom - top))
            y = top
            for s in self._days[day]:
                height = float(s.hours) * per_hour
                rect = QRectF(left + self.PADDING, y + 1, width - 2 * self.PADDING, max(2.0, height - 2))
                self._draw_block(painter, rect, s, metrics)
                y += height
            total = totals[day]
            painter.setPen(palette.windowText().color())
            painter.drawText(QRectF(left, bottom + 2, width, line * 1.3), Qt.AlignmentFlag.AlignCenter,
                             f"{hours_text(total)} t" if total else "–")

        # Full time for one day, as a dashed line across the days, explained in a key under them.
        if self._day_norm:
            dashed = QPen(palette.windowText().color(), 1, Qt.PenStyle.DashLine)
            y = top + float(self._day_norm) * per_hour
            painter.setPen(dashed)
            painter.drawLine(QPointF(1, y), QPointF(self.width() - 1, y))
            key_y = self.height() - line * 0.7
            painter.drawLine(QPointF(4, key_y), QPointF(34, key_y))
            painter.setPen(palette.windowText().color())
            painter.drawText(QPointF(40, key_y + metrics.ascent() / 2 - 1),
                             f"Fulltid: {hours_text(self._day_norm)} timer per dag")

    def _draw_block(self, painter: QPainter, rect: QRectF, s: Okt, metrics: QFontMetricsF) -> None:
        fill = type_colour(s.element.type)
        painter.setPen(QPen(fill.darker(150), 1))
        painter.setBrush(fill)
        painter.drawRoundedRect(rect, 3, 3)
        name = self._codes.label(s.element.type)
        hours = f"{hours_text(s.hours)} t"
        self._blocks.append((rect, f"{name}{f' ({s.element.tilbyder})' if s.element.tilbyder else ''}: "
                                   f"{hours_text(s.hours)} timer denne dagen"))
        painter.setPen(_readable_on(fill, self.palette()))
        inner = rect.adjusted(4, 1, -4, -1)
        wrap = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
        needed = metrics.boundingRect(inner.adjusted(0, 0, 0, 10_000), wrap, name).height() + metrics.height()
        if inner.height() >= needed:  # the name (wrapped) over the hours
            painter.drawText(inner, wrap, name)
            painter.drawText(inner, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, hours)
        elif inner.height() >= metrics.height() * 0.8:  # one line: as much of the name as fits, then the hours
            hours_width = metrics.horizontalAdvance(" " + hours)
            shown = metrics.elidedText(name, Qt.TextElideMode.ElideRight, max(0.0, inner.width() - hours_width))
            painter.drawText(inner, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, f"{shown} {hours}")

    def mouseMoveEvent(self, event) -> None:
        for rect, text in self._blocks:
            if rect.contains(event.position()):
                QToolTip.showText(event.globalPosition().toPoint(), text, self)
                return
        QToolTip.hideText()


def _readable_on(fill: QColor, palette: QPalette) -> QColor:
    """The palette colour (text or base) that stands out most on the fill."""
    candidates = (palette.color(QPalette.ColorRole.Text), palette.color(QPalette.ColorRole.Base))
    return max(candidates, key=lambda c: abs(c.lightnessF() - fill.lightnessF()))
