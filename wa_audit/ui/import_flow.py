"""Re-reading files whose day/month order the user chose on the import page.

The importer reads a file day first when no day is above 12 (warning `date_order_guessed`).
When the user says their phone writes the month first, those files are imported again with
`import_paths(paths, db_path, owner, date_order="mdy")`, which replaces what the first reading
stored for them. The progress, the summary and the audit that follows are the import's own.
"""

from __future__ import annotations

import inspect

from wa_audit.ui.background import Job, op


def supports_date_order() -> bool:
    """True when the importer can be told the day/month order of a file."""
    from wa_audit.importer.store_import import import_paths

    return "date_order" in inspect.signature(import_paths).parameters


def reread_files(paths: list[str], db_path: str, owner: str | None, order: str):
    """Job body: import these files again in the chosen order (a generator, like the import)."""
    from wa_audit.importer.store_import import import_paths

    return (yield from import_paths(list(paths), db_path, owner=owner, date_order=order))


def reread_dates(window, order: str, paths: list[str]) -> Job | None:
    """Start the re-read on the window's runner, shown exactly like an import (the import
    controller's progress, summary and the audit that follows)."""
    if window.import_job is not None or window.workspace is None or not paths:
        return None
    imports, ws = window.imports, window.workspace
    imports.typed_owner = ""
    window.import_page.expect(paths)
    window.import_page.set_running(True)
    owner = ws.owner if ws.owner_confirmed else None
    window.import_job = (
        op(imports, reread_files, list(paths), ws.path, owner, order)
        .workspace(ws.path)
        .progress(imports._progress)
        .success(imports._done)
        .cancelled(imports._cancelled)
        .failure(imports._failed)
        .run(write=True)
    )
    return window.import_job
