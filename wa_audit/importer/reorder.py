"""Reading imported exports again with a day/month order the user chose.

When every date of an export leaves the order open (no day above 12), the importer decides on
cues and records the confidence as "low". The app shows such imports (`uncertain_imports`, with
sample dates read both ways) and lets the user choose; `reimport_with_date_order` then re-reads
those files from disk and replaces their messages in one transaction.

The order is a property of the phone that wrote the export, and the exports of one chat overlap
(a later export repeats the earlier messages), so the whole chat is re-read: every import of the
chats concerned, in import order, with the same "keep only new messages" rule as the import.
Imports of those chats whose order was certain ("high") and that were not asked for keep their
own order. Message ids change: run the audit again afterwards.
"""

from __future__ import annotations

import json
from collections.abc import Generator, Iterable
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from wa_audit.importer.faults import (
    FileChangedSinceImport,
    FileMovedSinceImport,
    NotInWorkspace,
)
from wa_audit.importer.produce import produce
from wa_audit.importer.store_import import FileReport, _refresh_chat, _rollback
from wa_audit.model import FileFacts, Progress

ORDERS = {
    "dmy": "dmy",
    "mdy": "mdy",
    "ymd": "ymd",
    "day_first": "dmy",
    "month_first": "mdy",
    "year_first": "ymd",
}
_ENTRY_MARK = " › "  # display name of one chat of a zip with several: "zip › entry"


@dataclass(frozen=True)
class UncertainImport:
    """An import whose day/month order was guessed, for the app to ask about."""

    import_id: int
    file_name: str
    chat_id: int
    chat_title: str
    date_order: str  # as read now: dmy | mdy
    # (as read now, read the other way) for the chat's first and last message, ISO dates
    samples: tuple[tuple[str, str], ...]


def uncertain_imports(db: sqlite_utils.Database) -> list[UncertainImport]:
    """Imports whose day/month order is a guess (confidence "low"), newest first."""
    rows = db.execute(
        "SELECT i.id, i.file_name, i.chat_id, COALESCE(c.title, ''), i.date_order, "
        "MIN(m.ts), MAX(m.ts) FROM imports i JOIN chats c ON c.id = i.chat_id "
        "JOIN messages m ON m.import_id = i.id "
        "WHERE i.date_order_confidence = 'low' AND i.status IN ('imported', 'updated') "
        "AND i.date_order IN ('dmy', 'mdy') GROUP BY i.id ORDER BY i.id DESC"
    ).fetchall()
    out = []
    for import_id, name, chat_id, title, order, first, last in rows:
        samples = tuple((ts[:10], swapped) for ts in (first, last) if (swapped := _swap(ts)))
        out.append(UncertainImport(import_id, name, chat_id, title, order, samples))
    return out


def _swap(ts: str) -> str | None:
    """The ISO date with day and month exchanged (how the other order reads it), if valid."""
    year, month, day = ts[:10].split("-")
    if int(day) > 12:
        return None
    return f"{year}-{day}-{month}"


def reimport_with_date_order(
    db: sqlite_utils.Database, targets: Iterable[int | str | Path], order: str
) -> Generator[Progress, None, list[FileReport]]:
    """Re-read the given imports (ids) or files (paths as imported) with `order` ("dmy",
    "mdy", "ymd", or "day_first"/"month_first"/"year_first") and replace their chats' messages
    atomically: if any file cannot be read again (moved, changed, damaged), nothing changes and
    the typed error names that file.

    A generator like `import_paths`: it yields Progress and returns one FileReport per file
    re-read (status "redated"). Closing it (cancel) rolls everything back.
    """
    forced = ORDERS.get(order)
    if forced is None:
        raise ValueError(f"unknown date order {order!r}")
    wanted = _resolve(db, targets)
    chats = sorted({chat for _, chat in wanted})
    marks = ",".join("?" * len(chats))
    rows = db.execute(
        "SELECT id, file_name, path, sha256, size, chat_id, date_order_confidence FROM imports "
        f"WHERE chat_id IN ({marks}) AND status IN ('imported', 'updated') ORDER BY id",
        chats,
    ).fetchall()
    asked = {import_id for import_id, _ in wanted}
    total = sum(r[4] or 0 for r in rows) or 1
    done = 0
    reports: list[FileReport] = []
    conn = db.conn
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute(
            "INSERT INTO messages_fts(messages_fts, rowid, text) SELECT 'delete', id, text "
            f"FROM messages WHERE chat_id IN ({marks})",
            chats,
        )
        conn.execute(f"DELETE FROM messages WHERE chat_id IN ({marks})", chats)
        last_facts: dict[int, FileFacts] = {}
        for import_id, name, path, sha, size, chat_id, confidence in rows:
            yield Progress(done, total, "redate_file", name)
            use = forced if import_id in asked or confidence != "high" else None
            report, facts = _reread(conn, import_id, name, path, sha, chat_id, use)
            reports.append(report)
            last_facts[chat_id] = facts
            done += size or 0
        for chat_id, facts in last_facts.items():
            _refresh_chat(conn, chat_id, facts)
        conn.execute(
            "INSERT INTO messages_fts(rowid, text) SELECT id, text FROM messages "
            f"WHERE chat_id IN ({marks})",
            chats,
        )
        conn.execute("COMMIT")
    except BaseException:
        _rollback(conn)
        raise
    yield Progress(total, total, "redate_file", "")
    return reports


