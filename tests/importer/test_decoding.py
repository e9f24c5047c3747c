"""Text decoding line by line, and control characters neutralised at import."""

from __future__ import annotations

import io

import pytest
from importing import run_import

from wa_audit.cli import main
from wa_audit.importer import parse_file
from wa_audit.importer.quickstats import quick_stats
from wa_audit.importer.textio import LenientUtf8, neutralise
from wa_audit.store import open_db

UTF8_LINES = [
    "13/11/2026, 09:05 - Jürgen Weiß: Grüße aus Köln",
    "13/11/2026, 09:06 - Bäckerei Müller: Schön, danke!",
    "13/11/2026, 09:07 - Jürgen Weiß: Bis später",
]


def mixed_bytes() -> bytes:
    """A UTF-8 export in which one line was re-saved as Windows-1252 by an editor."""
    stray = "13/11/2026, 09:08 - Jürgen Weiß: Größe passt, Preis 20€".encode("cp1252")
    last = "13/11/2026, 09:09 - Bäckerei Müller: Ok".encode()
    lines = [s.encode() for s in UTF8_LINES] + [stray, last]
    return b"\n".join(lines) + b"\n"


def test_one_stray_windows_1252_line_leaves_the_rest_utf8(write):
    parsed = parse_file(write("WhatsApp Chat with Jürgen.txt", mixed_bytes()))
    messages = list(parsed)
    assert parsed.facts.encoding == "utf-8"
    senders = {m.sender for m in messages}
    assert senders == {"Jürgen Weiß", "Bäckerei Müller"}  # never "JÃ¼rgen"
    assert messages[3].text == "Größe passt, Preis 20€"
    assert "fallback_lines:4" in parsed.facts.warnings


def test_a_whole_windows_1252_file_is_still_read_as_such(write):
    text = "\n".join(UTF8_LINES) + "\n"
    parsed = parse_file(write("WhatsApp Chat with Jürgen.txt", text.encode("cp1252")))
    messages = list(parsed)
    assert parsed.facts.encoding == "cp1252"
    assert "encoding:cp1252" in parsed.facts.warnings
    assert messages[0].sender == "Jürgen Weiß"
    assert not any(w.startswith("fallback_lines") for w in parsed.facts.warnings)


def test_plain_utf8_has_no_decoding_warning(write):
    """Negative example: a clean file gets no warning."""
    parsed = parse_file(write("WhatsApp Chat with Jürgen.txt", "\n".join(UTF8_LINES) + "\n"))
    list(parsed)
    assert parsed.facts.encoding == "utf-8" and parsed.facts.warnings == []


def test_quick_stats_agree_on_a_file_with_a_stray_line(write):
    path = write("WhatsApp Chat with Jürgen.txt", mixed_bytes())
    full = parse_file(path)
    list(full)
    quick = quick_stats(path)
    if quick is not None:  # the fast path may step aside; if not, it must agree
        assert quick.warnings == full.facts.warnings
        assert quick.senders == full.facts.senders


def test_import_report_names_the_fallback_lines(tmp_path, write, capsys):
    path = write("WhatsApp Chat with Jürgen.txt", mixed_bytes())
    db_path = tmp_path / "ws.db"
    summary = run_import([path], db_path)
    assert "fallback_lines:4" in summary.files[0].warnings
    db = open_db(db_path)
    assert "fallback_lines:4" in db.execute("SELECT warnings_json FROM imports").fetchone()[0]
    names = {n for (n,) in db.execute("SELECT name FROM participants")}
    assert names == {"Jürgen Weiß", "Bäckerei Müller"}
    db.close()
    main(["import", str(path), "--db", str(tmp_path / "other.db")])
    assert "Line 4 was not saved as UTF-8" in capsys.readouterr().out


def test_lenient_decoder_counts_lines_across_blocks():
    lines = [f"line {i} ü".encode() for i in range(10)]
    lines[7] = "line 7 ü".encode("cp1252")
    raw = io.BytesIO(b"\r\n".join(lines) + b"\r\n")
    text = LenientUtf8(raw)
    out = []
    while piece := text.read(16):  # tiny blocks: line numbers must carry over
        out.append(piece)
    assert "".join(out).split("\n")[7] == "line 7 ü"
    assert "\r" not in "".join(out)
    assert text.fallback_lines == [8]
    assert text.saw_utf8


CONTROL = "\x00\x1b[31m\x07\x08\x7f\x9b"


def test_nul_and_terminal_controls_never_reach_names_or_texts(tmp_path, write):
    text = (
        f"03/11/2026, 09:05 - Anna{CONTROL}: hoi{CONTROL} daar\n"
        f"03/11/2026, 09:06 - Bakkerij: tab\tstays\n"
        f"03/11/2026, 09:07 - Anna: ok\x00\n"
    )
    path = write("WhatsApp Chat with Anna.txt", text)
    parsed = parse_file(path)
    messages = list(parsed)
    assert messages[0].sender == "Anna[31m"  # ESC removed: no longer a terminal code
    assert messages[0].text == "hoi[31m daar"
    assert messages[1].text == "tab\tstays"
    assert messages[2].text == "ok"
    assert "control_characters_removed" in parsed.facts.warnings
    db_path = tmp_path / "ws.db"
    run_import([path], db_path)
    db = open_db(db_path)
    stored = "".join(t + (s or "") for t, s in db.execute("SELECT text, sender FROM messages"))
    assert not any(c in stored for c in "\x00\x1b\x07\x08\x7f\x9b")
    db.close()


def test_control_characters_in_a_file_name_are_removed(tmp_path, capsys):
    path = tmp_path / "WhatsApp Chat with Anna\x1b[2J.txt"
    path.write_text("03/11/2026, 09:05 - Anna: hoi\n03/11/2026, 09:06 - Bakkerij: hallo\n")
    summary = run_import([path], tmp_path / "ws.db")
    assert "\x1b" not in summary.files[0].file_name
    assert "\x1b" not in (summary.files[0].chat_title or "")
    main(["import", str(path), "--db", str(tmp_path / "b.db")])
    assert "\x1b" not in capsys.readouterr().out


@pytest.mark.parametrize(
    "good", ["tab\there", "line\nbreak", "emoji 😀", "arabic مرحبا", "\u200ehi"]
)
def test_neutralise_keeps_ordinary_text(good):
    assert neutralise(good) == good


def test_a_binary_file_with_many_nuls_is_still_refused(write):
    from wa_audit import errors

    data = b"03/11/2026, 09:05 - Anna: hoi\n" + b"\x00\x01\x02\x03" * 400
    with pytest.raises(errors.NotAChatExport):
        list(parse_file(write("WhatsApp Chat with Anna.txt", data)))
