"""Lists to act on: who asked to stop (clean your broadcast lists) and draft Platform templates."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
)

from wa_audit.i18n import N_, _, format_number, ngettext
from wa_audit.ui.models import RowsModel, mask_phones
from wa_audit.ui.widgets import Card, Page, label

OPTOUT_HEADERS = (N_("Customer"), N_("Asked to stop on"), N_("Messages afterwards"), N_("Status"))
TEMPLATE_HEADERS = (N_("Category"), N_("Draft text"), N_("A month"), N_("Chats"))


def _table(model: RowsModel, stretch: int) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectRows)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    view.setWordWrap(False)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.Stretch)
    return view


def _fit_height(view: QTableView, rows: int, most: int = 8) -> None:
    """As tall as its rows (up to `most`), so a short list leaves no empty box."""
    row_h = view.verticalHeader().defaultSectionSize()
    head = view.horizontalHeader().sizeHint().height()
    view.setFixedHeight(head + row_h * max(1, min(rows, most)) + 2 * view.frameWidth() + 6)


class ListsPage(Page):
    save_optouts_requested = Signal()
    save_templates_requested = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(
            _("Lists to act on"),
            _("Made from your own chats. Save them to clean your lists or to set up the Platform."),
            parent=parent,
        )
        self.optout_card = Card()
        self.optout_card.box.addWidget(label(_("People who asked you to stop"), "sectionTitle"))
        self.optout_text = label("", "muted")
        self.optout_card.box.addWidget(self.optout_text)
        self.optouts = RowsModel(OPTOUT_HEADERS, self)
        self.optout_view = _table(self.optouts, 3)
        self.optout_view.setAccessibleName(_("People who asked you to stop"))
        self.optout_card.box.addWidget(self.optout_view)
        row = QHBoxLayout()
        self.save_optouts = QPushButton(_("Save the stop list as CSV…"))
        row.addWidget(self.save_optouts)
        row.addStretch(1)
        # phone numbers hidden as on the evidence page, until the user shows them
        self.reveal = QCheckBox(_("Show phone numbers"))
        self.reveal.toggled.connect(lambda _on: self.show_lists(self._lists))
        row.addWidget(self.reveal)
        self.optout_card.box.addLayout(row)
        self.content.addWidget(self.optout_card)

        self.template_card = Card()
        self.template_card.box.addWidget(
            label(_("Draft templates for the WhatsApp Business Platform"), "sectionTitle")
        )
        self.template_text = label("", "muted")
        self.template_card.box.addWidget(self.template_text)
        self.templates = RowsModel(TEMPLATE_HEADERS, self)
        self.template_view = _table(self.templates, 1)
        self.template_view.setAccessibleName(_("Draft templates"))
        self.template_card.box.addWidget(self.template_view)
        trow = QHBoxLayout()
        self.save_templates = QPushButton(_("Save the drafts (CSV or JSON)…"))
        trow.addWidget(self.save_templates)
        trow.addStretch(1)
        self.template_card.box.addLayout(trow)
        self.content.addWidget(self.template_card)
        self.content.addStretch(1)

        self.save_optouts.clicked.connect(self.save_optouts_requested)
        self.save_templates.clicked.connect(self.save_templates_requested)
        self._lists = None
        self.show_lists(None)

    def _shown(self, text: str) -> str:
        return text if self.reveal.isChecked() else mask_phones(text)

    def show_lists(self, lists, loading: bool = False) -> None:
        """lists: tasks.Lists or None (not loaded yet; loading: they are on their way)."""
        self._lists = lists
        if lists is None:
            self.optouts.set_rows([])
            self.templates.set_rows([])
            _fit_height(self.optout_view, 0)
            _fit_height(self.template_view, 0)
            self.optout_text.setText(
                _("Loading the lists…")
                if loading
                else _("Import and audit chats to see these lists.")
            )
            self.template_text.setText("")
            self.save_optouts.setEnabled(False)
            self.save_templates.setEnabled(False)
            return
        rows = []
        bad = 0
        from wa_audit.ui.presenter import short_datetime

        for o in lists.optouts:
            bad += 0 if o.ok else 1
            status = (
                _("Handled correctly")
                if o.ok
                else ngettext(
                    "{n} message not allowed: remove from your lists",
                    "{n} messages not allowed: remove from your lists",
                    o.violations,
                ).format(n=format_number(o.violations))
            )
            rows.append(
                (
                    self._shown(o.customer),
                    short_datetime(o.opted_out_at),
                    format_number(o.messages_after),
                    status,
                )
            )
        self.optouts.set_rows(rows)
        _fit_height(self.optout_view, len(rows))
        n = len(lists.optouts)
        if n and not bad:
            self.optout_text.setText(
                ngettext(
                    "{n} customer asked you to stop, and got no messages after that.",
                    "{n} customers asked you to stop, and none of them got messages after that.",
                    n,
                ).format(n=format_number(n))
            )
        elif n and bad == n:
            self.optout_text.setText(
                ngettext(
                    "{n} customer asked you to stop and still got messages. Remove them from "
                    "every broadcast list.",
                    "{n} customers asked you to stop and all of them still got messages. Remove "
                    "them from every broadcast list.",
                    n,
                ).format(n=format_number(n))
            )
        elif n:
            self.optout_text.setText(
                ngettext(
                    "{n} customer asked you to stop; {bad} of them still got messages. Remove "
                    "them from every broadcast list.",
                    "{n} customers asked you to stop; {bad} of them still got messages. Remove "
                    "them from every broadcast list.",
                    n,
                ).format(n=format_number(n), bad=format_number(bad))
            )
        else:
            self.optout_text.setText(_("Nobody asked you to stop in the imported chats."))
        self.save_optouts.setEnabled(bool(n))
        category = {"marketing": _("Marketing"), "utility": _("Utility")}
        self.templates.set_rows(
            [
                (
                    category.get(d.category, d.category),
                    self._shown(d.body.replace("\n", " ⏎ ")),
                    format_number(d.monthly_average, 1),
                    format_number(d.chats),
                )
                for d in lists.templates
            ]
        )
        t = len(lists.templates)
        _fit_height(self.template_view, t)
        self.template_text.setText(
            ngettext(
                "{n} recurring message you start yourself, turned into a draft template with "
                "{{{{1}}}}-style variables where the texts differ.",
                "{n} recurring messages you start yourself, turned into draft templates with "
                "{{{{1}}}}-style variables where the texts differ.",
                t,
            ).format(n=format_number(t))
            if t
            else _("No recurring messages you start yourself were found.")
        )
        self.save_templates.setEnabled(bool(t))
