"""Every bad file ends in a clear, typed error naming the file; other files still import."""

from __future__ import annotations

import io
import os
import zipfile

import pytest
from importing import run_import

from wa_audit import errors
from wa_audit.importer import parse_file
from wa_audit.store import open_db

GOOD = "03/11/2026, 09:05 - Anna: hoi\n03/11/2026, 09:06 - Bakkerij: hallo\n"


def make_zip(path, entries: dict[str, bytes], **kw):
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, **kw) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return path


@pytest.fixture
def bad_files(tmp_path, write):
    files = {}
    files["empty"] = write("WhatsApp Chat with Empty.txt", b"")
    files["blank"] = write("WhatsApp Chat with Blank.txt", b"\n\n  \n")
    files["photo"] = write("IMG-20261103-WA0001.jpg", b"\xff\xd8\xff\xe0" + os.urandom(2000))
    files["photo_as_txt"] = write("photo.txt", b"\x89PNG\r\n\x1a\n" + os.urandom(500))
    files["corrupt_zip"] = write("WhatsApp Chat - Broken.zip", b"PK\x03\x04" + os.urandom(300))
    files["not_a_zip"] = write("WhatsApp Chat - Fake.zip", b"hello world")
    files["prose"] = write("notes.txt", "Dear diary,\n" * 50)
    files["undecodable"] = write(
        "WhatsApp Chat with Bytes.txt", os.urandom(3000).replace(b"\n", b" ")
    )
    files["only_media_zip"] = make_zip(tmp_path / "media.zip", {"IMG-1.jpg": b"\xff\xd8\xff"})
    files["traversal_zip"] = make_zip(
        tmp_path / "evil.zip", {"../../etc/_chat.txt": GOOD.encode(), "_chat.txt": GOOD.encode()}
    )
    bomb = tmp_path / "bomb.zip"
    with (
        zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as zf,
        zf.open("_chat.txt", "w", force_zip64=True) as f,
    ):
        block = b"\x00" * (1 << 20)
        for _ in range(12):
            f.write(block)
    files["zip_bomb"] = bomb
    huge = tmp_path / "WhatsApp Chat with Huge.txt"
    with huge.open("wb") as f:
        f.truncate(2 * (1 << 30))  # sparse: 2 GB on paper, nothing on disk
    files["huge"] = huge
    return files


EXPECTED = {
    "empty": errors.EmptyFile,
    "blank": errors.EmptyFile,
    "photo": errors.NotAChatExport,
    "photo_as_txt": errors.NotAChatExport,
    "corrupt_zip": errors.CorruptZip,
    "not_a_zip": errors.CorruptZip,
    "prose": errors.NotAChatExport,
    "undecodable": errors.NotAChatExport,
    "only_media_zip": errors.ZipWithoutChat,
    "traversal_zip": errors.UnsafeZip,
    "zip_bomb": errors.UnsafeZip,
    "huge": errors.FileTooLarge,
}


@pytest.mark.parametrize("kind", sorted(EXPECTED))
def test_bad_file_raises_typed_error_with_plain_message(bad_files, kind):
    path = bad_files[kind]
    with pytest.raises(errors.WaAuditError) as info:
        list(parse_file(path))
    assert type(info.value) is EXPECTED[kind]
    message = info.value.user_message()
    assert path.name in message
    assert "Traceback" not in message and "{" not in message


def test_encrypted_zip_is_reported(tmp_path):
    # zipfile cannot write encrypted entries: set the "encrypted" flag bit of a plain one
    path = make_zip(tmp_path / "locked.zip", {"_chat.txt": GOOD.encode()})
    data = bytearray(path.read_bytes())
    data[6] |= 0x1  # local header general purpose flags
    central = data.rfind(b"PK\x01\x02")
    data[central + 8] |= 0x1
    path.write_bytes(bytes(data))
    with pytest.raises(errors.EncryptedZip):
        list(parse_file(path))


@pytest.mark.parametrize("parallel_from", [1 << 62, 0], ids=["in-process", "parser-process"])
def test_bad_files_do_not_stop_the_good_ones(
    tmp_path, bad_files, write, monkeypatch, parallel_from
):
    from wa_audit.importer import store_import

    monkeypatch.setattr(store_import, "PARALLEL_FROM_BYTES", parallel_from)
    good = write("WhatsApp Chat with Anna.txt", GOOD)
    db_path = tmp_path / "ws.db"
    summary = run_import([*bad_files.values(), good], db_path)
    by_name = {f.file_name: f for f in summary.files}
    assert by_name[good.name].status == "imported"
    assert by_name[good.name].messages_added == 2
    for kind, path in bad_files.items():
        report = by_name[path.name]
        assert report.status == "error", kind
        assert isinstance(report.error, EXPECTED[kind])
    db = open_db(db_path)
    assert db.execute("SELECT COUNT(*) FROM messages").fetchone()[0] == 2
    assert db.execute("SELECT COUNT(*) FROM chats").fetchone()[0] == 1


def test_zip_with_media_reads_only_the_chat_text(tmp_path):
    chat = (
        "[03/11/2026, 09:05:07] Anna: hoi\n"
        "\u200e[03/11/2026, 09:07:31] Anna: \u200e<attached: 00000012-PHOTO-2026-11-03-09-07-31.jpg>\n"
    )
    path = make_zip(
        tmp_path / "WhatsApp Chat - Anna.zip",
        {
            "_chat.txt": chat.encode(),
            "00000012-PHOTO-2026-11-03-09-07-31.jpg": b"\xff\xd8\xff" * 1000,
        },
    )
    parsed = parse_file(path)
    out = list(parsed)
    assert [m.kind for m in out] == ["text", "media"]
    assert parsed.facts.title_hint == "Anna"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["WhatsApp Chat - Anna.zip"]


def test_android_zip_picks_the_chat_txt(tmp_path):
    path = make_zip(
        tmp_path / "WhatsApp Chat with Anna.zip",
        {"notes.txt": b"x" * 5000, "WhatsApp Chat with Anna.txt": GOOD.encode(), "IMG.jpg": b"1"},
    )
    assert len(list(parse_file(path))) == 2


def test_unknown_layout_is_named(write):
    text = "".join(f"2026.11.{d:02d} 09h05 | Anna: hoi\n" for d in range(1, 30))
    text = "".join(f"[{d:02d}/11/2026 @ 09:05] Anna >> hoi\n" for d in range(1, 30))
    with pytest.raises((errors.UnknownLayout, errors.NotAChatExport)):
        list(parse_file(write("odd.txt", text)))


def test_in_memory_zip_never_touches_disk(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("_chat.txt", GOOD)
    path = tmp_path / "x.zip"
    path.write_bytes(buf.getvalue())
    assert len(list(parse_file(path))) == 2
