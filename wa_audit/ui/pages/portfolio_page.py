"""Portfolio: every workspace in one sortable table - last overall light, date, trend since the
previous audit and the top finding. Opening a row opens that workspace; "Re-audit all" runs in
the background (the controller in ui/pages/portfolio_wiring.py does the work).
"""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QProgressBar,
    QPushButton,
    QTableView,
)

from wa_audit.i18n import N_, _
from wa_audit.ui.theme import svg_icon
from wa_audit.ui.widgets import Page, label

SORT_ROLE = Qt.UserRole + 1
PATH_ROLE = Qt.UserRole + 2
RANK = {"red": 3, "amber": 2, "green": 1}
TRENDS = {
    "worse": ("↘", N_("worse")),
    "better": ("↗", N_("better")),
    "same": ("→", N_("no change")),
    "new": ("•", N_("first audit")),
}
COLUMNS = (
    N_("Workspace"),
    N_("Last overall light"),
    N_("Audited"),
    N_("Trend"),
    N_("Top finding"),
)


class PortfolioPage(Page):
    open_requested = Signal(str)  # workspace path
    reaudit_requested = Signal()
    cancel_requested = Signal()
    refresh_requested = Signal()
    add_folder_requested = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(
            _("Portfolio"),
            _("All your workspaces at a glance. Double-click a row to open that workspace."),
            scroll=False,
            parent=parent,
        )
        tools = QHBoxLayout()
        self.reaudit_button = QPushButton(_("Re-audit all"))
        self.reaudit_button.setObjectName("primary")
        self.reaudit_button.clicked.connect(self.reaudit_requested)
        self.cancel_button = QPushButton(_("Cancel"))
        self.cancel_button.clicked.connect(self.cancel_requested)
        self.cancel_button.hide()
        self.open_button = QPushButton(_("Open"))
        self.open_button.clicked.connect(self._open_current)
        self.folder_button = QPushButton(_("Add a folder…"))
        self.folder_button.setToolTip(
            _("Also list the workspaces in a folder, for example the output of wa-audit batch.")
        )
        self.folder_button.clicked.connect(self.add_folder_requested)
        self.progress = QProgressBar()
        self.progress.hide()
        tools.addWidget(self.reaudit_button)
        tools.addWidget(self.cancel_button)
        tools.addWidget(self.progress, 1)
        tools.addStretch(0)
        tools.addWidget(self.folder_button)
        tools.addWidget(self.open_button)
        self.content.addLayout(tools)
        self.status = label("", "muted")
        self.content.addWidget(self.status)
        self.model = QStandardItemModel(0, len(COLUMNS), self)
        self.model.setHorizontalHeaderLabels([_(c) for c in COLUMNS])
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(1, Qt.DescendingOrder)  # worst light first
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda index: self._open_row(index.row()))
        self.table.activated.connect(lambda index: self._open_row(index.row()))
        self.content.addWidget(self.table, 1)
        self.empty = label(
            _("No workspaces yet. Create one on the Workspaces page, or run wa-audit batch."),
            "muted",
        )
        self.content.addWidget(self.empty)

    def set_rows(self, summaries) -> None:
        from wa_audit.audit import light_label, rule_title
        from wa_audit.i18n import format_timestamp

        self.model.setRowCount(0)
        for s in summaries:
            latest = s.latest
            overall = latest.overall if latest else None
            cells = []
            name = QStandardItem(s.name)
            name.setData(s.name.casefold(), SORT_ROLE)
            name.setData(s.path, PATH_ROLE)
            name.setToolTip(s.path)
            cells.append(name)
            if s.problem:
                light = QStandardItem(_("Cannot be read"))
                light.setToolTip(s.problem)
            elif overall:
                light = QStandardItem(light_label(overall))
                light.setIcon(svg_icon(f"light_{overall}"))  # shape + word, not colour alone
            else:
                light = QStandardItem(_("Not audited yet"))
            light.setData(RANK.get(overall or "", 0), SORT_ROLE)
            cells.append(light)
            when = QStandardItem("")
            when.setData(latest.started_at if latest else "", SORT_ROLE)
            if latest and latest.started_at:
                from datetime import datetime

                try:
                    when.setText(format_timestamp(datetime.fromisoformat(latest.started_at)))
                except ValueError:
                    when.setText(latest.started_at[:16])
            cells.append(when)
            mark, word = TRENDS[s.trend] if latest else ("", "")
            trend = QStandardItem(f"{mark} {_(word)}" if word else "")
            trend.setData({"worse": 3, "same": 2, "better": 1}.get(s.trend, 0), SORT_ROLE)
            cells.append(trend)
            top = QStandardItem("")
            if latest and latest.top_rule:
                top.setText(
                    f"{light_label(latest.top_light)}: {rule_title(latest.top_rule)} "
                    f"({latest.top_rule})"
                )
            elif latest:
                top.setText(_("Nothing to fix"))
            top.setData(top.text().casefold(), SORT_ROLE)
            cells.append(top)
            self.model.appendRow(cells)
        self.empty.setVisible(self.model.rowCount() == 0)
        self.table.setVisible(self.model.rowCount() > 0)
        self.reaudit_button.setEnabled(self.model.rowCount() > 0)
        self.open_button.setEnabled(self.model.rowCount() > 0)

    def path_at(self, proxy_row: int) -> str:
        index = self.proxy.index(proxy_row, 0)
        return str(index.data(PATH_ROLE) or "")

    def _open_row(self, proxy_row: int) -> None:
        path = self.path_at(proxy_row)
        if path:
            self.open_requested.emit(path)

    def _open_current(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self._open_row(rows[0].row())

    def set_running(self, running: bool) -> None:
        self.reaudit_button.setVisible(not running)
        self.cancel_button.setVisible(running)
        self.progress.setVisible(running)
        if running:
            self.progress.setRange(0, 0)

    def set_progress(self, done: int, total: int, name: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.status.setText(
            _("Checking {name} ({done} of {total})…").format(name=name, done=done + 1, total=total)
        )

    def set_status(self, text: str) -> None:
        self.status.setText(text)
