"""UI test fixtures: never hang on a modal dialog, temp QSettings, no leftover jobs.

TOOLCHAIN.md §4: QMessageBox's static helpers raise, and a 100 ms timer rejects any modal
widget that still opens and fails the test at teardown. Tests that drive a dialog themselves
use @pytest.mark.allow_modal.
"""

from __future__ import annotations

import pytest

from . import fakes


@pytest.fixture(autouse=True)
def _temp_qsettings(tmp_path, qapp):
    from PySide6.QtCore import QSettings

    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, str(tmp_path / "qsettings"))
    from wa_audit.ui.theme import apply_theme

    apply_theme(qapp, "light")
    yield


@pytest.fixture(autouse=True)
def _no_modals(request, monkeypatch, qapp):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    if request.node.get_closest_marker("allow_modal"):
        yield
        return

    def refuse(*args, **kwargs):
        raise AssertionError("a QMessageBox opened in a test; monkeypatch wa_audit.ui.dialogs")

    for name in ("information", "warning", "critical", "question", "about"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(refuse))
    seen: list[str] = []

    def sweep() -> None:
        w = QApplication.activeModalWidget()
        if w is not None:
            seen.append(type(w).__name__)
            w.reject() if hasattr(w, "reject") else w.close()

    timer = QTimer()
    timer.setInterval(100)
    timer.timeout.connect(sweep)
    timer.start()
    yield
    timer.stop()
    assert not seen, f"modal dialogs opened during the test: {seen}"


@pytest.fixture
def dialog_log(monkeypatch):
    """Every call through wa_audit.ui.dialogs, recorded instead of shown."""
    from wa_audit.ui import dialogs

    calls: list[tuple[str, tuple]] = []
    for name in ("error", "info", "crash", "saved"):
        monkeypatch.setattr(
            dialogs, name, lambda *a, _n=name, **k: calls.append((_n, a[1:])) or None
        )
    monkeypatch.setattr(
        dialogs, "confirm", lambda *a, **k: calls.append(("confirm", a[1:])) or True
    )
    monkeypatch.setattr(
        dialogs, "ask_text", lambda *a, **k: calls.append(("ask_text", a[1:])) or None
    )
    return calls


@pytest.fixture
def audit_calls(monkeypatch):
    """The audit replaced by the fake report (fast, known content); counts the runs."""
    import wa_audit.audit

    calls: list[int] = []

    def fake_run_audit(db, sensitivity=None, audit_date=None, progress=None):
        calls.append(1)
        if progress:
            progress(1, 1, "done")
        return fakes.fake_report(db)

    monkeypatch.setattr(wa_audit.audit, "run_audit", fake_run_audit)
    return calls


@pytest.fixture
def window(qtbot, dialog_log):
    from wa_audit.ui.language import apply_language
    from wa_audit.ui.main_window import MainWindow

    apply_language("en")
    w = MainWindow("en")
    qtbot.addWidget(w)
    w.resize(1200, 800)
    w.show()
    yield w
    w.runner.cancel_all()
    assert w.runner.wait(20000), "a worker job was still running after the test"
    w.close()


@pytest.fixture
def exports(tmp_path):
    return fakes.write_exports(tmp_path / "exports", 4)
