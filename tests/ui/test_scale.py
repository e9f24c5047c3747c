"""Issue 16 (and 12's stop bug) with the real window: a stored audit opens at once, every
evidence message is reachable, search totals are true, stopped work leaves nothing behind."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from . import fakes


def _number(text: str) -> int:
    return int(re.sub(r"\D", "", re.search(r"\d[\d,.]*", text).group(0)))


def _import(qtbot, window, paths, owner=fakes.OWNER):
    with qtbot.waitSignal(window.workspace_opened, timeout=10000):
        window.create_workspace("Bakkerij Jansen")
    with qtbot.waitSignal(window.import_finished, timeout=60000):
        window.start_import([str(p) for p in paths])
    with qtbot.waitSignal(window.audit_finished, timeout=120000):
        window.confirm_owner(owner)
    return window.workspace.path


def _runs(path: str) -> int:
    from wa_audit.store.db import open_db

    db = open_db(path)
    try:
        return db.execute("SELECT count(*) FROM audit_runs").fetchone()[0]
    finally:
        db.close()


def _reopen(qtbot, window, path: str):
    """Open the workspace again as the app does at start (another workspace in between)."""
    from wa_audit.ui import settings

    with qtbot.waitSignal(window.workspace_opened, timeout=10000):
        window.create_workspace("Somewhere else")
    with qtbot.waitSignal(window.workspace_opened, timeout=10000):
        window.open_workspace(path)
    qtbot.waitUntil(lambda: window.opening is None, timeout=10000)
    assert settings.recent_workspaces()[0]["path"] == path


@pytest.fixture
def counted_audit(monkeypatch):
    """The real audit, counted."""
    import wa_audit.audit

    real = wa_audit.audit.run_audit
    calls: list[int] = []

    def run(*a, **k):
        calls.append(1)
        return real(*a, **k)

    monkeypatch.setattr(wa_audit.audit, "run_audit", run)
    return calls


def test_a_stored_audit_opens_at_once_and_is_redone_only_after_a_change(
    qtbot, window, exports, counted_audit
):
    exports = [*exports, fakes.write_optout_chat(exports[0].parent)]
    path = _import(qtbot, window, exports)
    assert counted_audit == [1] and _runs(path) == 1
    stored_run = window.outcome.report.run_id
    _reopen(qtbot, window, path)
    # the stored run is on screen, no audit ran or runs
    assert counted_audit == [1] and window.audit_job is None
    assert window.outcome.report.run_id == stored_run
    assert window.dashboard_page.dashboard is not None
    assert window.current_page() == "dashboard"
    assert "Results from" in window.status_label.text()
    assert _runs(path) == 1
    # a changed setting makes the stored run out of date: shown, marked, and audited again
    window.settings_page.audit_settings_changed.emit("strict", 22, 7)
    with qtbot.waitSignal(window.audit_finished, timeout=120000):
        pass
    assert counted_audit == [1, 1] and _runs(path) == 2
    from wa_audit.store.db import open_db

    db = open_db(path)  # an import, a note or a new version count as changes too
    with db.conn:
        db.execute("UPDATE settings SET value = 'standard' WHERE key = 'sensitivity'")
    db.close()
    with qtbot.waitSignal(window.audit_finished, timeout=120000) as done:
        _reopen(qtbot, window, path)
        assert window.dashboard_page.dashboard is not None  # the old results meanwhile
        assert "updating" in window.status_label.text()
    assert done.args[0] is not None and counted_audit == [1, 1, 1]


def test_the_dashboard_never_asks_to_import_while_results_load(qtbot, window, exports, monkeypatch):
    import threading

    import wa_audit.audit

    path = _import(qtbot, window, exports)
    release = threading.Event()
    real = wa_audit.audit.run_audit

    def slow(*a, **k):
        release.wait(20)
        return real(*a, **k)

    monkeypatch.setattr(wa_audit.audit, "run_audit", slow)
    try:
        from wa_audit.store.db import open_db

        db = open_db(path)
        with db.conn:
            db.execute("DELETE FROM audit_runs")  # no stored run: the audit must run
        db.close()
        _reopen(qtbot, window, path)
        dash = window.dashboard_page
        assert window.audit_job is not None
        assert window.current_page() == "dashboard", window.current_page()
        assert dash.empty.isVisibleTo(window)
        assert "Loading" in dash.empty_title.text()
        assert not dash.import_button.isVisibleTo(window)
        window.go("lists")
        assert "Import and audit" not in window.lists_page.optout_text.text()
        from PySide6.QtWidgets import QLabel

        window.go("guidance")
        qtbot.wait(10)  # the cleared labels are deleted on the next turn of the event loop
        texts = [lb.text() for lb in window.guidance_page.findChildren(QLabel)]
        assert "Loading the results…" in texts and not any("Import chats" in t for t in texts)
        release.set()
        qtbot.waitUntil(lambda: window.audit_job is None, timeout=60000)
        assert dash.dashboard is not None
    finally:
        release.set()


def _store_finding(path: str, n: int) -> list[int]:
    """A stored run whose R01 finding has the owner's first n messages as evidence."""
    from wa_audit.audit.store import inputs_key, save_extra, save_run
    from wa_audit.store.db import open_db
    from wa_audit.ui.audit_process import _charts_to_json
    from wa_audit.ui.chart_data import ChartData

    db = open_db(path)
    try:
        report = fakes.fake_report(db)
        report.allowed_automation = []  # the fake's example is not a stored message
        ids = [
            r[0]
            for r in db.execute(
                "SELECT id FROM messages WHERE sender = ? ORDER BY id LIMIT ?", [fakes.OWNER, n]
            )
        ]
        r01 = report.finding("R01").result
        r01.evidence = ids
        r01.params = {"n": n}
        r01.summary_key = "You sent the same message to {n} people."
        run_id = save_run(db, report, inputs_key(db))
        save_extra(db, run_id, _charts_to_json(ChartData()))
        return ids
    finally:
        db.close()


