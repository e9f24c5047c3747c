"""Every text a page shows, one per line: for translators' review and the language tests.

`wa-audit --demo --screenshot DIR --lang L` writes DIR/PAGE.txt beside DIR/PAGE.png with
`write_page_text(window, path)`. Labels, buttons, fields, lists and tables (header and cells),
chart legends and axes are collected from the widgets that are shown, top to bottom.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QTabBar,
    QTextEdit,
    QWidget,
)

MAX_ROWS = 200  # a table's first rows are enough to review its wording


def _plain(text: str) -> str:
    if "<" in text and GuiQt.mightBeRichText(text):
        doc = QTextDocument()
        doc.setHtml(text)
        return doc.toPlainText()
    return text


def _view_texts(view: QAbstractItemView) -> list[str]:
    model = view.model()
    if model is None:
        return []
    out = []
    from PySide6.QtCore import QModelIndex

    root = view.rootIndex() if view.rootIndex().isValid() else QModelIndex()
    try:
        columns = model.columnCount(root)
    except TypeError:  # list models keep columnCount private: one column
        columns = 1
    for c in range(columns):
        head = model.headerData(c, Qt.Horizontal, Qt.DisplayRole)
        if head not in (None, "") and columns > 1:
            out.append(str(head))
    for r in range(min(model.rowCount(root), MAX_ROWS)):
        for c in range(columns):
            value = model.data(model.index(r, c, root), Qt.DisplayRole)
            if value not in (None, ""):
                out.append(str(value))
    return out


def widget_texts(widget: QWidget) -> list[str]:
    """Texts of one widget (not of its children)."""
    from wa_audit.ui.charts import ChartWidget

    if isinstance(widget, QLabel):
        return [_plain(widget.text())] if widget.text() else []
    if isinstance(widget, QAbstractButton):
        return [widget.text().replace("&&", "\0").replace("&", "").replace("\0", "&")]
    if isinstance(widget, QLineEdit):
        return [widget.text() or widget.placeholderText()]
    if isinstance(widget, QComboBox):
        return [widget.currentText()]  # the list itself only shows when opened
    if isinstance(widget, QTextEdit | QPlainTextEdit):
        return [widget.toPlainText()]
    if isinstance(widget, QAbstractItemView):
        return _view_texts(widget)
    if isinstance(widget, QGroupBox):
        return [widget.title()]
    if isinstance(widget, QTabBar):
        return [widget.tabText(i) for i in range(widget.count())]
    if isinstance(widget, QProgressBar) and widget.isTextVisible():
        return [widget.text()]
    if isinstance(widget, ChartWidget):
        return widget.visible_texts()
    return []


def page_texts(root: QWidget) -> list[str]:
    """Every shown text under root, in reading order (top to bottom, left to right)."""
    found: list[tuple[int, int, str]] = []
    for w in [root, *root.findChildren(QWidget)]:
        if not w.isVisible() or w.window() is not root.window():
            continue
        texts = widget_texts(w)
        if not texts:
            continue
        pos = w.mapTo(root.window(), w.rect().topLeft())
        region = _region_x(w, root)
        for line in texts:
            for part in str(line).splitlines():
                if part.strip():
                    found.append((region, pos.y(), pos.x(), part.strip()))
    found.sort(key=lambda t: t[:3])
    return [t[3] for t in found]


def _region_x(w: QWidget, root: QWidget) -> int:
    """Left edge of w's outermost panel (sidebar, page): a panel is read before the next."""
    top = root.window()
    central = top.centralWidget() if hasattr(top, "centralWidget") else None
    node = w
    while node is not None and node.parentWidget() not in (central, top, None):
        node = node.parentWidget()
    return node.mapTo(top, node.rect().topLeft()).x() if node is not None else 0


def write_page_text(root: QWidget, path: Path | str) -> list[str]:
    lines = page_texts(root)
    Path(path).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return lines
