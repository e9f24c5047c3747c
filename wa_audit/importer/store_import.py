"""Importing exports into a workspace database: one file = one transaction, idempotent.

`import_paths` is a generator: it yields Progress while it works and returns an ImportSummary.
Closing it (cancel) rolls the current file back; files already finished stay imported.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import sqlite3
from collections import Counter
from collections.abc import Generator, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils

from wa_audit import errors
from wa_audit.importer import parse_source
from wa_audit.importer.archive import expand_paths, open_export
from wa_audit.model import FileFacts, Progress, UnparsedLine
from wa_audit.store.db import get_setting, open_db, set_setting

log = logging.getLogger(__name__)
BATCH = 5000


@dataclass
class FileReport:
    path: Path
    file_name: str
    status: str  # imported | updated | already | error
    messages_in_file: int = 0
    messages_added: int = 0
    chat_title: str | None = None
    chat_id: int | None = None
    layout: str = ""
    unparsed: list[UnparsedLine] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: errors.WaAuditError | None = None
    facts: FileFacts | None = None


@dataclass
class ImportSummary:
    files: list[FileReport]
    owner: str | None
    owner_candidates: list[tuple[str, int]]

    @property
    def ok(self) -> bool:
        return any(f.status in ("imported", "updated", "already") for f in self.files)


_SUFFIX = re.compile(r"\s+\(\d+\)$")


def chat_key(facts: FileFacts, senders: Iterable[str]) -> str:
    """Stable identity of a chat across later, longer exports of it."""
    kind = "broadcast" if facts.broadcast else ("group" if facts.is_group else "chat")
    if facts.title_hint:
        title = _SUFFIX.sub("", " ".join(facts.title_hint.casefold().split()))
        return f"{kind}:title:{title}"
    names = "|".join(sorted(s.casefold() for s in senders if s))
    return f"{kind}:senders:{names}"


def import_paths(
    paths: Iterable[Path | str],
    db_path: Path | str | None,
    owner: str | None = None,
    db: sqlite_utils.Database | None = None,
) -> Generator[Progress, None, ImportSummary]:
    files = list(expand_paths([Path(p) for p in paths]))
    own_db = db is None
    db = db or open_db(db_path)
    sizes = []
    for f in files:
        try:
            sizes.append(f.stat().st_size)
        except OSError:
            sizes.append(0)
    total = sum(sizes) or 1
    done = 0
    reports: list[FileReport] = []
    try:
        for path, size in zip(files, sizes, strict=True):
            report = FileReport(path=path, file_name=path.name, status="error")
            reports.append(report)
            yield Progress(done, total, "import_file", path.name)
            try:
                yield from _import_one(db, path, report, done, size, total)
            except errors.WaAuditError as exc:
                report.status, report.error = "error", exc
                _record_failure(db, path, size, exc)
            except sqlite3.OperationalError as exc:
                err = _db_error(exc, db_path)
                report.status, report.error = "error", err
            done += size
        yield Progress(total, total, "owner", "")
        if owner:
            set_setting(db, "owner", owner)
        candidates = owner_candidates(db)
        if not get_setting(db, "owner") and candidates:
            set_setting(db, "owner", candidates[0][0])
        return ImportSummary(reports, get_setting(db, "owner"), candidates)
    finally:
        if own_db:
            db.close()


def _db_error(exc: sqlite3.OperationalError, db_path) -> errors.WaAuditError:
    text = str(exc).lower()
    name = Path(db_path).name if db_path else ""
    if "locked" in text or "busy" in text:
        return errors.DatabaseLocked(name)
    if "full" in text:
        return errors.DiskFull(name)
    return errors.FileUnreadable(name, reason="database error")


def _record_failure(db: sqlite_utils.Database, path: Path, size: int, exc: errors.WaAuditError):
    with db.conn:
        db.execute(
            "INSERT INTO imports(file_name, path, size, status, error_code, imported_at) "
            "VALUES (?, ?, ?, 'error', ?, ?)",
            [path.name, str(path), size, exc.code, _now()],
        )


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _import_one(db, path: Path, report: FileReport, done: int, size: int, total: int):
    source = open_export(path)
    sha = source.sha256()
    already = db.execute(
        "SELECT chat_id FROM imports WHERE sha256 = ? AND status IN ('imported', 'updated', "
        "'already') LIMIT 1",
        [sha],
    ).fetchone()
    if already:
        report.status = "already"
        report.chat_id = already[0]
        row = db.execute("SELECT title, message_count FROM chats WHERE id = ?", [already[0]])
        title_count = row.fetchone()
        if title_count:
            report.chat_title, report.messages_in_file = title_count
        return
    parsed = parse_source(source)
    facts = parsed.facts
    report.facts = facts
    conn = db.conn
    conn.execute("BEGIN IMMEDIATE")
    try:
        cur = conn.execute(
            "INSERT INTO imports(file_name, path, sha256, size, status, imported_at) "
            "VALUES (?, ?, ?, ?, 'importing', ?)",
            [source.display_name, str(path), sha, source.size, _now()],
        )
        import_id = cur.lastrowid
        # the chat row is created with a provisional key; it is re-keyed after parsing, when the
        # shape (group / broadcast) and the senders are known
        cur = conn.execute(
            "INSERT INTO chats(chat_key, title) VALUES (?, ?)",
            [f"pending:{import_id}", facts.title_hint],
        )
        chat_id = cur.lastrowid
        max_before = conn.execute("SELECT COALESCE(MAX(id), 0) FROM messages").fetchone()[0]
        rows = []
        in_file = 0
        # The same text can legitimately repeat in the same minute, so the content key counts
        # occurrences. Timestamps run forward in runs; a message stamped earlier than one before
        # it (re-stamped notices) is counted in its own namespace so keys never collide, and
        # memory stays bounded by one run instead of the whole file.
        occurrence: Counter[tuple] = Counter()
        backwards: Counter[tuple] = Counter()
        last_ts = max_ts = ""
        total_lines = max(parsed.total_lines, 1)
        for msg in parsed:
            in_file += 1
            ts = msg.ts
            if ts < max_ts:
                ident = (ts, msg.sender, msg.text)
                backwards[ident] += 1
                n = f"b{backwards[ident]}"
            else:
                if ts != last_ts:
                    occurrence.clear()
                    last_ts = max_ts = ts
                ident = (msg.sender, msg.text)
                occurrence[ident] += 1
                n = occurrence[ident]
            rows.append(
                (
                    _hash(ts, msg.sender, msg.text, n),
                    chat_id,
                    import_id,
                    msg.ts,
                    msg.sender,
                    msg.text,
                    msg.kind.value,
                    msg.event.value,
                    int(msg.edited),
                    msg.attachment,
                    int(msg.actor_is_owner),
                    msg.line,
                )
            )
            if len(rows) >= BATCH:
                _insert(conn, rows)
                rows.clear()
                yield Progress(
                    done + size * msg.line // total_lines, total, "import_file", path.name
                )
        _insert(conn, rows)
        if in_file == 0:
            raise errors.NotAChatExport(source.display_name)
        key = chat_key(facts, facts.senders)
        existing = conn.execute("SELECT id FROM chats WHERE chat_key = ?", [key]).fetchone()
        added = in_file
        if existing:
            # a later (or the same) export of a chat we have: keep only new messages
            target = existing[0]
            added = _merge_into(conn, chat_id, target, import_id)
            conn.execute("DELETE FROM chats WHERE id = ?", [chat_id])
            chat_id = target
            status = "updated" if added else "already"
        else:
            conn.execute("UPDATE chats SET chat_key = ? WHERE id = ?", [key, chat_id])
            status = "imported"
        if facts.attachments_listed and source.entry is not None:
            missing = conn.execute(
                "SELECT COUNT(*) FROM messages WHERE import_id = ? AND attachment IS NOT NULL",
                [import_id],
            ).fetchone()[0]
            facts.attachments_missing = max(0, missing - len(source.media_entries))
        _refresh_chat(conn, chat_id, facts)
        conn.execute(
            "INSERT INTO messages_fts(rowid, text) SELECT id, text FROM messages "
            "WHERE id > ? AND import_id = ?",
            [max_before, import_id],
        )
        conn.execute(
            "UPDATE imports SET layout=?, platform=?, date_order=?, date_order_confidence=?, "
            "encoding=?, language=?, chat_id=?, messages_in_file=?, messages_added=?, "
            "unparsed_lines=?, unparsed_json=?, warnings_json=?, status=? WHERE id=?",
            [
                facts.layout,
                facts.platform,
                facts.date_order,
                facts.date_order_confidence,
                facts.encoding,
                facts.language,
                chat_id,
                in_file,
                added,
                len(facts.unparsed),
                json.dumps([[u.line, u.reason] for u in facts.unparsed[:1000]]),
                json.dumps(facts.warnings),
                status,
                import_id,
            ],
        )
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    report.status = status
    report.messages_in_file = in_file
    report.messages_added = added
    report.chat_id = chat_id
    report.chat_title = facts.title_hint or _title_from_senders(facts)
    report.layout = facts.layout
    report.unparsed = facts.unparsed
    report.warnings = facts.warnings


def _hash(ts: str, sender: str | None, text: str, n: int | str) -> bytes:
    data = f"{ts}\x1f{sender or ''}\x1f{text}\x1f{n}".encode()
    return hashlib.blake2b(data, digest_size=12).digest()


def _insert(conn: sqlite3.Connection, rows: list[tuple]) -> None:
    if rows:
        conn.executemany(
            "INSERT INTO messages(msg_key, chat_id, import_id, ts, sender, text, kind, event, "
            "edited, attachment, actor_is_owner, line) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            rows,
        )


def _merge_into(conn: sqlite3.Connection, new_chat: int, target: int, import_id: int) -> int:
    """Move this import's messages into the chat we already have, minus the ones it has."""
    conn.execute(
        "DELETE FROM messages WHERE import_id = ? AND msg_key IN "
        "(SELECT msg_key FROM messages WHERE chat_id = ?)",
        [import_id, target],
    )
    cur = conn.execute("UPDATE messages SET chat_id = ? WHERE import_id = ?", [target, import_id])
    return cur.rowcount


