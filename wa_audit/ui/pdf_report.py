"""Write a report Document as PDF with Qt (QTextDocument + QPdfWriter; no browser needed).

A4, 15 mm margins, "page X of Y" footer, table headers repeated on every page (QTextDocument
does that for <thead> rows), fonts embedded as subsets by QPdfWriter. Charts are painted with
the dashboard's own chart functions (wa_audit.ui.charts) into images.
"""

from __future__ import annotations

import logging
import os
import sys
from datetime import date
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSize, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)

from wa_audit.i18n import _
from wa_audit.report.document import Chart, Document
from wa_audit.report.html import render_html

log = logging.getLogger(__name__)
DPI = 300
CHART_SIZE = QSize(1800, 700)
HEATMAP_SIZE = QSize(1800, 620)
SCALE = 2.5
STYLE = """
body { font-family: 'DejaVu Sans'; }
h1 { font-size: 17pt; color: #1d1d1f; margin-top: 6px; margin-bottom: 6px; }
h2 { font-size: 13pt; color: #1d1d1f; margin-top: 14px; margin-bottom: 4px; }
h3 { font-size: 10.5pt; color: #333333; margin-top: 10px; margin-bottom: 3px; }
h4 { font-size: 10pt; }
p, li, td, th { font-size: 9pt; }
th { font-weight: bold; text-align: left; }
"""


def ensure_app() -> QGuiApplication:
    """A QGuiApplication is needed for fonts; the CLI has none, so make a headless one."""
    app = QGuiApplication.instance()
    if app is None:
        no_display = not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
        if sys.platform.startswith("linux") and no_display:
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QGuiApplication(["wa-audit"])
    return app  # type: ignore[return-value]


def chart_image(chart: Chart) -> QImage:
    """Paint one chart with the dashboard's painters when they fit, else a simple fallback."""
    try:
        from wa_audit.ui import charts as ui_charts
    except ImportError:  # the UI's chart module is not there
        ui_charts = None
    try:
        if ui_charts is not None and chart.kind == "daily":
            days = [
                ui_charts.DayCount(date.fromisoformat(d), int(b), int(r))
                for d, b, r in zip(
                    chart.labels, chart.series[0][1], chart.series[1][1], strict=False
                )
            ]
            return _with_painter(ui_charts, "daily", days, CHART_SIZE)
        if ui_charts is not None and chart.kind == "heatmap":
            return _with_painter(ui_charts, "heatmap", chart.grid, HEATMAP_SIZE)
    except Exception:  # a chart must never sink the report: draw the plain version instead
        log.warning("dashboard chart painter failed for %s; using the plain chart", chart.kind)
    if chart.kind == "heatmap":
        return _paint_heatmap(chart)
    return _paint_bars(chart)


def _paint_heatmap(chart: Chart) -> QImage:
    image = QImage(HEATMAP_SIZE, QImage.Format.Format_ARGB32)
    image.fill(QColor("#ffffff"))
    p = QPainter(image)
    font = QFont("DejaVu Sans")
    font.setPixelSize(30)
    p.setFont(font)
    grid = chart.grid or [[0] * 24 for _ in range(7)]
    peak = max((v for r in grid for v in r), default=0) or 1
    left, top = 120, 50
    cw = (HEATMAP_SIZE.width() - left - 20) / 24
    ch = (HEATMAP_SIZE.height() - top - 20) / max(len(grid), 1)
    p.setPen(QColor("#5b5b60"))
    for hour in range(0, 24, 3):
        p.drawText(
            QRectF(left + hour * cw, 0, cw * 2, 45), Qt.AlignmentFlag.AlignLeft, f"{hour:02d}"
        )
    for r, row in enumerate(grid):
        label = chart.row_labels[r] if r < len(chart.row_labels) else ""
        p.drawText(
            QRectF(0, top + r * ch, left - 15, ch),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            label,
        )
        for hour, v in enumerate(row[:24]):
            t = v / peak
            colour = QColor(
                round(238 + (11 - 238) * t),
                round(244 + (107 - 244) * t),
                round(242 + (85 - 242) * t),
            )
            p.fillRect(QRectF(left + hour * cw, top + r * ch, cw - 4, ch - 4), colour)
    p.end()
    return image


def _with_painter(ui_charts, kind: str, data, size: QSize) -> QImage:
    """Paint at a logical size of ~720 px on a 2.5x image: readable labels, sharp in print."""
    image = QImage(size, QImage.Format.Format_ARGB32)
    image.setDevicePixelRatio(SCALE)
    image.fill(QColor("#ffffff"))
    style = ui_charts.ChartStyle(transparent_background=False)
    p = QPainter(image)
    try:
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(0, 0, size.width() / SCALE, size.height() / SCALE)
        ui_charts.PAINTERS[kind](p, rect, data, style)
    finally:
        p.end()  # an active painter on a freed image crashes Qt
    return image


