"""Faults inside archives and the workspace: one translated sentence naming the file, the other
files still import, the workspace keeps nothing half-written, the command line exits non-zero."""

from __future__ import annotations

import sqlite3
import struct
import zipfile

import pytest
from importing import run_import

from wa_audit.cli import main
from wa_audit.i18n import set_language
from wa_audit.importer import faults, store_import
from wa_audit.store import open_db

GOOD = "03/11/2026, 09:05 - Anna: hoi\n03/11/2026, 09:06 - Bakkerij: hallo\n"


def big_chat(customer: str, n: int = 400) -> str:
    return "".join(
        f"{3 + i // 600:02d}/11/2026, {9 + (i // 60) % 10:02d}:{i % 60:02d} - {customer}: "
        f"bericht nummer {i} met wat tekst\n"
        for i in range(n)
    )


@pytest.fixture(autouse=True, params=["in-process", "parser-process"])
def parse_mode(request, monkeypatch):
    threshold = 1 << 62 if request.param == "in-process" else 0
    monkeypatch.setattr(store_import, "PARALLEL_FROM_BYTES", threshold)


@pytest.fixture(autouse=True)
def english():
    set_language("en")
    yield
    set_language("en")


def make_zip(path, entries: dict[str, str], method=zipfile.ZIP_DEFLATED):
    with zipfile.ZipFile(path, "w", compression=method) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return path


