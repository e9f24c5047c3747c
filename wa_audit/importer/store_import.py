"""Importing exports into a workspace database: one file = one transaction, idempotent.

`import_paths` is a generator: it yields Progress while it works and returns an ImportSummary.
Closing it (cancel) rolls the current file back; files already finished stay imported.
"""

from __future__ import annotations

import hashlib
import json
import logging
import multiprocessing
import os
import queue as queue_module
import sqlite3
from collections import Counter
from collections.abc import Generator, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils

from wa_audit import errors
from wa_audit.importer import parse_source
from wa_audit.importer.archive import chat_identity, expand_paths, export_entries, open_export
from wa_audit.importer.faults import WorkspaceWriteFailed
from wa_audit.model import FileFacts, Progress, UnparsedLine
from wa_audit.store.db import get_setting, open_db, set_setting

log = logging.getLogger(__name__)
BATCH = 5000
PARALLEL_FROM_BYTES = 4 << 20  # below this, starting a parser process costs more than it saves
QUEUE_BATCHES = 16


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


KINDS = ("chat", "group", "broadcast")


def chat_key(facts: FileFacts, senders: Iterable[str], name: str = "") -> str:
    """Stable identity of a chat across later, longer exports of it: its shape and the chat's
    name from the file name (`archive.chat_name`), never the content alone. Byte-identical
    exports of two chats (a bulk sender's unanswered ones) stay two chats; a later export of the
    same chat, under the same name, is merged into it."""
    kind = "broadcast" if facts.broadcast else ("group" if facts.is_group else "chat")
    title = name or facts.title_hint
    if title:
        return f"{kind}:title:{chat_identity(title)}"
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
    units = _units(files)
    total = sum(size for _, _, size in units) or 1
    done = 0
    reports: list[FileReport] = []
    # Parsing is pure Python and storing is mostly SQLite: on a large import a second
    # process parses while this one writes (two cores, about half the time).
    parallel = total >= PARALLEL_FROM_BYTES
    parser = _ParserProcess.start([(p, e) for p, e, _ in units]) if parallel else None
    try:
        for index, (path, entry, size) in enumerate(units):
            name = path.name if entry is None else f"{path.name} › {entry}"
            report = FileReport(path=path, file_name=name, status="error")
            reports.append(report)
            yield Progress(done, total, "import_file", name)
            events = parser.events(index) if parser else produce(path, entry)
            try:
                yield from _import_one(db, events, path, report, done, size, total)
            except errors.WaAuditError as exc:
                report.status, report.error = "error", exc
                _record_failure(db, path, size, exc, report.file_name)
            except sqlite3.Error as exc:
                err = _db_error(exc, db_path, report.file_name)
                report.status, report.error = "error", err
                _record_failure(db, path, size, err, report.file_name)
            finally:
                events.close()  # an already-imported file: stop (or skip) its parsing
            done += size
        yield Progress(total, total, "owner", "")
        if owner:
            set_setting(db, "owner", owner)
        candidates = owner_candidates(db)
        if not get_setting(db, "owner") and candidates:
            set_setting(db, "owner", candidates[0][0])
        return ImportSummary(reports, get_setting(db, "owner"), candidates)
    finally:
        if parser:
            parser.stop()
        if own_db:
            db.close()


class _ParserProcess:
    """`produce` for every file, in a separate process, feeding a bounded queue in file order.

    Spawned (not forked: the desktop app has threads), daemonic, and it exits on its own when
    the importing process goes away, so a cancelled or killed import leaves nothing running.
    """

    def __init__(self, process, queue) -> None:
        self.process, self.queue = process, queue

    @classmethod
    def start(cls, files: list[tuple[Path, str | None]]) -> _ParserProcess | None:
        try:
            ctx = multiprocessing.get_context("spawn")
            queue = ctx.Queue(maxsize=QUEUE_BATCHES)
            process = ctx.Process(
                target=_parse_files, args=(files, queue, os.getpid()), daemon=True
            )
            process.start()
        except (OSError, RuntimeError, ValueError):
            return None  # no second process here: parse in this one
        return cls(process, queue)

    def events(self, index: int) -> Generator[tuple, None, None]:
        while True:
            try:
                got, event = self.queue.get(timeout=1)
            except queue_module.Empty:
                if not self.process.is_alive():
                    raise errors.FileUnreadable("", reason="parser stopped") from None
                continue
            if got != index:
                continue  # the rest of a file that was skipped
            if event[0] == "end":
                return
            if event[0] == "error":
                raise event[1]
            yield event

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.terminate()
        self.process.join(timeout=5)
        self.queue.close()


