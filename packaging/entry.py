"""PyInstaller entry point: the same `main` the `wa-audit` console script runs.

With WA_AUDIT_STARTUP_PROBE=1 (benchmarks/bench_startup.py) the program runs normally until the
main window has painted for the first time, then prints one JSON line - seconds since the
process started and which heavy modules were already imported - and quits. The probe only
watches; start-up itself is the real one, in the source tree and in the bundle alike.
"""

from __future__ import annotations

import os
import sys
import time

_T0 = time.perf_counter()
HEAVY = ("pandas", "numpy", "rapidfuzz", "phonenumbers", "sqlite_utils", "wa_audit.rules.")


def _process_age() -> float:
    """Seconds since this process was started (exec), where the OS tells; else since import."""
    try:
        with open("/proc/self/stat", encoding="ascii") as f:
            start_ticks = int(f.read().rsplit(")", 1)[1].split()[19])
        with open("/proc/uptime", encoding="ascii") as f:
            uptime = float(f.read().split()[0])
        return uptime - start_ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, AttributeError):  # not Linux
        return time.perf_counter() - _T0


def _install_probe() -> None:
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    import wa_audit.ui.app as ui_app

    class Probe(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint and isinstance(obj, QMainWindow):
                QApplication.instance().removeEventFilter(self)
                QTimer.singleShot(0, lambda: _report(obj))
            return False

    def _report(window) -> None:
        import json

        heavy = sorted(
            m
            for m in sys.modules
            if m.startswith(HEAVY) and not m.startswith("wa_audit.rules.base")
        )
        print(
            json.dumps(
                {
                    "shown_s": round(_process_age(), 4),
                    "window": type(window).__name__,
                    "eager": sorted({m.split(".")[0] for m in heavy if not m.startswith("wa_")})
                    + [m for m in heavy if m.startswith("wa_audit.")],
                }
            ),
            flush=True,
        )
        QApplication.instance().quit()

    original = ui_app.create_app
    probe = Probe()

    def create_app(*args, **kwargs):
        app = original(*args, **kwargs)
        app.installEventFilter(probe)
        return app

    ui_app.create_app = create_app


if __name__ == "__main__":
    if os.environ.get("WA_AUDIT_STARTUP_PROBE") == "1":
        _install_probe()
    from wa_audit.cli import main

    sys.exit(main())
