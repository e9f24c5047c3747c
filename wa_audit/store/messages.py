"""Reading messages for the screens: rows by id, the chat around one, evidence, full-text search.

No Qt here: the app's table models call these (paged) and its background jobs run the slow
ones (search counts). Every function takes an open workspace connection.

    rows_by_ids(db, ids) -> [MessageRow]        in the order of ids
    context_rows(db, row) -> [MessageRow]       the chat around one message, in time order
    order_ids(db, ids, column, descending) -> [msg_id]   the same ids sorted by a column
    fts_query(text) -> str                      user words as a safe FTS5 query
    search(db, text) -> SearchResult            the true total and the ids, newest first
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import sqlite_utils

# sortable columns of the message tables (chat title, time, sender, text)
ORDER_COLUMNS = ("COALESCE(c.title, '')", "m.ts", "COALESCE(m.sender, '')", "m.text")
_SELECT = (
    "SELECT m.id, m.chat_id, COALESCE(c.title, ''), m.ts, m.sender, m.text, m.kind "
    "FROM messages m JOIN chats c ON c.id = m.chat_id "
)
_CHUNK = 500  # ids per IN (...) (SQLite's variable limit is far above; keeps statements small)


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


def _rows(db: sqlite_utils.Database, where: str, params: list, marked: set[int], limit: int):
    sql = _SELECT + "WHERE " + where + f" LIMIT {int(limit)}"
    return [
        MessageRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[0] in marked)
        for r in db.execute(sql, params).fetchall()
    ]


def rows_by_ids(db: sqlite_utils.Database, ids: list[int], marked: bool = True) -> list[MessageRow]:
    """The messages with these ids, in the order given (missing ids are skipped)."""
    found: dict[int, MessageRow] = {}
    for i in range(0, len(ids), _CHUNK):
        chunk = [int(x) for x in ids[i : i + _CHUNK]]
        marks = ",".join("?" * len(chunk))
        for r in _rows(db, f"m.id IN ({marks})", chunk, set(chunk) if marked else set(), _CHUNK):
            found[r.msg_id] = r
    return [found[int(m)] for m in ids if int(m) in found]


def context_rows(
    db: sqlite_utils.Database, row: MessageRow, before: int = 15, after: int = 15
) -> list[MessageRow]:
    """The chat around one message, in time order; the message itself is marked."""
    older = _rows(
        db,
        "m.chat_id = ? AND (m.ts < ? OR (m.ts = ? AND m.id < ?)) ORDER BY m.ts DESC, m.id DESC",
        [row.chat_id, row.ts, row.ts, row.msg_id],
        {row.msg_id},
        before,
    )
    newer = _rows(
        db,
        "m.chat_id = ? AND (m.ts > ? OR (m.ts = ? AND m.id >= ?)) ORDER BY m.ts, m.id",
        [row.chat_id, row.ts, row.ts, row.msg_id],
        {row.msg_id},
        after + 1,
    )
    return list(reversed(older)) + newer


def order_ids(db: sqlite_utils.Database, ids: list[int], column: int, descending: bool):
    """The same ids sorted by one of ORDER_COLUMNS (a temporary table: any number of ids)."""
    direction = "DESC" if descending else "ASC"
    db.execute("CREATE TEMP TABLE IF NOT EXISTS _order_ids (id INTEGER PRIMARY KEY)")
    try:
        db.conn.executemany("INSERT OR IGNORE INTO _order_ids VALUES (?)", ((int(i),) for i in ids))
        sql = (
            "SELECT m.id FROM _order_ids o JOIN messages m ON m.id = o.id "
            f"JOIN chats c ON c.id = m.chat_id ORDER BY {ORDER_COLUMNS[column]} {direction}, "
            f"m.id {direction}"
        )
        return [r[0] for r in db.execute(sql)]
    finally:
        db.execute("DELETE FROM _order_ids")
        db.conn.commit()


def fts_query(text: str) -> str:
    """User words -> a safe FTS5 query: every word must appear (prefix match on the last)."""
    words = re.findall(r"\w+", text, flags=re.UNICODE)
    if not words:
        return ""
    quoted = ['"' + w.replace('"', "") + '"' for w in words]
    quoted[-1] += "*"
    return " ".join(quoted)


@dataclass
class SearchResult:
    text: str
    total: int  # every message that matches (FTS5 count)
    ids: list[int] = field(default_factory=list)  # newest first


def search(db: sqlite_utils.Database, text: str, limit: int | None = None, check=None):
    """The true number of matching messages (FTS5 count) and their ids, newest first (all of
    them, or the newest `limit`): the table pages through the ids.

    check(): called between the steps; it may raise to stop (a newer search replaced this one).
    """
    query = fts_query(text)
    if not query:
        return SearchResult(text, 0)
    total = db.execute(
        "SELECT count(*) FROM messages_fts WHERE messages_fts MATCH ?", [query]
    ).fetchone()[0]
    if check is not None:
        check()
    # newest first: the ids grow with import order, the time decides
    ids = [
        r[0]
        for r in db.execute(
            "SELECT m.id FROM messages m WHERE m.id IN "
            "(SELECT rowid FROM messages_fts WHERE messages_fts MATCH ?) "
            "ORDER BY m.ts DESC, m.id DESC LIMIT ?",
            [query, -1 if limit is None else int(limit)],
        )
    ]
    return SearchResult(text, int(total), ids)
