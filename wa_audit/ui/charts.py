"""Charts painted with QPainter: one code path for widgets, QImages and PDFs.

Every paint_* function takes a QPainter, a QRectF and plain data, and draws nothing outside the
rect. The report reuses them on a QPdfWriter or a QImage:

    image = QImage(1200, 500, QImage.Format_ARGB32); image.fill(Qt.white)
    p = QPainter(image); paint_daily(p, QRectF(image.rect()), data.daily); p.end()

Texts are translated at paint time, so a language switch only needs a repaint.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from wa_audit.i18n import N_, _, format_day_month, format_number

WEEKDAYS = (N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun"))


@dataclass(frozen=True)
class ChartStyle:
    background: str = "#ffffff"
    text: str = "#1c2321"
    muted: str = "#5b6662"
    grid: str = "#e3e8e6"
    business: str = "#d9792b"
    reply: str = "#2f7d6d"
    heat_low: str = "#eef4f2"
    heat_high: str = "#0b6b55"
    band: str = "#2f7d6d"
    transparent_background: bool = True


def style_from_theme() -> ChartStyle:
    from wa_audit.ui.theme import colors

    c = colors()
    return ChartStyle(
        background=c.card,
        text=c.text,
        muted=c.muted,
        grid=c.border,
        business=c.business,
        reply=c.reply,
        heat_low=c.heat_low,
        heat_high=c.heat_high,
        band=c.reply,
    )


@dataclass(frozen=True)
class DayCount:
    day: date
    business: int  # business-initiated messages
    replies: int


@dataclass(frozen=True)
class GapBin:
    label: str  # already formatted, e.g. "5–10 s"
    count: int
    human: bool = False  # inside the band where people usually type


# -- helpers ---------------------------------------------------------------------------------


_recorded: list[str] | None = None  # texts drawn while recording (page text for translators)


def _text(p: QPainter, *args) -> None:
    """p.drawText(...), remembering the text when a recording is on."""
    p.drawText(*args)
    if _recorded is not None:
        _recorded.append(str(args[-1]))


def _begin(p: QPainter, rect: QRectF, style: ChartStyle) -> QFontMetricsF:
    p.save()
    p.setRenderHint(QPainter.Antialiasing)
    p.setClipRect(rect)
    if not style.transparent_background:
        p.fillRect(rect, QColor(style.background))
    return QFontMetricsF(p.font())


def _nice_max(value: float) -> float:
    """Axis maximum with four whole, round steps (1, 2, 5 x 10^n per step)."""
    if value <= 4:
        return 4
    raw = value / 4
    exp = 10 ** math.floor(math.log10(raw))
    for step in (1, 2, 2.5, 5, 10):
        if raw <= step * exp and float(step * exp).is_integer():
            return step * exp * 4
    return 10 * exp * 4


def _empty(p: QPainter, rect: QRectF, style: ChartStyle, text: str) -> None:
    p.setPen(QColor(style.muted))
    _text(p, rect, Qt.AlignCenter | Qt.TextWordWrap, text)


def _legend(p: QPainter, x: float, y: float, items: Sequence[tuple], fm) -> float:
    """Draw colour boxes with labels from (x, y); return the height used.

    A colour may be a QColor with transparency: the box is then drawn over the chart's own
    background with a thin outline, so it looks exactly like the shaded area it stands for."""
    box = fm.height() * 0.7
    for color, label in items:
        square = QRectF(x, y + (fm.height() - box) / 2, box, box)
        fill = QColor(color)
        p.fillRect(square, fill)
        if fill.alpha() < 255:
            pen = p.pen()
            p.setPen(QPen(QColor(fill.red(), fill.green(), fill.blue()), 1))
            p.drawRect(square)
            p.setPen(pen)
        x += box + 6
        _text(p, QPointF(x, y + fm.ascent()), label)
        x += fm.horizontalAdvance(label) + 16
    return fm.height()


# -- the charts ------------------------------------------------------------------------------


def paint_daily(
    p: QPainter, rect: QRectF, days: Sequence[DayCount], style: ChartStyle | None = None
) -> None:
    """Stacked bars per day: messages the business started vs replies to customers."""
    style = style or ChartStyle()
    fm = _begin(p, rect, style)
    try:
        if not days:
            _empty(p, rect, style, _("No messages from the business yet."))
            return
        p.setPen(QColor(style.text))
        legend_h = _legend(
            p,
            rect.left(),
            rect.top(),
            [(style.business, _("Started by the business")), (style.reply, _("Replies"))],
            fm,
        )
        top = rect.top() + legend_h + fm.height() * 0.6
        peak = max(d.business + d.replies for d in days)
        ymax = _nice_max(peak)
        label_w = fm.horizontalAdvance(format_number(ymax)) + 8
        plot = QRectF(
            rect.left() + label_w,
            top,
            rect.width() - label_w,
            rect.bottom() - top - fm.height() * 1.6,
        )
        _grid_y(p, plot, ymax, fm, style)
        n = len(days)
        slot = plot.width() / n
        bar = max(1.0, slot * 0.75)
        for i, d in enumerate(days):
            x = plot.left() + i * slot + (slot - bar) / 2
            hb = plot.height() * d.business / ymax
            hr = plot.height() * d.replies / ymax
            p.fillRect(QRectF(x, plot.bottom() - hr, bar, hr), QColor(style.reply))
            p.fillRect(QRectF(x, plot.bottom() - hr - hb, bar, hb), QColor(style.business))
        # first, middle and last date under the axis
        p.setPen(QColor(style.muted))
        picks = sorted({0, n // 2, n - 1})
        for i in picks:
            text = format_day_month(days[i].day)
            w = fm.horizontalAdvance(text)
            cx = plot.left() + (i + 0.5) * slot
            x = min(max(cx - w / 2, plot.left()), plot.right() - w)
            _text(p, QPointF(x, plot.bottom() + fm.ascent() + 4), text)
    finally:
        p.restore()


def _grid_y(p: QPainter, plot: QRectF, ymax: float, fm, style: ChartStyle) -> None:
    for k in range(5):
        value = ymax * k / 4
        y = plot.bottom() - plot.height() * k / 4
        p.setPen(QPen(QColor(style.grid), 1))
        p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        p.setPen(QColor(style.muted))
        text = format_number(value)
        _text(
            p, QPointF(plot.left() - fm.horizontalAdvance(text) - 6, y + fm.ascent() / 2 - 1), text
        )


def paint_heatmap(
    p: QPainter, rect: QRectF, grid: Sequence[Sequence[int]], style: ChartStyle | None = None
) -> None:
    """7 rows (Mon..Sun) x 24 hours: when the business starts conversations."""
    style = style or ChartStyle()
    fm = _begin(p, rect, style)
    try:
        peak = max((v for row in grid for v in row), default=0)
        if not grid or peak == 0:
            _empty(p, rect, style, _("No messages from the business yet."))
            return
        label_w = max(fm.horizontalAdvance(_(d)) for d in WEEKDAYS) + 8
        plot = QRectF(
            rect.left() + label_w,
            rect.top(),
            rect.width() - label_w,
            rect.height() - fm.height() * 3.1,
        )
        cw, ch = plot.width() / 24, plot.height() / 7
        low, high = QColor(style.heat_low), QColor(style.heat_high)
        _heat_scale(p, plot, rect.bottom() - fm.height(), peak, low, high, fm, style)
        for r, row in enumerate(grid[:7]):
            p.setPen(QColor(style.muted))
            _text(
                p,
                QRectF(rect.left(), plot.top() + r * ch, label_w - 6, ch),
                Qt.AlignRight | Qt.AlignVCenter,
                _(WEEKDAYS[r]),
            )
            for h, v in enumerate(row[:24]):
                t = math.sqrt(v / peak) if v else 0.0  # sqrt: small counts stay visible
                color = _mix(low, high, t)
                cell = QRectF(plot.left() + h * cw + 1, plot.top() + r * ch + 1, cw - 2, ch - 2)
                p.fillRect(cell, color)
        p.setPen(QColor(style.muted))
        for h in (0, 6, 12, 18, 23):
            text = f"{h:02d}"
            x = plot.left() + h * cw + (cw - fm.horizontalAdvance(text)) / 2
            _text(p, QPointF(x, plot.bottom() + fm.ascent() + 3), text)
    finally:
        p.restore()


def _mix(low: QColor, high: QColor, t: float) -> QColor:
    return QColor(
        round(low.red() + (high.red() - low.red()) * t),
        round(low.green() + (high.green() - low.green()) * t),
        round(low.blue() + (high.blue() - low.blue()) * t),
    )


def _heat_scale(p, plot: QRectF, y: float, peak: int, low, high, fm, style) -> None:
    """The heat map's key under the hours: 'Messages per hour: 0 [light ... dark] peak'."""
    p.setPen(QColor(style.muted))
    caption = _("Messages started in that hour:")
    x = plot.left()
    _text(p, QPointF(x, y + fm.ascent()), caption)
    x += fm.horizontalAdvance(caption) + 8
    _text(p, QPointF(x, y + fm.ascent()), format_number(0))
    x += fm.horizontalAdvance(format_number(0)) + 4
    steps, w = 8, fm.height() * 0.9
    for k in range(steps):
        t = math.sqrt(k / (steps - 1))  # same scale as the cells
        p.fillRect(QRectF(x + k * w, y + 2, w, fm.height() - 4), _mix(low, high, t))
    x += steps * w + 4
    _text(p, QPointF(x, y + fm.ascent()), format_number(peak))


