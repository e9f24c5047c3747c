"""Guidance: the move to the WhatsApp Business Platform, computed from the business's data."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from wa_audit.i18n import _
from wa_audit.ui.presenter import Guidance
from wa_audit.ui.theme import LightIcon
from wa_audit.ui.widgets import Card, Page, ResponsiveGrid, clear_layout, label


class GuidancePage(Page):
    def __init__(self, parent=None) -> None:
        super().__init__(
            _("What to do instead"),
            _(
                "The WhatsApp Business app is for chatting with customers one by one. Sending "
                "to many people belongs on the official WhatsApp Business Platform. This is "
                "what that would mean for your business."
            ),
            parent=parent,
        )
        self.holder = QWidget()
        self.holder.setObjectName("page")
        self.box = QVBoxLayout(self.holder)
        self.box.setContentsMargins(0, 0, 0, 0)
        self.box.setSpacing(self.content.spacing())
        self.content.addWidget(self.holder)
        self.content.addStretch(1)
        self.checks: list[QCheckBox] = []

    def show_guidance(self, g: Guidance | None, loading: bool = False) -> None:
        clear_layout(self.box)
        self.checks = []
        if g is None:
            text = (
                _("Loading the results…")
                if loading
                else _("Import chats first; the advice uses your own data.")
            )
            self.box.addWidget(label(text, "muted"))
            return
        if g.must_stop:
            stop = Card()
            head = QHBoxLayout()
            head.addWidget(LightIcon("red", 1.4))
            head.addWidget(label(_("Stop this now"), "sectionTitle"), 1)
            stop.box.addLayout(head)
            for line in g.must_stop:
                stop.box.addWidget(label("• " + line))
            self.box.addWidget(stop)
        if g.changes:
            change = Card()
            change.box.addWidget(label(_("What to change"), "sectionTitle"))
            em = self.fontMetrics().height()
            for light, title, where, text in g.changes:
                row = QHBoxLayout()
                row.setSpacing(int(em * 0.6))
                row.addWidget(LightIcon(light, 1.2), 0, Qt.AlignTop)
                col = QVBoxLayout()
                col.setSpacing(2)
                col.addWidget(label(title, "cardTitle"))
                col.addWidget(label(text))
                col.addWidget(label(_("Where it belongs: {where}").format(where=where), "muted"))
                row.addLayout(col, 1)
                change.box.addLayout(row)
                change.box.addSpacing(int(em * 0.4))
            self.box.addWidget(change)

        traffic = Card()
        traffic.box.addWidget(label(_("Where your messages belong"), "sectionTitle"))
        if g.traffic:
            grid = QGridLayout()
            grid.setHorizontalSpacing(self.fontMetrics().height())
            grid.setVerticalSpacing(int(self.fontMetrics().height() * 0.5))
            for col, head in enumerate((_("Your messages"), _("Where it belongs"), _("Volume"))):
                h = label(head, "muted")
                if col == 2:
                    h.setAlignment(Qt.AlignRight)
                grid.addWidget(h, 0, col)
            for r, (what, where, volume) in enumerate(g.traffic, start=1):
                grid.addWidget(label(what), r, 0, Qt.AlignTop)
                grid.addWidget(label(where), r, 1, Qt.AlignTop)
                v = label(volume, wrap=False)
                grid.addWidget(v, r, 2, Qt.AlignRight | Qt.AlignTop)
            grid.setColumnStretch(0, 3)
            grid.setColumnStretch(1, 2)
            traffic.box.addLayout(grid)
        else:
            traffic.box.addWidget(
                label(_("Replies to customers who wrote first can stay in the app."), "muted")
            )
        self.box.addWidget(traffic)

        row = ResponsiveGrid(min_em=22)
        tier = Card()
        tier.box.addWidget(label(_("Messaging limit you would need"), "sectionTitle"))
        tier.box.addWidget(label(g.tier))
        tier.box.addStretch(1)
        cost = Card()
        cost.box.addWidget(label(_("Monthly cost estimate"), "sectionTitle"))
        if g.costs:
            for market, amount, detail in g.costs:
                line = QHBoxLayout()
                line.addWidget(label(market), 1)
                line.addWidget(label(amount, wrap=False), 0, Qt.AlignRight)
                cost.box.addLayout(line)
                if detail:
                    cost.box.addWidget(label(detail, "muted"))
        else:
            cost.box.addWidget(label(_("No paid templates needed for what we found."), "muted"))
        if g.total:
            cost.box.addWidget(label(g.total))
        if g.as_of:
            cost.box.addWidget(
                label(
                    _(
                        "Meta's prices as of {date}, without a provider's fees. Check the "
                        "current prices before you decide."
                    ).format(date=g.as_of),
                    "muted",
                )
            )
        cost.box.addStretch(1)
        row.set_items([tier, cost])
        self.box.addWidget(row)

        checklist = Card()
        checklist.box.addWidget(label(_("Opt-in checklist"), "sectionTitle"))
        for item in g.checklist:
            cb = QCheckBox(item)
            cb.setStyleSheet("QCheckBox { spacing: 8px; }")
            self.checks.append(cb)
            checklist.box.addWidget(_wrapping_check(cb))
        self.box.addWidget(checklist)

        routes = ResponsiveGrid(min_em=22)
        items = []
        for title, text in g.routes:
            c = Card()
            c.box.addWidget(label(title, "sectionTitle"))
            c.box.addWidget(label(text))
            c.box.addStretch(1)
            items.append(c)
        routes.set_items(items)
        self.box.addWidget(label(_("Two ways to move to the Platform"), "sectionTitle"))
        self.box.addWidget(routes)
        for note in g.notes:
            self.box.addWidget(label(note, "muted"))


def _wrapping_check(cb: QCheckBox) -> QWidget:
    """Checkbox + wrapping label (QCheckBox text never wraps; long German sentences would cut)."""
    text = cb.text()
    cb.setText("")
    cb.setAccessibleName(text)
    w = QWidget()
    row = QHBoxLayout(w)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(cb, 0, Qt.AlignTop)
    lab = label(text)
    lab.setBuddy(cb)
    lab.mousePressEvent = lambda _e: cb.toggle()
    row.addWidget(lab, 1)
    return w
