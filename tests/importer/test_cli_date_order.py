"""`wa-audit import --date-order`: the order the user gives applies where the dates leave it
open, and never destroys a file whose dates decide it (a day above 12)."""

from __future__ import annotations

import pytest

from wa_audit.store.db import open_db

AMBIGUOUS = (
    "03/07/2026, 09:00 - Anna: is my cake ready?\n"
    "03/07/2026, 09:05 - Shop: yes, come by at ten\n"
    "03/07/2026, 09:30 - Anna: thanks\n"
)
CERTAIN = (
    "14/10/2026, 09:00 - Bram: hello\n"
    "14/10/2026, 09:05 - Shop: hi Bram\n"
    "15/10/2026, 11:00 - Bram: thanks\n"
)


@pytest.fixture
def folder(tmp_path):
    folder = tmp_path / "exports"
    folder.mkdir()
    (folder / "WhatsApp Chat with Anna.txt").write_text(AMBIGUOUS, encoding="utf-8")
    (folder / "WhatsApp Chat with Bram.txt").write_text(CERTAIN, encoding="utf-8")
    return folder


def _chats(db_path) -> dict[str, tuple]:
    db = open_db(db_path)
    try:
        rows = db.execute(
            "SELECT c.title, COUNT(m.id), MIN(substr(m.ts, 1, 10)) FROM chats c "
            "LEFT JOIN messages m ON m.chat_id = c.id GROUP BY c.id"
        ).fetchall()
    finally:
        db.close()
    return {title: (n, first) for title, n, first in rows}


@pytest.mark.parametrize("first_without_order", [True, False])
def test_month_first_rereads_the_open_file_and_keeps_the_certain_one(
    folder, tmp_path, capsys, first_without_order
):
    from wa_audit.cli import main

    db_path = tmp_path / "ws.db"
    if first_without_order:
        assert main(["import", str(folder), "--db", str(db_path)]) == 0
        out = capsys.readouterr().out
        assert "were read day first (31-12)" in out
        assert "--date-order month-first" in out  # what to do if that is wrong
        assert _chats(db_path) == {"Anna": (3, "2026-07-03"), "Bram": (3, "2026-10-14")}
    assert main(["import", str(folder), "--db", str(db_path), "--date-order", "month-first"]) == 0
    out = capsys.readouterr().out
    # Anna's dates are read month first; Bram's 14/10 can only be day first and stays so
    assert _chats(db_path) == {"Anna": (3, "2026-03-07"), "Bram": (3, "2026-10-14")}
    assert "0 of 0" not in out
    assert "--date-order" not in out  # the order was given: no advice to give it


def test_day_first_given_for_a_day_first_folder_changes_nothing(folder, tmp_path, capsys):
    from wa_audit.cli import main

    db_path = tmp_path / "ws.db"
    assert main(["import", str(folder), "--db", str(db_path), "--date-order", "day-first"]) == 0
    assert _chats(db_path) == {"Anna": (3, "2026-07-03"), "Bram": (3, "2026-10-14")}
    assert "read again" not in capsys.readouterr().out
