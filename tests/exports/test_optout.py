from __future__ import annotations

import csv
import io
from datetime import datetime

from tests.report.workspace import OWNER, Workspace
from wa_audit.exports.optout import make_matcher, optout_register, write_register_csv


def test_matcher_keywords_and_phrases():
    m = make_matcher()
    assert m("STOP") and m("Stopp bitte") and m("afmelden aub") and m("Bitte abmelden!")
    assert m("Please, I said it many times already: stop sending me these offers every week")
    assert m("Ik wil dit niet meer ontvangen, echt niet, al zo vaak gevraagd en nog steeds")
    assert not m("Stopt de levering op maandag?")
    assert not m("I waited at the bus stop for half an hour before I could get to your shop")
    assert not m("") and not m(None)


def test_register_counts_ack_replies_and_violations(ws_ids):
    ws, ids = ws_ids
    entries = optout_register(ws.db)
    assert len(entries) == 1
    e = entries[0]
    assert e.customer == "Ruud Stopper" and e.msg_id == ids["optout"][0]
    assert e.acknowledged
    assert e.messages_after == 3 and e.violations == 2
    assert e.violation_ids == ids["after"]
    assert not e.ok


def test_reply_to_later_message_is_allowed():
    ws = Workspace()
    c = ws.chat("Kim")
    ws.msg(c, datetime(2026, 10, 1, 9), "Kim", "Stop")
    ws.msg(c, datetime(2026, 10, 8, 9), "Kim", "Hoi, kan ik toch nog een taart bestellen?")
    ws.msg(c, datetime(2026, 10, 8, 9, 5), OWNER, "Natuurlijk, welke smaak?")
    ws.commit()
    (e,) = optout_register(ws.db)
    assert e.ok and e.messages_after == 1 and not e.acknowledged


def test_group_chats_and_owner_messages_ignored():
    ws = Workspace()
    g = ws.chat("Club", is_group=True)
    ws.msg(g, datetime(2026, 10, 1, 9), "Kim", "STOP")
    c = ws.chat("Lea")
    ws.msg(c, datetime(2026, 10, 1, 9), OWNER, "stop")
    ws.commit()
    assert optout_register(ws.db) == []


def test_register_csv(ws_ids, tmp_path):
    ws, _ids = ws_ids
    n = write_register_csv(ws.db, tmp_path / "o.csv")
    rows = list(csv.reader(io.StringIO((tmp_path / "o.csv").read_text("utf-8-sig"))))
    assert n == 1 and len(rows) == 2
    assert rows[0][0] == "Customer" and rows[1][0] == "Ruud Stopper"
    assert rows[1][5:7] == ["3", "2"]
