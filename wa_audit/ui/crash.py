"""The crash service: sys.excepthook shows a copyable report (never message text)."""

from __future__ import annotations

import os
import platform
import sys
import traceback
from pathlib import Path
from types import TracebackType

from wa_audit import __version__
from wa_audit.i18n import current_language

_window = None  # the main window, parent of the crash dialog
_crash_showing = False


def set_window(window) -> None:
    global _window
    _window = window


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
