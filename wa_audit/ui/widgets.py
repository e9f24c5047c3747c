"""Small building blocks shared by the pages (layout only, no logic)."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from wa_audit.ui.theme import LightIcon, colors, light_word, normalise_light


def label(text: str = "", name: str | None = None, wrap: bool = True) -> QLabel:
    w = QLabel(text)
    w.setTextFormat(Qt.PlainText)  # customer text may contain '<': never render it as HTML
    w.setWordWrap(wrap)
    w.setTextInteractionFlags(Qt.TextSelectableByMouse)
    if name:
        w.setObjectName(name)
    return w


def clear_layout(layout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        if item.widget():
            item.widget().deleteLater()
        elif item.layout():
            clear_layout(item.layout())


class Page(QWidget):
    """A page: title, one intro sentence, then content in a scroll area."""

    def __init__(self, title: str, intro: str = "", scroll: bool = True, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.body = QWidget()
        self.body.setObjectName("page")
        self.content = QVBoxLayout(self.body)
        em = self.fontMetrics().height()
        self.content.setContentsMargins(int(em * 1.8), int(em * 1.4), int(em * 1.8), int(em * 1.4))
        self.content.setSpacing(int(em * 0.9))
        self.title = label(title, "pageTitle")
        self.content.addWidget(self.title)
        self.intro = label(intro, "pageIntro")
        self.intro.setVisible(bool(intro))
        self.content.addWidget(self.intro)
        if scroll:
            area = QScrollArea()
            area.setObjectName("pageScroll")
            area.setWidgetResizable(True)
            area.setFrameShape(QFrame.NoFrame)
            area.setWidget(self.body)
            outer.addWidget(area)
        else:
            outer.addWidget(self.body)


class Card(QFrame):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.box = QVBoxLayout(self)
        em = self.fontMetrics().height()
        self.box.setContentsMargins(int(em), int(em * 0.8), int(em), int(em * 0.8))
        self.box.setSpacing(int(em * 0.4))


class ClickCard(Card):
    """A card that acts like a button: mouse click, Enter or Space."""

    clicked = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("clickCard")
        self.setFocusPolicy(Qt.StrongFocus)
        self.setCursor(Qt.PointingHandCursor)

    def mouseReleaseEvent(self, event) -> None:
        if event.button() == Qt.LeftButton and self.rect().contains(event.position().toPoint()):
            self.clicked.emit()
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key_Return, Qt.Key_Enter, Qt.Key_Space):
            self.clicked.emit()
            return
        super().keyPressEvent(event)


class LightTag(QWidget):
    """Shape + word, coloured: e.g. [octagon] Fix first."""

    def __init__(self, light: str, size_em: float = 1.3, parent=None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        self.icon = LightIcon(light, size_em)
        self.word = QLabel()
        self.word.setObjectName("lightWord")
        row.addWidget(self.icon)
        row.addWidget(self.word)
        row.addStretch(0)
        self.set_light(light)

    def set_light(self, light: str) -> None:
        light = normalise_light(light)
        self.icon.set_light(light)
        self.word.setText(light_word(light))
        self.word.setStyleSheet(f"color: {colors().light(light)};")


class ResponsiveGrid(QWidget):
    """Lays its widgets out in as many columns as fit (min width in font heights)."""

    def __init__(self, min_em: float = 19, parent=None) -> None:
        super().__init__(parent)
        self.min_em = min_em
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        em = self.fontMetrics().height()
        self.grid.setSpacing(int(em * 0.8))
        self.items: list[QWidget] = []
        self._cols = 0
        self.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Preferred)

    def set_items(self, items: list[QWidget]) -> None:
        for w in self.items:
            self.grid.removeWidget(w)
            w.deleteLater()
        self.items = list(items)
        self._cols = 0
        self._relayout()

    def _columns(self) -> int:
        em = self.fontMetrics().height()
        fit = int(self.width() // (em * self.min_em)) or 1
        return max(1, min(4, fit, len(self.items) or 1))

    def _relayout(self) -> None:
        cols = self._columns()
        if cols == self._cols:
            return
        self._cols = cols
        for w in self.items:
            self.grid.removeWidget(w)
        for i, w in enumerate(self.items):
            self.grid.addWidget(w, i // cols, i % cols)
        for c in range(4):
            self.grid.setColumnStretch(c, 1 if c < cols else 0)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._relayout()

    def sizeHint(self) -> QSize:
        return self.grid.sizeHint()