def paint_histogram(
    p: QPainter, rect: QRectF, bins: Sequence[GapBin], style: ChartStyle | None = None
) -> None:
    """Gaps between consecutive business-initiated messages; the human band is shaded."""
    style = style or ChartStyle()
    fm = _begin(p, rect, style)
    try:
        if not bins or not any(b.count for b in bins):
            _empty(p, rect, style, _("Too few messages in a row to show their timing."))
            return
        band = QColor(style.band)
        band.setAlpha(40)
        p.setPen(QColor(style.text))
        legend_h = _legend(p, rect.left(), rect.top(), [(band, _("Usual human pace"))], fm)
        ymax = _nice_max(max(b.count for b in bins))
        label_w = fm.horizontalAdvance(format_number(ymax)) + 8
        top = rect.top() + legend_h + fm.height() * 0.6
        plot = QRectF(
            rect.left() + label_w,
            top,
            rect.width() - label_w,
            rect.bottom() - top - fm.height() * 1.6,
        )
        slot = plot.width() / len(bins)
        for i, b in enumerate(bins):
            if b.human:
                p.fillRect(QRectF(plot.left() + i * slot, plot.top(), slot, plot.height()), band)
        _grid_y(p, plot, ymax, fm, style)
        bar = slot * 0.7
        for i, b in enumerate(bins):
            h = plot.height() * b.count / ymax
            p.fillRect(
                QRectF(plot.left() + i * slot + (slot - bar) / 2, plot.bottom() - h, bar, h),
                QColor(style.business),
            )
        p.setPen(QColor(style.muted))
        small = QFont(p.font())
        small.setPointSizeF(max(6.0, p.font().pointSizeF() * 0.85))
        p.setFont(small)
        sfm = QFontMetricsF(small)
        step = max(1, math.ceil(max(sfm.horizontalAdvance(b.label) for b in bins) / slot))
        for i in range(0, len(bins), step):
            _text(
                p,
                QRectF(plot.left() + i * slot - slot, plot.bottom() + 3, slot * 3, sfm.height()),
                Qt.AlignHCenter | Qt.AlignTop,
                bins[i].label,
            )
    finally:
        p.restore()


