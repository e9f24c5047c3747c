"""Opening a workspace database: pragmas, migrations, and where it lives by default."""

from __future__ import annotations

import os
import sqlite3
import sys
from pathlib import Path

import sqlite_utils

from wa_audit.errors import NewerWorkspace, NotAWorkspace, NoWorkspace, ReadOnlyWorkspace
from wa_audit.store.faults import user_error
from wa_audit.store.migrations import MIGRATIONS


def user_data_dir() -> Path:
    """The OS's per-user data folder for wa-audit (no extra dependency needed for three OSes)."""
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "wa-audit"


def default_db_path() -> Path:
    return user_data_dir() / "workspaces" / "default.wa-audit.db"


OWNER = "owner"  # settings key: the business's own sender name in the exports
LOCK_WAIT_S = 5  # wait this long for another window's import before saying so


def check_workspace_file(path: Path) -> None:
    """Refuse, before anything is written to it, a file that is not a workspace or cannot be
    written."""
    if path.is_dir():
        raise NotAWorkspace(str(path))
    if path.exists():
        _check_header(path)
        if not os.access(path, os.W_OK):
            raise ReadOnlyWorkspace(str(path))
    folder = path.parent
    if folder.is_dir() and not os.access(folder, os.W_OK | os.X_OK):
        raise ReadOnlyWorkspace(str(path))  # WAL needs its -wal and -shm files beside it


def _check_header(path: Path) -> None:
    """The header read through SQLite, never through a file handle of our own:
    closing one drops every POSIX lock this process's connections hold on the file, and another
    process (the audit's child) would then take itself for the last user of the workspace and
    delete the -wal/-shm files still in use ("file is not a database" on the next read;
    https://www.sqlite.org/howtocorrupt.html, section 2.2). SQLite keeps its own handles open
    while locks are held. A file that is not SQLite fails here, before anything is written."""
    if 0 < path.stat().st_size < 512:  # SQLite's smallest page: too short to be one
        raise NotAWorkspace(str(path))
    try:
        conn = sqlite3.connect(str(path), timeout=LOCK_WAIT_S)
        try:
            conn.execute("PRAGMA schema_version").fetchone()
        finally:
            conn.close()
    except sqlite3.Error as exc:
        err = user_error(exc, path)
        raise (NotAWorkspace(str(path)) if err is exc else err) from None


def open_db(path: Path | str | None = None, *, memory: bool = False) -> sqlite_utils.Database:
    """Open (and create or migrate) a workspace database.

    WAL + synchronous=NORMAL: per-transaction commits are cheap and the UI can read while a
    worker writes. Each thread must open its own connection. Every fault (not a workspace,
    damaged, made by a newer wa-audit, read-only, locked) is a typed WaAuditError naming the
    file, raised before anything is written.
    """
    if memory:
        return _prepare(sqlite_utils.Database(memory=True))
    path = Path(path) if path else default_db_path()
    check_workspace_file(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(str(path), timeout=LOCK_WAIT_S, check_same_thread=False)
    except (OSError, sqlite3.Error) as exc:
        raise user_error(exc, path) from None
    db = sqlite_utils.Database(conn)
    try:
        check_schema_version(db, path)
        db.execute("PRAGMA journal_mode=WAL")
        return _prepare(db)
    except BaseException as exc:
        conn.close()
        if isinstance(exc, sqlite3.Error | OSError):
            raise user_error(exc, path) from None
        raise


def open_existing(path: Path | str) -> sqlite_utils.Database:
    """Open a workspace that must already exist (audit, report): a mistyped --db is refused
    instead of silently starting an empty workspace."""
    path = Path(path)
    if not path.exists():
        raise NoWorkspace(str(path))
    return open_db(path)


def check_schema_version(db: sqlite_utils.Database, path: Path | str) -> None:
    """A workspace written by a newer wa-audit (a schema step this version does not know) is
    refused: never migrated down, never written blindly."""
    known = {m.name for m in MIGRATIONS._migrations}
    applied = {m.name for m in MIGRATIONS.applied(db)}
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if applied - known or version > len(known):
        raise NewerWorkspace(str(path))


def _prepare(db: sqlite_utils.Database) -> sqlite_utils.Database:
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute("PRAGMA foreign_keys=ON")
    db.execute("PRAGMA temp_store=MEMORY")
    # 64 MB page cache (default 2 MB): the message-key index is random, bulk imports thrash
    # a small cache
    db.execute("PRAGMA cache_size=-64000")
    if MIGRATIONS.pending(db):
        MIGRATIONS.apply(db)
        db.execute(f"PRAGMA user_version = {len(MIGRATIONS._migrations)}")
    return db


def get_setting(db: sqlite_utils.Database, key: str, default: str | None = None) -> str | None:
    row = db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    return row[0] if row else default


def set_setting(db: sqlite_utils.Database, key: str, value: str | None) -> None:
    with db.conn:
        if value is None:
            db.execute("DELETE FROM settings WHERE key = ?", [key])
        else:
            db.execute(
                "INSERT INTO settings(key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [key, value],
            )
