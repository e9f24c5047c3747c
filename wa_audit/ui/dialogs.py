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


# Qt's own file dialog: in the app's language and in its palette, where a desktop's native dialog
# would stay English or draw dark text on the dark theme. Qt's catalogue leaves "Look in" and
# "Files of type" untranslated for Dutch, so those labels come from ours.
OWN_DIALOG = QFileDialog.DontUseNativeDialog


def _file_dialog(parent, title: str, folder: str, filters: str = "") -> QFileDialog:
    d = QFileDialog(parent, title, folder, filters)
    d.setOption(OWN_DIALOG)
    d.setLabelText(QFileDialog.LookIn, _("Look in:"))
    d.setLabelText(QFileDialog.FileName, _("File name:"))
    d.setLabelText(QFileDialog.FileType, _("Files of type:"))
    d.setLabelText(QFileDialog.Reject, _("Cancel"))
    return d


def _run(d: QFileDialog) -> list[str]:
    return d.selectedFiles() if d.exec() == QDialog.Accepted else []


def pick_files(parent: QWidget | None, folder: str = "") -> list[str]:
    d = _file_dialog(
        parent,
        _("Choose chat exports"),
        folder,
        _("WhatsApp chat exports (*.txt *.zip);;All files (*)"),
    )
    d.setFileMode(QFileDialog.ExistingFiles)
    d.setLabelText(QFileDialog.Accept, _("Open"))
    return _run(d)


def pick_folder(parent: QWidget | None, folder: str = "") -> str | None:
    d = _file_dialog(parent, _("Choose a folder with chat exports"), folder)
    d.setFileMode(QFileDialog.Directory)
    d.setOption(QFileDialog.ShowDirsOnly)
    d.setLabelText(QFileDialog.Accept, _("Choose"))
    chosen = _run(d)
    return chosen[0] if chosen else None


def pick_workspace(parent: QWidget | None, folder: str = "") -> str | None:
    d = _file_dialog(
        parent, _("Open a workspace"), folder, _("wa-audit workspaces (*.db);;All files (*)")
    )
    d.setFileMode(QFileDialog.ExistingFile)
    d.setLabelText(QFileDialog.Accept, _("Open"))
    chosen = _run(d)
    return chosen[0] if chosen else None


def _save_as(parent, title: str, suggested: str, filters: str) -> tuple[str, str]:
    d = _file_dialog(parent, title, str(Path(suggested).parent), filters)
    d.setAcceptMode(QFileDialog.AcceptSave)
    d.setFileMode(QFileDialog.AnyFile)
    d.selectFile(Path(suggested).name)
    d.setLabelText(QFileDialog.Accept, _("Save"))
    chosen = _run(d)
    return (chosen[0] if chosen else "", d.selectedNameFilter())


def save_report(parent: QWidget | None, suggested: str) -> str | None:
    path, chosen = _save_as(
        parent, _("Save the report"), suggested, _("PDF document (*.pdf);;Web page (*.html)")
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
    path, chosen = _save_as(parent, _("Save the list"), suggested, filters)
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