def render_image(kind: str, data, size: QSize, style: ChartStyle | None = None) -> QImage:
    """A chart as an image (for the report or a test)."""
    style = style or ChartStyle(transparent_background=False)
    image = QImage(size, QImage.Format_ARGB32)
    image.fill(QColor(style.background))
    p = QPainter(image)
    try:
        PAINTERS[kind](p, QRectF(0, 0, size.width(), size.height()), data, style)
    finally:
        p.end()
    return image


PAINTERS = {"daily": paint_daily, "heatmap": paint_heatmap, "gaps": paint_histogram}


class ChartWidget(QWidget):
    """Shows one chart; repaints (and so re-translates) on demand."""

    def __init__(self, kind: str, data=None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.data = data
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Preferred)

    def set_data(self, data) -> None:
        self.data = data
        self.update()

    def sizeHint(self) -> QSize:
        line = self.fontMetrics().height()
        return QSize(line * 22, line * 11)

    def minimumSizeHint(self) -> QSize:
        line = self.fontMetrics().height()
        return QSize(line * 14, line * 9)

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.setFont(self.font())
        PAINTERS[self.kind](p, QRectF(self.rect()), self.data or [], style_from_theme())
        p.end()

    def visible_texts(self) -> list[str]:
        """Every text this chart draws at its current size (titles, legends, axes)."""
        global _recorded
        image = QImage(max(1, self.width()), max(1, self.height()), QImage.Format_ARGB32)
        _recorded = []
        try:
            p = QPainter(image)
            p.setFont(self.font())
            PAINTERS[self.kind](p, QRectF(image.rect()), self.data or [], style_from_theme())
            p.end()
            return list(_recorded)
        finally:
            _recorded = None
