"""`wa-audit parse` and `wa-audit import` as a user runs them."""

from __future__ import annotations

import json
import subprocess
import sys

from wa_audit.cli import main

TEXT = (
    "03/11/2026, 09:05 - Messages and calls are end-to-end encrypted. Tap to learn more.\n"
    "03/11/2026, 09:05 - Anna: Hoi\nhoe gaat het?\n"
    "03/11/2026, 09:06 - Bakkerij: Goed! <This message was edited>\n"
    "03/11/2026, 09:07 - Anna: <Media omitted>\n"
    "13/11/2026, 09:08 - Anna: Dit bericht is verwijderd\n"
)


def test_parse_json_one_object_per_message(write, capsys):
    path = write("WhatsApp Chat with Anna.txt", TEXT)
    assert main(["parse", str(path), "--json"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert rows[0] == {
        "timestamp": "2026-11-03T09:05:00",
        "sender": None,
        "text": "Messages and calls are end-to-end encrypted. Tap to learn more.",
        "kind": "system",
        "edited": False,
        "line": 1,
    }
    assert rows[1]["text"] == "Hoi\nhoe gaat het?"
    assert rows[2] == {
        "timestamp": "2026-11-03T09:06:00",
        "sender": "Bakkerij",
        "text": "Goed!",
        "kind": "text",
        "edited": True,
        "line": 4,
    }
    assert [r["kind"] for r in rows] == ["system", "text", "text", "media", "deleted"]


def test_parse_stats(write, capsys):
    path = write("WhatsApp Chat with Anna.txt", TEXT)
    assert main(["parse", str(path), "--stats"]) == 0
    out = capsys.readouterr().out
    assert "android" in out and "Messages: 5" in out and "Anna: 3" in out
    assert "Unparsed lines: 0" in out


def test_parse_bad_file_one_line_no_traceback(write):
    path = write("photo.jpg", b"\xff\xd8\xff\xe0" + b"x" * 100)
    proc = subprocess.run(
        [sys.executable, "-m", "wa_audit.cli", "parse", str(path), "--json"],
        capture_output=True,
        text=True,
    )
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr
    assert "photo.jpg" in proc.stderr and len(proc.stderr.strip().splitlines()) == 1


def test_import_folder_reports_each_file(tmp_path, write, capsys):
    write("WhatsApp Chat with Anna.txt", TEXT)
    write("empty.txt", b"")
    db = tmp_path / "ws.db"
    assert main(["import", str(tmp_path), "--db", str(db)]) == 1  # empty.txt was not imported
    out = capsys.readouterr().out
    assert "imported, 5 of 5 messages new" in out
    assert "empty.txt is empty" in out
    assert main(["import", str(tmp_path / "WhatsApp Chat with Anna.txt"), "--db", str(db)]) == 0
    assert "already imported" in capsys.readouterr().out


def test_import_nothing_importable_exits_non_zero(tmp_path, write, capsys):
    path = write("empty.txt", b"")
    assert main(["import", str(path), "--db", str(tmp_path / "ws.db")]) == 1


def test_import_in_dutch(tmp_path, write, capsys):
    path = write("empty.txt", b"")
    main(["--lang", "nl", "import", str(path), "--db", str(tmp_path / "ws.db")])
    out = capsys.readouterr().out
    assert "empty.txt" in out
