"""About wa-audit, reached from Settings: version, MIT licence, third-party licences (nl/de/en)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from wa_audit import __version__, i18n
from wa_audit.ui.pages.settings_page import SettingsPage

TITLES = {
    "en": ("About wa-audit", "Third-party licences"),
    "nl": ("Over wa-audit", "Licenties van derden"),
    "de": ("Über wa-audit", "Lizenzen Dritter"),
}


def _settings(qtbot) -> SettingsPage:
    page = SettingsPage("system", "system", "standard", (22, 7), has_workspace=False)
    qtbot.addWidget(page)
    return page


@pytest.mark.parametrize("lang", ["en", "nl", "de"])
def test_about_from_settings_shows_version_licence_and_third_party_notices(qtbot, lang):
    i18n.set_language(lang)
    page = _settings(qtbot)
    about_title, third_title = TITLES[lang]
    assert page.about_button.text() == about_title
    qtbot.mouseClick(page.about_button, Qt.LeftButton)
    from wa_audit.ui.about import AboutDialog

    (dialog,) = page.findChildren(AboutDialog)
    qtbot.waitExposed(dialog)
    assert dialog.windowTitle() == about_title
    assert not dialog.isModal()
    assert dialog.third_party_button.text() == third_title
    assert "MIT License" in dialog.licence.toPlainText()
    shown = " ".join(w.text() for w in dialog.findChildren(type(page.title)))
    assert __version__ in shown and "Qt" in shown and "PySide6" in shown

    third = dialog.show_third_party()
    with qtbot.waitSignal(third.loaded, timeout=20000):
        pass
    assert third.windowTitle() == third_title
    text = third.view.toPlainText()
    assert text.startswith(f"THIRD-PARTY NOTICES FOR WA-AUDIT {__version__}")
    assert "wa-audit uses the Qt" in text and "GNU LESSER GENERAL PUBLIC LICENSE" in text
    dialog.close()


def test_an_unreadable_notices_file_is_said_in_one_sentence(qtbot, monkeypatch):
    from wa_audit import licenses
    from wa_audit.ui.about import ThirdPartyDialog

    def broken():
        raise OSError("disk")

    monkeypatch.setattr(licenses, "notices_text", broken)
    dialog = ThirdPartyDialog()
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.loaded, timeout=10000):
        pass
    assert dialog.view.toPlainText() == (
        "The licences could not be read (OSError). Reinstall wa-audit."
    )
