"""The save dialogs' check of a chosen output file, before any work starts.

The file dialog has already asked before replacing an existing file (Qt's own confirmation),
so an existing target is accepted here; the workspace, its -wal/-shm files, an imported
export, a symbolic link or a folder that cannot be written are refused with the same
translated sentence the command line prints, in the app's error dialog.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from wa_audit.errors import WaAuditError
from wa_audit.outputs import check_target, workspace_files


def accept(parent: QWidget | None, path: str, db) -> bool:
    """True when `path` may be written; else the error dialog was shown and False returned."""
    try:
        check_target(path, protected=workspace_files(db) if db is not None else (), force=True)
    except WaAuditError as exc:
        from wa_audit.ui import dialogs

        dialogs.error(parent, exc.user_message())
        return False
    return True
