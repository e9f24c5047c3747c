"""The identity of an import is the chat (from the file or zip name) together with its content.

A bulk sender's chats with people who never answered are byte-identical files that differ only
in their name: each is its own chat. The same file of the same chat imported again changes
nothing, and a longer export of a chat is merged into it.
"""

from __future__ import annotations

import zipfile

import pytest
from importing import run_import

from wa_audit.importer.archive import chat_name, export_entries, open_export
from wa_audit.store import open_db

PROMO = (
    "01/11/2026, 08:00 - Messages and calls are end-to-end encrypted. Tap to learn more.\n"
    "03/11/2026, 09:05 - Shop: Big sale this weekend, 50% off everything!\n"
    "03/11/2026, 09:05 - Shop: Reply STOP to unsubscribe\n"
)


@pytest.fixture(autouse=True, params=["in-process", "parser-process"])
def parse_mode(request, monkeypatch):
    from wa_audit.importer import store_import

    threshold = 1 << 62 if request.param == "in-process" else 0
    monkeypatch.setattr(store_import, "PARALLEL_FROM_BYTES", threshold)


def counts(db_path) -> tuple[int, int, list]:
    db = open_db(db_path)
    try:
        return (
            db.execute("SELECT COUNT(*) FROM chats").fetchone()[0],
            db.execute("SELECT COUNT(*) FROM messages").fetchone()[0],
            db.execute("SELECT id, chat_key, message_count FROM chats ORDER BY id").fetchall(),
        )
    finally:
        db.close()


@pytest.mark.parametrize(
    "pattern",
    [
        "WhatsApp Chat with Klant {i:03d}.txt",
        "WhatsApp-chat met Klant {i:03d}.txt",
        "WhatsApp Chat mit Kunde {i:03d}.txt",
        "Chat de WhatsApp con Cliente {i:03d}.txt",
        "customer_{i:03d}.txt",  # renamed by a tool: the file name still tells the chats apart
    ],
)
def test_identical_files_of_different_chats_are_all_kept(tmp_path, pattern):
    folder = tmp_path / "exports"
    folder.mkdir()
    n = 40
    for i in range(n):
        (folder / pattern.format(i=i)).write_text(PROMO)
    db_path = tmp_path / "ws.db"
    summary = run_import([folder], db_path)
    assert [f.status for f in summary.files] == ["imported"] * n
    chats, messages, rows = counts(db_path)
    assert chats == n
    assert messages == 3 * n
    assert {r[2] for r in rows} == {3}

    again = run_import([folder], db_path)
    assert [f.status for f in again.files] == ["already"] * n
    assert counts(db_path) == (chats, messages, rows)


def test_eight_hundred_identical_chats(tmp_path):
    folder = tmp_path / "bulk"
    folder.mkdir()
    for i in range(800):
        (folder / f"WhatsApp Chat with +31 6 {10000000 + i}.txt").write_bytes(PROMO.encode())
    db_path = tmp_path / "ws.db"
    summary = run_import([folder], db_path)
    assert sum(f.status == "imported" for f in summary.files) == 800
    assert counts(db_path)[:2] == (800, 2400)
    again = run_import([folder], db_path)
    assert {f.status for f in again.files} == {"already"}
    assert counts(db_path)[:2] == (800, 2400)


def test_same_chat_under_a_copy_name_is_not_a_second_chat(tmp_path):
    """Negative example: a copy of the same export ("(1)" added by the browser) is the same
    chat with the same content, so nothing new."""
    a = tmp_path / "WhatsApp Chat with Anna.txt"
    b = tmp_path / "WhatsApp Chat with Anna (1).txt"
    c = tmp_path / "sub" / "WhatsApp_Chat_with_Anna.txt"
    c.parent.mkdir()
    for p in (a, b, c):
        p.write_text(PROMO)
    db_path = tmp_path / "ws.db"
    summary = run_import([a, b, c], db_path)
    assert [f.status for f in summary.files] == ["imported", "already", "already"]
    assert counts(db_path)[:2] == (1, 3)