def _resolve(db: sqlite_utils.Database, targets: Iterable[int | str | Path]) -> list[tuple]:
    """(import id, chat id) of the imports holding the messages of each target."""
    targets = list(targets)
    found: list[tuple] = []
    for target in targets:
        if isinstance(target, int):
            row = db.execute(
                "SELECT id, chat_id, status, sha256 FROM imports WHERE id = ?", [target]
            ).fetchone()
            rows = [row] if row else []
        else:
            rows = db.execute(
                "SELECT id, chat_id, status, sha256 FROM imports WHERE path = ? "
                "AND status IN ('imported', 'updated', 'already')",
                [str(target)],
            ).fetchall()
        if not rows:
            name = Path(str(target)).name if not isinstance(target, int) else str(target)
            raise NotInWorkspace(name)
        for import_id, chat_id, status, sha in rows:
            if status == "already":  # its messages are held by the import it repeated
                holder = db.execute(
                    "SELECT id FROM imports WHERE sha256 = ? AND chat_id = ? AND status IN "
                    "('imported', 'updated') ORDER BY id LIMIT 1",
                    [sha, chat_id],
                ).fetchone()
                if holder is None:
                    continue
                import_id = holder[0]
            if chat_id is not None:
                found.append((import_id, chat_id))
    if not found:
        raise NotInWorkspace(", ".join(str(t) for t in targets))
    return found


def _reread(conn, import_id: int, name: str, path: str, sha: str, chat_id: int,
            order: str | None) -> tuple[FileReport, FileFacts]:  # fmt: skip
    """Store one file's messages again (inside the caller's transaction)."""
    entry = name.split(_ENTRY_MARK, 1)[1] if _ENTRY_MARK in name else None
    source = Path(path)
    if not source.exists():
        raise FileMovedSinceImport(name)
    events = produce(source, entry, order)
    try:
        _, _display, _size, new_sha, *_ = next(events)
        if new_sha != sha:
            raise FileChangedSinceImport(name)
        insert = (
            "INSERT OR IGNORE INTO messages(chat_id, import_id, msg_key, ts, sender, text, "
            "kind, event, edited, attachment, actor_is_owner, line) VALUES "
            f"({int(chat_id)}, {int(import_id)}, ?,?,?,?,?,?,?,?,?,?)"
        )
        in_file = added = 0
        facts: FileFacts | None = None
        for event in events:
            if event[0] == "rows":
                rows = event[1]
                if rows:
                    before = conn.total_changes
                    conn.executemany(insert, rows)
                    added += conn.total_changes - before
                    in_file += len(rows)
            else:
                facts = event[1]
    finally:
        events.close()
    assert facts is not None
    conn.execute(
        "UPDATE imports SET date_order = ?, date_order_confidence = ?, messages_in_file = ?, "
        "messages_added = ?, warnings_json = ? WHERE id = ?",
        [
            facts.date_order,
            facts.date_order_confidence,
            in_file,
            added,
            json.dumps(facts.warnings),
            import_id,
        ],
    )
    report = FileReport(path=source, file_name=name, status="redated")
    report.messages_in_file, report.messages_added = in_file, added
    report.chat_id, report.facts, report.warnings = chat_id, facts, facts.warnings
    report.chat_title, report.layout = facts.title_hint, facts.layout
    return report, facts