def _refresh_chat(conn: sqlite3.Connection, chat_id: int, facts: FileFacts) -> None:
    conn.execute("DELETE FROM participants WHERE chat_id = ?", [chat_id])
    conn.execute(
        "INSERT INTO participants(chat_id, name, messages) SELECT chat_id, sender, COUNT(*) "
        "FROM messages WHERE chat_id = ? AND sender IS NOT NULL GROUP BY sender",
        [chat_id],
    )
    title = facts.title_hint or _title_from_senders(facts)
    conn.execute(
        "UPDATE chats SET title = COALESCE(title, ?), is_group = MAX(is_group, ?), "
        "broadcast = CASE WHEN broadcast = 'yes' THEN 'yes' ELSE ? END, "
        "broadcast_recipients = COALESCE(?, broadcast_recipients), platform = ?, "
        "has_seconds = ?, starts_with_encryption_notice = MAX(starts_with_encryption_notice, ?), "
        "probably_truncated = ?, "
        "first_ts = (SELECT MIN(ts) FROM messages WHERE chat_id = ?), "
        "last_ts = (SELECT MAX(ts) FROM messages WHERE chat_id = ?), "
        "message_count = (SELECT COUNT(*) FROM messages WHERE chat_id = ?) WHERE id = ?",
        [
            title,
            int(facts.is_group),
            facts.broadcast,
            facts.broadcast_recipients,
            facts.platform,
            int(facts.has_seconds),
            int(facts.starts_with_encryption_notice),
            int(facts.probably_truncated),
            chat_id,
            chat_id,
            chat_id,
            chat_id,
        ],
    )


