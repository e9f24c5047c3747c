"""Settings: language, appearance, and the audit's sensitivity and night hours."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QHBoxLayout, QPushButton, QSpinBox

from wa_audit.i18n import N_, _
from wa_audit.ui.widgets import Card, Page, label

LANGUAGE_CHOICES = (
    ("system", N_("Same as this computer")),
    ("en", "English"),
    ("nl", "Nederlands"),
    ("de", "Deutsch"),
)
THEME_CHOICES = (
    ("system", N_("Same as this computer")),
    ("light", N_("Light mode")),
    ("dark", N_("Dark mode")),
)
SENSITIVITY_CHOICES = (
    ("relaxed", N_("Relaxed: only clear problems")),
    ("standard", N_("Standard (recommended)")),
    ("strict", N_("Strict: also early warning signs")),
)


def _combo(choices, current: str, name: str) -> QComboBox:
    box = QComboBox()
    box.setAccessibleName(name)
    for value, text in choices:
        box.addItem(_(text), value)
    i = box.findData(current)
    box.setCurrentIndex(max(i, 0))
    box.setSizeAdjustPolicy(QComboBox.AdjustToContents)
    return box


class SettingsPage(Page):
    language_changed = Signal(str)
    theme_changed = Signal(str)
    audit_settings_changed = Signal(str, int, int)  # sensitivity, night start, night end

    def __init__(
        self,
        language: str,
        theme: str,
        sensitivity: str,
        night: tuple[int, int],
        has_workspace: bool,
        parent=None,
    ) -> None:
        super().__init__(_("Settings"), parent=parent)
        app = Card()
        app.box.addWidget(label(_("This computer"), "sectionTitle"))
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldsStayAtSizeHint)
        form.setLabelAlignment(Qt.AlignLeft | Qt.AlignVCenter)
        self.language = _combo(LANGUAGE_CHOICES, language, _("Language"))
        self.theme = _combo(THEME_CHOICES, theme, _("Appearance"))
        form.addRow(_("Language"), self.language)
        form.addRow(_("Appearance"), self.theme)
        app.box.addLayout(form)
        self.content.addWidget(app)

        audit = Card()
        audit.box.addWidget(label(_("Audit of this workspace"), "sectionTitle"))
        audit.box.addWidget(
            label(_("Saved in the workspace, so the same audit can be repeated later."), "muted")
        )
        aform = QFormLayout()
        aform.setRowWrapPolicy(QFormLayout.WrapLongRows)
        aform.setFieldGrowthPolicy(QFormLayout.FieldsStayAtSizeHint)
        aform.setLabelAlignment(Qt.AlignLeft | Qt.AlignVCenter)
        self.sensitivity = _combo(SENSITIVITY_CHOICES, sensitivity, _("Sensitivity"))
        aform.addRow(_("Sensitivity"), self.sensitivity)
        night_row = QHBoxLayout()
        self.night_start = QSpinBox()
        self.night_end = QSpinBox()
        for spin, value, name in (
            (self.night_start, night[0], _("Night starts at")),
            (self.night_end, night[1], _("Night ends at")),
        ):
            spin.setRange(0, 23)
            spin.setSuffix(_(":00"))
            spin.setValue(value)
            spin.setAccessibleName(name)
        night_row.addWidget(self.night_start)
        night_row.addWidget(label(_("to"), wrap=False))
        night_row.addWidget(self.night_end)
        night_row.addStretch(1)
        aform.addRow(_("Night hours"), night_row)
        audit.box.addLayout(aform)
        arow = QHBoxLayout()
        self.apply_button = QPushButton(_("Save and run the audit again"))
        self.apply_button.setObjectName("primary")
        arow.addWidget(self.apply_button)
        arow.addStretch(1)
        audit.box.addLayout(arow)
        audit.setEnabled(has_workspace)
        self.content.addWidget(audit)
        about_row = QHBoxLayout()
        self.about_button = QPushButton(_("About wa-audit"))
        self.about_button.clicked.connect(self.show_about)
        about_row.addWidget(self.about_button)
        about_row.addStretch(1)
        self.content.addLayout(about_row)
        self.content.addStretch(1)

        self.language.activated.connect(
            lambda _i: self.language_changed.emit(self.language.currentData())
        )
        self.theme.activated.connect(lambda _i: self.theme_changed.emit(self.theme.currentData()))
        self.apply_button.clicked.connect(
            lambda: self.audit_settings_changed.emit(
                self.sensitivity.currentData(), self.night_start.value(), self.night_end.value()
            )
        )

    def show_about(self):
        from wa_audit.ui.about import show_about  # version, licences; opened rarely

        return show_about(self)
