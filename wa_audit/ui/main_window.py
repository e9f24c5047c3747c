"""The main window: sidebar navigation, the pages and the status bar.

Pages only show and emit signals; the flows live in ui/controllers (workspace, imports, audit,
evidence, output), which run the core in the background (ui/background) and feed the pages.
A language or theme switch rebuilds the pages from the kept state: the audit is not re-run.
"""

from __future__ import annotations

import logging

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
from wa_audit.ui import presenter, refcounts, settings, tasks
from wa_audit.ui.background import Job, JobRunner
from wa_audit.ui.controllers.audit import AuditController
from wa_audit.ui.controllers.evidence import EvidenceController
from wa_audit.ui.controllers.imports import ImportController
from wa_audit.ui.controllers.output import OutputController
from wa_audit.ui.controllers.workspace import WorkspaceController
from wa_audit.ui.pages import portfolio_wiring
from wa_audit.ui.pages.dashboard_page import DashboardPage
from wa_audit.ui.pages.evidence_page import EvidencePage
from wa_audit.ui.pages.guidance_page import GuidancePage
from wa_audit.ui.pages.import_page import ImportPage
from wa_audit.ui.pages.lists_page import ListsPage
from wa_audit.ui.pages.settings_page import SettingsPage
from wa_audit.ui.pages.start_page import StartPage
from wa_audit.ui.theme import app_icon, colors, svg_icon, svg_pixmap

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
    export_stopped = Signal()
    lists_loaded = Signal(object)
    list_saved = Signal(str)
    search_done = Signal(object)  # store.messages.SearchResult
    sorted_done = Signal(int)

    def __init__(self, language_setting: str = "system", parent=None) -> None:
        super().__init__(parent)
        self.setWindowIcon(app_icon())
        refcounts.install(self)
        self.runner = JobRunner(self, on_failure=self.job_failed)
        self.language_setting = language_setting
        self.workspace: tasks.WorkspaceInfo | None = None
        self.read_db = None  # the GUI thread's connection: table pages and small reads only
        self.opening: str | None = None  # the workspace being opened
        self.outcome: tasks.AuditOutcome | None = None
        self.current_rule: str | None = None
        self.import_job: Job | None = None
        self.audit_job: Job | None = None
        self.export_job: Job | None = None
        self.lists: tasks.Lists | None = None
        self.workspaces = WorkspaceController(self)
        self.imports = ImportController(self)
        self.audit = AuditController(self)
        self.evidence = EvidenceController(self)
        self.output = OutputController(self)
        # the flows, by the names the pages' signals and the tests use
        self.open_workspace = self.workspaces.open
        self.create_workspace = self.workspaces.create
        self.open_demo = self.workspaces.open_demo
        self.start_import = self.imports.start
        self.cancel_import = self.imports.cancel
        self.confirm_owner = self.imports.confirm_owner
        self.run_audit = self.audit.run
        self.cancel_audit = self.audit.cancel
        self.show_card = self.evidence.show_card
        self.show_context = self.evidence.show_context
        self.search = self.evidence.search
        self.load_lists = self.output.load_lists
        self.export_report = self.output.export_report
        self._build()
        self._restore_geometry()
        self.go("start")

    # -- building ----------------------------------------------------------------------------
    def rebuild(self) -> None:
        self._build()

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
            sens, night = tasks.read_audit_settings(self.read_db)
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
        root.show()  # now, not on the next event loop turn (Qt queues it for a visible window)
        if old is not None:
            old.deleteLater()
        self._build_status()
        self._refill()
        self.stack.setCurrentIndex(index)
        self.sync_nav()
        self.setWindowTitle(self.title())

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
        self.status_cancel.clicked.connect(self.stop)
        self.status_cancel.hide()
        bar.addWidget(self.status_label, 1)
        bar.addPermanentWidget(self.status_progress)
        bar.addPermanentWidget(self.status_cancel)
        self._status_widgets = [self.status_label, self.status_progress, self.status_cancel]
        self.set_busy(
            self.audit_job is not None, _("Checking your chats…") if self.audit_job else ""
        )

    def _wire(self) -> None:
        s = self.start_page
        s.create_requested.connect(self.workspaces.create)
        s.open_requested.connect(self.workspaces.open)
        s.browse_requested.connect(self.workspaces.browse)
        s.rename_requested.connect(self.workspaces.rename)
        s.demo_requested.connect(self.workspaces.open_demo)
        i = self.import_page
        i.files_chosen.connect(self.imports.start)
        i.pick_files_requested.connect(self.imports.pick_files)
        i.pick_folder_requested.connect(self.imports.pick_folder)
        i.cancel_requested.connect(self.imports.cancel)
        i.owner_confirmed.connect(self.imports.confirm_owner)
        i.date_order_chosen.connect(self.imports.reread_dates)
        i.dashboard_requested.connect(lambda: self.go("dashboard"))
        d = self.dashboard_page
        d.card_clicked.connect(self.evidence.show_card)
        d.export_requested.connect(self.output.export_report)
        d.rerun_requested.connect(self.audit.run)
        d.import_requested.connect(lambda: self.go("import"))
        d.guidance_requested.connect(lambda: self.go("guidance"))
        e = self.evidence_page
        e.finding_chosen.connect(self.evidence.show_card)
        e.context_requested.connect(self.evidence.show_context)
        e.search_requested.connect(self.evidence.search)
        e.explain_requested.connect(self.audit.mark_explained)
        e.reopen_requested.connect(self.audit.reopen)
        e.model.sort_requested.connect(self.evidence.sort)
        e.csv_requested.connect(self.evidence.save_csv)
        li = self.lists_page
        li.save_optouts_requested.connect(lambda: self.output.save_list("optouts"))
        li.save_templates_requested.connect(lambda: self.output.save_list("templates"))
        st = self.settings_page
        st.language_changed.connect(self.set_language)
        st.theme_changed.connect(self.set_theme)
        st.audit_settings_changed.connect(self.audit.save_settings)
        if not hasattr(self, "_shortcuts"):
            self._shortcuts = []
            for n, (key, _t, _i) in enumerate(PAGES, start=1):
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

    def title(self) -> str:
        if self.workspace:
            return _("{workspace} – wa-audit").format(workspace=self.workspace.name)
        return "wa-audit"

    # -- navigation --------------------------------------------------------------------------
    def go(self, key: str) -> None:
        if key == "import" and self.import_job is None:
            ws = self.workspace
            self.import_page.ask_owner(ws.owner if ws and ws.owner_confirmed else None)
        self.stack.setCurrentWidget(self.pages[key])
        self.sync_nav()

    def current_page(self) -> str:
        w = self.stack.currentWidget()
        return next(k for k, p in self.pages.items() if p is w)

    def sync_nav(self) -> None:
        has_ws = self.workspace is not None
        has_report = self.outcome is not None
        for key, b in self.nav.items():
            b.setChecked(self.pages[key] is self.stack.currentWidget())
            if key == "import":
                b.setEnabled(True)
            elif key in ("dashboard", "evidence", "guidance", "lists"):
                b.setEnabled(has_ws or has_report)

    def set_busy(self, busy: bool, text: str = "") -> None:
        self.status_label.setText(text)
        self.status_progress.setVisible(busy)
        stoppable = self.audit_job is not None or self.export_job is not None
        self.status_cancel.setVisible(busy and stoppable)
        if busy:
            self.status_progress.setRange(0, 0)
        self.busy_changed.emit(busy)

    def stop(self) -> None:
        """The status bar's Stop: the report export if one runs, else the audit."""
        if self.export_job is not None:
            self.output.cancel_export()
        else:
            self.audit.cancel()

    def render_report(self) -> None:
        """Texts from the kept report in the current language (no audit run)."""
        report = self.outcome.report if self.outcome else None
        if report is None:
            loading = bool(self.opening) or self.audit_job is not None
            if loading:
                self.dashboard_page.show_loading(self.status_label.text())
            else:
                self.dashboard_page.show_report(None, None)
            self.guidance_page.show_guidance(None, loading=loading)
            return
        dash = presenter.dashboard(report, self.outcome.changes, self.outcome.notes)
        self.dashboard_page.show_report(dash, self.outcome.charts)
        self.evidence_page.set_findings(dash.cards, self.current_rule)
        self.guidance_page.show_guidance(presenter.guidance(report))
        if self.current_rule:
            self.show_card(self.current_rule, switch=False)

    def card(self, rule: str) -> presenter.Card | None:
        return self.evidence.card(rule)

    # -- settings ----------------------------------------------------------------------------
    def set_language(self, choice: str) -> None:
        from wa_audit.ui.language import apply_language

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

    # -- errors ------------------------------------------------------------------------------
    def job_failed(self, exc: BaseException) -> None:
        """The default failure handler of every background job."""
        from wa_audit.ui import dialogs

        self.set_busy(False)
        if isinstance(exc, WaAuditError):
            dialogs.error(self, exc.user_message())
            return
        from wa_audit.ui.crash import show_crash

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
