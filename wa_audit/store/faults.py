"""The one place where SQLite's and the file system's errors become the user's errors.

    user_error(exc, path) -> BaseException    a typed, translated WaAuditError naming the
        workspace file (or exc itself when it is not something a user can fix)

Used by the command line, the importer and the app's job runner alike, so "locked", "disk
full", "not a database", "malformed" and "read-only" read the same everywhere and always name
the file.
"""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

from wa_audit import errors


def user_error(exc: BaseException, path: Path | str | None = None) -> BaseException:
    if isinstance(exc, errors.WaAuditError):
        return exc
    name = str(path) if path else ""
    if isinstance(exc, sqlite3.Error):
        text = str(exc).lower()
        code = getattr(exc, "sqlite_errorcode", None)
        if "locked" in text or "busy" in text:
            return errors.DatabaseLocked(name)
        if "full" in text or code == 13:  # SQLITE_FULL
            return errors.DiskFull(name)
        if "readonly" in text or "read-only" in text or "unable to open" in text:
            return errors.ReadOnlyWorkspace(name)
        if "not a database" in text or code == 26:  # SQLITE_NOTADB
            return errors.NotAWorkspace(name)
        if "malformed" in text or "corrupt" in text or code == 11:  # SQLITE_CORRUPT
            return errors.DamagedWorkspace(name)
        if isinstance(exc, sqlite3.DatabaseError) and "disk i/o" in text:
            return errors.DamagedWorkspace(name)
        return exc
    if isinstance(exc, OSError):
        if exc.errno == errno.ENOSPC:
            return errors.DiskFull(name)
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return errors.ReadOnlyWorkspace(name)
    return exc
