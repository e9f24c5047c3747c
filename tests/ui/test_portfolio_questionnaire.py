"""The questionnaire and the Portfolio page, on real workspaces (persona exports, real audit)."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import Qt

from tests.rules.conftest import build_persona_db


def _workspace(window, persona: str, name: str, **params):
    folder = window.workspaces.folder()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.wa-audit.db"
    shutil.copy(build_persona_db(persona, params), path)
    return path


def _open(qtbot, window, path):
    with qtbot.waitSignal(window.audit_finished, timeout=60000):
        window.open_workspace(str(path))


def test_questionnaire_changes_the_lights_and_says_why(qtbot, window):
    from wa_audit.audit.assess import current_answers, questions

    path = _workspace(window, "cold_outreach", "cold")
    _open(qtbot, window, path)
    ctl = window.portfolio_ctl
    assert window.outcome.report.light_of("R09") == "red"
    assert ctl.banner.isVisible()
    n = len(questions())
    assert ctl.banner_head.text() == f"{n} questions would make this audit more reliable"
    qtbot.mouseClick(ctl.banner, Qt.LeftButton)
    assert window.current_page() == "questionnaire"
    page = ctl.questionnaire
    assert len(page.rows) == n and page.save_button.isEnabled()
    qtbot.mouseClick(page.rows["written_optin"].buttons["yes"], Qt.LeftButton)
    qtbot.mouseClick(page.rows["warned"].buttons["yes"], Qt.LeftButton)
    qtbot.mouseClick(page.rows["number_age"].buttons["unknown"], Qt.LeftButton)
    # an answer can be taken back: the question stays skipped
    qtbot.mouseClick(page.rows["sending_tool"].buttons["no"], Qt.LeftButton)
    qtbot.mouseClick(page.rows["sending_tool"].buttons["no"], Qt.LeftButton)
    assert page.answers()["sending_tool"] is None
    assert page.answers()["written_optin"] == "yes"
    with qtbot.waitSignal(window.audit_finished, timeout=60000):
        qtbot.mouseClick(page.save_button, Qt.LeftButton)
    assert window.current_page() == "dashboard"
    report = window.outcome.report
    assert report.light_of("R09") == "amber"  # one step lower, never red to green
    assert ctl.banner_head.text().startswith("WhatsApp has already warned")
    assert "changed 1 light:" in ctl.banner_text.text()
    assert "(R09): Red → Amber" in ctl.banner_text.text()
    saved = current_answers(window.read_db)
    assert {k: v for k, (v, _w) in saved.items()} == {
        "written_optin": "yes",
        "warned": "yes",
        "number_age": "unknown",
    }
    window.go("questionnaire")
    assert page.rows["written_optin"].buttons["yes"].isChecked()
    effect = page.rows["written_optin"].effect.text()
    assert "R09" in effect and "Red → Amber" in effect
    assert "limits" in page.rows["number_age"].effect.text()
    assert not page.rows["stop_requests"].effect.isVisible()


def test_questionnaire_without_workspace_cannot_save(qtbot, window):
    window.go("questionnaire")
    page = window.portfolio_ctl.questionnaire
    assert not page.save_button.isEnabled()
    assert not window.portfolio_ctl.banner.isVisible()


@pytest.fixture
def three_workspaces(window):
    from wa_audit.audit import run_audit
    from wa_audit.store.db import open_db

    paths = {
        "shop": _workspace(window, "normal_shop", "shop"),
        "tool": _workspace(window, "bulk_tool", "tool"),
        "nagging": _workspace(window, "nagging", "nagging"),
    }
    run_audit(paths["shop"])
    db = open_db(paths["tool"])
    try:
        # an earlier, milder audit of "tool": the latest one is worse
        db.execute(
            "INSERT INTO audit_runs (started_at, overall) VALUES ('2026-01-01T00:00:00', 'amber')"
        )
        db.conn.commit()
    finally:
        db.close()
    run_audit(paths["tool"])
    return paths


def _rows(page):
    model = page.proxy
    return [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def test_portfolio_lists_sorts_opens_and_reaudits(qtbot, window, three_workspaces):
    from wa_audit.audit import list_runs

    page = window.portfolio_ctl.portfolio
    window.go("portfolio")
    qtbot.waitUntil(lambda: page.model.rowCount() == 3, timeout=20000)
    rows = {r[0]: r for r in _rows(page)}
    assert rows["shop"][1] == "Green" and rows["shop"][3].endswith("first audit")
    assert rows["tool"][1] == "Red" and rows["tool"][3] == "↘ worse"
    assert "R0" in rows["tool"][4]
    assert rows["nagging"][1] == "Not audited yet" and rows["nagging"][2] == ""
    page.table.sortByColumn(1, Qt.DescendingOrder)
    assert [r[0] for r in _rows(page)] == ["tool", "shop", "nagging"]
    page.table.sortByColumn(0, Qt.AscendingOrder)
    assert [r[0] for r in _rows(page)] == ["nagging", "shop", "tool"]

    before = {k: len(list_runs(p)) for k, p in three_workspaces.items()}
    job = window.portfolio_ctl.reaudit()
    assert page.cancel_button.isVisibleTo(page) and not page.reaudit_button.isVisibleTo(page)
    with qtbot.waitSignal(job.signals.finished, timeout=120000):
        pass
    qtbot.waitUntil(lambda: not page.cancel_button.isVisibleTo(page), timeout=5000)
    assert page.status.text() == "Done: every workspace was audited again."
    after = {k: len(list_runs(p)) for k, p in three_workspaces.items()}
    assert all(after[k] == before[k] + 1 for k in before)
    qtbot.waitUntil(lambda: dict((r[0], r[1]) for r in _rows(page))["nagging"] != "Not audited yet")

    row = next(i for i, r in enumerate(_rows(page)) if r[0] == "shop")
    with qtbot.waitSignal(window.audit_finished, timeout=60000):
        page.table.doubleClicked.emit(page.proxy.index(row, 0))
    assert window.workspace.path == str(three_workspaces["shop"])


def test_reaudit_all_can_be_cancelled(qtbot, window, three_workspaces):
    from wa_audit.audit import list_runs

    page = window.portfolio_ctl.portfolio
    before = sum(len(list_runs(p)) for p in three_workspaces.values())
    job = window.portfolio_ctl.reaudit()
    with qtbot.waitSignal(job.signals.cancelled, timeout=60000):
        window.portfolio_ctl.cancel()
    assert page.status.text().startswith("Stopped.")
    assert page.reaudit_button.isVisibleTo(page)
    after = sum(len(list_runs(p)) for p in three_workspaces.values())
    assert after <= before + 1


def test_a_folder_of_batch_workspaces_can_be_added(qtbot, window, tmp_path, monkeypatch):
    from wa_audit.audit import run_audit

    out = tmp_path / "batch-out"
    out.mkdir()
    path = out / "klant-a.wa-audit.db"
    shutil.copy(build_persona_db("normal_shop"), path)
    run_audit(path)
    page = window.portfolio_ctl.portfolio
    window.go("portfolio")
    qtbot.waitUntil(lambda: page.empty.isVisibleTo(page), timeout=20000)
    monkeypatch.setattr(window.portfolio_ctl, "pick_folder", lambda: str(out))
    qtbot.mouseClick(page.folder_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=20000)
    assert _rows(page)[0][:2] == ["klant-a", "Green"]
    # remembered: a new window lists it too
    from wa_audit.ui.pages.portfolio_wiring import extra_folders

    assert extra_folders() == [str(out)]