def _paint_bars(chart: Chart) -> QImage:
    image = QImage(CHART_SIZE, QImage.Format.Format_ARGB32)
    image.fill(QColor("#ffffff"))
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    font = QFont("DejaVu Sans")
    font.setPixelSize(30)
    p.setFont(font)
    w, h = CHART_SIZE.width(), CHART_SIZE.height()
    left, top, bottom = 90, 70, 70
    n = max(len(chart.labels), 1)
    totals = [sum(s[1][i] for s in chart.series if i < len(s[1])) for i in range(n)]
    peak = max(max(totals, default=0), 1)
    slot = (w - left - 20) / n
    plot_h = h - top - bottom
    p.setPen(QColor("#5b5b60"))
    p.drawText(QRectF(0, top - 20, left - 10, 40), Qt.AlignmentFlag.AlignRight, str(int(peak)))
    p.drawText(QRectF(0, top + plot_h - 20, left - 10, 40), Qt.AlignmentFlag.AlignRight, "0")
    for i in range(n):
        base = 0.0
        for _name, values, colour in chart.series:
            v = values[i] if i < len(values) else 0
            hgt = plot_h * v / peak
            p.fillRect(
                QRectF(left + i * slot + slot * 0.15, top + plot_h - base - hgt, slot * 0.7, hgt),
                QColor(colour),
            )
            base += hgt
        p.drawText(
            QRectF(left + i * slot, top + plot_h + 8, slot, 40),
            Qt.AlignmentFlag.AlignHCenter,
            chart.labels[i] if i < len(chart.labels) else "",
        )
    x = left
    for name, _values, colour in chart.series:
        p.fillRect(QRectF(x, 15, 28, 28), QColor(colour))
        p.setPen(QColor("#1d1d1f"))
        p.drawText(QRectF(x + 36, 10, 600, 40), Qt.AlignmentFlag.AlignLeft, name)
        x += 60 + p.fontMetrics().horizontalAdvance(name)
    p.end()
    return image


def build_text_document(doc: Document, device=None) -> QTextDocument:
    ensure_app()
    qdoc = QTextDocument()
    if device is not None:
        qdoc.documentLayout().setPaintDevice(device)
    font = QFont("DejaVu Sans")
    font.setPointSizeF(9)
    qdoc.setDefaultFont(font)
    qdoc.setDefaultStyleSheet(STYLE)
    qdoc.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, doc.title)
    charts = [b for b in doc.blocks if isinstance(b, Chart)]
    for i, chart in enumerate(charts):
        qdoc.addResource(
            QTextDocument.ResourceType.ImageResource, QUrl(f"chart:{i}"), chart_image(chart)
        )
    qdoc.setHtml(render_html(doc, flavour="qt"))
    return qdoc


def write_pdf(doc: Document, path: Path | str, progress=None) -> Path:
    """Paginate and write the PDF; returns the path. progress(page, pages) after each page
    (it may raise to stop the export)."""
    ensure_app()
    path = Path(path)
    writer = QPdfWriter(str(path))
    writer.setResolution(DPI)
    writer.setTitle(doc.title)
    writer.setCreator("wa-audit")
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(15, 15, 15, 12),
            QPageLayout.Unit.Millimeter,
        )
    )
    qdoc = build_text_document(doc, writer)
    page = writer.pageLayout().paintRectPixels(DPI)
    footer_h = DPI * 0.3  # ~7.5 mm
    body = QSizeF(page.width(), page.height() - footer_h)
    qdoc.setPageSize(body)
    qdoc.setDocumentMargin(0)
    pages = qdoc.pageCount()
    painter = QPainter(writer)
    try:
        footer_font = QFont("DejaVu Sans")
        footer_font.setPointSizeF(7.5)
        for i in range(pages):
            if i:
                writer.newPage()
            painter.save()
            painter.translate(0, -i * body.height())
            qdoc.drawContents(painter, QRectF(0, i * body.height(), body.width(), body.height()))
            painter.restore()
            painter.setFont(footer_font)
            painter.setPen(QColor("#5b5b60"))
            line_y = body.height() + footer_h * 0.25
            painter.drawLine(0, int(line_y), int(body.width()), int(line_y))
            box = QRectF(0, line_y + 8, body.width(), footer_h * 0.7)
            painter.drawText(
                box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, doc.footer
            )
            painter.drawText(
                box,
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                _("Page {page} of {pages}").format(page=i + 1, pages=pages),
            )
            if progress is not None:
                progress(i + 1, pages)
    finally:
        painter.end()
    return path
