"""load_frames: the frames the audit reads, with few conversions (seconds and small codes from
SQLite) and the same contract as before."""

from __future__ import annotations

from datetime import datetime

import numpy as np

from tests.report.workspace import OWNER, Workspace
from wa_audit.store.db import set_setting
from wa_audit.store.queries import load_frames


def _ws():
    ws = Workspace()
    c = ws.chat("Kim")
    ws.msg(c, datetime(2026, 10, 1, 9, 0, 5), "Kim", "Hoi, is de taart klaar?")
    ws.msg(c, datetime(2026, 10, 1, 9, 1), OWNER, "Ja hoor!")
    ws.msg(c, datetime(2026, 10, 1, 9, 2), "Kim", "<Media weggelaten>", kind="media")
    ws.msg(c, datetime(2026, 10, 1, 9, 3), None, "Kim left", kind="system")
    ws.commit()
    return ws, c


def test_columns_types_and_order():
    ws, _ = _ws()
    m = load_frames(ws.db).messages
    assert list(m["text"]) == [
        "Hoi, is de taart klaar?",
        "Ja hoor!",
        "<Media weggelaten>",
        "Kim left",
    ]
    assert list(m["direction"]) == ["in", "out", "in", "sys"]
    assert list(m["kind"]) == ["text", "text", "media", "system"]
    assert str(m["kind"].dtype) == "category" and str(m["direction"].dtype) == "category"
    assert m["ts"].iloc[0] == np.datetime64("2026-10-01T09:00:05")
    assert list(m["seq"]) == [0, 1, 2, 3]
    assert m["actor_is_owner"].dtype == bool
    assert list(m["event"]) == ["", "", "", ""]


def test_without_owner_nobody_is_out():
    ws, _ = _ws()
    set_setting(ws.db, "owner", None)
    m = load_frames(ws.db).messages
    assert "out" not in set(m["direction"])


def test_unknown_kind_keeps_its_text():
    ws, c = _ws()
    ws.msg(c, datetime(2026, 10, 1, 9, 4), "Kim", "poll", kind="poll")
    ws.commit()
    m = load_frames(ws.db).messages
    assert m["kind"].iloc[-1] == "poll" and m["kind"].iloc[0] == "text"


def test_empty_workspace():
    ws = Workspace()
    m = load_frames(ws.db).messages
    assert len(m) == 0 and {"ts", "kind", "direction", "seq", "text"} <= set(m.columns)


def test_rows_stored_out_of_order_come_in_chat_time_and_line_order():
    """A chat imported again later (its new messages stored after other chats) and a system
    notice with an earlier time than the line before it are read in chat, time, line order."""
    ws = Workspace()
    a = ws.chat("Anna")
    b = ws.chat("Bob")
    ws.msg(a, datetime(2026, 10, 1, 9), "Anna", "a1")
    ws.msg(b, datetime(2026, 10, 1, 8), "Bob", "b1")
    ws.msg(a, datetime(2026, 10, 2, 9), "Anna", "a3")
    ws.msg(a, datetime(2026, 10, 1, 12), OWNER, "a2")
    ws.msg(b, datetime(2026, 10, 1, 8), "Bob", "b2")  # same second: line order
    ws.commit()
    m = load_frames(ws.db).messages
    assert list(m["text"]) == ["a1", "a2", "a3", "b1", "b2"]
    assert list(m["seq"]) == [0, 1, 2, 0, 1]
