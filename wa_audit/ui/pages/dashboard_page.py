"""Dashboard: the overall light, one card per family and rule, and the charts."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from wa_audit.i18n import _, format_number
from wa_audit.ui.chart_data import ChartData, gap_bins
from wa_audit.ui.charts import ChartWidget
from wa_audit.ui.presenter import Dashboard
from wa_audit.ui.theme import LightIcon, colors, light_word
from wa_audit.ui.widgets import Card, ClickCard, LightTag, Page, ResponsiveGrid, clear_layout, label


class RuleCard(ClickCard):
    def __init__(self, card, parent=None) -> None:
        super().__init__(parent)
        self.rule = card.rule
        head = QHBoxLayout()
        head.setSpacing(8)
        head.addWidget(LightIcon(card.light, 1.5), 0, Qt.AlignTop)
        title = label(card.title, "cardTitle")
        title.setTextInteractionFlags(Qt.NoTextInteraction)
        head.addWidget(title, 1)
        self.box.addLayout(head)
        status = label(
            _("{light} · {confidence}").format(
                light=light_word(card.light), confidence=card.confidence
            )
            if card.confidence
            else light_word(card.light)
        )
        status.setTextInteractionFlags(Qt.NoTextInteraction)
        status.setStyleSheet(f"color: {colors().light(card.light)}; font-weight: 600;")
        self.box.addWidget(status)
        summary = label(card.summary, "keyFigure")
        summary.setTextInteractionFlags(Qt.NoTextInteraction)
        self.box.addWidget(summary)
        for extra in (card.change, card.explained):
            if extra:
                note = label(extra, "muted")
                note.setTextInteractionFlags(Qt.NoTextInteraction)
                self.box.addWidget(note)
        self.box.addStretch(1)
        n = len(card.evidence)
        if n:
            more = label(_("Show the evidence ({n}) →").format(n=format_number(n)), "muted")
            more.setTextInteractionFlags(Qt.NoTextInteraction)
            self.box.addWidget(more)
        self.setAccessibleName(f"{card.title}: {light_word(card.light)}. {card.summary}")
        self.setToolTip(card.what or card.title)


class DashboardPage(Page):
    card_clicked = Signal(str)  # rule id
    export_requested = Signal()
    rerun_requested = Signal()
    import_requested = Signal()
    guidance_requested = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(_("Results"), parent=parent)
        self.rule_cards: dict[str, RuleCard] = {}
        self.dashboard: Dashboard | None = None
        self.empty = Card()
        self.empty_title = label(_("No results yet"), "sectionTitle")
        self.empty.box.addWidget(self.empty_title)
        self.empty_text = label(
            _("Import the chats of this business; the audit runs right after."), "muted"
        )
        self.empty.box.addWidget(self.empty_text)
        go = self.import_button = QPushButton(_("Import chats…"))
        go.setObjectName("primary")
        go.clicked.connect(self.import_requested)
        row = QHBoxLayout()
        row.addWidget(go)
        row.addStretch(1)
        self.empty.box.addLayout(row)
        self.content.addWidget(self.empty)
        self.holder = QWidget()
        self.holder.setObjectName("page")
        self.body_box = QVBoxLayout(self.holder)
        self.body_box.setContentsMargins(0, 0, 0, 0)
        self.body_box.setSpacing(self.content.spacing())
        self.content.addWidget(self.holder)
        self.content.addStretch(1)
        self.holder.hide()

    def show_loading(self, text: str) -> None:
        """Results are on their way (opening, auditing): no "import" advice meanwhile."""
        self.show_report(None, None)
        self.empty_title.setText(_("Loading the results…"))
        self.empty_text.setText(text)
        self.import_button.hide()

    def show_report(self, dash: Dashboard | None, charts: ChartData | None) -> None:
        self.empty_title.setText(_("No results yet"))
        self.empty_text.setText(_("Import the chats of this business; the audit runs right after."))
        self.import_button.show()
        self.dashboard = dash
        clear_layout(self.body_box)
        self.rule_cards = {}
        self.empty.setVisible(dash is None)
        self.holder.setVisible(dash is not None)
        if dash is None:
            return
        tools = QHBoxLayout()
        tools.addWidget(label(dash.coverage, "muted"), 1)
        rerun = QPushButton(_("Run the audit again"))
        rerun.clicked.connect(self.rerun_requested)
        self.export_button = QPushButton(_("Export report…"))
        self.export_button.setObjectName("primary")
        self.export_button.clicked.connect(self.export_requested)
        tools.addWidget(rerun, 0, Qt.AlignTop)
        tools.addWidget(self.export_button, 0, Qt.AlignTop)
        self.body_box.addLayout(tools)
        self.body_box.addWidget(self._overall(dash))

        if dash.families:
            self.body_box.addWidget(label(_("By area"), "sectionTitle"))
            fam_grid = ResponsiveGrid(min_em=12)
            items = []
            for _name, light, title in dash.families:
                c = Card()
                c.box.addWidget(label(title, "cardTitle"))
                c.box.addWidget(LightTag(light, 1.2))
                items.append(c)
            fam_grid.set_items(items)
            self.body_box.addWidget(fam_grid)

        self.body_box.addWidget(label(_("Every check"), "sectionTitle"))
        self.body_box.addWidget(label(_("Click a check to see the messages behind it."), "muted"))
        grid = ResponsiveGrid(min_em=19)
        items = []
        for card in dash.cards:
            rc = RuleCard(card)
            rc.clicked.connect(lambda r=card.rule: self.card_clicked.emit(r))
            self.rule_cards[card.rule] = rc
            items.append(rc)
        grid.set_items(items)
        self.body_box.addWidget(grid)

        self.body_box.addWidget(label(_("Your messages at a glance"), "sectionTitle"))
        self.body_box.addWidget(self._charts(charts or ChartData()))

        allowed = Card()
        allowed.box.addWidget(label(_("Automatic messages found: allowed"), "sectionTitle"))
        allowed.box.addWidget(
            label(
                _(
                    "The WhatsApp Business app's own greeting and away messages and quick "
                    "replies are allowed. They do not count against you."
                ),
                "muted",
            )
        )
        for line in dash.allowed or [_("None found.")]:
            allowed.box.addWidget(label("• " + line))
        self.body_box.addWidget(allowed)

    def _overall(self, dash: Dashboard) -> Card:
        card = Card()
        row = QHBoxLayout()
        em = self.fontMetrics().height()
        row.setSpacing(int(em * 1.2))
        row.addWidget(LightIcon(dash.overall, 4.5), 0, Qt.AlignTop)
        col = QVBoxLayout()
        col.setSpacing(int(em * 0.4))
        word = label(
            _("Overall result: {light}").format(light=light_word(dash.overall)), "lightWord"
        )
        word.setStyleSheet(f"color: {colors().light(dash.overall)};")
        col.addWidget(word)
        self.headline = label(dash.headline, "overallHeadline")
        self.headline.setStyleSheet(f"color: {colors().light(dash.overall)};")
        col.addWidget(self.headline)
        col.addWidget(label(dash.sentence, "overallSentence"))
        if dash.fix_first:
            col.addWidget(
                label(
                    _("Start with these")
                    if dash.fix_first[0].light == "red"
                    else _("Look at these first"),
                    "sectionTitle",
                )
            )
            for c in dash.fix_first:
                link = label(
                    f'<a href="{c.rule}" style="color: {colors().accent};">'
                    f"{html.escape(c.title)}</a>: {html.escape(c.summary)}"
                )
                link.setTextFormat(Qt.RichText)
                link.setTextInteractionFlags(
                    Qt.LinksAccessibleByMouse | Qt.LinksAccessibleByKeyboard
                )
                link.linkActivated.connect(self.card_clicked)
                col.addWidget(link)
        nxt = QPushButton(_("What to do instead →"))
        nxt.clicked.connect(self.guidance_requested)
        nrow = QHBoxLayout()
        nrow.addWidget(nxt)
        nrow.addStretch(1)
        col.addLayout(nrow)
        row.addLayout(col, 1)
        card.box.addLayout(row)
        return card

    def _charts(self, charts: ChartData) -> QWidget:
        holder = QWidget()
        box = QVBoxLayout(holder)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(self.content.spacing())
        daily = Card()
        daily.box.addWidget(label(_("Messages per day: started by you or replies"), "cardTitle"))
        daily.box.addWidget(
            label(
                _(
                    "Replies to customers are fine. Many messages you start yourself are what "
                    "WhatsApp watches."
                ),
                "muted",
            )
        )
        self.daily_chart = ChartWidget("daily", charts.daily)
        daily.box.addWidget(self.daily_chart)
        box.addWidget(daily)
        grid = ResponsiveGrid(min_em=24)
        heat = Card()
        heat.box.addWidget(label(_("When you start conversations (weekday and hour)"), "cardTitle"))
        self.heat_chart = ChartWidget("heatmap", charts.heatmap)
        heat.box.addWidget(self.heat_chart)
        gaps = Card()
        gaps.box.addWidget(label(_("Time between messages you started in a row"), "cardTitle"))
        self.gap_chart = ChartWidget("gaps", gap_bins(charts))
        gaps.box.addWidget(self.gap_chart)
        grid.set_items([heat, gaps])
        box.addWidget(grid)
        return holder
