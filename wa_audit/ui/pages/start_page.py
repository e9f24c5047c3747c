"""Start: choose, create or rename a workspace (one per business or client)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QListWidgetItem, QPushButton

from wa_audit.i18n import _
from wa_audit.ui.widgets import Card, Page, ResponsiveGrid, label


class StartPage(Page):
    create_requested = Signal()
    open_requested = Signal(str)  # path
    browse_requested = Signal()
    rename_requested = Signal(str)  # path
    demo_requested = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(
            _("Workspaces"),
            _(
                "A workspace holds the chats of one business. Create one per business or "
                "client; everything stays on this computer."
            ),
            parent=parent,
        )
        actions = QHBoxLayout()
        self.new_button = QPushButton(_("New workspace…"))
        self.new_button.setObjectName("primary")
        self.browse_button = QPushButton(_("Open another workspace…"))
        self.demo_button = QPushButton(_("Try the demo"))
        for b in (self.new_button, self.browse_button, self.demo_button):
            actions.addWidget(b)
        actions.addStretch(1)
        self.content.addLayout(actions)

        card = Card()
        card.box.addWidget(label(_("Recent workspaces"), "sectionTitle"))
        self.recent = QListWidget()
        self.recent.setAccessibleName(_("Recent workspaces"))
        self.recent.setMinimumHeight(self.fontMetrics().height() * 4)
        card.box.addWidget(self.recent)
        self.empty = label(
            _(
                "No workspaces yet. Choose 'New workspace…' and give it your business's name, "
                "or try the demo first to see what wa-audit shows."
            ),
            "muted",
        )
        card.box.addWidget(self.empty)
        row = QHBoxLayout()
        self.open_button = QPushButton(_("Open"))
        self.rename_button = QPushButton(_("Rename…"))
        row.addWidget(self.open_button)
        row.addWidget(self.rename_button)
        row.addStretch(1)
        card.box.addLayout(row)
        self.content.addWidget(card)

        self.content.addWidget(label(_("How it works"), "sectionTitle"))
        steps = ResponsiveGrid(min_em=16)
        items = []
        for number, title, text in (
            (
                "1",
                _("Export your chats"),
                _(
                    "In WhatsApp Business choose 'Export chat' for your customer chats, groups "
                    "and broadcast lists, and import the files here."
                ),
            ),
            (
                "2",
                _("wa-audit checks them"),
                _(
                    "Its checks look for bulk, automated and unwanted messaging, the things "
                    "WhatsApp bans numbers for. Nothing leaves this computer."
                ),
            ),
            (
                "3",
                _("You see what to fix"),
                _(
                    "A traffic light per area, the messages behind it, and what to do "
                    "instead on the official WhatsApp Business Platform."
                ),
            ),
        ):
            step = Card()
            head = label(_("{number}. {title}").format(number=number, title=title), "cardTitle")
            step.box.addWidget(head)
            step.box.addWidget(label(text, "muted"))
            step.box.addStretch(1)
            items.append(step)
        steps.set_items(items)
        self.content.addWidget(steps)
        self.content.addStretch(1)

        self.new_button.clicked.connect(self.create_requested)
        self.browse_button.clicked.connect(self.browse_requested)
        self.demo_button.clicked.connect(self.demo_requested)
        self.open_button.clicked.connect(self._open_selected)
        self.rename_button.clicked.connect(self._rename_selected)
        self.recent.itemActivated.connect(
            lambda item: self.open_requested.emit(item.data(Qt.UserRole))
        )
        self.recent.currentRowChanged.connect(self._update_buttons)
        self._update_buttons()

    def set_recent(self, items: list[dict], current: str | None = None) -> None:
        keep = self._selected()  # a rename must not move the selection
        self.recent.clear()
        for entry in items:
            path = entry["path"]
            missing = not Path(path).exists()
            text = entry.get("name") or Path(path).stem
            if missing:
                text = _("{name} (file not found)").format(name=text)
            if path == current:
                text = _("{name} (open now)").format(name=text)
            item = QListWidgetItem(text)  # the name people gave it; the file in the tooltip
            item.setData(Qt.UserRole, path)
            item.setToolTip(_home_short(path))
            self.recent.addItem(item)
        rows = sum(self.recent.sizeHintForRow(i) for i in range(min(len(items), 8)))
        self.recent.setFixedHeight(max(rows, self.fontMetrics().height() * 3) + 4)
        self.empty.setVisible(not items)
        self.recent.setVisible(bool(items))
        if items:
            paths = [e["path"] for e in items]
            self.recent.setCurrentRow(paths.index(keep) if keep in paths else 0)
        self._update_buttons()

    def _selected(self) -> str | None:
        item = self.recent.currentItem()
        return item.data(Qt.UserRole) if item else None

    def _update_buttons(self) -> None:
        has = self._selected() is not None
        self.open_button.setEnabled(has)
        self.rename_button.setEnabled(has)
        # nothing to open or rename without workspaces: the empty text says what to do instead
        self.open_button.setVisible(self.recent.count() > 0)
        self.rename_button.setVisible(self.recent.count() > 0)

    def _open_selected(self) -> None:
        if path := self._selected():
            self.open_requested.emit(path)

    def _rename_selected(self) -> None:
        if path := self._selected():
            self.rename_requested.emit(path)


def _home_short(path: str) -> str:
    """~/... instead of the full home folder (shorter, and no user name in screenshots)."""
    home = str(Path.home())
    return "~" + path[len(home) :] if path.startswith(home + "/") else path
