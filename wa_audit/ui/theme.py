"""Look and feel: light/dark palettes, one stylesheet, SVG icons and the traffic-light words.

Icons are SVGs rendered by Qt at the screen's device pixel ratio (crisp at 200 %). Lights never
rely on colour alone: each has its own shape (circle, triangle, octagon, dashed circle) and a word.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication, QSizePolicy, QWidget

from wa_audit.resources import resources_dir

# the light words and their normal form are Qt-free (ui.presenter); re-exported for the widgets
from wa_audit.ui.presenter import LIGHT_WORDS, LIGHTS, light_word, normalise_light  # noqa: F401

ICON_DIR = resources_dir() / "icons"

LIGHT_COLORS = {
    "green": "#1e8e3e",
    "amber": "#b06f00",  # darker than the icon's fill so the word is readable on white
    "red": "#c5221f",
    "grey": "#6b7075",
    "error": "#6b7075",
}
LIGHT_COLORS_DARK = {
    "green": "#5bd17c",
    "amber": "#f6c04a",
    "red": "#ff7b72",
    "grey": "#a8adb3",
    "error": "#a8adb3",
}


@dataclass(frozen=True)
class Colors:
    dark: bool
    window: str
    surface: str
    card: str
    border: str
    text: str
    muted: str
    accent: str
    accent_text: str
    sidebar: str
    sidebar_text: str
    sidebar_active: str
    business: str  # chart: business-initiated
    reply: str  # chart: replies
    heat_low: str
    heat_high: str

    def light(self, light: str) -> str:
        table = LIGHT_COLORS_DARK if self.dark else LIGHT_COLORS
        return table.get(light, table["grey"])


LIGHT_THEME = Colors(
    dark=False,
    window="#f4f6f5",
    surface="#ffffff",
    card="#ffffff",
    border="#dde3e0",
    text="#1c2321",
    muted="#5b6662",
    accent="#0b6b55",
    accent_text="#ffffff",
    sidebar="#0f3d33",
    sidebar_text="#d7ebe4",
    sidebar_active="#1d5e4f",
    business="#d9792b",
    reply="#2f7d6d",
    heat_low="#eef4f2",
    heat_high="#0b6b55",
)

DARK_THEME = Colors(
    dark=True,
    window="#161a19",
    surface="#1f2523",
    card="#232a28",
    border="#35403c",
    text="#e6ecea",
    muted="#a3b0ab",
    accent="#4cc3a2",
    accent_text="#0c1a16",
    sidebar="#0e1413",
    sidebar_text="#c9d9d3",
    sidebar_active="#24463d",
    business="#f0a05a",
    reply="#5cc0a8",
    heat_low="#26302d",
    heat_high="#4cc3a2",
)

_current = LIGHT_THEME


def colors() -> Colors:
    return _current


def system_prefers_dark() -> bool:
    hints = QGuiApplication.styleHints()
    try:
        return hints.colorScheme() == Qt.ColorScheme.Dark
    except AttributeError:  # pragma: no cover - older Qt
        return False


def apply_theme(app: QApplication, mode: str = "system") -> Colors:
    """Fusion style + our palette + one stylesheet. mode: system | light | dark."""
    global _current
    dark = mode == "dark" or (mode == "system" and system_prefers_dark())
    _current = DARK_THEME if dark else LIGHT_THEME
    c = _current
    app.setStyle("Fusion")
    pal = QPalette()
    pal.setColor(QPalette.Window, QColor(c.window))
    pal.setColor(QPalette.WindowText, QColor(c.text))
    pal.setColor(QPalette.Base, QColor(c.surface))
    pal.setColor(QPalette.AlternateBase, QColor(c.window))
    pal.setColor(QPalette.Text, QColor(c.text))
    pal.setColor(QPalette.Button, QColor(c.surface))
    pal.setColor(QPalette.ButtonText, QColor(c.text))
    pal.setColor(QPalette.Highlight, QColor(c.accent))
    pal.setColor(QPalette.HighlightedText, QColor(c.accent_text))
    pal.setColor(QPalette.ToolTipBase, QColor(c.surface))
    pal.setColor(QPalette.ToolTipText, QColor(c.text))
    pal.setColor(QPalette.PlaceholderText, QColor(c.muted))
    pal.setColor(QPalette.Link, QColor(c.accent))
    pal.setColor(QPalette.Disabled, QPalette.Text, QColor(c.muted))
    pal.setColor(QPalette.Disabled, QPalette.ButtonText, QColor(c.muted))
    pal.setColor(QPalette.Disabled, QPalette.WindowText, QColor(c.muted))
    app.setPalette(pal)
    # Fusion draws check box frames in Window.darker(): invisible on a dark window, so give
    # check boxes a lighter Window (they never fill their background with it).
    boxes = QPalette(pal)
    boxes.setColor(QPalette.Window, QColor("#8a9893" if dark else c.window))
    app.setPalette(boxes, "QCheckBox")
    app.setStyleSheet(stylesheet(c))
    return c


def stylesheet(c: Colors) -> str:
    # Sizes in pt/em-like units only, so fonts and DPI scaling keep the proportions.
    return f"""
    QWidget#page {{ background: {c.window}; }}
    QScrollArea#pageScroll, QScrollArea#pageScroll > QWidget > QWidget {{
        background: {c.window}; border: none; }}
    QLabel#pageTitle {{ font-size: 18pt; font-weight: 600; color: {c.text}; }}
    QLabel#pageIntro, QLabel.muted, QLabel#muted {{ color: {c.muted}; }}
    QLabel#sectionTitle {{ font-size: 12.5pt; font-weight: 600; color: {c.text}; }}
    QLabel#overallHeadline {{ font-size: 20pt; font-weight: 700; }}
    QLabel#overallSentence {{ font-size: 11.5pt; color: {c.text}; }}
    QLabel#cardTitle {{ font-size: 10.5pt; font-weight: 600; color: {c.text}; }}
    QLabel#keyFigure {{ font-size: 10pt; color: {c.text}; }}
    QLabel#lightWord {{ font-weight: 700; }}
    QFrame#card {{ background: {c.card}; border: 1px solid {c.border}; border-radius: 10px; }}
    QFrame#card:focus {{ border: 2px solid {c.accent}; }}
    QFrame#clickCard:hover, QFrame#clickCard:focus {{ border: 2px solid {c.accent}; }}
    QFrame#clickCard {{ background: {c.card}; border: 1px solid {c.border}; border-radius: 10px; }}
    QFrame#dropZone {{ background: {c.surface}; border: 2px dashed {c.border};
        border-radius: 14px; }}
    QFrame#dropZone[active="true"] {{ border: 2px dashed {c.accent}; }}
    QFrame#sidebar {{ background: {c.sidebar}; }}
    QLabel#brand {{ color: #ffffff; font-size: 13pt; font-weight: 700; }}
    QLabel#workspaceName {{ color: {c.sidebar_text}; }}
    QToolButton#nav {{ color: {c.sidebar_text}; background: transparent; border: none;
        border-radius: 8px; padding: 8px 10px; text-align: left; font-size: 10.5pt; }}
    QToolButton#nav:hover {{ background: {c.sidebar_active}; }}
    QToolButton#nav:checked {{ background: {c.sidebar_active}; color: #ffffff; font-weight: 600; }}
    QToolButton#nav:focus {{ border: 1px solid {c.sidebar_text}; }}
    QToolButton#nav:disabled {{ color: #6f8a82; }}
    QPushButton {{ padding: 6px 14px; border-radius: 6px; border: 1px solid {c.border};
        background: {c.surface}; color: {c.text}; }}
    QPushButton:hover {{ border-color: {c.accent}; }}
    QPushButton:focus {{ border: 2px solid {c.accent}; }}
    QPushButton#primary {{ background: {c.accent}; color: {c.accent_text}; border: none;
        font-weight: 600; }}
    QPushButton#primary:disabled {{ background: {c.border}; color: {c.muted}; }}
    QLineEdit {{ padding: 5px 8px; border: 1px solid {c.border};
        border-radius: 6px; background: {c.surface}; color: {c.text}; }}
    QLineEdit:focus {{ border: 2px solid {c.accent}; }}
    QComboBox, QSpinBox {{ padding: 3px 6px; min-height: 1.5em; }}
    QTableView, QListWidget, QTextBrowser, QPlainTextEdit {{ background: {c.surface};
        border: 1px solid {c.border}; border-radius: 6px; color: {c.text}; }}
    QListWidget::item {{ padding: 6px 8px; border-bottom: 1px solid {c.border}; }}
    QListWidget::item:selected {{ background: {c.accent}; color: {c.accent_text}; }}
    QStatusBar {{ background: {c.surface}; color: {c.muted}; border-top: 1px solid {c.border}; }}
    QStatusBar QLabel {{ color: {c.muted}; }}
    QHeaderView::section {{ background: {c.window}; color: {c.muted}; border: none;
        border-bottom: 1px solid {c.border}; padding: 5px 8px; font-weight: 600; }}
    QProgressBar {{ border: 1px solid {c.border}; border-radius: 6px; background: {c.surface};
        text-align: center; color: {c.text}; min-height: 1.4em; }}
    QProgressBar::chunk {{ background: {c.accent}; border-radius: 5px; }}
    QComboBox:focus, QSpinBox:focus, QTableView:focus, QListWidget:focus, QTreeView:focus,
    QListView:focus, QTextBrowser:focus, QPlainTextEdit:focus {{
        border: 2px solid {c.accent}; }}
    QCheckBox, QRadioButton {{ border: 1px solid transparent; border-radius: 4px;
        padding: 1px 3px; color: {c.text}; }}
    QCheckBox:focus, QRadioButton:focus {{ border: 1px solid {c.accent}; }}
    QDialog {{ background: {c.window}; color: {c.text}; }}
    QDialog QLabel {{ color: {c.text}; }}
    QFileDialog QTreeView, QFileDialog QListView {{ background: {c.surface}; color: {c.text};
        selection-background-color: {c.accent}; selection-color: {c.accent_text}; }}
    """


def _svg_bytes(name: str, color: str | None = None) -> QByteArray:
    data = (ICON_DIR / f"{name}.svg").read_text(encoding="utf-8")
    if color:
        data = data.replace("#COLOR", color)
    return QByteArray(data.encode("utf-8"))


def svg_renderer(name: str, color: str | None = None) -> QSvgRenderer:
    return QSvgRenderer(_svg_bytes(name, color))


def svg_pixmap(name: str, size: QSize, dpr: float, color: str | None = None) -> QPixmap:
    """Render an SVG at device pixels so it is sharp on HiDPI screens."""
    pix = QPixmap(int(size.width() * dpr), int(size.height() * dpr))
    pix.fill(Qt.transparent)
    painter = QPainter(pix)
    svg_renderer(name, color).render(painter, QRectF(0, 0, pix.width(), pix.height()))
    painter.end()
    pix.setDevicePixelRatio(dpr)
    return pix


def svg_icon(name: str, color: str | None = None) -> QIcon:
    icon = QIcon()
    for px in (16, 24, 32, 48, 64, 128):
        icon.addPixmap(svg_pixmap(name, QSize(px, px), 1.0, color))
    return icon


def app_icon() -> QIcon:
    return svg_icon("app")


class LightIcon(QWidget):
    """A traffic-light shape drawn from its SVG at paint time (always crisp)."""

    def __init__(self, light: str, size_em: float = 1.6, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._size_em = size_em
        self.setSizePolicy(QSizePolicy.Fixed, QSizePolicy.Fixed)
        self.set_light(light)

    def set_light(self, light: str) -> None:
        self.light = normalise_light(light)
        self._renderer = svg_renderer(f"light_{self.light}")
        self.setAccessibleName(light_word(self.light))
        self.setToolTip(light_word(self.light))
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        side = int(self.fontMetrics().height() * self._size_em)
        return QSize(side, side)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.Antialiasing)
        side = min(self.width(), self.height())
        self._renderer.render(painter, QRectF(0, 0, side, side))
        painter.end()
