"""Table models over message rows (vorta's event_log_table_model idea), plus masking.

MessageTableModel shows either a short list of rows (the chat around a message) or a long list
of message ids it pages through: rows are read from the workspace (`loader`, wa_audit.store.
messages) PAGE rows at a time as the view scrolls (canFetchMore/fetchMore), so a finding with
100,000 messages opens as fast as one with ten and every one of them can be reached.
No SQL here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from wa_audit.i18n import N_, _, format_timestamp
from wa_audit.store.messages import MessageRow

PAGE = 200  # rows read per fetchMore

# A phone number: optional +, then at least 8 digits with the usual separators in between.
PHONE_RE = re.compile(r"(?<![\w+])\+?\d(?:[\s\-./()]{0,2}\d){7,}")


def mask_phones(text: str | None) -> str:
    """'+31 6 1234 5678' -> '+31 6 •••• ••78': keep the country part and the last two digits."""
    if not text:
        return text or ""

    def hide(m: re.Match) -> str:
        s = m.group(0)
        digits = [i for i, ch in enumerate(s) if ch.isdigit()]
        keep = set(digits[:3] + digits[-2:])
        return "".join(ch if (not ch.isdigit() or i in keep) else "•" for i, ch in enumerate(s))

    return PHONE_RE.sub(hide, text)


class MessageTableModel(QAbstractTableModel):
    CHAT, TIME, SENDER, TEXT = range(4)
    HEADERS = (N_("Chat"), N_("Time"), N_("Sender"), N_("Message"))
    SortRole = Qt.UserRole + 1
    RowRole = Qt.UserRole + 2

    sort_requested = Signal(int, bool)  # column, descending: sort all ids (not only loaded)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[MessageRow] = []
        self._ids: list[int] = []  # every row's id when paging; [] for a plain list of rows
        self._loader: Callable[[list[int]], list[MessageRow]] | None = None
        self.masked = True
        self.highlight = False  # bold the evidence rows (used for the surrounding chat)

    def set_rows(self, rows: list[MessageRow]) -> None:
        self.beginResetModel()
        self._rows, self._ids, self._loader = list(rows), [], None
        self.endResetModel()

    def set_ids(self, ids: list[int], loader: Callable[[list[int]], list[MessageRow]]) -> None:
        """Page through these message ids; loader(ids) reads their rows in that order."""
        self.beginResetModel()
        self._rows, self._ids, self._loader = [], list(ids), loader
        self.endResetModel()
        if self.canFetchMore():
            self.fetchMore()

    def total(self) -> int:
        """Every row, loaded or not."""
        return len(self._ids) if self._loader is not None else len(self._rows)

    def ids(self) -> list[int]:
        return list(self._ids) if self._loader is not None else [r.msg_id for r in self._rows]

    def rows(self) -> list[MessageRow]:
        return list(self._rows)

    def canFetchMore(self, parent=QModelIndex()) -> bool:  # noqa: B008 - Qt API
        return (
            not parent.isValid() and self._loader is not None and len(self._rows) < len(self._ids)
        )

    def fetchMore(self, parent=QModelIndex()) -> None:  # noqa: B008 - Qt API
        if not self.canFetchMore(parent):
            return
        start = len(self._rows)
        batch = self._loader(self._ids[start : start + PAGE])
        if len(batch) < min(PAGE, len(self._ids) - start):  # deleted meanwhile: drop the ids
            got = {r.msg_id for r in batch}
            wanted = self._ids[start : start + PAGE]
            self._ids[start : start + PAGE] = [i for i in wanted if i in got]
        if not batch:
            return
        self.beginInsertRows(QModelIndex(), start, start + len(batch) - 1)
        self._rows.extend(batch)
        self.endInsertRows()

    def fetch_all(self) -> None:
        while self.canFetchMore():
            self.fetchMore()

    def sort(self, column: int, order=Qt.AscendingOrder) -> None:
        """Paged: ask for all ids in the new order (a job); a plain list sorts itself."""
        descending = order == Qt.DescendingOrder
        if self._loader is not None:
            self.sort_requested.emit(column, descending)
            return
        key = (lambda r: r.chat, lambda r: r.ts, lambda r: r.sender or "", lambda r: r.text)
        self.layoutAboutToBeChanged.emit()
        self._rows.sort(key=key[column], reverse=descending)
        self.layoutChanged.emit()

    def set_masked(self, masked: bool) -> None:
        if masked != self.masked:
            self.masked = masked
            if self._rows:
                self.dataChanged.emit(
                    self.index(0, 0), self.index(len(self._rows) - 1, len(self.HEADERS) - 1)
                )

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 - Qt API
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008 - Qt API
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if orientation == Qt.Horizontal and role == Qt.DisplayRole and 0 <= section < 4:
            return _(self.HEADERS[section])
        return None

    def _show(self, text: str | None) -> str:
        text = text or ""
        return mask_phones(text) if self.masked else text

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row = self._rows[index.row()]
        col = index.column()
        if role == self.RowRole:
            return row
        if role in (Qt.DisplayRole, Qt.ToolTipRole):
            if col == self.CHAT:
                return self._show(row.chat)
            if col == self.TIME:
                try:
                    return format_timestamp(datetime.fromisoformat(row.ts))
                except ValueError:
                    return row.ts
            if col == self.SENDER:
                return self._show(row.sender) if row.sender else _("(system)")
            if col == self.TEXT:
                text = self._show(row.text)
                return text if role == Qt.ToolTipRole else text.replace("\n", " ⏎ ")
        if role == self.SortRole:
            return (row.chat, row.ts, row.sender or "", row.text)[col]
        if role == Qt.FontRole and self.highlight and row.is_evidence:
            from PySide6.QtGui import QFont

            font = QFont()
            font.setBold(True)
            return font
        return None


class RowsModel(QAbstractTableModel):
    """A read-only table over plain rows (tuples of display strings), headers translated."""

    def __init__(self, headers: tuple[str, ...], parent=None) -> None:
        super().__init__(parent)
        self.headers = headers  # msgids
        self._rows: list[tuple] = []

    def set_rows(self, rows: list[tuple]) -> None:
        self.beginResetModel()
        self._rows = [tuple(r) for r in rows]
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 - Qt API
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008 - Qt API
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if (
            orientation == Qt.Horizontal
            and role == Qt.DisplayRole
            and 0 <= section < len(self.headers)
        ):
            return _(self.headers[section])
        return None

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        if role in (Qt.DisplayRole, Qt.ToolTipRole):
            value = self._rows[index.row()][index.column()]
            return "" if value is None else str(value)
        return None
