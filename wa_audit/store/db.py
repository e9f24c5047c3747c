"""Opening a workspace database: pragmas, migrations, and where it lives by default."""

from __future__ import annotations

import os
import sqlite3
import sys
from pathlib import Path

import sqlite_utils

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


def open_db(path: Path | str | None = None, *, memory: bool = False) -> sqlite_utils.Database:
    """Open (and create or migrate) a workspace database.

    WAL + synchronous=NORMAL: per-transaction commits are cheap and the UI can read while a
    worker writes. Each thread must open its own connection.
    """
    if memory:
        db = sqlite_utils.Database(memory=True)
    else:
        path = Path(path) if path else default_db_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(str(path), timeout=5, check_same_thread=False)
        db = sqlite_utils.Database(conn)
        db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute("PRAGMA foreign_keys=ON")
    db.execute("PRAGMA temp_store=MEMORY")
    # 64 MB page cache (default 2 MB): the message-key index is random, bulk imports thrash
    # a small cache
    db.execute("PRAGMA cache_size=-64000")
    MIGRATIONS.apply(db)
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
