"""Choosing the day/month order afterwards: re-read the files, replace the messages atomically."""

from __future__ import annotations

import zipfile

import pytest
from importing import run_import

from wa_audit.importer import faults, reimport_with_date_order, uncertain_imports
from wa_audit.store import open_db


def ambiguous_chat(customer: str, days: int = 3, extra: int = 0) -> str:
    """English, slashes, 24h, every day <= 12: the order cannot be told from the dates."""
    lines = ["01/02/2026, 08:00 - Messages and calls are end-to-end encrypted. Tap to learn more."]
    for d in range(1, days + 1):
        lines.append(f"{d:02d}/02/2026, 09:00 - {customer}: order {d}")
        lines.append(f"{d:02d}/02/2026, 09:05 - Shop: thanks {d}")
    for i in range(extra):
        lines.append(f"{days + 1:02d}/02/2026, 10:{i:02d} - {customer}: later {i}")
    return "\n".join(lines) + "\n"


CERTAIN = "13/02/2026, 09:00 - Bram: hello\n13/02/2026, 09:05 - Shop: hi\n"


def redate(db, targets, order):
    gen = reimport_with_date_order(db, targets, order)
    try:
        while True:
            next(gen)
    except StopIteration as stop:
        return stop.value


def snapshot(db) -> tuple:
    return (
        db.execute("SELECT id, chat_id, ts, text FROM messages ORDER BY id").fetchall(),
        db.execute("SELECT id, date_order, date_order_confidence FROM imports").fetchall(),
        db.execute("SELECT COUNT(*) FROM messages_fts").fetchone()[0],
        db.execute("SELECT id, first_ts, last_ts, message_count FROM chats").fetchall(),
    )


@pytest.fixture
def workspace(tmp_path):
    anna = tmp_path / "WhatsApp Chat with Anna.txt"
    anna.write_text(ambiguous_chat("Anna"))
    bram = tmp_path / "WhatsApp Chat with Bram.txt"
    bram.write_text(CERTAIN)
    db_path = tmp_path / "ws.db"
    run_import([anna, bram], db_path)
    db = open_db(db_path)
    yield db, anna, bram
    db.close()


def test_uncertain_imports_are_listed_with_samples_both_ways(workspace):
    db, anna, _ = workspace
    found = uncertain_imports(db)
    assert [u.file_name for u in found] == [anna.name]  # Bram has a day above 12: certain
    assert found[0].date_order == "dmy"
    assert found[0].chat_title == "Anna"
    assert found[0].samples == (("2026-02-01", "2026-01-02"), ("2026-02-03", "2026-03-02"))


def test_reimport_month_first_replaces_the_dates(workspace):
    db, _, _ = workspace
    import_id = uncertain_imports(db)[0].import_id
    bram_before = db.execute(
        "SELECT m.id, m.ts FROM messages m JOIN chats c ON c.id = m.chat_id WHERE c.title = 'Bram'"
    ).fetchall()
    reports = redate(db, [import_id], "month_first")
    assert [r.status for r in reports] == ["redated"]
    days = [
        ts[:10] for (ts,) in db.execute("SELECT ts FROM messages WHERE import_id = ?", [import_id])
    ]
    assert days == [
        "2026-01-02",
        "2026-01-02",
        "2026-01-02",
        "2026-02-02",
        "2026-02-02",
        "2026-03-02",
        "2026-03-02",
    ]
    row = db.execute(
        "SELECT date_order, date_order_confidence, warnings_json FROM imports WHERE id = ?",
        [import_id],
    ).fetchone()
    assert row[:2] == ("mdy", "user")
    assert "date_order_guessed" not in row[2]
    chat = db.execute(
        "SELECT first_ts, last_ts, message_count FROM chats WHERE title = 'Anna'"
    ).fetchone()
    assert chat == ("2026-01-02T08:00:00", "2026-03-02T09:05:00", 7)
    hits = db.execute(
        "SELECT COUNT(*) FROM messages_fts WHERE messages_fts MATCH 'thanks'"
    ).fetchone()[0]
    assert hits == 3
    assert uncertain_imports(db) == []
    # the other chat was not touched (same message ids, same times)
    assert (
        db.execute(
            "SELECT m.id, m.ts FROM messages m JOIN chats c ON c.id = m.chat_id WHERE c.title = 'Bram'"
        ).fetchall()
        == bram_before
    )


def test_reimport_by_path_and_back_again(workspace):
    db, anna, _ = workspace
    before = db.execute("SELECT ts, text FROM messages ORDER BY ts, text").fetchall()
    redate(db, [anna], "mdy")
    assert db.execute("SELECT ts, text FROM messages ORDER BY ts, text").fetchall() != before
    redate(db, [anna], "dmy")
    assert db.execute("SELECT ts, text FROM messages ORDER BY ts, text").fetchall() == before


