"""Direct tests of ui.presenter, the Qt-free layer that turns an AuditReport into screen texts.
It runs without a QApplication (the module imports no Qt), on real audits of personas."""

from __future__ import annotations

import subprocess
import sys
from types import SimpleNamespace

import pytest

from tests.rules.conftest import persona_report
from wa_audit.i18n import set_language
from wa_audit.rules.base import Light
from wa_audit.ui import presenter


@pytest.fixture(autouse=True)
def english():
    set_language("en")
    yield
    set_language("en")


def test_presenter_imports_no_qt():
    code = "import sys, wa_audit.ui.presenter; print(any(m.startswith('PySide6') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Light.RED, "red"),
        ("amber", "amber"),
        ("GREEN", "green"),
        ("not_computable", "grey"),
        (None, "grey"),
        ("purple", "grey"),
    ],
)
def test_every_light_value_has_one_normal_form(value, expected):
    assert presenter.normalise_light(value) == expected


def test_light_words_follow_the_language():
    assert presenter.light_word("red") == "Fix first"
    set_language("de")
    assert presenter.light_word("red") != "Fix first"
    assert presenter.light_word("unknown") == presenter.light_word("grey")


def test_dashboard_of_a_red_business_puts_what_to_fix_first():
    report = persona_report("spammer")
    board = presenter.dashboard(report)
    assert board.overall == "red"
    ranks = [presenter.LIGHT_RANK[c.light] for c in board.cards]
    assert ranks == sorted(ranks)  # red before amber before green
    assert board.fix_first and all(c.light == "red" for c in board.fix_first)
    assert len(board.fix_first) <= 3
    assert "CONTEXT" not in [name for name, _, _ in board.families]
    # every card says its rule's own summary, and no card pairs "not enough data" with confidence
    for card in board.cards:
        assert card.summary
        if card.light in ("grey", "error"):
            assert card.confidence == ""
        else:
            assert card.confidence


def test_dashboard_of_a_normal_shop_has_nothing_to_fix():
    board = presenter.dashboard(persona_report("normal_shop"))
    assert board.overall == "green"
    assert board.fix_first == []
    assert "analysed" in board.coverage


def test_allowed_automation_lists_kinds_and_never_a_bot():
    report = SimpleNamespace(
        allowed_automation=[
            {"kind": "greeting", "chats": 12, "allowed": True},
            {"kind": "away", "chats": 3, "allowed": True},
            {"kind": "away", "chats": 5, "allowed": True},
            {"kind": "bot", "chats": 40, "allowed": False},
        ]
    )
    lines = presenter.allowed_automation(report)
    assert lines == [
        "Greeting message: allowed, used in 12 chats",
        "Away message: allowed, 2 different texts, used in up to 5 chats",
    ]


def test_coverage_uses_plural_forms_and_days():
    one = presenter.coverage_text({"chats": 1, "messages": 4})
    assert one.startswith("1 chat and 4 messages analysed.")
    many = presenter.coverage_text(
        {"chats": 1200, "messages": 34000, "period_start": "2026-01-05", "period_end": "2026-03-01"}
    )
    assert many.startswith("1,200 chats and 34,000 messages analysed.")
    assert "2026" in many and "00:00" not in many


def test_change_text_only_when_the_light_changed():
    same = SimpleNamespace(old="red", new="red", since="2026-10-03")
    assert presenter.change_text(same) == ""
    assert presenter.change_text(None) == ""
    moved = SimpleNamespace(old="amber", new="red", since="2026-10-03")
    text = presenter.change_text(moved)
    assert "Review" in text and "Fix first" in text and "2026" in text


def test_guidance_agrees_with_the_report():
    report = persona_report("spammer")
    g = presenter.guidance(report)
    assert g.traffic and g.must_stop
    assert g.as_of  # prices always say as of when
