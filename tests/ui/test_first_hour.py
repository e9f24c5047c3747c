"""A shop owner's first hour on a real-sized folder: 800 chat exports (and two bad files).

The business name is asked first and visible without scrolling, the import ends in one summary
line that agrees with the workspace, and the results open without further clicks.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import QPoint, Qt

from . import fakes

CHATS = 800


@pytest.fixture(scope="module")
def big_folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("exports800")
    start = datetime(2026, 3, 1, 9, 0)
    for i in range(CHATS):
        fakes.write_chat(folder, f"Klant {i:03d}", start + timedelta(hours=i), n_pairs=2 + i % 3)
    (folder / "notes.txt").write_text("shopping list\nmilk\n", encoding="utf-8")
    (folder / "WhatsApp Chat with Nobody.txt").write_text("", encoding="utf-8")
    return folder


def _fully_visible(widget, window) -> bool:
    """Shown inside the page's scroll viewport without scrolling (top and bottom edge)."""
    page = window.import_page
    area = page.body.parentWidget()  # the scroll area's viewport
    top = widget.mapTo(area, QPoint(0, 0)).y()
    return widget.isVisibleTo(window) and top >= 0 and top + widget.height() <= area.height()


def _counts(window) -> tuple[int, int]:
    db = window.read_db
    chats = db.execute("SELECT COUNT(*) FROM chats").fetchone()[0]
    messages = db.execute("SELECT COUNT(*) FROM messages").fetchone()[0]
    return chats, messages


def test_name_asked_first_then_800_exports_straight_to_results(
    qtbot, window, big_folder, audit_calls
):
    with qtbot.waitSignal(window.workspace_opened, timeout=10000):
        window.create_workspace("Bakkerij Jansen")
    page = window.import_page
    assert window.current_page() == "import"
    # the question comes before the drop zone, at the top of the page
    qtbot.waitUntil(lambda: _fully_visible(page.owner_card, window), timeout=3000)
    assert page.owner_card.y() < page.drop.y()
    qtbot.keyClicks(page.owner_combo.lineEdit(), fakes.OWNER)
    with qtbot.waitSignal(window.audit_finished, timeout=240000):
        window.start_import([str(big_folder)])
    # results without another click, the business name taken from the question
    assert window.current_page() == "dashboard"
    assert audit_calls == [1]
    assert window.workspace.owner == fakes.OWNER and window.workspace.owner_confirmed
    chats, messages = _counts(window)
    assert chats == CHATS
    line = page.summary_label.text()
    assert line == f"802 files, 800 chats, {messages:,} messages, 2 problems"
    # the two problems are shown, the 802 per-file sentences folded away
    assert not page.details.isVisibleTo(window)
    assert page.problem_box.count() == 2
    assert page.report_box.count() == 802


def test_without_a_typed_name_the_suggestion_is_on_top_and_one_click_shows_results(
    qtbot, window, big_folder, audit_calls
):
    with qtbot.waitSignal(window.workspace_opened, timeout=10000):
        window.create_workspace("Bakkerij Jansen")
    page = window.import_page
    with qtbot.waitSignal(window.import_finished, timeout=240000):
        window.start_import([str(big_folder)])
    assert audit_calls == []  # nothing is checked under a name nobody confirmed
    assert window.current_page() == "import"
    assert _fully_visible(page.owner_card, window)
    assert _fully_visible(page.owner_button, window)
    assert page.owner_combo.currentText() == fakes.OWNER
    assert page.summary_label.text().startswith("802 files, 800 chats, ")
    with qtbot.waitSignal(window.audit_finished, timeout=60000):
        qtbot.mouseClick(page.owner_button, Qt.LeftButton)
    assert window.current_page() == "dashboard"


def test_drop_zone_disabled_while_importing_and_while_the_audit_runs(
    qtbot, window, big_folder, audit_calls
):
    with qtbot.waitSignal(window.workspace_opened, timeout=10000):
        window.create_workspace("Bakkerij Jansen")
    page = window.import_page
    qtbot.keyClicks(page.owner_combo.lineEdit(), fakes.OWNER)
    states: list[bool] = []  # drop zone enabled when the audit starts?
    window.busy_changed.connect(lambda busy: busy and states.append(page.drop.isEnabled()))
    job = window.start_import([str(big_folder)])
    assert job is not None and not page.drop.isEnabled()
    assert window.start_import([str(big_folder)]) is None  # no second import meanwhile
    qtbot.waitUntil(lambda: "file" in page.progress_label.text(), timeout=60000)
    assert " of 802, " in page.progress_label.text()
    with qtbot.waitSignal(window.audit_finished, timeout=240000):
        pass
    assert states == [False]  # the audit started at once, the drop zone stayed off
    assert page.drop.isEnabled()


def test_nothing_imported_says_so_and_offers_no_results(qtbot, window, tmp_path, audit_calls):
    with qtbot.waitSignal(window.workspace_opened, timeout=10000):
        window.create_workspace("Bakkerij Jansen")
    empty = tmp_path / "empty"
    empty.mkdir()
    with qtbot.waitSignal(window.import_finished, timeout=20000):
        window.start_import([str(empty)])
    page = window.import_page
    assert page.report_title.text() == "Nothing was imported"
    assert "Export chat" in page.summary_label.text()
    assert not page.dashboard_button.isVisibleTo(window)
    assert audit_calls == []