def _parse_files(files: list[tuple[Path, str | None]], queue, parent: int) -> None:
    """The parser process: events of every file, in order, each tagged with its index."""

    def put(item) -> None:
        while True:
            try:
                queue.put(item, timeout=1)
                return
            except queue_module.Full:
                if os.getppid() != parent:  # the importer is gone (cancelled or killed)
                    queue.cancel_join_thread()  # nothing will read what is still buffered
                    os._exit(0)

    for index, (path, entry) in enumerate(files):
        try:
            for event in produce(path, entry):
                put((index, event))
        except errors.WaAuditError as exc:
            put((index, ("error", exc)))
        except Exception as exc:  # never the content: only what kind of failure
            put((index, ("error", errors.FileUnreadable(path.name, reason=type(exc).__name__))))
        put((index, ("end",)))


def _db_error(exc: sqlite3.Error, db_path, file_name: str) -> errors.WaAuditError:
    text = str(exc).lower()
    name = Path(db_path).name if db_path else ""
    if "locked" in text or "busy" in text:
        return errors.DatabaseLocked(name)
    # SQLite's own words (e.g. "database or disk is full") name the cause; keep them
    return WorkspaceWriteFailed(file_name, reason=str(exc))


def _record_failure(
    db: sqlite_utils.Database, path: Path, size: int, exc: errors.WaAuditError, name: str
) -> None:
    """Note the failed file in the import report; if even that cannot be written (the disk is
    still full), the caller's report still has it."""
    reason = str(exc.params.get("reason", "")) or None
    try:
        with db.conn:
            db.execute(
                "INSERT INTO imports(file_name, path, size, status, error_code, warnings_json, "
                "imported_at) VALUES (?, ?, ?, 'error', ?, ?, ?)",
                [name, str(path), size, exc.code, json.dumps([reason] if reason else []), _now()],
            )
    except sqlite3.Error as again:
        log.warning("could not record the failed import of %s: %s", name, again)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _units(files: list[Path]) -> list[tuple[Path, str | None, int]]:
    """(file, zip entry or None, share of the progress bar) for every chat text to import."""
    units = []
    for f in files:
        try:
            size = f.stat().st_size
        except OSError:
            size = 0
        entries = export_entries(f)
        for i, entry in enumerate(entries):
            share = size // len(entries) + (size % len(entries) if i == 0 else 0)
            units.append((f, entry, share))
    return units


def produce(path: Path, entry: str | None = None) -> Iterator[tuple]:
    """Everything the store needs from one export, as a stream of events.

    ("source", display_name, size, sha256, is_zip, media_entries, chat name), then ("rows", batch,
    last_line, total_lines) for every BATCH messages, then ("facts", FileFacts). Runs in the
    importing process or in the parser process (see _ParserProcess); no database access here.
    """
    source = open_export(path, entry)
    sha = source.sha256()
    yield ("source", source.display_name, source.size, sha, source.entry is not None,
           len(source.media_entries), source.chat)  # fmt: skip
    parsed = parse_source(source)
    total_lines = max(parsed.total_lines, 1)
    rows: list[tuple] = []
    # The same text can legitimately repeat in the same minute, so the content key counts
    # occurrences. Timestamps run forward in runs; a message stamped earlier than one before
    # it (re-stamped notices) is counted in its own namespace so keys never collide, and
    # memory stays bounded by one run instead of the whole file.
    occurrence: Counter[tuple] = Counter()
    backwards: Counter[tuple] = Counter()
    last_ts = max_ts = ""
    line = 0
    for msg in parsed:
        ts, sender, text, line = msg.ts, msg.sender, msg.text, msg.line
        if ts < max_ts:
            ident = (ts, sender, text)
            backwards[ident] += 1
            n = f"b{backwards[ident]}"
        else:
            if ts != last_ts:
                occurrence.clear()
                last_ts = max_ts = ts
            ident = (sender, text)
            occurrence[ident] += 1
            n = occurrence[ident]
        rows.append(
            (_hash(ts, sender, text, n), ts, sender, text, msg.kind.value, msg.event.value,
             int(msg.edited), msg.attachment, int(msg.actor_is_owner), line)
        )  # fmt: skip
        if len(rows) >= BATCH:
            yield ("rows", rows, line, total_lines)
            rows = []
    yield ("rows", rows, line, total_lines)
    yield ("facts", parsed.facts)


