"""With the real audit engine: export the report, mark a finding explained, history."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from . import fakes


@pytest.fixture
def audited(qtbot, window, exports):
    exports = [*exports, fakes.write_optout_chat(exports[0].parent)]
    with qtbot.waitSignal(window.workspace_opened, timeout=10000):
        window.create_workspace("Bakkerij Jansen")
    with qtbot.waitSignal(window.import_finished, timeout=20000):
        window.start_import([str(p) for p in exports])
    with (
        qtbot.waitSignal(window.lists_loaded, timeout=60000),
        qtbot.waitSignal(window.audit_finished, timeout=60000),
    ):
        window.confirm_owner(fakes.OWNER)
    return window


@pytest.mark.parametrize("suffix", [".html", ".pdf"])
def test_export_report_from_the_dashboard(
    qtbot, audited, tmp_path, monkeypatch, dialog_log, suffix
):
    from wa_audit.ui import dialogs

    out = tmp_path / f"report{suffix}"
    monkeypatch.setattr(dialogs, "save_report", lambda parent, suggested: str(out))
    audited.go("dashboard")
    with qtbot.waitSignal(audited.report_saved, timeout=60000):
        qtbot.mouseClick(audited.dashboard_page.export_button, Qt.LeftButton)
    assert out.stat().st_size > 1000
    assert [c[0] for c in dialog_log] == ["saved"]  # with Open and Show in folder
    assert dialog_log[0][1][0] == str(out)


def test_mark_explained_and_count_again(qtbot, audited, monkeypatch):
    from wa_audit.ui import dialogs

    rule = audited.outcome.report.findings[0].rule
    audited.show_card(rule)
    ev = audited.evidence_page
    assert ev.explain_button.isVisibleTo(audited) and not ev.reopen_button.isVisibleTo(audited)
    monkeypatch.setattr(dialogs, "ask_text", lambda *a, **k: "Seasonal newsletter, all opted in")
    with qtbot.waitSignal(audited.audit_finished, timeout=60000):
        qtbot.mouseClick(ev.explain_button, Qt.LeftButton)
    assert audited.outcome.report.finding(rule).result.explained
    audited.show_card(rule)
    assert "Seasonal newsletter" in ev.explained.text()
    assert ev.reopen_button.isVisibleTo(audited)
    with qtbot.waitSignal(audited.audit_finished, timeout=60000):
        qtbot.mouseClick(ev.reopen_button, Qt.LeftButton)
    assert not audited.outcome.report.finding(rule).result.explained


def test_stop_list_and_draft_templates(qtbot, audited, tmp_path, monkeypatch):
    from wa_audit.ui import dialogs

    audited.go("lists")
    page = audited.lists_page
    assert page.optouts.rowCount() == 1
    assert page.optouts.index(0, 0).data() == "Karin Vos"
    assert "remove from your lists" in page.optouts.index(0, 3).data()
    assert page.templates.rowCount() >= 1
    out = tmp_path / "stop.csv"
    monkeypatch.setattr(dialogs, "save_list", lambda *a, **k: str(out))
    with qtbot.waitSignal(audited.list_saved, timeout=20000):
        qtbot.mouseClick(page.save_optouts, Qt.LeftButton)
    assert "Karin Vos" in out.read_text(encoding="utf-8")
