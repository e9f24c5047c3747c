"""Importing chat exports and confirming the business name."""

from __future__ import annotations

import gc
from pathlib import Path

from wa_audit.store.db import OWNER
from wa_audit.ui import dialogs, settings, tasks
from wa_audit.ui.background import Job, op


class ImportController:
    def __init__(self, window) -> None:
        self.w = window
        self.runner = window.runner
        self.typed_owner = ""  # the business name typed at the top of the import page

    def pick_files(self) -> None:
        files = dialogs.pick_files(self.w, settings.get(settings.LAST_FOLDER))
        if files:
            settings.put(settings.LAST_FOLDER, str(Path(files[0]).parent))
            self.start(files)

    def pick_folder(self) -> None:
        folder = dialogs.pick_folder(self.w, settings.get(settings.LAST_FOLDER))
        if folder:
            settings.put(settings.LAST_FOLDER, folder)
            self.start([folder])

    def start(self, paths: list[str]) -> Job | None:
        w = self.w
        if w.import_job is not None:
            return None
        ws = w.workspaces.ensure()
        # The import allocates millions of short-lived objects; a full garbage collection it
        # triggers would also walk every long-lived UI object while holding the GIL and stall
        # the window. Freezing what exists now keeps those collections short.
        gc.freeze()
        w.go("import")
        self.typed_owner = "" if ws.owner_confirmed else w.import_page.typed_owner()
        w.import_page.expect(paths)
        w.import_page.set_running(True)
        owner = ws.owner if ws.owner_confirmed else (self.typed_owner or None)
        w.import_job = (
            op(self, tasks.import_files, list(paths), ws.path, owner)
            .workspace(ws.path)
            .progress(self._progress)
            .success(self._done)
            .cancelled(self._cancelled)
            .failure(self._failed)
            .run(write=True)
        )
        return w.import_job

    def cancel(self) -> None:
        if self.w.import_job is not None:
            self.w.import_job.cancel()

    def _progress(self, progress) -> None:
        self.w.import_page.set_progress(progress)  # names the stage, the file and "x of N"

    def _finished(self) -> None:
        self.w.import_job = None
        self.w.import_page.set_running(False)

    def _done(self, summary) -> None:
        w = self.w
        self._finished()
        w.workspaces.reload_info()
        ws, typed = w.workspace, self.typed_owner
        owner_known = ws.owner if ws.owner_confirmed else (typed if summary.ok else None)
        w.import_page.show_summary(summary, owner_known)
        w.import_finished.emit(summary)
        if typed and not ws.owner_confirmed and summary.ok:
            self.confirm_owner(typed)  # asked before the import: straight on to the results
        elif owner_known and summary.ok:
            w.audit.run(results_after=True)

    def _cancelled(self) -> None:
        self._finished()
        self.w.workspaces.reload_info()
        self.w.import_page.show_cancelled()
        self.w.import_finished.emit(None)

    def _failed(self, exc) -> None:
        self._finished()
        self.w.job_failed(exc)

    def confirm_owner(self, name: str) -> Job | None:
        w = self.w
        if w.workspace is None:
            return None
        w.workspace.owner, w.workspace.owner_confirmed = name, True
        w.import_page.owner_card.hide()
        w.import_page.dashboard_button.show()
        values = {OWNER: name, tasks.OWNER_CONFIRMED: "1"}
        # the audit is a write job too: it starts after the owner is stored
        job = op(self, tasks.set_settings, w.workspace.path, values).workspace(w.workspace.path)
        job = job.run(write=True)
        w.audit.run(results_after=True)
        return job

    def reread_dates(self, order: str, paths: list[str]) -> Job | None:
        """Read these files again with the day/month order the user chose."""
        from wa_audit.ui import import_flow

        return import_flow.reread_dates(self.w, order, paths)
