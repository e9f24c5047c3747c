"""Screens a shop owner meets on the first day: empty states that say what to do, names rather
than file paths, phone numbers hidden on every page until shown, dates as days."""

from __future__ import annotations

from types import SimpleNamespace

import pytest


def test_start_page_without_workspaces_offers_no_open_or_rename(qtbot):
    from wa_audit.ui.pages.start_page import StartPage

    page = StartPage()
    qtbot.addWidget(page)
    page.show()
    page.set_recent([])
    assert not page.open_button.isVisible() and not page.rename_button.isVisible()
    assert page.empty.isVisible() and "New workspace" in page.empty.text()


def test_recent_workspaces_show_names_not_paths(qtbot, tmp_path):
    from wa_audit.ui.pages.start_page import StartPage

    db = tmp_path / "bakkerij.wa-audit.db"
    db.write_bytes(b"")
    page = StartPage()
    qtbot.addWidget(page)
    page.show()
    page.set_recent([{"path": str(db), "name": "Bakkerij Jansen"}])
    assert page.recent.item(0).text() == "Bakkerij Jansen"
    assert page.open_button.isVisible() and page.open_button.isEnabled()


def _lists(customer: str, body: str, ok: bool = False):
    optout = SimpleNamespace(
        customer=customer,
        opted_out_at="2026-09-20T00:00:00",
        messages_after=2,
        ok=ok,
        violations=0 if ok else 2,
    )
    draft = SimpleNamespace(category="utility", body=body, monthly_average=2.0, chats=3)
    return SimpleNamespace(optouts=[optout], templates=[draft])


def test_lists_mask_phone_numbers_until_shown(qtbot):
    from wa_audit.ui.pages.lists_page import ListsPage

    page = ListsPage()
    qtbot.addWidget(page)
    page.show_lists(_lists("+31 6 1234 5678", "Bel ons op +31 20 555 0199"))
    shown = page.optouts.index(0, 0).data()
    assert "1234 5678" not in shown and "•" in shown
    assert "555 0199" not in page.templates.index(0, 1).data()
    page.reveal.setChecked(True)
    assert page.optouts.index(0, 0).data() == "+31 6 1234 5678"
    assert "+31 20 555 0199" in page.templates.index(0, 1).data()
    # a whole day reads as a day, not as midnight
    assert page.optouts.index(0, 1).data() == "20 Sept 2026"


def test_nobody_got_messages_after_stopping_is_a_plain_sentence(qtbot):
    from wa_audit.ui.pages.lists_page import ListsPage

    page = ListsPage()
    qtbot.addWidget(page)
    page.show_lists(_lists("Karin Vos", "Je bestelling ligt klaar", ok=True))
    assert page.optout_text.text() == (
        "1 customer asked you to stop, and got no messages after that."
    )


@pytest.mark.allow_modal
@pytest.mark.parametrize("choice, opened", [("Open", "file"), ("Show in folder", "folder")])
def test_saved_file_can_be_opened_or_shown_in_its_folder(
    qtbot, tmp_path, monkeypatch, choice, opened
):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from wa_audit.ui import dialogs

    out = tmp_path / "Bakkerij-rapport.pdf"
    out.write_bytes(b"%PDF")
    seen: list[str] = []
    monkeypatch.setattr(dialogs, "open_path", seen.append)

    def press() -> None:
        box = QApplication.activeModalWidget()
        if box is None:
            QTimer.singleShot(20, press)
            return
        next(b for b in box.buttons() if b.text() == choice).click()

    QTimer.singleShot(20, press)
    dialogs.saved(None, str(out), "The report was saved.")
    assert seen == [str(out) if opened == "file" else str(tmp_path)]


def test_default_report_name_is_in_the_users_language(qtbot):
    from wa_audit import i18n

    i18n.set_language("nl")
    try:
        assert i18n._("report") == "rapport"
    finally:
        i18n.set_language("en")


@pytest.mark.parametrize(
    "light, shown", [("grey", ""), ("error", ""), ("green", "High confidence")]
)
def test_a_check_without_a_verdict_claims_no_confidence(light, shown):
    from wa_audit.audit.model import Finding
    from wa_audit.rules import RULES_BY_ID
    from wa_audit.rules.base import Confidence, Light, RuleResult
    from wa_audit.ui.presenter import card_for

    rule = RULES_BY_ID["R14"]
    meta = rule.meta if hasattr(rule, "meta") else rule
    result = RuleResult(rule="R14", light=Light(light), summary_key="", confidence=Confidence.HIGH)
    assert card_for(Finding(meta, result)).confidence == shown


def test_the_only_customer_who_stopped_still_got_messages(qtbot):
    from wa_audit.ui.pages.lists_page import ListsPage

    page = ListsPage()
    qtbot.addWidget(page)
    page.show_lists(_lists("Karin Vos", "Je bestelling ligt klaar", ok=False))
    assert page.optout_text.text().startswith(
        "1 customer asked you to stop and still got messages."
    )


@pytest.mark.parametrize(
    "lang, look_in, file_type",
    [("nl", "Zoeken in:", "Bestandstype:"), ("de", "Suchen in:", "Dateityp:")],
)
def test_file_dialogs_are_qts_own_and_in_the_users_language(qtbot, lang, look_in, file_type):
    from PySide6.QtWidgets import QFileDialog

    from wa_audit import i18n
    from wa_audit.ui import dialogs

    i18n.set_language(lang)
    try:
        d = dialogs._file_dialog(None, "x", "", "*.txt")
        qtbot.addWidget(d)
        assert d.testOption(QFileDialog.DontUseNativeDialog)
        assert d.labelText(QFileDialog.LookIn) == look_in
        assert d.labelText(QFileDialog.FileType) == file_type
    finally:
        i18n.set_language("en")
