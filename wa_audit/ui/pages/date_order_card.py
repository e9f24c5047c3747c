"""The import page's date question: day first or month first, for the files whose dates leave
the order open. It names a file and shows its first message read both ways; a choice emits the
files read the other way (wa_audit.ui.import_flow reads them again)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton

from wa_audit.i18n import _, format_date, format_number, ngettext
from wa_audit.ui.import_report import date_example, date_order_files
from wa_audit.ui.widgets import Card, label


class DateOrderCard(Card):
    """Day first or month first, for the files whose dates leave the order open."""

    chosen = Signal(str, list)  # "dmy" | "mdy", the paths read the other way

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.files: list[tuple[str, str]] = []  # (path, order it was read in)
        self.box.addWidget(label(_("How does your phone write dates?"), "sectionTitle"))
        self.text = label("", "muted")
        self.box.addWidget(self.text)
        self.example = label("")
        self.box.addWidget(self.example)
        row = QHBoxLayout()
        self.day_button = QPushButton(_("Day first (31-12-2026)"))
        self.month_button = QPushButton(_("Month first (12/31/2026)"))
        row.addWidget(self.day_button)
        row.addWidget(self.month_button)
        row.addStretch(1)
        self.box.addLayout(row)
        self.day_button.clicked.connect(lambda: self._choose("dmy"))
        self.month_button.clicked.connect(lambda: self._choose("mdy"))
        self.hide()

    @property
    def paths(self) -> list[str]:
        return [path for path, _order in self.files]

    def ask(self, files: list[tuple[str, str]], example=None) -> None:
        """files: (path, order read in); example: (file name, first day read day first,
        read month first) so the user can tell which is right."""
        self.files = list(files)
        self.example.setVisible(example is not None)
        if example is not None:
            name, day_first, month_first = example
            self.example.setText(
                _(
                    "For example, the first message in {file} is from {day_first} if the day "
                    "comes first, or from {month_first} if the month comes first."
                ).format(
                    file=name,
                    day_first=format_date(day_first, "long"),
                    month_first=format_date(month_first, "long"),
                )
            )
        n = len(self.files)
        orders = {order for _path, order in self.files}
        if orders == {"mdy"}:
            text = ngettext(
                "In {n} file the dates do not show whether the day or the month comes first. "
                "wa-audit read it month first. If your phone shows the day first, choose that "
                "and the file is read again.",
                "In {n} files the dates do not show whether the day or the month comes first. "
                "wa-audit read them month first. If your phone shows the day first, choose "
                "that and the files are read again.",
                n,
            )
        elif orders == {"dmy"}:
            text = ngettext(
                "In {n} file the dates do not show whether the day or the month comes first. "
                "wa-audit read it day first. If your phone shows the month first, choose that "
                "and the file is read again.",
                "In {n} files the dates do not show whether the day or the month comes first. "
                "wa-audit read them day first. If your phone shows the month first, choose "
                "that and the files are read again.",
                n,
            )
        else:
            text = ngettext(
                "In {n} file the dates do not show whether the day or the month comes first. "
                "wa-audit read some day first and some month first. Choose how your phone "
                "writes dates and the others are read again.",
                "In {n} files the dates do not show whether the day or the month comes first. "
                "wa-audit read some day first and some month first. Choose how your phone "
                "writes dates and the others are read again.",
                n,
            )
        self.text.setText(text.format(n=format_number(n)))
        self.setVisible(bool(self.files))

    def _choose(self, order: str) -> None:
        self.hide()
        other = [path for path, read in self.files if read != order]
        if other:  # the files read this way already need nothing
            self.chosen.emit(order, other)


def example(files) -> tuple[str, object, object] | None:
    """(file name, first day read day first, read month first) of the first guessed file."""
    guessed = {path for path, _order in date_order_files(files)}
    for report in files:
        if str(report.path) in guessed and (dates := date_example(report)) is not None:
            return (report.file_name, *dates)
    return None
