"""The main flows, end to end through the real importer: drop -> progress -> report ->
dashboard -> card -> evidence -> guidance; cancel; language switch."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from . import fakes


def open_new_workspace(qtbot, window, name="Bakkerij Jansen"):
    with qtbot.waitSignal(window.workspace_opened, timeout=10000):
        window.create_workspace(name)
    return window.workspace


def drop(widget, paths):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(QPointF(10, 10), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    # offscreen Qt delivers no synthetic drop without a real drag, so call the handler
    widget.dropEvent(event)


def test_drop_import_dashboard_evidence_guidance(qtbot, window, exports, audit_calls, dialog_log):
    ws = open_new_workspace(qtbot, window)
    assert window.current_page() == "import"
    progress = []
    window.import_page.progress_bar.valueChanged.connect(progress.append)
    with qtbot.waitSignal(window.import_finished, timeout=20000) as done:
        drop(window.import_page.drop, exports)
    summary = done.args[0]
    assert [f.status for f in summary.files] == ["imported"] * 4
    texts = window.import_page.report_texts()
    assert any("8 messages imported from the chat with Anna de Vries" in t for t in texts)
    assert progress, "the progress bar never moved"
    # owner: pre-selected from detection, confirmed once
    assert window.import_page.owner_card.isVisibleTo(window)
    assert window.import_page.owner_combo.currentText() == fakes.OWNER
    with qtbot.waitSignal(window.audit_finished, timeout=20000):
        qtbot.mouseClick(window.import_page.owner_button, Qt.LeftButton)
    assert audit_calls == [1]
    window.go("dashboard")
    dash = window.dashboard_page
    assert "block this number" in dash.headline.text()
    assert set(dash.rule_cards) == {"R01", "R09", "R05", "R13"}
    # card -> evidence
    qtbot.mouseClick(dash.rule_cards["R01"], Qt.LeftButton)
    assert window.current_page() == "evidence"
    ev = window.evidence_page
    assert ev.model.rowCount() == 10
    assert ev.summary.text() == "You sent the same message to 38 people."
    # filter through the proxy, never in the view
    qtbot.keyClicks(ev.filter_edit, "SALE")
    assert ev.proxy.rowCount() == 2
    ev.filter_edit.clear()
    # surrounding chat on demand
    ev.table.selectRow(0)
    qtbot.mouseClick(ev.context_button, Qt.LeftButton)
    assert ev.context_model.rowCount() > 1
    assert any(r.sender == "Anna de Vries" for r in ev.context_model.rows())
    # full-text search, phone numbers masked until revealed
    ev.search_edit.setText("ready order")
    with qtbot.waitSignal(window.search_done, timeout=10000):  # off the GUI thread
        qtbot.mouseClick(ev.search_button, Qt.LeftButton)
    assert ev.model.rowCount() > 0
    ev.search_edit.setText("Call ready")
    with qtbot.waitSignal(window.search_done, timeout=10000):
        qtbot.keyClick(ev.search_edit, Qt.Key_Return)
    shown = [ev.model.index(r, 3).data() for r in range(ev.model.rowCount())]
    assert shown and all("1234 5678" not in s and "•" in s for s in shown)
    ev.reveal.setChecked(True)
    assert "+31 6 1234 5678" in ev.model.index(0, 3).data()
    # guidance from the report
    window.go("guidance")
    from PySide6.QtWidgets import QLabel

    labels = [w.text() for w in window.guidance_page.findChildren(QLabel)]
    assert any("marketing template" in t for t in labels)
    assert any("1 Apr 2026" in t for t in labels)
    assert window.guidance_page.checks  # opt-in checklist
    assert not [c for c in dialog_log if c[0] in ("error", "crash")]
    # importing the same files again: nothing new, owner not asked again, audit re-runs
    with qtbot.waitSignal(window.audit_finished, timeout=20000):
        window.start_import([str(p) for p in exports])
    assert not window.import_page.owner_card.isVisibleTo(window)
    assert any("already in this workspace" in t for t in window.import_page.report_texts())
    assert window.workspace.path == ws.path


def test_cancel_mid_import_leaves_workspace_as_before(qtbot, window, exports, tmp_path):
    ws = open_new_workspace(qtbot, window)
    with qtbot.waitSignal(window.import_finished, timeout=20000):
        window.start_import([str(exports[0])])
    before = window.read_db.execute("SELECT COUNT(*), MAX(id) FROM messages").fetchone()
    imports_before = window.read_db.execute("SELECT COUNT(*) FROM imports").fetchone()
    big = fakes.big_export(tmp_path / "WhatsApp Chat with Big Customer.txt", 60_000)

    job = window.start_import([str(big)])
    # cancel as soon as the importer reports progress inside the big file
    job.signals.progress.connect(lambda p: p.done > 0 and window.import_page.cancel_button.click())
    with qtbot.waitSignal(window.import_finished, timeout=30000) as done:
        pass
    assert done.args == [None]
    assert window.read_db.execute("SELECT COUNT(*), MAX(id) FROM messages").fetchone() == before
    assert window.read_db.execute("SELECT COUNT(*) FROM imports").fetchone() == imports_before
    assert any("cancelled" in t for t in window.import_page.report_texts())
    assert window.workspace.path == ws.path


def test_language_switch_rerenders_without_rerunning_the_audit(
    qtbot, window, exports, audit_calls, monkeypatch
):
    import gettext

    from wa_audit import i18n

    open_new_workspace(qtbot, window)
    with qtbot.waitSignal(window.import_finished, timeout=20000):
        window.start_import([str(p) for p in exports])
    with qtbot.waitSignal(window.audit_finished, timeout=20000):
        window.confirm_owner(fakes.OWNER)
    window.go("dashboard")
    english = window.dashboard_page.headline.text()

    class Pseudo(gettext.NullTranslations):
        def gettext(self, message):
            return f"[{message}]"

        def ngettext(self, singular, plural, n):
            return f"[{singular if n == 1 else plural}]"

    real = i18n.set_language

    def fake_set_language(lang):
        real(lang)
        monkeypatch.setattr(i18n, "_translation", Pseudo())
        return lang

    monkeypatch.setattr(i18n, "set_language", fake_set_language)
    import wa_audit.ui.language as ui_language

    monkeypatch.setattr(ui_language, "set_language", fake_set_language)
    window.set_language("de")
    assert window.dashboard_page.headline.text() == f"[{english}]"
    assert window.current_page() == "dashboard"
    assert window.nav["settings"].text() == "[Settings]"
    assert audit_calls == [1], "the language switch must not re-run the audit"
    # every text on every page went through _(): nothing is left in plain English
    from babel import Locale
    from PySide6.QtWidgets import QAbstractButton, QLabel

    # data, not UI text: names, and country names from the locale's own list (Babel)
    data = {"wa-audit", window.workspace.name, "English", "Nederlands", "Deutsch"}
    data |= set(Locale.parse("de").territories.values())
    # the self-assessment's questions are translated in their data file, not in the catalogues
    # (wa_audit/audit/assess/questions.py): German there, never the English text
    from wa_audit.audit.assess import questions

    for n, q in enumerate(questions(), start=1):
        assert q.text["de"] != q.text["en"] and q.help["de"] != q.help["en"]
        data |= {f"{n}. {q.text['de']}", q.help["de"], *(labels["de"] for _v, labels in q.choices)}
    untranslated = set()
    for key in window.pages:
        window.go(key)
        for w in window.findChildren(QLabel) + window.findChildren(QAbstractButton):
            text = w.text()
            if not w.isVisibleTo(window) or not any(c.isalpha() for c in text) or text in data:
                continue
            if "[" not in text:
                untranslated.add(text)
    assert not untranslated
    # Qt's own strings (dialog buttons) come from qtbase_de.qm
    assert ui_language._qt_translator is not None
    assert ui_language._qt_translator.translate("QPlatformTheme", "Cancel") == "Abbrechen"
    from wa_audit.ui import settings

    assert settings.get(settings.LANGUAGE) == "de"
    monkeypatch.undo()
    ui_language.apply_language("en")


def test_rejected_drop_asks_and_emits_nothing(qtbot, window, tmp_path, monkeypatch):
    bad = tmp_path / "invoice.pdf"
    bad.write_bytes(b"%PDF-1.4")
    rejected = []
    monkeypatch.setattr(window.import_page.drop, "report_rejects", rejected.extend)
    with qtbot.assertNotEmitted(window.import_page.drop.files_dropped):
        drop(window.import_page.drop, [bad])
    assert rejected == ["invoice.pdf"]


def test_bad_file_is_reported_in_plain_words(qtbot, window, tmp_path, dialog_log):
    open_new_workspace(qtbot, window)
    notes = tmp_path / "notes.txt"
    notes.write_text("shopping list\nmilk\nbread\n", encoding="utf-8")
    with qtbot.waitSignal(window.import_finished, timeout=20000):
        window.start_import([str(notes)])
    texts = window.import_page.report_texts()
    assert texts[0] == "Nothing was imported"
    assert not window.import_page.dashboard_button.isVisibleTo(window)
    problem = next(t for t in texts if "is not a WhatsApp chat export" in t)
    assert "Export chat" in problem


def test_audit_settings_are_saved_in_the_workspace_and_rerun_the_audit(
    qtbot, window, exports, audit_calls
):
    from wa_audit.audit import get_overrides, get_sensitivity

    open_new_workspace(qtbot, window)
    with qtbot.waitSignal(window.import_finished, timeout=20000):
        window.start_import([str(p) for p in exports])
    with qtbot.waitSignal(window.audit_finished, timeout=20000):
        window.confirm_owner(fakes.OWNER)
    window.go("settings")
    page = window.settings_page
    page.sensitivity.setCurrentIndex(page.sensitivity.findData("strict"))
    page.night_start.setValue(21)
    page.night_end.setValue(8)
    with qtbot.waitSignal(window.audit_finished, timeout=20000):
        qtbot.mouseClick(page.apply_button, Qt.LeftButton)
    assert len(audit_calls) == 2
    assert get_sensitivity(window.read_db) == "strict"
    over = get_overrides(window.read_db)
    assert over["R15.night_start_hour"] == 21 and over["R15.night_end_hour"] == 8


def test_keyboard_only_card_to_evidence(qtbot, window, exports, audit_calls):
    open_new_workspace(qtbot, window)
    with qtbot.waitSignal(window.import_finished, timeout=20000):
        window.start_import([str(p) for p in exports])
    with qtbot.waitSignal(window.audit_finished, timeout=20000):
        window.confirm_owner(fakes.OWNER)
    window.activateWindow()
    qtbot.waitUntil(lambda: window.isActiveWindow(), timeout=3000)
    qtbot.keyClick(window.stack.currentWidget(), Qt.Key_3, Qt.ControlModifier)  # Ctrl+3
    assert window.current_page() == "dashboard"
    card = window.dashboard_page.rule_cards["R09"]
    assert card.focusPolicy() == Qt.StrongFocus
    qtbot.keyClick(card, Qt.Key_Return)
    assert window.current_page() == "evidence"
    assert window.evidence_page.summary.text().startswith("12 chats")


def test_errors_the_user_can_fix_open_a_dialog_that_says_what_to_do(
    qtbot, window, exports, dialog_log, monkeypatch
):
    from wa_audit.errors import DatabaseLocked
    from wa_audit.ui import tasks

    open_new_workspace(qtbot, window)

    def locked(paths, db_path, owner):
        raise DatabaseLocked("shop.wa-audit.db")
        yield  # a generator, like the real import

    monkeypatch.setattr(tasks, "import_files", locked)
    window.start_import([str(exports[0])])
    qtbot.waitUntil(lambda: any(c[0] == "error" for c in dialog_log), timeout=10000)
    text = next(c[1][0] for c in dialog_log if c[0] == "error")
    assert "another wa-audit window is importing" in text and "try again" in text
    assert window.import_job is None  # the import page is usable again
    assert window.import_page.drop.isEnabled()


def test_workspaces_create_rename_reopen_from_recent(qtbot, window, monkeypatch, dialog_log):
    from wa_audit.ui import dialogs, settings

    first = open_new_workspace(qtbot, window, "Bakkerij Jansen")
    second = open_new_workspace(qtbot, window, "Fietsen Smit")
    recent = settings.recent_workspaces()
    assert [r["name"] for r in recent] == ["Fietsen Smit", "Bakkerij Jansen"]
    window.go("start")
    page = window.start_page
    assert page.recent.count() == 2
    monkeypatch.setattr(dialogs, "ask_text", lambda *a, **k: "Bakkerij Jansen & Zn")
    page.recent.setCurrentRow(1)
    qtbot.mouseClick(page.rename_button, Qt.LeftButton)  # written in the background
    qtbot.waitUntil(lambda: settings.recent_workspaces()[1]["name"] == "Bakkerij Jansen & Zn")
    assert "Bakkerij Jansen & Zn" in window.start_page.recent.item(1).text()
    with qtbot.waitSignal(window.workspace_opened, timeout=10000) as opened:
        qtbot.mouseClick(window.start_page.open_button, Qt.LeftButton)
    assert opened.args[0].path == first.path != second.path
    assert opened.args[0].name == "Bakkerij Jansen & Zn"  # stored in the workspace itself
    assert window.windowTitle().startswith("Bakkerij Jansen & Zn")


def test_stopping_the_audit_keeps_the_last_results(
    qtbot, window, exports, audit_calls, monkeypatch
):
    import threading

    import wa_audit.audit

    open_new_workspace(qtbot, window)
    with qtbot.waitSignal(window.import_finished, timeout=20000):
        window.start_import([str(p) for p in exports])
    with qtbot.waitSignal(window.audit_finished, timeout=20000):
        window.confirm_owner(fakes.OWNER)
    first = window.outcome
    release = threading.Event()

    def slow_audit(db, sensitivity=None, audit_date=None, progress=None):
        release.wait(20)
        return fakes.fake_report(db)

    monkeypatch.setattr(wa_audit.audit, "run_audit", slow_audit)
    window.run_audit()
    assert window.status_cancel.isVisibleTo(window)
    with qtbot.waitSignal(window.audit_finished, timeout=10000) as stopped:
        qtbot.mouseClick(window.status_cancel, Qt.LeftButton)
    release.set()
    assert stopped.args == [None]
    assert window.outcome is first
    assert window.audit_job is None and not window.status_cancel.isVisibleTo(window)
    assert "stopped" in window.status_label.text()


def test_a_late_audit_of_a_closed_workspace_is_ignored(
    qtbot, window, exports, audit_calls, monkeypatch
):
    import threading

    import wa_audit.audit

    open_new_workspace(qtbot, window, "First shop")
    with qtbot.waitSignal(window.import_finished, timeout=20000):
        window.start_import([str(p) for p in exports])
    release = threading.Event()
    done = threading.Event()

    def slow_audit(db, sensitivity=None, audit_date=None, progress=None):
        release.wait(20)
        done.set()
        return fakes.fake_report(db)

    monkeypatch.setattr(wa_audit.audit, "run_audit", slow_audit)
    window.confirm_owner(fakes.OWNER)  # starts the slow audit
    assert window.audit_job is not None
    second = open_new_workspace(qtbot, window, "Second shop")  # empty: no audit of its own
    release.set()
    qtbot.waitUntil(done.is_set, timeout=10000)
    qtbot.waitUntil(lambda: window.runner.active() == 0, timeout=10000)
    assert window.workspace.path == second.path
    assert window.outcome is None
    assert window.dashboard_page.dashboard is None
