"""Import: the business name first, then drop or pick chat exports, watch the progress, read
one summary line (details on demand), choose the date order where a file leaves it open."""

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

from wa_audit.i18n import _, format_number, ngettext
from wa_audit.ui import dialogs
from wa_audit.ui.import_report import (
    any_redated,
    date_order_files,
    file_report_lines,
    is_ok,
    summary_line,
)
from wa_audit.ui.pages.date_order_card import DateOrderCard
from wa_audit.ui.pages.date_order_card import example as _example
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


class OwnerCard(Card):
    """'Which name is your business?': always the first thing on the page until confirmed."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.box.addWidget(
            label(_("Which name does your business use in WhatsApp?"), "sectionTitle")
        )
        self.text = label("", "muted")
        self.box.addWidget(self.text)
        row = QHBoxLayout()
        self.combo = QComboBox()
        self.combo.setEditable(True)
        self.combo.setAccessibleName(_("Business name in the chats"))
        self.combo.setMinimumContentsLength(18)
        self.combo.setMaximumWidth(self.fontMetrics().height() * 24)
        self.combo.lineEdit().setPlaceholderText(_("The name shown above your messages"))
        self.button = QPushButton(_("Confirm and show the results"))
        self.button.setObjectName("primary")
        row.addWidget(self.combo, 1)
        row.addWidget(self.button)
        row.addStretch(1)
        self.box.addLayout(row)
        self.ask_before_import()

    def ask_before_import(self) -> None:
        self.text.setText(
            _(
                "Type it now if you know it, or import first: wa-audit then suggests the name "
                "that sends messages in all your chats."
            )
        )
        self.button.hide()

    def suggest(self, candidates: list[str], owner: str) -> None:
        typed = self.combo.currentText().strip()
        self.combo.clear()
        self.combo.addItems(candidates)
        self.combo.setCurrentText(typed or owner)
        self.text.setText(
            _(
                "wa-audit found this name as the sender in your chats. Confirm it once; the "
                "audit treats its messages as sent by the business."
            )
        )
        self.button.show()

    def typed(self) -> str:
        return self.combo.currentText().strip()


class ImportPage(Page):
    files_chosen = Signal(list)
    pick_files_requested = Signal()
    pick_folder_requested = Signal()
    cancel_requested = Signal()
    owner_confirmed = Signal(str)
    dashboard_requested = Signal()
    date_order_chosen = Signal(str, list)

    def __init__(self, parent=None) -> None:
        super().__init__(
            _("Import chats"),
            _(
                "In WhatsApp Business, open a chat, tap 'More' and 'Export chat' (without "
                "media is enough). Then bring the files here."
            ),
            parent=parent,
        )
        # the one question that matters comes first, above everything that can grow
        self.owner_card = OwnerCard()
        self.owner_combo = self.owner_card.combo
        self.owner_button = self.owner_card.button
        self.owner_card.hide()
        self.content.addWidget(self.owner_card)
        self.owner_button.clicked.connect(self._confirm_owner)

        self.date_card = DateOrderCard()
        self.content.addWidget(self.date_card)
        self.date_card.chosen.connect(self.date_order_chosen)

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
        self.report_title = label("", "sectionTitle")
        self.report_card.box.addWidget(self.report_title)
        self.summary_label = label("")
        self.report_card.box.addWidget(self.summary_label)
        self.problem_box = QVBoxLayout()
        self.report_card.box.addLayout(self.problem_box)
        drow = QHBoxLayout()
        self.details_button = QPushButton(_("Show details"))
        self.details_button.setCheckable(True)
        self.details_button.toggled.connect(self._toggle_details)
        self.dashboard_button = QPushButton(_("Show the results"))
        self.dashboard_button.setObjectName("primary")
        self.dashboard_button.hide()
        self.dashboard_button.clicked.connect(self.dashboard_requested)
        drow.addWidget(self.details_button)
        drow.addStretch(1)
        drow.addWidget(self.dashboard_button)
        self.report_card.box.addLayout(drow)
        self.details = QFrame()
        self.report_box = QVBoxLayout(self.details)
        self.report_box.setContentsMargins(0, 0, 0, 0)
        self.details.hide()
        self.report_card.box.addWidget(self.details)
        self.report_card.hide()
        self.content.addWidget(self.report_card)

        self.drop = DropZone()
        self.content.addWidget(self.drop)
        self.drop.files_dropped.connect(self.files_chosen)
        self.drop.files_button.clicked.connect(self.pick_files_requested)
        self.drop.folder_button.clicked.connect(self.pick_folder_requested)
        self.content.addStretch(1)

        self._show_timer = QTimer(self)
        self._show_timer.setSingleShot(True)
        self._show_timer.timeout.connect(self._reveal_progress)
        self._shown_at = 0.0
        self.running = False
        self.auditing = False
        self._files_total = 0
        self._file_index = 0
        self._last_file = ""
        self.last_files: list = []  # the reports shown, kept for a re-read in another order

    # -- the owner question ------------------------------------------------------------------
    def ask_owner(self, known: str | None) -> None:
        """Before an import: ask for the name unless this workspace already knows it."""
        self.owner_card.setVisible(not known)

    def typed_owner(self) -> str:
        return self.owner_card.typed() if self.owner_card.isVisibleTo(self) else ""

    # -- progress --------------------------------------------------------------------------
    def expect(self, paths: list[str]) -> None:
        """The files about to be imported, for 'file x of N'."""
        from wa_audit.importer.archive import expand_paths

        try:
            self._files_total = sum(1 for _p in expand_paths([Path(p) for p in paths]))
        except OSError:
            self._files_total = 0
        self._file_index, self._last_file = 0, ""

    def _busy(self) -> None:
        busy = self.running or self.auditing
        self.drop.setEnabled(not busy)
        self.date_card.setEnabled(not busy)
        self.owner_button.setEnabled(not busy)

    def set_running(self, running: bool) -> None:
        self.running = running
        self._busy()
        self.cancel_button.setEnabled(True)
        self.cancel_button.setVisible(True)
        if running:
            self.report_card.hide()
            self.date_card.hide()
            self.dashboard_button.hide()
            self.progress_bar.setRange(0, 0)
            self.progress_label.setText(_("Importing…"))
            self._show_timer.start(SHOW_AFTER_MS)
        else:
            self._show_timer.stop()
            self._hide_later()

    def set_auditing(self, auditing: bool) -> None:
        """The audit that follows an import shows its progress here too."""
        self.auditing = auditing
        self._busy()
        if auditing:
            self.cancel_button.setVisible(False)  # the status bar has the audit's own Stop
            self.progress_bar.setRange(0, 0)
            self.progress_label.setText(_("Checking your chats…"))
            self._shown_at = time.monotonic()
            self.progress_card.show()
        else:
            self._hide_later()

    def _hide_later(self) -> None:
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
        if not self.running and not self.auditing:
            self.progress_card.hide()

    def set_progress(self, progress) -> None:
        total = int(getattr(progress, "total", 0) or 0)
        done = int(getattr(progress, "done", 0) or 0)
        if total > 0:
            self.progress_bar.setRange(0, total)
            self.progress_bar.setValue(min(done, total))
        stage = str(getattr(progress, "stage", "") or "")
        file = str(getattr(progress, "file", "") or "")
        if stage in ("import_file", "redate_file") and file:
            if file != self._last_file:
                self._file_index += 1
                self._last_file = file
            step = (
                _("Reading the chats: file {x} of {n}, {file}")
                if stage == "import_file"
                else _("Reading the dates again: file {x} of {n}, {file}")
            )
            n = max(self._files_total, self._file_index)
            text = step.format(x=format_number(self._file_index), n=format_number(n), file=file)
        elif stage == "owner":
            text = _("Finding the business name…")
        else:  # the start, the end, or a stage this page does not name: never a code
            text = self.progress_label.text() or _("Importing…")
        self.progress_label.setText(text)

    def set_audit_progress(self, progress) -> None:
        if not progress.total:
            return
        self.progress_bar.setRange(0, progress.total)
        self.progress_bar.setValue(progress.done)
        step = _(progress.stage) if progress.stage else ""
        self.progress_label.setText(
            _("Checking your chats: check {x} of {n}, {check}").format(
                x=format_number(min(progress.done + 1, progress.total)),
                n=format_number(progress.total),
                check=step,
            )
        )

    def _cancel(self) -> None:
        self.cancel_button.setEnabled(False)
        self.progress_label.setText(_("Stopping… the file being read is not saved."))
        self.cancel_requested.emit()

    # -- results ---------------------------------------------------------------------------
    def show_cancelled(self) -> None:
        self.report_title.setText(_("Import cancelled"))
        self.summary_label.setText(_("The workspace is as it was before."))
        self._fill([], [])
        # files whose date order is still a guess stay asked about (a stopped re-read, too)
        self.date_card.ask(date_order_files(self.last_files), _example(self.last_files))

    def show_summary(self, summary, owner_known: str | None) -> None:
        files = list(summary.files)
        entries = [file_report_lines(r) for r in files]
        problems = [e for e in entries if e[0] in ("red", "amber")]
        ok = any(is_ok(f) for f in files)
        if ok:
            self.report_title.setText(
                _("Dates read again") if any_redated(files) else _("Import finished")
            )
            self.summary_label.setText(summary_line(files))
        else:
            self.report_title.setText(_("Nothing was imported"))
            self.summary_label.setText(
                _(
                    "Choose the .txt or .zip files that WhatsApp made with 'Export chat' (not "
                    "a backup or a screenshot), or a folder with them, and try again."
                )
                if files
                else _(
                    "No chat exports were found in what you chose. Choose the .txt or .zip "
                    "files that WhatsApp made with 'Export chat', or a folder with them."
                )
            )
        # first: files read again in the order just chosen, then the problems
        first = [e for f, e in zip(files, entries, strict=True) if str(f.status) == "redated"]
        self._fill(first + problems[:MAX_PROBLEMS], entries)
        self.last_files = files
        self.date_card.ask(date_order_files(files), _example(files))
        if not ok:
            self.owner_card.setVisible(not owner_known)
            return
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
        self.owner_card.suggest(candidates, owner)
        self.owner_card.show()
        self.dashboard_button.hide()

    def _fill(self, problems, entries) -> None:
        clear_layout(self.problem_box)
        clear_layout(self.report_box)
        for light, lines in problems:
            self.problem_box.addLayout(_entry_row(light, lines))
        for light, lines in entries:
            self.report_box.addLayout(_entry_row(light, lines))
        self.details_button.setChecked(False)
        self.details_button.setVisible(bool(entries))
        self.report_card.show()

    def _toggle_details(self, shown: bool) -> None:
        self.details.setVisible(shown)
        self.details_button.setText(_("Hide details") if shown else _("Show details"))

    def report_texts(self) -> list[str]:
        """Every sentence of the current report, shown or folded (for tests and screen readers)."""
        out = [t for t in (self.report_title.text(), self.summary_label.text()) if t]
        for box in (self.problem_box, self.report_box):
            for i in range(box.count()):
                row = box.itemAt(i).layout()
                if row and row.count() > 1 and isinstance(row.itemAt(1).widget(), QLabel):
                    out.append(row.itemAt(1).widget().text())
        return out

    def _confirm_owner(self) -> None:
        name = self.owner_combo.currentText().strip()
        if name:
            self.owner_confirmed.emit(name)


MAX_PROBLEMS = 20  # the rest are in the details


def _entry_row(light: str, lines: list[str]) -> QHBoxLayout:
    from wa_audit.ui.widgets import LightTag

    row = QHBoxLayout()
    tag = LightTag(light, 1.1)
    tag.word.hide()
    row.addWidget(tag, 0, Qt.AlignTop)
    row.addWidget(label("\n".join(lines)), 1)
    return row
