"""Issue 9.3: "who added me to this group?" and its nl/de forms are complaints where the
business added the person (a group it filled, or a one-to-one chat it started), and the
finding says they came from a group. The same question in a friends' group is nobody's
complaint about the business."""

from __future__ import annotations

from datetime import datetime

import pytest

from tests.report.workspace import OWNER, Workspace
from tests.rules.conftest import persona_report
from wa_audit.audit.render import render_finding
from wa_audit.audit.thresholds import effective
from wa_audit.i18n import set_language
from wa_audit.rules.derive.context import build_context
from wa_audit.rules.r12_complaint_signals import R12ComplaintSignals
from wa_audit.store.queries import load_frames

GROUP_WORD = {"en": "group", "nl": "groep", "de": "Gruppe"}


@pytest.mark.parametrize("lang", ["en", "nl", "de"])
def test_who_added_me_counts_in_a_group_the_business_filled(lang):
    report = persona_report(
        "filled_group", {"lang": lang, "complainers": 0, "stop": False, "added_me": 3}
    )
    r12 = report.finding("R12").result
    # three members of the shop's group; the friends' group's question is not counted
    assert r12.figures["people_in_groups"] == 3
    assert r12.figures["chats"] == 3
    assert r12.figures["legal_threats"] == 0
    try:
        set_language(lang)
        assert GROUP_WORD[lang] in render_finding(report.finding("R12"))
    finally:
        set_language("en")


def test_without_the_questions_the_group_has_no_complaints():
    report = persona_report("filled_group", {"complainers": 0, "stop": False})
    assert report.finding("R12").result.figures["chats"] == 0


def _r12(ws: Workspace):
    frames = load_frames(ws.db)
    ctx = build_context(frames.messages, frames.chats, frames.owner)
    return R12ComplaintSignals().evaluate(ctx, effective("standard")["R12"])


def test_who_added_me_in_a_one_to_one_chat_after_your_message_counts():
    ws = Workspace()
    asked = ws.chat("Kim")  # you wrote first; she asks why she is on your list
    ws.msg(asked, datetime(2026, 10, 1, 9), OWNER, "Nieuw deze week: verse taarten!")
    ws.msg(asked, datetime(2026, 10, 1, 10), "Kim", "Waarom ben ik toegevoegd?")
    friend = ws.chat("Lea")  # she writes first about a friends' group: no complaint
    ws.msg(friend, datetime(2026, 10, 2, 9), "Lea", "Wie heeft mij toegevoegd aan de groep?")
    ws.msg(friend, datetime(2026, 10, 2, 9, 5), OWNER, "Ik, voor het verjaardagsfeest!")
    own = ws.chat("Tom")  # the shop added him, he says so himself: no complaint
    ws.msg(own, datetime(2026, 10, 3, 9), OWNER, "Ik heb je toegevoegd aan de groep")
    ws.msg(own, datetime(2026, 10, 3, 9, 5), "Tom", "Top, dank je!")
    ws.commit()
    res = _r12(ws)
    assert res.figures["chats"] == 1
    assert res.figures["people_in_groups"] == 0