def damage_entry_data(path, name: str) -> None:
    """Overwrite the middle of an entry's compressed bytes (the headers stay intact)."""
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo(name)
    data = bytearray(path.read_bytes())
    name_len, extra_len = struct.unpack(
        "<HH", data[info.header_offset + 26 : info.header_offset + 30]
    )
    start = info.header_offset + 30 + name_len + extra_len
    for i in range(start + info.compress_size // 3, start + 2 * info.compress_size // 3):
        data[i] ^= 0x5A
    path.write_bytes(bytes(data))


def set_method(path, name: str, method: int) -> None:
    """Mark an entry as packed with another compression method (local and central header)."""
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo(name)
    data = bytearray(path.read_bytes())
    data[info.header_offset + 8 : info.header_offset + 10] = struct.pack("<H", method)
    central = data.find(b"PK\x01\x02")
    while central != -1:
        (n,) = struct.unpack("<H", data[central + 28 : central + 30])
        if bytes(data[central + 46 : central + 46 + n]) == name.encode():
            data[central + 10 : central + 12] = struct.pack("<H", method)
            break
        central = data.find(b"PK\x01\x02", central + 4)
    path.write_bytes(bytes(data))


def counts(db_path) -> tuple[int, int]:
    db = open_db(db_path)
    try:
        return (
            db.execute("SELECT COUNT(*) FROM chats").fetchone()[0],
            db.execute("SELECT COUNT(*) FROM messages").fetchone()[0],
        )
    finally:
        db.close()


def test_damaged_deflate_data_is_named_and_the_other_files_still_import(tmp_path):
    broken = make_zip(tmp_path / "WhatsApp Chat - Bram.zip", {"_chat.txt": big_chat("Bram")})
    damage_entry_data(broken, "_chat.txt")
    good = tmp_path / "WhatsApp Chat with Anna.txt"
    good.write_text(GOOD)
    summary = run_import([broken, good], tmp_path / "ws.db")
    by_name = {f.path.name: f for f in summary.files}
    bad = by_name[broken.name]
    assert bad.status == "error"
    assert isinstance(bad.error, faults.DamagedZipEntry)
    assert broken.name in bad.error.user_message()
    assert by_name[good.name].status == "imported"
    assert counts(tmp_path / "ws.db") == (1, 2)
    db = open_db(tmp_path / "ws.db")
    assert db.execute("SELECT error_code FROM imports WHERE status = 'error'").fetchall() == [
        ("damaged_zip_entry",)
    ]


@pytest.mark.parametrize("method", [9, 99])  # deflate64, AES
def test_unsupported_compression_method_is_named(tmp_path, method):
    path = make_zip(tmp_path / "WhatsApp Chat - Bram.zip", {"_chat.txt": GOOD})
    set_method(path, "_chat.txt", method)
    summary = run_import([path], tmp_path / "ws.db")
    report = summary.files[0]
    assert isinstance(report.error, faults.UnsupportedZipMethod)
    assert path.name in report.error.user_message()
    assert counts(tmp_path / "ws.db") == (0, 0)


def test_a_damaged_chat_in_a_zip_of_two_leaves_the_other_chat(tmp_path):
    path = make_zip(
        tmp_path / "exports.zip",
        {"WhatsApp Chat with Anna.txt": GOOD, "WhatsApp Chat with Bram.txt": big_chat("Bram")},
    )
    damage_entry_data(path, "WhatsApp Chat with Bram.txt")
    summary = run_import([path], tmp_path / "ws.db")
    status = {f.file_name: f.status for f in summary.files}
    assert status == {
        "exports.zip › WhatsApp Chat with Anna.txt": "imported",
        "exports.zip › WhatsApp Chat with Bram.txt": "error",
    }
    assert counts(tmp_path / "ws.db") == (1, 2)


def test_damaged_zip_on_the_command_line_exits_non_zero_with_one_sentence(tmp_path, capsys):
    broken = make_zip(tmp_path / "WhatsApp Chat - Bram.zip", {"_chat.txt": big_chat("Bram")})
    damage_entry_data(broken, "_chat.txt")
    (tmp_path / "WhatsApp Chat with Anna.txt").write_text(GOOD)
    code = main(["import", str(tmp_path), "--db", str(tmp_path / "ws.db")])
    out = capsys.readouterr().out
    assert code != 0
    assert "Traceback" not in out
    assert "WhatsApp Chat - Bram.zip" in out and "damaged" in out
    assert "imported, 2 of 2 messages new" in out


def test_damaged_zip_message_is_translated(tmp_path):
    broken = make_zip(tmp_path / "WhatsApp Chat - Bram.zip", {"_chat.txt": big_chat("Bram")})
    damage_entry_data(broken, "_chat.txt")
    error = run_import([broken], tmp_path / "ws.db").files[0].error
    for lang, word in (("nl", "beschadigd"), ("de", "beschädigt")):
        set_language(lang)
        text = error.user_message()
        assert word in text and broken.name in text


def full_workspace(db_path):
    """A workspace whose file cannot grow: SQLite reports "database or disk is full"."""
    db = open_db(db_path)
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.execute(f"PRAGMA max_page_count = {pages + 1}")
    return db


def test_full_disk_keeps_sqlites_error_and_names_the_file(tmp_path):
    db_path = tmp_path / "ws.db"
    open_db(db_path).close()
    before = counts(db_path)
    big = tmp_path / "WhatsApp Chat with Bram.txt"
    big.write_text(big_chat("Bram", 5000))
    db = full_workspace(db_path)
    summary = run_import([big], db_path, db=db)
    report = summary.files[0]
    assert report.status == "error"
    assert isinstance(report.error, faults.WorkspaceWriteFailed)
    text = report.error.user_message()
    assert big.name in text
    assert "full" in text  # SQLite's own words, not "cannot rollback"
    assert "rollback" not in text
    assert not db.conn.in_transaction
    db.close()
    assert counts(db_path) == before  # nothing of the file was kept


def test_full_disk_on_the_command_line_exits_non_zero(tmp_path, capsys, monkeypatch):
    db_path = tmp_path / "ws.db"
    big = tmp_path / "WhatsApp Chat with Bram.txt"
    big.write_text(big_chat("Bram", 5000))
    monkeypatch.setattr(store_import, "open_db", full_workspace)
    code = main(["import", str(big), "--db", str(db_path)])
    out = capsys.readouterr().out
    assert code != 0
    assert big.name in out and "full" in out
    assert "cannot rollback" not in out


def test_write_error_is_recorded_in_the_import_report_when_it_can_be(tmp_path):
    """A write fault that leaves room for the report row (a failing statement, not a full
    disk): the failed file is listed in the workspace's import report with SQLite's words."""
    db_path = tmp_path / "ws.db"
    db = open_db(db_path)
    db.execute(
        "CREATE TRIGGER fail_messages BEFORE INSERT ON messages "
        "BEGIN SELECT RAISE(ABORT, 'disk I/O error (simulated)'); END"
    )
    path = tmp_path / "WhatsApp Chat with Anna.txt"
    path.write_text(GOOD)
    summary = run_import([path], db_path, db=db)
    assert isinstance(summary.files[0].error, faults.WorkspaceWriteFailed)
    rows = db.execute("SELECT file_name, status, error_code, warnings_json FROM imports").fetchall()
    assert len(rows) == 1
    name, status, code, detail = rows[0]
    assert (name, status, code) == (path.name, "error", "workspace_write_failed")
    assert "disk I/O error (simulated)" in detail
    assert db.execute("SELECT COUNT(*) FROM messages").fetchone()[0] == 0
    db.close()


def test_sqlite_errors_are_not_swallowed_as_locks(tmp_path):
    """Negative example: a busy workspace is still reported as in use, not as a write fault."""
    err = store_import._db_error(sqlite3.OperationalError("database is locked"), "ws.db", "a.txt")
    assert err.code == "database_locked"