def _summary(tmp_path, warnings):
    from wa_audit.importer.store_import import FileReport, ImportSummary

    files = [
        FileReport(
            path=tmp_path / f"WhatsApp Chat with K{i}.txt",
            file_name=f"WhatsApp Chat with K{i}.txt",
            status="imported",
            messages_added=3,
            chat_title=f"K{i}",
            chat_id=i,
            warnings=list(w),
        )
        for i, w in enumerate(warnings)
    ]
    return ImportSummary(files, fakes.OWNER, [(fakes.OWNER, len(files))])


def test_uncertain_date_order_is_asked_in_the_app(qtbot, tmp_path):
    from wa_audit.ui.pages.import_page import ImportPage

    page = ImportPage()
    qtbot.addWidget(page)
    page.show()
    summary = _summary(tmp_path, [["date_order_guessed"], [], ["date_order_guessed"]])
    page.show_summary(summary, fakes.OWNER)
    assert page.date_card.isVisible()
    assert "2 files" in page.date_card.text.text()
    assert "read them day first" in page.date_card.text.text()
    with qtbot.waitSignal(page.date_order_chosen) as chosen:
        qtbot.mouseClick(page.date_card.month_button, Qt.LeftButton)
    assert chosen.args == ["mdy", [str(summary.files[0].path), str(summary.files[2].path)]]
    assert not page.date_card.isVisible()
    # the re-read is stopped: nothing changed, so the question is asked again
    page.set_running(True)
    page.set_running(False)
    page.show_cancelled()
    assert page.date_card.isVisible() and "2 files" in page.date_card.text.text()


@pytest.mark.parametrize("choice", ["day", "month"])
def test_the_date_card_rereads_only_the_files_read_the_other_way(qtbot, tmp_path, choice):
    """A guess can go either way (the importer reads US-looking files month first): the card
    says how each file was read and re-reads only the files the choice changes."""
    from types import SimpleNamespace

    from wa_audit.ui.pages.import_page import ImportPage

    page = ImportPage()
    qtbot.addWidget(page)
    page.show()
    summary = _summary(tmp_path, [["date_order_guessed"], ["date_order_guessed"]])
    summary.files[0].facts = SimpleNamespace(date_order="dmy")
    summary.files[1].facts = SimpleNamespace(date_order="mdy")
    page.show_summary(summary, fakes.OWNER)
    assert "some day first and some month first" in page.date_card.text.text()
    texts = "\n".join(page.report_texts())
    button = page.date_card.day_button if choice == "day" else page.date_card.month_button
    with qtbot.waitSignal(page.date_order_chosen) as chosen:
        qtbot.mouseClick(button, Qt.LeftButton)
    other = summary.files[1] if choice == "day" else summary.files[0]
    assert chosen.args == ["dmy" if choice == "day" else "mdy", [str(other.path)]]
    # the per-file notes say how each file was read, not always day first
    page.details_button.click()
    texts = "\n".join(page.report_texts())
    assert "were read day first (31-12)" in texts and "were read month first (12/31)" in texts


def test_month_first_chosen_in_the_card_changes_the_stored_dates_and_the_audit(
    qtbot, window, tmp_path
):
    """One day of messages on 03/07/2026: read day first (3 July) until the owner says the
    phone writes the month first; then the messages are on 7 March, and so is the audit."""
    folder = tmp_path / "exports"
    folder.mkdir()
    fakes.write_chat(folder, "Anna de Vries", datetime(2026, 7, 3, 9, 0), n_pairs=5)
    with qtbot.waitSignal(window.workspace_opened, timeout=10000):
        window.create_workspace("Bakkerij Jansen")
    page = window.import_page
    qtbot.keyClicks(page.owner_combo.lineEdit(), fakes.OWNER)
    with qtbot.waitSignal(window.audit_finished, timeout=60000):
        window.start_import([str(folder)])

    def days() -> set[str]:
        rows = window.read_db.execute("SELECT DISTINCT substr(ts, 1, 10) FROM messages")
        return {r[0] for r in rows.fetchall()}

    assert days() == {"2026-07-03"}
    assert window.outcome.report.coverage["period_start"].startswith("2026-07-03")
    window.go("import")
    assert page.date_card.isVisibleTo(window)
    assert "read it day first" in page.date_card.text.text()
    assert any("were read day first (31-12)" in t for t in page.report_texts())
    with qtbot.waitSignal(window.audit_finished, timeout=60000):
        qtbot.mouseClick(page.date_card.month_button, Qt.LeftButton)
    assert days() == {"2026-03-07"}
    assert window.outcome.report.coverage["period_start"].startswith("2026-03-07")
    window.go("import")
    assert page.report_title.text() == "Dates read again"
    texts = "\n".join(page.report_texts())
    assert "were read again, month first (12/31)" in texts
    assert "day first" not in texts  # the old guess is no longer reported
    assert not page.date_card.isVisibleTo(window)
    # choosing again in a later import is possible: the file is in the workspace as read now
    row = window.read_db.execute("SELECT date_order, date_order_confidence FROM imports")
    assert row.fetchall() == [("mdy", "user")]


def test_no_date_question_when_every_file_has_a_day_above_12(qtbot, tmp_path):
    from wa_audit.ui.pages.import_page import ImportPage

    page = ImportPage()
    qtbot.addWidget(page)
    page.show()
    page.show_summary(_summary(tmp_path, [[], []]), fakes.OWNER)
    assert not page.date_card.isVisible()
    assert page.summary_label.text() == "2 files, 2 chats, 6 messages, no problems"
