"""Import guarantees: idempotent, incremental, one transaction per file, owner detection."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from datetime import datetime, timedelta

import pytest
from importing import run_import

from wa_audit.importer import import_paths
from wa_audit.store import open_db
from wa_audit.store.db import get_setting

OWNER = "Bakkerij Jansen"


@pytest.fixture(autouse=True, params=["in-process", "parser-process"])
def parse_mode(request, monkeypatch):
    """Every guarantee holds whether the file is parsed here or in the parser process."""
    from wa_audit.importer import store_import

    threshold = 1 << 62 if request.param == "in-process" else 0
    monkeypatch.setattr(store_import, "PARALLEL_FROM_BYTES", threshold)
    return request.param


def chat(customer: str, n: int) -> str:
    lines = ["01/11/2026, 08:00 - Messages and calls are end-to-end encrypted. Tap to learn more."]
    t = datetime(2026, 11, 1, 9, 0)
    for i in range(n):
        t += timedelta(minutes=7)
        who = customer if i % 2 == 0 else OWNER
        lines.append(f"{t:%d/%m/%Y, %H:%M} - {who}: bericht {i}")
    return "\n".join(lines) + "\n"


def snapshot(db_path) -> tuple:
    db = open_db(db_path)
    try:
        return (
            db.execute("SELECT COUNT(*) FROM messages").fetchone()[0],
            db.execute("SELECT COUNT(*) FROM chats").fetchone()[0],
            db.execute("SELECT group_concat(hex(msg_key)) FROM messages ORDER BY id").fetchone()[0],
            db.execute("SELECT COUNT(*) FROM messages_fts").fetchone()[0],
        )
    finally:
        db.close()


def test_same_file_twice_changes_nothing(tmp_path, write):
    path = write("WhatsApp Chat with Anna.txt", chat("Anna", 30))
    db_path = tmp_path / "ws.db"
    first = run_import([path], db_path)
    assert first.files[0].status == "imported"
    before = snapshot(db_path)
    second = run_import([path], db_path)
    assert second.files[0].status == "already"
    assert snapshot(db_path) == before


def test_longer_export_adds_only_new_messages(tmp_path, write):
    db_path = tmp_path / "ws.db"
    short = write("WhatsApp Chat with Anna.txt", chat("Anna", 30))
    run_import([short], db_path)
    longer = tmp_path / "later" / "WhatsApp Chat with Anna.txt"
    longer.parent.mkdir()
    longer.write_text(chat("Anna", 45))
    summary = run_import([longer], db_path)
    assert summary.files[0].status == "updated"
    assert summary.files[0].messages_added == 15
    db = open_db(db_path)
    assert db.execute("SELECT COUNT(*) FROM messages").fetchone()[0] == 46
    assert db.execute("SELECT COUNT(*) FROM chats").fetchone()[0] == 1
    hits = db.execute(
        "SELECT COUNT(*) FROM messages_fts WHERE messages_fts MATCH 'bericht'"
    ).fetchone()[0]
    assert hits == 45


def test_identical_texts_in_the_same_minute_are_all_kept(tmp_path, write):
    text = "03/11/2026, 09:05 - Anna: ok\n" * 3 + "03/11/2026, 09:06 - Anna: ok\n"
    db_path = tmp_path / "ws.db"
    run_import([write("WhatsApp Chat with Anna.txt", text)], db_path)
    assert snapshot(db_path)[0] == 4


def test_cancel_mid_file_rolls_the_file_back(tmp_path, write):
    db_path = tmp_path / "ws.db"
    run_import([write("WhatsApp Chat with Anna.txt", chat("Anna", 30))], db_path)
    before = snapshot(db_path)
    big = write("WhatsApp Chat with Bram.txt", chat("Bram", 30_000))
    gen = import_paths([big], db_path)
    progress = [next(gen) for _ in range(3)]
    assert progress[-1].done > 0
    gen.close()  # the user pressed Cancel
    assert snapshot(db_path) == before


def test_killed_process_leaves_database_as_before(tmp_path, write):
    db_path = tmp_path / "ws.db"
    run_import([write("WhatsApp Chat with Anna.txt", chat("Anna", 30))], db_path)
    before = snapshot(db_path)
    big = write("WhatsApp Chat with Bram.txt", chat("Bram", 300_000))
    code = (
        "import sys\nfrom wa_audit.importer import import_paths\n"
        f"gen = import_paths([{str(big)!r}], {str(db_path)!r})\n"
        "for i, p in enumerate(gen):\n"
        "    if i == 5: print('started', flush=True)\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "started"
    time.sleep(0.2)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert snapshot(db_path) == before


def test_owner_is_the_sender_in_all_one_to_one_chats(tmp_path, write):
    paths = [write(f"WhatsApp Chat with Klant {i}.txt", chat(f"Klant {i}", 6)) for i in range(5)]
    summary = run_import(paths, tmp_path / "ws.db")
    assert summary.owner == OWNER
    assert summary.owner_candidates[0] == (OWNER, 5)


def test_owner_of_a_single_chat_is_not_the_chat_partner(tmp_path, write):
    summary = run_import([write("WhatsApp Chat with Anna.txt", chat("Anna", 7))], tmp_path / "w.db")
    assert summary.owner == OWNER


def test_owner_override_is_stored_once(tmp_path, write):
    db_path = tmp_path / "ws.db"
    run_import([write("WhatsApp Chat with Anna.txt", chat("Anna", 6))], db_path, owner="Anna")
    run_import([write("WhatsApp Chat with Bram.txt", chat("Bram", 6))], db_path)
    db = open_db(db_path)
    assert get_setting(db, "owner") == "Anna"


def test_import_records_layout_counts_and_warnings(tmp_path, write):
    db_path = tmp_path / "ws.db"
    run_import([write("WhatsApp Chat with Anna.txt", "junk\n" + chat("Anna", 6))], db_path)
    row = (
        open_db(db_path)
        .execute(
            "SELECT layout, messages_in_file, unparsed_lines, unparsed_json, status, sha256 "
            "FROM imports"
        )
        .fetchone()
    )
    assert row[:3] == ("android", 7, 1)
    assert json.loads(row[3]) == [[1, "before_first_message"]]
    assert row[4] == "imported" and len(row[5]) == 64


@pytest.mark.parametrize("n", [1, 5001])
def test_batches_and_fts(tmp_path, write, n):
    db_path = tmp_path / "ws.db"
    run_import([write("WhatsApp Chat with Anna.txt", chat("Anna", n))], db_path)
    count, _, _, fts = snapshot(db_path)
    assert count == n + 1 and fts == n + 1
