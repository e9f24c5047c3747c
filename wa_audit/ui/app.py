"""Starting the desktop app: QApplication, languages, theme, crash dialog, screenshot mode.

The CLI calls `run(args)` with .demo, .db, .lang (en|nl|de|None) and .screenshot (dir|None).
"""

from __future__ import annotations

import logging
import os
import platform
import sys
import traceback
from pathlib import Path
from types import TracebackType

from wa_audit import __version__
from wa_audit.i18n import current_language, set_language, system_language

log = logging.getLogger(__name__)

SCREENSHOT_SIZE = (1280, 860)
SCREENSHOT_PAGES = ("start", "import", "dashboard", "evidence", "guidance", "lists", "settings")

_qt_translator = None
_window = None
_crash_showing = False


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


def crash_report(
    exc_type: type[BaseException], exc: BaseException | None, tb: TracebackType | None
) -> str:
    """Version, OS, exception type and the code locations. Never the exception's message or
    any local variable: both can hold chat text, names or phone numbers."""
    try:
        from PySide6 import __version__ as pyside_version
    except ImportError:  # pragma: no cover
        pyside_version = "?"
    lines = [
        f"wa-audit {__version__}",
        f"Python {platform.python_version()} · PySide6 {pyside_version}",
        f"{platform.system()} {platform.release()} ({platform.machine()})",
        f"UI language: {current_language()}",
        "",
        f"Error type: {exc_type.__module__}.{exc_type.__qualname__}",
        "Where (innermost last):",
    ]
    for frame in traceback.extract_tb(tb):
        path = Path(frame.filename)
        parts = path.parts
        short = "/".join(parts[parts.index("wa_audit") :]) if "wa_audit" in parts else path.name
        lines.append(f"  {short}:{frame.lineno} in {frame.name}")
    return "\n".join(lines)


def show_crash(exc_type, exc, tb) -> None:
    """sys.excepthook: a copyable report in a dialog (or on stderr without a window)."""
    global _crash_showing
    report = crash_report(exc_type, exc, tb)
    sys.stderr.write(report + "\n")
    from PySide6.QtWidgets import QApplication

    if (
        QApplication.instance() is None
        or _crash_showing
        or os.environ.get("WA_AUDIT_NO_CRASH_DIALOG")
    ):
        return
    from wa_audit.ui import dialogs

    _crash_showing = True
    try:
        dialogs.crash(_window, report)
    finally:
        _crash_showing = False


def create_app(argv: list[str] | None = None):
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    from wa_audit.ui import settings
    from wa_audit.ui.theme import app_icon, apply_theme

    app = QApplication.instance() or QApplication(argv or [sys.argv[0]])
    QCoreApplication.setOrganizationName(settings.ORGANIZATION)
    QCoreApplication.setApplicationName(settings.APPLICATION)
    app.setApplicationDisplayName("wa-audit")
    app.setWindowIcon(app_icon())
    apply_theme(app, settings.get(settings.THEME))
    return app


def run(args) -> int:
    """Open the app. With args.screenshot, render every screen to that folder and exit 0."""
    global _window
    from wa_audit.ui import settings

    shot_dir = getattr(args, "screenshot", None)
    if shot_dir and not os.environ.get("QT_QPA_PLATFORM") and not os.environ.get("DISPLAY"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    app = create_app()
    choice = getattr(args, "lang", None) or settings.get(settings.LANGUAGE)
    apply_language(choice)

    from wa_audit.ui.main_window import MainWindow

    window = MainWindow(
        language_setting=getattr(args, "lang", None) or settings.get(settings.LANGUAGE)
    )
    _window = window
    previous_hook = sys.excepthook
    sys.excepthook = show_crash
    try:
        if shot_dir:
            return _screenshots(app, window, args, Path(shot_dir))
        window.show()
        if getattr(args, "demo", False):
            window.open_demo()
        elif getattr(args, "db", None):
            window.open_workspace(str(Path(args.db).resolve()))
        elif (last := settings.get(settings.LAST_WORKSPACE)) and Path(last).exists():
            window.open_workspace(last)
        return app.exec()
    finally:
        sys.excepthook = previous_hook
        window.runner.cancel_all()
        window.runner.wait(10000)


def _wait(app, predicate, timeout_s: float = 120) -> bool:
    import time

    deadline = time.monotonic() + timeout_s
    while not predicate():
        if time.monotonic() > deadline:
            return False
        app.processEvents()
        time.sleep(0.01)
    return True


def _sample_import_report(window) -> None:
    """The import page with a real per-file report: some demo exports into a scratch DB."""
    import tempfile

    from wa_audit.demo import write_demo_exports
    from wa_audit.ui.jobs import import_files

    with tempfile.TemporaryDirectory() as tmp:
        files = write_demo_exports(Path(tmp) / "exports")[:6]
        gen = import_files([str(f) for f in files], str(Path(tmp) / "scratch.db"), None)
        try:
            while True:
                next(gen)
        except StopIteration as stop:
            window.import_page.show_summary(stop.value, None)


def _screenshots(app, window, args, folder: Path) -> int:
    """Every page as it looks with the demo (or --db) workspace, at a fixed window size."""
    from wa_audit.ui.page_text import write_page_text

    folder.mkdir(parents=True, exist_ok=True)
    window.resize(*SCREENSHOT_SIZE)
    window.show()
    if getattr(args, "db", None):
        window.open_workspace(str(Path(args.db).resolve()))
    else:
        window.open_demo()
    ok = _wait(app, lambda: window.outcome is not None and window.runner.active() == 0)
    if not ok:
        sys.stderr.write("screenshot: the audit did not finish in time\n")
        return 1
    reds = [
        c
        for c in (window.dashboard_page.dashboard.cards if window.dashboard_page.dashboard else [])
        if c.evidence
    ]
    for name in SCREENSHOT_PAGES:
        if name == "import" and not getattr(args, "db", None):
            _sample_import_report(window)
        if name == "evidence" and reds:
            window.show_card(reds[0].rule)
            rows = window.evidence_page.model.rowCount()
            if rows:
                window.show_context(window.evidence_page.current_row())
        window.go(name)
        for _ in range(5):
            app.processEvents()
        window.grab().save(str(folder / f"{name}.png"))
        write_page_text(window, folder / f"{name}.txt")
        if name in ("dashboard", "guidance"):
            # the whole page, not only what fits in the window (README and review)
            window.pages[name].body.grab().save(str(folder / f"{name}-full.png"))
    window.close()
    return 0
