"""Puts the Portfolio and questionnaire pages into the main window and drives them.

`install(window)` is called by MainWindow._build (every rebuild: language or theme switch); the
controller it keeps on the window survives rebuilds, so a running "Re-audit all" goes on.
Work off the GUI thread goes through the window's JobRunner.
"""

from __future__ import annotations

import contextlib
import json
import threading
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QHBoxLayout

from wa_audit.i18n import N_, _, ngettext
from wa_audit.ui import settings
from wa_audit.ui.background import Job
from wa_audit.ui.pages.portfolio_page import PortfolioPage
from wa_audit.ui.pages.questionnaire_page import QuestionnairePage
from wa_audit.ui.widgets import ClickCard, label

# extra folders whose *.wa-audit.db files the Portfolio lists (e.g. `wa-audit batch --out`)
FOLDERS = settings.Option("portfolio/folders", str, "[]", N_("Portfolio folders"))


def extra_folders() -> list[str]:
    try:
        items = json.loads(settings.get(FOLDERS))
    except (TypeError, ValueError):
        return []
    return [str(i) for i in items if isinstance(i, str)]


def install(window) -> PortfolioController:
    ctl = getattr(window, "portfolio_ctl", None)
    if ctl is None:
        ctl = PortfolioController(window)
        window.portfolio_ctl = ctl
    ctl.attach()
    return ctl


def workspace_paths(window) -> list[tuple[str, str | None]]:
    """(path, name) of every workspace we know: the recent list and the workspaces folder."""
    seen: set[str] = set()
    out: list[tuple[str, str | None]] = []
    candidates = [(i["path"], i.get("name")) for i in settings.recent_workspaces()]
    for folder in [window.workspaces.folder(), *map(Path, extra_folders())]:
        if folder.is_dir():
            candidates += [(str(p), None) for p in sorted(folder.glob("*.wa-audit.db"))]
    for path, name in candidates:
        key = str(Path(path).resolve())
        if key in seen or not Path(path).exists():
            continue
        seen.add(key)
        out.append((path, name))
    return out


def load_summaries(entries: list[tuple[str, str | None]]):
    from wa_audit.portfolio.summary import summarize_path

    return [summarize_path(path, name) for path, name in entries]


def reaudit_all(paths: list[str], stop: threading.Event):
    """Generator for a Job: audits each workspace in turn; yields (done, total, name)."""
    from wa_audit.audit import run_audit
    from wa_audit.errors import Cancelled
    from wa_audit.portfolio.summary import workspace_name

    failed: list[str] = []

    def check(*_args) -> None:
        if stop.is_set():
            raise Cancelled()

    for i, path in enumerate(paths):
        name = workspace_name(Path(path))
        yield (i, len(paths), name)
        check()
        try:
            run_audit(path, progress=check)
        except Cancelled:
            raise
        except Exception:  # one workspace never stops the others
            failed.append(name)
    return failed