def test_a_missing_file_changes_nothing_and_is_named(workspace, tmp_path):
    db, anna, _ = workspace
    other = tmp_path / "WhatsApp Chat with Cees.txt"
    other.write_text(ambiguous_chat("Cees"))
    run_import([other], None, db=db)
    before = snapshot(db)
    other.unlink()
    with pytest.raises(faults.FileMovedSinceImport) as caught:
        redate(db, [anna, other], "mdy")
    assert other.name in caught.value.user_message()
    assert snapshot(db) == before
    assert not db.conn.in_transaction


def test_a_changed_file_changes_nothing(workspace):
    db, anna, _ = workspace
    before = snapshot(db)
    anna.write_text(ambiguous_chat("Anna") + "04/02/2026, 11:00 - Anna: new\n")
    with pytest.raises(faults.FileChangedSinceImport) as caught:
        redate(db, [anna], "mdy")
    assert anna.name in caught.value.user_message()
    assert snapshot(db) == before


def test_cancel_rolls_everything_back(workspace):
    db, anna, _ = workspace
    before = snapshot(db)
    gen = reimport_with_date_order(db, [anna], "mdy")
    next(gen)
    gen.close()
    assert snapshot(db) == before


def test_overlapping_exports_of_one_chat_are_redated_together(tmp_path):
    """A later, longer export of the same chat repeats the earlier messages: re-dating one of
    them re-reads both, and no message appears twice."""
    first = tmp_path / "a" / "WhatsApp Chat with Anna.txt"
    later = tmp_path / "b" / "WhatsApp Chat with Anna.txt"
    first.parent.mkdir()
    later.parent.mkdir()
    first.write_text(ambiguous_chat("Anna", days=3))
    later.write_text(ambiguous_chat("Anna", days=3, extra=4))
    db_path = tmp_path / "ws.db"
    summary = run_import([first, later], db_path)
    assert [f.status for f in summary.files] == ["imported", "updated"]
    db = open_db(db_path)
    assert db.execute("SELECT COUNT(*) FROM messages").fetchone()[0] == 11
    reports = redate(db, [first], "mdy")
    assert len(reports) == 2  # both files of the chat
    assert db.execute("SELECT COUNT(*) FROM messages").fetchone()[0] == 11
    assert db.execute("SELECT COUNT(DISTINCT ts || text) FROM messages").fetchone()[0] == 11
    assert {d for (d,) in db.execute("SELECT substr(ts, 1, 10) FROM messages")} == {
        "2026-01-02", "2026-02-02", "2026-03-02", "2026-04-02",
    }  # fmt: skip
    db.close()


def test_one_chat_of_a_zip_with_several(tmp_path):
    path = tmp_path / "exports.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("WhatsApp Chat with Anna.txt", ambiguous_chat("Anna"))
        zf.writestr("WhatsApp Chat with Bram.txt", CERTAIN)
    db_path = tmp_path / "ws.db"
    run_import([path], db_path)
    db = open_db(db_path)
    [anna] = uncertain_imports(db)
    assert anna.file_name == "exports.zip › WhatsApp Chat with Anna.txt"
    redate(db, [anna.import_id], "mdy")
    assert db.execute(
        "SELECT MIN(ts) FROM messages WHERE import_id = ?", [anna.import_id]
    ).fetchone() == ("2026-01-02T08:00:00",)
    db.close()


def test_unknown_targets_and_orders_are_refused(workspace, tmp_path):
    db, _, _ = workspace
    with pytest.raises(ValueError):
        redate(db, [1], "sideways")
    with pytest.raises(faults.NotInWorkspace) as caught:
        redate(db, [tmp_path / "never imported.txt"], "mdy")
    assert "never imported.txt" in caught.value.user_message()


def test_command_line_date_order_reads_an_imported_file_again(tmp_path, capsys):
    from wa_audit.cli import main

    path = tmp_path / "WhatsApp Chat with Anna.txt"
    path.write_text(ambiguous_chat("Anna"))
    db_path = tmp_path / "ws.db"
    assert main(["import", str(path), "--db", str(db_path)]) == 0
    assert "were read day first" in capsys.readouterr().out
    assert main(["import", str(path), "--db", str(db_path), "--date-order", "month-first"]) == 0
    out = capsys.readouterr().out
    assert "dates read again in the order you chose" in out
    db = open_db(db_path)
    assert db.execute("SELECT MIN(ts) FROM messages").fetchone() == ("2026-01-02T08:00:00",)
    db.close()
    # a new file imported with the order given from the start
    other = tmp_path / "WhatsApp Chat with Cees.txt"
    other.write_text(ambiguous_chat("Cees"))
    assert main(["import", str(other), "--db", str(db_path), "--date-order", "month-first"]) == 0
    db = open_db(db_path)
    row = db.execute(
        "SELECT date_order, date_order_confidence FROM imports WHERE file_name = ?", [other.name]
    ).fetchone()
    assert row == ("mdy", "user")
    db.close()
