"""Every workspace fault and mistyped argument ends in one sentence naming the file, exit 1,
no traceback, the workspace unchanged (issue 10, third section)."""

from __future__ import annotations

import sqlite3

import pytest

from tests.faults.conftest import read_only

COMMANDS = [("audit",), ("report", "--optout-csv", "{out}")]


def _run(cli, cmd, db, tmp_path):
    args = [a.format(out=tmp_path / "o.csv") for a in cmd]
    return cli(*args[:1], "--db", str(db), *args[1:])


@pytest.mark.parametrize("cmd", COMMANDS)
def test_not_sqlite(cli, tmp_path, cmd):
    db = tmp_path / "notes.db"
    db.write_text("my shopping list\n" * 50, "utf-8")
    before = db.read_bytes()
    rc, _out, err = _run(cli, cmd, db, tmp_path)
    assert rc == 1 and f"{db} is not a wa-audit workspace" in err
    assert db.read_bytes() == before and not (tmp_path / "o.csv").exists()


@pytest.mark.parametrize("cmd", COMMANDS)
def test_corrupted_page(ws, cli, tmp_path, cmd):
    raw = bytearray(ws.db.read_bytes())
    page = int.from_bytes(raw[16:18], "big")
    for i in range(page * 2, min(len(raw), page * 6)):  # wipe pages 3 to 6 (tables, indexes)
        raw[i] = 0xA5
    ws.db.write_bytes(bytes(raw))
    rc, _out, err = _run(cli, cmd, ws.db, tmp_path)
    assert rc == 1 and f"The workspace {ws.db} is damaged" in err
    assert bytes(raw) == ws.db.read_bytes()


@pytest.mark.parametrize("how", ["migration", "user_version"])
@pytest.mark.parametrize("cmd", COMMANDS)
def test_newer_workspace_is_refused_not_migrated(ws, cli, tmp_path, cmd, how):
    conn = sqlite3.connect(ws.db)
    if how == "migration":
        conn.execute(
            "INSERT INTO _sqlite_migrations(migration_set, name, applied_at) "
            "VALUES ('wa_audit', 'm099_from_the_future', '2030-01-01')"
        )
    else:
        conn.execute("PRAGMA user_version = 99")
    conn.commit()
    conn.close()
    before = ws.digest()
    rc, _out, err = _run(cli, cmd, ws.db, tmp_path)
    assert rc == 1 and f"The workspace {ws.db} was made by a newer wa-audit" in err
    assert ws.digest() == before


@pytest.mark.parametrize("what", ["file", "folder"])
def test_read_only_workspace(ws, cli, tmp_path, monkeypatch, what):
    before = ws.digest()
    read_only(ws.db if what == "file" else ws.db.parent, monkeypatch)
    try:
        rc, _out, err = cli("audit", "--db", str(ws.db))
    finally:
        ws.db.parent.chmod(0o755)
        ws.db.chmod(0o644)
    assert rc == 1 and f"The workspace {ws.db} cannot be changed" in err
    assert ws.digest() == before


@pytest.mark.parametrize("cmd", [("audit",), ("report", "--rerun", "--out", "{out}")])
def test_locked_workspace_waits_then_says_another_window_imports(
    ws, cli, tmp_path, monkeypatch, cmd
):
    import wa_audit.store.db as store_db

    monkeypatch.setattr(store_db, "LOCK_WAIT_S", 0.2)
    holder = sqlite3.connect(ws.db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # an import in another window holds the write lock
    try:
        args = [a.format(out=tmp_path / "r.html") for a in cmd]
        rc, _out, err = cli(args[0], "--db", str(ws.db), *args[1:])
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert rc == 1 and f"The workspace {ws.db} is busy" in err and "importing" in err
    assert not (tmp_path / "r.html").exists()


def test_missing_workspace_is_not_created(cli, tmp_path):
    db = tmp_path / "typo.db"
    rc, _out, err = cli("audit", "--db", str(db))
    assert rc == 1 and f"There is no workspace {db}" in err and not db.exists()


@pytest.mark.parametrize("value", ["2026-13-01", "yesterday", "31.12.2026", "", "2026-02-30"])
def test_invalid_date(ws, cli, value):
    before = ws.digest()
    rc, _out, err = cli("audit", "--db", str(ws.db), "--date", value)
    assert rc == 1 and "--date" in err and "YYYY-MM-DD" in err
    assert ws.digest() == before


@pytest.mark.parametrize(
    ("args", "expect"),
    [
        (("--explain", "R1", "--reason", "x"), "--explain"),
        (("--reopen", "rule three"), "--reopen"),
        (("--out", "{tmp}/r.html", "--country", "Netherlands"), "--country"),
    ],
)
def test_mistyped_report_arguments(ws, cli, tmp_path, args, expect):
    before = ws.digest()
    rc, _out, err = cli("report", "--db", str(ws.db), *[a.format(tmp=tmp_path) for a in args])
    assert rc == 1 and expect in err and ws.digest() == before


@pytest.mark.parametrize(
    "args",
    [
        ("audit", "--sensitivity", "extreme"),
        ("report", "--lang", "fr", "--out", "x.html"),
        ("report", "--run", "latest", "--out", "x.html"),
    ],
)
def test_argparse_choices_exit_2_without_traceback(args, capsys):
    from wa_audit.cli import main

    with pytest.raises(SystemExit) as stop:
        main(list(args))
    assert stop.value.code == 2
    assert "Traceback" not in capsys.readouterr().err


def test_no_traceback_in_a_real_process(tmp_path):
    import subprocess
    import sys

    db = tmp_path / "notes.db"
    db.write_text("not a database", "utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "wa_audit.cli", "--lang", "nl", "audit", "--db", str(db)],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert f"{db} is geen wa-audit-werkruimte" in proc.stderr


def test_workspace_that_is_a_folder(cli, tmp_path):
    rc, _out, err = cli("audit", "--db", str(tmp_path))
    assert rc == 1 and f"{tmp_path} is not a wa-audit workspace" in err
