"""A small bar chart of shares drawn with QPainter (QtCharts is not part of PySide6-Essentials).

Every bar carries its count («6 av 12») and its share in text, so neither colour nor length is the only
cue; a group too small for a share gets no bar, only its count and «for få til andel». The scale is
always 0–100 %, so charts side by side compare. A dashed line marks the target. The chart describes
itself in words for screen readers, and each bar's text shows as a tooltip too.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from introdesk.services.resultater import percent_text as percent

TOO_FEW = "for få til andel"
_TICKS = (0, 25, 50, 75, 100)


@dataclass(frozen=True)
class Bar:
    """One group: `count` of `total`, and the share (None when the group is too small to show one)."""

    label: str
    count: int
    total: int
    share: float | None
    emphasis: bool = False  # drawn in full colour with a bold label; the others lighter

    def count_text(self) -> str:
        return f"{self.count} av {self.total}"

    def text(self) -> str:
        """«50 % (6 av 12)», «2 av 3 (for få til andel)»."""
        if self.total == 0:
            return "ingen"
        if self.share is None:
            return f"{self.count_text()} ({TOO_FEW})"
        return f"{percent(self.share)} ({self.count_text()})"


class BarChart(QWidget):
    """Vertical bars (one column per group, for years) or horizontal bars (one row per group, for
    breakdowns with long group names)."""

    def __init__(self, orientation: Qt.Orientation = Qt.Orientation.Vertical, accessible_name: str = "",
                 empty_text: str = "Ingen tall å vise.", parent: QWidget | None = None):
        super().__init__(parent)
        self.orientation = orientation
        self.empty_text = empty_text
        self.bars: list[Bar] = []
        self.target: int | None = None  # per cent
        self._hits: list[tuple[QRectF, str]] = []  # for tooltips
        self.setAccessibleName(accessible_name)
        self.setMouseTracking(True)
        self.setAutoFillBackground(False)
        vertical = orientation == Qt.Orientation.Vertical
        self.setSizePolicy(QSizePolicy.Policy.Expanding,
                           QSizePolicy.Policy.Expanding if vertical else QSizePolicy.Policy.Fixed)

    # ----- data

    def set_bars(self, bars: list[Bar], target: int | None = None) -> None:
        self.bars, self.target = list(bars), target
        self.setAccessibleDescription(self.describe())
        self.updateGeometry()
        self.update()

    def target_text(self) -> str:
        return f"Mål: {self.target} %"

    def describe(self) -> str:
        if not self.bars:
            return self.empty_text
        parts = [f"{self.target_text()}." if self.target is not None else ""]
        parts += [f"{b.label}: {b.text()}." for b in self.bars]
        return " ".join(p for p in parts if p)

    # ----- size

    def _metrics(self) -> QFontMetricsF:
        return QFontMetricsF(self.font())

    def _row_height(self) -> float:
        return self._metrics().height() * 1.8

    def _label_width(self) -> float:
        metrics = self._bold_metrics()
        return max((metrics.horizontalAdvance(b.label) for b in self.bars), default=0.0)

    def _bold_metrics(self) -> QFontMetricsF:
        font = QFont(self.font())
        font.setBold(True)
        return QFontMetricsF(font)

    def column_width(self) -> float:
        """The narrowest column that holds its labels: the share, the count, the group, and the words of
        «for få til andel» in lines."""
        metrics, bold = self._metrics(), self._bold_metrics()
        texts = [bold.horizontalAdvance("100 %"), metrics.horizontalAdvance("(for få til"), self._label_width()]
        texts += [metrics.horizontalAdvance(b.count_text()) for b in self.bars]
        return max(texts) + metrics.height()

    def sizeHint(self) -> QSize:
        line = self._metrics().height()
        if self.orientation == Qt.Orientation.Vertical:
            return QSize(int(max(360, self._axis_width() + len(self.bars) * self.column_width() * 1.4
                                 + self._target_width())), int(line * 16))
        rows = max(1, len(self.bars))
        return QSize(480, int(line * 3.6 + rows * self._row_height()))

    def minimumSizeHint(self) -> QSize:
        """Wide enough for every column's labels: in a scroll area, many years scroll rather than overlap."""
        line = self._metrics().height()
        if self.orientation == Qt.Orientation.Vertical:
            return QSize(int(max(240, self._axis_width() + len(self.bars) * self.column_width() + self._target_width())),
                         int(line * 12))
        return QSize(320, self.sizeHint().height())

    def column_centre(self, index: int) -> float:
        """Where a vertical chart's column is, for scrolling it into view."""
        plot_width = self.width() - self._axis_width() - self._target_width()
        return self._axis_width() + (index + 0.5) * plot_width / max(1, len(self.bars))

    def _axis_width(self) -> float:
        return self._metrics().horizontalAdvance("100 %") + 10

    def _target_width(self) -> float:
        return self._metrics().horizontalAdvance(self.target_text()) + 12 if self.target is not None else 8.0

    # ----- drawing

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.base())
        painter.setPen(QPen(palette.mid().color(), 1))
        painter.drawRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5))
        self._hits = []
        if not self.bars:
            painter.setPen(palette.placeholderText().color())
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.empty_text)
            return
        if self.orientation == Qt.Orientation.Vertical:
            self._paint_columns(painter, palette)
        else:
            self._paint_rows(painter, palette)

    def _bar_colour(self, palette: QPalette, bar: Bar) -> QColor:
        full = palette.color(QPalette.ColorRole.Highlight)
        if bar.emphasis or not any(b.emphasis for b in self.bars):
            return full
        return _blend(full, palette.color(QPalette.ColorRole.Base), 0.5)

    def _target_pen(self, palette: QPalette) -> QPen:
        pen = QPen(palette.color(QPalette.ColorRole.Mid).darker(130), 2, Qt.PenStyle.CustomDashLine)
        pen.setDashPattern([4, 3])
        return pen

    def _paint_columns(self, painter: QPainter, palette: QPalette) -> None:
        """One column per group, the share as the bar's height, percent and count above it."""
        metrics, bold = self._metrics(), self._bold_metrics()
        line = metrics.height()
        text = palette.color(QPalette.ColorRole.Text)
        plot = QRectF(self._axis_width(), line * 2.8, self.width() - self._axis_width() - self._target_width(),
                      self.height() - line * 2.8 - line * 2.0)
        if plot.height() < line or plot.width() < line:
            return
        y_of = lambda p: plot.bottom() - plot.height() * p / 100  # noqa: E731
        self._grid(painter, palette, [(QPointF(plot.left(), y_of(t)), QPointF(plot.right(), y_of(t))) for t in _TICKS])
        painter.setPen(text)
        for t in _TICKS:
            painter.drawText(QRectF(0, y_of(t) - line / 2, plot.left() - 6, line),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, f"{t} %")

        slot = plot.width() / len(self.bars)
        width = min(slot * 0.6, line * 4.0)
        wrap = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignHCenter
        labels: list[tuple[QRectF, str, bool]] = []  # drawn last, over the target line
        for i, bar in enumerate(self.bars):
            left = plot.left() + i * slot
            column = QRectF(left, plot.top() - line * 2.6, slot, plot.height() + line * 2.6)
            self._hits.append((column, f"{bar.label}: {bar.text()}"))
            if bar.share is not None:
                top = y_of(bar.share * 100)
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(self._bar_colour(palette, bar))
                painter.drawRect(QRectF(left + (slot - width) / 2, top, width, plot.bottom() - top))
                labels.append((self._text_box(bold, percent(bar.share), left, slot, top - line * 2.2), percent(bar.share),
                               True))
                count = metrics.elidedText(bar.count_text(), Qt.TextElideMode.ElideRight, slot - 4)
                labels.append((self._text_box(metrics, count, left, slot, top - line * 1.15), count, False))
            else:  # no bar: the count and why there is no share, standing on the axis
                words = f"{bar.count_text()} ({TOO_FEW})" if bar.total else "ingen"
                box = QRectF(left + 2, plot.top(), slot - 4, plot.height() - 4)
                needed = metrics.boundingRect(box, int(wrap), words)
                labels.append((QRectF(needed.left() - 2, plot.bottom() - 4 - needed.height(), needed.width() + 4,
                                      needed.height()), words, False))
            painter.setFont(self._bold_font() if bar.emphasis else self.font())
            painter.setPen(text)
            label = (bold if bar.emphasis else metrics).elidedText(bar.label, Qt.TextElideMode.ElideRight, slot)
            painter.drawText(QRectF(left, plot.bottom() + 4, slot, line * 1.4), Qt.AlignmentFlag.AlignHCenter,
                             label)
            painter.setFont(self.font())
        painter.setPen(QPen(text, 1))
        painter.drawLine(QPointF(plot.left(), plot.bottom()), QPointF(plot.right(), plot.bottom()))
        if self.target is not None:
            y = y_of(self.target)
            painter.setPen(self._target_pen(palette))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right() + 4, y))
            painter.setPen(text)
            painter.drawText(QRectF(plot.right() + 8, y - line / 2, self._target_width(), line),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, self.target_text())
        base = palette.color(QPalette.ColorRole.Base)
        for box, words, strong in labels:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(base)  # the target line passes behind a label, not through it
            painter.drawRect(box)
            painter.setPen(text)
            painter.setFont(self._bold_font() if strong else self.font())
            painter.drawText(box, wrap, words)
        painter.setFont(self.font())

    @staticmethod
    def _text_box(metrics: QFontMetricsF, words: str, left: float, slot: float, top: float) -> QRectF:
        """The box one line of text takes, centred in its column."""
        width = min(slot, metrics.horizontalAdvance(words) + 6)
        return QRectF(left + (slot - width) / 2, top, width, metrics.height())

    def _paint_rows(self, painter: QPainter, palette: QPalette) -> None:
        """One row per group: its name, the bar's length the share, then percent and count after the bar."""
        metrics = self._metrics()
        line = metrics.height()
        text = palette.color(QPalette.ColorRole.Text)
        base = palette.color(QPalette.ColorRole.Base)
        label_width = min(self._label_width(), self.width() * 0.35) + 12
        value_width = max(metrics.horizontalAdvance(b.text()) for b in self.bars) + 12
        row = self._row_height()
        plot = QRectF(label_width + 4, line * 1.6, self.width() - label_width - 4 - value_width - 8,
                      row * len(self.bars))
        if plot.width() < line * 2:
            return
        x_of = lambda p: plot.left() + plot.width() * p / 100  # noqa: E731
        self._grid(painter, palette, [(QPointF(x_of(t), plot.top()), QPointF(x_of(t), plot.bottom())) for t in _TICKS])
        painter.setPen(text)
        for t in _TICKS:
            width = metrics.horizontalAdvance(f"{t} %")
            painter.drawText(QRectF(x_of(t) - width / 2 - 2, plot.bottom() + 3, width + 4, line),
                             Qt.AlignmentFlag.AlignCenter, f"{t} %")
        if self.target is not None:
            x = x_of(self.target)
            painter.setPen(self._target_pen(palette))
            painter.drawLine(QPointF(x, plot.top() - 4), QPointF(x, plot.bottom()))
            painter.setPen(text)
            width = metrics.horizontalAdvance(self.target_text())
            painter.drawText(QRectF(min(x - width / 2, self.width() - width - 6), 2, width + 4, line * 1.3),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, self.target_text())

        bar_height = line * 1.15
        for i, bar in enumerate(self.bars):
            top = plot.top() + i * row
            self._hits.append((QRectF(0, top, self.width(), row), f"{bar.label}: {bar.text()}"))
            painter.setFont(self._bold_font() if bar.emphasis else self.font())
            painter.setPen(text)
            painter.drawText(QRectF(6, top, label_width - 12, row), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             metrics.elidedText(bar.label, Qt.TextElideMode.ElideRight, label_width - 12))
            painter.setFont(self.font())
            end = plot.left()
            if bar.share is not None:
                end = x_of(bar.share * 100)
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(self._bar_colour(palette, bar))
                painter.drawRect(QRectF(plot.left(), top + (row - bar_height) / 2, end - plot.left(), bar_height))
            words = bar.text()
            box = QRectF(end + 5, top + (row - line) / 2, metrics.horizontalAdvance(words) + 6, line)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(base)  # the target line and grid pass behind the text, not through it
            painter.drawRect(box)
            painter.setPen(text)
            painter.drawText(box.adjusted(3, 0, 0, 0), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, words)
        painter.setPen(QPen(text, 1))
        painter.drawLine(QPointF(plot.left(), plot.top()), QPointF(plot.left(), plot.bottom()))

    def _grid(self, painter: QPainter, palette: QPalette, lines: list[tuple[QPointF, QPointF]]) -> None:
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Midlight), 1))
        for a, b in lines:
            painter.drawLine(a, b)

    def _bold_font(self) -> QFont:
        font = QFont(self.font())
        font.setBold(True)
        return font

    def mouseMoveEvent(self, event) -> None:
        for rect, words in self._hits:
            if rect.contains(event.position()):
                QToolTip.showText(event.globalPosition().toPoint(), words, self)
                return
        QToolTip.hideText()


def _blend(a: QColor, b: QColor, t: float) -> QColor:
    """`a` moved `t` of the way towards `b`: a lighter bar in a light theme, a darker one in a dark theme."""
    return QColor.fromRgbF(a.redF() + (b.redF() - a.redF()) * t, a.greenF() + (b.greenF() - a.greenF()) * t,
                           a.blueF() + (b.blueF() - a.blueF()) * t)