class PortfolioController(QObject):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.w = window
        self.job: Job | None = None
        self.stop = threading.Event()
        window.audit_finished.connect(lambda _o: self.refresh_banner())
        window.workspace_opened.connect(lambda _i: self.refresh_banner())

    # -- pages -------------------------------------------------------------------------------
    def attach(self) -> None:
        w = self.w
        self.portfolio = PortfolioPage()
        self.questionnaire = QuestionnairePage()
        w.pages["portfolio"] = self.portfolio
        w.pages["questionnaire"] = self.questionnaire
        w.stack.addWidget(self.questionnaire)  # not in the sidebar: reached from Results
        w.stack.currentChanged.connect(self._page_shown)
        p = self.portfolio
        p.open_requested.connect(w.open_workspace)
        p.reaudit_requested.connect(self.reaudit)
        p.cancel_requested.connect(self.cancel)
        p.refresh_requested.connect(self.refresh_list)
        p.add_folder_requested.connect(self.add_folder)
        q = self.questionnaire
        q.answers_saved.connect(self.save_answers)
        q.back_requested.connect(lambda: w.go("dashboard"))
        self.banner = ClickCard()
        self.banner_head = label("", "sectionTitle")
        self.banner_text = label("")
        self.banner.box.addWidget(self.banner_head)
        row = QHBoxLayout()
        row.addWidget(self.banner_text, 1)
        self.banner.box.addLayout(row)
        self.banner.clicked.connect(lambda: w.go("questionnaire"))
        w.dashboard_page.content.insertWidget(2, self.banner)  # under the page's title
        self.refresh_banner()
        if self.job is not None:
            self.portfolio.set_running(True)

    def _page_shown(self, _index: int) -> None:
        current = self.w.stack.currentWidget()
        if current is self.portfolio:
            self.refresh_list()
        elif current is self.questionnaire:
            self.load_questionnaire()

    # -- questionnaire -----------------------------------------------------------------------
    def _assessment(self):
        from wa_audit.audit.assess import load_run_assessment

        outcome = self.w.outcome
        if self.w.read_db is None or outcome is None:
            return None
        return load_run_assessment(self.w.read_db, outcome.report.run_id)

    def _answers(self) -> dict[str, str]:
        from wa_audit.audit.assess import current_answers

        if self.w.read_db is None:
            return {}
        return {k: v for k, (v, _when) in current_answers(self.w.read_db).items()}

    def load_questionnaire(self) -> None:
        self.questionnaire.set_state(
            self._answers(), self._assessment(), enabled=self.w.read_db is not None
        )

    def save_answers(self, answers: dict) -> None:
        from wa_audit.audit.assess import save_answers

        if self.w.read_db is None:
            return
        save_answers(self.w.read_db, answers)  # a few rows: fine on the GUI thread
        self.w.run_audit()
        self.w.go("dashboard")

    def refresh_banner(self) -> None:
        from wa_audit.audit.assess import change_text, headline, questions

        if not hasattr(self, "banner"):
            return
        try:
            self.banner.objectName()
        except RuntimeError:  # the page was rebuilt; the new banner comes with attach()
            return
        if self.w.read_db is None or self.w.outcome is None:
            self.banner.hide()
            return
        answers = self._answers()
        assessment = self._assessment()
        open_n = len([q for q in questions() if q.id not in answers])
        first = headline(assessment)
        changed = len([c for c in assessment.changes if c.kind != "overall"]) if assessment else 0
        if first:
            self.banner_head.setText(first)
        elif open_n:
            self.banner_head.setText(
                ngettext(
                    "{n} question would make this audit more reliable",
                    "{n} questions would make this audit more reliable",
                    open_n,
                ).format(n=open_n)
            )
        else:
            self.banner_head.setText(_("Your answers to the self-assessment"))
        lines = []
        if changed:
            lines.append(
                ngettext(
                    "Your answers changed {n} light:", "Your answers changed {n} lights:", changed
                ).format(n=changed)
            )
            lines += ["• " + change_text(c) for c in assessment.changes if c.kind != "overall"][:4]
        lines.append(
            (
                _("Answer the questions (they take two minutes)")
                if open_n
                else _("See or change your answers")
            )
            + " →"
        )
        self.banner_text.setText("\n".join(lines))
        self.banner.show()

    # -- portfolio ---------------------------------------------------------------------------
    def refresh_list(self) -> Job:
        job = Job(load_summaries, workspace_paths(self.w))
        job.signals.result.connect(self._rows_ready)
        job.signals.failed.connect(self.w.job_failed)
        return self.w.runner.start(job)

    def pick_folder(self) -> str | None:
        from PySide6.QtWidgets import QFileDialog

        return (
            QFileDialog.getExistingDirectory(self.w, _("Choose a folder with workspaces")) or None
        )

    def add_folder(self) -> None:
        folder = self.pick_folder()
        if not folder:
            return
        folders = extra_folders()
        if folder not in folders:
            settings.put(FOLDERS, json.dumps([*folders, folder]))
        self.refresh_list()

    def _rows_ready(self, summaries) -> None:
        # the page may have been rebuilt meanwhile; the new one asks again when shown
        with contextlib.suppress(RuntimeError):
            self.portfolio.set_rows(summaries)

    def reaudit(self) -> Job | None:
        if self.job is not None:
            return self.job
        paths = [p for p, _n in workspace_paths(self.w)]
        if not paths:
            return None
        self.stop.clear()
        job = Job(reaudit_all, paths, self.stop)
        job.signals.progress.connect(lambda p: self.portfolio.set_progress(*p))
        job.signals.result.connect(self._reaudit_done)
        job.signals.cancelled.connect(self._reaudit_cancelled)
        job.signals.failed.connect(self._reaudit_failed)
        self.job = job
        self.portfolio.set_running(True)
        return self.w.runner.start(job, write=True)

    def cancel(self) -> None:
        if self.job is not None:
            self.stop.set()
            self.job.cancel()

    def _finish(self, text: str) -> None:
        self.job = None
        self.portfolio.set_running(False)
        self.portfolio.set_status(text)
        self.refresh_list()

    def _reaudit_done(self, failed: list[str]) -> None:
        if failed:
            self._finish(
                _(
                    "Done. These workspaces could not be audited; open them to see why: {names}"
                ).format(names=", ".join(failed))
            )
        else:
            self._finish(_("Done: every workspace was audited again."))

    def _reaudit_cancelled(self) -> None:
        self._finish(_("Stopped. The workspaces audited so far keep their new results."))

    def _reaudit_failed(self, exc) -> None:
        self._finish("")
        self.w.job_failed(exc)
