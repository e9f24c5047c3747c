"""Re-audit without reading or scanning the chats again (wa_audit.audit.cache, issue 13)."""

from __future__ import annotations

import pytest

from tests.lexicon.persona_snapshot import summarise
from tests.rules.conftest import build_persona_db
from wa_audit.audit import cache, run_audit
from wa_audit.audit.thresholds import set_override
from wa_audit.report.history import mark_explained
from wa_audit.rules import lexicons
from wa_audit.store import queries
from wa_audit.store.db import open_db, set_setting


@pytest.fixture
def counted(monkeypatch, tmp_path):
    """A fresh copy of a persona workspace; counts message reads and text scans."""
    import shutil

    path = tmp_path / "ws.db"
    shutil.copy(build_persona_db("optout_ignored"), path)
    calls = {"read": 0, "scan": 0}
    real_read, real_flags = queries._read_messages, lexicons.text_flags

    def read(*a, **k):
        calls["read"] += 1
        return real_read(*a, **k)

    def flags(*a, **k):
        calls["scan"] += 1
        return real_flags(*a, **k)

    monkeypatch.setattr(queries, "_read_messages", read)
    monkeypatch.setattr(lexicons, "text_flags", flags)
    cache.clear()
    db = open_db(path)
    yield db, calls
    db.close()
    cache.clear()


def _fresh(db, sensitivity=None):
    """The same audit without the cache: frames read anew (no data version)."""
    from wa_audit.audit.runner import run_audit_frames
    from wa_audit.audit.store import explained_rules
    from wa_audit.audit.thresholds import get_overrides, get_sensitivity

    frames = queries.load_frames(db)
    assert frames.version is None
    report = run_audit_frames(
        frames,
        sensitivity=sensitivity or get_sensitivity(db),
        overrides=get_overrides(db),
        explained=explained_rules(db),
    )
    return summarise(report)


def test_reaudit_after_sensitivity_threshold_and_explained_mark_reads_nothing(counted):
    db, calls = counted
    run_audit(db)
    assert calls == {"read": 1, "scan": 1}

    def cached(**kw):
        before = dict(calls)
        report = run_audit(db, **kw)
        assert calls == before  # nothing read or scanned again
        return report

    strict = cached(sensitivity="strict")
    assert summarise(strict) == _fresh(db, sensitivity="strict")
    set_override(db, "R11.red_violations", 5)
    assert summarise(cached()) == _fresh(db)
    mark_explained(db, "R11", "the customer asked us to write again")
    explained = cached()
    assert explained.finding("R11").result.explained
    assert summarise(explained) == _fresh(db)


def test_new_messages_or_owner_change_read_everything_again(counted):
    db, calls = counted
    run_audit(db)
    chat = db.execute("SELECT chat_id, ts FROM messages ORDER BY id DESC LIMIT 1").fetchone()
    with db.conn:
        db.execute(
            "INSERT INTO messages(msg_key, chat_id, import_id, ts, sender, text, kind, line) "
            "SELECT 'extra', ?, import_id, ?, sender, 'STOP', 'text', 999999 FROM messages "
            "WHERE chat_id = ? LIMIT 1",
            [chat[0], chat[1], chat[0]],
        )
    run_audit(db)
    assert calls["read"] == 2 and calls["scan"] == 2
    set_setting(db, "owner", "Somebody else")
    run_audit(db)
    assert calls["read"] == 3 and calls["scan"] == 3


def test_only_rules_whose_thresholds_changed_run_again(counted, monkeypatch):
    from wa_audit.rules import REGISTRY

    db, _calls = counted
    runs: list[str] = []
    for cls in REGISTRY:

        def counting(self, ctx, th, _real=cls.evaluate, _id=cls.meta.id):
            runs.append(_id)
            return _real(self, ctx, th)

        monkeypatch.setattr(cls, "evaluate", counting)
    run_audit(db)
    assert len(runs) == len(REGISTRY)
    runs.clear()
    mark_explained(db, "R11", "agreed with the customer")
    assert run_audit(db).finding("R11").result.explained
    assert runs == []  # an explained mark only changes how the lights combine
    set_override(db, "R11.red_violations", 7)
    run_audit(db)
    assert runs == ["R11"]
    runs.clear()
    run_audit(db, sensitivity="strict")
    assert len(runs) >= 10  # most rules have thresholds that sensitivity moves


def test_workspaces_in_memory_are_never_mixed_up():
    """Two in-memory workspaces of the same shape but other words: each audited on its own."""
    from datetime import datetime

    from tests.report.workspace import OWNER, Workspace

    cache.clear()
    lights = []
    for text in ("Hoi, is de taart klaar?", "STOP"):
        ws = Workspace()
        c = ws.chat("Kim")
        ws.msg(c, datetime(2026, 10, 1, 9), OWNER, "Nieuw: verse taarten, kom langs!")
        ws.msg(c, datetime(2026, 10, 1, 10), "Kim", text)
        ws.msg(c, datetime(2026, 10, 5, 10), OWNER, "Actie! 20% korting op alles, bestel nu")
        ws.commit()
        lights.append(run_audit(ws.db).finding("R11").result.figures.get("optouts"))
        ws.db.close()
    assert lights == [0, 1]