def test_a_longer_export_of_a_chat_is_merged_and_other_chats_are_untouched(tmp_path):
    db_path = tmp_path / "ws.db"
    for name in ("Anna", "Bram"):
        (tmp_path / f"WhatsApp Chat with {name}.txt").write_text(PROMO)
    run_import(sorted(tmp_path.glob("*.txt")), db_path)
    later = tmp_path / "later" / "WhatsApp Chat with Anna.txt"
    later.parent.mkdir()
    later.write_text(PROMO + "04/11/2026, 10:00 - Anna: STOP\n")
    summary = run_import([later], db_path)
    assert summary.files[0].status == "updated" and summary.files[0].messages_added == 1
    chats, messages, rows = counts(db_path)
    assert (chats, messages) == (2, 7)
    assert sorted(r[2] for r in rows) == [3, 4]


def test_generic_chat_txt_takes_its_folder_name(tmp_path):
    """iOS exports unpacked by the Files app: "WhatsApp Chat - NAME/_chat.txt"."""
    ios = "[03/11/2026, 09:05:07] Shop: Big sale!\n[03/11/2026, 09:06:07] Shop: 50% off\n"
    for name in ("Anna", "Bram"):
        d = tmp_path / f"WhatsApp Chat - {name}"
        d.mkdir()
        (d / "_chat.txt").write_text(ios)
    db_path = tmp_path / "ws.db"
    summary = run_import([tmp_path], db_path)
    assert sorted(f.chat_title for f in summary.files) == ["Anna", "Bram"]
    assert counts(db_path)[:2] == (2, 4)


def make_zip(path, entries: dict[str, str]):
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return path


def test_zip_with_two_chats_imports_both(tmp_path):
    bram = PROMO + "04/11/2026, 10:00 - Bram: no thanks\n"
    path = make_zip(
        tmp_path / "exports.zip",
        {
            "WhatsApp Chat with Anna.txt": PROMO,
            "WhatsApp Chat with Bram.txt": bram,
            "IMG-20261103-WA0001.jpg": "\xff\xd8",
        },
    )
    assert len(export_entries(path)) == 2
    db_path = tmp_path / "ws.db"
    summary = run_import([path], db_path)
    assert sorted(f.status for f in summary.files) == ["imported", "imported"]
    assert sorted(f.chat_title for f in summary.files) == ["Anna", "Bram"]
    assert all("exports.zip" in f.file_name for f in summary.files)
    assert counts(db_path)[:2] == (2, 7)
    again = run_import([path], db_path)
    assert [f.status for f in again.files] == ["already", "already"]
    assert counts(db_path)[:2] == (2, 7)


def test_zip_with_identical_chats_keeps_both(tmp_path):
    path = make_zip(
        tmp_path / "bulk.zip",
        {"WhatsApp Chat with Anna.txt": PROMO, "WhatsApp Chat with Bram.txt": PROMO},
    )
    run_import([path], tmp_path / "ws.db")
    assert counts(tmp_path / "ws.db")[:2] == (2, 6)


def test_a_shared_text_document_in_a_media_zip_is_not_a_chat(tmp_path):
    """Negative example: the .txt a customer sent as a document is media, not a second chat."""
    path = make_zip(
        tmp_path / "WhatsApp Chat with Anna.zip",
        {
            "WhatsApp Chat with Anna.txt": PROMO,
            "shopping list.txt": "bread\nmilk\n" * 200,
            "chat notes.txt": "notes about the chat\n" * 100,
        },
    )
    assert export_entries(path) == [None]
    source = open_export(path)
    assert source.entry == "WhatsApp Chat with Anna.txt"
    run_import([path], tmp_path / "ws.db")
    assert counts(tmp_path / "ws.db")[:2] == (1, 3)


@pytest.mark.parametrize(
    ("name", "folder", "expected"),
    [
        ("WhatsApp Chat with Anna.txt", "", "Anna"),
        ("WhatsApp-Chat mit Anna.zip", "", "Anna"),
        ("WhatsApp-chat met Anna.txt", "", "Anna"),
        ("Discussion WhatsApp avec Anna.txt", "", "Anna"),
        ("WhatsApp Chat - Anna.zip", "", "Anna"),
        ("Conversa do WhatsApp com Anna.txt", "", "Anna"),
        ("_chat.txt", "WhatsApp Chat - Anna", "Anna"),
        ("_chat.txt", "backup 2026", "backup 2026"),
        ("klant 7.txt", "anything", "klant 7"),
    ],
)
def test_chat_name_from_file_names(name, folder, expected):
    assert chat_name(name, folder) == expected
