"""The evidence page: every message of a finding (paged), the chat around one, search, CSV."""

from __future__ import annotations

import re
from pathlib import Path

from wa_audit.i18n import _
from wa_audit.ui import dialogs, presenter, safe_save, tasks
from wa_audit.ui.background import Job, op


class EvidenceController:
    def __init__(self, window) -> None:
        self.w = window
        self.runner = window.runner
        self.search_job: Job | None = None
        self.sort_job: Job | None = None

    def loader(self):
        """Reads rows of the open workspace for the paged table (small reads by id)."""
        from wa_audit.store.messages import rows_by_ids

        db = self.w.read_db
        return lambda ids: rows_by_ids(db, ids)

    def card(self, rule: str) -> presenter.Card | None:
        outcome = self.w.outcome
        if not outcome:
            return None
        f = outcome.report.finding(rule)
        if not f:
            return None
        return presenter.card_for(f, outcome.changes.get(rule), outcome.notes.get(rule))

    def show_card(self, rule: str, switch: bool = True) -> None:
        w = self.w
        card = self.card(rule)
        if card is None or w.read_db is None:
            return
        w.current_rule = rule
        self._stop_search()
        w.evidence_page.show_finding(card, card.evidence, self.loader())
        if switch:
            w.go("evidence")

    def show_context(self, row) -> None:
        from wa_audit.store.messages import context_rows

        if self.w.read_db is not None and row is not None:
            self.w.evidence_page.show_context(row, context_rows(self.w.read_db, row))

    def _stop_search(self) -> None:
        if self.search_job is not None:
            self.search_job.cancel()
            self.search_job = None

    def search(self, text: str) -> Job | None:
        """A newer search (the user typed on) stops the running one."""
        w = self.w
        if w.workspace is None:
            return None
        self._stop_search()
        w.evidence_page.show_searching(text)
        w.go("evidence")
        job = op(self, tasks.search_messages, w.workspace.path, text).with_task()
        job.guard(lambda: self.search_job is job.job).workspace(w.workspace.path)
        self.search_job = job.success(self._found).job
        return job.run()

    def _found(self, result) -> None:
        self.search_job = None
        self.w.evidence_page.show_search(result.text, result.total, result.ids, self.loader())
        self.w.search_done.emit(result)

    def sort(self, column: int, descending: bool) -> Job | None:
        """All rows of the table in a new order (not only the loaded page)."""
        w = self.w
        model = w.evidence_page.model
        ids = model.ids()
        if w.workspace is None or not ids:
            return None
        if self.sort_job is not None:
            self.sort_job.cancel()
        job = op(self, tasks.order_messages, w.workspace.path, ids, column, descending)
        job.guard(lambda: self.sort_job is job.job and model.ids() == ids)
        self.sort_job = job.success(lambda new: self._sorted(new)).job
        return job.run()

    def _sorted(self, ids: list[int]) -> None:
        self.sort_job = None
        self.w.evidence_page.show_sorted(ids, self.loader())
        self.w.sorted_done.emit(len(ids))

    def save_csv(self) -> Job | None:
        w = self.w
        ids = w.evidence_page.model.ids()
        if w.workspace is None or not ids:
            return None
        stem = re.sub(r"[^\w\-]+", "-", w.workspace.name).strip("-") or "wa-audit"
        what = w.current_rule if w.evidence_page.rule else _("search")
        path = dialogs.save_list(w, str(Path.home() / f"{stem}-{_('evidence')}-{what}.csv"))
        if not path or not safe_save.accept(w, path, w.read_db):
            return None
        w.set_busy(True, _("Saving the messages…"))
        return (
            op(self, tasks.save_evidence, w.workspace.path, ids, path)
            .with_task()
            .workspace(w.workspace.path)
            .success(lambda n: self._saved(path, n))
            .run()
        )

    def _saved(self, path: str, n: int) -> None:
        self.w.set_busy(False, _("Saved {file} ({n} rows).").format(file=Path(path).name, n=n))
        self.w.list_saved.emit(path)
