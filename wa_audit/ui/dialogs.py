"""Every dialog goes through these few functions, so tests can monkeypatch them and no test
ever waits on a modal window. Texts arrive already translated."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from wa_audit.i18n import _


def error(parent: QWidget | None, text: str, title: str | None = None) -> None:
    QMessageBox.warning(parent, title or _("Something needs your attention"), text)


def info(parent: QWidget | None, text: str, title: str | None = None) -> None:
    QMessageBox.information(parent, title or _("wa-audit"), text)


def confirm(parent: QWidget | None, text: str, title: str | None = None) -> bool:
    answer = QMessageBox.question(parent, title or _("Please confirm"), text)
    return answer == QMessageBox.Yes


def ask_text(parent: QWidget | None, title: str, label: str, text: str = "") -> str | None:
    value, ok = QInputDialog.getText(parent, title, label, text=text)
    value = value.strip()
    return value if ok and value else None


# Qt's own file dialog: in the app's language (qtbase catalogue) and in its palette, where a
# desktop's native dialog would stay English or draw dark text on the dark theme.
OWN_DIALOG = QFileDialog.DontUseNativeDialog


def pick_files(parent: QWidget | None, folder: str = "") -> list[str]:
    files, _filter = QFileDialog.getOpenFileNames(
        parent,
        _("Choose chat exports"),
        folder,
        _("WhatsApp chat exports (*.txt *.zip);;All files (*)"),
        options=OWN_DIALOG,
    )
    return files


def pick_folder(parent: QWidget | None, folder: str = "") -> str | None:
    return QFileDialog.getExistingDirectory(
        parent,
        _("Choose a folder with chat exports"),
        folder,
        QFileDialog.ShowDirsOnly | OWN_DIALOG,
    )


def pick_workspace(parent: QWidget | None, folder: str = "") -> str | None:
    path, _filter = QFileDialog.getOpenFileName(
        parent,
        _("Open a workspace"),
        folder,
        _("wa-audit workspaces (*.db);;All files (*)"),
        options=OWN_DIALOG,
    )
    return path or None


def save_report(parent: QWidget | None, suggested: str) -> str | None:
    path, chosen = QFileDialog.getSaveFileName(
        parent,
        _("Save the report"),
        suggested,
        _("PDF document (*.pdf);;Web page (*.html)"),
        options=OWN_DIALOG,
    )
    if not path:
        return None
    if not path.lower().endswith((".pdf", ".html", ".htm")):
        path += ".html" if "html" in chosen else ".pdf"
    return path


def save_list(parent: QWidget | None, suggested: str, json_too: bool = False) -> str | None:
    filters = _("Spreadsheet (*.csv)")
    if json_too:
        filters += ";;" + _("JSON for tools (*.json)")
    path, chosen = QFileDialog.getSaveFileName(
        parent, _("Save the list"), suggested, filters, options=OWN_DIALOG
    )
    if not path:
        return None
    if not path.lower().endswith((".csv", ".json")):
        path += ".json" if "json" in chosen else ".csv"
    return path


def crash(parent: QWidget | None, report: str) -> None:
    CrashDialog(report, parent).exec()


class CrashDialog(QDialog):
    """Unexpected error: a report the user can copy. It never holds message text or numbers."""

    def __init__(self, report: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("wa-audit ran into a problem"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            _(
                "Something unexpected went wrong. Your workspace is safe: an unfinished import "
                "is rolled back. If it happens again, copy the report below and send it to your "
                "supplier. It contains no messages, names or phone numbers."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.text = QPlainTextEdit(report)
        self.text.setReadOnly(True)
        self.text.setMinimumSize(560, 260)
        layout.addWidget(self.text)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        copy = buttons.addButton(_("Copy report"), QDialogButtonBox.ActionRole)
        copy.clicked.connect(lambda: QApplication.clipboard().setText(report))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def saved(parent: QWidget | None, path: str, text: str) -> None:
    """A file was written: say so, and offer to open it or show it in its folder."""
    box = QMessageBox(QMessageBox.Information, _("Saved"), text, QMessageBox.NoButton, parent)
    open_button = box.addButton(_("Open"), QMessageBox.AcceptRole)
    folder_button = box.addButton(_("Show in folder"), QMessageBox.ActionRole)
    box.addButton(_("Close"), QMessageBox.RejectRole)
    box.setDefaultButton(open_button)
    box.exec()
    if box.clickedButton() is open_button:
        open_path(path)
    elif box.clickedButton() is folder_button:
        open_path(str(Path(path).parent))


def open_path(path: str) -> bool:
    """Open a file or folder with the desktop's own program (offline: a local file URL)."""
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    return QDesktopServices.openUrl(QUrl.fromLocalFile(path))
