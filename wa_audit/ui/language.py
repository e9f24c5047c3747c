"""The UI language: our gettext catalogs plus Qt's own translations (dialog buttons)."""

from __future__ import annotations

import logging

from wa_audit.i18n import set_language, system_language

log = logging.getLogger(__name__)

_qt_translator = None


def resolve_language(choice: str | None) -> str:
    if not choice or choice == "system":
        return system_language()
    return choice


def apply_language(choice: str | None) -> str:
    """Our gettext catalogs + Qt's own qtbase_<lang>.qm (dialog buttons, context menus)."""
    global _qt_translator
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
    from PySide6.QtWidgets import QApplication

    lang = set_language(resolve_language(choice))
    app = QApplication.instance()
    QLocale.setDefault(QLocale({"en": "en_GB", "nl": "nl_NL", "de": "de_DE"}[lang]))
    if app is not None:
        if _qt_translator is not None:
            app.removeTranslator(_qt_translator)
            _qt_translator = None
        if lang != "en":
            translator = QTranslator(app)
            path = QLibraryInfo.path(QLibraryInfo.TranslationsPath)
            if translator.load(QLocale(lang), "qtbase", "_", path):
                app.installTranslator(translator)
                _qt_translator = translator
            else:
                log.info("no qtbase translation for %s", lang)
    return lang
