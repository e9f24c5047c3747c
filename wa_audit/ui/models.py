"""Thin table model over message rows (vorta's event_log_table_model idea), plus masking."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from wa_audit.i18n import N_, _, format_datetime

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


@dataclass(frozen=True)
class MessageRow:
    msg_id: int
    chat_id: int
    chat: str
    ts: str  # ISO
    sender: str | None
    text: str
    kind: str = "text"
    is_evidence: bool = False


class MessageTableModel(QAbstractTableModel):
    CHAT, TIME, SENDER, TEXT = range(4)
    HEADERS = (N_("Chat"), N_("Time"), N_("Sender"), N_("Message"))
    SortRole = Qt.UserRole + 1
    RowRole = Qt.UserRole + 2

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[MessageRow] = []
        self.masked = True
        self.highlight = False  # bold the evidence rows (used for the surrounding chat)

    def set_rows(self, rows: list[MessageRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[MessageRow]:
        return list(self._rows)

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
                    return format_datetime(datetime.fromisoformat(row.ts), "short")
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


def load_rows(db, where: str, params: list, evidence: set[int] | None = None, limit: int = 2000):
    """Message rows with their chat title (masking happens at display time)."""
    sql = (
        "SELECT m.id, m.chat_id, COALESCE(c.title, ''), m.ts, m.sender, m.text, m.kind "
        "FROM messages m JOIN chats c ON c.id = m.chat_id WHERE " + where + f" LIMIT {int(limit)}"
    )
    evidence = evidence or set()
    return [
        MessageRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[0] in evidence)
        for r in db.execute(sql, params).fetchall()
    ]


def evidence_rows(db, msg_ids: list[int]) -> list[MessageRow]:
    if not msg_ids:
        return []
    marks = ",".join("?" * len(msg_ids))
    order = {m: i for i, m in enumerate(msg_ids)}
    rows = load_rows(db, f"m.id IN ({marks})", list(msg_ids), set(msg_ids))
    return sorted(rows, key=lambda r: order.get(r.msg_id, 0))


def context_rows(db, row: MessageRow, before: int = 15, after: int = 15) -> list[MessageRow]:
    """The chat around one message, in time order."""
    older = load_rows(
        db,
        "m.chat_id = ? AND (m.ts < ? OR (m.ts = ? AND m.id < ?)) ORDER BY m.ts DESC, m.id DESC",
        [row.chat_id, row.ts, row.ts, row.msg_id],
        {row.msg_id},
        before,
    )
    newer = load_rows(
        db,
        "m.chat_id = ? AND (m.ts > ? OR (m.ts = ? AND m.id >= ?)) ORDER BY m.ts, m.id",
        [row.chat_id, row.ts, row.ts, row.msg_id],
        {row.msg_id},
        after + 1,
    )
    return list(reversed(older)) + newer


def fts_query(text: str) -> str:
    """User words -> a safe FTS5 query: every word must appear (prefix match on the last)."""
    words = re.findall(r"\w+", text, flags=re.UNICODE)
    if not words:
        return ""
    quoted = ['"' + w.replace('"', "") + '"' for w in words]
    quoted[-1] += "*"
    return " ".join(quoted)


def search_rows(db, text: str, limit: int = 500) -> list[MessageRow]:
    query = fts_query(text)
    if not query:
        return []
    return load_rows(
        db,
        "m.id IN (SELECT rowid FROM messages_fts WHERE messages_fts MATCH ?) ORDER BY m.ts DESC",
        [query],
        None,
        limit,
    )


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
