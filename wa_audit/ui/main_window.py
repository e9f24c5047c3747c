"""The main window: sidebar navigation, the pages, and the controller that wires them.

Pages only show and emit signals; this class asks the core (in workers) and feeds the pages.
A language or theme switch rebuilds the pages from the kept state: the audit is not re-run.
"""

from __future__ import annotations

import gc
import logging
import re
from pathlib import Path

from PySide6.QtCore import QByteArray, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from wa_audit import __version__
from wa_audit.errors import WaAuditError
from wa_audit.i18n import N_, _
from wa_audit.ui import dialogs, jobs, presenter, safe_save, settings
from wa_audit.ui.models import context_rows, evidence_rows, search_rows
from wa_audit.ui.pages import portfolio_wiring
from wa_audit.ui.pages.dashboard_page import DashboardPage
from wa_audit.ui.pages.evidence_page import EvidencePage
from wa_audit.ui.pages.guidance_page import GuidancePage
from wa_audit.ui.pages.import_page import ImportPage
from wa_audit.ui.pages.lists_page import ListsPage
from wa_audit.ui.pages.settings_page import SettingsPage
from wa_audit.ui.pages.start_page import StartPage
from wa_audit.ui.theme import app_icon, colors, svg_icon, svg_pixmap
from wa_audit.ui.workers import Job, JobRunner

log = logging.getLogger(__name__)

PAGES = (
    ("start", N_("Workspaces"), "nav_start"),
    ("import", N_("Import"), "nav_import"),
    ("dashboard", N_("Results"), "nav_dashboard"),
    ("evidence", N_("Evidence"), "nav_evidence"),
    ("guidance", N_("What to do"), "nav_guidance"),
    ("lists", N_("Lists"), "nav_lists"),
    ("settings", N_("Settings"), "nav_settings"),
    ("portfolio", N_("Portfolio"), "nav_portfolio"),  # issue 14 (ui/pages/portfolio_wiring.py)
)


