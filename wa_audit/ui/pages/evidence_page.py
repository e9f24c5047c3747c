"""Evidence: the messages behind a finding, the chat around them, and search over everything."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from wa_audit.i18n import _, format_number, ngettext
from wa_audit.ui.models import MessageTableModel
from wa_audit.ui.widgets import Card, LightTag, Page, label

SEARCH_DELAY_MS = 400  # search as you type, once the typing pauses
FIT_ROWS = 40  # rows measured when fitting the columns to their contents


class PagedProxy(QSortFilterProxyModel):
    """Filters the loaded rows; sorting a paged model sorts all its ids (the model asks)."""

    def sort(self, column: int, order=Qt.AscendingOrder) -> None:
        source = self.sourceModel()
        if isinstance(source, MessageTableModel) and source.canFetchMore() and column >= 0:
            source.sort(column, order)
            return
        super().sort(column, order)


def make_table(model: MessageTableModel) -> tuple[QTableView, QSortFilterProxyModel]:
    proxy = PagedProxy()
    proxy.setSourceModel(model)
    proxy.setSortRole(MessageTableModel.SortRole)
    proxy.setFilterCaseSensitivity(Qt.CaseInsensitive)
    proxy.setFilterKeyColumn(-1)  # filter over every column
    view = QTableView()
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.setSelectionBehavior(QAbstractItemView.SelectRows)
    view.setSelectionMode(QAbstractItemView.SingleSelection)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(int(view.fontMetrics().height() * 1.7))
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.Interactive)
    header.setStretchLastSection(True)
    em = view.fontMetrics().height()
    for col, width in ((0, 11), (1, 8), (2, 9)):
        view.setColumnWidth(col, int(em * width))
    view.sortByColumn(MessageTableModel.TIME, Qt.AscendingOrder)
    return view, proxy


def _fit_columns(view: QTableView) -> None:
    """Chat, time and sender as wide as their contents in the first FIT_ROWS rows (capped); the
    text takes the rest. Measured here: Qt's resizeColumnToContents reads every loaded row."""
    model, fm = view.model(), view.fontMetrics()
    em = fm.height()
    rows = min(model.rowCount(), FIT_ROWS)
    header = view.horizontalHeader()
    for col, cap in ((0, 14), (1, 10), (2, 12)):
        texts = (model.index(r, col).data() for r in range(rows))
        width = max((fm.horizontalAdvance(t) for t in texts if t), default=0) + em
        width = max(width, header.sectionSizeFromContents(col).width())
        view.setColumnWidth(col, min(width + 8, int(em * cap)))


