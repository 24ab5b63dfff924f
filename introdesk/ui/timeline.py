"""The programme drawn as a bar over time: ordinary period, extension, leave and stops, with today
and the planned end marked. Colour is never the only cue: each kind has its own pattern and a legend,
and the whole is described in words for screen readers."""

from __future__ import annotations

import datetime

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from introdesk.domain.dates import format_date
from introdesk.domain.forlop import Forlop

# kind -> (fill colour, brush pattern, legend text)
STYLES = {
    "program": (QColor("#2f6fad"), Qt.BrushStyle.SolidPattern, "Program"),
    "forlengelse": (QColor("#7fb0de"), Qt.BrushStyle.BDiagPattern, "Forlengelse"),
    "permisjon": (QColor("#e0a030"), Qt.BrushStyle.SolidPattern, "Permisjon"),
    "stans": (QColor("#c0392b"), Qt.BrushStyle.DiagCrossPattern, "Stans"),
}
MONTHS = ("jan", "feb", "mar", "apr", "mai", "jun", "jul", "aug", "sep", "okt", "nov", "des")


class TimelineWidget(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._forlop: Forlop | None = None
        self._today = datetime.date.today()
        self._markers: list[tuple[QRectF, str]] = []  # event ticks, for tooltips
        self.setMouseTracking(True)
        self.setMinimumHeight(150)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Tidslinje for programmet")

    def sizeHint(self) -> QSize:
        return QSize(600, 150)

    def set_forlop(self, forlop: Forlop | None, today: datetime.date | None = None) -> None:
        self._forlop, self._today = forlop, today or datetime.date.today()
        self.setAccessibleDescription(self._describe())
        self.setToolTip("" if forlop and forlop.periods else "Tidslinjen vises når programmet har startet.")
        self.update()

    def _describe(self) -> str:
        f = self._forlop
        if not f or not f.periods:
            return "Programmet har ikke startet."
        parts = [f"{p.label} {format_date(p.start)}–{format_date(p.end)}" for p in f.periods]
        return ". ".join(parts) + "."

    def _span(self) -> tuple[datetime.date, datetime.date]:
        f = self._forlop
        first = min(p.start for p in f.periods)
        last = max([p.end for p in f.periods] + [self._today, f.planned_end or first])
        return first - datetime.timedelta(days=10), last + datetime.timedelta(days=20)

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        self._markers = []
        f = self._forlop
        if not f or not f.periods:
            painter.setPen(palette.placeholderText().color())
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "Programmet har ikke startet.")
            return
        first, last = self._span()
        left, right = 8.0, self.width() - 8.0
        days = max(1, (last - first).days)

        def x(day: datetime.date) -> float:
            return left + (right - left) * (day - first).days / days

        bar_top, bar_height = 26.0, 26.0
        # Month ticks and year labels along the top.
        small = QFont(self.font())
        small.setPointSizeF(small.pointSizeF() * 0.85)
        painter.setFont(small)
        painter.setPen(QPen(palette.mid().color(), 1))
        month = first.replace(day=1)
        step = 1 if days < 400 else 3 if days < 1200 else 6
        while month <= last:
            if month >= first and (month.month - 1) % step == 0:
                mx = x(month)
                painter.drawLine(QPointF(mx, bar_top - 4), QPointF(mx, bar_top + bar_height + 4))
                label = f"{MONTHS[month.month - 1]} {month.year}" if month.month == 1 or mx < left + 40 else MONTHS[month.month - 1]
                painter.setPen(palette.text().color())
                painter.drawText(QPointF(mx + 2, bar_top - 8), label)
                painter.setPen(QPen(palette.mid().color(), 1))
            month = month.replace(year=month.year + (month.month == 12), month=month.month % 12 + 1)

        # The periods: the programme first, then what lies on top of it.
        for period in sorted(f.periods, key=lambda p: ("program", "forlengelse", "permisjon", "stans").index(p.kind)):
            colour, pattern, _ = STYLES[period.kind]
            inset = 0 if period.kind in ("program", "forlengelse") else 5
            rect = QRectF(x(period.start), bar_top + inset, max(2.0, x(period.end + datetime.timedelta(1)) - x(period.start)),
                          bar_height - 2 * inset)
            painter.fillRect(rect, QBrush(colour.lighter(160) if pattern != Qt.BrushStyle.SolidPattern else colour))
            if pattern != Qt.BrushStyle.SolidPattern:
                painter.fillRect(rect, QBrush(colour.darker(120), pattern))
            painter.setPen(QPen(colour.darker(140), 1))
            painter.drawRect(rect)

        # Events as small diamonds under the bar, with their name in a tooltip.
        marker_y = bar_top + bar_height + 9
        painter.setPen(QPen(palette.text().color(), 1))
        for e in f.events:
            if first <= e.dato <= last:
                ex = x(e.dato)
                path = QPainterPath()
                path.moveTo(ex, marker_y - 5)
                path.lineTo(ex + 4, marker_y)
                path.lineTo(ex, marker_y + 5)
                path.lineTo(ex - 4, marker_y)
                path.closeSubpath()
                painter.fillPath(path, QBrush(palette.text().color()))
                self._markers.append((QRectF(ex - 6, marker_y - 7, 12, 14), f"{format_date(e.dato)}: {e.label}"))

        # Today and the (planned) end as labelled vertical lines, each label on its own row so they
        # never overlap when the dates are close.
        line_height = painter.fontMetrics().height()
        for row, (day, text, colour) in enumerate((
            (self._today, "I dag", QColor("#1b8a3a")),
            (f.ended or f.planned_end, "Slutt" if f.ended else "Planlagt slutt", palette.text().color()),
        )):
            if day and first <= day <= last:
                lx = x(day)
                label_y = marker_y + 10 + line_height * (row + 1)
                painter.setPen(QPen(colour, 2, Qt.PenStyle.DashLine))
                painter.drawLine(QPointF(lx, bar_top - 4), QPointF(lx, label_y - line_height + 3))
                painter.setPen(colour)
                label = f"{text} {format_date(day)}"
                width = painter.fontMetrics().horizontalAdvance(label)
                painter.drawText(QPointF(min(max(left, lx - width / 2), right - width), label_y), label)

        # Legend: a swatch with its pattern and a word, for the kinds present.
        lx, ly = left, self.height() - 12.0
        for kind in ("program", "forlengelse", "permisjon", "stans"):
            if not any(p.kind == kind for p in f.periods):
                continue
            colour, pattern, text = STYLES[kind]
            swatch = QRectF(lx, ly - 9, 14, 10)
            painter.fillRect(swatch, QBrush(colour.lighter(160) if pattern != Qt.BrushStyle.SolidPattern else colour))
            if pattern != Qt.BrushStyle.SolidPattern:
                painter.fillRect(swatch, QBrush(colour.darker(120), pattern))
            painter.setPen(palette.text().color())
            painter.drawText(QPointF(lx + 18, ly), text)
            lx += 30 + painter.fontMetrics().horizontalAdvance(text)

    def mouseMoveEvent(self, event) -> None:
        for rect, text in self._markers:
            if rect.contains(event.position()):
                QToolTip.showText(event.globalPosition().toPoint(), text, self)
                return
        QToolTip.hideText()