def test_every_evidence_message_is_reachable_and_exported(
    qtbot, window, tmp_path, audit_calls, monkeypatch
):
    big = fakes.big_export(tmp_path / "WhatsApp Chat with Anna de Vries.txt", 4200)
    path = _import(qtbot, window, [big])
    ids = _store_finding(path, 2000)
    assert len(ids) == 2000
    _reopen(qtbot, window, path)
    assert window.outcome.report.finding("R01").result.evidence == ids
    window.show_card("R01")
    ev = window.evidence_page
    model = ev.model
    assert model.total() == 2000 and model.rowCount() < 2000  # paged, not all read at once
    card = window.dashboard_page.rule_cards["R01"]
    assert "2,000" in window.evidence_page.count_label.text()
    assert "2000" in ev.summary.text() or "2,000" in ev.summary.text()
    assert card is not None
    # scrolling the view reads on until the last message
    for _ in range(100):
        if not model.canFetchMore():
            break
        ev.table.scrollToBottom()
        qtbot.wait(1)
    assert model.rowCount() == 2000
    last = model.index(1999, 0).data(model.RowRole)
    assert last.msg_id == ids[-1]
    assert _number(ev.count_label.text()) == 2000
    # the CSV holds every message, not the loaded page
    out = tmp_path / "evidence.csv"
    from wa_audit.ui import dialogs

    monkeypatch.setattr(dialogs, "save_list", lambda *a, **k: str(out))
    window.show_card("R01")  # a fresh page: only the first rows loaded
    assert model.rowCount() < 2000
    with qtbot.waitSignal(window.list_saved, timeout=20000):
        qtbot.mouseClick(ev.csv_button, Qt.LeftButton)
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert len(lines) == 2001 and "message number" in lines[-1]
    # sorting sorts all 2,000, not only the loaded rows
    with qtbot.waitSignal(window.sorted_done, timeout=20000):
        ev.table.sortByColumn(3, Qt.DescendingOrder)  # by text: "message number 998…" first
    assert model.total() == 2000
    texts = sorted((r.text for r in _all_rows(model)), reverse=True)
    assert model.index(0, 0).data(model.RowRole).text == texts[0]


def _all_rows(model):
    model.fetch_all()
    return model.rows()


def test_search_shows_the_true_fts5_total(qtbot, window, tmp_path, audit_calls):
    from wa_audit.store.db import open_db

    big = fakes.big_export(tmp_path / "WhatsApp Chat with Anna de Vries.txt", 1500)
    path = _import(qtbot, window, [big])
    ev = window.evidence_page
    db = open_db(path)
    try:
        for word, expected in (("order", 1500), ("number", 1500), ("cheesecake", 0)):
            true = db.execute(
                "SELECT count(*) FROM messages_fts WHERE messages_fts MATCH ?", [f'"{word}"*']
            ).fetchone()[0]
            assert true == expected
            with qtbot.waitSignal(window.search_done, timeout=20000):
                window.search(word)
            assert _number(ev.summary.text()) == true
            assert ev.model.total() == true
            assert ev.model.rowCount() == min(true, 200)  # the rest on scroll
    finally:
        db.close()


def test_typing_on_replaces_the_running_search(qtbot, window, tmp_path, audit_calls):
    big = fakes.big_export(tmp_path / "WhatsApp Chat with Anna de Vries.txt", 300)
    _import(qtbot, window, [big])
    found = []
    window.search_done.connect(lambda r: found.append(r.text))
    first = window.search("order")
    second = window.search("number 12")
    assert first.is_cancelled and not second.is_cancelled
    qtbot.waitUntil(lambda: window.runner.active() == 0, timeout=20000)
    assert found == ["number 12"]  # the replaced search never shows
    assert _number(window.evidence_page.summary.text()) == 11  # 12, 120..129


