"""Starting the desktop app: QApplication, languages, theme, crash dialog, screenshot mode.

The CLI calls `run(args)` with .demo, .db, .lang (en|nl|de|None) and .screenshot (dir|None).
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from wa_audit.ui import crash
from wa_audit.ui.crash import crash_report, show_crash
from wa_audit.ui.language import apply_language, resolve_language

log = logging.getLogger(__name__)

__all__ = ["apply_language", "crash_report", "create_app", "resolve_language", "run", "show_crash"]

SCREENSHOT_SIZE = (1280, 860)
SCREENSHOT_PAGES = ("start", "import", "dashboard", "evidence", "guidance", "lists", "settings")


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
    crash.set_window(window)
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
    from wa_audit.ui.tasks import import_files

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