def _title_from_senders(facts: FileFacts) -> str | None:
    names = sorted(facts.senders, key=lambda s: -facts.senders[s])
    return ", ".join(names[:3]) or None


def owner_candidates(db: sqlite_utils.Database) -> list[tuple[str, int]]:
    """Senders by the number of 1:1 chats they write in (the owner writes in nearly all).

    With a single chat, the chat partner is the title from the file name, so the owner is the
    other sender.
    """
    rows = db.execute(
        "SELECT p.name, COUNT(*) AS chats, SUM(p.messages) AS msgs FROM participants p "
        "JOIN chats c ON c.id = p.chat_id WHERE c.is_group = 0 "
        "GROUP BY p.name ORDER BY chats DESC, msgs DESC"
    ).fetchall()
    if not rows:
        rows = db.execute(
            "SELECT name, COUNT(*), SUM(messages) FROM participants GROUP BY name "
            "ORDER BY 2 DESC, 3 DESC"
        ).fetchall()
    titles = {
        (t or "").casefold()
        for (t,) in db.execute("SELECT title FROM chats WHERE is_group = 0").fetchall()
    }
    # the chat partner's name is the chat title: it cannot be the owner
    ranked = sorted(rows, key=lambda r: (-r[1], r[0].casefold() in titles, -(r[2] or 0)))
    return [(name, chats) for name, chats, _ in ranked]


def detect_owner(db: sqlite_utils.Database) -> str | None:
    candidates = owner_candidates(db)
    return candidates[0][0] if candidates else None