class MainWindow(QMainWindow):
    workspace_opened = Signal(object)  # WorkspaceInfo
    import_finished = Signal(object)  # ImportSummary | None (cancelled)
    audit_finished = Signal(object)  # AuditOutcome, or None when stopped
    busy_changed = Signal(bool)
    report_saved = Signal(str)
    lists_loaded = Signal(object)
    list_saved = Signal(str)

    def __init__(self, language_setting: str = "system", parent=None) -> None:
        super().__init__(parent)
        self.setWindowIcon(app_icon())
        self.runner = JobRunner(self)
        self.language_setting = language_setting
        self.workspace: jobs.WorkspaceInfo | None = None
        self.read_db = None
        self.outcome: jobs.AuditOutcome | None = None
        self.current_rule: str | None = None
        self.import_job: Job | None = None
        self.audit_job: Job | None = None
        self.lists: jobs.Lists | None = None
        self._build()
        self._restore_geometry()
        self.go("start")

    # -- building ----------------------------------------------------------------------------
    def _build(self) -> None:
        """(Re)create every widget in the current language and theme from the kept state."""
        old = self.centralWidget()
        index = self.stack.currentIndex() if old is not None else 0
        root = QWidget()
        row = QHBoxLayout(root)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self._sidebar())
        self.stack = QStackedWidget()
        row.addWidget(self.stack, 1)

        self.start_page = StartPage()
        self.import_page = ImportPage()
        self.dashboard_page = DashboardPage()
        self.evidence_page = EvidencePage()
        self.guidance_page = GuidancePage()
        self.lists_page = ListsPage()
        sens, night = ("standard", (22, 7))
        if self.read_db is not None:
            sens, night = jobs.read_audit_settings(self.read_db)
        self.settings_page = SettingsPage(
            self.language_setting,
            settings.get(settings.THEME),
            sens,
            night,
            self.workspace is not None,
        )
        self.pages = {
            "start": self.start_page,
            "import": self.import_page,
            "dashboard": self.dashboard_page,
            "evidence": self.evidence_page,
            "guidance": self.guidance_page,
            "lists": self.lists_page,
            "settings": self.settings_page,
        }
        portfolio_wiring.install(self)  # adds "portfolio" and "questionnaire" (issue 14)
        for key, _t, _i in PAGES:
            self.stack.addWidget(self.pages[key])
        self._wire()
        self.setCentralWidget(root)
        if old is not None:
            old.deleteLater()
        self._build_status()
        self._refill()
        self.stack.setCurrentIndex(index)
        self._sync_nav()
        self.setWindowTitle(self._title())

    def _sidebar(self) -> QFrame:
        side = QFrame()
        side.setObjectName("sidebar")
        box = QVBoxLayout(side)
        em = self.fontMetrics().height()
        box.setContentsMargins(int(em * 0.8), int(em * 1.2), int(em * 0.8), int(em * 0.8))
        box.setSpacing(int(em * 0.25))
        brand = QHBoxLayout()
        logo = QLabel()
        side_px = int(em * 1.8)
        logo.setPixmap(svg_pixmap("app", QSize(side_px, side_px), self.devicePixelRatioF()))
        brand.addWidget(logo)
        name = QLabel("wa-audit")
        name.setObjectName("brand")
        brand.addWidget(name, 1)
        box.addLayout(brand)
        self.workspace_label = QLabel()
        self.workspace_label.setObjectName("workspaceName")
        self.workspace_label.setWordWrap(True)
        box.addWidget(self.workspace_label)
        box.addSpacing(int(em * 0.8))
        self.nav_group = QButtonGroup(side)
        self.nav_group.setExclusive(True)
        self.nav: dict[str, QToolButton] = {}
        icon_color = colors().sidebar_text
        for i, (key, title, icon) in enumerate(PAGES):
            b = QToolButton()
            b.setObjectName("nav")
            b.setText(_(title))
            b.setIcon(svg_icon(icon, icon_color))
            b.setIconSize(QSize(int(em * 1.2), int(em * 1.2)))
            b.setToolButtonStyle(Qt.ToolButtonTextBesideIcon)
            b.setCheckable(True)
            b.setAutoRaise(True)
            b.setFocusPolicy(Qt.StrongFocus)
            b.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Preferred)
            b.setToolTip(_("{page} (Ctrl+{n})").format(page=_(title), n=i + 1))
            b.clicked.connect(lambda _c=False, k=key: self.go(k))
            self.nav_group.addButton(b)
            self.nav[key] = b
            box.addWidget(b)
        box.addStretch(1)
        version = QLabel(_("Version {version} · works offline").format(version=__version__))
        version.setObjectName("workspaceName")
        version.setWordWrap(True)
        box.addWidget(version)
        # wide enough for the longest label in bold (the selected page), e.g. German
        # (the style sheet sets the nav buttons to 10.5 pt, weight 600 when selected)
        bold = QFont(self.font())
        bold.setPointSizeF(10.5)
        bold.setWeight(QFont.Weight.DemiBold)
        widest = max(QFontMetrics(bold).horizontalAdvance(b.text()) for b in self.nav.values())
        side.setMinimumWidth(max(int(em * 11), widest + int(em * 5)))
        return side

    def _build_status(self) -> None:
        bar = self.statusBar()
        for w in getattr(self, "_status_widgets", []):
            bar.removeWidget(w)
            w.deleteLater()
        self.status_label = QLabel()
        self.status_progress = QProgressBar()
        self.status_progress.setMaximumWidth(self.fontMetrics().height() * 12)
        self.status_progress.hide()
        self.status_cancel = QPushButton(_("Stop"))
        self.status_cancel.setToolTip(_("Stop the audit; the last results stay on screen."))
        self.status_cancel.clicked.connect(self.cancel_audit)
        self.status_cancel.hide()
        bar.addWidget(self.status_label, 1)
        bar.addPermanentWidget(self.status_progress)
        bar.addPermanentWidget(self.status_cancel)
        self._status_widgets = [self.status_label, self.status_progress, self.status_cancel]
        self._set_busy(
            self.audit_job is not None, _("Checking your chats…") if self.audit_job else ""
        )

    def _wire(self) -> None:
        s = self.start_page
        s.create_requested.connect(self.create_workspace)
        s.open_requested.connect(self.open_workspace)
        s.browse_requested.connect(self.browse_workspace)
        s.rename_requested.connect(self.rename_workspace)
        s.demo_requested.connect(self.open_demo)
        i = self.import_page
        i.files_chosen.connect(self.start_import)
        i.pick_files_requested.connect(self._pick_files)
        i.pick_folder_requested.connect(self._pick_folder)
        i.cancel_requested.connect(self.cancel_import)
        i.owner_confirmed.connect(self.confirm_owner)
        i.dashboard_requested.connect(lambda: self.go("dashboard"))
        i.date_order_chosen.connect(self.reread_dates)
        d = self.dashboard_page
        d.card_clicked.connect(self.show_card)
        d.export_requested.connect(self.export_report)
        d.rerun_requested.connect(self.run_audit)
        d.import_requested.connect(lambda: self.go("import"))
        d.guidance_requested.connect(lambda: self.go("guidance"))
        e = self.evidence_page
        e.finding_chosen.connect(self.show_card)
        e.context_requested.connect(self.show_context)
        e.search_requested.connect(self.search)
        e.explain_requested.connect(self.mark_explained)
        e.reopen_requested.connect(self.reopen_finding)
        li = self.lists_page
        li.save_optouts_requested.connect(lambda: self.save_list("optouts"))
        li.save_templates_requested.connect(lambda: self.save_list("templates"))
        st = self.settings_page
        st.language_changed.connect(self.set_language)
        st.theme_changed.connect(self.set_theme)
        st.audit_settings_changed.connect(self.save_audit_settings)
        for n, (key, _t, _i) in enumerate(PAGES, start=1):
            if not hasattr(self, "_shortcuts"):
                self._shortcuts = []
            if len(self._shortcuts) < len(PAGES):
                sc = QShortcut(QKeySequence(f"Ctrl+{n}"), self)
                sc.activated.connect(lambda k=key: self.go(k))
                self._shortcuts.append(sc)

    def _refill(self) -> None:
        """Give the fresh pages the current state (no core work besides small reads)."""
        self.start_page.set_recent(
            settings.recent_workspaces(), self.workspace.path if self.workspace else None
        )
        self.workspace_label.setText(
            self.workspace.name if self.workspace else _("No workspace open")
        )
        self.render_report()
        self.lists_page.show_lists(self.lists)
        if self.import_job is not None:  # rebuilt (language/theme) while importing
            self.import_page.set_running(True)

    def _title(self) -> str:
        if self.workspace:
            return _("{workspace} – wa-audit").format(workspace=self.workspace.name)
        return "wa-audit"

    # -- navigation --------------------------------------------------------------------------
    def go(self, key: str) -> None:
        if key == "import" and self.import_job is None:
            ws = self.workspace
            self.import_page.ask_owner(ws.owner if ws and ws.owner_confirmed else None)
        self.stack.setCurrentWidget(self.pages[key])
        self._sync_nav()

    def current_page(self) -> str:
        w = self.stack.currentWidget()
        return next(k for k, p in self.pages.items() if p is w)

    def _sync_nav(self) -> None:
        has_ws = self.workspace is not None
        has_report = self.outcome is not None
        for key, b in self.nav.items():
            b.setChecked(self.pages[key] is self.stack.currentWidget())
            if key == "import":
                b.setEnabled(True)
            elif key in ("dashboard", "evidence", "guidance", "lists"):
                b.setEnabled(has_ws or has_report)

    def _set_busy(self, busy: bool, text: str = "") -> None:
        self.status_label.setText(text)
        self.status_progress.setVisible(busy)
        self.status_cancel.setVisible(busy and self.audit_job is not None)
        if busy:
            self.status_progress.setRange(0, 0)
        self.busy_changed.emit(busy)

    # -- workspaces --------------------------------------------------------------------------
    def open_workspace(self, path: str) -> Job | None:
        if self.import_job is not None:
            dialogs.error(
                self,
                _(
                    "An import is still running. Wait until it is finished, or cancel it, "
                    "before you open another workspace."
                ),
            )
            return None
        self.cancel_audit()  # its result would belong to the workspace being closed
        if not Path(path).exists():
            dialogs.error(
                self,
                _("The workspace {file} was not found. It may have been moved or deleted.").format(
                    file=Path(path).name
                ),
            )
            settings.forget_workspace(path)
            self.start_page.set_recent(settings.recent_workspaces())
            return None
        self._set_busy(True, _("Opening the workspace…"))
        job = Job(jobs.open_workspace, path)
        job.signals.result.connect(self._workspace_ready)
        job.signals.failed.connect(self._job_failed)
        return self.runner.start(job)

    def _workspace_ready(self, info: jobs.WorkspaceInfo) -> None:
        from wa_audit.store.db import open_db

        if self.read_db is not None:
            self.read_db.close()
        self.workspace = info
        self.read_db = open_db(info.path)
        self.outcome = None
        self.lists = None
        settings.remember_workspace(info.path, info.name)
        self._set_busy(False)
        self._build()
        self.workspace_opened.emit(info)
        if info.messages:
            self.run_audit()
            self.go("dashboard")
        else:
            self.go("import")

    def workspaces_dir(self) -> Path:
        from wa_audit.store.db import user_data_dir

        return user_data_dir() / "workspaces"

    def new_workspace_path(self, name: str) -> Path:
        slug = re.sub(r"[^\w\-]+", "-", name, flags=re.UNICODE).strip("-").lower() or "workspace"
        folder = self.workspaces_dir()
        path = folder / f"{slug}.wa-audit.db"
        n = 2
        while path.exists():
            path = folder / f"{slug}-{n}.wa-audit.db"
            n += 1
        return path

    def create_workspace(self, name: str | None = None) -> Job | None:
        name = name or dialogs.ask_text(
            self, _("New workspace"), _("Name of the business (or client):")
        )
        if not name:
            return None
        from wa_audit.store.db import open_db, set_setting

        path = self.new_workspace_path(name)
        try:
            db = open_db(path)
            set_setting(db, jobs.WORKSPACE_NAME, name)
            db.close()
        except OSError:
            dialogs.error(
                self,
                _(
                    "The workspace could not be created in {folder}. Check that the disk has "
                    "space and that you may write there."
                ).format(folder=str(path.parent)),
            )
            return None
        return self.open_workspace(str(path))

    def rename_workspace(self, path: str) -> None:
        current = next((i["name"] for i in settings.recent_workspaces() if i["path"] == path), "")
        name = dialogs.ask_text(self, _("Rename workspace"), _("New name:"), current)
        if not name:
            return
        from wa_audit.store.db import open_db, set_setting

        try:
            db = open_db(path)
            set_setting(db, jobs.WORKSPACE_NAME, name)
            db.close()
        except Exception as exc:
            self._job_failed(exc)
            return
        items = settings.recent_workspaces()
        for item in items:
            if item["path"] == path:
                item["name"] = name
        import json

        settings.put(settings.RECENT, json.dumps(items))
        if self.workspace and self.workspace.path == path:
            self.workspace.name = name
            self.workspace_label.setText(name)
            self.setWindowTitle(self._title())
        self.start_page.set_recent(items, self.workspace.path if self.workspace else None)

    def browse_workspace(self) -> None:
        path = dialogs.pick_workspace(self, str(self.workspaces_dir()))
        if path:
            self.open_workspace(path)

    def open_demo(self) -> Job:
        self._set_busy(True, _("Preparing the demo…"))

        def make() -> str:
            from wa_audit.demo import demo_workspace

            return str(demo_workspace())

        job = Job(make)
        job.signals.result.connect(self.open_workspace)
        job.signals.failed.connect(self._job_failed)
        return self.runner.start(job)

    # -- import ------------------------------------------------------------------------------
    def _pick_files(self) -> None:
        files = dialogs.pick_files(self, settings.get(settings.LAST_FOLDER))
        if files:
            settings.put(settings.LAST_FOLDER, str(Path(files[0]).parent))
            self.start_import(files)

    def _pick_folder(self) -> None:
        folder = dialogs.pick_folder(self, settings.get(settings.LAST_FOLDER))
        if folder:
            settings.put(settings.LAST_FOLDER, folder)
            self.start_import([folder])

    def ensure_workspace(self) -> jobs.WorkspaceInfo:
        """Importing without a workspace: use the default one (no question to answer)."""
        if self.workspace is None:
            from wa_audit.store.db import default_db_path

            path = str(default_db_path())
            info = jobs.open_workspace(path)  # new or small: quick
            if info.name == jobs.workspace_stem(path):
                info.name = _("My business")
            self._workspace_ready_quiet(info)
        return self.workspace

    def _workspace_ready_quiet(self, info: jobs.WorkspaceInfo) -> None:
        from wa_audit.store.db import open_db

        self.workspace = info
        self.read_db = open_db(info.path)
        settings.remember_workspace(info.path, info.name)
        self.workspace_label.setText(info.name)
        self.setWindowTitle(self._title())
        self._sync_nav()

    def start_import(self, paths: list[str]) -> Job | None:
        if self.import_job is not None:
            return None
        ws = self.ensure_workspace()
        # The import allocates millions of short-lived objects; a full garbage collection it
        # triggers would also walk every long-lived UI object while holding the GIL and stall
        # the window. Freezing what exists now keeps those collections short.
        gc.freeze()
        self.go("import")
        self._typed_owner = "" if ws.owner_confirmed else self.import_page.typed_owner()
        self.import_page.expect(paths)
        self.import_page.set_running(True)
        owner = ws.owner if ws.owner_confirmed else (self._typed_owner or None)
        job = Job(jobs.import_files, list(paths), ws.path, owner)
        job.signals.progress.connect(self._import_progress)
        job.signals.result.connect(self._import_done)
        job.signals.cancelled.connect(self._import_cancelled)
        job.signals.failed.connect(self._import_failed)
        self.import_job = job
        return self.runner.start(job, write=True)

    def reread_dates(self, order: str, paths: list[str]) -> Job | None:
        """Read these files again with the day/month order the user chose."""
        from wa_audit.ui import import_flow

        return import_flow.reread_dates(self, order, paths)

    def cancel_import(self) -> None:
        if self.import_job is not None:
            self.import_job.cancel()

    def _import_progress(self, progress) -> None:
        self.import_page.set_progress(progress)  # names the stage, the file and "x of N"

    def _import_finished_common(self) -> None:
        self.import_job = None
        self.import_page.set_running(False)

    def _import_done(self, summary) -> None:
        self._import_finished_common()
        self._reload_workspace_info()
        ws = self.workspace
        typed = getattr(self, "_typed_owner", "")
        owner_known = ws.owner if ws.owner_confirmed else (typed if summary.ok else None)
        self.import_page.show_summary(summary, owner_known)
        self.import_finished.emit(summary)
        if typed and not ws.owner_confirmed and summary.ok:
            self.confirm_owner(typed)  # asked before the import: straight on to the results
        elif owner_known and summary.ok:
            self.run_audit()
            self._results_after_audit = True

    def _import_cancelled(self) -> None:
        self._import_finished_common()
        self._reload_workspace_info()
        self.import_page.show_cancelled()
        self.import_finished.emit(None)

    def _import_failed(self, exc) -> None:
        self._import_finished_common()
        self._job_failed(exc)

    def _reload_workspace_info(self) -> None:
        if self.workspace is not None:
            name = self.workspace.name
            self.workspace = jobs.open_workspace(self.workspace.path)
            self.workspace.name = name

    def confirm_owner(self, name: str) -> None:
        from wa_audit.store.db import OWNER, set_setting

        set_setting(self.read_db, OWNER, name)
        set_setting(self.read_db, jobs.OWNER_CONFIRMED, "1")
        self.workspace.owner, self.workspace.owner_confirmed = name, True
        self.import_page.owner_card.hide()
        self.import_page.dashboard_button.show()
        self.run_audit()
        self._results_after_audit = True

    # -- audit -------------------------------------------------------------------------------
    def run_audit(self) -> Job | None:
        if self.workspace is None:
            return None
        if self.audit_job is not None:
            self._audit_again = True  # run once more when this one is done
            return self.audit_job
        self._audit_again = False
        job = Job(jobs.audit_workspace, self.workspace.path)
        # slots check that the job is still the current one: a stopped audit, or one of a
        # workspace that was closed meanwhile, must not show its late result
        job.signals.progress.connect(
            lambda p, j=job: j is self.audit_job and self._audit_progress(p)
        )
        job.signals.result.connect(lambda o, j=job: j is self.audit_job and self._audit_done(o))
        job.signals.failed.connect(lambda e, j=job: j is self.audit_job and self._audit_failed(e))
        self.audit_job = job
        self.import_page.set_auditing(True)
        self._set_busy(True, _("Checking your chats…"))
        return self.runner.start(job, write=True)

    def _audit_progress(self, progress) -> None:
        self.import_page.set_audit_progress(progress)
        if progress.total:
            self.status_progress.setRange(0, progress.total)
            self.status_progress.setValue(progress.done)
            self.status_label.setText(
                _("Checking your chats… {done} of {total} checks").format(
                    done=progress.done, total=progress.total
                )
            )

    def cancel_audit(self) -> None:
        """Stop the audit now; the results on screen stay as they were."""
        job, self.audit_job = self.audit_job, None
        if job is None:
            return
        job.cancel()
        self.import_page.set_auditing(False)
        self._audit_again = False
        self._set_busy(False, _("Audit stopped. The results shown are from the last audit."))
        self.audit_finished.emit(None)

    def _audit_done(self, outcome: jobs.AuditOutcome) -> None:
        self.audit_job = None
        self.outcome = outcome
        self.import_page.set_auditing(False)
        self._set_busy(False, _("Audit finished."))
        self.render_report()
        if getattr(self, "_results_after_audit", False) and self.current_page() == "import":
            self.go("dashboard")  # after an import: straight to the results
        self._results_after_audit = False
        self._sync_nav()
        self.audit_finished.emit(outcome)
        self.load_lists()
        if getattr(self, "_audit_again", False):
            self.run_audit()

    def _audit_failed(self, exc) -> None:
        self.audit_job = None
        self.import_page.set_auditing(False)
        self._set_busy(False)
        self._job_failed(exc)

    def load_lists(self) -> Job | None:
        if self.workspace is None:
            return None
        path = self.workspace.path
        job = Job(jobs.load_lists, path)
        job.signals.result.connect(
            lambda lists: self.workspace is not None
            and self.workspace.path == path
            and self._lists_ready(lists)
        )
        job.signals.failed.connect(self._job_failed)
        return self.runner.start(job)

    def _lists_ready(self, lists: jobs.Lists) -> None:
        self.lists = lists
        self.lists_page.show_lists(lists)
        self.lists_loaded.emit(lists)

    def save_list(self, kind: str) -> Job | None:
        if self.workspace is None:
            return None
        stem = re.sub(r"[^\w\-]+", "-", self.workspace.name).strip("-") or "wa-audit"
        name = _("stop-list") if kind == "optouts" else _("draft-templates")
        path = dialogs.save_list(
            self, str(Path.home() / f"{stem}-{name}.csv"), json_too=kind == "templates"
        )
        if not path or not safe_save.accept(self, path, self.read_db):
            return None
        job = Job(jobs.save_list, self.workspace.path, kind, path)
        job.signals.result.connect(
            lambda n: self.status_label.setText(
                _("Saved {file} ({n} rows).").format(file=Path(path).name, n=n)
            )
        )
        job.signals.result.connect(lambda _n: self.list_saved.emit(path))
        job.signals.failed.connect(self._job_failed)
        return self.runner.start(job)

    def render_report(self) -> None:
        """Texts from the kept report in the current language (no audit run)."""
        report = self.outcome.report if self.outcome else None
        if report is None:
            self.dashboard_page.show_report(None, None)
            self.guidance_page.show_guidance(None)
            return
        self.changes, self.notes = jobs.history_for(self.read_db, report.run_id)
        dash = presenter.dashboard(report, self.changes, self.notes)
        self.dashboard_page.show_report(dash, self.outcome.charts)
        self.evidence_page.set_findings(dash.cards, self.current_rule)
        self.guidance_page.show_guidance(presenter.guidance(report))
        if self.current_rule:
            self.show_card(self.current_rule, switch=False)

    def card(self, rule: str) -> presenter.Card | None:
        if not self.outcome:
            return None
        f = self.outcome.report.finding(rule)
        if not f:
            return None
        changes, notes = getattr(self, "changes", {}), getattr(self, "notes", {})
        return presenter.card_for(f, changes.get(rule), notes.get(rule))

    def show_card(self, rule: str, switch: bool = True) -> None:
        card = self.card(rule)
        if card is None or self.read_db is None:
            return
        self.current_rule = rule
        self.evidence_page.show_finding(card, evidence_rows(self.read_db, card.evidence))
        if switch:
            self.go("evidence")

    def show_context(self, row) -> None:
        if self.read_db is not None:
            self.evidence_page.show_context(row, context_rows(self.read_db, row))

    def search(self, text: str) -> None:
        if self.read_db is None:
            return
        self.evidence_page.show_search(text, search_rows(self.read_db, text))
        self.go("evidence")

    def mark_explained(self, rule: str) -> None:
        if self.read_db is None or not rule:
            return
        reason = dialogs.ask_text(
            self,
            _("Mark as explained"),
            _("Why is this finding fine for this business? (kept in the audit trail)"),
        )
        if not reason:
            return
        from wa_audit.report import history

        history.mark_explained(self.read_db, rule, reason)
        self.run_audit()

    def reopen_finding(self, rule: str) -> None:
        if self.read_db is None or not rule:
            return
        from wa_audit.report import history

        history.reopen(self.read_db, rule)
        self.run_audit()

    def export_report(self) -> Job | None:
        if self.outcome is None or self.workspace is None:
            return None
        stem = re.sub(r"[^\w\-]+", "-", self.workspace.name).strip("-") or "wa-audit"
        name = _("report")  # the file name in the user's language ("rapport", "Bericht")
        suggested = str(Path.home() / f"{stem}-{name}.pdf")
        path = dialogs.save_report(self, suggested)
        if not path or not safe_save.accept(self, path, self.read_db):
            return None
        self._set_busy(True, _("Writing the report…"))
        job = Job(jobs.export_report, self.workspace.path, path, self.outcome.report)
        job.signals.result.connect(self._report_saved)
        job.signals.failed.connect(self._job_failed)
        return self.runner.start(job)

    def _report_saved(self, path: str) -> None:
        self._set_busy(False, _("Report saved: {file}").format(file=Path(path).name))
        self.report_saved.emit(path)
        dialogs.saved(self, path, _("The report was saved as {file}.").format(file=path))

    # -- settings ----------------------------------------------------------------------------
    def set_language(self, choice: str) -> None:
        from wa_audit.ui.app import apply_language

        settings.put(settings.LANGUAGE, choice)
        self.language_setting = choice
        apply_language(choice)
        self._build()

    def set_theme(self, mode: str) -> None:
        from PySide6.QtWidgets import QApplication

        from wa_audit.ui.theme import apply_theme

        settings.put(settings.THEME, mode)
        apply_theme(QApplication.instance(), mode)
        self._build()

    def save_audit_settings(self, sensitivity: str, start: int, end: int) -> None:
        if self.workspace is None:
            return
        jobs.save_audit_settings(self.workspace.path, sensitivity, start, end)
        self.run_audit()

    # -- errors ------------------------------------------------------------------------------
    def _job_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        if isinstance(exc, WaAuditError):
            dialogs.error(self, exc.user_message())
            return
        from wa_audit.ui.app import show_crash

        show_crash(type(exc), exc, exc.__traceback__)

    def _restore_geometry(self) -> None:
        saved = settings.get(settings.GEOMETRY)
        if saved and self.restoreGeometry(QByteArray(saved)):
            return
        em = self.fontMetrics().height()
        width, height = int(em * 90), int(em * 60)
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is not None:
            width = min(width, int(screen.width() * 0.9))
            height = min(height, int(screen.height() * 0.9))
        self.resize(width, height)

    def closeEvent(self, event) -> None:
        settings.put(settings.GEOMETRY, bytes(self.saveGeometry().data()))
        self.runner.cancel_all()
        self.runner.wait(10000)
        if self.read_db is not None:
            self.read_db.close()
            self.read_db = None
        super().closeEvent(event)
