"""Re-reading files whose day/month order the user chose on the import page.

When the dates of a file leave the order open, the importer guesses and says so (warning
`date_order_guessed`); the import page asks how the phone writes dates. The files read the
other way are then read again from disk with `reimport_with_date_order`, which replaces their
chats' messages in one transaction (nothing changes when a file cannot be read again: moved,
changed or damaged). The progress, the summary and the audit that follows are the import's own
(ui/controllers/imports.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from wa_audit.importer.store_import import ImportSummary
from wa_audit.ui.background import Job, op


@dataclass
class RereadSummary(ImportSummary):
    """An import summary of files read again: they are in the workspace, so the audit that
    follows an import runs after it too (ImportSummary.ok counts new imports only)."""

    @property
    def ok(self) -> bool:
        return any(f.status == "redated" and f.error is None for f in self.files)


def reread_files(paths: list[str], db_path: str, order: str, previous: list | None = None):
    """Job body: read these files again in `order` ("dmy"/"mdy"); a generator like the import,
    returning the import's summary (`previous`: its file reports) with these files in their
    new state (status "redated")."""
    from wa_audit.importer.reorder import reimport_with_date_order
    from wa_audit.importer.store_import import owner_candidates
    from wa_audit.store.db import OWNER, get_setting, open_db
    from wa_audit.ui.import_report import merge_reread

    db = open_db(db_path)
    try:
        reports = yield from reimport_with_date_order(db, list(paths), order)
        files = merge_reread(previous or [], reports)
        return RereadSummary(files, get_setting(db, OWNER), owner_candidates(db))
    finally:
        db.close()


def reread_dates(window, order: str, paths: list[str]) -> Job | None:
    """Start the re-read in the background, shown exactly like an import (the import
    controller's progress, summary and the audit that follows)."""
    if window.import_job is not None or window.workspace is None or not paths:
        return None
    imports, ws = window.imports, window.workspace
    imports.typed_owner = ""
    window.import_page.expect(paths)
    window.import_page.set_running(True)
    previous = list(window.import_page.last_files)
    window.import_job = (
        op(imports, reread_files, list(paths), ws.path, order, previous)
        .workspace(ws.path)
        .progress(imports._progress)
        .success(imports._done)
        .cancelled(imports._cancelled)
        .failure(imports._failed)
        .run(write=True)
    )
    return window.import_job
