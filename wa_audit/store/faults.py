"""The one place where SQLite's and the file system's errors become the user's errors.

user_error(exc, path) -> BaseException    a typed, translated WaAuditError naming the
    workspace file (or exc itself when it is not something a user can fix)
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
        return exc
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
        return errors.DiskFull(name)
    return exc