def test_a_stopped_report_export_leaves_no_file(qtbot, window, exports, monkeypatch, tmp_path):
    from wa_audit.ui import dialogs

    _import(qtbot, window, exports)
    out = tmp_path / "out" / "report.pdf"
    out.parent.mkdir()
    monkeypatch.setattr(dialogs, "save_report", lambda parent, suggested: str(out))
    import threading

    import wa_audit.ui.pdf_report as pdf

    real_write, stopped = pdf.write_pdf, threading.Event()

    def write_after_the_stop(doc, path, progress=None, **kwargs):
        stopped.wait(20)  # the real writer, started once the user pressed Stop
        return real_write(doc, path, progress=progress, **kwargs)

    monkeypatch.setattr(pdf, "write_pdf", write_after_the_stop)
    with qtbot.waitSignal(window.export_stopped, timeout=60000):
        job = window.export_report()
        assert window.status_cancel.isVisibleTo(window)
        qtbot.mouseClick(window.status_cancel, Qt.LeftButton)
        stopped.set()
    assert job.is_cancelled
    assert not out.exists() and list(out.parent.iterdir()) == []
    assert "stopped" in window.status_label.text()
    # and without a stop, the same export writes the whole file
    monkeypatch.setattr(pdf, "write_pdf", real_write)
    monkeypatch.setattr(dialogs, "info", lambda *a, **k: None)
    with qtbot.waitSignal(window.report_saved, timeout=60000):
        window.export_report()
    assert out.stat().st_size > 1000 and [p.name for p in out.parent.iterdir()] == ["report.pdf"]


@pytest.mark.parametrize("where", ["thread", "process"])
def test_stopping_the_real_audit_stores_nothing(qtbot, window, exports, monkeypatch, where):
    import threading

    from wa_audit.rules import REGISTRY
    from wa_audit.ui import audit_process

    path = _import(qtbot, window, exports)
    assert _runs(path) == 1
    first = window.outcome
    if where == "thread":
        # the real audit, held at its fourth rule until the user has pressed Stop
        reached, pressed = threading.Event(), threading.Event()
        rule = REGISTRY[3]
        real = rule.evaluate

        def held(self, ctx, th):
            reached.set()
            pressed.wait(20)
            return real(self, ctx, th)

        monkeypatch.setattr(rule, "evaluate", held)
        from wa_audit.audit import cache

        cache.clear()  # the rules run again (unchanged chats would reuse the last results)
        job = window.run_audit()
        qtbot.waitUntil(reached.is_set, timeout=60000)
    else:  # as a large workspace is audited: Stop while the child process starts
        monkeypatch.setattr(audit_process, "PROCESS_FROM", 0)
        job = window.run_audit()
    with qtbot.waitSignal(window.audit_finished, timeout=60000) as stopped:
        qtbot.mouseClick(window.status_cancel, Qt.LeftButton)
    if where == "thread":
        pressed.set()
    assert stopped.args == [None]
    qtbot.waitUntil(lambda: window.runner.active() == 0, timeout=60000)
    assert job.is_cancelled
    assert _runs(path) == 1  # the stopped audit stored no run
    assert window.outcome is first
    monkeypatch.undo()
    # the next audit runs and stores as usual
    with qtbot.waitSignal(window.audit_finished, timeout=60000) as done:
        window.run_audit()
    assert done.args[0] is not None and _runs(path) == 2


def test_background_failures_name_the_workspace(qtbot, window, dialog_log, monkeypatch):
    import sqlite3

    from wa_audit.ui import tasks

    with qtbot.waitSignal(window.workspace_opened, timeout=10000):
        window.create_workspace("Bakkerij Jansen")

    def locked(task, path):
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(tasks, "load_lists", locked)
    window.load_lists()
    qtbot.waitUntil(lambda: bool(dialog_log), timeout=10000)
    kind, (text,) = dialog_log[0]
    assert kind == "error" and Path(window.workspace.path).name in text


def test_a_thousand_dropped_results_do_not_wear_out_false(qtbot, window):
    """PySide6 6.12 drops one reference to a slot's returned bool: a guard's `False` used to
    abort the app after a few hundred replaced searches (bool_dealloc)."""
    import sys

    from wa_audit.ui import refcounts
    from wa_audit.ui.background import op

    def nothing():
        return 1

    jobs = [op(window, nothing).guard(lambda: False).success(lambda _v: None) for _ in range(3)]
    for o in jobs:
        for _ in range(1000):  # far more than False's own references on a fresh 3.11
            o.job.signals.result.emit(1)
    refcounts.top_up()
    assert sys.getrefcount(False) > 1000 and sys.getrefcount(None) > 1000


def test_a_large_workspace_audits_and_lists_in_a_child_process(qtbot, window, exports, monkeypatch):
    from wa_audit.ui import audit_process

    monkeypatch.setattr(audit_process, "PROCESS_FROM", 0)  # every workspace counts as large
    exports = [*exports, fakes.write_optout_chat(exports[0].parent)]
    with qtbot.waitSignal(window.lists_loaded, timeout=120000) as lists:
        path = _import(qtbot, window, exports)
    assert _runs(path) == 1 and window.outcome.report.run_id is not None
    assert [o.customer for o in lists.args[0].optouts] == ["Karin Vos"]
    assert window.lists_page.optouts.index(0, 0).data() == "Karin Vos"
