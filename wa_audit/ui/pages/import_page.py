"""Import: drop or pick chat exports, watch the progress, read the per-file report."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
)

from wa_audit.i18n import N_, _, format_number, ngettext
from wa_audit.ui import dialogs
from wa_audit.ui.theme import colors, svg_pixmap
from wa_audit.ui.widgets import Card, Page, clear_layout, label

ACCEPTED_SUFFIXES = (".txt", ".zip")
SHOW_AFTER_MS = 500  # anki: show progress only for work that takes a while ...
MIN_VISIBLE_S = 0.5  # ... and then keep it up long enough to be read


def split_drop(paths: list[str]) -> tuple[list[str], list[str]]:
    """Accept chat exports and folders; return (accepted, rejected names)."""
    accepted, rejected = [], []
    for p in paths:
        path = Path(p)
        if path.is_dir() or path.suffix.lower() in ACCEPTED_SUFFIXES:
            accepted.append(str(path))
        else:
            rejected.append(path.name)
    return accepted, rejected


class DropZone(QFrame):
    files_dropped = Signal(list)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("dropZone")
        self.setAcceptDrops(True)
        box = QVBoxLayout(self)
        em = self.fontMetrics().height()
        box.setContentsMargins(int(em * 2), int(em * 1.5), int(em * 2), int(em * 1.5))
        box.setSpacing(int(em * 0.6))
        self.icon = QLabel()
        self.icon.setAlignment(Qt.AlignCenter)
        side = int(em * 3)
        self.icon.setPixmap(
            svg_pixmap("drop", QSize(side, side), self.devicePixelRatioF(), colors().accent)
        )
        box.addWidget(self.icon)
        title = label(_("Drop WhatsApp chat exports here"), "sectionTitle")
        title.setAlignment(Qt.AlignCenter)
        box.addWidget(title)
        hint = label(
            _(
                "Single .txt or .zip files from 'Export chat', or a whole folder of them. "
                "Importing the same chat again only adds what is new."
            ),
            "muted",
        )
        hint.setAlignment(Qt.AlignCenter)
        box.addWidget(hint)
        row = QHBoxLayout()
        row.addStretch(1)
        self.files_button = QPushButton(_("Choose files…"))
        self.files_button.setObjectName("primary")
        self.folder_button = QPushButton(_("Choose a folder…"))
        row.addWidget(self.files_button)
        row.addWidget(self.folder_button)
        row.addStretch(1)
        box.addLayout(row)

    def _set_active(self, active: bool) -> None:
        self.setProperty("active", "true" if active else "false")
        self.style().unpolish(self)
        self.style().polish(self)

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()
            self._set_active(True)

    def dragLeaveEvent(self, event) -> None:
        self._set_active(False)

    def dropEvent(self, event) -> None:
        self._set_active(False)
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        self.handle_paths(paths)
        event.acceptProposedAction()

    def handle_paths(self, paths: list[str]) -> None:
        accepted, rejected = split_drop(paths)
        if rejected:
            self.report_rejects(rejected)
        if accepted:
            self.files_dropped.emit(accepted)

    def report_rejects(self, names: list[str]) -> None:
        """Separate method so tests can monkeypatch it (dangerzone's DocSelectionDropFrame)."""
        dialogs.error(
            self,
            ngettext(
                "{names} was skipped: only .txt and .zip chat exports and folders can be imported.",
                "{names} were skipped: only .txt and .zip chat exports and folders can be "
                "imported.",
                len(names),
            ).format(names=", ".join(names)),
        )


WARNINGS = {
    # importer warning code -> (sentence, makes the file's light amber?)
    "date_order_guessed": (
        N_(
            "No day in this file is above 12, so wa-audit assumed the day comes before the "
            "month. If your phone shows dates month-first, tell your consultant."
        ),
        False,
    ),
    "probably_truncated": (
        N_(
            "This export seems to stop at WhatsApp's limit, so the oldest messages may be "
            "missing. Results for this chat are less certain."
        ),
        True,
    ),
    "probable_broadcast_list": (
        N_("This looks like a broadcast list (only your own messages). It is counted as one."),
        True,
    ),
}


def warning_text(code: str) -> tuple[str, bool]:
    if code.startswith("encoding:"):
        return _("The file was read as {encoding} text.").format(encoding=code[9:]), False
    if code in WARNINGS:
        text, serious = WARNINGS[code]
        return _(text), serious
    return "", False  # unknown code: never show a raw code to the user


def file_report_lines(report) -> tuple[str, list[str]]:
    """(status light, sentences) for one FileReport, in plain words."""
    name = report.file_name
    chat = report.chat_title or _("unknown chat")
    n = int(report.messages_added or 0)
    lines: list[str] = []
    status = str(report.status)
    if status == "error" or report.error is not None:
        err = report.error
        text = (
            err.user_message()
            if hasattr(err, "user_message")
            else _("{file} could not be imported.").format(file=name)
        )
        return "red", [text]
    if status == "already":
        lines.append(_("{file}: already in this workspace, nothing new to add.").format(file=name))
        light = "green"
    elif status == "updated":
        lines.append(
            ngettext(
                "{file}: {n} new message added to the chat with {chat}.",
                "{file}: {n} new messages added to the chat with {chat}.",
                n,
            ).format(file=name, n=format_number(n), chat=chat)
        )
        light = "green"
    else:
        lines.append(
            ngettext(
                "{file}: {n} message imported from the chat with {chat}.",
                "{file}: {n} messages imported from the chat with {chat}.",
                n,
            ).format(file=name, n=format_number(n), chat=chat)
        )
        light = "green"
    unparsed = list(report.unparsed or [])
    if unparsed:
        numbers = ", ".join(str(u.line) for u in unparsed[:8])
        if len(unparsed) > 8:
            numbers += ", …"
        lines.append(
            ngettext(
                "{n} line could not be read and was kept aside (line {lines}).",
                "{n} lines could not be read and were kept aside (lines {lines}).",
                len(unparsed),
            ).format(n=format_number(len(unparsed)), lines=numbers)
        )
        light = "amber"
    for code in report.warnings or []:
        text, serious = warning_text(code)
        if text:
            lines.append(text)
            light = "amber" if serious else light
    return light, lines


class ImportPage(Page):
    files_chosen = Signal(list)
    pick_files_requested = Signal()
    pick_folder_requested = Signal()
    cancel_requested = Signal()
    owner_confirmed = Signal(str)
    dashboard_requested = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(
            _("Import chats"),
            _(
                "In WhatsApp Business, open a chat, tap 'More' and 'Export chat' (without "
                "media is enough). Then bring the files here."
            ),
            parent=parent,
        )
        self.drop = DropZone()
        self.content.addWidget(self.drop)
        self.drop.files_dropped.connect(self.files_chosen)
        self.drop.files_button.clicked.connect(self.pick_files_requested)
        self.drop.folder_button.clicked.connect(self.pick_folder_requested)

        self.progress_card = Card()
        self.progress_label = label(_("Importing…"))
        self.progress_bar = QProgressBar()
        self.progress_bar.setAccessibleName(_("Import progress"))
        row = QHBoxLayout()
        row.addWidget(self.progress_bar, 1)
        self.cancel_button = QPushButton(_("Cancel"))
        row.addWidget(self.cancel_button)
        self.progress_card.box.addWidget(self.progress_label)
        self.progress_card.box.addLayout(row)
        self.progress_card.hide()
        self.content.addWidget(self.progress_card)
        self.cancel_button.clicked.connect(self._cancel)

        self.report_card = Card()
        self.report_card.box.addWidget(label(_("What was imported"), "sectionTitle"))
        self.report_box = QVBoxLayout()
        self.report_card.box.addLayout(self.report_box)
        self.report_card.hide()
        self.content.addWidget(self.report_card)

        self.owner_card = Card()
        self.owner_card.box.addWidget(label(_("Which name is your business?"), "sectionTitle"))
        self.owner_text = label(
            _(
                "wa-audit found this name as the sender in your chats. Confirm it once; the "
                "audit treats its messages as sent by the business."
            ),
            "muted",
        )
        self.owner_card.box.addWidget(self.owner_text)
        orow = QHBoxLayout()
        self.owner_combo = QComboBox()
        self.owner_combo.setEditable(True)
        self.owner_combo.setAccessibleName(_("Business name in the chats"))
        self.owner_combo.setMinimumContentsLength(18)
        self.owner_combo.setMaximumWidth(self.fontMetrics().height() * 24)
        self.owner_button = QPushButton(_("Confirm and run the audit"))
        self.owner_button.setObjectName("primary")
        orow.addWidget(self.owner_combo, 1)
        orow.addWidget(self.owner_button)
        orow.addStretch(1)
        self.owner_card.box.addLayout(orow)
        self.owner_card.hide()
        self.content.addWidget(self.owner_card)
        self.owner_button.clicked.connect(self._confirm_owner)

        drow = QHBoxLayout()
        drow.addStretch(1)
        self.dashboard_button = QPushButton(_("Show the results"))
        self.dashboard_button.setObjectName("primary")
        self.dashboard_button.hide()
        drow.addWidget(self.dashboard_button)
        self.content.addLayout(drow)
        self.dashboard_button.clicked.connect(self.dashboard_requested)
        self.content.addStretch(1)

        self._show_timer = QTimer(self)
        self._show_timer.setSingleShot(True)
        self._show_timer.timeout.connect(self._reveal_progress)
        self._shown_at = 0.0
        self.running = False

    # -- progress --------------------------------------------------------------------------
    def set_running(self, running: bool) -> None:
        self.running = running
        self.drop.setEnabled(not running)
        self.cancel_button.setEnabled(True)
        if running:
            self.report_card.hide()
            self.owner_card.hide()
            self.dashboard_button.hide()
            self.progress_bar.setRange(0, 0)
            self.progress_label.setText(_("Importing…"))
            self._show_timer.start(SHOW_AFTER_MS)
        else:
            self._show_timer.stop()
            left = MIN_VISIBLE_S - (time.monotonic() - self._shown_at)
            if self.progress_card.isVisible() and left > 0:
                QTimer.singleShot(int(left * 1000), self._hide_progress)
            else:
                self._hide_progress()

    def _reveal_progress(self) -> None:
        if self.running:
            self._shown_at = time.monotonic()
            self.progress_card.show()

    def _hide_progress(self) -> None:
        if not self.running:
            self.progress_card.hide()

    def set_progress(self, progress) -> None:
        total = int(getattr(progress, "total", 0) or 0)
        done = int(getattr(progress, "done", 0) or 0)
        if total > 0:
            self.progress_bar.setRange(0, total)
            self.progress_bar.setValue(min(done, total))
        stage = _(progress.stage) if getattr(progress, "stage", "") else _("Importing…")
        file = getattr(progress, "file", "")
        self.progress_label.setText(
            _("{stage} {file}").format(stage=stage, file=file) if file else stage
        )

    def _cancel(self) -> None:
        self.cancel_button.setEnabled(False)
        self.progress_label.setText(_("Stopping… the file being read is not saved."))
        self.cancel_requested.emit()

    # -- results ---------------------------------------------------------------------------
    def show_cancelled(self) -> None:
        self._show_lines([("grey", [_("Import cancelled. The workspace is as it was before.")])])

    def show_summary(self, summary, owner_known: str | None) -> None:
        self._show_lines([file_report_lines(r) for r in summary.files])
        if owner_known:
            self.owner_card.hide()
            self.dashboard_button.show()
            return
        # owner_candidates: [(name, chats)] best first (or plain names)
        candidates = [
            c[0] if isinstance(c, tuple | list) else c for c in (summary.owner_candidates or [])
        ]
        candidates = [c for c in candidates if c]
        owner = summary.owner or (candidates[0] if candidates else "")
        if owner and owner not in candidates:
            candidates.insert(0, owner)
        self.owner_combo.clear()
        self.owner_combo.addItems(candidates)
        if owner:
            self.owner_combo.setCurrentText(owner)
        self.owner_card.setVisible(bool(summary.files))
        self.dashboard_button.hide()

    def _show_lines(self, entries) -> None:
        from wa_audit.ui.widgets import LightTag

        clear_layout(self.report_box)
        for light, lines in entries:
            row = QHBoxLayout()
            tag = LightTag(light, 1.1)
            tag.word.hide()
            row.addWidget(tag, 0, Qt.AlignTop)
            text = label("\n".join(lines))
            row.addWidget(text, 1)
            self.report_box.addLayout(row)
        self.report_card.setVisible(bool(entries))

    def report_texts(self) -> list[str]:
        """All sentences of the current report (for tests and screen readers)."""
        out = []
        for i in range(self.report_box.count()):
            row = self.report_box.itemAt(i).layout()
            if row and row.count() > 1 and isinstance(row.itemAt(1).widget(), QLabel):
                out.append(row.itemAt(1).widget().text())
        return out

    def _confirm_owner(self) -> None:
        name = self.owner_combo.currentText().strip()
        if name:
            self.owner_confirmed.emit(name)
