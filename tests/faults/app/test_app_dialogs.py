"""The same faults reached from the app: the error dialog says what to do, nothing is
half-written, the workspace is unchanged (issue 10, "where a user can reach it")."""

from __future__ import annotations

import pytest


def _open(qtbot, window, path):
    with qtbot.waitSignal(window.workspace_opened, timeout=20000):
        window.open_workspace(str(path))
    # the app audits on open; wait for it so the dialogs below are the only ones
    qtbot.waitUntil(lambda: window.outcome is not None, timeout=60000)


def _errors(log):
    return [c[1][0] for c in log if c[0] == "error"]


@pytest.mark.parametrize("which", ["workspace", "-wal", "input"])
def test_save_report_over_the_workspace_or_an_input_is_refused(
    qtbot,
    window,
    dialog_log,
    ws,
    monkeypatch,
    which,
):
    from wa_audit.ui import dialogs

    _open(qtbot, window, ws.db)
    target = {
        "workspace": ws.db,
        "-wal": ws.db.with_name(ws.db.name + "-wal"),
        "input": ws.inputs[0],
    }[which]
    monkeypatch.setattr(dialogs, "save_report", lambda *a: str(target))
    monkeypatch.setattr(dialogs, "save_list", lambda *a, **k: str(target))
    before = ws.digest()
    assert window.export_report() is None
    assert window.output.save_list("optouts") is None
    texts = _errors(dialog_log)
    assert len(texts) == 2 and all("not overwritten" in t and str(target) in t for t in texts)
    assert ws.digest() == before


def test_save_report_to_a_symlink_is_refused(qtbot, window, dialog_log, ws, tmp_path, monkeypatch):
    from wa_audit.ui import dialogs

    _open(qtbot, window, ws.db)
    victim = tmp_path / "victim.pdf"
    victim.write_bytes(b"precious")
    link = tmp_path / "link.pdf"
    link.symlink_to(victim)
    monkeypatch.setattr(dialogs, "save_report", lambda *a: str(link))
    assert window.export_report() is None
    assert "symbolic link" in _errors(dialog_log)[0] and victim.read_bytes() == b"precious"


def test_pdf_export_failure_shows_the_error_and_leaves_nothing(
    qtbot,
    window,
    dialog_log,
    ws,
    tmp_path,
    monkeypatch,
):
    """The folder disappears between the dialog and the writing: a plain error, no file."""
    from wa_audit.ui import dialogs, safe_save

    _open(qtbot, window, ws.db)
    gone = tmp_path / "gone"
    gone.mkdir()
    target = gone / "r.pdf"
    monkeypatch.setattr(dialogs, "save_report", lambda *a: str(target))
    monkeypatch.setattr(safe_save, "accept", lambda *a: (gone.rmdir(), True)[1])
    job = window.export_report()
    assert job is not None
    qtbot.waitUntil(lambda: bool(_errors(dialog_log)), timeout=30000)
    text = _errors(dialog_log)[0]
    assert "does not exist" in text and str(target) in text
    assert not gone.exists()


def _not_sqlite(ws):
    ws.db.write_text("my shopping list", "utf-8")


def _newer(ws):
    import sqlite3

    conn = sqlite3.connect(ws.db)
    conn.execute("PRAGMA user_version = 99")
    conn.commit()
    conn.close()


def _damaged(ws):
    raw = bytearray(ws.db.read_bytes())
    page = int.from_bytes(raw[16:18], "big")
    raw[page * 2 : page * 6] = b"\xa5" * (page * 4)
    ws.db.write_bytes(bytes(raw))


@pytest.mark.parametrize(
    ("spoil", "says"),
    [
        (_not_sqlite, "is not a wa-audit workspace"),
        (_newer, "was made by a newer wa-audit"),
        (_damaged, "is damaged"),
    ],
)
def test_opening_a_faulty_workspace_says_what_to_do(qtbot, window, dialog_log, ws, spoil, says):
    spoil(ws)
    before = ws.db.read_bytes()
    window.open_workspace(str(ws.db))
    qtbot.waitUntil(lambda: bool(_errors(dialog_log)), timeout=20000)
    text = _errors(dialog_log)[0]
    assert says in text and str(ws.db) in text
    assert ws.db.read_bytes() == before
    assert not [c for c in dialog_log if c[0] == "crash"]
    assert window.workspace is None  # nothing half-opened