class EvidencePage(Page):
    finding_chosen = Signal(str)  # rule id
    context_requested = Signal(object)  # MessageRow
    search_requested = Signal(str)
    masked_changed = Signal(bool)
    explain_requested = Signal(str)  # rule id
    reopen_requested = Signal(str)  # rule id
    csv_requested = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(
            _("Evidence"),
            _("The messages behind each result. Phone numbers are hidden until you show them."),
            scroll=False,
            parent=parent,
        )
        top = QHBoxLayout()
        self.finding_combo = QComboBox()
        self.finding_combo.setAccessibleName(_("Result"))
        self.finding_combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.finding_combo.setMinimumContentsLength(30)
        top.addWidget(label(_("Result:"), wrap=False))
        top.addWidget(self.finding_combo, 1)
        self.reveal = QCheckBox(_("Show phone numbers"))
        top.addWidget(self.reveal)
        self.content.addLayout(top)

        self.summary_card = Card()
        head = QHBoxLayout()
        self.light_tag = LightTag("grey", 1.2)
        head.addWidget(self.light_tag)
        self.confidence = label("", "muted")
        head.addWidget(self.confidence, 1)
        self.summary_card.box.addLayout(head)
        self.summary = label("", "keyFigure")
        self.summary_card.box.addWidget(self.summary)
        self.why = label("", "muted")
        self.summary_card.box.addWidget(self.why)
        self.explained = label("", "muted")
        self.summary_card.box.addWidget(self.explained)
        erow = QHBoxLayout()
        self.explain_button = QPushButton(_("Mark as explained…"))
        self.explain_button.setToolTip(
            _(
                "For findings you checked and that are fine for this business. The reason is "
                "kept in the audit trail and the finding no longer counts for the light."
            )
        )
        self.reopen_button = QPushButton(_("Count it again"))
        erow.addWidget(self.explain_button)
        erow.addWidget(self.reopen_button)
        erow.addStretch(1)
        self.summary_card.box.addLayout(erow)
        self.explain_button.clicked.connect(lambda: self.explain_requested.emit(self.rule))
        self.reopen_button.clicked.connect(lambda: self.reopen_requested.emit(self.rule))
        self.rule: str | None = None
        self._set_rule(None, False)
        self.content.addWidget(self.summary_card)

        tools = QHBoxLayout()
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(_("Filter these messages…"))
        self.filter_edit.setAccessibleName(_("Filter these messages"))
        self.filter_edit.setClearButtonEnabled(True)
        tools.addWidget(self.filter_edit, 1)
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(_("Search all messages…"))
        self.search_edit.setAccessibleName(_("Search all messages"))
        self.search_edit.setClearButtonEnabled(True)
        tools.addWidget(self.search_edit, 1)
        self.search_button = QPushButton(_("Search"))
        tools.addWidget(self.search_button)
        self.csv_button = QPushButton(_("Export evidence (CSV)…"))
        self.csv_button.setToolTip(_("Save every message of this list, not only those shown."))
        self.csv_button.setEnabled(False)
        self.csv_button.clicked.connect(self.csv_requested)
        tools.addWidget(self.csv_button)
        self.content.addLayout(tools)
        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(SEARCH_DELAY_MS)
        self.search_timer.timeout.connect(self._search)

        self.model = MessageTableModel(self)
        self.table, self.proxy = make_table(self.model)
        self.table.setAccessibleName(_("Evidence messages"))
        self.context_model = MessageTableModel(self)
        self.context_table, self.context_proxy = make_table(self.context_model)
        self.context_table.setAccessibleName(_("Surrounding chat"))
        self.context_table.setSortingEnabled(False)
        self.context_model.highlight = True

        split = self.splitter = QSplitter(Qt.Vertical)
        top_w = QWidget()
        tbox = QVBoxLayout(top_w)
        tbox.setContentsMargins(0, 0, 0, 0)
        self.count_label = label("", "muted")
        tbox.addWidget(self.count_label)
        tbox.addWidget(self.table)
        bottom = QWidget()
        bbox = QVBoxLayout(bottom)
        bbox.setContentsMargins(0, 0, 0, 0)
        crow = QHBoxLayout()
        self.context_button = QPushButton(_("Show the chat around this message"))
        self.context_button.setEnabled(False)
        crow.addWidget(self.context_button)
        self.context_title = label("", "muted")
        crow.addWidget(self.context_title, 1)
        bbox.addLayout(crow)
        bbox.addWidget(self.context_table)
        self.context_table.hide()
        split.addWidget(top_w)
        split.addWidget(bottom)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        self.content.addWidget(split, 1)

        self.filter_edit.textChanged.connect(self.proxy.setFilterFixedString)
        self.filter_edit.textChanged.connect(self._update_count)
        self.reveal.toggled.connect(self._set_revealed)
        self.finding_combo.activated.connect(
            lambda i: self.finding_chosen.emit(self.finding_combo.itemData(i))
        )
        self.table.selectionModel().currentRowChanged.connect(
            lambda *_a: self.context_button.setEnabled(self.current_row() is not None)
        )
        self.table.doubleClicked.connect(lambda *_a: self._ask_context())
        self.context_button.clicked.connect(self._ask_context)
        self.search_button.clicked.connect(self._search)
        self.search_edit.returnPressed.connect(self._search)
        self.search_edit.textEdited.connect(lambda _t: self.search_timer.start())
        self.model.rowsInserted.connect(self._update_count)

    # -- filling -----------------------------------------------------------------------------
    def set_findings(self, cards, current: str | None = None) -> None:
        self.finding_combo.clear()
        for c in cards:
            self.finding_combo.addItem(f"{c.title} — {c.summary}", c.rule)
        if current:
            i = self.finding_combo.findData(current)
            if i >= 0:
                self.finding_combo.setCurrentIndex(i)

    def show_finding(self, card, ids, loader) -> None:
        """Every message of the finding: the table reads them page by page as it scrolls."""
        i = self.finding_combo.findData(card.rule)
        if i >= 0:
            self.finding_combo.setCurrentIndex(i)
        self.summary_card.show()
        self._set_rule(card.rule, bool(card.explained))
        self.explained.setText(card.explained)
        self.light_tag.set_light(card.light)
        self.confidence.setText(card.confidence)
        self.summary.setText(card.summary)
        self.why.setText(card.why)
        self.searching = None
        self._set_ids(ids, loader)

    def show_searching(self, text: str) -> None:
        """A search runs (in the background): say so until its result arrives."""
        self.summary_card.show()
        self._set_rule(None, False)
        self.light_tag.set_light("grey")
        self.light_tag.word.setText(_("Search"))
        self.confidence.setText("")
        self.summary.setText(_("Searching for “{text}”…").format(text=text))
        self.why.setText("")
        self.searching = text
        self._set_rows([])
        self.count_label.setText(_("Searching…"))

    def show_search(self, text: str, total: int, ids, loader) -> None:
        """total: every message that matches (FTS5 count); ids: all of them, newest first."""
        self.show_searching(text)
        self.searching = None
        self.summary.setText(
            ngettext(
                "{n} message contains “{text}”.", "{n} messages contain “{text}”.", total
            ).format(n=format_number(total), text=text)
        )
        self._set_ids(ids, loader)

    def show_sorted(self, ids, loader) -> None:
        self._set_ids(ids, loader, keep_sort=True, fit=False)

    def _set_rule(self, rule: str | None, explained: bool) -> None:
        self.rule = rule
        self.explain_button.setVisible(rule is not None and not explained)
        self.reopen_button.setVisible(rule is not None and explained)
        self.explained.setVisible(explained)

    def _set_ids(self, ids, loader, keep_sort: bool = False, fit: bool = True) -> None:
        if not keep_sort:
            self.table.horizontalHeader().setSortIndicator(-1, Qt.AscendingOrder)
        self.proxy.sort(-1)  # the order of the ids (best first, newest first, or as sorted)
        self.filter_edit.clear()
        self.model.set_ids(ids, loader)
        self._after_fill(fit)

    def _set_rows(self, rows) -> None:
        self.filter_edit.clear()
        self.model.set_rows(rows)
        self._after_fill()

    def _after_fill(self, fit: bool = True) -> None:
        rows = self.model.rowCount()
        self.context_model.set_rows([])
        self.context_table.hide()
        self.context_title.setText("")
        self.context_button.setEnabled(False)
        if rows:
            self.table.selectRow(0)
        if fit:
            _fit_columns(self.table)
        self._update_count()

    def show_context(self, row, rows) -> None:
        self.context_model.set_rows(rows)
        self.context_table.show()
        self.splitter.setSizes([1, 1])
        _fit_columns(self.context_table)
        self.context_title.setText(_("Chat: {chat}").format(chat=self.model._show(row.chat)))
        for i, r in enumerate(rows):
            if r.msg_id == row.msg_id:
                self.context_table.selectRow(i)
                self.context_table.scrollTo(self.context_proxy.index(i, 0))
                break

    def _update_count(self, *_a) -> None:
        shown, total = self.proxy.rowCount(), self.model.total()
        self.csv_button.setEnabled(total > 0)
        if getattr(self, "searching", None):
            return
        if self.model.canFetchMore():
            text = _("{total} messages, {shown} loaded (more as you scroll)").format(
                shown=format_number(shown), total=format_number(total)
            )
        elif shown == total:
            text = ngettext("{n} message", "{n} messages", total).format(n=format_number(total))
        else:
            text = _("{shown} of {total} messages").format(
                shown=format_number(shown), total=format_number(total)
            )
        self.count_label.setText(text)

    def _set_revealed(self, revealed: bool) -> None:
        self.model.set_masked(not revealed)
        self.context_model.set_masked(not revealed)
        self.masked_changed.emit(not revealed)

    def current_row(self):
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.proxy.data(index, MessageTableModel.RowRole)

    def _ask_context(self) -> None:
        row = self.current_row()
        if row is not None:
            self.context_requested.emit(row)

    def _search(self) -> None:
        self.search_timer.stop()
        text = self.search_edit.text().strip()
        if text:
            self.search_requested.emit(text)