def _import_one(db, events: Iterator[tuple], path: Path, report: FileReport, done: int,
                size: int, total: int):  # fmt: skip
    """Store one export's events in one transaction; a skip (already imported) returns early."""
    _, display_name, text_size, sha, is_zip, media_entries, name = next(events)
    report.file_name = display_name
    # the same content of the same chat (same name) was imported before: nothing to do. The
    # same content under another chat's name is another chat and is read in full.
    ident = chat_identity(name) if name else ""
    already = db.execute(
        "SELECT i.chat_id FROM imports i JOIN chats c ON c.id = i.chat_id WHERE i.sha256 = ? "
        "AND i.status IN ('imported', 'updated', 'already') AND (c.chat_key IN (?, ?, ?) "
        # chats of workspaces from before this rule were keyed by their senders
        "OR (c.chat_key LIKE '%:senders:%' AND i.file_name = ?)) LIMIT 1",
        [sha, *(f"{kind}:title:{ident}" for kind in KINDS), display_name],
    ).fetchone()
    if already:
        report.status = "already"
        report.chat_id = already[0]
        row = db.execute("SELECT title, message_count FROM chats WHERE id = ?", [already[0]])
        title_count = row.fetchone()
        if title_count:
            report.chat_title, report.messages_in_file = title_count
        return
    conn = db.conn
    conn.execute("BEGIN IMMEDIATE")
    try:
        cur = conn.execute(
            "INSERT INTO imports(file_name, path, sha256, size, status, imported_at) "
            "VALUES (?, ?, ?, ?, 'importing', ?)",
            [display_name, str(path), sha, text_size, _now()],
        )
        import_id = cur.lastrowid
        # the chat row gets its identity (chat_key) once the whole file is read: the shape
        # (group / broadcast) and the senders decide it
        cur = conn.execute("INSERT INTO chats(chat_key) VALUES (?)", [f"pending:{import_id}"])
        chat_id = cur.lastrowid
        max_before = conn.execute("SELECT COALESCE(MAX(id), 0) FROM messages").fetchone()[0]
        insert = (
            "INSERT INTO messages(chat_id, import_id, msg_key, ts, sender, text, kind, event, "
            f"edited, attachment, actor_is_owner, line) VALUES ({int(chat_id)}, "
            f"{int(import_id)}, ?,?,?,?,?,?,?,?,?,?)"
        )
        in_file = 0
        facts: FileFacts | None = None
        for event in events:
            if event[0] == "rows":
                _, rows, line, total_lines = event
                if rows:
                    conn.executemany(insert, rows)
                    in_file += len(rows)
                yield Progress(done + size * line // total_lines, total, "import_file", path.name)
            else:
                facts = event[1]
        assert facts is not None
        report.facts = facts
        if in_file == 0:
            raise errors.NotAChatExport(display_name)
        key = chat_key(facts, facts.senders, name)
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
        if facts.attachments_listed and is_zip:
            missing = conn.execute(
                "SELECT COUNT(*) FROM messages WHERE import_id = ? AND attachment IS NOT NULL",
                [import_id],
            ).fetchone()[0]
            facts.attachments_missing = max(0, missing - media_entries)
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
        _rollback(conn)
        raise
    report.status = status
    report.messages_in_file = in_file
    report.messages_added = added
    report.chat_id = chat_id
    report.chat_title = facts.title_hint or _title_from_senders(facts)
    report.layout = facts.layout
    report.unparsed = facts.unparsed
    report.warnings = facts.warnings


def _rollback(conn: sqlite3.Connection) -> None:
    """Undo the file's transaction. SQLite may have rolled it back itself (a full disk, an I/O
    error): then there is nothing to undo, and the real error must not be replaced by "cannot
    rollback - no transaction is active"."""
    if conn.in_transaction:
        try:
            conn.execute("ROLLBACK")
        except sqlite3.Error as exc:
            log.warning("rollback failed: %s", exc)


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
