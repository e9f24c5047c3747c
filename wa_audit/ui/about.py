"""About wa-audit (from Settings): the version, wa-audit's own licence, and the third-party
licences and notices, among them the notice that wa-audit uses Qt under the LGPL-3.0.

The notices are read (bundle: the shipped THIRD-PARTY-NOTICES.txt) or collected (from source)
by wa_audit.licenses on a worker thread; the dialogs are not modal.
"""

from __future__ import annotations

import contextlib
import threading

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wa_audit import __version__, licenses
from wa_audit.i18n import _
from wa_audit.ui.widgets import label


def _text_view(text: str, lines: int) -> QPlainTextEdit:
    view = QPlainTextEdit(text)
    view.setReadOnly(True)
    view.setLineWrapMode(QPlainTextEdit.NoWrap)
    view.setFont(QFontDatabase.systemFont(QFontDatabase.FixedFont))
    view.setMinimumHeight(view.fontMetrics().lineSpacing() * lines)
    view.setMinimumWidth(view.fontMetrics().horizontalAdvance("M") * 84)
    return view


class _Loaded(QObject):
    done = Signal(str)


class ThirdPartyDialog(QDialog):
    """The full THIRD-PARTY-NOTICES text, loaded off the GUI thread."""

    loaded = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Third-party licences"))
        box = QVBoxLayout(self)
        box.addWidget(
            label(
                _(
                    "wa-audit uses software by others, each under its own licence. The same "
                    "text is in the file THIRD-PARTY-NOTICES.txt that comes with wa-audit; "
                    "the folder 'licenses' next to it holds each licence as a separate file."
                )
            )
        )
        self.view = _text_view(_("Loading the licences…"), 24)
        self.view.setAccessibleName(_("Third-party licences"))
        box.addWidget(self.view, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        box.addWidget(buttons)
        self._signal = _Loaded(self)
        self._signal.done.connect(self._show, Qt.QueuedConnection)
        threading.Thread(target=self._load, name="licences", daemon=True).start()

    def _load(self) -> None:
        try:
            text = licenses.notices_text()
        except Exception as exc:  # a broken installation: say so instead of an empty window
            text = _("The licences could not be read ({error}). Reinstall wa-audit.").format(
                error=type(exc).__name__
            )
        # RuntimeError: the dialog was closed before the licences were read
        with contextlib.suppress(RuntimeError):
            self._signal.done.emit(text)

    def _show(self, text: str) -> None:
        self.view.setPlainText(text)
        self.loaded.emit()


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("About wa-audit"))
        box = QVBoxLayout(self)
        box.addWidget(label(_("wa-audit {version}").format(version=__version__), "sectionTitle"))
        box.addWidget(
            label(
                _(
                    "Checks WhatsApp Business chat exports against WhatsApp's rules on bulk, "
                    "automated and unsolicited messages. Works offline."
                )
            )
        )
        box.addWidget(label(_("wa-audit is free software under the MIT licence:")))
        self.licence = _text_view(licenses.own_licence_text(), 10)
        self.licence.setAccessibleName(_("The MIT licence of wa-audit"))
        box.addWidget(self.licence, 1)
        box.addWidget(
            label(
                _(
                    "wa-audit uses Qt and Qt for Python (PySide6) under the GNU Lesser General "
                    "Public License version 3, and other open-source software. Their licences, "
                    "where to get Qt's source code and how to replace the Qt libraries are under "
                    "Third-party licences."
                )
            )
        )
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        self.third_party_button = QPushButton(_("Third-party licences"))
        buttons.addButton(self.third_party_button, QDialogButtonBox.ActionRole)
        buttons.rejected.connect(self.reject)
        self.third_party_button.clicked.connect(self.show_third_party)
        box.addWidget(buttons)
        self.third_party: ThirdPartyDialog | None = None

    def show_third_party(self) -> ThirdPartyDialog:
        self.third_party = ThirdPartyDialog(self)
        self.third_party.setAttribute(Qt.WA_DeleteOnClose)
        self.third_party.resize(self.third_party.sizeHint().expandedTo(self.size()))
        self.third_party.show()
        return self.third_party


def show_about(parent: QWidget | None) -> AboutDialog:
    dialog = AboutDialog(parent)
    dialog.setAttribute(Qt.WA_DeleteOnClose)
    dialog.show()
    return dialog
