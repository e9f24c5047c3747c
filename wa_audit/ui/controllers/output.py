"""The lists (stop list, draft templates) and the report export (progress by page, stop)."""

from __future__ import annotations

import re
from pathlib import Path

from wa_audit.i18n import _
from wa_audit.ui import dialogs, safe_save, tasks
from wa_audit.ui.background import Job, op


class OutputController:
    def __init__(self, window) -> None:
        self.w = window
        self.runner = window.runner

    def load_lists(self) -> Job | None:
        w = self.w
        if w.workspace is None:
            return None
        path = w.workspace.path
        w.lists_page.show_lists(None, loading=True)
        return (
            op(self, tasks.load_lists, path)
            .with_task()
            .workspace(path)
            .guard(lambda: w.workspace is not None and w.workspace.path == path)
            .success(self._lists_ready)
            .run()
        )

    def _lists_ready(self, lists: tasks.Lists) -> None:
        self.w.lists = lists
        self.w.lists_page.show_lists(lists)
        self.w.lists_loaded.emit(lists)

    def _stem(self) -> str:
        return re.sub(r"[^\w\-]+", "-", self.w.workspace.name).strip("-") or "wa-audit"

    def save_list(self, kind: str) -> Job | None:
        w = self.w
        if w.workspace is None:
            return None
        name = _("stop-list") if kind == "optouts" else _("draft-templates")
        path = dialogs.save_list(
            w, str(Path.home() / f"{self._stem()}-{name}.csv"), json_too=kind == "templates"
        )
        if not path or not safe_save.accept(w, path, w.read_db):
            return None

        def saved(n: int) -> None:
            w.status_label.setText(_("Saved {file} ({n} rows).").format(file=Path(path).name, n=n))
            w.list_saved.emit(path)

        return op(self, tasks.save_list, w.workspace.path, kind, path).success(saved).run()

    def export_report(self) -> Job | None:
        w = self.w
        if w.outcome is None or w.workspace is None or w.export_job is not None:
            return None
        name = _("report")  # outside the f-string, so that babel extracts it
        suggested = str(Path.home() / f"{self._stem()}-{name}.pdf")
        path = dialogs.save_report(w, suggested)
        if not path or not safe_save.accept(w, path, w.read_db):
            return None
        job = op(self, tasks.export_report, w.workspace.path, path, w.outcome.report)
        job.with_task().workspace(w.workspace.path).guard(lambda: w.export_job is job.job)
        job.progress(self._progress).success(self._saved).cancelled(self._stopped)
        w.export_job = job.failure(self._failed).job
        w.set_busy(True, _("Writing the report…"))
        return job.run()

    def _progress(self, progress) -> None:
        w = self.w
        w.status_progress.setRange(0, progress.total)
        w.status_progress.setValue(progress.done)
        w.status_label.setText(
            _("Writing the report… page {page} of {pages}").format(
                page=progress.done, pages=progress.total
            )
        )

    def cancel_export(self) -> None:
        job = self.w.export_job
        if job is not None:
            job.cancel()  # the job ends with "cancelled" after the current page

    def _stopped(self) -> None:
        w = self.w
        w.export_job = None
        w.set_busy(False, _("Report not saved: stopped."))
        w.export_stopped.emit()

    def _failed(self, exc) -> None:
        self.w.export_job = None
        self.w.job_failed(exc)

    def _saved(self, path: str) -> None:
        w = self.w
        w.export_job = None
        w.set_busy(False, _("Report saved: {file}").format(file=Path(path).name))
        w.report_saved.emit(path)
        dialogs.saved(w, path, _("The report was saved as {file}.").format(file=path))
