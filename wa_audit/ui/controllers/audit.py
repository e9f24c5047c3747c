"""The audit: the stored run at once, a re-audit in the background when needed, stop, notes."""

from __future__ import annotations

from datetime import datetime

from wa_audit.i18n import _, format_moment
from wa_audit.ui import dialogs, tasks
from wa_audit.ui.background import Job, op


def _when(started_at: str | None) -> str:
    try:
        return format_moment(datetime.fromisoformat(started_at or ""))  # 4-digit year
    except ValueError:
        return started_at or ""


class AuditController:
    def __init__(self, window) -> None:
        self.w = window
        self.runner = window.runner
        self.again = False  # run once more when the current audit is done
        self.results_after = False  # an import started it: show the results when it is done

    def show_stored(self, outcome: tasks.AuditOutcome) -> None:
        """A stored run on screen; audited again (in the background) when it is out of date."""
        w = self.w  # the window was rebuilt with it: the pages show it already
        w.output.load_lists()
        if outcome.stale:
            self.run(_("Results from {date}, updating…").format(date=_when(outcome.stored_at)))
        else:
            w.set_busy(False, _("Results from {date}.").format(date=_when(outcome.stored_at)))
            w.audit_finished.emit(outcome)

    def run(self, text: str | None = None, results_after: bool = False) -> Job | None:
        w = self.w
        if w.workspace is None:
            return None
        self.results_after = self.results_after or results_after
        if w.audit_job is not None:
            self.again = True
            return w.audit_job
        self.again = False
        job = op(self, tasks.audit_workspace, w.workspace.path).with_task()
        # a stopped audit, or one of a workspace closed meanwhile, must not show its result
        job.guard(lambda: w.audit_job is job.job)
        job.workspace(w.workspace.path).progress(self._progress).success(self._done)
        w.audit_job = job.failure(self._failed).job
        self.busy_text = text or _("Checking your chats…")
        if w.outcome is None:  # nothing to show yet: say it is coming, not "import"
            w.dashboard_page.show_loading(self.busy_text)
            w.guidance_page.show_guidance(None, loading=True)
            w.lists_page.show_lists(None, loading=True)
        w.import_page.set_auditing(True)
        w.set_busy(True, self.busy_text)
        return job.run(write=True)

    def _progress(self, progress) -> None:
        w = self.w
        w.import_page.set_audit_progress(progress)
        if progress.total:
            w.status_progress.setRange(0, progress.total)
            w.status_progress.setValue(progress.done)
            w.status_label.setText(
                _("{doing} {done} of {total} checks").format(
                    doing=self.busy_text, done=progress.done, total=progress.total
                )
            )

    def cancel(self) -> None:
        """Stop the audit now; the results on screen stay as they were (nothing is stored)."""
        w = self.w
        job, w.audit_job = w.audit_job, None
        if job is None:
            return
        job.cancel()
        self.again = False
        self.results_after = False
        w.import_page.set_auditing(False)
        w.set_busy(False, _("Audit stopped. The results shown are from the last audit."))
        if w.outcome is None:
            w.render_report()
        w.audit_finished.emit(None)

    def _done(self, outcome: tasks.AuditOutcome) -> None:
        w = self.w
        w.audit_job = None
        w.outcome = outcome
        w.import_page.set_auditing(False)
        w.set_busy(False, _("Audit finished."))
        w.render_report()
        if self.results_after and w.current_page() == "import":
            w.go("dashboard")  # after an import: straight to the results
        self.results_after = False
        w.sync_nav()
        w.audit_finished.emit(outcome)
        w.output.load_lists()
        if self.again:
            self.run()

    def _failed(self, exc) -> None:
        w = self.w
        w.audit_job = None
        self.results_after = False
        w.import_page.set_auditing(False)
        w.set_busy(False)
        w.render_report()
        w.job_failed(exc)

    def save_settings(self, sensitivity: str, start: int, end: int) -> Job | None:
        w = self.w
        if w.workspace is None:
            return None
        job = op(self, tasks.save_audit_settings, w.workspace.path, sensitivity, start, end)
        job = job.workspace(w.workspace.path).run(write=True)
        self.run()  # queued behind the settings on the one write thread
        return job

    def mark_explained(self, rule: str) -> Job | None:
        w = self.w
        if w.workspace is None or not rule:
            return None
        reason = dialogs.ask_text(
            w,
            _("Mark as explained"),
            _("Why is this finding fine for this business? (kept in the audit trail)"),
        )
        if not reason:
            return None
        return self._note(rule, reason)

    def reopen(self, rule: str) -> Job | None:
        if self.w.workspace is None or not rule:
            return None
        return self._note(rule, None)

    def _note(self, rule: str, reason: str | None) -> Job:
        w = self.w
        job = op(self, tasks.add_note, w.workspace.path, rule, reason).workspace(w.workspace.path)
        job = job.run(write=True)
        self.run()
        return job
